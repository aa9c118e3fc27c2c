"""The view's control panel: colour by class, community or sector, and a date slider that replays
``KnowledgeGraph.as_of`` in the page (kg/view/controls.py, kg/view/knowledge.py, kg/view/assets/view.js).

The data side is checked without a browser; the page itself in headless Chromium (Debian's, through
tests/browser.py), where every check compares what the page shows with what the library computes.
"""

import json
import re

import pytest

from kg.analysis.timeline import relation_date


IKR = "https://w3id.org/innovation-kg/id/"
HOSTILE = "<img src=x onerror=alert(1)>"


# ---- data: what the page carries -------------------------------------------------------------------

@pytest.fixture(scope="module")
def data(article_kg):
    from kg.view import graph_view_data

    return graph_view_data(article_kg)


def test_every_node_carries_its_class_community_and_sector(data, article_kg):
    membership = article_kg.communities(seed=0)["membership"]
    sectors = article_kg.sectors()
    groupings = data["groupings"]
    for node in data["nodes"]:
        iri = node["iri"]
        assert groupings["class"][node["g"]["class"]]["name"] == article_kg.network.nodes[iri]["cls"]
        assert groupings["community"][node["g"]["community"]]["name"] == f"community-{membership[iri]}"
        assert groupings["sector"][node["g"]["sector"]]["name"] == (sectors[iri] or "sector-none")
        assert node["c"] == node["g"]["class"]  # the page opens coloured by class
    # each grouping's counts add up to the actors shown, and no entry is empty
    for name, entries in groupings.items():
        assert sum(entry["count"] for entry in entries) == len(data["nodes"]), name
        assert all(entry["count"] > 0 for entry in entries), name


def test_sectors_are_listed_in_the_ontologys_order_and_no_sector_last(data, article_kg):
    scheme = article_kg.sector_scheme()["sectors"]
    names = [entry["name"] for entry in data["groupings"]["sector"]]
    assert names[-1] == "sector-none"
    orders = [scheme[name]["order"] for name in names[:-1]]
    assert orders == sorted(orders) and len(orders) == len(set(orders))
    assert data["groupings"]["sector"][0]["en"] == scheme[names[0]]["en"]


def test_node_and_edge_dates_are_the_ones_as_of_reads(data, article_kg):
    from kg.analysis.timeline import node_date

    dates = article_kg.dates()
    by_index = [node["iri"] for node in data["nodes"]]
    for node in data["nodes"]:
        assert node["d"] == node_date(dates, node["iri"])
    assert sum(node["d"] is not None for node in data["nodes"]) == 6  # the article dates six actors
    for edge in data["edges"]:
        ends = [d for d in (data["nodes"][edge["f"]]["d"], data["nodes"][edge["t"]]["d"]) if d is not None]
        assert edge["d"] == (max(ends) if ends else None), (by_index[edge["f"]], by_index[edge["t"]])


def test_slider_steps_run_from_the_earliest_to_the_latest_dated_fact(data, article_kg):
    from kg.analysis.timeline import node_date

    steps = data["dates"]["steps"]
    dated = [node_date(article_kg.dates(), n) for n in article_kg.network] + \
            [str(f["time"]) for _, attrs in article_kg.network.nodes(data=True) for f in attrs["figures"] if f.get("time")]
    dated = [d for d in dated if d]
    assert steps[0] == min(dated)[:4]
    assert steps[-1][:4] == max(d[:4] for d in dated)
    years = [int(step) for step in steps if len(step) == 4]
    assert years == list(range(years[0], years[-1] + 1))  # every year in between, so 2023 is a step
    assert "2023" in steps and "2024-07" in steps


def test_each_step_keeps_at_least_what_the_one_before_kept(data, article_kg):
    """A slider moved right never hides more: as_of at each step keeps a superset of the step before."""
    steps = data["dates"]["steps"]
    kept = [set(article_kg.as_of(step).network) for step in steps]
    for before, after in zip(kept, kept[1:]):
        assert before <= after
    assert kept[0] < kept[-1] and kept[-1] == set(article_kg.network)


@pytest.mark.parametrize("dates, figures, expected", [
    (["2021", "2024-07", None], ["2024"], ["2021", "2022", "2023", "2024-07", "2024"]),
    (["2024-12-31", "2024-12"], [], ["2024"]),  # same end of period, same facts kept: one step
    ([None], ["later this year"], []),
])
def test_date_steps(dates, figures, expected):
    from kg.view.controls import date_steps

    assert date_steps(dates, figures) == expected


def test_a_bare_projection_has_no_slider_and_no_sector_colouring(article_kg):
    from kg.errors import KGError
    from kg.view import view_data

    data = view_data(article_kg.network)
    assert data["dates"]["steps"] == [] and all(node["d"] is None for node in data["nodes"])
    assert data["groupings"]["sector"] is None and data["groupings"]["community"]
    with pytest.raises(KGError, match="sector scheme"):
        view_data(article_kg.network, color_by="sector")
    with pytest.raises(KGError, match="unknown colouring 'size'"):
        view_data(article_kg.network, color_by="size")


def test_a_graph_cut_by_as_of_dates_its_nodes_without_read_dates(article_kg):
    from kg.view import view_data

    then = article_kg.as_of("2021").network
    data = view_data(then)
    assert {node["iri"]: node["d"] for node in data["nodes"]} == {n: then.nodes[n]["since"] for n in then}
    assert data["dates"]["steps"][-1] <= "2025" and "2021" in data["dates"]["steps"]


def test_large_networks_find_communities_only_when_asked(article_kg, monkeypatch):
    import kg.view.data
    from kg.view import view_data

    monkeypatch.setattr(kg.view.data, "AUTO_COMMUNITIES_MAX", len(article_kg.network) - 1)
    assert view_data(article_kg.network)["groupings"]["community"] is None
    asked = view_data(article_kg.network, color_by="community")
    assert asked["colorBy"] == "community" and asked["classes"] == asked["groupings"]["community"]


def test_opening_colouring_follows_color_by(article_kg):
    from kg.view import graph_view_data

    data = graph_view_data(article_kg, color_by="sector")
    assert data["colorBy"] == "sector" and data["classes"] == data["groupings"]["sector"]
    assert all(node["c"] == node["g"]["sector"] for node in data["nodes"])


def test_the_python_view_and_the_served_view_carry_the_controls(article_kg):
    from starlette.testclient import TestClient

    from kg.serve.app import create_app

    page = article_kg.view(color_by="sector")
    found = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert found["colorBy"] == "sector" and found["dates"]["steps"] and found["groupings"]["sector"]
    with TestClient(create_app(article_kg, allowed_hosts=["testserver"])) as client:
        served = client.get("/view.json").json()
    assert served["groupings"]["sector"] and served["dates"]["steps"] == found["dates"]["steps"]


def test_cli_view_color_by_sector(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path / "sector.html"
    result = CliRunner().invoke(cli, ["view", "--color-by", "sector", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    found = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert found["colorBy"] == "sector" and found["dates"]["steps"]
    bad = CliRunner().invoke(cli, ["view", "--color-by", "size", "-o", str(tmp_path / "bad.html")])
    assert bad.exit_code == 2 and "Traceback" not in bad.output and not (tmp_path / "bad.html").exists()


def test_sector_and_community_names_from_data_are_escaped(article_kg, tmp_path):
    from kg.view import page_html, view_data

    scheme = json.loads(json.dumps(article_kg.sector_scheme()))
    for sector in scheme["sectors"].values():
        sector["en"] = sector["zh"] = HOSTILE
    found = article_kg.communities(seed=0)
    found = dict(found, communities=[dict(c, name=HOSTILE) for c in found["communities"]])
    page = page_html(view_data(article_kg.network, sector_scheme=scheme, communities=found,
                               dates=article_kg.dates()))
    assert "<img" not in page
    assert page.count("\\u003cimg src=x onerror=alert(1)\\u003e") >= 2


# ---- the page in Chromium --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(article_kg, tmp_path_factory):
    from kg.view import graph_view

    folder = tmp_path_factory.mktemp("controls")
    files = {}
    for lang in ("en", "zh"):
        files[lang] = folder / f"article-{lang}.html"
        graph_view(article_kg, files[lang], lang=lang)
    return files


def clean(record):
    assert record.console_errors == [] and record.page_errors == [] and record.dialogs == []
    assert record.external_requests == []


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_switching_to_community_changes_node_colours_and_the_legend(browser, pages, article_kg):
    from kg.view import graph_view_data

    data = graph_view_data(article_kg)
    record = browser.open(pages["en"])
    page = record.page
    assert page.evaluate("() => kgView.colorings()") == ["class", "community", "sector"]
    before = {n["iri"]: page.evaluate("iri => kgView.nodeColour(iri)", n["iri"]) for n in data["nodes"]}
    for node in data["nodes"]:
        assert before[node["iri"]].lower() == data["groupings"]["class"][node["g"]["class"]]["color"]
    assert [e["name"] for e in page.evaluate("() => kgView.legend()")] == \
        [e["en"] for e in data["groupings"]["class"]]

    page.select_option("#color-by", "community")  # the menu, as a reader would
    assert page.evaluate("() => kgView.colorBy()") == "community"
    membership = article_kg.communities(seed=0)["membership"]
    communities = {c["id"]: c for c in article_kg.communities(seed=0, lang="en")["communities"]}
    entries = data["groupings"]["community"]
    after = {n["iri"]: page.evaluate("iri => kgView.nodeColour(iri)", n["iri"]) for n in data["nodes"]}
    for node in data["nodes"]:
        entry = entries[node["g"]["community"]]
        assert entry["name"] == f"community-{membership[node['iri']]}"
        assert after[node["iri"]].lower() == entry["color"]
    changed = sum(before[iri] != after[iri] for iri in before)
    assert changed > len(before) / 2, changed
    legend = page.evaluate("() => kgView.legend()")
    assert [item["name"] for item in legend] == [f"{cid} · {communities[cid]['name']}"
                                                 for cid in sorted({membership[n["iri"]] for n in data["nodes"]})]
    assert [item["count"] for item in legend] == [e["count"] for e in entries]
    assert page.inner_text("#classes-heading").lower() == "communities"
    # the canvas is redrawn in the new colours: the pixel under a large actor is its community's colour (the
    # largest whose centre no name is drawn over: a hub's name on its white box may cover another node)
    labels = page.evaluate("() => kgView.labelBoxes()")
    boxes = {box["iri"]: box for box in page.evaluate("() => kgView.nodeBoxes()")}

    def covered(iri):
        box = boxes.get(iri)
        x, y = box["x"] + box["w"] / 2, box["y"] + box["h"] / 2
        return any(b["x"] <= x <= b["x"] + b["w"] and b["y"] <= y <= b["y"] + b["h"] for b in labels)

    big = max((n for n in data["nodes"] if n["iri"] in boxes and not covered(n["iri"])), key=lambda n: n["s"])
    assert big["s"] >= sorted(n["s"] for n in data["nodes"])[-10], "every large actor is under a name"
    spot = page.evaluate("iri => kgView.domPosition(iri)", big["iri"])
    pixel = page.evaluate("""([x, y]) => { const c = document.querySelector('#graph canvas');
        const r = c.getBoundingClientRect(); const d = c.getContext('2d').getImageData(x - r.left, y - r.top, 1, 1).data;
        return '#' + [d[0], d[1], d[2]].map(v => v.toString(16).padStart(2, '0')).join(''); }""", [spot["x"], spot["y"]])
    assert pixel == entries[big["g"]["community"]]["color"]
    clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_switching_to_sector_colours_by_the_ontologys_sectors(browser, pages, article_kg):
    sectors = article_kg.sectors()
    record = browser.open(pages["zh"])
    page = record.page
    page.select_option("#color-by", "sector")
    legend = page.evaluate("() => kgView.legend()")
    scheme = article_kg.sector_scheme()["sectors"]
    named = [scheme[s]["zh"] for s in sorted({s for s in sectors.values() if s}, key=lambda s: scheme[s]["order"])]
    assert [item["name"] for item in legend][:-1] == named and legend[-1]["name"].startswith("无部门")
    uni, province = article_kg.actor("兰州大学")["iri"], article_kg.actor("甘肃省科技厅")["iri"]
    assert page.evaluate("iri => kgView.nodeColour(iri)", uni) != page.evaluate("iri => kgView.nodeColour(iri)", province)
    # unticking a sector hides exactly its actors
    page.locator("#class-list input").nth(0).uncheck()
    hidden = set(page.evaluate("() => kgView.hiddenNodes()"))
    first = sorted({s for s in sectors.values() if s}, key=lambda s: scheme[s]["order"])[0]
    assert hidden == {n for n, s in sectors.items() if s == first}
    clean(record)
    page.context.close()


def as_of_drops(article_kg, step, dated_only=False):
    then = article_kg.as_of(step, dated_only=dated_only).network
    G = article_kg.network
    nodes = set(G) - set(then)
    edges = {(u, v, k) for u, v, k in G.edges(keys=True)} - {(u, v, k) for u, v, k in then.edges(keys=True)}
    return nodes, edges, then


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_slider_at_2023_hides_exactly_what_as_of_2023_drops(browser, pages, article_kg):
    record = browser.open(pages["en"])
    page = record.page
    steps = page.evaluate("() => kgView.dateSteps()")
    assert page.evaluate("() => kgView.hiddenNodes()") == [] and page.inner_text("#as-of-value") == "all dates"
    page.fill("#as-of", str(steps.index("2023")))  # the range input, as a reader drags it
    assert page.evaluate("() => kgView.asOf()") == "2023"
    nodes, edges, then = as_of_drops(article_kg, "2023")
    assert nodes and edges
    assert set(page.evaluate("() => kgView.hiddenNodes()")) == nodes
    assert {tuple(e) for e in page.evaluate("() => kgView.hiddenEdges()")} == edges
    assert page.inner_text("#as-of-value") == "as of 2023"
    assert page.inner_text("#as-of-counts") == (f"{len(then)} of {len(article_kg.network)} actors, "
                                                f"{then.number_of_edges()} of {article_kg.network.number_of_edges()} "
                                                "relations shown")
    # undated facts are kept and marked (dashed), and the note says what the dashes mean
    dashed = page.evaluate("() => kgView.dashed()")
    assert set(dashed["nodes"]) == {n for n in then if then.nodes[n]["undated"]}
    assert dashed["edges"] == then.graph["as_of"]["undated_relations"] == sum(
        1 for u, v in then.edges() if relation_date(then.nodes[u]["since"], then.nodes[v]["since"]) is None)
    assert page.is_visible("#undated-note")
    # the checkbox drops them: as_of(..., dated_only=True)
    page.check("#hide-undated")
    nodes, edges, _ = as_of_drops(article_kg, "2023", dated_only=True)
    assert set(page.evaluate("() => kgView.hiddenNodes()")) == nodes
    assert {tuple(e) for e in page.evaluate("() => kgView.hiddenEdges()")} == edges
    # back to every date: nothing hidden, nothing marked
    page.uncheck("#hide-undated")
    page.fill("#as-of", str(len(steps)))
    assert page.evaluate("() => [kgView.asOf(), kgView.hiddenNodes().length, kgView.hiddenEdges().length]") == [None, 0, 0]
    assert page.evaluate("() => kgView.dashed()") == {"nodes": [], "edges": 0}
    clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_every_step_of_the_slider_matches_as_of(browser, pages, article_kg):
    record = browser.open(pages["en"])
    page = record.page
    for step in page.evaluate("() => kgView.dateSteps()"):
        assert page.evaluate("s => kgView.setAsOf(s)", step) is True
        nodes, edges, _ = as_of_drops(article_kg, step)
        assert set(page.evaluate("() => kgView.hiddenNodes()")) == nodes, step
        assert {tuple(e) for e in page.evaluate("() => kgView.hiddenEdges()")} == edges, step
    clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_the_date_filter_holds_across_colourings_and_class_filters(browser, pages, article_kg):
    record = browser.open(pages["en"])
    page = record.page
    page.evaluate("() => kgView.setAsOf('2023')")
    nodes, _, _ = as_of_drops(article_kg, "2023")
    page.select_option("#color-by", "community")
    page.select_option("#color-by", "class")
    assert set(page.evaluate("() => kgView.hiddenNodes()")) == nodes
    # a class filter and the date together hide the union of both
    from kg.view import graph_view_data

    first = graph_view_data(article_kg)["groupings"]["class"][0]["name"]
    page.locator("#class-list input").nth(0).uncheck()
    hidden = set(page.evaluate("() => kgView.hiddenNodes()"))
    assert hidden == nodes | {n for n, c in article_kg.network.nodes(data="cls") if c == first}
    assert hidden > nodes
    # the legend counts what the date leaves
    counts = {item["name"]: item["count"] for item in page.evaluate("() => kgView.legend()")}
    then = article_kg.as_of("2023").network
    assert sum(counts.values()) == len(then)
    clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_figures_in_the_panel_follow_the_slider(browser, pages, article_kg):
    record = browser.open(pages["en"])
    page = record.page
    gansu = IKR + "place/gansu"
    times = [str(f["time"]) for f in article_kg.network.nodes[gansu]["figures"] if f.get("time")]
    assert any(t.startswith("2024") for t in times)
    page.evaluate("() => kgView.setAsOf('2023')")
    assert gansu not in page.evaluate("() => kgView.hiddenNodes()")  # undated: kept
    name = article_kg.network.nodes[gansu]["label_en"]
    assert page.evaluate("q => kgView.search(q)", name) == gansu
    assert page.evaluate("() => kgView.asOf()") == "2023"  # focusing a kept actor leaves the date alone
    card = page.inner_text("#panel-body > div")  # the actor's card: names, class, date, counts, figures
    assert "Dated: undated" in card and "2024" not in card and "2025" not in card
    page.evaluate("() => kgView.setAsOf(null)")
    page.evaluate("q => kgView.search(q)", name)
    assert "(2024)" in page.inner_text("#panel-body > div")
    clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_searching_an_actor_dated_later_shows_every_date_again(browser, pages, article_kg):
    record = browser.open(pages["en"])
    page = record.page
    signed = article_kg.actor("战略合作协议")["iri"]  # signed in July 2024
    page.evaluate("() => kgView.setAsOf('2023')")
    assert signed in page.evaluate("() => kgView.hiddenNodes()")
    page.fill("#search", article_kg.network.nodes[signed]["label_en"])
    page.press("#search", "Enter")
    assert page.evaluate("() => kgView.selected()") == signed
    assert page.evaluate("() => kgView.asOf()") is None and signed not in page.evaluate("() => kgView.hiddenNodes()")
    clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_long_community_names_wrap_in_the_legend(browser, pages):
    record = browser.open(pages["en"], width=1024, height=768)
    page = record.page
    page.select_option("#color-by", "community")
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('#legend .name')).map(e => ({
        text: e.textContent, cut: e.scrollWidth > e.clientWidth + 1,
        wrapped: e.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(e).lineHeight)}))""")
    assert any(len(cell["text"]) > 40 and cell["wrapped"] for cell in cells)
    assert not [cell for cell in cells if cell["cut"]]
    controls = page.locator("#controls").bounding_box()
    assert controls["width"] <= page.locator("#legend").bounding_box()["width"]
    clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_controls_use_no_inline_handlers_and_hostile_names_stay_text(browser, article_kg, tmp_path):
    from kg.view import page_html, view_data

    scheme = json.loads(json.dumps(article_kg.sector_scheme()))
    for sector in scheme["sectors"].values():
        sector["en"] = sector["zh"] = HOSTILE
    page_text = page_html(view_data(article_kg.network, sector_scheme=scheme, dates=article_kg.dates()))
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", page_text)  # CSP allows no inline handlers: none written
    out = tmp_path / "hostile.html"
    out.write_text(page_text, encoding="utf-8")
    record = browser.open(out)
    page = record.page
    page.select_option("#color-by", "sector")
    names = [item["name"] for item in page.evaluate("() => kgView.legend()")]
    assert HOSTILE in names and page.locator("#legend img").count() == 0
    clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_path_views_switch_colours_too_highlighted_actors_included(browser, article_kg, tmp_path):
    from kg.view import path_view_data, render_path_view

    paths = article_kg.path("兰州大学", "金川集团")["paths"]
    options = dict(sector_scheme=article_kg.sector_scheme(), dates=article_kg.dates())
    data = path_view_data(article_kg.network, paths, **options)
    out = tmp_path / "path.html"
    render_path_view(article_kg.network, paths, out, **options)
    record = browser.open(out)
    page = record.page
    page.select_option("#color-by", "sector")
    on_path = [node for node in data["nodes"] if node["h"]]
    assert on_path
    for node in data["nodes"]:
        colour = page.evaluate("iri => kgView.nodeColour(iri)", node["iri"]).lower()
        assert colour == data["groupings"]["sector"][node["g"]["sector"]]["color"], node["iri"]
    # a highlighted actor keeps its dark border after the switch
    border = page.evaluate("iri => kgView.network.body.nodes[kgView.indexOf(iri)].options.color.border", on_path[0]["iri"])
    assert border == "#1f2933"
    clean(record)
    page.context.close()
