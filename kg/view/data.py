"""Interactive, self-contained HTML views of the projected actor network.

A view is one HTML file that opens from disk with no network. The work is split two ways:

- **here** (:func:`view_data`): which actors and relations are shown (neighbourhood, path, node budget),
  their centrality, sizes, class and relation colours, figures, collectives and evidence: the page's
  data, which is also its JSON twin. Positions come from :func:`kg.view.layout.layout` (one component at a
  time, packed), so the browser draws at once with physics off. Above ``node_budget`` the view keeps the
  most central actors and says on the page how many it shows of how many.
- **kg.view.page** (:func:`kg.view.page.page_html`): the page itself: pyvis assembles vis-network's node
  and edge records, our template in ``kg/view/assets/`` holds them with every string escaped, and a
  Content-Security-Policy with the inline scripts' hashes forbids every request and every other script.

:func:`render` and :func:`render_path_view` build the data and write the page atomically.
:func:`kg.view.page.page_html` and :func:`kg.view.page.vis_network` are also reachable here, as before
the page side moved out.

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

import math
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

from kg._atomic import atomic_write
from kg.analysis.collectives import counted_groups, largest_group
from kg.analysis.timeline import relation_date
from kg.errors import KGError, UnknownActor
from kg.view.controls import AUTO_COMMUNITIES_MAX, GROUPINGS, date_steps, groupings, node_dates
from kg.view.layout import layout
from kg.view.page import page_html, vis_network  # page_html writes the page; both stay kg.view's public API

__all__ = ["SIZE_MEASURES", "LANGUAGES", "ViewSummary", "view_data", "path_view_data",
           "page_html", "vis_network", "render", "render_path_view"]

#: the centralities a view can size its nodes by
SIZE_MEASURES = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")

#: the languages labels can be drawn in
LANGUAGES = ("en", "zh")

_BETWEENNESS_SAMPLE = 500  # exact betweenness is O(nm): ~73 s at 5k nodes here (LIBRARY-TRAPS)


@dataclass(frozen=True)
class ViewSummary:
    """What a written view holds: its file, and how many actors and relations it shows of how many."""

    path: Path
    nodes_shown: int
    nodes_total: int
    edges_shown: int
    edges_total: int


def view_data(G, *, lang="en", size_by="degree", around=None, depth=1, highlight=None, node_budget=1500,
              title=None, communities=None, color_by=None, sector_scheme=None, dates=None):
    """The data a view page shows (its JSON twin): nodes with positions, sizes and colours, edges, legend.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection (:func:`kg.analysis.network.project`).
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
    communities : dict, optional
        :func:`kg.analysis.communities.find_communities`'s answer. When not given it is computed
        (Louvain, seed 0, on the undirected view of all of ``G``) for a ``G`` of at most
        :data:`kg.view.controls.AUTO_COMMUNITIES_MAX` actors or when ``color_by`` is ``community``;
        otherwise the page offers no community colouring.
    color_by : {"class", "community", "sector"}, optional
        The colouring the page opens with (:data:`kg.view.controls.GROUPINGS`); default ``community``
        when ``communities`` is given, else ``class``. The page's control panel switches between all.
    sector_scheme : dict, optional
        :func:`kg.analysis.helix.read_scheme`'s answer (``KnowledgeGraph.sector_scheme()``): without it
        the page offers no sector colouring.
    dates : dict, optional
        :func:`kg.analysis.timeline.read_dates`' answer (``KnowledgeGraph.dates()``): each actor's and
        relation's date, for the page's date slider (without it, nodes' ``since`` attributes are used).

    Returns
    -------
    dict
        JSON-ready: ``title``, ``lang``, ``sizeBy``, ``colorBy`` (the opening colouring), ``stats``,
        ``classes`` (its colour groups), ``groupings`` (the colour groups of every colouring, None for one
        not available), ``dates`` (``steps``: the slider's), ``relations``, ``nodes`` (``c``: position in
        ``classes``, ``g``: position in each grouping, ``d``: date or None), ``edges`` (``d`` likewise),
        ``focus``, ``paths``.

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
                  highlight_edges=edges, node_budget=node_budget, title=title, paths=[], communities=communities,
                  color_by=color_by, sector_scheme=sector_scheme, dates=dates)


def path_view_data(G, paths, *, lang="en", depth=1, title=None, node_budget=1500, sector_scheme=None, dates=None):
    """The data of a path view: the paths' actors and relations highlighted among their neighbours.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection.
    paths : list of list of dict
        Paths as :func:`kg.analysis.paths.find_paths` returns them (hops with ``source``, ``target``, ``relation``).
    depth : int
        Steps of surroundings shown around every actor on a path (0: the paths alone).
    sector_scheme, dates : dict, optional
        As for :func:`view_data`: sector colouring and the date slider.

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
    node_paths, edges, hops = [], set(), []
    for path in paths:
        hops.append([(str(hop["source"]), str(hop["target"]), str(hop["relation"])) for hop in path])
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
                  highlight_edges=edges, node_budget=node_budget, title=title, paths=node_paths,
                  sector_scheme=sector_scheme, dates=dates, path_hops=hops)


def render(G, out_path, *, lang="en", size_by="degree", around=None, depth=1, highlight=None,
           node_budget=1500, title=None, communities=None, color_by=None, sector_scheme=None, dates=None):
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
                     node_budget=node_budget, title=title, communities=communities, color_by=color_by,
                     sector_scheme=sector_scheme, dates=dates)
    return _write(data, out_path)


def render_path_view(G, paths, out_path, *, lang="en", depth=1, title=None, sector_scheme=None, dates=None):
    """Write a view of ``paths`` (from :func:`kg.analysis.paths.find_paths`) highlighted in their surroundings.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph([("a", "b", "r"), ("b", "c", "r")])
    >>> hops = [{"source": "a", "target": "b", "relation": "r"}]
    >>> render_path_view(G, [hops], pathlib.Path(tempfile.mkdtemp()) / "p.html").nodes_shown
    3
    """
    return _write(path_view_data(G, paths, lang=lang, depth=depth, title=title, sector_scheme=sector_scheme,
                                 dates=dates), out_path)


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

# The legend groups classes into families, one hue each, the classes of a family in shades of it (the
# first, most frequent, in the family's own colour). Places and things start collapsed: they are many
# and seldom what a reader looks for first.
_FAMILIES = (
    ("government", "Government", "政府", "#d64545", ("GovernmentBody",)),
    ("research", "Research institutes", "科研机构", "#1b9aaa",
     ("ResearchInstitute", "Academy", "Laboratory", "NationalPlatform", "TestingInstitute")),
    ("universities", "Universities", "高校", "#2f6fca", ("University",)),
    ("enterprises", "Enterprises", "企业", "#f08c2e", ("Enterprise", "Bank", "Hospital", "MediaOrganization")),
    ("collaborations", "Consortia and clusters", "联合体与集群", "#8e44ad",
     ("InnovationConsortium", "IndustrialCluster", "IndustrialChain", "HighTechZone", "Park", "Team")),
    ("policies", "Policies and programmes", "政策与计划", "#c2185b",
     ("PolicyInstrument", "PolicyDocument", "Mechanism", "Program", "Project", "Agreement", "Award", "Event")),
    ("people", "People", "人物", "#c9a227", ("Person",)),
    ("places", "Places", "地点", "#5aa469", ("Place", "Country", "Province", "City", "District", "Township")),
    ("things", "Technologies and products", "技术与产品", "#7b8794", ("Technology", "Product", "Facility")),
    ("other", "Other", "其他", "#8d99ae", ("Organization", "Actor")),
)
_COLLAPSED_FAMILIES = ("places", "things")
_FAMILY_OF = {cls: position for position, family in enumerate(_FAMILIES) for cls in family[4]}
_SHADES = (0.0, -0.28, 0.32, -0.45, 0.5, -0.15, 0.18, -0.36)  # a family's classes, in order of frequency
_COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                      "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf")
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


def _check_colouring(color_by, sector_scheme):
    if color_by not in GROUPINGS:
        raise KGError(f"unknown colouring {color_by!r}; valid: {', '.join(GROUPINGS)}")
    if color_by == "sector" and sector_scheme is None:
        raise KGError("colouring by sector needs the ontology's sector scheme (KnowledgeGraph.sector_scheme())")


def _communities(G, lang):
    """Louvain communities (seed 0) of the whole network, so a neighbourhood keeps its actors' communities."""
    from kg.analysis.communities import find_communities
    from kg.analysis.network import undirected

    return find_communities(undirected(G), seed=0, lang=lang)


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


def _build(G, *, lang, size_by, centres, depth, pinned, highlight_edges, node_budget, title, paths,
           communities=None, color_by=None, sector_scheme=None, dates=None, path_hops=()):
    color_by = color_by or ("community" if communities is not None else "class")
    _check_colouring(color_by, sector_scheme)
    scope = _within(G, centres, depth) if centres else list(G.nodes)
    scores = _centrality(G, size_by)
    shown = _keep(G, scope, scores, list(centres) + list(pinned), node_budget)
    index = {node: position for position, node in enumerate(shown)}
    scope_set = set(scope)
    scope_edges = sum(1 for u, v in G.edges() if u in scope_set and v in scope_set)
    edges = [(u, v, key, data) for u, v, key, data in G.edges(keys=True, data=True) if u in index and v in index]
    positions = layout(shown, [(u, v) for u, v, _, _ in edges], paths[0] if paths else None)

    if communities is None and (color_by == "community" or len(G) <= AUTO_COMMUNITIES_MAX):
        communities = _communities(G, lang)  # so the page can switch to them whatever it opens with
    groups, group_index = groupings(shown, (_classes(G, shown), lambda node, attrs: _cls(attrs)),
                                    _community_groups(communities, shown) if communities is not None else None,
                                    sector_scheme, G)
    classes, available = groups[color_by], [name for name in GROUPINGS if groups[name] is not None]
    # without read_dates' answer or as_of's marks nothing says what is dated: then no slider
    dates_known = dates is not None or any("since" in G.nodes[node] for node in shown)
    dated = node_dates(G, shown, dates) if dates_known else dict.fromkeys(shown)
    relations = _relations(edges, _relation_ranks(G))
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
        largest = largest_group(counted_groups(attrs))  # the badge shows one count, never a sum of unlike ones
        weight = int(largest["count"]) if largest else 0
        size = 9 + 26 * math.sqrt(max(score, 0.0) / top) + (2.5 * math.log2(1 + weight) if weight else 0)
        x, y = positions[node]
        nodes.append({
            "iri": node, "zh": _label(attrs, "zh", node), "en": _label(attrs, "en", node),
            "al": [str(alias) for alias in attrs.get("aliases") or ()],
            "c": group_index[color_by][node], "g": {name: group_index[name][node] for name in available},
            "d": dated[node], "x": round(x, 1), "y": round(y, 1), "s": round(size, 2),
            "v": _finite(score), "f": _figures(attrs),
            "k": [_collective(item) for item in attrs.get("collectives") or ()], "w": weight,
            "wu": _plain(largest.get("unit")) if largest else None,
            "h": 1 if node in highlighted else 0,
            "o": max(G.degree(node) - shown_degree[node], 0),
        })
    for name in available:
        counts = Counter(node["g"][name] for node in nodes)
        for position, entry in enumerate(groups[name]):
            entry["count"] = counts[position]

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
            "h": 1 if (u, v, relation) in highlight_edges else 0, "b": rank, "d": relation_date(dated[u], dated[v]),
        })
    return {
        "title": str(title), "lang": lang, "sizeBy": size_by,
        "colorBy": color_by,
        "stats": {"nodesShown": len(nodes), "nodesTotal": len(scope), "edgesShown": len(vis_edges),
                  "edgesTotal": scope_edges, "graphNodes": G.number_of_nodes(), "graphEdges": G.number_of_edges(),
                  "depth": depth},
        "classes": classes, "groupings": groups, "families": families(),
        "dates": {"steps": date_steps(dated.values(), (f.get("time") for node in shown
                                                        for f in G.nodes[node].get("figures") or ()))
                  if dates_known else []},
        "relations": relations, "nodes": nodes, "edges": vis_edges,
        "focus": index[centres[0]] if len(centres) == 1 and not paths else None,
        "paths": [[index[node] for node in sequence if node in index] for sequence in paths],
        "pathEdges": [_hop_edges(vis_edges, index, relation_index, hops) for hops in path_hops or ()],
    }


def _hop_edges(vis_edges, index, relation_index, hops):
    """Each hop's position in the view's edges (the relation as stated, either way round), or None."""
    found = []
    for source, target, relation in hops:
        ends = {index.get(source), index.get(target)}
        match = next((k for k, edge in enumerate(vis_edges)
                      if {edge["f"], edge["t"]} == ends and edge["r"] == relation_index.get(relation)), None)
        found.append(match)
    return found


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
    """Centrality of every node (:func:`kg.analysis.centrality.compute`); betweenness sampled on large graphs."""
    from kg.analysis.centrality import compute

    if G.number_of_nodes() == 0:
        return {}
    sample = _BETWEENNESS_SAMPLE if measure == "betweenness" and len(G) > 2 * _BETWEENNESS_SAMPLE else None
    rows = compute(G, (measure,), betweenness_k=sample, seed=0)
    return {row["iri"]: _finite(row[measure]) for row in rows}


def _classes(G, shown):
    """Legend entries of the classes shown, family by family (:data:`_FAMILIES`), most frequent first within
    one; each carries ``family``, its family's position in :func:`families`, and a shade of the family's hue."""
    found = Counter(_cls(G.nodes[node]) for node in shown)
    other = len(_FAMILIES) - 1
    ordered = sorted(found, key=lambda name: (_FAMILY_OF.get(name, other), -found[name], name))
    entries, within = [], Counter()
    for name in ordered:
        family = _FAMILY_OF.get(name, other)
        shade = _SHADES[within[family] % len(_SHADES)]
        within[family] += 1
        entries.append({"name": name, "en": _words(name), "zh": _CLASS_NAMES_ZH.get(name, _words(name)),
                        "color": _hex_shade(_FAMILIES[family][3], shade), "family": family})
    return entries


def families():
    """The legend's class families: ``name``, ``en``, ``zh``, ``color`` (the family's hue), ``collapsed``
    (whether the legend starts with it folded).

    >>> [f["name"] for f in families()][:3], families()[7]["collapsed"]
    (['government', 'research', 'universities'], True)
    """
    return [{"name": name, "en": en, "zh": zh, "color": colour, "collapsed": name in _COLLAPSED_FAMILIES}
            for name, en, zh, colour, _ in _FAMILIES]


def _hex_shade(colour, factor):
    """``#rrggbb`` darkened (factor < 0) or lightened (factor > 0) by that fraction, as ``#rrggbb``."""
    value = int(colour[1:], 16)

    def channel(x):
        shaded = x * (1 + factor) if factor < 0 else x + (255 - x) * factor
        return max(0, min(255, math.floor(shaded + 0.5)))

    return "#" + "".join(f"{channel((value >> shift) & 255):02x}" for shift in (16, 8, 0))


def _community_groups(communities, shown):
    """Colour groups for ``--color-by community``: one entry per community shown, largest first."""
    membership, names = communities["membership"], {c["id"]: c["name"] for c in communities["communities"]}
    present = sorted({membership.get(node, 0) for node in shown})
    entries = [{"name": f"community-{cid}", "en": f"{cid} · {names.get(cid, '?')}",
                "zh": f"{cid} · {names.get(cid, '?')}", "color": _COMMUNITY_COLOURS[i % len(_COMMUNITY_COLOURS)]}
               for i, cid in enumerate(present)]
    return entries, lambda node, attrs: f"community-{membership.get(node, 0)}"


def _relation_ranks(G):
    """Every relation of ``G`` -> its rank by frequency in all of ``G`` (then IRI): its colour's position in
    the palette, the same in every view of ``G`` (a neighbourhood, a path, the whole network)."""
    counts = Counter(str(data.get("relation", key)) for _, _, key, data in G.edges(keys=True, data=True))
    return {relation: rank for rank, relation in enumerate(sorted(counts, key=lambda r: (-counts[r], r)))}


def _relations(edges, ranks):
    counts, labels = defaultdict(int), {}
    for _, _, key, data in edges:
        relation = str(data.get("relation", key))
        counts[relation] += 1
        local = _LOCAL_NAME.search(relation).group(0) or relation
        labels.setdefault(relation, (str(data.get("label_en") or local), str(data.get("label_zh") or local)))
    ordered = sorted(counts, key=lambda relation: (-counts[relation], relation))
    return [{"iri": relation, "en": labels[relation][0], "zh": labels[relation][1],
             "color": _RELATION_COLOURS[ranks.get(relation, position) % len(_RELATION_COLOURS)],
             "count": counts[relation]}
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


def _write(data, out_path):
    page = page_html(data)
    with atomic_write(out_path, encoding="utf-8") as handle:
        handle.write(page)
    stats = data["stats"]
    return ViewSummary(path=Path(out_path), nodes_shown=stats["nodesShown"], nodes_total=stats["nodesTotal"],
                       edges_shown=stats["edgesShown"], edges_total=stats["edgesTotal"])
