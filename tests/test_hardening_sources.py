"""Code and data from where they should not come (issue 21): no pickle from a store folder runs unless this
user wrote it; a query reads only the store's own graphs on every store (no FROM, FROM NAMED, file: or
escaped SERVICE fetch); --allow-service compares parsed URLs; JSONP only when the server allows it.

Outbound requests are watched with a small HTTP server on 127.0.0.1 that records every request it gets.
"""

import http.server
import os
import pickle
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.errors import BadQuery

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"
KG = [sys.executable, "-m", "kg"]

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")


# -- a listener that records what reaches it --

class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append((self.command, self.path))
        body = b'<urn:leak:s> <urn:leak:p> "leaked" .\n'
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def listener():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _closed_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the projection cache: nothing unpickled that this user did not write --

class _Payload:
    """Unpickling this creates the marker file (what an attacker's pickle would do, harmlessly)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_crafted_pickle_in_a_copied_store_never_runs(tmp_path):
    from kg.stores import cache

    store = tmp_path / "store"
    env = dict(os.environ, KG_CONFIG_DIR=str(tmp_path / "config"), KG_CACHE_DIR=str(tmp_path / "cache"))
    loaded = subprocess.run(KG + ["load", "--store", f"oxigraph:{store}", MINI], capture_output=True, text=True,
                            env=env, cwd=ROOT)
    assert loaded.returncode == 0, loaded.stderr
    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    marker = tmp_path / "MARKER"
    crafted = {
        # the old layout: the first thing read was unpickled before any check
        "plain": pickle.dumps(_Payload(marker)),
        # the new layout, tagged under a key that is not this user's
        "foreign": cache._MAGIC + b"\0" * cache._TAG_SIZE + pickle.dumps(_Payload(marker)),
    }
    for name, body in crafted.items():
        cache.store_cache_path(copy).write_bytes(body)
        result = subprocess.run(KG + ["stats", "--store", f"oxigraph:{copy}", "--format", "json"],
                                capture_output=True, text=True, env=env, cwd=ROOT)
        assert result.returncode == 0, (name, result.stderr)
        assert not marker.exists(), f"the {name} pickle in the store folder ran"
        assert '"triples"' in result.stdout and "232" in result.stdout
        # the projection was made again and cached under this user's key
        assert cache.store_cache_path(copy).read_bytes().startswith(cache._MAGIC)


def test_the_key_lives_outside_the_store_readable_by_its_owner_only(tmp_path, monkeypatch):
    import networkx as nx

    from kg.stores import cache

    monkeypatch.setenv("KG_CONFIG_DIR", str(tmp_path / "config"))
    G = nx.MultiDiGraph()
    G.add_node("urn:a", label="a")
    cache.write(tmp_path / "store" / cache.CACHE_NAME, "sig", G, {"triples": 1})
    key = cache.key_path()
    assert key.parent == tmp_path / "config" and key.is_file()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert list((tmp_path / "store").iterdir()) == [tmp_path / "store" / cache.CACHE_NAME]
    found = cache.read(tmp_path / "store" / cache.CACHE_NAME, "sig")
    assert found is not None and found[1] == {"triples": 1} and list(found[0].nodes) == ["urn:a"]
    # another user (another key) gets nothing from the same file; nor does anyone once a byte changes
    monkeypatch.setenv("KG_CONFIG_DIR", str(tmp_path / "other-user"))
    assert cache.read(tmp_path / "store" / cache.CACHE_NAME, "sig") is None
    monkeypatch.setenv("KG_CONFIG_DIR", str(tmp_path / "config"))
    data = bytearray((tmp_path / "store" / cache.CACHE_NAME).read_bytes())
    data[-2] ^= 1
    (tmp_path / "store" / cache.CACHE_NAME).write_bytes(bytes(data))
    assert cache.read(tmp_path / "store" / cache.CACHE_NAME, "sig") is None


def test_a_key_others_can_read_is_not_trusted(tmp_path, monkeypatch):
    import networkx as nx

    from kg.stores import cache

    monkeypatch.setenv("KG_CONFIG_DIR", str(tmp_path / "config"))
    cache.write(tmp_path / "p.pickle", "sig", nx.MultiDiGraph(), {})
    assert cache.read(tmp_path / "p.pickle", "sig") is not None
    cache.key_path().chmod(0o644)
    assert cache.read(tmp_path / "p.pickle", "sig") is None


# -- queries read only the store's own graphs --

@pytest.mark.parametrize("spec", ["memory", "rdflib"])
def test_from_and_from_named_never_fetch(listener, spec, tmp_path):
    from kg.query import run_query
    from kg.stores.load import open_store

    store = open_store(spec)
    store.load_file(MINI, "turtle", graph="urn:mini")
    secret = tmp_path / "secret.nt"
    secret.write_text('<urn:s> <urn:p> "secret" .\n', encoding="utf-8")
    url = f"http://127.0.0.1:{listener.server_address[1]}/g.ttl"
    for text in (f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
                 f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                 f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
                 f"SELECT * FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        result = run_query(store, text)
        assert result.rows == [], text
    assert listener.requests == []
    # a FROM naming one of the store's own graphs reads it
    own = run_query(store, "SELECT (COUNT(*) AS ?n) FROM <urn:mini> WHERE { ?s ?p ?o }")
    assert int(own.rows[0][0].value) == 232


def test_the_rdflib_server_does_not_read_a_file_named_by_from(tmp_path):
    from starlette.testclient import TestClient

    from kg.serve import create_app
    from kg.stores.load import open_store

    secret = tmp_path / "secret.nt"
    secret.write_text('<urn:s> <urn:p> "secret" .\n', encoding="utf-8")
    store = open_store("rdflib")
    store.load_file(MINI, "turtle", graph="urn:mini")
    with TestClient(create_app(store, workers=1, timeout=10), base_url="http://127.0.0.1:8000") as client:
        response = client.get("/sparql", params={"query": f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"},
                              headers={"Accept": "text/csv"})
    assert response.status_code == 200 and "secret" not in response.text


@pytest.mark.parametrize("spec", ["memory", "rdflib"])
@pytest.mark.parametrize("keyword", ["\\u0053ERVICE", "\\U00000053ERVICE", "SERV\\u0049CE"])
def test_an_escaped_service_is_refused_before_anything_is_sent(listener, spec, keyword):
    from kg.query import run_query
    from kg.stores.load import open_store

    port = listener.server_address[1]
    store = open_store(spec)
    with pytest.raises(BadQuery, match="federated queries"):
        run_query(store, f"SELECT * WHERE {{ {keyword} <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    assert listener.requests == []


@pytest.mark.parametrize("spec", ["memory", "rdflib"])
def test_the_error_is_the_same_for_an_open_and_a_closed_port(listener, spec):
    from kg.query import run_query
    from kg.stores.load import open_store

    store = open_store(spec)
    messages = []
    for port in (listener.server_address[1], _closed_port()):
        with pytest.raises(BadQuery) as caught:
            run_query(store, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
        messages.append(str(caught.value).replace(str(port), "PORT"))
    assert messages[0] == messages[1]
    assert listener.requests == []


# -- --allow-service compares parsed URLs --

@pytest.mark.parametrize("allowed, called, expected", [
    ("http://127.0.0.1:31900", "http://127.0.0.1:31900/sparql", True),
    ("http://127.0.0.1:31900", "http://127.0.0.1:319000/sparql", False),
    ("http://127.0.0.1:31900", "http://127.0.0.1:31900@evil.example/sparql", False),
    ("http://127.0.0.1:31900", "http://127.0.0.1:31900.evil.example/sparql", False),
    ("http://127.0.0.1:31900", "https://127.0.0.1:31900/sparql", False),
    ("http://127.0.0.1:31900/sparql", "http://127.0.0.1:31900/sparql", True),
    ("http://127.0.0.1:31900/sparql", "http://127.0.0.1:31900/sparql/x", True),
    ("http://127.0.0.1:31900/sparql", "http://127.0.0.1:31900/sparql-admin", False),
    ("http://127.0.0.1:31900/sparql/", "http://127.0.0.1:31900/sparqlx", False),
    ("http://localhost/sparql", "HTTP://LOCALHOST:80/sparql", True),
    ("http://127.0.0.1:31900", "sparql", False),
])
def test_allow_service_compares_scheme_host_port_and_path(allowed, called, expected):
    from kg.query import guard

    assert guard.service_allowed(called, [allowed]) is expected
    text = f"SELECT * WHERE {{ SERVICE <{called}> {{ ?s ?p ?o }} }}"
    if expected:
        assert guard.check(text, allow_service=[allowed]).services == (f"<{called}>",)
    else:
        with pytest.raises(BadQuery, match="federated queries"):
            guard.check(text, allow_service=[allowed])


def test_a_port_that_only_starts_like_the_allowed_one_gets_no_request(listener):
    from kg.query import run_query
    from kg.stores.load import open_store

    port = listener.server_address[1]
    store = open_store("rdflib", allow_service=[f"http://127.0.0.1:{str(port)[:-1]}"])
    with pytest.raises(BadQuery, match="federated queries"):
        run_query(store, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    assert listener.requests == []


# -- JSONP --

def test_jsonp_is_off_unless_the_server_allows_it():
    from starlette.testclient import TestClient

    from kg.serve import create_app
    from kg.stores.load import load_graph

    graph = load_graph([MINI])
    params = {"queries": '{"q0": {"query": "alpha"}}', "callback": "steal"}
    with TestClient(create_app(graph, workers=1, timeout=10), base_url="http://127.0.0.1:8000") as client:
        refused = client.get("/reconcile", params=params)
        assert refused.status_code == 400 and "steal(" not in refused.text and "--jsonp" in refused.text
        assert client.get("/reconcile", params={"queries": params["queries"]}).status_code == 200
    for settings in ({"jsonp": True}, {"cors": ["*"]}):
        with TestClient(create_app(graph, workers=1, timeout=10, **settings),
                        base_url="http://127.0.0.1:8000") as client:
            answered = client.get("/reconcile", params=params)
            assert answered.status_code == 200 and answered.text.startswith("steal(")
