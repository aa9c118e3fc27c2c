"""Paths between two actors on the projection: shortest, all shortest, or the k shortest simple paths.

Paths are searched on the simple undirected view (:func:`kg.analysis.network.undirected`), because how two actors
are tied matters more than which way the RDF predicate points; every hop still reports the real RDF
direction and the evidence for it.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_edge("a", "b", key="r", relation="r", label_en="leads", label_zh="牵头", evidence=[])
'r'
>>> G.add_edge("c", "b", key="r", relation="r", label_en="leads", label_zh="牵头", evidence=[])
'r'
>>> [(hop["source"], hop["target"], hop["direction"]) for hop in find_paths(G, "a", "c")[0]]
[('a', 'b', 'forward'), ('b', 'c', 'backward')]
"""

from itertools import islice, takewhile

import networkx as nx

from kg.errors import BadArgument, NoPath, UnknownActor
from kg.analysis.network import class_filter, local_name, undirected
from kg.analysis.undirected import relations_between

__all__ = ["MODES", "MAX_PATHS", "find_paths"]

#: the path modes find_paths knows
MODES = ("shortest", "all_shortest", "k_shortest")

#: at most this many paths come back from mode="all_shortest" (their number can grow exponentially)
MAX_PATHS = 1000


def find_paths(G, source, target, *, mode="shortest", k=3, max_hops=None, avoid_classes=(), U=None):
    """Find paths between two actors of a projection.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection from :func:`kg.analysis.network.project`.
    source, target : str
        Actor IRIs (node keys of ``G``).
    mode : {"shortest", "all_shortest", "k_shortest"}
        One shortest path (ties broken the same way every run); every shortest path (at most
        :data:`MAX_PATHS`, in IRI order); or the ``k`` shortest simple paths, shortest first.
    k : int
        How many paths ``mode="k_shortest"`` returns at most.
    max_hops : int, optional
        Longest path allowed, in hops (edges).
    avoid_classes : iterable of str
        Class IRIs or local names (``"Place"``); actors of these classes (or their subclasses) may not be
        intermediate hops. The endpoints themselves are always allowed.
    U : networkx.Graph or callable, optional
        ``undirected(G)`` when the caller has it already, or a function returning it, called only when
        the search needs the view: one shortest path with no class avoided is found on ``G``'s own
        adjacency (the same path, ties broken the same way, without making or reading the view).

    Returns
    -------
    list of list of dict
        Each path is a list of hops: ``source``, ``target`` (IRIs in the order of travel),
        ``source_label_en``, ``source_label_zh``, ``target_label_en``, ``target_label_zh``,
        ``relation``, ``label_en``, ``label_zh``, ``direction`` (``"forward"`` when the RDF edge goes
        source -> target, else ``"backward"``), ``evidence`` (list of dicts span/start/end/source/iri),
        ``via`` (the membership IRI, or None), and ``parallel`` (the other relations between the same two
        actors, as dicts with the same relation keys). The hop's relation is the one with evidence first,
        then the one pointing forward, then by IRI.

    Raises
    ------
    kg.errors.NoPath
        No path under the constraints (the message says which constraint cut it).
    kg.errors.UnknownActor
        ``source`` or ``target`` is not a node of ``G``.
    kg.errors.BadArgument
        An unknown mode or class name, or a bad ``k``/``max_hops``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="p", relation="p", evidence=[])
    'p'
    >>> find_paths(G, "a", "b", mode="fastest")
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: unknown path mode 'fastest'; valid modes: shortest, all_shortest, k_shortest
    """
    if mode not in MODES:
        raise BadArgument(f"unknown path mode {mode!r}; valid modes: {', '.join(MODES)}")
    if not isinstance(k, int) or k < 1:
        raise BadArgument(f"k must be a positive whole number, not {k!r}")
    if max_hops is not None and (not isinstance(max_hops, int) or max_hops < 1):
        raise BadArgument(f"max_hops must be a positive whole number, not {max_hops!r}")
    source, target = str(source), str(target)
    for actor in (source, target):
        if actor not in G:
            raise UnknownActor(f"{actor!r} is not an actor of the graph", candidates=())
    if source == target:
        raise BadArgument(f"source and target are the same actor ({_name(G, source)}): a path needs two")
    hidden = class_filter(G, avoid_classes) - {source, target} if avoid_classes else set()
    if mode == "shortest" and not hidden:
        U = U if U is not None and not callable(U) else None
        shortest = _shortest_on(G, source, target)
        view = None
    else:
        U = U() if callable(U) else U
        U = U if U is not None else undirected(G)
        view = nx.restricted_view(U, hidden, []) if hidden else U
        try:
            shortest = nx.bidirectional_shortest_path(view, source, target)
        except nx.NetworkXNoPath:
            shortest = None
    if shortest is None:
        raise NoPath(_no_path_message(G, source, target, avoid_classes))
    if max_hops is not None and len(shortest) - 1 > max_hops:
        raise NoPath(_no_path_message(G, source, target, avoid_classes, max_hops, len(shortest) - 1))
    if mode == "shortest":
        node_paths = [shortest]
    elif mode == "all_shortest":
        node_paths = _all_shortest(view, source, target, len(shortest) - 1)
    else:
        limit = max_hops if max_hops is not None else float("inf")
        simple = nx.shortest_simple_paths(view, source, target)
        node_paths = list(islice(takewhile(lambda p: len(p) - 1 <= limit, simple), k))
    return [_hops(G, U, nodes) for nodes in node_paths]


def _all_shortest(view, source, target, length):
    """Every shortest path, in IRI order, from two BFS balls of radius about length/2 that meet.

    Each shortest path crosses exactly one actor ``near`` hops from the source and ``length - near`` from
    the target; two half-depth searches explore far fewer actors than one full-depth search.
    """
    if length == 1:
        return [[source, target]]
    near = (length + 1) // 2
    pred_source, depth_source = nx.predecessor(view, source, cutoff=near, return_seen=True)
    pred_target, depth_target = nx.predecessor(view, target, cutoff=length - near, return_seen=True)
    middles = sorted(v for v, d in depth_source.items() if d == near and depth_target.get(v) == length - near)
    paths = []
    for middle in middles:
        heads = _chains(pred_source, middle, source)
        for tail in _chains(pred_target, middle, target):
            for head in heads:
                paths.append(head[::-1] + tail[1:])
                if len(paths) >= MAX_PATHS:
                    return sorted(paths)
    return sorted(paths)


def _chains(pred, start, root):
    """Every chain start -> ... -> root following BFS predecessors (each one level nearer the root)."""
    chains, stack = [], [[start]]
    while stack and len(chains) < MAX_PATHS:
        chain = stack.pop()
        if chain[-1] == root:
            chains.append(chain)
            continue
        stack.extend(chain + [previous] for previous in pred[chain[-1]])
    return chains


def _shortest_on(G, source, target):
    """networkx's bidirectional search (``_bidirectional_pred_succ``) on ``undirected(G)``, walking ``G``'s
    adjacency in the view's order instead: the same path, or None."""
    succ_of, pred_of = G._succ, G._pred

    def neighbours(v):
        ahead = succ_of[v]
        for w in ahead:
            if w != v:
                yield w
        for w in pred_of[v]:
            if w != v and w not in ahead:
                yield w

    pred, succ = {source: None}, {target: None}
    forward, reverse = [source], [target]
    meet = None
    while forward and reverse and meet is None:
        if len(forward) <= len(reverse):
            level, forward = forward, []
            for v in level:
                for w in neighbours(v):
                    if w not in pred:
                        forward.append(w)
                        pred[w] = v
                    if w in succ:
                        meet = w
                        break
                if meet is not None:
                    break
        else:
            level, reverse = reverse, []
            for v in level:
                for w in neighbours(v):
                    if w not in succ:
                        succ[w] = v
                        reverse.append(w)
                    if w in pred:
                        meet = w
                        break
                if meet is not None:
                    break
    if meet is None:
        return None
    path, w = [], meet
    while w is not None:
        path.append(w)
        w = pred[w]
    path.reverse()
    w = succ[path[-1]]
    while w is not None:
        path.append(w)
        w = succ[w]
    return path


def _hops(G, U, nodes):
    hops = []
    for here, there in zip(nodes, nodes[1:]):
        found = U[here][there]["relations"] if U is not None else relations_between(G, here, there)
        relations = sorted(found,
                           key=lambda r: (not r["evidence"], r["source"] != here, r["relation"]))
        chosen = [_relation(r, here) for r in relations]
        hop = dict(source=here, target=there,
                   source_label_en=G.nodes[here].get("label_en"), source_label_zh=G.nodes[here].get("label_zh"),
                   target_label_en=G.nodes[there].get("label_en"), target_label_zh=G.nodes[there].get("label_zh"),
                   **chosen[0], parallel=chosen[1:])
        hops.append(hop)
    return hops


def _relation(found, here):
    return dict(relation=found["relation"], label_en=found["label_en"], label_zh=found["label_zh"],
                direction="forward" if found["source"] == here else "backward",
                evidence=found["evidence"], via=found.get("via"))


def _name(G, node):
    data = G.nodes[node]
    return data.get("label_en") or data.get("label_zh") or node


def _no_path_message(G, source, target, avoid_classes, max_hops=None, shortest=None):
    message = f"no path between {_name(G, source)} and {_name(G, target)}"
    if avoid_classes:
        message += " avoiding " + ", ".join(local_name(c) for c in avoid_classes)
    if max_hops is not None:
        message += f" within {max_hops} hop{'s' if max_hops != 1 else ''} (the shortest has {shortest})"
    return message
