"""Node positions computed in Python, so a view draws at once with physics off.

Each connected component is laid out on its own (Kamada-Kawai up to :data:`KAMADA_KAWAI_LIMIT` nodes,
networkx's spring layout up to :data:`SPRING_LIMIT`, a vectorised grid-approximated force layout above,
~1 s for 10,000 nodes), scaled so its median edge is about :data:`EDGE_LENGTH` pixels, and the components
are shelf-packed in rows, biggest first. Seeds are fixed: the same graph always gets the same picture.

>>> pos = layout(["a", "b", "c", "d"], [("a", "b"), ("b", "c")])
>>> sorted(pos), pos == layout(["a", "b", "c", "d"], [("a", "b"), ("b", "c")])
(['a', 'b', 'c', 'd'], True)
"""

import math

__all__ = ["KAMADA_KAWAI_LIMIT", "SPRING_LIMIT", "EDGE_LENGTH", "layout"]

#: components up to this many nodes get networkx's Kamada-Kawai layout
KAMADA_KAWAI_LIMIT = 150

#: components up to this many nodes get a spring layout, larger ones the grid force layout
SPRING_LIMIT = 400

#: typical edge length in pixels at zoom 1
EDGE_LENGTH = 150.0

_GAP = 120.0  # space between packed components


def layout(nodes, edges, path=None):
    """Positions in pixels for ``nodes``: each connected component on its own, then packed in rows.

    Parameters
    ----------
    nodes : list
        Hashable node ids; their order breaks ties (which component comes first, which node leads).
    edges : iterable of (u, v)
        Pairs of nodes; direction, parallel edges and self-loops do not matter.
    path : list, optional
        Nodes of a path (path views): pinned on a horizontal line, left to right, in their component.

    Returns
    -------
    dict
        ``{node: (x, y)}`` as floats; y grows downwards, as on a canvas.

    Examples
    --------
    >>> pos = layout(["a", "b", "c", "x"], [("a", "b"), ("b", "c")], path=["a", "b", "c"])
    >>> pos["a"][0] < pos["b"][0] < pos["c"][0], pos["a"][1] == pos["b"][1] == pos["c"][1]
    (True, True)
    >>> layout([], [])
    {}
    """
    if not nodes:
        return {}
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((u, v) for u, v in edges if u != v)
    order = {node: position for position, node in enumerate(nodes)}
    components = sorted((sorted(component, key=order.__getitem__) for component in nx.connected_components(simple)),
                        key=lambda component: (-len(component), order[component[0]]))
    placed = [_component_layout(_ordered_subgraph(simple, component), component, path) for component in components]
    return _pack(placed)


# helpers

def _ordered_subgraph(G, nodes):
    """The subgraph of ``G`` on ``nodes``, its nodes and edges in the order of ``nodes``.

    ``G.subgraph(nodes)`` iterates its nodes in the order of a set of them, which changes with
    PYTHONHASHSEED; the spring and Kamada-Kawai layouts start from that order, so the picture would too.

    >>> import networkx as nx
    >>> list(_ordered_subgraph(nx.path_graph(["c", "b", "a"]), ["a", "b", "c"]).edges())
    [('a', 'b'), ('b', 'c')]
    """
    import networkx as nx

    inside = set(nodes)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((u, v) for u in nodes for v in G[u] if v in inside)
    return H

def _component_layout(H, nodes, path):
    import networkx as nx

    count = len(nodes)
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    on_path = [node for node in path or () if node in H]
    if len(on_path) > 1:
        k = 2.0 / math.sqrt(count)
        hop = 3.5 * k  # long hops leave room for the long names of projects and programs on the path
        start = {node: ((i - (len(on_path) - 1) / 2) * hop, 0.0) for i, node in enumerate(on_path)}
        pos = nx.spring_layout(H, k=k, pos=start, fixed=list(start), seed=7, iterations=150)
    elif count <= KAMADA_KAWAI_LIMIT:  # started from a spring layout, it converges in far fewer steps
        pos = nx.kamada_kawai_layout(H, pos=nx.spring_layout(H, seed=7, iterations=50))
    elif count <= SPRING_LIMIT:
        pos = nx.spring_layout(H, k=1.0 / math.sqrt(count), seed=7, iterations=100, method="force")
    else:
        pos = _grid_force_layout(nodes, list(H.edges()))
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in H.edges())
    typical = lengths[len(lengths) // 2] if lengths else 1.0
    # small groups get longer edges: their long names would otherwise overlap at the zoom they open at
    scale = EDGE_LENGTH * (1 + 1.5 / math.sqrt(count)) / max(typical, 1e-9)
    return {node: (float(pos[node][0]) * scale, float(pos[node][1]) * scale) for node in nodes}


def _pack(placed):
    """Shelf-pack component layouts into rows about as wide as the whole is tall."""
    boxes = []
    for pos in placed:
        xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + _GAP, max(ys) - min(ys) + _GAP))
    row_width = max(max(box[2] for box in boxes), math.sqrt(sum(box[2] * box[3] for box in boxes)) * 1.4)
    result, x, y, row_height = {}, 0.0, 0.0, 0.0
    for pos, (left, top, width, height) in zip(placed, boxes):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in pos.items():
            result[node] = (px - left + x, py - top + y)
        x += width
        row_height = max(row_height, height)
    return result


def _grid_force_layout(nodes, edges, iterations=50, grid=20):
    """Fruchterman-Reingold with repulsion from grid-cell centroids: O(n * grid^2) a step, numpy only."""
    import numpy as np

    index = {node: position for position, node in enumerate(nodes)}
    count = len(nodes)
    rng = np.random.default_rng(7)
    side = math.sqrt(count)
    pos = (rng.random((count, 2)) - 0.5) * side
    pairs = np.array([(index[u], index[v]) for u, v in edges if u != v], dtype=np.int64).reshape(-1, 2)
    temperature = side / 8
    for _ in range(iterations):
        low, high = pos.min(axis=0), pos.max(axis=0)
        cells = np.clip(((pos - low) / np.maximum(high - low, 1e-9) * grid).astype(np.int64), 0, grid - 1)
        cell = cells[:, 0] * grid + cells[:, 1]
        mass = np.bincount(cell, minlength=grid * grid).astype(float)
        filled = mass > 0
        centroid = np.stack([np.bincount(cell, weights=pos[:, axis], minlength=grid * grid)[filled]
                             for axis in (0, 1)], axis=1) / mass[filled, None]
        mass = mass[filled]
        cx, cy = centroid[:, 0].astype(np.float32), centroid[:, 1].astype(np.float32)
        px, py, weight = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32), mass.astype(np.float32)
        move = np.empty_like(pos)
        for start in range(0, count, 4096):  # 2-D blocks (nodes x cells) in float32: fast and small
            dx = px[start:start + 4096, None] - cx[None, :]
            dy = py[start:start + 4096, None] - cy[None, :]
            push = weight / (dx * dx + dy * dy + np.float32(0.01))
            move[start:start + 4096, 0] = (dx * push).sum(axis=1)
            move[start:start + 4096, 1] = (dy * push).sum(axis=1)
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = delta * np.sqrt((delta ** 2).sum(axis=1))[:, None]
            np.add.at(move, pairs[:, 0], -pull)
            np.add.at(move, pairs[:, 1], pull)
        move -= pos * 0.05  # gentle gravity keeps small components near the rest
        length = np.sqrt((move ** 2).sum(axis=1))[:, None] + 1e-9
        pos += move / length * np.minimum(length, temperature)
        temperature *= 0.93
    pos -= pos.mean(axis=0)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}
