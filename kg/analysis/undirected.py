"""The simple undirected view of a projection, on which paths, centrality and communities run, and its
igraph copy.

Split from :mod:`kg.analysis.network` (which re-exports both): the projection reads RDF; this module only
reshapes a projection already made. The view is cached with the projection (:mod:`kg.stores.cache`).
"""

import gc

import networkx as nx

__all__ = ["undirected", "relations_between", "to_igraph"]


def undirected(G):
    """The simple undirected view of a projection that paths and centrality run on.

    Parallel and opposite edges between two actors merge into one edge whose ``relations`` attribute
    lists them all (dicts ``relation``, ``label_en``, ``label_zh``, ``source``, ``target`` (the RDF
    direction), ``evidence``, ``via``), sorted so edges with evidence come first; ``multiplicity`` counts
    them. Self-loops are dropped (a path never needs them). Node attributes are shared with ``G``.

    Each actor's neighbours come in the order networkx's own ``G.to_undirected(as_view=True)`` gives
    them (the actors it points to, then those pointing to it): a search on ``U`` and one on ``G``'s
    adjacency (:func:`kg.analysis.paths.find_paths` without a view) break ties the same way.

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


def relations_between(G, u, v):
    """The relations between actors ``u`` and ``v`` of a projection, either way, as :func:`undirected`
    lists them on its edge ``u``-``v`` (ordered for ``min(u, v)``); read from ``G`` alone.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("b", "a", key="r", relation="r", evidence=[])
    'r'
    >>> [(r["source"], r["target"]) for r in relations_between(G, "a", "b")]
    [('b', 'a')]
    """
    found = _items(G, u, v, G._succ[u].get(v)) + _items(G, v, u, G._succ[v].get(u)) if u != v else []
    if len(found) > 1:
        found.sort(key=_relation_order(min(u, v)))
    return found


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


# helpers

def _undirected(G):
    U = nx.Graph(name=G.graph.get("name"), actor_classes=G.graph.get("actor_classes", []))
    # share G's node attribute dicts instead of copying them twice each (add_nodes_from with data does):
    # a third of the time on a million-triple graph, and the docstring's promise
    U._node.update(G._node)
    adjacency = U._adj
    edges = {}  # (u, v) with u <= v: the one attribute dict both directions share, as nx.Graph keeps it
    for node, ahead in G._succ.items():
        behind = G._pred[node]
        mine = adjacency[node] = {}
        for other in (*ahead, *(o for o in behind if o not in ahead)):
            if other == node:
                continue
            pair = (node, other) if node <= other else (other, node)
            data = edges.get(pair)
            if data is None:
                found = relations_between(G, *pair)
                data = edges[pair] = {"relations": found, "multiplicity": len(found)}
            mine[other] = data
    return U


def _items(G, s, o, keyed):
    if not keyed:
        return []
    return [dict(relation=data.get("relation", key), label_en=data.get("label_en", key),
                 label_zh=data.get("label_zh", key), source=s, target=o, evidence=data.get("evidence", []),
                 via=data.get("via"))
            for key, data in keyed.items()]


def _relation_order(u):
    """How the relations between two actors are ordered: with evidence first, then pointing away from
    ``u`` (the pair's first actor), then by IRI. A hop shows the first."""
    return lambda r: (not r["evidence"], r["source"] != u, r["relation"])
