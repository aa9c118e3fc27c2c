"""The views read well at first sight (headless Chromium, Debian's): names by level of detail with no label
over another label or a node, full legend names, a warning when no font can draw Chinese, path views that
show the whole path beside the panel at 1400x900 and 1024x768, and two picks drawing the same shortest
path as ``kg path --all-shortest`` lists first."""

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, chromium_missing_reason

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

_MISSING = chromium_missing_reason()
if _MISSING:
    pytest.skip(_MISSING, allow_module_level=True)

IKR = "https://w3id.org/innovation-kg/id/"
SIZES = [(1400, 900), (1024, 768)]
PATHS = [("兰州大学", "金川集团"), ("俄罗斯沃罗涅日国立农业大学", "甘肃省科技厅")]


@pytest.fixture(scope="module")
def pages(article_kg, tmp_path_factory):
    """The whole view in Chinese and English, and a path view per pair in PATHS."""
    from kg.view import render, render_path_view

    folder = tmp_path_factory.mktemp("legible")
    files = {}
    for lang in ("zh", "en"):
        files[lang] = folder / f"whole-{lang}.html"
        render(article_kg.network, files[lang], lang=lang)
    for k, (a, b) in enumerate(PATHS):
        files[("path", k)] = folder / f"path-{k}.html"
        render_path_view(article_kg.network, article_kg.path(a, b)["paths"], files[("path", k)], lang="zh")
    return files


def overlap(a, b):
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def inside(point, rect):
    return rect["x"] <= point["x"] <= rect["x"] + rect["w"] and rect["y"] <= point["y"] <= rect["y"] + rect["h"]


def clean(record):
    assert record.console_errors == [] and record.page_errors == [] and record.external_requests == []


@pytest.mark.parametrize("width, height", SIZES)
def test_opening_labels_never_overlap_a_label_or_a_node(browser, pages, width, height):
    record = browser.open(pages["zh"], width=width, height=height)
    page = record.page
    labels = page.evaluate("() => kgView.labelBoxes()")
    nodes = page.evaluate("() => kgView.nodeBoxes()")
    assert len(labels) >= 20
    for k, label in enumerate(labels):
        for other in labels[k + 1:]:
            assert not overlap(label, other), (label, other)
        for node in nodes:
            if node["iri"] != label["iri"]:
                assert not overlap(label, node), (label, node)
    canvas = page.evaluate("() => kgView.canvasRect()")
    assert all(0 <= b["x"] and b["x"] + b["w"] <= canvas["w"] and 0 <= b["y"] and b["y"] + b["h"] <= canvas["h"]
               for b in labels)
    clean(record)
    page.context.close()


def test_labels_go_to_the_most_central_and_more_appear_as_you_zoom(browser, pages, article_kg):
    record = browser.open(pages["zh"])
    page = record.page
    fitted = page.evaluate("() => kgView.labelBoxes().map(b => b.iri)")
    score = {row["iri"]: row["degree"] for row in article_kg.centrality(["degree"])}
    labelled = [score[iri] for iri in fitted]
    others = [value for iri, value in score.items() if iri not in set(fitted)]
    assert sum(labelled) / len(labelled) > 1.5 * sum(others) / len(others)
    page.evaluate("() => { const n = kgView.network; n.moveTo({scale: n.getScale() * 3, animation: false}); n.redraw(); }")
    zoomed = page.evaluate("() => kgView.labelBoxes()")
    nodes = page.evaluate("() => kgView.nodeBoxes()")
    # zoomed in, fewer actors are on screen but a larger share of them is named
    assert len(zoomed) / len(nodes) > len(fitted) / 118
    for k, label in enumerate(zoomed):
        assert not any(overlap(label, other) for other in zoomed[k + 1:])
    clean(record)
    page.context.close()


def test_legend_shows_full_class_names(browser, pages):
    record = browser.open(pages["en"], width=1024, height=768)
    page = record.page
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('#legend .name')).map(e => ({
        text: e.textContent, cut: e.scrollWidth > e.clientWidth + 1, ellipsis: getComputedStyle(e).textOverflow}))""")
    assert any(cell["text"] == "Innovation consortium" for cell in cells)
    assert all(not cell["cut"] and cell["ellipsis"] != "ellipsis" for cell in cells), [c for c in cells if c["cut"]]
    clean(record)
    page.context.close()


@pytest.mark.parametrize("width, height", SIZES)
@pytest.mark.parametrize("which", range(len(PATHS)))
def test_path_view_opens_with_the_whole_path_beside_the_panel(browser, pages, article_kg, which, width, height):
    a, b = PATHS[which]
    hops = article_kg.path(a, b)["paths"][0]
    sequence = [hops[0]["source"]] + [hop["target"] for hop in hops]
    record = browser.open(pages[("path", which)], width=width, height=height)
    page = record.page
    canvas = page.evaluate("() => kgView.canvasRect()")
    panel = page.evaluate("() => kgView.panelRect()")
    assert panel is not None
    for iri in sequence:
        spot = page.evaluate("(iri) => kgView.domPosition(iri)", iri)
        assert inside(spot, canvas), (iri, spot, canvas)
        assert not inside(spot, panel), (iri, spot, panel)
    named = {box["iri"] for box in page.evaluate("() => kgView.labelBoxes()")}
    assert sequence[0] in named and sequence[-1] in named  # both endpoints carry their names
    clean(record)
    page.context.close()


def test_two_picks_draw_the_path_kg_path_lists_first(browser, pages, article_kg):
    from kg.analysis.paths import find_paths

    record = browser.open(pages["zh"])
    page = record.page
    for a, b in [("兰州大学", "金川集团"), ("俄罗斯沃罗涅日国立农业大学", "甘肃省科技厅"), ("金昌", "兰州大学")]:
        start, end = article_kg.actor(a)["iri"], article_kg.actor(b)["iri"]
        first = find_paths(article_kg.network, start, end, mode="all_shortest")[0]
        expected = [first[0]["source"]] + [hop["target"] for hop in first]
        assert page.evaluate("([a, b]) => kgView.pickPath(a, b)", [start, end]) == expected
    # with the mouse: click one actor, shift-click another
    start, end = article_kg.actor("兰州大学")["iri"], article_kg.actor("金川集团")["iri"]
    page.evaluate("() => document.getElementById('panel-close').click()")
    for iri, shift in ((start, False), (end, True)):
        spot = page.evaluate("(iri) => kgView.domPosition(iri)", iri)
        if shift:
            page.keyboard.down("Shift")
        page.mouse.click(spot["x"], spot["y"])
        if shift:
            page.keyboard.up("Shift")
    first = find_paths(article_kg.network, start, end, mode="all_shortest")[0]
    assert page.evaluate("() => kgView.pickedPath()") == [first[0]["source"]] + [hop["target"] for hop in first]
    hops = page.locator("#panel li.hop").all_inner_texts()
    assert len(hops) == len(first)
    for text, hop in zip(hops, first):
        assert hop["label_zh"] in text
        assert all(item["span"] in text for item in hop["evidence"][:3])
    clean(record)
    page.context.close()


def test_a_warning_when_no_font_can_draw_chinese(browser, pages, tmp_path):
    """Chromium with a fontconfig that knows only DejaVu (no CJK): the page says so and names the fix."""
    (tmp_path / "fonts.conf").write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}/cache</cachedir></fontconfig>
""", encoding="utf-8")
    import os

    env = dict(os.environ, FONTCONFIG_FILE=str(tmp_path / "fonts.conf"))
    # a second Chromium from the same playwright, started with that fontconfig
    chromium = browser.browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, env=env)
    try:
        page = chromium.new_page()
        page.goto(pages["zh"].resolve().as_uri())
        page.wait_for_function("() => window.kgView && window.kgView.ready === true", timeout=30000)
        assert page.evaluate("() => kgView.cjkFontMissing") is True
        warning = page.locator("#font-warning")
        assert warning.is_visible() and "fonts-noto-cjk" in warning.inner_text()
    finally:
        chromium.close()


def test_no_warning_when_the_fonts_draw_chinese(browser, pages):
    import subprocess

    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    if not listed.strip():
        pytest.skip("no CJK font installed here (fc-list :lang=zh is empty): install fonts-wqy-microhei")
    record = browser.open(pages["zh"])
    assert record.page.evaluate("() => kgView.cjkFontMissing") is False
    assert record.page.locator("#font-warning").count() == 0
    clean(record)
    record.page.context.close()
