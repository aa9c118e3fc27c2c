"""The view in a real browser: headless Chromium (Debian's) driven by playwright.

One browser for the module; each test opens its own page and checks that the page logged no console
error, raised nothing, opened no dialog and asked for nothing outside file:/data:/blob:/about:.
"""

import pytest

# plain imports: pytest puts tests/ on sys.path (there is no tests/__init__.py), under `pytest` and
# `python -m pytest` alike
from browser import canvas_ink, chromium_missing_reason
from test_view import XSS_EN, XSS_ZH, make_graph

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

_MISSING = chromium_missing_reason()
if _MISSING:
    pytest.skip(_MISSING, allow_module_level=True)


@pytest.fixture(scope="module")
def article(article_graph):
    from kg.analysis.network import project

    return project(article_graph)


@pytest.fixture(scope="module")
def article_page(browser, article, tmp_path_factory):
    from kg.view import render

    out = tmp_path_factory.mktemp("view") / "article.html"
    render(article, out, lang="zh")
    record = browser.open(out)
    yield record
    assert_clean(record)
    record.page.context.close()


def assert_clean(record):
    assert record.console_errors == []
    assert record.page_errors == []
    assert record.dialogs == []
    assert record.external_requests == []


def test_article_view_draws_and_counts_match_the_projection(article_page, article):
    page = article_page.page
    assert canvas_ink(page) > 5000
    counts = page.evaluate("[kgView.nodeCount(), kgView.edgeCount(), kgView.visibleNodeCount()]")
    assert counts == [article.number_of_nodes(), article.number_of_edges(), article.number_of_nodes()]
    assert page.inner_text("#notice") == f"{article.number_of_nodes()} 个行动者，{article.number_of_edges()} 条关系"


@pytest.mark.parametrize("query, expected", [
    ("兰州大学", "兰州大学"),
    ("Lanzhou University", "兰州大学"),
    ("省科技厅", "甘肃省科技厅"),
])
def test_search_focuses_the_actor(article_page, article, query, expected):
    from kg.analysis.resolve import resolve

    page = article_page.page
    page.fill("#search", "")
    page.type("#search", query)
    assert page.is_visible("#results")
    first = page.inner_text("#results li:first-child")
    page.press("#search", "Enter")
    wanted = resolve(article, expected)
    assert page.evaluate("kgView.selected()") == wanted
    assert article.nodes[wanted]["label_zh"] in first
    assert page.inner_text("#panel h3") == article.nodes[wanted]["label_zh"]
    page.wait_for_function("() => !kgView.animating")  # the focus animation ends with the actor in the middle
    box = page.locator("#graph").bounding_box()
    spot = page.evaluate("iri => kgView.domPosition(iri)", wanted)
    assert abs(spot["x"] - (box["x"] + box["width"] / 2)) < 5 and abs(spot["y"] - (box["y"] + box["height"] / 2)) < 5


def test_search_by_alias_in_other_case(article_page, article):
    page = article_page.page
    names = [name.lower() for _, data in article.nodes(data=True)
             for name in [data["label_zh"], data["label_en"], *data["aliases"]]]
    # an English alias that no other name contains, typed in lower case
    actor, alias = next((node, alias) for node, data in article.nodes(data=True) for alias in data["aliases"]
                        if alias.isascii() and alias != alias.lower()
                        and sum(alias.lower() in name for name in names) == 1)
    assert page.evaluate("q => kgView.search(q)", alias.lower()) == actor


def test_arrow_keys_pick_another_match(article_page):
    page = article_page.page
    page.fill("#search", "")
    page.type("#search", "兰州")
    names = page.locator("#results li button > div:first-child").all_inner_texts()
    assert len(names) >= 2
    page.press("#search", "ArrowDown")
    page.press("#search", "Enter")
    assert page.inner_text("#panel h3") == names[1]


def test_click_lists_the_actors_relations(article_page, article):
    from kg.analysis.resolve import resolve

    page = article_page.page
    actor = resolve(article, "兰州大学")
    page.evaluate("kgView.network.fit({animation: false})")
    page.evaluate("iri => kgView.network.focus(kgView.indexOf(iri), {scale: 1.5})", actor)
    spot = page.evaluate("iri => kgView.domPosition(iri)", actor)
    page.mouse.click(spot["x"], spot["y"])
    assert page.evaluate("kgView.selected()") == actor
    panel = page.inner_text("#panel")
    neighbours = set(article.successors(actor)) | set(article.predecessors(actor))
    assert neighbours
    for neighbour in neighbours:
        assert article.nodes[neighbour]["label_zh"] in panel
    for _, _, data in list(article.out_edges(actor, data=True)) + list(article.in_edges(actor, data=True)):
        assert data["label_zh"] in panel
    listed = page.locator("#panel ul.relations li").count()
    assert listed == article.degree(actor)


def test_class_filter_hides_and_shows_a_class(article_page, article):
    page = article_page.page
    box = page.locator('#class-list input[data-cls="Person"]')
    people = sum(1 for _, cls in article.nodes(data="cls") if cls == "Person")
    assert people > 0
    box.uncheck()
    assert page.evaluate("kgView.visibleNodeCount()") == article.number_of_nodes() - people
    box.check()
    assert page.evaluate("kgView.visibleNodeCount()") == article.number_of_nodes()


def test_hovering_a_relation_shows_its_evidence(article_page, article):
    page = article_page.page
    data = page.evaluate("JSON.parse(document.getElementById('kg-data').textContent)")
    nodes, checked = data["nodes"], 0
    for index, edge in enumerate(data["edges"]):
        if not edge["e"]:
            continue
        # centre the view on the middle of the relation, zoomed in, then hover there
        page.mouse.move(2, 2)
        page.evaluate("""i => kgView.network.moveTo({position: kgView.network.body.edges[i].edgeType.getPoint(0.5),
                                                     scale: 2.5})""", index)
        spot = page.evaluate("i => kgView.edgeMiddle(i)", index)
        page.mouse.move(spot["x"], spot["y"])
        page.wait_for_timeout(150)
        tip = page.inner_text("#tooltip") if page.is_visible("#tooltip") else ""
        if "→" not in tip:  # a node drawn over the middle of this relation took the hover: try another
            continue
        source, target = nodes[edge["f"]]["iri"], nodes[edge["t"]]["iri"]
        assert f"{article.nodes[source]['label_zh']} → {article.nodes[target]['label_zh']}" in tip
        assert edge["e"][0]["span"] in tip and f"{edge['e'][0]['start']}–{edge['e'][0]['end']}" in tip
        checked += 1
        if checked == 3:
            break
    assert checked == 3


def test_article_page_logged_no_error_and_sent_no_request(article_page):
    assert_clean(article_page)


def test_hostile_labels_show_as_text_and_run_nothing(browser, tmp_path):
    from kg.view import render

    render(make_graph(), tmp_path / "xss.html", title=XSS_ZH)
    record = browser.open(tmp_path / "xss.html")
    page = record.page
    page.evaluate("window.__probe = 'untouched'")
    assert page.title() == XSS_ZH and page.inner_text("#title") == XSS_ZH
    assert page.evaluate("kgView.search('onerror')") == "urn:xss"
    assert page.inner_text("#panel h3") == XSS_EN
    assert XSS_ZH in page.inner_text("#panel")
    page.wait_for_function("() => !kgView.animating")
    spot = page.evaluate("kgView.domPosition('urn:xss')")
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_selector("#tooltip:not([hidden])")
    assert XSS_ZH in page.inner_text("#tooltip") and XSS_EN in page.inner_text("#tooltip")
    assert page.evaluate("[window.pwned, window.__probe, document.images.length]") == [None, "untouched", 0]
    assert page.locator("#panel img, #tooltip img, #panel script, #tooltip script").count() == 0
    assert_clean(record)
    page.context.close()


def test_budget_message_and_collectives_on_the_page(browser, tmp_path):
    from kg.view import render

    render(make_graph(), tmp_path / "budget.html", node_budget=4, lang="en")
    record = browser.open(tmp_path / "budget.html")
    page = record.page
    assert page.inner_text("#notice").startswith("showing 4 of 6 actors")
    assert page.evaluate("kgView.nodeCount()") == 4
    assert page.evaluate("kgView.search('Jinchang')") == "urn:cluster"
    assert "64 chain enterprises (unnamed)" in page.inner_text("#panel")
    assert_clean(record)
    page.context.close()


def test_path_view_highlights_the_path(browser, article, tmp_path):
    from kg.analysis.paths import find_paths
    from kg.analysis.resolve import resolve
    from kg.view import render_path_view

    source, target = resolve(article, "俄罗斯沃罗涅日国立农业大学"), resolve(article, "甘肃省科技厅")
    paths = find_paths(article, source, target)
    summary = render_path_view(article, paths, tmp_path / "path.html", lang="zh")
    record = browser.open(tmp_path / "path.html")
    page = record.page
    assert canvas_ink(page) > 2000
    assert page.evaluate("kgView.nodeCount()") == summary.nodes_shown
    # one line per hop: the actor, the relation (its direction), the next actor, then the evidence
    steps = page.locator("#panel li.hop").all_inner_texts()
    assert len(steps) == len(paths[0])
    for text, hop in zip(steps, paths[0]):
        first_line = text.splitlines()[0]
        assert first_line.startswith(article.nodes[hop["source"]]["label_zh"])
        assert hop["label_zh"] in first_line and article.nodes[hop["target"]]["label_zh"] in first_line
        assert all(item["span"] in text for item in hop["evidence"][:3])
    assert_clean(record)
    page.context.close()
