"""Queries that cannot crash the process (issue 21): what pyoxigraph's parser recurses on is bounded before
it parses (kg.query.guard), ``kg query`` answers in a child process with a time limit (kg.query.apart),
and the rdflib store says in words when a query is too deep for it.

Each crash case runs ``kg query FILE`` as its own process (the query text is megabytes: a file, not an
argument) and checks that it exits 1 with one ``Error:`` line, not by a signal (139 was a segfault).
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import BadQuery, QueryTimeout

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"
KG = [sys.executable, "-m", "kg"]
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?t }"

#: the texts that crashed pyoxigraph (exit 139) or ran for minutes, and what the guard says of each
CRASHES = {
    "not-run": ("ASK { FILTER(" + "!" * 10_000 + "true) }", "unary operators in a row"),
    "or-chain": ("ASK { FILTER(" + "||".join(["true"] * 100_000) + ") }", "operators and clauses"),
    "path": ("ASK { ?s " + "/".join(["<urn:p>"] * 100_001) + " ?o }", "operators and clauses"),
    "prefixed-path": ("ASK { ?s " + "/".join(["rdfs:label"] * 300) + " ?o }", "property path steps"),
    "quoted": ("ASK { " + "<< " * 100_000 + "<urn:a> <urn:b> <urn:c>" + " >> <urn:b> <urn:c>" * 100_000 + " . }",
               "quoted triples"),
    "nested-not": ("ASK { FILTER(" + "!(" * 10_000 + "true" + ")" * 10_000 + ") }", "nests brackets"),
    "nested-plus": ("ASK { FILTER(" + "+(" * 10_000 + "1" + ")" * 10_000 + " = 1) }", "nests brackets"),
    "nested-union": ("ASK " + "{ {} UNION " * 10_000 + "{}" + " }" * 10_000, "nests brackets"),
    "optional-run": ("ASK { " + " ".join(["OPTIONAL { ?s ?p ?o }"] * 5_000) + " }", "operators and clauses"),
}


@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store") / "store"
    loaded = subprocess.run(KG + ["load", "--store", f"oxigraph:{folder}", MINI], capture_output=True, text=True,
                            cwd=ROOT)
    assert loaded.returncode == 0, loaded.stderr
    return f"oxigraph:{folder}"


def run_kg(*args, timeout=300):
    return subprocess.run(KG + [str(a) for a in args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def one_error_line(result):
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr[-1000:]
    assert result.stdout == ""
    return lines[0]


@pytest.mark.parametrize("case", sorted(CRASHES))
@pytest.mark.parametrize("where", ["memory", "oxigraph"])
def test_a_query_that_crashed_the_engine_is_one_error_line(tmp_path, oxigraph_store, where, case):
    text, says = CRASHES[case]
    query = tmp_path / "q.rq"
    query.write_text(text, encoding="utf-8")
    store = ["--data", MINI] if where == "memory" else ["--store", oxigraph_store]
    line = one_error_line(run_kg("query", query, *store))
    assert says in line


@pytest.mark.parametrize("case", ["or-chain", "nested-union", "optional-run"])
def test_the_rdflib_store_refuses_them_too(tmp_path, case):
    text, says = CRASHES[case]
    query = tmp_path / "q.rq"
    query.write_text(text, encoding="utf-8")
    line = one_error_line(run_kg("query", query, "--store", "rdflib", "--data", MINI))
    assert says in line


def test_rdflib_recursion_is_said_in_words():
    from kg.query import run_query
    from kg.stores.load import open_store

    store = open_store("rdflib")
    store.load_file(MINI, "turtle", graph="urn:mini")
    nested = "ASK " + "{ {} UNION " * 150 + "{}" + " }" * 150
    with pytest.raises(BadQuery) as caught:
        run_query(store, nested)
    message = str(caught.value)
    assert "too deeply for the rdflib store" in message and "maximum recursion" not in message


def test_real_queries_stay_within_the_bounds():
    from kg.query import guard, named_queries

    for query in named_queries().values():
        shape = guard.check(query.text)
        assert shape.terms < guard.MAX_TERMS / 10, query.name


def test_kg_query_stops_a_runaway_query():
    line = one_error_line(run_kg("query", "--data", MINI, "--timeout", "1", "-e", ENDLESS))
    assert line == "Error: the query ran past the 1 s time limit and was stopped (--timeout SECONDS allows longer)"


def test_kg_query_answers_as_before_through_the_child():
    result = run_kg("query", "--data", MINI, "--format", "csv", "-e",
                    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.returncode == 0 and result.stdout.splitlines() == ["n", "232"]
    bad = one_error_line(run_kg("query", "--data", MINI, "-e", "SELECT ?x WHERE { ?x ?p ?o }\nLIMIT x"))
    assert bad.startswith("Error: syntax error at line 2, column 1")


def test_an_engine_crash_in_the_child_is_an_error_and_the_caller_lives_on():
    from kg.query.apart import answer_apart
    from kg.stores.oxigraph import OxigraphStore

    class Crashing(OxigraphStore):
        def _run(self, text, **options):
            import faulthandler

            faulthandler.disable()  # pytest's handler would print the crash's stack; the test wants the signal
            os.kill(os.getpid(), signal.SIGSEGV)

    with pytest.raises(BadQuery, match=r"the query engine crashed on this query \(SIGSEGV\)"):
        answer_apart(Crashing(), "ASK {}", "json", timeout=60)
    assert answer_apart(OxigraphStore(), "ASK {}", "json", timeout=60) == b'{"head":{},"boolean":true}'


def test_a_timeout_kills_the_child():
    from kg.query.apart import answer_apart
    from kg.stores.load import load_graph

    graph = load_graph([MINI])
    children_before = _children()
    with pytest.raises(QueryTimeout):
        answer_apart(graph, ENDLESS, "json", timeout=0.5)
    assert _children() == children_before


def _children():
    import psutil

    return sorted(child.pid for child in psutil.Process().children(recursive=True))
