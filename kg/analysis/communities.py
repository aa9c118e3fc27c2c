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
    parts = _PARTITIONERS[method](U, seed, gamma) if U.number_of_nodes() else []
    degree = dict(U.degree())
    ordered = []
    for part in parts:
        members = sorted(part, key=lambda n: (-degree[n], str(n)))
        ordered.append(members)
    ordered.sort(key=lambda members: (-len(members), min(str(n) for n in members)))
    membership = {node: index for index, members in enumerate(ordered, 1) for node in members}
    internal, external = _tie_counts(U, membership, len(ordered))
    communities = [dict(id=index, size=len(members), name=community_name(U, members, lang),
                        central=members[:NAMING_MEMBERS], members=members, internal_ties=internal[index],
                        external_ties=external[index])
                   for index, members in enumerate(ordered, 1)]
    if not U.number_of_edges():
        modularity = None
    elif nx.number_of_selfloops(U):  # the one-pass sum below assumes no self-loops
        modularity = nx.community.modularity(U, ordered, resolution=gamma)
    else:
        modularity = _modularity(U, membership, internal, len(ordered), gamma)
    return dict(method=method, seed=seed, resolution=None if method == "label-propagation" else gamma,
                modularity=modularity, communities=communities,
                membership={node: membership[node] for node in sorted(membership, key=str)})


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

def _louvain(U, seed, resolution):
    """igraph's Louvain (``community_multilevel``, in C: 0.26 s where networkx's took 6 s at 1M triples,
    bench/louvain.py), its random numbers drawn from ``random.Random(seed)`` so a seed gives one answer."""
    import random

    import igraph

    from kg.analysis.network import to_igraph

    graph, nodes, _ = to_igraph(U)
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        clusters = graph.community_multilevel(resolution=resolution)
    finally:
        igraph.set_random_number_generator(previous if previous is not None else random)
    return [{nodes[i] for i in part} for part in clusters]


def _label_propagation(U, seed, _resolution):
    return list(nx.community.asyn_lpa_communities(U, seed=seed))


def _leiden(U, seed, resolution):
    try:
        import igraph  # noqa: F401  (whether it is installed; to_igraph uses it)
        import leidenalg
    except ImportError:
        raise KGError("the leiden method needs the Python packages igraph and leidenalg, which are not installed "
                      "(pip install igraph leidenalg); louvain and label-propagation need nothing more") from None
    from kg.analysis.network import to_igraph

    graph, nodes, _ = to_igraph(U, loops=True)
    partition = leidenalg.find_partition(graph, leidenalg.RBConfigurationVertexPartition,
                                         resolution_parameter=resolution, seed=seed)
    return [{nodes[i] for i in part} for part in partition]


def _tie_counts(U, membership, count):
    internal = {index: 0 for index in range(1, count + 1)}
    external = dict(internal)
    for u, v in U.edges():
        a, b = membership[u], membership[v]
        if a == b:
            internal[a] += 1
        else:
            external[a] += 1
            external[b] += 1
    return internal, external


def _modularity(U, membership, internal, count, resolution):
    """Newman's modularity of a partition of a simple undirected graph, in one pass over the degrees:
    sum over communities of L_c / m - resolution * (d_c / 2m)^2 (networkx's definition, unweighted),
    reusing the internal tie counts instead of networkx's second walk over every edge."""
    m = U.number_of_edges()
    degree_sums = [0] * (count + 1)
    for node, degree in U.degree():
        degree_sums[membership[node]] += degree
    return sum(internal[c] / m - resolution * (degree_sums[c] / (2 * m)) ** 2 for c in range(1, count + 1))


_PARTITIONERS = {"louvain": _louvain, "label-propagation": _label_propagation, "leiden": _leiden}
