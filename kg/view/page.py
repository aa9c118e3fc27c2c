"""The self-contained HTML page of a view: vis-network records from pyvis in our escaped, CSP-locked template.

:mod:`kg.view` decides what a view shows (its data, which is also its JSON twin); this module turns
that data into the page:

- **pyvis** (:func:`vis_network`): ``pyvis.network.Network`` assembles vis-network's node and edge records
  (``add_node``/``add_edge``: label, position, size, class as vis group, border, opacity, relation
  colour, arrows, curves; ``physics`` off; no ``title``, because our script draws the tooltips from the
  data) and carries our vis options; ``get_network_data()`` hands them back as lists. vis-network itself
  (9.1.2, dual Apache-2.0/MIT, its licence header kept) is read from the installed pyvis package and
  inlined.
- **our template** (``kg/view/assets/``: page, style and script; :func:`page_html`): pyvis's own template
  and ``write_html`` are not used, because its template loads Bootstrap and tom-select from CDNs, inserts
  the heading and node ids unescaped, and ``write_html`` writes in the locale's encoding (see
  LIBRARY-TRAPS). Ours puts every string from the data in ``<script type="application/json">`` blocks
  (``<``, ``>``, ``&``, U+2028/2029 escaped) that reach the DOM only through ``textContent``, escapes the
  title, and sends a Content-Security-Policy whose script hashes are computed from the two inline scripts
  at render time, forbidding every request and every other script. Search, class filters, the side
  panel, tooltips and the collectives' halos are our script's.

>>> from kg.view import view_data
>>> page = page_html(view_data(__import__("networkx").MultiDiGraph([("a", "b", "r")]), title="A & B"))
>>> "<title>A &amp; B</title>" in page, "default-src 'none'" in page, page.count("'sha256-")
(True, True, 2)
"""

import base64
import hashlib
import html
import json
import math
import re
from pathlib import Path

from kg.errors import KGError

__all__ = ["page_html", "vis_network"]

ASSETS = Path(__file__).resolve().parent / "assets"
_PYVIS_VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"  # inside the pyvis package


def page_html(data):
    """The self-contained HTML page for view data (:func:`kg.view.view_data`, :func:`kg.view.path_view_data`).

    vis-network's records and options are assembled by pyvis (:func:`vis_network`); the page is our
    template, with vis-network inlined from the installed pyvis package.

    >>> from kg.view import view_data
    >>> page = page_html(view_data(__import__("networkx").MultiDiGraph(), title="<t>"))
    >>> "<title>&lt;t&gt;</title>" in page, "<script src" in page
    (True, False)
    """
    vis_js, app_js = _vis_network_js(), _asset("view.js")
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
        "VIS": _script_json(vis_network(data)),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    # one pass, so text substituted from the data is never scanned for placeholders again
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda match: parts[match.group(1)], _asset("view.html"))


def vis_network(data):
    """vis-network's ``nodes``, ``edges`` and ``options`` for view data, assembled with pyvis.

    Node and edge ids are positions in ``data["nodes"]`` / ``data["edges"]``, so the page's script finds
    an actor's data by the id vis-network reports. ``edgeLabels`` says whether relation labels start shown
    (not in views of more than 1,500 actors or 3,000 relations, nor in path views, whose script labels
    the hops beside their lines).

    Examples
    --------
    >>> import networkx as nx
    >>> from kg.view import view_data
    >>> drawing = vis_network(view_data(nx.MultiDiGraph([("a", "b", "r")])))
    >>> [(node["id"], node["label"], node["physics"]) for node in drawing["nodes"]]
    [(0, 'a', False), (1, 'b', False)]
    >>> edge = drawing["edges"][0]
    >>> (edge["from"], edge["to"], edge["label"], "title" in edge, drawing["options"]["physics"])
    (0, 1, 'r', False, False)
    """
    from pyvis.network import Network

    zh = data["lang"] == "zh"
    nodes, edges, classes, relations = data["nodes"], data["edges"], data["classes"], data["relations"]
    big = len(nodes) > 1500 or len(edges) > 3000
    # a path view labels its hops itself, beside their lines (vis-network's labels sit on the line, under
    # names); the other relations' labels start hidden there, behind the "show relation labels" box
    labelled = not big and not data.get("paths")
    any_highlight = any(node["h"] for node in nodes) or any(edge["h"] for edge in edges)
    # directed: pyvis then keeps parallel and opposite relations (undirected, it drops them as duplicates)
    net = Network(directed=True)
    net.node_ids = _NodeIds()  # pyvis checks every new node and both ends of every edge with `in` on a list
    for i, node in enumerate(nodes):
        entry = classes[node["c"]]
        options = {"x": node["x"], "y": node["y"], "value": node["s"], "physics": False}
        if node["h"]:  # pyvis drops color= when a group is given, so highlighted nodes carry their own
            options.update(color=_node_colours(entry["color"], border="#1f2933"), borderWidth=4)
        else:
            options["group"] = entry["name"]
            if node["w"]:
                options["borderWidth"] = 3
        if any_highlight and not node["h"]:
            options.update(opacity=0.35, font={"color": "rgba(31,41,51,0.45)"})
        net.add_node(i, label=(node["zh"] or node["en"]) if zh else (node["en"] or node["zh"]), shape="dot",
                     **options)
    for i, edge in enumerate(edges):
        relation = relations[edge["r"]]
        colour, faded = relation["color"], any_highlight and not edge["h"]
        options = {"id": i, "color": {"color": colour, "highlight": colour, "hover": colour,
                                      "opacity": 0.25 if faded else (1 if edge["h"] else 0.8)}}
        if labelled:
            options["label"] = _relation_label(relation, zh)
        if edge["h"]:
            options.update(width=4.5, arrows={"to": {"enabled": True, "scaleFactor": 0.7}}, font={"size": 12})
        elif faded:
            options["font"] = {"color": "rgba(80,90,100,0.4)"}
        if edge["b"]:  # parallel relations between two actors curve apart, alternating sides
            options["smooth"] = {"enabled": True, "type": "curvedCW" if edge["b"] % 2 else "curvedCCW",
                                 "roundness": 0.12 + 0.1 * ((edge["b"] - 1) // 2)}
        net.add_edge(edge["f"], edge["t"], **options)
    # a plain dict: get_network_data() dumps it as is (set_options() would strip spaces; LIBRARY-TRAPS)
    net.options = _vis_options(data, big)
    vis_nodes, vis_edges, _, _, _, options = net.get_network_data()
    return {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options), "edgeLabels": labelled}


# helpers

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


class _NodeIds(list):
    """pyvis's list of node ids with set membership: its ``in`` checks made a view O(nodes x edges)
    (1.3 s of pyvis time at 10,000 actors); pyvis 0.3.2 only appends to the list and tests membership."""

    def __init__(self):
        super().__init__()
        self._members = set()

    def append(self, node_id):
        super().append(node_id)
        self._members.add(node_id)

    def __contains__(self, node_id):
        return node_id in self._members


def _vis_options(data, big):
    sizes = [node["s"] for node in data["nodes"]] + [10]
    groups = {entry["name"]: {"color": _node_colours(entry["color"])} for entry in data["classes"]}
    return {
        "autoResize": True, "physics": False,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False, "zoomSpeed": 0.8},
        "nodes": {"shape": "dot", "borderWidth": 1.5, "borderWidthSelected": 4,
                  "scaling": {"min": min(sizes), "max": max(sizes),
                              "label": {"enabled": True, "min": 11, "max": 19, "maxVisible": 30,
                                        "drawThreshold": 8 if len(data["nodes"]) > 300 else 5}},
                  "font": {"color": "#1f2933", "strokeWidth": 4, "strokeColor": "rgba(255,255,255,0.9)"}},
        "edges": {"width": 1.4, "selectionWidth": 1.5, "hoverWidth": 0.8,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                  "font": {"size": 10, "color": "#48525c", "strokeWidth": 3, "strokeColor": "#fff"},
                  "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.15},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "groups": groups,
    }


def _node_colours(colour, border=None):
    return {"background": colour, "border": border or _shade(colour, -0.3),
            "highlight": {"background": _shade(colour, 0.25), "border": "#1f2933"},
            "hover": {"background": _shade(colour, 0.2), "border": _shade(colour, -0.45)}}


def _shade(colour, factor):
    """``#rrggbb`` darkened (factor < 0) or lightened (factor > 0) by that fraction, as ``rgb(...)``."""
    value = int(colour[1:], 16)

    def channel(x):
        shaded = x * (1 + factor) if factor < 0 else x + (255 - x) * factor
        return max(0, min(255, math.floor(shaded + 0.5)))

    return "rgb({},{},{})".format(*(channel((value >> shift) & 255) for shift in (16, 8, 0)))


def _relation_label(relation, zh):
    return (relation["zh"] or relation["en"]) if zh else (relation["en"] or relation["zh"])


def _vis_network_js():
    """vis-network's script as the installed pyvis package ships it (licence header included)."""
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / _PYVIS_VIS_JS
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KGError(f"pyvis {getattr(pyvis, '__version__', '?')} has no {_PYVIS_VIS_JS}; "
                      "kg needs pyvis 0.3.2") from None


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
