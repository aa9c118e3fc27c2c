"""The ``rdflib`` store: an in-memory rdflib ``Dataset`` queried by rdflib's own (pure Python) engine.

Much slower than Oxigraph (docs/benchmarks.md), but a second, independent SPARQL engine: the tests run
the named queries on both and on Virtuoso and compare the answers. Answers are converted to pyoxigraph
terms, like every store's.

>>> store = RdflibStore()
>>> store.add_turtle('<urn:a> <urn:p> "x" .', graph="urn:g")
>>> [row[0].value for row in store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")]
['x']
>>> [row[0].value for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['x']
"""

import warnings
from pathlib import Path

from kg.errors import BadQuery, DataError
from kg.stores.base import Store

__all__ = ["RdflibStore"]


class RdflibStore(Store):
    """An rdflib ``Dataset`` whose default graph is the union of its graphs."""

    spec = "rdflib"

    def __init__(self, *, allow_service=()):
        super().__init__(allow_service=allow_service)
        from rdflib import Dataset

        from kg.namespaces import bind_prefixes

        self.dataset = bind_prefixes(Dataset(default_union=True))

    def _run(self, text, *, shape, default_graphs, named_graphs, base_iri):
        from kg.stores.remote import Solutions
        from kg.stores.terms import from_rdflib

        dataset = self.dataset
        if default_graphs is not None or named_graphs is not None:
            dataset = self._view(default_graphs, named_graphs)
        try:
            with warnings.catch_warnings():  # rdflib 7 warns about its own Dataset API inside query()
                warnings.simplefilter("ignore", DeprecationWarning)
                result = dataset.query(text, base=base_iri) if base_iri else dataset.query(text)
                result = _materialized(result)
            if result.type == "ASK":
                return bool(result.askAnswer)
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                import pyoxigraph

                return [pyoxigraph.Triple(*map(from_rdflib, triple)) for triple in result.graph]
            names = [str(v) for v in result.vars or ()]
            return Solutions(names, [tuple(from_rdflib(term) for term in row) for row in result])
        except Exception as error:  # rdflib raises many unrelated types for bad queries
            raise BadQuery(" ".join(str(error).split())[:400]) from None

    def quads(self, graph=None):
        import pyoxigraph

        from kg.stores.terms import from_rdflib

        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            named = name is not None and str(name) != "urn:x-rdflib:default"
            if graph is not None and (not named or str(name) != graph):
                continue
            yield pyoxigraph.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o),
                                  pyoxigraph.NamedNode(str(name)) if named else pyoxigraph.DefaultGraph())

    def count(self):
        return sum(1 for _ in self.quads())

    def graph_counts(self, include_default=False):
        counts = {}
        for quad in self.quads():
            name = None if type(quad.graph_name).__name__ == "DefaultGraph" else quad.graph_name.value
            if name is not None or include_default:
                counts[name] = counts.get(name, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (item[0] is None, item[0] or "")))

    def add_turtle(self, text, graph=None):
        """Add Turtle ``text`` to the named graph ``graph`` (else the default graph)."""
        from rdflib import URIRef

        target = self.dataset.graph(URIRef(graph)) if graph else self.dataset.default_graph
        target.parse(data=text, format="turtle")

    def load_quads(self, quads, *, replace_graphs=()):
        from rdflib import URIRef

        from kg.stores.terms import to_rdflib

        for name in replace_graphs:
            self.dataset.remove_graph(URIRef(name)) if name else self.dataset.default_graph.remove((None, None, None))
        for quad in quads:
            graph = quad.graph_name
            context = (self.dataset.default_graph if type(graph).__name__ == "DefaultGraph"
                       else self.dataset.graph(URIRef(graph.value)))
            context.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))

    def load_file(self, path, fmt, *, graph=None, replace=True):
        import pyoxigraph

        from kg.stores.oxigraph import RDF_FORMATS, describe_parse_error

        path = Path(path)
        rdf_format = getattr(pyoxigraph.RdfFormat, RDF_FORMATS[fmt])
        base = path.resolve().as_uri()
        try:
            if rdf_format.supports_datasets:
                quads = list(pyoxigraph.parse(path=str(path), format=rdf_format, base_iri=base))
            else:
                target = pyoxigraph.NamedNode(graph or base)
                quads = [pyoxigraph.Quad(t.subject, t.predicate, t.object, target)
                         for t in pyoxigraph.parse(path=str(path), format=rdf_format, base_iri=base)]
        except (SyntaxError, ValueError) as error:
            raise DataError(f"{path}: {describe_parse_error(error)}") from None
        names = sorted({None if type(q.graph_name).__name__ == "DefaultGraph" else q.graph_name.value
                        for q in quads}, key=lambda n: (n is None, n or ""))
        if not quads and not rdf_format.supports_datasets:
            names = [graph or base]
        self.load_quads(quads, replace_graphs=names if replace else ())
        return names

    def rdflib_graph(self):
        from rdflib import Graph

        from kg.namespaces import bind_prefixes

        graph = bind_prefixes(Graph())
        for s, p, o, _ in self.dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph

    def _view(self, default_graphs, named_graphs):  # noqa: D401
        """A Dataset holding only the graphs the protocol named (default graph = their merge)."""
        from rdflib import Dataset, URIRef

        view = Dataset(default_union=False)
        for iri in default_graphs or ():
            source = self.dataset.default_graph if iri is None else self.dataset.graph(URIRef(iri))
            for triple in source:
                view.default_graph.add(triple)
        for iri in named_graphs or ():
            target = view.graph(URIRef(iri))
            for triple in self.dataset.graph(URIRef(iri)):
                target.add(triple)
        return view


def _materialized(result):
    """rdflib evaluates lazily (and warns while it does): read the rows while warnings are silenced."""
    if result.type == "SELECT":
        result.bindings = list(result.bindings)
    return result
