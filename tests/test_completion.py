"""The query page's completion: its lists (``kg.serve.pages.completions_data``), their route
``/query/completions.json``, and typing in headless Chromium over a live ``kg serve`` (the article graph,
and a small graph whose actor names are markup, which must show as text).
"""

import json

import pytest

from kg.namespaces import PREFIXES
from kg.serve.pages import completions_data
from tests.servers import start_server, stop_server

LANZHOU_UNIVERSITY = "https://w3id.org/innovation-kg/id/org/lanzhou-university"

#: an actor whose names are markup: the completion list must show them as text
HOSTILE_TTL = """\
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/innovation-kg/id/org/hostile> a ikg:University ;
    skos:prefLabel "<script>window.pwned = 1</script>恶意大学"@zh,
                   "<img src=x onerror=\\"window.pwned = 2\\">Hostile University"@en .
"""


@pytest.fixture(scope="module")
def data(article_kg):
    return completions_data(article_kg)


# -- the lists --

def test_prefixes_are_the_predeclared_ones(data):
    assert [p["label"] for p in data["prefixes"]] == [f"{prefix}:" for prefix in PREFIXES]
    assert all(p["detail"] == PREFIXES[p["label"][:-1]] for p in data["prefixes"])


def test_terms_are_the_ontologys_classes_and_properties(data, article_kg):
    terms = {t["label"]: t for t in data["terms"]}
    assert terms["ikg:University"]["kind"] == "class"
    assert terms["ikg:University"]["detail"] == "university"
    assert terms["ikg:locatedIn"]["kind"] == "property"
    assert all(label.startswith("ikg:") and t["insert"] == label for label, t in terms.items())
    # exactly what the ontology declares, counted independently of the function
    declared = {row[0] for row in article_kg.store.select(
        "SELECT DISTINCT ?t WHERE { ?t a ?k . FILTER(?k IN (<http://www.w3.org/2002/07/owl#Class>, "
        "<http://www.w3.org/2002/07/owl#ObjectProperty>, <http://www.w3.org/2002/07/owl#DatatypeProperty>, "
        "<http://www.w3.org/2002/07/owl#AnnotationProperty>, <http://www.w3.org/1999/02/22-rdf-syntax-ns#Property>,"
        " <http://www.w3.org/2000/01/rdf-schema#Class>)) "
        "FILTER(STRSTARTS(STR(?t), 'https://w3id.org/innovation-kg/ontology#')) }")}
    assert {PREFIXES["ikg"] + label[len("ikg:"):] for label in terms} == declared


def test_every_actor_is_offered_by_its_chinese_and_english_name(data, article_kg):
    offered = {(a["label"], a["insert"]) for a in data["actors"]}
    for node, attributes in article_kg.network.nodes(data=True):
        assert (attributes["label_zh"], f"<{node}>") in offered
        assert (attributes["label_en"], f"<{node}>") in offered
    assert ("兰州大学", f"<{LANZHOU_UNIVERSITY}>") in offered
    assert ("Lanzhou University", f"<{LANZHOU_UNIVERSITY}>") in offered


def test_served_data_without_the_ontology_still_completes_its_terms(tmp_path):
    import kg

    path = tmp_path / "hostile.ttl"
    path.write_text(HOSTILE_TTL, encoding="utf-8")
    with kg.open(data=[str(path)]) as graph:
        found = completions_data(graph)
    assert "ikg:University" in {t["label"] for t in found["terms"]}  # from the project's ontology files


# -- the route --

def test_the_route_answers_json_and_the_page_loads_the_script(article_kg):
    from starlette.testclient import TestClient

    from kg.serve import create_app

    app = create_app(article_kg, timeout=30, workers=1, allowed_hosts=["testserver"])
    with TestClient(app) as client:
        first = client.get("/query/completions.json")
        assert first.status_code == 200
        assert first.headers["content-type"].startswith("application/json")
        assert first.json() == json.loads(json.dumps(completions_data(article_kg), default=str))
        assert client.get("/query/completions.json").content == first.content
        # a browser that has the lists asks again with their ETag and gets 304, no body
        again = client.get("/query/completions.json", headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
        assert client.get("/query/completions.json", headers={"If-None-Match": '"other"'}).status_code == 200
        page = client.get("/sparql", headers={"Accept": "text/html"})
        assert '<script src="/static/complete.js" defer></script>' in page.text
        assert '<link rel="stylesheet" href="/static/complete.css">' in page.text
        assert "<script>" not in page.text  # no inline script: the page's CSP would block it
        assert "script-src" not in page.headers["content-security-policy"]
        assert "default-src 'self'" in page.headers["content-security-policy"]
        for asset in ("/static/complete.js", "/static/complete.css"):
            assert client.get(asset).status_code == 200


# -- in Chromium --

def _serve(root, *arguments):
    base, process = start_server("--timeout", "120", *arguments, cwd=root)
    try:
        yield base
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def article_server(root):
    yield from _serve(root)


@pytest.fixture(scope="module")
def hostile_server(root, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.ttl"
    path.write_text(HOSTILE_TTL, encoding="utf-8")
    yield from _serve(root, "--data", str(root / "ontology" / "innovation.ttl"), "--data", str(path))


def _query_page(browser, base):
    """The query page with an empty query box, focused, its lists loaded; records errors and outside requests."""
    page, record = browser.open_served(base, "/sparql")
    box = page.locator("#query")
    box.fill("")
    box.focus()
    page.wait_for_function("() => window.kgComplete && window.kgComplete.ready === true", timeout=30000)
    return page, record


def _offered(page):
    page.wait_for_selector("#completions:not([hidden]) li", timeout=10000)
    return page.eval_on_selector_all("#completions li", "items => items.map(li => ["
                                     "li.querySelector('.completion-label').textContent,"
                                     "li.querySelector('.completion-detail').textContent,"
                                     "li.classList.contains('active')])")


def _clean(record):
    assert record == {"console": [], "errors": [], "outside": [], "dialogs": []}, record


@pytest.mark.browser
@pytest.mark.slow
def test_typing_a_class_offers_it_and_tab_takes_it(browser, article_server):
    page, record = _query_page(browser, article_server)
    page.keyboard.type("SELECT ?u WHERE { ?u a ikg:Univ")
    offered = _offered(page)
    assert offered[0][0] == "ikg:University" and offered[0][2], offered
    assert all(label.lower().startswith("ikg:univ") for label, _, _ in offered)
    page.keyboard.press("Tab")
    assert page.locator("#query").input_value() == "SELECT ?u WHERE { ?u a ikg:University"
    assert page.locator("#completions").is_hidden()
    # a prefix is offered from its first letters
    page.keyboard.type(" ; sk")
    assert ["skos:", PREFIXES["skos"], True] in _offered(page)
    page.keyboard.press("Escape")
    assert page.locator("#completions").is_hidden()
    assert page.locator("#query").input_value().endswith("; sk")
    # taking a prefix offers its terms at once
    page.keyboard.type(" ; ik")
    assert _offered(page)[0][:2] == ["ikg:", PREFIXES["ikg"]]
    page.keyboard.press("Tab")
    assert page.locator("#query").input_value().endswith("; ikg:")
    offered = _offered(page)
    assert len(offered) == 12 and all(label.startswith("ikg:") and label != "ikg:" for label, _, _ in offered)
    page.keyboard.press("Escape")
    _clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_typing_part_of_a_chinese_name_inserts_the_actors_iri(browser, article_server):
    page, record = _query_page(browser, article_server)
    page.keyboard.type("SELECT * WHERE { ")
    page.keyboard.insert_text("兰州大")  # as an input method commits it
    offered = _offered(page)
    assert offered[0][0] == "兰州大学" and offered[0][1].startswith(f"<{LANZHOU_UNIVERSITY}>"), offered
    page.keyboard.press("Enter")
    assert page.locator("#query").input_value() == f"SELECT * WHERE {{ <{LANZHOU_UNIVERSITY}>"
    assert page.locator("#completions").is_hidden()
    # the completed query runs and finds the actor's name
    page.keyboard.type(" skos:prefLabel ?name }")
    page.keyboard.press("Escape")
    page.locator("#query").press("Control+Enter")
    page.wait_for_selector("table.results", timeout=60000)
    assert "兰州大学" in page.locator("table.results").inner_text()
    _clean(record)
    page.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_list_shows_markup_in_names_as_text(browser, hostile_server):
    page, record = _query_page(browser, hostile_server)
    scripts_before = page.evaluate("() => document.scripts.length")
    page.keyboard.insert_text("恶意")
    offered = _offered(page)
    assert offered[0][0] == "<script>window.pwned = 1</script>恶意大学"
    page.keyboard.press("Escape")
    page.keyboard.type(" Hostile")
    offered = _offered(page)
    assert offered[0][0] == '<img src=x onerror="window.pwned = 2">Hostile University'
    assert page.evaluate("() => document.querySelectorAll('#completions script, #completions img').length") == 0
    assert page.evaluate("() => document.scripts.length") == scripts_before
    page.keyboard.press("Tab")
    assert page.locator("#query").input_value() == "恶意 <https://w3id.org/innovation-kg/id/org/hostile>"
    assert page.evaluate("() => window.pwned === undefined")
    _clean(record)
    page.context.close()
