"""Errors that say one thing (issue 21): bad input is one ``Error:`` line and nothing written; the server
says what is wrong with the request instead of repeating an engine's text.

The CLI runs in-process (click's runner, stderr apart from stdout); the server through Starlette's
TestClient over the small graph tests/data/mini.ttl.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")


def kg(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result, code):
    """The run exited ``code``, printed nothing on stdout and exactly one ``Error:`` line on stderr."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert result.stdout == ""
    return lines[0]


# -- usage errors: one line, exit 2 --

@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    binary = tmp_path / "binary.rq"
    binary.write_bytes(b"\x00\x01\xff\xfe SELECT")
    return {"dir": folder, "binary": binary, "missing": tmp_path / "missing.rq"}


@pytest.mark.parametrize("args, says", [
    (["query", "--data", "{dir}", "-e", "ASK {}"], "'--data'"),
    (["query", "{dir}"], "'{dir}'"),
    (["dossier", "alpha-university", "-o", "{dir}"], "'-o' / '--out'"),
    (["ingest", "{dir}", "--id", "x"], "'ARTICLE.txt'"),
    (["query", "{missing}"], "No such file"),
    (["query", "{binary}"], "not UTF-8 text"),
    (["query", "--format", "nonsense", "-e", "ASK {}"], "'nonsense' is not one of"),
    (["stats", "--format", "nonsense"], "'nonsense' is not one of"),
    (["query", "-e", ""], "-e was given an empty query"),
], ids=["data-dir", "query-dir", "dossier-dir", "ingest-dir", "query-missing", "query-binary", "query-format",
        "stats-format", "empty-e"])
def test_usage_errors_are_one_error_line_exit_2(inputs, args, says):
    def filled(text):
        for name, path in inputs.items():
            text = text.replace("{" + name + "}", str(path))
        return text

    line = one_error_line(kg(*map(filled, args)), 2)
    assert filled(says) in line


# -- accepted silently before --

def test_build_of_an_empty_file_is_an_error_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing but a comment\n", encoding="utf-8")
    out = tmp_path / "out"
    line = one_error_line(kg("build", "--data", empty, "--out", out), 1)
    assert "the graph is empty" in line and str(empty) in line and "nothing written" in line
    assert not out.exists()


@pytest.mark.parametrize("date, says", [
    ("2024-02-30", "2024-02 has no day 30"),
    ("2023-02-29", "2023-02 has no day 29"),
    ("2024-04-31", "2024-04 has no day 31"),
    ("0000", "there is no year 0000"),
])
def test_impossible_as_of_dates_are_one_line_errors(tmp_path, date, says):
    out = tmp_path / "actors.graphml"
    line = one_error_line(kg("export", "--data", MINI, "--as-of", date, "-o", out), 1)
    assert f"'{date}' is not a date" in line and says in line
    assert not out.exists()


def test_a_real_leap_day_is_a_date():
    result = kg("stats", "--data", MINI, "--as-of", "2024-02-29", "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_a_json_ld_import_context_is_refused_before_the_parser_sees_it(tmp_path):
    document = tmp_path / "import.jsonld"
    document.write_text(json.dumps({"@context": {"@version": 1.1, "@import": "http://127.0.0.1:9/ctx.jsonld"},
                                    "@id": "https://w3id.org/innovation-kg/id/org/x",
                                    "http://schema.org/name": "x"}), encoding="utf-8")
    line = one_error_line(kg("stats", "--data", document), 1)
    assert "refers to another document (http://127.0.0.1:9/ctx.jsonld)" in line
    assert "LoadDocumentCallback" not in line


# -- the server --

@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from kg.serve import create_app
    from kg.stores.load import load_graph

    with TestClient(create_app(load_graph([MINI]), workers=1, timeout=5), base_url="http://127.0.0.1:8000") as test:
        yield test


@pytest.mark.parametrize("path", ["/id/org/%FF", "/id/org/%FF.json", "/id/org/alpha%C3-university"])
def test_a_path_that_is_not_utf8_is_a_400_saying_so(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "is not valid UTF-8" in response.text and "error at" not in response.text


@pytest.mark.parametrize("path", ["/reconcile/suggest/entity?prefix=%FF", "/reconcile?query=%FF",
                                  "/reconcile/preview?id=org%2F%FF"])
def test_reconcile_parameters_that_are_not_utf8_are_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400 and "query string is not valid UTF-8" in response.text


def test_a_reconcile_form_that_is_not_utf8_is_a_400(client):
    response = client.post("/reconcile", content=b"query=%FF",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400 and "request body is not valid UTF-8" in response.text


@pytest.mark.parametrize("content_type", ["application/sparql-query; charset=UTF-16",
                                          "application/sparql-query; charset=latin-1",
                                          "application/x-www-form-urlencoded; charset=UTF-16"])
def test_a_query_body_that_is_not_utf8_is_a_400(client, content_type):
    body = "ASK {}".encode("utf-16") if content_type.startswith("application/sparql-query; charset=UTF") \
        else b"query=ASK+%7B%7D" if "form" in content_type else b"ASK {}"
    response = client.post("/sparql", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 400 and "sends queries as UTF-8" in response.text


def test_a_utf8_charset_is_still_accepted(client):
    for charset in ("utf-8", "UTF8", '"UTF-8"', "us-ascii"):
        response = client.post("/sparql", content=b"ASK {}",
                               headers={"Content-Type": f"application/sparql-query; charset={charset}"})
        assert response.status_code == 200 and response.json()["boolean"] is True
