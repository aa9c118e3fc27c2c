"""Interactive, self-contained HTML views of the projected actor network.

A view is one HTML file that opens from disk with no network: vis-network (dual Apache-2.0/MIT licensed,
its header kept) is inlined, the page's own script and style come from ``kg/view_assets/``, and a
Content-Security-Policy with script hashes forbids every request and every script but those two. The
data travels as JSON in a ``<script type="application/json">`` block (``<``, ``>``, ``&``, U+2028/2029
escaped) and reaches the DOM only through ``textContent``; labels are drawn on a canvas as plain text.

Positions are computed here, one connected component at a time (Kamada-Kawai up to
:data:`KAMADA_KAWAI_LIMIT` nodes, then spring, then a grid-approximated force layout for the largest), so
the browser draws at once with physics off. Above ``node_budget`` the view keeps
the most central actors and says on the page how many it shows of how many.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:a", label_zh="甲", label_en="A", cls="University")
>>> G.add_node("urn:b", label_zh="乙", label_en="B", cls="Enterprise")
>>> G.add_edge("urn:a", "urn:b", key="urn:r", relation="urn:r", label_en="partner", label_zh="合作", evidence=[])
'urn:r'
>>> out = pathlib.Path(tempfile.mkdtemp()) / "view.html"
>>> render(G, out)  # doctest: +ELLIPSIS
ViewSummary(path=..., nodes_shown=2, nodes_total=2, edges_shown=1, edges_total=1)
"""

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

from kg._atomic import atomic_write
from kg.errors import KGError, UnknownActor

__all__ = ["SIZE_MEASURES", "LANGUAGES", "KAMADA_KAWAI_LIMIT", "ViewSummary", "view_data", "path_view_data",
           "page_html", "render", "render_path_view"]

#: the centralities a view can size its nodes by
SIZE_MEASURES = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")

#: the languages labels can be drawn in
LANGUAGES = ("en", "zh")

#: components up to this many nodes get networkx's Kamada-Kawai layout, larger ones the grid force layout
KAMADA_KAWAI_LIMIT = 150

_EDGE_LENGTH = 150.0  # typical edge length in pixels at zoom 1
_GAP = 120.0  # space between packed components
_SPRING_LIMIT = 400  # components up to this size get a spring layout, larger ones the grid force layout
_BETWEENNESS_SAMPLE = 500  # exact betweenness is O(nm): ~73 s at 5k nodes here (LIBRARY-TRAPS)

ASSETS = Path(__file__).resolve().parent / "view_assets"


@dataclass(frozen=True)
class ViewSummary:
    """What a written view holds: its file, and how many actors and relations it shows of how many."""

    path: Path
    nodes_shown: int
    nodes_total: int
    edges_shown: int
    edges_total: int


def view_data(G, *, lang="en", size_by="degree", around=None, depth=1, highlight=None, node_budget=1500,
              title=None):
    """The data a view page shows (its JSON twin): nodes with positions, sizes and colours, edges, legend.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection (:func:`kg.network.project`).
    lang : {"en", "zh"}
        Language of the labels drawn on the graph and of the page's own words.
    size_by : str
        One of :data:`SIZE_MEASURES`: the centrality that sizes the nodes (and ranks them for the budget).
    around : str, optional
        An actor IRI: show only the actors within ``depth`` steps of it (edge direction ignored).
    depth : int
        Steps around ``around``.
    highlight : iterable, optional
        Node IRIs (str) and edges (``(source, target, relation)`` tuples) to emphasise; the rest fades.
    node_budget : int
        Most nodes shown; above it the most central are kept (``around`` and highlighted nodes always).
    title : str, optional
        Page title; a default one names the view.

    Returns
    -------
    dict
        JSON-ready: ``title``, ``lang``, ``sizeBy``, ``stats``, ``classes``, ``relations``, ``nodes``,
        ``edges``, ``focus``, ``paths``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("a", "b", "r"), ("b", "c", "r"), ("c", "d", "r")])
    ['r', 'r', 'r']
    >>> data = view_data(G, around="a", depth=2)
    >>> [n["iri"] for n in data["nodes"]], data["stats"]["nodesTotal"]
    (['a', 'b', 'c'], 3)
    """
    _check_options(lang, size_by, depth, node_budget)
    if around is not None and around not in G:
        raise UnknownActor(f"{around!r} is not an actor of the graph")
    nodes, edges = _split_highlight(G, highlight)
    centres = [around] if around is not None else []
    if title is None:
        title = (f"{_name(G, around, lang)} · {'周边' if lang == 'zh' else 'neighbourhood'} ({depth})"
                 if around is not None else ("创新网络" if lang == "zh" else "Innovation network"))
    return _build(G, lang=lang, size_by=size_by, centres=centres, depth=depth, pinned=nodes,
                  highlight_edges=edges, node_budget=node_budget, title=title, paths=[])


def path_view_data(G, paths, *, lang="en", depth=1, title=None, node_budget=1500):
    """The data of a path view: the paths' actors and relations highlighted among their neighbours.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection.
    paths : list of list of dict
        Paths as :func:`kg.paths.find_paths` returns them (hops with ``source``, ``target``, ``relation``).
    depth : int
        Steps of surroundings shown around every actor on a path (0: the paths alone).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("a", "b", "r"), ("b", "c", "r"), ("c", "x", "r")])
    ['r', 'r', 'r']
    >>> hops = [{"source": "a", "target": "b", "relation": "r"}, {"source": "b", "target": "c", "relation": "r"}]
    >>> data = path_view_data(G, [hops], depth=0)
    >>> [n["iri"] for n in data["nodes"] if n["h"]], len(data["edges"])
    (['a', 'b', 'c'], 2)
    """
    _check_options(lang, "degree", depth, node_budget)
    if not paths or not all(paths):
        raise KGError("no path to show")
    node_paths, edges = [], set()
    for path in paths:
        sequence = [str(path[0]["source"])] + [str(hop["target"]) for hop in path]
        for node in sequence:
            if node not in G:
                raise UnknownActor(f"{node!r} is not an actor of the graph")
        node_paths.append(sequence)
        for hop in path:
            edges.add((str(hop["source"]), str(hop["target"]), str(hop["relation"])))
            edges.add((str(hop["target"]), str(hop["source"]), str(hop["relation"])))
    pinned = list(dict.fromkeys(node for sequence in node_paths for node in sequence))
    if title is None:
        ends = f"{_name(G, node_paths[0][0], lang)} → {_name(G, node_paths[0][-1], lang)}"
        title = f"{'路径' if lang == 'zh' else 'Path'}: {ends}"
    return _build(G, lang=lang, size_by="degree", centres=pinned, depth=depth, pinned=pinned,
                  highlight_edges=edges, node_budget=node_budget, title=title, paths=node_paths)


def page_html(data):
    """The self-contained HTML page for view data from :func:`view_data` or :func:`path_view_data`.

    >>> page = page_html(view_data(__import__("networkx").MultiDiGraph(), title="<t>"))
    >>> "<title>&lt;t&gt;</title>" in page, "<script src" in page
    (True, False)
    """
    vis_js, app_js = _asset("vis-network.min.js"), _asset("view.js")
    for name, script in (("vis-network.min.js", vis_js), ("view.js", app_js)):
        if re.search(r"</script|<!--", script, re.IGNORECASE):  # would end the inline block early
            raise KGError(f"view asset {name} cannot be inlined: it contains '</script' or '<!--'")
    parts = {
        "TITLE": html.escape(data["title"]),
        "NOTICE": html.escape(_notice(data)),
        "LANG": "zh-Hans" if data["lang"] == "zh" else "en",
        "CSP": _content_security_policy(vis_js, app_js),
        "STYLE": _asset("view.css"),
        "DATA": _script_json(data),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    # one pass, so text substituted from the data is never scanned for placeholders again
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda match: parts[match.group(1)], _asset("view.html"))


def render(G, out_path, *, lang="en", size_by="degree", around=None, depth=1, highlight=None,
           node_budget=1500, title=None):
    """Write an interactive view of ``G`` (whole, or around one actor) to ``out_path``, atomically.

    Parameters are those of :func:`view_data`; ``out_path`` is the HTML file to write (UTF-8).

    Returns
    -------
    ViewSummary

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "v.html"
    >>> summary = render(G, out, node_budget=2)
    >>> summary.nodes_shown, summary.nodes_total, "showing 2 of 3 actors" in out.read_text(encoding="utf-8")
    (2, 3, True)
    """
    data = view_data(G, lang=lang, size_by=size_by, around=around, depth=depth, highlight=highlight,
                     node_budget=node_budget, title=title)
    return _write(data, out_path)


def render_path_view(G, paths, out_path, *, lang="en", depth=1, title=None):
    """Write a view of ``paths`` (from :func:`kg.paths.find_paths`) highlighted in their surroundings.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph([("a", "b", "r"), ("b", "c", "r")])
    >>> hops = [{"source": "a", "target": "b", "relation": "r"}]
    >>> render_path_view(G, [hops], pathlib.Path(tempfile.mkdtemp()) / "p.html").nodes_shown
    3
    """
    return _write(path_view_data(G, paths, lang=lang, depth=depth, title=title), out_path)


# helpers

_CLASS_NAMES_ZH = {
    "Actor": "行动者", "Organization": "组织", "GovernmentBody": "政府机构", "ResearchInstitute": "研究机构",
    "Academy": "科学院", "University": "高校", "Enterprise": "企业", "Hospital": "医院",
    "TestingInstitute": "检测机构", "Bank": "银行", "Laboratory": "实验室", "NationalPlatform": "国家平台",
    "HighTechZone": "高新区", "Park": "园区", "MediaOrganization": "媒体", "Team": "团队",
    "InnovationConsortium": "创新联合体", "IndustrialCluster": "产业集群", "IndustrialChain": "产业链",
    "Person": "人物", "Place": "地点", "Country": "国家", "Province": "省", "City": "市", "District": "区县",
    "Township": "乡镇", "PolicyInstrument": "政策工具", "PolicyDocument": "政策文件", "Mechanism": "机制",
    "Program": "行动计划", "Project": "项目", "Agreement": "协议", "Event": "活动", "Technology": "技术",
    "Product": "产品", "Award": "奖项", "Facility": "设施",
}

# colour families: government red, academia blues, firms orange, collaborations purple, places greens ...
_CLASS_COLOURS = {
    "GovernmentBody": "#d64545", "University": "#2f6fca", "ResearchInstitute": "#1b9aaa", "Academy": "#157a8c",
    "Laboratory": "#5e60ce", "NationalPlatform": "#0f5e73", "Enterprise": "#f08c2e", "Bank": "#d4a017",
    "Hospital": "#e377c2", "TestingInstitute": "#9c6ade", "HighTechZone": "#5aa469", "Park": "#7cbf6a",
    "MediaOrganization": "#8c8c8c", "Team": "#6b8fd6", "InnovationConsortium": "#8e44ad",
    "IndustrialCluster": "#a0522d", "IndustrialChain": "#c27c4e", "Organization": "#5b7083",
    "Person": "#e05d8a", "Place": "#6a9f3a", "Country": "#3d7a2a", "Province": "#4e8f35", "City": "#75b043",
    "District": "#94c25a", "Township": "#b0d07a", "PolicyInstrument": "#4a4e69", "PolicyDocument": "#5c6f91",
    "Mechanism": "#7a7fa8", "Program": "#b5179e", "Project": "#c9184a", "Agreement": "#6d597a",
    "Event": "#e76f51", "Technology": "#00b4d8", "Product": "#90c8e0", "Award": "#e9c46a", "Facility": "#4d908e",
    "Actor": "#8d99ae",
}
_SPARE_COLOURS = ("#577590", "#f3722c", "#43aa8b", "#90be6d", "#f9844a", "#277da1", "#9d4edd", "#ff595e")
_RELATION_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                     "#9c755f", "#5f6b7a", "#1f9e89", "#d37295", "#8cd17d", "#b6992d", "#499894", "#86bcb6",
                     "#e49444", "#a0cbe8", "#d4a6c8", "#79706e")
_LOCAL_NAME = re.compile(r"[^#/]*$")


def _check_options(lang, size_by, depth, node_budget):
    if lang not in LANGUAGES:
        raise KGError(f"unknown language {lang!r}; valid: {', '.join(LANGUAGES)}")
    if size_by not in SIZE_MEASURES:
        raise KGError(f"unknown size measure {size_by!r}; valid: {', '.join(SIZE_MEASURES)}")
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 0:
        raise KGError(f"depth must be a whole number >= 0, not {depth!r}")
    if not isinstance(node_budget, int) or isinstance(node_budget, bool) or node_budget < 1:
        raise KGError(f"node budget must be a whole number >= 1, not {node_budget!r}")


def _split_highlight(G, highlight):
    nodes, edges = [], set()
    for item in highlight or ():
        if isinstance(item, str):
            if item not in G:
                raise UnknownActor(f"{item!r} is not an actor of the graph")
            nodes.append(item)
        else:
            source, target, relation = (str(part) for part in item)
            edges.add((source, target, relation))
    return nodes, edges


def _build(G, *, lang, size_by, centres, depth, pinned, highlight_edges, node_budget, title, paths):
    scope = _within(G, centres, depth) if centres else list(G.nodes)
    scores = _centrality(G, size_by)
    shown = _keep(G, scope, scores, list(centres) + list(pinned), node_budget)
    index = {node: position for position, node in enumerate(shown)}
    scope_set = set(scope)
    scope_edges = sum(1 for u, v in G.edges() if u in scope_set and v in scope_set)
    edges = [(u, v, key, data) for u, v, key, data in G.edges(keys=True, data=True) if u in index and v in index]
    positions = _layout(shown, [(u, v) for u, v, _, _ in edges], paths[0] if paths else None)

    classes = _classes(G, shown)
    class_index = {entry["name"]: position for position, entry in enumerate(classes)}
    relations = _relations(edges)
    relation_index = {entry["iri"]: position for position, entry in enumerate(relations)}
    top = max((scores.get(node, 0.0) for node in shown), default=0.0) or 1.0
    highlighted = set(pinned)
    shown_degree = defaultdict(int)
    for u, v, _, _ in edges:
        shown_degree[u] += 1
        shown_degree[v] += 1

    nodes = []
    for node in shown:
        attrs = G.nodes[node]
        score = scores.get(node, 0.0)
        weight = int(attrs.get("collective_weight") or 0)
        size = 9 + 26 * math.sqrt(max(score, 0.0) / top) + (2.5 * math.log2(1 + weight) if weight else 0)
        x, y = positions[node]
        nodes.append({
            "iri": node, "zh": _label(attrs, "zh", node), "en": _label(attrs, "en", node),
            "al": [str(alias) for alias in attrs.get("aliases") or ()],
            "c": class_index[_cls(attrs)], "x": round(x, 1), "y": round(y, 1), "s": round(size, 2),
            "v": _finite(score), "f": _figures(attrs),
            "k": [_collective(item) for item in attrs.get("collectives") or ()], "w": weight,
            "h": 1 if node in highlighted else 0,
            "o": max(G.degree(node) - shown_degree[node], 0),
        })
    for entry in classes:
        entry["count"] = sum(1 for node in nodes if node["c"] == class_index[entry["name"]])

    parallel = defaultdict(int)
    vis_edges = []
    for u, v, key, data in edges:
        pair = (u, v) if u <= v else (v, u)
        rank = parallel[pair]
        parallel[pair] += 1
        relation = str(data.get("relation", key))
        vis_edges.append({
            "f": index[u], "t": index[v], "r": relation_index[relation],
            "e": [_evidence(item) for item in data.get("evidence") or ()],
            "h": 1 if (u, v, relation) in highlight_edges else 0, "b": rank,
        })
    return {
        "title": str(title), "lang": lang, "sizeBy": size_by,
        "stats": {"nodesShown": len(nodes), "nodesTotal": len(scope), "edgesShown": len(vis_edges),
                  "edgesTotal": scope_edges, "graphNodes": G.number_of_nodes(), "graphEdges": G.number_of_edges(),
                  "depth": depth},
        "classes": classes, "relations": relations, "nodes": nodes, "edges": vis_edges,
        "focus": index[centres[0]] if len(centres) == 1 and not paths else None,
        "paths": [[index[node] for node in sequence if node in index] for sequence in paths],
    }


def _within(G, centres, depth):
    """Nodes at most ``depth`` steps from any centre, edge direction ignored, in BFS order."""
    seen = dict.fromkeys(centres, 0)
    queue = deque(centres)
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for neighbour in sorted(set(G.successors(node)) | set(G.predecessors(node))):
            if neighbour not in seen:
                seen[neighbour] = seen[node] + 1
                queue.append(neighbour)
    return list(seen)


def _keep(G, scope, scores, pinned, budget):
    if len(scope) <= budget:
        return list(scope)
    keep = list(dict.fromkeys(node for node in pinned if node in G))[:budget]
    chosen = set(keep)
    ranked = sorted((node for node in scope if node not in chosen),
                    key=lambda node: (-scores.get(node, 0.0), -G.degree(node), node))
    keep.extend(ranked[:budget - len(keep)])
    order = {node: position for position, node in enumerate(scope)}
    return sorted(keep, key=order.__getitem__)


def _centrality(G, measure):
    """Centrality of every node (:func:`kg.centrality.compute`); betweenness sampled on large graphs."""
    from kg.centrality import compute

    if G.number_of_nodes() == 0:
        return {}
    sample = _BETWEENNESS_SAMPLE if measure == "betweenness" and len(G) > 2 * _BETWEENNESS_SAMPLE else None
    rows = compute(G, (measure,), betweenness_k=sample, seed=0)
    return {row["iri"]: _finite(row[measure]) for row in rows}


def _layout(nodes, edges, path):
    """Positions in pixels: each connected component laid out on its own, then packed in rows, biggest first.

    Components up to :data:`KAMADA_KAWAI_LIMIT` nodes get Kamada-Kawai (even edge lengths, few
    crossings), up to ``_SPRING_LIMIT`` a spring layout, larger ones the grid force layout (O(n) per
    step, ~1 s for 10,000 nodes); a path (path
    views) is pinned on a horizontal line so it reads left to right. Every component is scaled so its
    median edge is ``_EDGE_LENGTH`` pixels long.
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
    placed = [_component_layout(simple.subgraph(component), component, path) for component in components]
    return _pack(placed)


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
    elif count <= _SPRING_LIMIT:
        pos = nx.spring_layout(H, k=1.0 / math.sqrt(count), seed=7, iterations=100, method="force")
    else:
        pos = _grid_force_layout(nodes, list(H.edges()))
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in H.edges())
    typical = lengths[len(lengths) // 2] if lengths else 1.0
    # small groups get longer edges: their long names would otherwise overlap at the zoom they open at
    scale = _EDGE_LENGTH * (1 + 1.5 / math.sqrt(count)) / max(typical, 1e-9)
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


def _classes(G, shown):
    found = []
    for node in shown:
        found.append(_cls(G.nodes[node]))
    spare = iter(_SPARE_COLOURS * (1 + len(found) // len(_SPARE_COLOURS)))
    entries = []
    for name in sorted(set(found), key=lambda name: (-found.count(name), name)):
        colour = _CLASS_COLOURS.get(name) or next(spare)
        entries.append({"name": name, "en": _words(name), "zh": _CLASS_NAMES_ZH.get(name, _words(name)),
                        "color": colour})
    return entries


def _relations(edges):
    counts, labels = defaultdict(int), {}
    for _, _, key, data in edges:
        relation = str(data.get("relation", key))
        counts[relation] += 1
        local = _LOCAL_NAME.search(relation).group(0) or relation
        labels.setdefault(relation, (str(data.get("label_en") or local), str(data.get("label_zh") or local)))
    ordered = sorted(counts, key=lambda relation: (-counts[relation], relation))
    return [{"iri": relation, "en": labels[relation][0], "zh": labels[relation][1],
             "color": _RELATION_COLOURS[position % len(_RELATION_COLOURS)], "count": counts[relation]}
            for position, relation in enumerate(ordered)]


def _cls(attrs):
    return str(attrs.get("cls") or "Actor")


def _words(name):
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return spaced[:1].upper() + spaced[1:].lower()


def _label(attrs, lang, node):
    other = "en" if lang == "zh" else "zh"
    local = _LOCAL_NAME.search(node).group(0) or node
    return str(attrs.get(f"label_{lang}") or attrs.get(f"label_{other}") or local)


def _name(G, node, lang):
    return _label(G.nodes[node], lang, node)


def _finite(value):
    value = float(value)
    return round(value, 6) if math.isfinite(value) else 0.0


def _plain(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return str(value)


def _figure(figure):
    return {key: _plain(figure.get(key)) for key in ("measure_en", "measure_zh", "value", "unit", "time",
                                                    "qualifier")}


def _figures(attrs):
    """The node's figures, less those already shown as collectives (the same figure, counted members)."""
    counted = {item.get("figure") for item in attrs.get("collectives") or ()} - {None}
    return [_figure(figure) for figure in attrs.get("figures") or () if figure.get("iri") not in counted]


def _collective(item):
    role, cls = item.get("role"), item.get("class")
    return {"count": _plain(item.get("count")), "measure_en": _plain(item.get("measure_en")),
            "measure_zh": _plain(item.get("measure_zh")), "unit": _plain(item.get("unit")),
            "time": _plain(item.get("time")),
            "role": _LOCAL_NAME.search(str(role)).group(0).replace("-", " ") if role else None,
            "class": _words(_LOCAL_NAME.search(str(cls)).group(0)) if cls else None}


def _evidence(item):
    source = item.get("source")
    return {"span": _plain(item.get("span")), "start": _plain(item.get("start")), "end": _plain(item.get("end")),
            "source": _LOCAL_NAME.search(str(source)).group(0) if source else None}


_MEASURE_NAMES_ZH = {"degree": "度中心性", "betweenness": "中介中心性", "closeness": "接近中心性",
                     "eigenvector": "特征向量中心性", "pagerank": "PageRank"}


def _notice(data):
    """The line under the title: what the view shows, and how much of it when the budget cut it."""
    stats, zh = data["stats"], data["lang"] == "zh"
    shown, total, edges = stats["nodesShown"], stats["nodesTotal"], stats["edgesShown"]
    if shown < total:
        if zh:
            return (f"显示 {shown} / {total} 个行动者（按{_MEASURE_NAMES_ZH[data['sizeBy']]}保留最核心者），"
                    f"{edges} 条关系")
        return f"showing {shown:,} of {total:,} actors (the most central by {data['sizeBy']}), {edges:,} relations"
    return f"{shown} 个行动者，{edges} 条关系" if zh else f"{shown:,} actors, {edges:,} relations"


def _asset(name):
    return (ASSETS / name).read_text(encoding="utf-8")


def _script_json(data):
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # inside a <script> block only these could end it or confuse a parser; all are legal JSON escapes
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _content_security_policy(*scripts):
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
                      + "'" for script in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
            "base-uri 'none'; form-action 'none'")


def _write(data, out_path):
    page = page_html(data)
    with atomic_write(out_path, encoding="utf-8") as handle:
        handle.write(page)
    stats = data["stats"]
    return ViewSummary(path=Path(out_path), nodes_shown=stats["nodesShown"], nodes_total=stats["nodesTotal"],
                       edges_shown=stats["edgesShown"], edges_total=stats["edgesTotal"])
