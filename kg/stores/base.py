"""The one small API every store offers: SPARQL in, pyoxigraph terms out, a dataset of named graphs.

A store holds a dataset: named graphs (one per source document, one for the ontology) and a default
graph. Queries see the **merge of every graph** (a set: a triple two graphs hold is one triple) as
their default graph unless they name their own dataset (``FROM``, ``FROM NAMED``) or the caller passes
``default_graphs``/``named_graphs`` (the SPARQL protocol's ``default-graph-uri`` and
``named-graph-uri``); ``GRAPH ?g`` sees every named graph.

Subclasses implement :meth:`Store._run` (one query, answered with pyoxigraph's result types:
``QuerySolutions``, ``QueryBoolean`` or an iterator of ``Triple``) and the few methods that read or
write quads. Everything else (the guard against SERVICE and deep nesting, plain-value SELECTs for the
projection, counts) is shared.

>>> from kg.stores.oxigraph import OxigraphStore
>>> store = OxigraphStore()
>>> store.add_turtle('<urn:a> <urn:p> "x" .', graph="urn:g1")
>>> store.add_turtle('<urn:a> <urn:p> "y" .', graph="urn:g2")
>>> sorted(value.value for value, in store.select("SELECT ?o WHERE { ?s ?p ?o }"))
['x', 'y']
>>> [value.value for value, in store.select("SELECT ?o FROM <urn:g2> WHERE { ?s ?p ?o }")]
['y']
>>> store.graph_counts()
{'urn:g1': 1, 'urn:g2': 1}
"""

from kg.errors import BadQuery, DataError
from kg.query import guard
from kg.stores.terms import _converter

__all__ = ["Store"]


class Store:
    """Base class of the stores (see the module docstring).

    Attributes
    ----------
    spec : str
        The name the store was opened by (``memory``, ``oxigraph:DIR``, ``sparql:URL``, ``rdflib``).
    writable : bool
        Whether :meth:`load` may add to it.
    persistent : bool
        Whether it outlives the process (then its loads are stamped and its projection cached beside it).
    allow_service : tuple of str
        IRI prefixes of the SERVICE endpoints a query may call (none by default).
    """

    spec = "memory"
    writable = True
    persistent = False

    def __init__(self, *, allow_service=()):
        self.allow_service = tuple(allow_service or ())

    # -- queries ---------------------------------------------------------------------------------

    def query(self, text, *, default_graphs=None, named_graphs=None, base_iri=None):
        """Run one SPARQL query; answers as pyoxigraph result objects.

        ``default_graphs``/``named_graphs`` (lists of IRIs) set the dataset as the SPARQL protocol's
        ``default-graph-uri``/``named-graph-uri`` do; otherwise the query's own ``FROM`` clauses, or the
        union of every graph. The text is checked by :func:`kg.query.guard.check` first (no SERVICE
        unless allowed, bounded nesting), so nothing the engine would do outside the store happens.
        """
        shape = guard.check(text, allow_service=self.allow_service)
        if shape.is_update:
            raise BadQuery("updates are refused: the graph is read-only")
        return self._run(text, shape=shape, default_graphs=default_graphs, named_graphs=named_graphs,
                         base_iri=base_iri)

    def select(self, text):
        """Rows of a SELECT as tuples of plain values (:func:`kg.stores.terms.plain`), for the projection."""
        convert = _converter()
        for solution in self.query(text):
            yield tuple(map(convert, solution))

    def ask(self, text):
        """The answer of an ASK query, as a bool."""
        return bool(self.query(text))

    def count(self):
        """How many triples the store holds, counted per graph (a triple stated in two graphs counts twice)."""
        return sum(self.graph_counts(include_default=True).values())

    def is_empty(self):
        """True when no graph holds a triple (asks for one triple only)."""
        return not self.ask("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")

    def graph_counts(self, include_default=False):
        """``{graph IRI: triple count}`` for every named graph (and ``None`` for the default graph)."""
        counts = {}
        for graph, number in self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
            counts[graph] = int(number.value)
        if include_default:
            rows = list(self._run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", shape=guard.inspect("SELECT"),
                                  default_graphs=[None]))
            default = int(rows[0][0].value) if rows else 0
            if default:
                counts[None] = default
        return dict(sorted(counts.items(), key=lambda item: (item[0] is None, item[0] or "")))

    # -- what subclasses provide -----------------------------------------------------------------

    def _run(self, text, *, shape, default_graphs, named_graphs, base_iri):  # pragma: no cover - abstract
        raise NotImplementedError

    def quads(self, graph=None):
        """Every quad (pyoxigraph ``Quad``), or the triples of one named graph; sorted is not promised."""
        raise DataError(f"the store {self.spec} cannot list its triples")

    def load_quads(self, quads, *, replace_graphs=()):
        """Add ``quads``; first empty every graph in ``replace_graphs`` (one transaction where possible)."""
        raise DataError(f"the store {self.spec} is read-only: nothing can be loaded into it")

    def load_file(self, path, fmt, *, graph=None, replace=True):
        """Load one RDF file (triples into ``graph``; quads keep their graphs); returns the graphs it filled.

        ``replace`` empties those graphs first, so loading a changed file again replaces its statements.
        """
        raise DataError(f"the store {self.spec} is read-only: nothing can be loaded into it")

    def rdflib_graph(self):
        """An rdflib ``Graph`` holding every triple (the union of the graphs), for pyshacl and rdflib users."""
        from rdflib import Graph

        from kg.namespaces import bind_prefixes
        from kg.stores.terms import to_rdflib

        graph = bind_prefixes(Graph())
        for quad in self.quads():
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return graph

    def signature(self):
        """A string that changes whenever the store's content changes, or None when that cannot be told."""
        return None

    def close(self):
        """Release the store (idempotent)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __len__(self):
        return self.count()

    def __repr__(self):
        return f"<{type(self).__name__} {self.spec}>"
