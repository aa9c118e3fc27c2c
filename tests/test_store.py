"""The persistent Oxigraph store answers like the memory store, is not re-parsed, and keys the cache."""

import collections
import subprocess
import sys
from pathlib import Path

import pytest

from kg.stores import cache
from kg.errors import DataError
from kg.stores.load import default_sources, load_graph
from kg.query import named_queries, run_query

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"
ONTOLOGY = ROOT / "ontology" / "innovation.ttl"


@pytest.fixture(scope="module")
def oxigraph_spec(tmp_path_factory):
    spec = f"oxigraph:{tmp_path_factory.mktemp('store') / 'kg'}"
    graph = load_graph(default_sources(), store=spec)
    graph.close()
    return spec


@pytest.fixture(scope="module")
def both(article_graph, oxigraph_spec):
    graph = load_graph(None, store=oxigraph_spec)
    yield article_graph, graph
    graph.close()


def _answers(result):
    """The answer as a multiset of rows of plain values (term kind, text, language, datatype)."""
    if result.kind == "ask":
        return result.boolean
    _, rows = result.table_view()
    return collections.Counter(tuple(_plain(term) for term in row) for row in rows)


def _plain(term):
    if term is None:
        return None
    datatype = str(getattr(term, "datatype", None) or "")
    if datatype == "http://www.w3.org/2001/XMLSchema#string":  # RDF 1.1: a simple literal is an xsd:string
        datatype = ""
    return (type(term).__name__, str(term), getattr(term, "language", None), datatype)


def test_the_oxigraph_store_holds_the_same_triples(both):
    memory, oxigraph = both
    assert len(oxigraph) == len(memory) > 0


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_the_same_on_both_stores(both, name):
    memory, oxigraph = both
    text = named_queries()[name].text
    expected = _answers(run_query(memory, text))
    assert _answers(run_query(oxigraph, text)) == expected


def test_there_are_named_queries_to_compare():
    assert named_queries(), "kg/query/named/*.rq is empty: the store comparison above compared nothing"


def test_a_second_open_does_not_parse_again(tmp_path):
    oxigraph_spec = f"oxigraph:{tmp_path / 'kg'}"
    load_graph([ONTOLOGY, MINI], store=oxigraph_spec).close()
    # a fresh process, as a second `kg query` would be: any parse would hit the booby-trapped parsers
    script = (
        "import sys, kg.stores.load as L, pyoxigraph\n"
        "def boom(*a, **k): raise SystemExit('parsed again')\n"
        "L.parse_into = boom\n"
        f"g = L.load_graph(None, store={oxigraph_spec!r})\n"
        "print(next(iter(g.triples((None, None, None)))) is not None)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "True"


def test_loading_the_same_files_again_is_skipped(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    graph = load_graph([ONTOLOGY, MINI], store=spec)
    first = cache.read_stamp(tmp_path / "kg")
    count = len(graph)
    graph.close()
    graph = load_graph([ONTOLOGY, MINI], store=spec)
    assert cache.read_stamp(tmp_path / "kg")["token"] == first["token"]
    assert len(graph) == count
    assert sorted(entry["path"] for entry in first["sources"]) == sorted(str(p.resolve()) for p in (ONTOLOGY, MINI))
    graph.close()


def test_a_large_file_goes_through_the_bulk_loader(tmp_path, monkeypatch):
    from kg.synth import generate

    data = generate(200, seed=1, out_dir=tmp_path / "synth").files[0]
    monkeypatch.setattr(cache, "BULK_LOAD_BYTES", 1024)  # everything counts as large
    spec = f"oxigraph:{tmp_path / 'kg'}"
    graph = load_graph([data], store=spec)
    memory = load_graph([data])
    assert len(graph) == len(memory) > 1000
    graph.close()


def test_the_projection_is_cached_and_recomputed_when_the_store_changes(tmp_path, monkeypatch):
    import kg.analysis.network

    spec = f"oxigraph:{tmp_path / 'kg'}"
    graph = load_graph([ONTOLOGY, MINI], store=spec)
    first = cache.load_projection(graph, spec)
    assert cache.cache_path(spec).is_file()

    def refuse(*args, **kwargs):
        raise AssertionError("projected again although the store did not change")

    real_project = kg.analysis.network.project
    monkeypatch.setattr(kg.analysis.network, "project", refuse)
    again = cache.load_projection(graph, spec)
    assert sorted(again.nodes) == sorted(first.nodes) and again.number_of_edges() == first.number_of_edges()

    extra = tmp_path / "extra.ttl"
    extra.write_text("@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .\n"
                     "<https://w3id.org/innovation-kg/id/org/synth-extra> a ikg:Enterprise .\n", encoding="utf-8")
    graph.close()
    graph = load_graph([extra], store=spec)
    monkeypatch.setattr(kg.analysis.network, "project", real_project)
    changed = cache.load_projection(graph, spec)
    assert "https://w3id.org/innovation-kg/id/org/synth-extra" in changed
    assert changed.number_of_nodes() == first.number_of_nodes() + 1
    graph.close()


def test_a_change_made_outside_kg_also_invalidates_the_cache(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    graph = load_graph([ONTOLOGY, MINI], store=spec)
    before = cache.load_projection(graph, spec)
    graph.store._inner.update("INSERT DATA { GRAPH <https://w3id.org/innovation-kg/graph/main> { "
                 "<https://w3id.org/innovation-kg/id/org/synth-outside> a "
                 "<https://w3id.org/innovation-kg/ontology#Enterprise> } }")
    after = cache.load_projection(graph, spec)
    assert "https://w3id.org/innovation-kg/id/org/synth-outside" in after
    assert after.number_of_nodes() == before.number_of_nodes() + 1
    graph.close()


def test_a_memory_store_is_never_cached(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    graph = load_graph([ONTOLOGY, MINI])
    assert cache.load_projection(graph, "memory").number_of_nodes() > 0
    assert list(tmp_path.iterdir()) == []


def test_a_corrupt_cache_is_recomputed(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    graph = load_graph([ONTOLOGY, MINI], store=spec)
    expected = cache.load_projection(graph, spec)
    cache.cache_path(spec).write_bytes(b"not a pickle")
    assert sorted(cache.load_projection(graph, spec).nodes) == sorted(expected.nodes)
    graph.close()


@pytest.mark.parametrize("suffix, body", [
    (".ttl", "@prefix a: <http://a/> .\na:b a:c a:d .\na:b a:c ;; ] .\n"),
    (".nt", '<http://a/b> <http://a/c> <http://a/d> .\n<http://a/b> <http://a/c> "x .\n'),
])
def test_a_bad_file_is_a_data_error_naming_file_and_line(tmp_path, suffix, body):
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(DataError, match=rf"^{tmp_path}/bad\{suffix}: .*line [23]"):
        load_graph([bad], store=f"oxigraph:{tmp_path / 'kg'}")


def test_a_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load_graph([tmp_path / "nothing.ttl"], store=f"oxigraph:{tmp_path / 'kg'}")


def test_a_store_held_by_another_process_is_read_as_a_snapshot(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    load_graph([ONTOLOGY, MINI], store=spec).close()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, kg.stores.load as L\n"
                               f"g = L.load_graph(None, store={spec!r}); print('held', flush=True)\n"
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        graph = load_graph(None, store=spec)
        assert len(graph) == len(load_graph([ONTOLOGY, MINI]))
    finally:
        holder.communicate("", timeout=60)
