"""kg.serve in process (Starlette's TestClient): the SPARQL 1.1 protocol, limits, errors and the pages.

The graph is tests/data/mini.ttl (small, invented); the real clients and the browser are in
test_serve_clients.py and test_serve_browser.py.
"""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.serve import protocol

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")

MINI = "tests/data/mini.ttl"
IKR = "https://w3id.org/innovation-kg/id/"
ALPHA = IKR + "org/alpha-university"
SD = "http://www.w3.org/ns/sparql-service-description#"
LABELS = "SELECT ?actor ?name WHERE { ?actor skos:prefLabel ?name FILTER(lang(?name) = 'zh') } ORDER BY ?actor"
EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
MAX_ROWS = 50
MAX_BODY = 4096


@pytest.fixture(scope="module")
def mini(root):
    from kg.stores.load import load_graph

    return load_graph([root / MINI])


@pytest.fixture(scope="module")
def mini_rdf(mini):
    """The same graph as rdflib triples, to compare RDF answers with."""
    return mini.rdflib_graph()


def _client(mini, timeout):
    from starlette.testclient import TestClient

    from kg.serve import create_app

    # TestClient sends Host: testserver, so the app is started for that name (and names that endpoint)
    app = create_app(mini, timeout=timeout, max_rows=MAX_ROWS, max_body=MAX_BODY, store_spec="memory", workers=2,
                     allowed_hosts=["testserver"], endpoint="http://testserver/sparql")
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def client(mini):
    # a query on the small graph takes milliseconds; the limit is generous so a busy machine never trips it
    yield from _client(mini, timeout=60)


@pytest.fixture(scope="module")
def quick_client(mini):
    """A server whose time limit is short, for the test that waits for it to stop a query."""
    yield from _client(mini, timeout=1.5)


def zh_names(mini):
    return sorted(name.value for (name,) in mini.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?name WHERE { ?a skos:prefLabel ?name FILTER(lang(?name) = 'zh') }"))


# -- the protocol: three ways to ask, every format --

def test_get_answers_sparql_json_by_default(client, mini):
    response = client.get("/sparql", params={"query": LABELS})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    body = response.json()
    assert body["head"]["vars"] == ["actor", "name"]
    names = sorted(b["name"]["value"] for b in body["results"]["bindings"])
    assert names == zh_names(mini)
    assert {b["name"]["xml:lang"] for b in body["results"]["bindings"]} == {"zh"}


def test_form_post_and_direct_post_answer_the_same(client):
    by_get = client.get("/sparql", params={"query": LABELS}).json()
    by_form = client.post("/sparql", data={"query": LABELS})
    by_body = client.post("/sparql", content=LABELS.encode(),
                          headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert by_form.status_code == by_body.status_code == 200
    assert by_form.json() == by_body.json() == by_get


def test_dataset_parameters_choose_the_graphs_a_query_sees(client, mini):
    """default-graph-uri / named-graph-uri are honoured: an unknown graph is empty, a known one is not"""
    response = client.get("/sparql", params=[("query", "ASK { ?s ?p ?o }"), ("default-graph-uri", "urn:x:g"),
                                              ("named-graph-uri", "urn:x:h")])
    assert response.status_code == 200
    assert response.json() == {"head": {}, "boolean": False}
    graph = next(iter(mini.graph_counts()))
    response = client.get("/sparql", params=[("query", "ASK { ?s ?p ?o }"), ("default-graph-uri", graph)])
    assert response.json() == {"head": {}, "boolean": True}
    named = client.get("/sparql", params=[("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"),
                                           ("named-graph-uri", graph)]).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [graph]


def test_select_as_xml(client, mini):
    response = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    tree = ET.fromstring(response.content)
    assert [v.get("name") for v in tree.findall("r:head/r:variable", ns)] == ["actor", "name"]
    literals = tree.findall("r:results/r:result/r:binding[@name='name']/r:literal", ns)
    assert sorted(lit.text for lit in literals) == zh_names(mini)


def test_select_as_csv_and_tsv(client, mini):
    as_csv = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == ["actor", "name"]
    assert sorted(r[1] for r in rows[1:]) == zh_names(mini)
    as_tsv = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/tab-separated-values"})
    assert as_tsv.headers["content-type"].startswith("text/tab-separated-values")
    lines = as_tsv.text.splitlines()
    assert lines[0] == "?actor\t?name"
    assert f'<{ALPHA}>\t"甲大学"@zh' in lines


def test_format_parameter_wins_over_accept(client):
    response = client.get("/sparql", params={"query": LABELS, "format": "csv"},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.headers["content-type"].startswith("text/csv")


def test_accept_quality_values_are_honoured(client):
    response = client.get("/sparql", params={"query": "ASK {}"},
                          headers={"Accept": "application/sparql-results+json;q=0.2, application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    assert b"<boolean>true</boolean>" in response.content


@pytest.mark.parametrize("accept, rdf_format, media", [
    (None, "turtle", "text/turtle"),
    ("text/turtle", "turtle", "text/turtle"),
    ("application/n-triples", "nt", "application/n-triples"),
    ("application/ld+json", "json-ld", "application/ld+json"),
])
def test_construct_in_each_graph_format(client, mini_rdf, accept, rdf_format, media):
    query = f"CONSTRUCT {{ <{ALPHA}> ?p ?o }} WHERE {{ <{ALPHA}> ?p ?o }}"
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    answer = Graph().parse(data=response.content, format=rdf_format)
    expected = set(mini_rdf.triples((URIRef(ALPHA), None, None)))
    assert set(answer) == expected


def test_describe_answers_a_graph(client):
    response = client.get("/sparql", params={"query": f"DESCRIBE <{ALPHA}>"},
                          headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    answer = Graph().parse(data=response.content, format="nt")
    assert (URIRef(ALPHA), RDF.type, URIRef("https://w3id.org/innovation-kg/ontology#University")) in answer


def test_unsupported_format_is_406(client):
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    graph_as_csv = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                              headers={"Accept": "text/csv"})
    assert graph_as_csv.status_code == 406


def test_service_description_for_rdf_clients(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    description = Graph().parse(data=response.content, format="turtle")
    service = next(description.subjects(RDF.type, URIRef(SD + "Service")))
    assert (service, URIRef(SD + "endpoint"), URIRef("http://testserver/sparql")) in description
    formats = set(description.objects(service, URIRef(SD + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV") in formats


# -- read-only, limits, errors --

@pytest.mark.parametrize("how", ["query", "update-param", "update-body"])
def test_updates_are_refused(client, mini, how):
    update = f"INSERT DATA {{ <{ALPHA}> <urn:x:p> 1 }}"
    before = len(mini)
    if how == "query":
        response = client.get("/sparql", params={"query": update})
    elif how == "update-param":
        response = client.post("/sparql", data={"update": update})
    else:
        response = client.post("/sparql", content=update.encode(),
                               headers={"Content-Type": "application/sparql-update"})
    assert response.status_code == 400
    assert "read-only" in response.text
    assert len(mini) == before
    assert client.get("/sparql", params={"query": f"ASK {{ <{ALPHA}> <urn:x:p> 1 }}"}).json()["boolean"] is False


BAD_QUERY = "SELECT ?x WHERE { ?x ?p ?o }\nLIMIT x"


def parser_message(text):
    """What kg.query says about ``text`` (the server must pass it on unchanged)."""
    from kg.errors import BadQuery
    from kg.query import run_query

    with pytest.raises(BadQuery) as caught:
        run_query(Graph(), text)
    return str(caught.value)


def test_malformed_query_is_400_with_the_parsers_message(client):
    response = client.get("/sparql", params={"query": BAD_QUERY})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    message = parser_message(BAD_QUERY)
    assert "line 2" in message
    assert response.text == f"Error: {message}\n"


def test_body_over_the_limit_is_413(client):
    padding = "#" + "x" * MAX_BODY + "\nASK {}"
    assert client.post("/sparql", data={"query": padding}).status_code == 413
    assert client.post("/sparql", content=padding.encode(),
                       headers={"Content-Type": "application/sparql-query"}).status_code == 413

    def chunks():  # no Content-Length: the limit must hold while reading
        for _ in range(3):
            yield padding.encode()

    streamed = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_unknown_body_type_is_415(client):
    response = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/x-nonsense"})
    assert response.status_code == 415


def test_timeout_stops_the_query_and_the_server_keeps_serving(quick_client):
    client = quick_client
    pool = client.app.state.pool
    before = set(pool.pids)
    response = client.get("/sparql", params={"query": ENDLESS})
    assert response.status_code == 503
    assert "1.5 s time limit" in response.text
    assert set(pool.pids) != before, "the stuck worker was not replaced"
    again = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert again.status_code == 200 and again.json()["boolean"] is True


def test_results_past_the_cap_are_cut_and_say_so(client, mini):
    assert len(mini) > MAX_ROWS
    response = client.get("/sparql", params={"query": EVERYTHING})
    assert response.headers["X-KG-Result-Cap"] == str(MAX_ROWS)
    assert response.headers["X-KG-Truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS
    small = client.get("/sparql", params={"query": LABELS})
    assert small.headers["X-KG-Truncated"] == "false"
    page = client.get("/sparql", params={"query": EVERYTHING}, headers={"Accept": "text/html"})
    assert f"cut at the server's cap of {MAX_ROWS}" in page.text
    assert page.text.count("<tr>") == MAX_ROWS + 1


def test_every_error_class_maps_to_its_status(client):
    from kg.errors import QueryTimeout, UnknownActor

    assert protocol.NotAcceptable.http_status == 406 and protocol.BodyTooLarge.http_status == 413
    assert QueryTimeout.http_status == 503 and UnknownActor.http_status == 404
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/id/org/no-such-org").status_code == 404


# -- the human face --

def test_query_page_for_browsers(client):
    from kg.query import named_queries

    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<textarea name="query"' in response.text
    for named in named_queries().values():  # named in words: "actors_missing_names" reads "Actors missing names"
        assert f'>{named.name.replace("_", " ").replace("-", " ").capitalize()}</button>' in response.text


def test_query_page_shows_results_as_an_escaped_table(client):
    query = 'SELECT ?x ?n WHERE { BIND("<script>alert(1)</script>" AS ?x) BIND(<' + ALPHA + '> AS ?n) }'
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert '<a href="/id/org/alpha-university"' in response.text


def test_query_page_shows_a_bad_query_with_its_message(client):
    from markupsafe import escape

    response = client.get("/sparql", params={"query": BAD_QUERY}, headers={"Accept": "text/html"})
    assert response.status_code == 400
    assert f'<p class="error" id="error">{escape(parser_message(BAD_QUERY))}</p>' in response.text


def test_home_lists_every_actor_and_has_a_json_twin(client, mini):
    from kg.analysis.network import project

    G = project(mini)
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 200
    for node, data in G.nodes(data=True):
        assert data["label_zh"] in page.text
    twin = client.get("/index.json").json()
    assert twin["actor_count"] == G.number_of_nodes()
    assert {a["iri"] for a in twin["actors"]} == set(G.nodes)
    assert twin["triples"] == len(mini)


def test_actor_page_shows_names_class_relations_and_evidence(client):
    page = client.get("/id/org/alpha-university", headers={"Accept": "text/html"})
    assert page.status_code == 200
    text = page.text
    assert "甲大学" in text and "Alpha University" in text and "University" in text
    assert "led by" in text and "离子项目" in text  # incoming: the project is led by it
    assert "甲大学牵头" in text  # the evidence span of its lead-unit membership
    assert '/view?around=https%3A%2F%2Fw3id.org%2Finnovation-kg%2Fid%2Forg%2Falpha-university' in text


def test_actor_json_twin_is_the_describe_dict(client, mini):
    from kg.analysis.describe import describe
    from kg.analysis.network import project

    expected = json.loads(json.dumps({"page": "actor", **describe(project(mini), ALPHA)}, default=str))
    answer = client.get("/id/org/alpha-university.json").json()
    # the page's own additions: its sources by title and link, and how many source documents the graph has
    assert answer.pop("source_names") == {"https://w3id.org/innovation-kg/id/source/mini": {
        "href": "/source/mini", "iri": "https://w3id.org/innovation-kg/id/source/mini", "reference": False,
        "title": "迷你测试"}}
    assert answer.pop("source_documents") == 1
    assert answer == expected
    negotiated = client.get("/id/org/alpha-university", headers={"Accept": "application/json"}).json()
    assert {k: v for k, v in negotiated.items() if k not in ("source_names", "source_documents")} == expected


@pytest.mark.parametrize("accept, rdf_format", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                                ("application/n-triples", "nt")])
def test_actor_iri_answers_rdf_to_rdf_clients(client, mini_rdf, accept, rdf_format):
    response = client.get("/id/org/alpha-university", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    answer = Graph().parse(data=response.content, format=rdf_format)
    assert set(mini_rdf.triples((URIRef(ALPHA), None, None))) <= set(answer)


def test_non_actor_resources_get_a_statement_page(client):
    page = client.get("/id/role/lead-unit", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "牵头单位" in page.text
    assert client.get("/id/role/lead-unit.json").json()["page"] == "resource"


def test_unknown_actor_is_a_404_page_for_browsers(client):
    response = client.get("/id/org/nowhere", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "nowhere" in response.text


def test_pages_load_nothing_from_outside(client):
    for path in ("/", "/sparql", "/id/org/alpha-university", "/id/role/lead-unit"):
        text = client.get(path, headers={"Accept": "text/html"}).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', text)
        assert sources, path
        assert all(s.startswith(("/", "#")) for s in sources if not s.startswith("http://testserver")), sources


def test_static_files_are_served(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/query.js").status_code == 200


def test_network_view_is_served(client):
    pytest.importorskip("kg.view")
    whole = client.get("/view")
    assert whole.status_code == 200 and "<html" in whole.text.lower()
    around = client.get("/view", params={"around": ALPHA, "depth": 1})
    assert around.status_code == 200
    assert "Alpha University" in around.text or "甲大学" in around.text


def test_pages_forbid_outside_requests_by_policy(client):
    for path in ("/", "/sparql", "/id/org/alpha-university"):
        policy = client.get(path, headers={"Accept": "text/html"}).headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy


def test_every_route_and_serve_option_is_documented(root, client):
    from starlette.routing import Mount, Route

    from kg.cli import cli

    guide = (root / "docs" / "serve.md").read_text(encoding="utf-8")
    for route in client.app.routes:
        path = route.path if isinstance(route, (Route, Mount)) else None
        shown = path.replace("{rest:path}", "") if path else None
        assert shown and f"`{shown}" in guide, f"route {path} is not in docs/serve.md"
    for command in ("serve", "push"):
        for param in cli.commands[command].params:
            for option in param.opts:
                if option.startswith("--"):
                    assert f"`{option}`" in guide, f"kg {command} {option} is not in docs/serve.md"


def test_home_page_lists_at_most_its_limit_and_says_so(client, monkeypatch):
    import kg.serve.page_routes

    monkeypatch.setattr(kg.serve.page_routes, "HOME_LIMIT", 3)
    page = client.get("/", headers={"Accept": "text/html"}).text
    assert page.count('<tr><td>') == 3
    assert "Showing the first 3 of" in page


# -- the worker pool on its own --

def _die(graph):
    import os

    os._exit(3)


def _raise_unknown_actor(graph):
    from kg.errors import UnknownActor

    raise UnknownActor("no such actor", candidates=["a", "b"])


def _raise_value_error(graph):
    raise ValueError("engine trouble")


def test_worker_pool_survives_a_dying_worker_and_passes_errors_on(mini):
    from kg.errors import UnknownActor
    from kg.serve.worker import WorkerCrashed, WorkerPool

    with WorkerPool(mini, size=1, timeout=5) as pool:
        before = pool.pids
        with pytest.raises(WorkerCrashed, match="died"):
            pool.call(_die)
        assert pool.pids != before
        assert pool.call(len) == len(mini)
        with pytest.raises(UnknownActor, match="no such actor"):
            pool.call(_raise_unknown_actor)
        with pytest.raises(WorkerCrashed, match="ValueError: engine trouble"):
            pool.call(_raise_value_error)
        assert pool.call(len) == len(mini)
    assert pool.pids == []


def test_query_page_table_shows_at_most_its_own_limit(client, monkeypatch):
    import kg.serve.sparql_routes

    monkeypatch.setattr(kg.serve.sparql_routes, "HTML_ROWS", 7)
    page = client.get("/sparql", params={"query": EVERYTHING}, headers={"Accept": "text/html"})
    assert page.headers["X-KG-Result-Cap"] == "7" and page.headers["X-KG-Truncated"] == "true"
    assert page.text.count("<tr>") == 7 + 1
    assert f"the table shows at most 7; the download formats give up to {MAX_ROWS}" in page.text
    download = client.get("/sparql", params={"query": EVERYTHING, "format": "csv"})
    assert len(download.text.splitlines()) == MAX_ROWS + 1
