"""Real SPARQL clients against a real ``kg serve`` (a subprocess on 127.0.0.1, a free port, the article graph).

SPARQLWrapper in every result format it speaks, and rdflib's own SPARQLStore (JSON and XML, GET and raw
POST) running every named competency query: the answers must equal those of the local graph.
"""

import csv
import io
import json
import os
import signal
import socket
import time
import urllib.request
from collections import Counter

import psutil
import pytest
from rdflib import Graph, Literal, URIRef

from kg.namespaces import sparql_prologue
from tests.servers import start_server, stop_server

pytestmark = pytest.mark.slow

ALPHA_QUERY = sparql_prologue() + """
SELECT ?actor ?zh ?en WHERE {
  ?actor a/rdfs:subClassOf* ikg:University ; skos:prefLabel ?zh, ?en .
  FILTER(lang(?zh) = "zh" && lang(?en) = "en")
} ORDER BY ?actor"""
CONSTRUCT_QUERY = sparql_prologue() + """
CONSTRUCT { ?actor skos:prefLabel ?name } WHERE { ?actor a ikg:University ; skos:prefLabel ?name }"""
ASK_QUERY = sparql_prologue() + "ASK { ?a a ikg:University }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _serve(root, timeout):
    # rdflib's SPARQLStore reads every triple (SELECT ?s ?p ?o) and queries its copy: the server must not cut
    # that answer at its default 10,000 rows (the grown graph holds more triples)
    base, process = start_server("--timeout", timeout, "--max-rows", 1_000_000, cwd=root)
    try:
        yield base, process
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def server(root):
    """``kg serve`` on a free loopback port; yields its base URL; stops it by PID.

    Its query time limit is generous: on a busy 2-core machine a named query can take several seconds."""
    yield from _serve(root, 120)


@pytest.fixture(scope="module")
def impatient_server(root):
    """A server with a 2 s limit, only for the deliberately endless query."""
    yield from _serve(root, 2)


@pytest.fixture(scope="module")
def endpoint(server):
    return server[0] + "/sparql"


def local_rows(graph, query):
    return Counter(tuple(row) for row in graph.query(query))


# -- SPARQLWrapper --

def wrapper(endpoint, query, return_format, method="GET"):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(return_format)
    client.setMethod(method)
    return client


def test_sparqlwrapper_select_json(endpoint, article_rdflib):
    from SPARQLWrapper import JSON

    answer = wrapper(endpoint, ALPHA_QUERY, JSON).query().convert()
    rows = Counter((URIRef(b["actor"]["value"]), Literal(b["zh"]["value"], lang=b["zh"]["xml:lang"]),
                    Literal(b["en"]["value"], lang=b["en"]["xml:lang"])) for b in answer["results"]["bindings"])
    assert rows == local_rows(article_rdflib, ALPHA_QUERY)
    assert any("大学" in str(row[1]) for row in rows)


def test_sparqlwrapper_select_xml(endpoint, article_rdflib):
    from SPARQLWrapper import XML

    document = wrapper(endpoint, ALPHA_QUERY, XML).query().convert()
    results = document.getElementsByTagName("result")
    assert len(results) == sum(local_rows(article_rdflib, ALPHA_QUERY).values()) > 0
    literals = {node.firstChild.data for node in document.getElementsByTagName("literal")}
    assert {str(row[1]) for row in local_rows(article_rdflib, ALPHA_QUERY)} <= literals


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_sparqlwrapper_select_csv_and_tsv(endpoint, article_rdflib, fmt, delimiter):
    from SPARQLWrapper import CSV, TSV

    raw = wrapper(endpoint, ALPHA_QUERY, CSV if fmt == "csv" else TSV).query().convert()
    quoting = csv.QUOTE_MINIMAL if fmt == "csv" else csv.QUOTE_NONE  # TSV quotes are part of the term
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8")), delimiter=delimiter, quoting=quoting))
    header = ["actor", "zh", "en"] if fmt == "csv" else ["?actor", "?zh", "?en"]
    assert rows[0] == header
    expected = local_rows(article_rdflib, ALPHA_QUERY)
    assert len(rows) - 1 == sum(expected.values())
    if fmt == "csv":
        assert Counter(tuple(r) for r in rows[1:]) == Counter(tuple(map(str, row)) for row in expected.elements())
    else:
        assert Counter(tuple(r) for r in rows[1:]) == Counter(tuple(t.n3() for t in row) for row in expected.elements())


@pytest.mark.parametrize("fmt", ["JSON", "XML"])
def test_sparqlwrapper_ask(endpoint, fmt):
    import SPARQLWrapper

    answer = wrapper(endpoint, ASK_QUERY, getattr(SPARQLWrapper, fmt)).query().convert()
    boolean = answer["boolean"] if fmt == "JSON" else \
        answer.getElementsByTagName("boolean")[0].firstChild.data == "true"
    assert boolean is True


@pytest.mark.parametrize("fmt", ["TURTLE", "N3", "JSONLD", "RDFXML", "XML"])
def test_sparqlwrapper_construct_in_each_graph_format(endpoint, article_rdflib, fmt):
    import SPARQLWrapper

    converted = wrapper(endpoint, CONSTRUCT_QUERY, getattr(SPARQLWrapper, fmt)).query().convert()
    if isinstance(converted, bytes):  # Turtle and N3 come back as text
        converted = Graph().parse(data=converted, format="turtle")
    expected = set(article_rdflib.query(CONSTRUCT_QUERY).graph)
    assert set(converted) == expected and expected


@pytest.mark.parametrize("request_method", ["urlencoded", "postdirectly"])
def test_sparqlwrapper_post(endpoint, article_rdflib, request_method):
    import SPARQLWrapper

    client = wrapper(endpoint, ALPHA_QUERY, SPARQLWrapper.JSON, method=SPARQLWrapper.POST)
    client.setRequestMethod(request_method)
    answer = client.query().convert()
    assert len(answer["results"]["bindings"]) == sum(local_rows(article_rdflib, ALPHA_QUERY).values())


def test_sparqlwrapper_sees_bad_queries_and_updates_as_bad_requests(endpoint):
    import SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed, match="line 1"):
        wrapper(endpoint, "SELECT ?x WHERE { ?x }", SPARQLWrapper.JSON).query()
    update = wrapper(endpoint, "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", SPARQLWrapper.JSON,
                     method=SPARQLWrapper.POST)
    with pytest.raises(QueryBadFormed, match="read-only"):
        update.query()


def test_a_timed_out_query_leaves_the_server_serving(impatient_server):
    import urllib.error
    from urllib.parse import urlencode

    server = impatient_server
    endpoint = server[0] + "/sparql"
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{endpoint}?{urlencode({'query': ENDLESS})}", timeout=120)
    assert caught.value.code == 503
    assert "time limit" in caught.value.read().decode()
    assert time.monotonic() - started < 90  # stopped near its 2 s limit, not left to run for ever
    workers = psutil.Process(server[1].pid).children(recursive=True)
    assert 1 <= len(workers) <= 2
    with urllib.request.urlopen(f"{endpoint}?{urlencode({'query': 'ASK {}'})}", timeout=60) as again:
        assert again.status == 200


# -- rdflib's SPARQLStore --

@pytest.fixture(scope="module")
def local_answers(article_rdflib):
    """Every named query's answer on the local graph, computed once."""
    from kg.query import named_queries, run_query

    queries = named_queries()
    assert queries, "no named queries in kg/query/named/"
    return {name: (named.text, run_query(article_rdflib, named.text)) for name, named in queries.items()}


@pytest.mark.parametrize("return_format, method, every", [("json", "GET", True), ("xml", "POST_FORM", True),
                                                          ("json", "POST", False), ("xml", "GET", False)])
def test_rdflib_sparqlstore_runs_the_named_queries_like_the_local_graph(endpoint, local_answers,
                                                                        return_format, method, every):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from kg.query import run_query

    remote = Graph(store=SPARQLStore(endpoint, returnFormat=return_format, method=method))
    names = sorted(local_answers) if every else sorted(local_answers)[:4]
    for name in names:
        text, local = local_answers[name]
        far = run_query(remote, text)
        assert (far.kind, far.vars, far.boolean) == (local.kind, local.vars, local.boolean), name
        assert Counter(far.rows) == Counter(local.rows), name


def test_rdflib_sparqlstore_reads_triples_and_counts(endpoint, article_rdflib):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    assert len(remote) == len(article_rdflib)
    subject = next(iter(article_rdflib.query(ALPHA_QUERY)))[0]
    assert set(remote.triples((subject, None, None))) == set(article_rdflib.triples((subject, None, None)))


def test_rdflib_sparqlstore_construct(endpoint, article_rdflib):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    assert set(remote.query(CONSTRUCT_QUERY).graph) == set(article_rdflib.query(CONSTRUCT_QUERY).graph)


def test_kg_remote_store_reads_kg_serve(endpoint, article_rdflib):
    from kg.stores.load import open_store
    from kg.query import run_named

    remote = open_store(f"sparql:{endpoint}")
    assert Counter(run_named(remote, "places").rows) == Counter(run_named(article_rdflib, "places").rows)


# -- the command itself --

@pytest.mark.parametrize("store", ["oxigraph", "sparql"])
def test_serve_from_each_store(root, tmp_path, endpoint, local_answers, store):
    """kg serve over an embedded Oxigraph store, and over another endpoint (the module's server)."""
    from SPARQLWrapper import JSON

    spec = f"oxigraph:{tmp_path / 'store'}" if store == "oxigraph" else f"sparql:{endpoint}"
    base, process = start_server("--store", spec, cwd=root)
    try:
        for name in sorted(local_answers)[:6]:
            text, local = local_answers[name]
            answer = wrapper(f"{base}/sparql", text, JSON).query().convert()
            assert answer["head"]["vars"] == local.vars, name
            assert len(answer["results"]["bindings"]) == len(local.rows), name
        with urllib.request.urlopen(f"{base}/id/org/lanzhou-university.json", timeout=60) as page:
            assert json.load(page)["label_zh"] == "兰州大学"
    finally:
        stop_server(process)


def test_an_empty_remote_store_is_named_not_loaded_into(root, tmp_path, endpoint):
    """Regression: an empty sparql: store used to be dumped in full, then written to (it is read-only)."""
    from click.testing import CliRunner

    from kg.cli import cli

    empty = tmp_path / "empty.ttl"
    empty.write_text("# no triples\n", encoding="utf-8")
    base, process = start_server("--data", empty, cwd=root)
    try:
        url = f"{base}/sparql"
        result = CliRunner().invoke(cli, ["query", "--store", f"sparql:{url}", "--name", "places"])
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [
            f"Error: the remote store {url} is empty: push the graph to it first (kg push URL)"]
    finally:
        stop_server(process)
    result = CliRunner().invoke(cli, ["query", "--store", f"sparql:{endpoint}", "--data", "tests/data/mini.ttl",
                                      "--name", "places"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: a sparql: store is read-only: --data files cannot be loaded into it"]


def test_serve_refuses_a_port_in_use_in_one_line():
    from click.testing import CliRunner

    from kg.cli import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--data", "tests/data/mini.ttl"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_server_stops_cleanly_with_its_workers(root):
    base, process = start_server("--data", "tests/data/mini.ttl", "--workers", "2", cwd=root)
    try:
        workers = psutil.Process(process.pid).children(recursive=True)
        assert len(workers) == 2
        os.kill(process.pid, signal.SIGTERM)
        # uvicorn shuts down gracefully, then re-raises the signal it caught: -15 is a clean stop here
        assert process.wait(timeout=15) in (0, -signal.SIGTERM)
        assert b"Traceback" not in process.stdout.read()
        assert not any(worker.is_running() and worker.status() != psutil.STATUS_ZOMBIE for worker in workers)
    finally:
        stop_server(process)

