"""`sparql:URL` stores wait `$KG_HTTP_TIMEOUT` seconds for an answer (60 by default): a large remote
graph's projection queries take minutes, so the wait is the user's to raise."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner


class _SlowEndpoint(BaseHTTPRequestHandler):
    """Answers nothing until the test lets it go (so the client's timeout decides)."""

    release = threading.Event()

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.release.wait(30)
        self.send_response(503)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def slow_endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowEndpoint)
    server.daemon_threads = True
    _SlowEndpoint.release.clear()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    _SlowEndpoint.release.set()
    server.shutdown()
    server.server_close()


def kg(*args, env=None):
    from kg.cli import cli

    return CliRunner().invoke(cli, list(args), env=env)


def test_the_store_gives_up_after_kg_http_timeout_seconds(slow_endpoint, monkeypatch):
    from kg.errors import KGError
    from kg.stores.load import open_store

    monkeypatch.setenv("KG_HTTP_TIMEOUT", "0.5")
    store = open_store(f"sparql:{slow_endpoint}")
    assert store.timeout == 0.5
    with pytest.raises(KGError, match=r"did not answer within 0\.5 s"):
        store.query("ASK { ?s ?p ?o }")


def test_without_the_variable_the_wait_is_a_minute(monkeypatch):
    from kg.stores.load import open_store

    monkeypatch.delenv("KG_HTTP_TIMEOUT", raising=False)
    assert open_store("sparql:http://127.0.0.1:9/sparql").timeout == 60.0


@pytest.mark.parametrize("value", ["soon", "0", "-5", "inf", "nan"])
def test_a_bad_timeout_is_one_line_and_exit_1(value):
    result = kg("stats", "--store", "sparql:http://127.0.0.1:9/sparql", env={"KG_HTTP_TIMEOUT": value})
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: KG_HTTP_TIMEOUT must be a number of seconds above 0")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
