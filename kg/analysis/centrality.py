"""Centrality of actors: degree, betweenness, closeness, eigenvector and PageRank on the projection.

Every measure runs on the simple undirected view (:func:`kg.analysis.network.undirected`): the RDF direction of a
tie is a modelling choice (a project points to its leader, a member to its consortium), not a flow, so
ranking by it would rank modelling conventions. Parallel relations between two actors count once.

Counted but unnamed collectives
    The article counts some groups without naming them ("64 chain enterprises"); the projection keeps
    each count on the actor that states it (node attribute ``collectives``) and never mints members.
    Counts of different kinds (measure, class or role, unit, time, source) are never added
    (:mod:`kg.analysis.collectives`). With ``collectives=True``:

    - every measure keeps its networkx meaning (a normalised degree never exceeds 1);
    - each row gains ``named_degree`` (distinct named neighbours), ``largest_counted_group`` (the single
      largest count), ``counted_as`` (that group: count, unit, measure, time) and
      ``other_counted_groups`` (the others, side by side, not summed);
    - **pagerank**: the random surfer teleports to an actor with weight ``1 + largest_counted_group``
      (networkx's ``personalization``), so an actor standing for 64 unnamed enterprises is visited as
      if those enterprises sent their share of random jumps through it; one count, never a sum;
    - **betweenness, closeness, eigenvector** are unchanged: they measure position among named actors,
      and counted members have no known ties beyond the one to their collective.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_edge("a", "hub", key="r")
'r'
>>> G.add_edge("b", "hub", key="r")
'r'
>>> [(row["iri"], row["degree"]) for row in compute(G, ["degree"])]
[('hub', 1.0), ('a', 0.5), ('b', 0.5)]
"""

import networkx as nx

from kg.errors import BadArgument, KGError
from kg.analysis.collectives import collective_columns
from kg.analysis.network import SMALL_NETWORK, class_filter, to_igraph, undirected
from kg.formats import MEASURES as _MEASURES

__all__ = ["MEASURES", "BROKERAGE_MEASURES", "ALL_MEASURES", "compute"]

#: measure name -> one-line description (defined once, in kg.formats); computed by default
MEASURES = _MEASURES

#: measures of brokerage (kg.analysis.brokerage), computed only when asked for
BROKERAGE_MEASURES = {
    "brokerage": "open triads this actor brokers between actors with a sector (Gould-Fernandez, all roles)",
    "constraint": "Burt's constraint: low when this actor's contacts are not tied to each other",
    "effective-size": "Burt's effective size: contacts less their redundancy",
}

#: every measure compute() knows
ALL_MEASURES = {**MEASURES, **BROKERAGE_MEASURES}


def compute(G, measures=("degree", "betweenness", "closeness", "eigenvector", "pagerank"), *, classes=None,
            top=None, collectives=False, betweenness_k=None, seed=0, U=None, sectors=None):
    """Centrality scores for the actors of a projection.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection from :func:`kg.analysis.network.project` (any networkx graph works; node attributes
        ``label_zh``, ``label_en``, ``cls``, ``classes``, ``collectives`` are used when present).
    measures : sequence of str
        Names from :data:`ALL_MEASURES`; the first one orders the result (actors without a value, such
        as an isolated actor's constraint, last).
    classes : iterable of str, optional
        Keep only actors of these classes (IRIs or local names such as ``"University"``; subclasses
        count). Scores are always computed on the whole graph first.
    top : int, optional
        Keep only the first ``top`` rows.
    collectives : bool
        Add the counted-but-unnamed groups' columns and let the largest weigh in PageRank, as the module
        docstring explains.
    betweenness_k : int, optional
        Estimate betweenness from this many sampled source actors (seeded by ``seed``) instead of all.
    seed : int
        Seed for the betweenness sample.
    U : networkx.Graph, optional
        ``undirected(G)`` when the caller has it already.
    sectors : dict, optional
        Node -> triple-helix sector (:func:`kg.analysis.helix.actor_sectors`), needed by ``brokerage``;
        its rows then also carry ``brokerage_roles`` (Gould-Fernandez counts by role).

    Returns
    -------
    list of dict
        ``iri``, ``label_zh``, ``label_en``, ``cls`` and one key per measure; sorted by the first measure,
        highest first, ties by IRI.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> [(r["iri"], r["betweenness"]) for r in compute(G, ("betweenness",))]
    [('b', 1.0), ('a', 0.0), ('c', 0.0)]
    >>> compute(G, ("fame",))
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: unknown centrality measure 'fame'; valid measures: degree, betweenness, closeness, eigenvector, pagerank, brokerage, constraint, effective-size
    """
    measures = [measures] if isinstance(measures, str) else list(measures)
    if not measures:
        raise BadArgument(f"no centrality measure given; valid measures: {', '.join(MEASURES)}")
    for measure in measures:
        if measure not in ALL_MEASURES:
            raise BadArgument(f"unknown centrality measure {measure!r}; valid measures: {', '.join(ALL_MEASURES)}")
    if "brokerage" in measures and sectors is None:
        raise BadArgument("the brokerage measure needs each actor's sector (sectors=, kg.analysis.helix.actor_sectors)")
    if top is not None and (not isinstance(top, int) or top < 1):
        raise BadArgument(f"top must be a positive whole number, not {top!r}")
    if betweenness_k is not None and (not isinstance(betweenness_k, int) or betweenness_k < 1):
        raise BadArgument(f"betweenness_k must be a positive whole number, not {betweenness_k!r}")
    U = U if U is not None else undirected(G)
    keep = class_filter(U, classes) if classes else None
    extra = {n: collective_columns(U, n) for n in U} if collectives else {}
    weights = {n: (extra[n]["largest_counted_group"] or 0) if collectives else 0 for n in U}
    roles = None
    if "brokerage" in measures:
        from kg.analysis.brokerage import gould_fernandez

        roles = gould_fernandez(U, sectors)
    scores = {m: (_MEASURE_FUNCTIONS[m](U, weights, betweenness_k, seed) if m != "brokerage"
                  else {n: counts["total"] for n, counts in roles.items()}) if len(U) else {} for m in measures}
    rows = []
    for node, data in U.nodes(data=True):
        if keep is not None and node not in keep:
            continue
        row = dict(iri=node, label_zh=data.get("label_zh", node), label_en=data.get("label_en", node),
                   cls=data.get("cls"))
        row.update((m, scores[m][node]) for m in measures)
        row.update(extra.get(node, ()))
        if roles is not None:
            row["brokerage_roles"] = {role: count for role, count in roles[node].items() if role != "total"}
        rows.append(row)
    first = measures[0]
    rows.sort(key=lambda row: row["iri"])
    rows.sort(key=lambda row: (row[first] is not None, row[first] or 0), reverse=True)  # stable: ties in IRI order
    return rows[:top] if top else rows


# helpers

def _degree(U, weights, _k, _seed):
    if len(U) == 1:
        return {n: 0.0 for n in U}
    scale = 1.0 / (len(U) - 1)
    return {n: d * scale for n, d in U.degree()}  # named ties only: counted groups are columns of their own


def _betweenness(U, _weights, k, seed):
    sample = k if k is not None and k < len(U) else None
    # below a few thousand actors networkx is done before igraph would be imported
    found = _igraph_betweenness(U, sample, seed) if len(U) >= _SMALL else None
    if found is not None:
        return found
    return nx.betweenness_centrality(U, k=sample, seed=seed if sample else None, normalized=True)


def _igraph_betweenness(U, k, seed):
    """networkx's betweenness (the same sampled sources for a seed, the same scores) computed by igraph,
    when it is installed: its C core is 100x faster. None when igraph or networkx's rescaling is missing.

    networkx counts shortest paths from each (sampled) source to every target, then rescales; igraph
    gives the same sums from the same sources, and networkx's own rescaling finishes the job.
    """
    import inspect
    import random

    try:
        import igraph  # noqa: F401  (whether it is installed; to_igraph uses it)
    except ImportError:
        return None
    rescale = getattr(nx.algorithms.centrality.betweenness, "_rescale", None)
    if rescale is None or "sampled_nodes" not in inspect.signature(rescale).parameters or len(U) < 3:
        return None
    graph, nodes, index = to_igraph(U)
    sources = random.Random(seed).sample(nodes, k) if k else None  # networkx's choice for this seed
    chosen = None if sources is None else [index[s] for s in sources]
    # networkx counts each (source, target) pair in both orders on an undirected graph, igraph once
    raw = graph.betweenness(directed=False, sources=chosen, targets=None) if chosen else graph.betweenness(directed=False)
    scores = {node: 2 * value for node, value in zip(nodes, raw)}
    return rescale(scores, len(nodes), normalized=True, directed=False, endpoints=False, sampled_nodes=sources)


def _closeness(U, _weights, _k, _seed):
    return nx.closeness_centrality(U)


def _eigenvector(U, _weights, _k, _seed):
    """networkx's eigenvector_centrality (power iteration on A + I from a uniform start), on a sparse matrix.

    The same definition and values as ``nx.eigenvector_centrality``, also on split graphs (where
    ``eigenvector_centrality_numpy`` refuses), at sparse-matrix speed instead of pure Python's.
    """
    if U.number_of_edges() == 0:
        return {n: 0.0 for n in U}
    if len(U) < _SMALL:  # pure Python is quicker than importing numpy and scipy (~0.25 s) for a few nodes
        try:
            return nx.eigenvector_centrality(U, max_iter=_EIGENVECTOR_MAX_ITER, tol=_EIGENVECTOR_TOLERANCE)
        except nx.PowerIterationFailedConvergence:
            raise KGError(f"eigenvector centrality did not converge in {_EIGENVECTOR_MAX_ITER} iterations") from None
    import numpy as np

    nodes = list(U)
    adjacency = nx.to_scipy_sparse_array(U, nodelist=nodes, weight=None, format="csr")
    scores = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(_EIGENVECTOR_MAX_ITER):
        previous = scores
        scores = adjacency @ previous + previous
        scores /= np.sqrt(np.sum(scores * scores))  # not linalg.norm: BLAS threads crawl on a busy machine
        if np.abs(scores - previous).sum() < len(nodes) * _EIGENVECTOR_TOLERANCE:
            return dict(zip(nodes, scores.tolist()))
    raise KGError(f"eigenvector centrality did not converge in {_EIGENVECTOR_MAX_ITER} iterations")


def _pagerank(U, weights, _k, _seed):
    personalization = {n: 1 + weights[n] for n in U} if any(weights.values()) else None
    # networkx's pure-Python PageRank (same definition) spares small graphs the scipy import
    pagerank = getattr(nx.algorithms.link_analysis.pagerank_alg, "_pagerank_python", None)
    if pagerank is None or len(U) >= _SMALL:
        pagerank = nx.pagerank
    try:
        return pagerank(U, alpha=0.85, personalization=personalization, max_iter=1000, tol=1e-08)
    except nx.PowerIterationFailedConvergence:
        raise KGError("PageRank did not converge in 1000 iterations") from None


_EIGENVECTOR_MAX_ITER = 100000
#: below this many actors, eigenvector and PageRank run in pure Python (no numpy/scipy import)
_SMALL = SMALL_NETWORK
_EIGENVECTOR_TOLERANCE = 1e-10

def _constraint(U, _weights, _k, _seed):
    from kg.analysis.brokerage import constraint

    return constraint(U)


def _effective_size(U, _weights, _k, _seed):
    from kg.analysis.brokerage import effective_size

    return effective_size(U)


_MEASURE_FUNCTIONS = {
    "constraint": _constraint,
    "effective-size": _effective_size,
    "degree": _degree,
    "betweenness": _betweenness,
    "closeness": _closeness,
    "eigenvector": _eigenvector,
    "pagerank": _pagerank,
}
