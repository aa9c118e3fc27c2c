"""The server's pages in headless Chromium (Debian's /usr/bin/chromium through playwright), over a live
``kg serve`` of the article graph: no console errors, no uncaught exceptions, no request that leaves
127.0.0.1 (each is recorded and refused).
"""

import json
import urllib.request

import pytest

from tests.test_serve_clients import server  # noqa: F401  (the live-server fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def base(server):  # noqa: F811
    return server[0]


@pytest.fixture
def visit(browser, base):
    """Open a server path in a fresh page; returns (page, record) with errors and outside requests."""
    contexts = []

    def open_path(path, wait=None):
        page, record = browser.open_served(base, path)
        contexts.append(page.context)
        if wait:
            page.wait_for_selector(wait, timeout=20000)
        return page, record

    yield open_path
    for context in contexts:
        context.close()


def clean(record):
    assert record["console"] == [], record["console"]
    assert record["errors"] == [], record["errors"]
    assert record["outside"] == [], record["outside"]
    assert record["dialogs"] == [], record["dialogs"]


@pytest.fixture(scope="module")
def an_actor(base):
    """A well-connected actor of the article (the one with most relations, by the page's JSON twin)."""
    with urllib.request.urlopen(base + "/index.json", timeout=30) as response:
        actors = json.load(response)["actors"]
    best = None
    for actor in actors[:40]:
        with urllib.request.urlopen(base + actor["path"] + ".json", timeout=30) as response:
            data = json.load(response)
        degree = len(data["outgoing"]) + len(data["incoming"])
        if best is None or degree > best[0]:
            best = (degree, actor, data)
    return best[1], best[2]


def test_home_lists_actors_and_links_to_their_pages(visit, an_actor):
    page, record = visit("/")
    actor, _ = an_actor
    link = page.locator(f'a[href="{actor["path"]}"]').first
    assert link.count() == 1
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(actor["path"])
    assert actor["label_zh"] in page.locator("h1").inner_text()
    clean(record)


def test_actor_page_with_relations_evidence_and_its_neighbourhood_view(visit, an_actor):
    actor, data = an_actor
    page, record = visit(actor["path"])
    heading = page.locator("h1").inner_text()
    assert data["label_zh"] in heading and data["label_en"] in heading
    relations = page.locator("#outgoing tbody tr, #incoming tbody tr")
    assert relations.count() == len(data["outgoing"]) + len(data["incoming"]) > 0
    spans = [e["span"] for r in data["outgoing"] + data["incoming"] for e in r["evidence"] if e.get("span")]  # citations have no span
    assert spans and spans[0] in page.locator("td.evidence").all_inner_texts()[0] + " ".join(
        page.locator("td.evidence").all_inner_texts())
    frame = page.frame_locator("iframe.view")
    frame.locator("#graph canvas").first.wait_for(timeout=30000)
    view = next(f for f in page.frames if "/view?" in f.url)
    view.wait_for_function("() => window.kgView && window.kgView.ready === true", timeout=30000)
    clean(record)


def test_query_page_runs_an_example_and_shows_a_table(visit, article_graph):
    from kg.query import named_queries, run_query

    queries = named_queries()
    # the first example with a non-empty answer (some are checks that should answer nothing)
    name, rows = next((n, len(r.rows)) for n, q in queries.items() if (r := run_query(article_graph, q.text)).rows)
    page, record = visit("/sparql")
    examples = page.locator("button.example")
    assert examples.count() == len(queries) > 0
    button = page.get_by_role("button", name=name.replace("_", " ").replace("-", " ").capitalize(), exact=True)
    button.click()
    assert page.locator("#query").input_value() == queries[name].text
    page.locator("#run").click()
    page.wait_for_selector("#results table.results", timeout=30000)
    assert page.locator("#results tbody tr").count() == rows
    # the table can show before the page's script has bound Ctrl+Enter (a flaky failure in CI)
    page.wait_for_load_state("load")
    # Ctrl+Enter in the text box runs the query too
    page.locator("#query").fill("ASK { ?s ?p ?o }")
    page.locator("#query").press("Control+Enter")
    page.wait_for_selector("#results p.boolean", timeout=30000)
    assert page.locator("#results p.boolean").inner_text() == "true"
    clean(record)


def test_query_page_escapes_what_the_data_says(visit):
    from urllib.parse import urlencode

    query = 'SELECT ?x WHERE { BIND("<img src=x onerror=alert(1)><script>alert(2)</script>" AS ?x) }'
    page, record = visit("/sparql?" + urlencode({"query": query}), wait="#results")
    cell = page.locator("#results tbody td").first.inner_text()
    assert "<script>alert(2)</script>" in cell
    assert page.locator("#results img").count() == 0
    clean(record)


def test_whole_network_view(visit):
    page, record = visit("/view")
    page.wait_for_function("() => window.kgView && window.kgView.ready === true", timeout=30000)
    clean(record)
