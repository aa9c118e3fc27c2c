"""Communities of the actor network: Louvain, label propagation or Leiden, deterministic for a seed.

Communities are found on the simple undirected view (:func:`kg.analysis.network.undirected`): who is
tied to whom, each pair once, whatever the direction or number of relations. Every actor belongs to
exactly one community (an isolated actor is a community of one). Communities are numbered 1, 2, ...
from the largest down (ties: the community holding the smallest IRI first), and each is named by its
most central members (degree on the whole network, ties by IRI), so a reader sees "Lanzhou University /
Jinchuan Group" rather than "community 3". Modularity (networkx's, at the same resolution) says how
much more the communities hold inside than a random network with the same degrees would (computed from
the communities' tie counts; the tests check it against ``networkx.community.modularity``).

Methods
    ``louvain``
        igraph's ``community_multilevel`` (Louvain: greedy modularity, seeded; ``resolution`` > 1 gives
        more, smaller communities); networkx's ``louvain_communities`` does the same 23 times slower.
    ``label-propagation``
        networkx's ``asyn_lpa_communities`` (each actor takes its neighbours' most common label, in a
        seeded random order); it has no resolution.
    ``leiden``
        ``leidenalg`` on an ``igraph`` copy (RB configuration partition, i.e. modularity with a
        resolution), when both packages are installed; a clear error otherwise.

>>> import networkx as nx
>>> U = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
>>> found = find_communities(U, seed=1)
>>> [c["members"] for c in found["communities"]]  # most central (here: tied to the other triangle) first
[['c', 'a', 'b'], ['d', 'e', 'f']]
>>> round(found["modularity"], 4)
0.3571
"""

import networkx as nx

from kg.errors import BadArgument, KGError

__all__ = ["METHODS", "find_communities", "community_of", "community_name"]

#: method name -> what it does
METHODS = {
    "louvain": "Louvain modularity optimisation (igraph), seeded",
    "label-propagation": "asynchronous label propagation (networkx), seeded; no resolution",
    "leiden": "Leiden (leidenalg on igraph, when installed), seeded",
}

#: how many of its most central members name a community
NAMING_MEMBERS = 2


def find_communities(U, method="louvain", *, seed=0, resolution=None, lang="en"):
    """The communities of an undirected actor network.

    Parameters
    ----------
    U : networkx.Graph
        The undirected view (``KnowledgeGraph.undirected``); node attributes ``label_en``/``label_zh``
        name the communities when present.
    method : str
        One of :data:`METHODS`.
    seed : int
        Seed of the method's random choices: the same seed on the same network gives the same answer.
    resolution : float, optional
        Modularity resolution (default 1.0) for louvain and leiden; label propagation takes none.
    lang : {"en", "zh"}
        Language of the community names.

    Returns
    -------
    dict
        ``method``, ``seed``, ``resolution``, ``modularity`` (float, ``None`` for a network without
        ties), ``communities`` (list of dicts ``id``, ``size``, ``name``, ``central`` (the naming members'
        IRIs), ``members`` (IRIs, most central first), ``internal_ties``, ``external_ties``) and
        ``membership`` (IRI -> community id).

    Examples
    --------
    >>> U = nx.Graph([("a", "b"), ("c", "d")])
    >>> find_communities(U, "label-propagation", seed=3)["membership"]
    {'a': 1, 'b': 1, 'c': 2, 'd': 2}
    >>> find_communities(U, "label-propagation", resolution=2.0)
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: label-propagation has no resolution; give --resolution to louvain or leiden only
    >>> find_communities(U, "spectral")
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: unknown community method 'spectral'; valid methods: louvain, label-propagation, leiden
    """
    if method not in METHODS:
        raise BadArgument(f"unknown community method {method!r}; valid methods: {', '.join(METHODS)}")
    if method == "label-propagation" and resolution is not None:
        raise BadArgument("label-propagation has no resolution; give --resolution to louvain or leiden only")
    if resolution is not None and not resolution > 0:
        raise BadArgument(f"resolution must be a positive number, not {resolution!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise BadArgument(f"seed must be a whole number, not {seed!r}")
    gamma = 1.0 if resolution is None else float(resolution)
    nodes = list(U)
    if not nodes:
        return dict(method=method, seed=seed, resolution=None if method == "label-propagation" else gamma,
                    modularity=None, communities=[], membership={})
    labels, edges = _PARTITIONERS[method](U, nodes, seed, gamma)
    ordered, membership, internal, external, ties, loops, degree_sums = _arrange(U, nodes, labels, edges)
    communities = [dict(id=index, size=len(members), name=community_name(U, members, lang),
                        central=members[:NAMING_MEMBERS], members=members, internal_ties=internal[index - 1],
                        external_ties=external[index - 1])
                   for index, members in enumerate(ordered, 1)]
    if not ties:
        modularity = None
    elif loops:  # the one-pass sum below assumes no self-loops
        modularity = nx.community.modularity(U, ordered, resolution=gamma)
    else:
        modularity = _modularity(degree_sums, ties, internal, gamma)
    return dict(method=method, seed=seed, resolution=None if method == "label-propagation" else gamma,
                modularity=modularity, communities=communities,
                membership=dict(zip(*membership)))


def community_of(found):
    """IRI -> community id, from :func:`find_communities`'s answer (for exports and the view).

    >>> community_of({"membership": {"a": 1}})
    {'a': 1}
    """
    return dict(found["membership"])


def community_name(U, members, lang="en"):
    """A community's name: its :data:`NAMING_MEMBERS` most central members' names, joined by `` / ``
    (with ``+N`` for the others).

    ``members`` must already be ordered, most central first.

    >>> U = nx.Graph([("a", "b"), ("a", "c")]); U.nodes["a"]["label_en"] = "Alpha"
    >>> community_name(U, ["a", "b", "c"])
    'Alpha / b +1'
    """
    other = "zh" if lang == "en" else "en"
    names = [U.nodes[n].get(f"label_{lang}") or U.nodes[n].get(f"label_{other}") or str(n)
             for n in members[:NAMING_MEMBERS]]
    rest = len(members) - len(names)
    return " / ".join(names) + (f" +{rest}" if rest > 0 else "")


# helpers

def _arrange(U, nodes, labels, edges):
    """Number, order and count the communities of a partition, with numpy (issue 24: at 1M triples the
    Python passes over networkx's views cost half as much again as igraph's Louvain itself).

    ``labels[i]`` is the community of ``nodes[i]`` (any ints); ``edges`` the ties as index pairs, each
    once, without self-loops (None: read from ``U``). Returns the members of each community (most
    central first; communities largest first, ties by their smallest IRI), ``(nodes in IRI order, their
    ids)``, internal and external tie counts per community, the number of ties and of self-loops, and
    each community's degree sum.
    """
    from itertools import chain

    import numpy as np

    adjacency = U._adj  # read directly: networkx's degree and edge views cost more than the C they feed
    count = len(nodes)
    if edges is None:
        index = {node: i for i, node in enumerate(nodes)}
        edges = [(i, j) for i, nbrs in enumerate(adjacency.values()) for j in map(index.__getitem__, nbrs) if j > i]
    pairs = np.fromiter(chain.from_iterable(edges), dtype=np.int64, count=2 * len(edges)).reshape(-1, 2)
    looped = np.fromiter((i for i, (node, nbrs) in enumerate(adjacency.items()) if node in nbrs), dtype=np.int64)
    degree = np.bincount(pairs.reshape(-1), minlength=count)
    degree[looped] += 2  # a self-loop counts twice, as networkx counts it
    names = np.array([str(node) for node in nodes])
    by_name = np.argsort(names, kind="stable")
    name_rank = np.empty(count, dtype=np.int64)
    name_rank[by_name] = np.arange(count)
    _, raw = np.unique(np.asarray(labels), return_inverse=True)
    raw = raw.reshape(-1)
    sizes = np.bincount(raw)
    first_name = np.full(len(sizes), count, dtype=np.int64)
    np.minimum.at(first_name, raw, name_rank)
    community_order = np.lexsort((first_name, -sizes))  # largest first, then the smallest IRI
    ids = np.empty(len(sizes), dtype=np.int64)
    ids[community_order] = np.arange(len(sizes))
    membership = ids[raw]  # 0-based community of each node
    central = np.lexsort((name_rank, -degree))  # every node, most central first (ties by IRI)
    grouped = central[np.argsort(membership[central], kind="stable")]
    bounds = np.cumsum(np.bincount(membership, minlength=len(sizes)))[:-1]
    ordered = [[nodes[i] for i in chunk.tolist()] for chunk in np.split(grouped, bounds)]
    a, b = membership[pairs[:, 0]], membership[pairs[:, 1]]
    same = a == b
    k = len(sizes)
    internal = np.bincount(a[same], minlength=k)
    external = np.bincount(a[~same], minlength=k) + np.bincount(b[~same], minlength=k)
    loops = len(looped)
    internal = internal + np.bincount(membership[looped], minlength=k)
    ties = int(internal.sum() + external.sum() // 2)
    degree_sums = np.bincount(membership, weights=degree, minlength=k)
    named = [nodes[i] for i in by_name.tolist()]
    return (ordered, (named, (membership[by_name] + 1).tolist()), internal.tolist(), external.tolist(), ties, loops,
            degree_sums)


def _louvain(U, nodes, seed, resolution):
    """igraph's Louvain (``community_multilevel``, in C: 0.26 s where networkx's took 6 s at 1M triples,
    bench/louvain.py), its random numbers drawn from ``random.Random(seed)`` so a seed gives one answer."""
    import random

    import igraph

    from kg.analysis.network import to_igraph

    graph, _, _ = to_igraph(U)  # vertex i is nodes[i]: both are list(U)
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        clusters = graph.community_multilevel(resolution=resolution)
    finally:
        igraph.set_random_number_generator(previous if previous is not None else random)
    return clusters.membership, graph.get_edgelist()


def _label_propagation(U, nodes, seed, _resolution):
    index = {node: i for i, node in enumerate(nodes)}
    labels = [0] * len(nodes)
    for label, part in enumerate(nx.community.asyn_lpa_communities(U, seed=seed)):
        for node in part:
            labels[index[node]] = label
    return labels, None


def _leiden(U, nodes, seed, resolution):
    try:
        import igraph  # noqa: F401  (whether it is installed; to_igraph uses it)
        import leidenalg
    except ImportError:
        raise KGError("the leiden method needs the Python packages igraph and leidenalg, which are not installed "
                      "(pip install igraph leidenalg); louvain and label-propagation need nothing more") from None
    from kg.analysis.network import to_igraph

    graph, _, _ = to_igraph(U, loops=True)
    partition = leidenalg.find_partition(graph, leidenalg.RBConfigurationVertexPartition,
                                         resolution_parameter=resolution, seed=seed)
    return partition.membership, None


def _modularity(degree_sums, m, internal, resolution):
    """Newman's modularity of a partition of a simple undirected graph with ``m`` ties, from per-community
    counts: sum over communities of L_c / m - resolution * (d_c / 2m)^2 (networkx's definition,
    unweighted), instead of networkx's second walk over every edge."""
    return float(sum(inside / m - resolution * (total / (2 * m)) ** 2 for inside, total in zip(internal, degree_sums)))


_PARTITIONERS = {"louvain": _louvain, "label-propagation": _label_propagation, "leiden": _leiden}
