"""The simple undirected view of a projection, on which paths, centrality and communities run, and its
igraph copy.

Split from :mod:`kg.analysis.network` (which re-exports both): the projection reads RDF; this module only
reshapes a projection already made. The view is cached with the projection (:mod:`kg.stores.cache`).
"""

import gc

import networkx as nx

__all__ = ["undirected", "to_igraph"]


def undirected(G):
    """The simple undirected view of a projection that paths and centrality run on.

    Parallel and opposite edges between two actors merge into one edge whose ``relations`` attribute
    lists them all (dicts ``relation``, ``label_en``, ``label_zh``, ``source``, ``target`` (the RDF
    direction), ``evidence``, ``via``), sorted so edges with evidence come first; ``multiplicity`` counts
    them. Self-loops are dropped (a path never needs them). Node attributes are shared with ``G``.

    Built anew on every call: a caller that needs it often keeps it (``kg.KnowledgeGraph.undirected``
    is made once per graph).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="r1", relation="r1", evidence=[])
    'r1'
    >>> G.add_edge("b", "a", key="r2", relation="r2", evidence=[])
    'r2'
    >>> U = undirected(G)
    >>> U.number_of_edges(), U["a"]["b"]["multiplicity"]
    (1, 2)
    >>> [(r["source"], r["relation"]) for r in U["a"]["b"]["relations"]]
    [('a', 'r1'), ('b', 'r2')]
    """
    enabled = gc.isenabled()
    gc.disable()  # a few hundred thousand new objects and no cycles: collecting them all the while is waste
    try:
        return _undirected(G)
    finally:
        if enabled:
            gc.enable()


def _undirected(G):
    U = nx.Graph(name=G.graph.get("name"), actor_classes=G.graph.get("actor_classes", []))
    U.add_nodes_from(G)
    # share G's node attribute dicts instead of copying them twice each (add_nodes_from with data does):
    # a third of the time on a million-triple graph, and the docstring's promise
    U._node.update(G._node)
    relations = {}
    for s, o, key, data in G.edges(keys=True, data=True):
        if s == o:
            continue
        pair = (s, o) if s <= o else (o, s)
        item = dict(relation=data.get("relation", key), label_en=data.get("label_en", key),
                    label_zh=data.get("label_zh", key), source=s, target=o,
                    evidence=data.get("evidence", []), via=data.get("via"))
        found = relations.get(pair)
        if found is None:
            relations[pair] = [item]
        else:
            found.append(item)
    edges = []
    for (u, v), found in relations.items():
        if len(found) > 1:
            found.sort(key=_relation_order(u))
        edges.append((u, v, {"relations": found, "multiplicity": len(found)}))
    U.add_edges_from(edges)
    return U


def _relation_order(u):
    """How the relations between two actors are ordered: with evidence first, then pointing away from
    ``u`` (the pair's first actor), then by IRI. A hop shows the first."""
    return lambda r: (not r["evidence"], r["source"] != u, r["relation"])


def to_igraph(U, *, loops=False):
    """The undirected view ``U`` as an igraph graph: ``(graph, nodes, index)``, vertex ``i`` being
    ``nodes[i]`` and ``index`` its inverse. Self-loops are left out unless ``loops``. Needs igraph.

    >>> import networkx as nx
    >>> graph, nodes, index = to_igraph(nx.Graph([("a", "b"), ("b", "b")]))
    >>> graph.ecount(), nodes, index["b"]
    (1, ['a', 'b'], 1)
    """
    import igraph

    nodes = list(U)
    index = {node: i for i, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in U.edges() if loops or a != b])
    return graph, nodes, index
