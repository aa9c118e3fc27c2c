"""kg.view and `kg view`: self-contained, escaped, budgeted, atomically written HTML views (no browser here)."""

import base64
import contextlib
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg.view
import kg.view.data
import kg.view.page
from kg.cli import cli
from kg.errors import KGError, UnknownActor
from kg.view import path_view_data, render, render_path_view, view_data
from kg.view.page import page_html

XSS_ZH = "<img src=x onerror=alert(1)>"
XSS_EN = "</script><script>window.pwned=1</script>"


def make_graph():
    """A small projection-shaped graph: a hub, a cluster counting 64 unnamed chain enterprises, hostile labels."""
    G = nx.MultiDiGraph()

    def actor(iri, zh, en, cls, **extra):
        G.add_node(iri, label_zh=zh, label_en=en, aliases=extra.pop("aliases", []), classes=[f"urn:c#{cls}"],
                   cls=cls, figures=extra.pop("figures", []), collectives=extra.pop("collectives", []),
                   collective_weight=extra.pop("collective_weight", 0))

    def relation(s, o, key, en, zh, span="证据"):
        G.add_edge(s, o, key=key, relation=key, label_en=en, label_zh=zh,
                   evidence=[{"span": span, "start": 10, "end": 10 + len(span), "source": "urn:src"}])

    actor("urn:hub", "甘肃省科技厅", "Gansu Department of Science and Technology", "GovernmentBody",
          aliases=["省科技厅"])
    actor("urn:uni", "兰州大学", "Lanzhou University", "University", aliases=["兰大"],
          figures=[{"measure_en": "papers", "measure_zh": "论文", "value": 12, "unit": "篇", "time": "2024",
                    "qualifier": None, "iri": "urn:f"}])
    actor("urn:cluster", "金昌集群", "Jinchang cluster", "IndustrialCluster", collective_weight=64,
          collectives=[{"count": 64, "role": "urn:role/chain-enterprise", "class": "urn:c#Enterprise",
                        "measure_en": "chain enterprises", "measure_zh": "链上企业", "unit": "家", "time": "2024",
                        "figure": "urn:fig/64"}],
          figures=[{"measure_en": "chain enterprises", "measure_zh": "链上企业", "value": 64, "unit": "家",
                    "time": "2024", "qualifier": None, "iri": "urn:fig/64"},
                   {"measure_en": "output value", "measure_zh": "产值", "value": 800, "unit": "亿元",
                    "time": "2024", "qualifier": "more-than", "iri": "urn:fig/output"}])
    actor("urn:firm", "公司", "Firm", "Enterprise")
    actor("urn:xss", XSS_ZH, XSS_EN, "Enterprise", aliases=["a & b \u2028 c"])
    actor("urn:lonely", "孤立", "Lonely", "Bank")
    relation("urn:uni", "urn:hub", "urn:r/supportedBy", "supported by", "支持")
    relation("urn:cluster", "urn:hub", "urn:r/supportedBy", "supported by", "支持")
    relation("urn:firm", "urn:cluster", "urn:role/chain-enterprise", "chain enterprise", "链上企业")
    relation("urn:xss", "urn:hub", "urn:r/" + XSS_ZH, XSS_EN, XSS_ZH, span=XSS_EN)
    relation("urn:uni", "urn:firm", "urn:r/partner", "partner", "合作")
    relation("urn:firm", "urn:uni", "urn:r/partner", "partner", "合作")
    return G


def page_data(page):
    """The JSON data block of a page, parsed back."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_page_loads_nothing_from_outside(tmp_path):
    render(make_graph(), tmp_path / "v.html")
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page, re.I)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_csp_hashes_match_the_inline_scripts(tmp_path):
    page = page_html(view_data(make_graph()))
    csp = re.search(r'content="([^"]*script-src[^"]*)"', page).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2 and "vis-network" in scripts[0][:300] and "@license" in scripts[0][:1200]
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_hostile_labels_are_escaped_and_round_trip(tmp_path):
    render(make_graph(), tmp_path / "v.html", title=XSS_ZH)
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert XSS_ZH not in page and XSS_EN not in page
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page
    block = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert not re.search(r"[<>&\u2028\u2029]", block)
    data = json.loads(block)
    hostile = next(node for node in data["nodes"] if node["iri"] == "urn:xss")
    assert (hostile["zh"], hostile["en"], hostile["al"]) == (XSS_ZH, XSS_EN, ["a & b \u2028 c"])
    assert any(relation["en"] == XSS_EN for relation in data["relations"])
    assert any(edge["e"][0]["span"] == XSS_EN for edge in data["edges"])


def test_whole_view_shows_every_actor_and_relation_with_attributes():
    G = make_graph()
    data = view_data(G, lang="zh")
    assert [node["iri"] for node in data["nodes"]] == list(G.nodes)
    assert len(data["edges"]) == G.number_of_edges() == data["stats"]["edgesTotal"]
    uni = next(node for node in data["nodes"] if node["iri"] == "urn:uni")
    assert uni["zh"] == "兰州大学" and uni["al"] == ["兰大"] and uni["f"][0]["value"] == 12
    assert data["classes"][uni["c"]]["name"] == "University" and data["classes"][uni["c"]]["zh"] == "高校"
    assert {relation["en"] for relation in data["relations"]} >= {"supported by", "partner", "chain enterprise"}
    # the two opposite partner edges get different curve ranks so they do not draw on top of each other
    partner = [edge["b"] for edge in data["edges"] if data["relations"][edge["r"]]["en"] == "partner"]
    assert sorted(partner) == [0, 1]
    assert all(-1e6 < node["x"] < 1e6 and -1e6 < node["y"] < 1e6 for node in data["nodes"])


def test_collectives_weigh_without_minting_members():
    G = make_graph()
    data = view_data(G)
    assert len(data["nodes"]) == G.number_of_nodes()  # no member nodes invented
    cluster = next(node for node in data["nodes"] if node["iri"] == "urn:cluster")
    assert cluster["w"] == 64 and cluster["k"][0]["count"] == 64 and cluster["k"][0]["role"] == "chain enterprise"
    assert [figure["measure_en"] for figure in cluster["f"]] == ["output value"]  # the 64 is listed once
    H = G.copy()
    H.nodes["urn:cluster"].update(collective_weight=0, collectives=[])
    plain = next(node for node in view_data(H)["nodes"] if node["iri"] == "urn:cluster")
    assert cluster["s"] > plain["s"] and cluster["v"] == plain["v"]  # bigger, same centrality


def test_node_budget_keeps_the_most_central_and_says_so(tmp_path):
    G = nx.star_graph(30, create_using=nx.MultiDiGraph)  # hub 0 with 30 leaves
    G.add_edges_from([(1, 2), (1, 3), (2, 3)])
    G = nx.relabel_nodes(G, {n: f"urn:n{n}" for n in G})
    summary = render(G, tmp_path / "v.html", node_budget=4)
    assert (summary.nodes_shown, summary.nodes_total) == (4, 31)
    data = page_data((tmp_path / "v.html").read_text(encoding="utf-8"))
    assert {node["iri"] for node in data["nodes"]} == {"urn:n0", "urn:n1", "urn:n2", "urn:n3"}
    assert summary.edges_shown == 6 and summary.edges_total == G.number_of_edges()
    assert "showing 4 of 31 actors (the most central by degree)" in (tmp_path / "v.html").read_text(encoding="utf-8")
    zh = page_html(view_data(G, node_budget=4, lang="zh"))
    assert "显示 4 / 31 个行动者" in zh


def test_budget_always_keeps_the_centre():
    G = nx.relabel_nodes(nx.star_graph(10, create_using=nx.MultiDiGraph), lambda n: f"urn:n{n}")
    data = view_data(G, around="urn:n7", depth=1, node_budget=1)
    assert [node["iri"] for node in data["nodes"]] == ["urn:n7"] and data["stats"]["nodesTotal"] == 2


def test_around_shows_the_neighbourhood_at_depth():
    G = make_graph()
    one = view_data(G, around="urn:firm", depth=1)
    assert {node["iri"] for node in one["nodes"]} == {"urn:firm", "urn:cluster", "urn:uni"}
    assert one["focus"] == [node["iri"] for node in one["nodes"]].index("urn:firm")
    two = view_data(G, around="urn:firm", depth=2)
    assert {node["iri"] for node in two["nodes"]} == {"urn:firm", "urn:cluster", "urn:uni", "urn:hub"}
    assert view_data(G, around="urn:lonely", depth=3)["stats"]["nodesShown"] == 1
    with pytest.raises(UnknownActor):
        view_data(G, around="urn:nobody")


def test_path_view_highlights_the_path_in_its_surroundings(tmp_path):
    G = make_graph()
    hops = [{"source": "urn:uni", "target": "urn:hub", "relation": "urn:r/supportedBy"},
            {"source": "urn:hub", "target": "urn:cluster", "relation": "urn:r/supportedBy"}]
    data = path_view_data(G, [hops], depth=1)
    highlighted = [node["iri"] for node in data["nodes"] if node["h"]]
    assert highlighted == ["urn:uni", "urn:hub", "urn:cluster"]
    iris = [node["iri"] for node in data["nodes"]]
    lit = {(iris[edge["f"]], iris[edge["t"]]) for edge in data["edges"] if edge["h"]}
    assert lit == {("urn:uni", "urn:hub"), ("urn:cluster", "urn:hub")}
    assert "urn:xss" in iris and "urn:lonely" not in iris  # a neighbour of the path, and an outsider
    assert data["paths"] == [[iris.index("urn:uni"), iris.index("urn:hub"), iris.index("urn:cluster")]]
    # the path is laid out left to right on one line
    xs = [data["nodes"][i]["x"] for i in data["paths"][0]]
    ys = {data["nodes"][i]["y"] for i in data["paths"][0]}
    assert xs == sorted(xs) and len(ys) == 1
    alone = render_path_view(G, [hops], tmp_path / "p.html", depth=0)
    assert alone.nodes_shown == 3 and alone.edges_shown == 2
    with pytest.raises(KGError, match="no path"):
        path_view_data(G, [])


@pytest.mark.parametrize("options, message", [
    ({"lang": "fr"}, "unknown language 'fr'; valid: en, zh"),
    ({"size_by": "fame"}, "unknown size measure 'fame'; valid: degree, betweenness"),
    ({"depth": -1}, "depth must be a whole number >= 0"),
    ({"node_budget": 0}, "node budget must be a whole number >= 1"),
])
def test_bad_options_raise_one_clear_error(options, message):
    with pytest.raises(KGError, match=re.escape(message)):
        view_data(make_graph(), **options)


@pytest.mark.parametrize("measure", kg.view.SIZE_MEASURES)
def test_every_size_measure_orders_sizes_by_centrality(measure):
    G = make_graph()
    data = view_data(G, size_by=measure)
    nodes = {node["iri"]: node for node in data["nodes"]}
    plain = [node for node in data["nodes"] if not node["w"]]
    assert max(plain, key=lambda node: node["v"])["s"] == max(node["s"] for node in plain)
    assert nodes["urn:hub"]["v"] >= nodes["urn:lonely"]["v"] and data["sizeBy"] == measure


def test_write_is_atomic(tmp_path, monkeypatch):
    out = tmp_path / "v.html"
    out.write_text("old view", encoding="utf-8")
    real = kg.view.data.atomic_write

    @contextlib.contextmanager
    def failing(path, **options):
        with real(path, **options) as handle:
            handle.write("half a page")
            raise OSError("disk full")
        yield  # pragma: no cover

    monkeypatch.setattr(kg.view.data, "atomic_write", failing)
    with pytest.raises(OSError, match="disk full"):
        render(make_graph(), out)
    assert out.read_text(encoding="utf-8") == "old view"
    assert [path.name for path in tmp_path.iterdir()] == ["v.html"]


def test_utf8_whatever_the_locale(tmp_path, monkeypatch):
    monkeypatch.setattr("locale.getpreferredencoding", lambda *args: "ANSI_X3.4-1968")
    render(make_graph(), tmp_path / "v.html", lang="zh")
    assert "甘肃省科技厅" in page_data((tmp_path / "v.html").read_text(encoding="utf-8"))["nodes"][0]["zh"]


def test_pyvis_assembles_the_drawing_without_titles_and_escaped(tmp_path):
    render(make_graph(), tmp_path / "v.html", lang="zh")
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    data, block = page_data(page), re.search(r'id="kg-vis">(.*?)</script>', page, re.S).group(1)
    assert not re.search(r"[<>&\u2028\u2029]", block)
    drawing = json.loads(block)
    assert [node["id"] for node in drawing["nodes"]] == list(range(len(data["nodes"])))
    assert [(edge["id"], edge["from"], edge["to"]) for edge in drawing["edges"]] == [
        (i, edge["f"], edge["t"]) for i, edge in enumerate(data["edges"])]
    assert not any("title" in item for item in drawing["nodes"] + drawing["edges"])  # our script draws tooltips
    hostile = drawing["nodes"][[node["iri"] for node in data["nodes"]].index("urn:xss")]
    assert hostile["label"] == XSS_ZH and hostile["group"] == "Enterprise" and hostile["physics"] is False
    assert {edge["label"] for edge in drawing["edges"]} >= {"支持", "合作", XSS_ZH}
    assert set(drawing["options"]["groups"]) == {entry["name"] for entry in data["classes"]}
    assert drawing["options"]["physics"] is False and drawing["edgeLabels"] is True


def test_vis_network_script_is_the_installed_pyvis_copy():
    import pyvis

    page = page_html(view_data(make_graph()))
    shipped = (Path(pyvis.__file__).parent / "templates/lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    assert re.findall(r"<script>(.*?)</script>", page, re.S)[0] == shipped
    assert not (Path(kg.view.__file__).parent / "assets" / "vis-network.min.js").exists()


def test_missing_vis_network_script_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(kg.view.page, "_PYVIS_VIS_JS", "templates/lib/vis-0.0/vis-network.min.js")
    with pytest.raises(KGError, match=r"has no templates/lib/vis-0\.0/vis-network\.min\.js; kg needs pyvis 0\.3\.2"):
        page_html(view_data(make_graph()))


def test_path_nodes_carry_their_own_border_and_the_rest_fades():
    G = make_graph()
    hops = [{"source": "urn:uni", "target": "urn:hub", "relation": "urn:r/supportedBy"}]
    data = path_view_data(G, [hops], depth=1)
    drawing = kg.view.vis_network(data)
    for node, vis_node in zip(data["nodes"], drawing["nodes"]):
        if node["h"]:
            assert vis_node["color"]["border"] == "#1f2933" and vis_node["borderWidth"] == 4
            assert "group" not in vis_node and "opacity" not in vis_node
        else:
            assert vis_node["opacity"] == 0.35 and "color" not in vis_node
    lit = [vis_edge for edge, vis_edge in zip(data["edges"], drawing["edges"]) if edge["h"]]
    assert lit and all(edge["width"] == 4.5 and edge["color"]["opacity"] == 1 for edge in lit)


def test_big_views_start_without_edge_labels():
    G = nx.relabel_nodes(nx.path_graph(1600, create_using=nx.MultiDiGraph), lambda n: f"urn:n{n}")
    drawing = kg.view.vis_network(view_data(G, node_budget=2000))
    assert drawing["edgeLabels"] is False and not any("label" in edge for edge in drawing["edges"])
    assert drawing["options"]["edges"]["smooth"] is False and drawing["options"]["interaction"]["hideEdgesOnDrag"]


# -- the article (needs graph_data/; the article_graph fixture loads it) --

def test_article_view_matches_the_projection(article_graph, tmp_path):
    from kg.analysis.network import project

    G = project(article_graph)
    summary = render(G, tmp_path / "article.html", lang="zh")
    assert (summary.nodes_shown, summary.edges_shown) == (G.number_of_nodes(), G.number_of_edges())
    data = page_data((tmp_path / "article.html").read_text(encoding="utf-8"))
    cluster = next(node for node in data["nodes"] if node["zh"].startswith("金昌") and node["w"])
    assert cluster["w"] == 64 and any(item["count"] == 64 for item in cluster["k"])


# -- the command line --

def run(*args):
    return CliRunner().invoke(cli, ["view", *args], catch_exceptions=False)


def test_cli_writes_the_view_and_says_so(tmp_path):
    out = tmp_path / "view.html"
    result = run("-o", str(out), "--around", "兰州大学", "--depth", "1", "--lang", "en")
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    shown, edges = len(data["nodes"]), len(data["edges"])
    assert result.stdout == f"Wrote {out}: {shown} of {shown} actors, {edges} of {edges} relations\n"
    assert data["nodes"][data["focus"]]["zh"] == "兰州大学" and data["lang"] == "en"


def test_cli_cluster_view_finds_the_cluster_by_part_of_its_name(tmp_path):
    out = tmp_path / "cluster.html"
    result = run("-o", str(out), "--cluster", "金昌")
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["nodes"][data["focus"]]["w"] == 64 and data["stats"]["depth"] == 1


@pytest.mark.parametrize("args, code, text", [
    (["--around", "不存在的机构XYZ"], 2, "no actor is named"),
    (["--cluster", "兰州大学"], 2, "among actors of class IndustrialCluster"),
    (["--size-by", "fame"], 2, "Invalid value for '--size-by'"),
    (["--max-nodes", "0"], 2, "Invalid value for '--max-nodes'"),
    (["--around", "兰州大学", "--cluster", "金昌"], 2, "--around and --cluster exclude each other"),
])
def test_cli_bad_input_exits_non_zero_with_one_error_line(tmp_path, args, code, text):
    out = tmp_path / "v.html"
    result = run("-o", str(out), *args)
    assert result.exit_code == code
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and text in errors[0]
    assert "Traceback" not in result.output and not out.exists()


def test_a_relation_has_one_colour_in_every_view_of_a_graph(article_kg):
    """Regression: "affiliated with" was purple in the whole view and red in a path view."""
    from kg.view import graph_view_data, path_view_data

    whole = {r["iri"]: r["color"] for r in graph_view_data(article_kg)["relations"]}
    around = {r["iri"]: r["color"] for r in graph_view_data(article_kg, around="兰州大学")["relations"]}
    path = path_view_data(article_kg.network, article_kg.path("兰州大学", "金川集团", mode="k_shortest", k=3)["paths"])
    along = {r["iri"]: r["color"] for r in path["relations"]}
    assert set(around) < set(whole) and set(along) < set(whole)
    for iri in set(around) | set(along):
        assert around.get(iri, whole[iri]) == whole[iri] == along.get(iri, whole[iri]), iri


def test_classes_come_in_families_with_one_hue_each(article_kg):
    from kg.view import graph_view_data

    data = graph_view_data(article_kg)
    families, classes = data["families"], data["groupings"]["class"]
    positions = [entry["family"] for entry in classes]
    assert positions == sorted(positions)  # the legend lists a family's classes together
    by_family = {}
    for entry in classes:
        by_family.setdefault(entry["family"], []).append(entry)
    assert len(by_family) <= 10 and len(classes) > len(by_family)
    for position, members in by_family.items():
        assert members[0]["color"] == families[position]["color"]  # the most frequent class wears the hue
        assert len({m["color"] for m in members}) == len(members)  # the others a shade of it
    named = {entry["name"]: families[entry["family"]]["name"] for entry in classes}
    assert named["University"] == "universities" and named["City"] == "places" and named["Technology"] == "things"
    # the path hops' positions among the view's edges
    hops = article_kg.path("兰州大学", "金川集团")["paths"]
    from kg.view import path_view_data

    view = path_view_data(article_kg.network, hops)
    for hop, position in zip(hops[0], view["pathEdges"][0]):
        edge = view["edges"][position]
        ends = {view["nodes"][edge["f"]]["iri"], view["nodes"][edge["t"]]["iri"]}
        assert ends == {hop["source"], hop["target"]} and view["relations"][edge["r"]]["iri"] == hop["relation"]
