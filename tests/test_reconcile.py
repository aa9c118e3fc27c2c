"""The W3C Entity Reconciliation API (kg.serve.reconcile) through the app, with httpx (Starlette's
TestClient): the manifest, single and batch queries as the API's JSON examples write them, the type
filter, property conditions, suggest, preview, JSONP and bad input."""

import json

import pytest

from tests.conftest import ROOT

#: a loopback address: a server that checks the Host header answers for it
BASE = "http://127.0.0.1"
IKR = "https://w3id.org/innovation-kg/id/"


@pytest.fixture(scope="module")
def client(article_kg):
    from starlette.testclient import TestClient

    from kg.serve import create_app

    with TestClient(create_app(article_kg, timeout=10, workers=1), base_url=BASE) as test_client:
        yield test_client


def batch(client, queries, method="GET"):
    if method == "POST":
        response = client.post("/reconcile", data={"queries": json.dumps(queries, ensure_ascii=False)})
    else:
        response = client.get("/reconcile", params={"queries": json.dumps(queries, ensure_ascii=False)})
    assert response.status_code == 200, response.text
    return response.json()


def test_manifest(client):
    found = client.get("/reconcile").json()
    assert found["versions"] == ["0.2"] and found["identifierSpace"] == IKR
    assert found["view"]["url"] == "http://127.0.0.1/id/{{id}}"
    assert found["preview"]["url"] == "http://127.0.0.1/reconcile/preview?id={{id}}"
    assert {kind: s["service_path"] for kind, s in found["suggest"].items()} == {
        "entity": "/reconcile/suggest/entity", "type": "/reconcile/suggest/type",
        "property": "/reconcile/suggest/property"}
    # the view URL of a candidate is its page
    assert client.get(found["view"]["url"].replace("{{id}}", "org/lanzhou-university").replace(
        "http://127.0.0.1", "")).status_code == 200


def test_exact_name_scores_100_and_matches(client):
    answer = batch(client, {"q0": {"query": "兰州大学"}, "q1": {"query": "Lanzhou University", "limit": 1}})
    for key in ("q0", "q1"):
        best = answer[key]["result"][0]
        assert (best["id"], best["score"], best["match"]) == ("org/lanzhou-university", 100, True)
        assert best["type"] == [{"id": "University", "name": "university"}]
    assert len(answer["q1"]["result"]) == 1


def test_an_alias_matches(client, article_kg):
    G = article_kg.network
    node, alias = next((n, d["aliases"][0]) for n, d in sorted(G.nodes(data=True)) if d.get("aliases")
                       and sum(1 for _, other in G.nodes(data=True) if d["aliases"][0] in
                               [other.get("label_zh"), other.get("label_en"), *(other.get("aliases") or ())]) == 1)
    best = batch(client, {"q": {"query": alias}})["q"]["result"][0]
    assert (best["id"], best["score"], best["match"]) == (node[len(IKR):], 100, True)


def test_single_query_as_text_and_as_json(client):
    plain = client.get("/reconcile", params={"query": "金川集团"}).json()
    as_json = client.get("/reconcile", params={"query": json.dumps({"query": "金川集团", "limit": 2})}).json()
    assert plain["result"][0]["id"] == as_json["result"][0]["id"] == "org/jinchuan-group"
    assert len(as_json["result"]) <= 2


def test_type_filter(client):
    answer = batch(client, {"any": {"query": "Lanzhou"}, "typed": {"query": "Lanzhou", "type": "University"},
                            "ontology": {"query": "Lanzhou", "type": "https://w3id.org/innovation-kg/ontology#University"}})
    # untyped, "Lanzhou" is the city's own name; among universities it is part of two names (Lanzhou
    # University; Lanzhou University of Technology, from the Baiyin source), so neither is a sure match
    assert [(r["id"], r["score"]) for r in answer["any"]["result"]] == [("place/lanzhou", 100)]
    for key in ("typed", "ontology"):
        assert [(r["id"], r["match"]) for r in answer[key]["result"]] == [
            ("org/lanzhou-university", False), ("org/src-2024-baiyin-battery-materials-002", False)]
    # a superclass keeps its subclasses' actors
    organisations = batch(client, {"q": {"query": "Lanzhou University", "type": "Organization"}})
    assert organisations["q"]["result"][0]["id"] == "org/lanzhou-university"


def test_property_conditions(client):
    queries = {"plain": {"query": "Jinchuan"},
               "affiliated": {"query": "Jinchuan", "properties": [{"pid": "affiliatedWith", "v": "金川集团"}]},
               "by_id": {"query": "Jinchuan", "properties": [{"pid": "ikg:affiliatedWith", "v": {"id": "org/jinchuan-group"}}]},
               "unmet": {"query": "金川集团", "properties": [{"pid": "locatedIn", "v": "北京"}]}}
    answer = batch(client, queries, method="POST")
    # the group first, then the companies whose names start with it (the seed's, and two from later sources)
    assert [r["id"] for r in answer["plain"]["result"][:4]] == [
        "org/jinchuan-group", "org/src-2023-jinchang-battery-alliance-003", "org/jinchuan-group-precision-copper",
        "org/src-2025-jinchang-yongchang-jinchuan-001"]
    for key in ("affiliated", "by_id"):
        ranked = [r["id"] for r in answer[key]["result"]]
        assert ranked[0] == "org/jinchuan-group-precision-copper"
        # the one actor meeting the condition leads by far (nearly twice the next score; unmet, it would rank third)
        assert answer[key]["result"][0]["score"] >= 1.9 * answer[key]["result"][1]["score"]
    unmet = answer["unmet"]["result"][0]
    assert unmet["id"] == "org/jinchuan-group" and unmet["score"] == 50 and unmet["match"] is False


def test_a_batch_of_100_names(client, article_kg):
    """100 actors by their Chinese names: each comes back first, 100 and matched, unless another actor has
    the same name (then neither matches)."""
    G = article_kg.network
    names = {}
    for node, data in sorted(G.nodes(data=True)):
        names.setdefault(data["label_zh"], []).append(node)
    chosen = sorted(names.items())[:100]
    assert len(chosen) == 100
    answer = batch(client, {f"q{k}": {"query": name} for k, (name, _) in enumerate(chosen)}, method="POST")
    assert len(answer) == 100
    for k, (name, nodes) in enumerate(chosen):
        result = answer[f"q{k}"]["result"]
        assert {r["id"] for r in result if r["score"] == 100} == {n[len(IKR):] for n in nodes}, name
        assert all(r["match"] is (len(nodes) == 1) for r in result if r["score"] == 100), name


def test_near_misses_are_candidates_never_matches(client):
    result = batch(client, {"q": {"query": "兰州大雪"}})["q"]["result"]
    assert result and all(not r["match"] and r["score"] < 50 for r in result)
    assert "org/lanzhou-university" in [r["id"] for r in result]
    assert batch(client, {"q": {"query": "   "}})["q"]["result"] == []


def test_traditional_characters_when_the_resolver_folds_them(client):
    """With the extended resolver (kg.analysis.resolve.to_simplified) 蘭州大學 is 兰州大学; without it, only a
    near miss: either way never a wrong match."""
    from kg.analysis import resolve

    best = batch(client, {"q": {"query": "蘭州大學"}})["q"]["result"]
    if hasattr(resolve, "to_simplified"):
        assert (best[0]["id"], best[0]["match"]) == ("org/lanzhou-university", True)
    else:
        assert not any(r["match"] for r in best)


def test_suggest(client):
    entities = client.get("/reconcile/suggest/entity", params={"prefix": "兰州大"}).json()["result"]
    assert entities[0]["id"] == "org/lanzhou-university" and "University" in entities[0]["description"]
    types = client.get("/reconcile/suggest/type", params={"prefix": "consort"}).json()["result"]
    assert types[0]["id"] == "InnovationConsortium"
    properties = client.get("/reconcile/suggest/property", params={"prefix": "位于"}).json()["result"]
    assert properties[0]["id"] == "locatedIn"
    assert len(client.get("/reconcile/suggest/entity", params={"prefix": "", "limit": 3}).json()["result"]) == 3


def test_preview(client):
    card = client.get("/reconcile/preview", params={"id": "org/lanzhou-university"})
    assert card.status_code == 200 and "兰州大学 · Lanzhou University" in card.text
    assert card.headers["content-security-policy"].startswith("default-src 'self'")
    assert client.get("/reconcile/preview", params={"id": "org/nobody"}).status_code == 404


def test_preview_escapes(tmp_path):
    from kg.serve.reconcile import preview_html
    import kg

    ttl = tmp_path / "evil.ttl"
    ttl.write_text('''@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/innovation-kg/id/org/x> a ikg:Organization ; skos:prefLabel "<img src=x onerror=alert(1)>"@zh .
''', encoding="utf-8")
    card = preview_html(kg.open(data=[ROOT / "ontology" / "innovation.ttl", ttl]).network, "org/x")
    assert "<img" not in card and "&lt;img src=x onerror=alert(1)&gt;" in card


def test_jsonp_only_when_the_server_allows_it(client, article_kg):
    from starlette.testclient import TestClient

    from kg.serve import create_app

    refused = client.get("/reconcile", params={"query": "兰州大学", "callback": "jQuery_1"})
    assert refused.status_code == 400 and "--jsonp" in refused.text and "jQuery_1(" not in refused.text
    with TestClient(create_app(article_kg, timeout=10, workers=1, jsonp=True), base_url=BASE) as jsonp_client:
        jsonp_answers(jsonp_client)


def jsonp_answers(client):
    wrapped = client.get("/reconcile", params={"query": "兰州大学", "callback": "jQuery_1"})
    assert wrapped.headers["content-type"].startswith("application/javascript")
    assert wrapped.text.startswith("jQuery_1(") and wrapped.text.endswith(");")
    assert json.loads(wrapped.text[len("jQuery_1("):-2])["result"][0]["id"] == "org/lanzhou-university"
    hostile = client.get("/reconcile", params={"query": "兰州大学", "callback": "alert(document.cookie)//"})
    assert hostile.headers["content-type"].startswith("application/json") and "alert" not in hostile.text


@pytest.mark.parametrize("path, params, message", [
    ("/reconcile", {"queries": "[1"}, "queries is not JSON"),
    ("/reconcile", {"queries": "[1, 2]"}, "queries must be a JSON object"),
    ("/reconcile", {"queries": json.dumps({"q": {"query": "x", "limit": "all"}})}, "limit must be a whole number"),
    ("/reconcile/suggest/nothing", {"prefix": "a"}, "unknown suggest kind 'nothing'"),
    ("/reconcile/suggest/entity", {"prefix": "a", "limit": "x"}, "limit must be a whole number"),
])
def test_bad_input_is_one_line_400(client, path, params, message):
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert response.text.startswith(f"Error: {message}") and response.text.count("\n") == 1


def test_the_name_index_is_built_before_the_workers_fork(root):
    """Workers inherit the folded-name index from the server process instead of each building its own
    on its first lookup (half a second each at 1M triples)."""
    from starlette.testclient import TestClient

    import kg
    from kg.analysis import resolve
    from kg.serve import create_app

    graph = kg.open()
    assert resolve._INDEXES.get(graph.network) is None  # a graph nobody has asked a name yet
    with TestClient(create_app(graph, timeout=10, workers=1), base_url=BASE) as served:
        assert resolve._INDEXES.get(graph.network) is not None
        found = served.get("/reconcile", params={"query": "兰州大学"}).json()
        assert found["result"][0]["id"] == "org/lanzhou-university"  # relative to the identifierSpace
    graph.close()
