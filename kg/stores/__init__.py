"""Stores: where triples are kept, how they get there, and the projection cached beside them.

- :mod:`~kg.stores.base` -- the one API every store offers (SPARQL in, pyoxigraph terms out);
- :mod:`~kg.stores.oxigraph` (``memory``, ``oxigraph:DIR``), :mod:`~kg.stores.remote` (``sparql:URL``),
  :mod:`~kg.stores.rdflib_store` (``rdflib``);
- :mod:`~kg.stores.load` -- the registry that opens them by name, the sources and their named graphs;
- :mod:`~kg.stores.persistent` -- ``oxigraph:DIR`` loaded aside and committed last, never stale;
- :mod:`~kg.stores.cache` -- the projection kept by content signature;
- :mod:`~kg.stores.push` -- the hand-over to another triple store; :mod:`~kg.stores.safety` -- files
  refused before any parser reads them.

>>> from rdflib import Graph, URIRef
>>> g = Graph(); _ = g.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
>>> as_store(g).count()
1
"""

__all__ = ["as_store", "open_store", "load"]


def open_store(spec="memory", **options):
    """Open a store by name (see :func:`kg.stores.load.open_store`)."""
    from kg.stores.load import open_store as _open

    return _open(spec, **options)


def load(spec="memory", data=None, **options):
    """Open a store and make sure it holds the graph (see :func:`kg.stores.load.load`)."""
    from kg.stores.load import load as _load

    return _load(spec, data, **options)


def as_store(graph):
    """``graph`` as a :class:`~kg.stores.base.Store`: a store as it is; an rdflib graph or dataset copied
    into an in-memory Oxigraph store (its named graphs kept), for code and tests that build rdflib graphs."""
    from kg.stores.base import Store

    if isinstance(graph, Store):
        return graph
    import pyoxigraph

    from kg.stores.oxigraph import OxigraphStore
    from kg.stores.terms import from_rdflib

    from rdflib import ConjunctiveGraph

    store = OxigraphStore()
    default = pyoxigraph.DefaultGraph()
    if isinstance(graph, ConjunctiveGraph):  # a Dataset too: keep its named graphs
        quads = []
        for s, p, o, context in graph.quads((None, None, None, None)):
            name = getattr(context, "identifier", context)
            named = name is not None and str(name) != "urn:x-rdflib:default" and type(name).__name__ == "URIRef"
            quads.append(pyoxigraph.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o),
                                         pyoxigraph.NamedNode(str(name)) if named else default))
    else:
        quads = [pyoxigraph.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o), default) for s, p, o in graph]
    store.load_quads(quads)
    return store
