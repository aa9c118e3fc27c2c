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

rdflib's engine would fetch whatever a query names: ``FROM <http://...>`` and ``FROM NAMED`` load the URL
(or a ``file:`` IRI) when the dataset holds no graph of that name, and ``SERVICE`` posts to its endpoint.
Here a query reads only the store's own graphs: its dataset clauses pick among them (a name the store does
not hold is an empty graph, as on Oxigraph), and its SERVICE calls, read from the parsed query (after
the parser's own escapes), must be allowed by ``allow_service``.

>>> [row[0].value for row in store.query("SELECT ?o FROM <file:///etc/hostname> WHERE { ?s ?p ?o }")]
[]
"""

import re
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

        try:
            with warnings.catch_warnings():  # rdflib 7 warns about its own Dataset API inside query()
                warnings.simplefilter("ignore", DeprecationWarning)
                query = self._parsed(text, base_iri)
                main = query.algebra
                if main.get("datasetClause"):  # FROM / FROM NAMED: chosen among our graphs, never loaded
                    clauses, main["datasetClause"] = main["datasetClause"], None
                    if default_graphs is None and named_graphs is None:
                        default_graphs = [str(c.default) for c in clauses if c.get("default") is not None]
                        named_graphs = [str(c.named) for c in clauses if c.get("named") is not None]
                dataset = self.dataset
                if default_graphs is not None or named_graphs is not None:
                    dataset = self._view(default_graphs, named_graphs)
                result = _materialized(dataset.query(query))
            if result.type == "ASK":
                return bool(result.askAnswer)
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                import pyoxigraph

                return [pyoxigraph.Triple(*map(from_rdflib, triple)) for triple in result.graph]
            names = [str(v) for v in result.vars or ()]
            return Solutions(names, [tuple(from_rdflib(term) for term in row) for row in result])
        except BadQuery:
            raise
        except RecursionError:
            raise BadQuery("the query nests or chains its parts too deeply for the rdflib store's engine "
                           "(Python's recursion limit); simplify it, or use --store memory") from None
        except Exception as error:  # rdflib raises many unrelated types for bad queries
            raise BadQuery(" ".join(str(error).split())[:400]) from None

    def _parsed(self, text, base_iri):
        """The query parsed by rdflib, refused if one of its SERVICE calls is not allowed."""
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery

        from kg.query.guard import service_allowed

        query = translateQuery(parseQuery(text), base_iri)
        for part in _parts(query.algebra):
            if getattr(part, "name", None) != "ServiceGraphPattern":
                continue
            # rdflib calls the URL it reads back out of the pattern's text, which can differ from its term
            called = re.match(r"^service\s+(?:silent\s+)?<([^>]*)>", part.get("service_string") or "", re.I)
            endpoints = [str(part.get("term")), called.group(1) if called else ""]
            if not all(service_allowed(url, self.allow_service) for url in endpoints):
                raise BadQuery(f"federated queries (SERVICE {endpoints[0][:80]}) are off: this query would make "
                               "the server send a request to another host; start it with --allow-service URL "
                               "to allow that endpoint")
        return query

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
        # through an Oxigraph store, which writes typed literals in their canonical form ("10000.0" as
        # "10000"^^xsd:decimal), so every store holds, and exports, the same terms
        canonical = pyoxigraph.Store()
        canonical.extend(quads)
        quads = list(canonical)
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


def _parts(node):
    """Every algebra node under ``node`` (rdflib's CompValue dicts, lists of them), depth first."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _materialized(result):
    """rdflib evaluates lazily (and warns while it does): read the rows while warnings are silenced."""
    if result.type == "SELECT":
        result.bindings = list(result.bindings)
    return result
