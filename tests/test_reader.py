"""The source reader (kg.serve.reader): /source/<id>, its JSON twin, the links to it, and ``kg source``."""

import html
import os
import re

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT

#: a loopback address: a server that checks the Host header answers for it
BASE = "http://127.0.0.1"
ARTICLE_ID = "000_53c5d41e29162869"
ARTICLE_IRI = "https://w3id.org/innovation-kg/id/source/" + ARTICLE_ID


@pytest.fixture(scope="module")
def data(article_kg, article_text):
    from kg.serve.reader import reader_data

    return reader_data(article_kg, ARTICLE_ID)


@pytest.fixture(scope="module")
def client(article_kg):
    from starlette.testclient import TestClient

    from kg.serve import create_app

    with TestClient(create_app(article_kg, timeout=10, workers=1), base_url=BASE) as test_client:
        yield test_client


# -- the data --

def test_every_evidence_record_of_the_source_is_shown(data, article_kg):
    count = next(article_kg.store.select(
        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX ikg: <https://w3id.org/innovation-kg/ontology#> "
        f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ikg:Evidence ; prov:wasDerivedFrom <{ARTICLE_IRI}> }}"))[0]
    shown = sum(len(span["facts"]) for span in data["spans"].values())
    assert shown + len(data["mismatches"]) == int(count.value) > 300
    assert data["mismatches"] == []
    assert sum(data["counts"].values()) == shown


def test_every_span_is_the_text_at_its_offsets(data, article_text):
    for key, span in data["spans"].items():
        assert key == f"{span['start']}-{span['end']}"
        assert article_text[span["start"]:span["end"]] == span["span"]


def test_segments_are_the_whole_text_and_covered_by_their_spans(data, article_text):
    assert "".join(seg["text"] for seg in data["segments"]) == article_text
    opened = []
    for seg in data["segments"]:
        for key in seg["spans"]:
            span = data["spans"][key]
            assert span["start"] <= seg["start"] and seg["end"] <= span["end"]
        opened += seg["opens"]
    assert sorted(opened) == sorted(data["spans"])  # every span has exactly one anchor


def test_kinds_say_what_a_span_supports(data):
    figure = data["spans"]["310-314"]
    assert figure["span"] == "8.4%" and figure["kinds"] == ["figure"]
    assert figure["facts"][0]["figure"]["value"] == "8.4" and figure["facts"][0]["figure"]["time"] == "2024"
    kinds = {kind for span in data["spans"].values() for kind in span["kinds"]}
    assert kinds == {"actor", "relation", "figure"}
    name = next(s for s in data["spans"].values() if s["span"] == "兰州大学附属第一医院")
    assert "actor" in name["kinds"]


def test_nested_spans_colour_by_the_innermost():
    from kg.serve.reader import segments

    pieces = segments(10, [(0, 10, "outer"), (3, 5, "inner")])
    assert pieces == [(0, 3, ["outer"]), (3, 5, ["inner", "outer"]), (5, 10, ["outer"])]


def test_segments_agree_with_the_plain_definition():
    """The sweep gives what its definition says: cut at every end, each piece with the spans covering it,
    innermost first (random spans, some outside the text, some empty)."""
    import random

    from kg.serve.reader import segments

    def plain(length, spans):
        inside = [(s, e, key) for s, e, key in spans if 0 <= s < e <= length]
        cuts = sorted({0, length} | {s for s, _, _ in inside} | {e for _, e, _ in inside})
        return [(a, b, [key for _, key in sorted((e - s, key) for s, e, key in inside if s <= a and b <= e)])
                for a, b in zip(cuts, cuts[1:])]

    rng = random.Random(13)
    for _ in range(300):
        length = rng.randint(1, 60)
        spans = [(s, s + rng.randint(-1, 10), f"k{k}") for k, s in
                 enumerate(rng.randint(-2, length) for _ in range(rng.randint(0, 12)))]
        assert segments(length, spans) == plain(length, spans), (length, spans)


def test_unknown_source(article_kg):
    from kg.errors import UnknownActor
    from kg.serve.reader import reader_data

    with pytest.raises(UnknownActor, match="no source 'nobody'"):
        reader_data(article_kg, "nobody")
    with pytest.raises(UnknownActor, match="is not a source id"):
        reader_data(article_kg, "../etc/passwd")


# -- the page --

def test_page_highlights_every_span(client, data, article_text):
    response = client.get(f"/source/{ARTICLE_ID}")
    assert response.status_code == 200
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    page = response.text
    anchors = re.findall(r'<span class="anchor" id="span-(\d+-\d+)"></span>', page)
    assert sorted(anchors) == sorted(data["spans"])
    sections = re.findall(r'<section class="span-facts" id="facts-(\d+-\d+)"', page)
    assert sorted(sections) == sorted(data["spans"])
    marks = re.findall(r'<mark class="k-(actor|relation|figure)((?: also-(?:actor|relation|figure))*)" '
                       r'data-spans="([\d -]+)" tabindex="0">([^<]*)</mark>', page)
    assert len(marks) == sum(1 for seg in data["segments"] if seg["spans"])
    covered = [seg for seg in data["segments"] if seg["spans"]]
    for (kind, also, keys, _), seg in zip(marks, covered):
        kinds = {k for key in keys.split() for k in data["spans"][key]["kinds"]}
        assert kind == seg["kind"] and {kind, *also.split()} == {kind} | {f"also-{k}" for k in kinds - {kind}}
    assert "<script src=\"/static/reader.js\" defer></script>" in page and "http://" not in page.split("<main>")[1]
    text = re.sub(r"<[^>]+>", "", page.split('id="source-text"')[1].split("</article>")[0].split(">", 1)[1])
    import html

    assert html.unescape(text) == article_text


def test_json_twin_is_the_data(client, data):
    import json

    twin = client.get(f"/source/{ARTICLE_ID}.json").json()
    assert twin == json.loads(json.dumps(data, ensure_ascii=False, default=str))


def test_page_errors(client):
    assert client.get("/source/nobody").status_code == 404
    assert client.get("/source/..%2F..%2Fetc").status_code == 404
    assert client.get(f"/source/{ARTICLE_ID}?lang=fr").status_code == 400


def test_actor_page_links_reach_an_anchor(client):
    page = client.get("/id/org/lanzhou-university").text
    links = re.findall(r'href="/source/([^"#]+)#span-(\d+-\d+)"', page)
    assert len(links) >= 5
    readers = {}
    for ident, key in links:  # Lanzhou University is named by several sources: each link opens its own reader
        if ident not in readers:
            response = client.get(f"/source/{ident}")
            if response.status_code == 404 and ident != ARTICLE_ID:
                continue  # that source's text is not here (it is kept out of git)
            readers[ident] = response.text
        assert f'id="span-{key}"' in readers[ident], (ident, key)
    assert ARTICLE_ID in readers


def test_figures_on_an_actor_page_link_to_their_span(client, article_text):
    page = client.get("/id/place/gansu").text
    figures = page.split('id="figures"')[1].split("</table>")[0]
    links = re.findall(r'href="/source/000_53c5d41e29162869#span-(\d+)-(\d+)"', figures)
    assert ("310", "314") in links and len(links) >= 5
    assert all(article_text[int(s):int(e)] in figures for s, e in links)


def test_an_evidence_record_page_links_to_the_reader(client):
    """Query results show evidence records as links to their pages; each of those links on to its span."""
    page = client.get("/id/evidence/000-0001").text
    assert 'id="reader-link" href="/source/000_53c5d41e29162869#span-3373-3375"' in page
    assert 'id="reader-link"' not in client.get("/id/role/lead-unit").text
    assert client.get("/id/evidence/000-0001.json").json()["reader"] == "/source/000_53c5d41e29162869#span-3373-3375"


def test_query_results_link_evidence_records_straight_to_their_span(client, article_text):
    """One click from a query answer to the sentence: each evidence record in the table also links to
    the reader at its own offsets, whose text is the record's span."""
    query = ("PREFIX ikg: <https://w3id.org/innovation-kg/ontology#> "
             "SELECT ?e ?span WHERE { ?e a ikg:Evidence ; ikg:span ?span } ORDER BY ?e LIMIT 20")
    page = client.get("/sparql", params={"query": query, "format": "html"}).text
    rows = re.findall(r'<tr><td><a href="/id/evidence/[^"]+"[^>]*>[^<]+</a> <a class="reader-link" '
                      r'href="/source/000_53c5d41e29162869#span-(\d+)-(\d+)"[^>]*>[^<]+</a></td><td>([^<]*)</td>', page)
    assert len(rows) == 20
    assert all(article_text[int(start):int(end)] == html.unescape(span) for start, end, span in rows)
    plain = client.get("/sparql", params={"query": "SELECT ?x WHERE { VALUES ?x { <urn:x> } }", "format": "html"})
    assert "reader-link" not in plain.text  # nothing else gets one


def test_everything_from_the_data_is_escaped(tmp_path):
    """A source whose text, span and title hold markup: it arrives as text, never as markup."""
    from starlette.testclient import TestClient

    import kg
    from kg.serve import create_app

    text = "前言<script>alert(1)</script>甲<b>乙</b>丙"
    (tmp_path / "evil.txt").write_text(text, encoding="utf-8")
    start = text.index("<b>乙</b>")
    ttl = tmp_path / "evil.ttl"
    ttl.write_text(f'''
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/innovation-kg/id/source/evil> a ikg:SourceDocument ; dcterms:title "<i>t</i>"@zh .
<https://w3id.org/innovation-kg/id/org/x> a ikg:Organization ; skos:prefLabel "<img src=x>"@zh .
<urn:e> a ikg:Evidence ; rdf:subject <https://w3id.org/innovation-kg/id/org/x> ; rdf:predicate skos:prefLabel ;
  rdf:object "<b>乙</b>"@zh ; prov:wasDerivedFrom <https://w3id.org/innovation-kg/id/source/evil> ;
  ikg:span "<b>乙</b>" ; ikg:start {start} ; ikg:end {start + 8} .
''', encoding="utf-8")
    os.environ["KG_SOURCES"] = str(tmp_path)
    try:
        graph = kg.open(data=[ROOT / "ontology" / "innovation.ttl", ttl])
        with TestClient(create_app(graph, workers=1), base_url=BASE) as c:
            page = c.get("/source/evil").text
    finally:
        del os.environ["KG_SOURCES"]
    body = page.split("<main>")[1]
    assert "<script>alert" not in body and "<b>" not in body and "<img" not in body and "<i>t" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert '<mark class="k-actor" data-spans="%d-%d" tabindex="0">&lt;b&gt;乙&lt;/b&gt;</mark>' % (start, start + 8) in body


def test_source_without_its_text_lists_the_spans(article_kg, tmp_path):
    """No sources folder holds the text: the page says where it looked and still lists every span."""
    from kg.serve.pages import reader_html
    from kg.serve.reader import reader_data

    os.environ["KG_SOURCES"] = str(tmp_path)
    import kg.sources

    original = kg.sources.source_dirs
    kg.sources.source_dirs = lambda root=None: [tmp_path]
    try:
        found = reader_data(article_kg, ARTICLE_ID)
    finally:
        kg.sources.source_dirs = original
        del os.environ["KG_SOURCES"]
    assert found["text_found"] is False and str(tmp_path) in found["where"]
    assert found["segments"] == [] and len(found["spans"]) > 200
    page = reader_html(found)
    assert 'id="no-text"' in page and page.count('<li id="span-') == len(found["spans"])


# -- kg source --

def kg(*args):
    from kg.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_kg_source_marks_the_span(article_text):
    result = kg("source", ARTICLE_ID, "--span", "310:314", "--context", "6")
    assert result.exit_code == 0
    assert result.output == (f"{ARTICLE_ID} @310-314 of {len(article_text)} characters\n"
                             f"{article_text[304:310]}[[8.4%]]{article_text[314:320]}\n")


def test_kg_source_lists_the_facts(article_text):
    result = kg("source", ARTICLE_ID, "--span", "310:314", "--context", "0", "--facts")
    assert result.output.splitlines()[1:] == [
        "[[8.4%]]", "  figure: Gansu Province · growth of society-wide R&D investment: 8.4 % (2024)"]
    result = kg("source", ARTICLE_ID, "--span", "0:1", "--facts")
    assert result.output.splitlines()[-1] == "No fact of the graph rests on exactly this span."


def test_kg_source_whole_text(article_text):
    assert kg("source", ARTICLE_ID).output.rstrip("\n") == article_text.rstrip("\n")


@pytest.mark.parametrize("args, message", [
    (["--span", "9:3"], "span '9:3' must be START:END"),
    (["--span", "abc"], "span 'abc' must be START:END"),
    (["--span", "10:999999"], "span 10:999999 is outside the text"),
])
def test_kg_source_bad_span(args, message, article_text):
    result = kg("source", ARTICLE_ID, *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"Error: {message}")


def test_kg_source_unknown_id():
    for ident, message in (("../x", "'../x' is not a source id"), ("nobody", "no text for source 'nobody'")):
        result = kg("source", ident)
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: {message}")


# -- in Chromium --

@pytest.mark.browser
@pytest.mark.slow
def test_reader_in_chromium(server, article_text):  # noqa: F811
    from tests.browser import chromium_missing_reason, open_browser

    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    base = server[0]
    outside = []
    with open_browser() as session:
        context = session.browser.new_context(viewport={"width": 1300, "height": 800})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        # a link from a fact opens the reader at its span, highlighted, with its facts shown
        page.goto(f"{base}/source/{ARTICLE_ID}#span-310-314", wait_until="load")
        page.wait_for_selector("#facts-310-314:not([hidden])", timeout=10000)
        box = page.locator("mark.current").first.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 800
        assert page.locator("mark.current").first.inner_text() == "8.4%"
        assert "Gansu Province" in page.locator("#facts-310-314").inner_text()
        # clicking another span shows its facts instead
        page.locator('mark[data-spans^="2578-2588"]').first.click()
        page.wait_for_selector("#facts-2578-2588:not([hidden])", timeout=5000)
        assert page.locator("#facts-310-314").is_hidden()
        assert page.evaluate("() => location.hash") == "#span-2578-2588"
        # from the actor page, one click reaches the highlighted span
        page.goto(f"{base}/id/org/lanzhou-university", wait_until="load")
        page.locator('a.source-link[href$="#span-2605-2609"]').first.click()
        page.wait_for_url(f"**/source/{ARTICLE_ID}#span-2605-2609", timeout=10000)
        page.wait_for_selector("#facts-2605-2609:not([hidden])", timeout=10000)
        assert page.locator("mark.current").first.inner_text() == article_text[2605:2609]
        # from the network view's panel (served), one click too
        page.goto(f"{base}/view", wait_until="load")
        page.wait_for_function("() => window.kgView && window.kgView.ready === true", timeout=30000)
        page.evaluate("() => kgView.search('兰州大学')")
        link = page.locator('#panel a.source-link[href$="#span-2605-2609"]').first
        assert link.get_attribute("href") == f"/source/{ARTICLE_ID}#span-2605-2609"
        link.click()
        page.wait_for_selector("#facts-2605-2609:not([hidden])", timeout=10000)
        context.close()
    assert errors == [] and outside == []


from tests.test_serve_clients import server  # noqa: E402,F401  (the live-server fixture)
