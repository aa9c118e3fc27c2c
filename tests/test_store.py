"""Stores answer alike, a persistent store is loaded once and never stale, and the projection cache is keyed
by content (any change of content, not of the count, makes it project again)."""

import collections
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.errors import DataError
from kg.query import named_queries, run_query
from kg.stores import cache
from kg.stores.load import default_sources, load, read_stamp

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"
ONTOLOGY = ROOT / "ontology" / "innovation.ttl"
IKR = "https://w3id.org/innovation-kg/id/"


@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory):
    store = load(f"oxigraph:{tmp_path_factory.mktemp('store') / 'kg'}")
    yield store
    store.close()


@pytest.fixture(scope="module")
def rdflib_store():
    return load("rdflib")


def _answers(result):
    """The answer as a multiset of rows of terms in N-Triples form."""
    if result.kind == "ask":
        return result.boolean
    _, rows = result.table_view()
    return collections.Counter(tuple(str(term) if term is not None else None for term in row) for row in rows)


def test_every_store_holds_the_same_named_graphs(article_graph, oxigraph_store, rdflib_store):
    counts = article_graph.graph_counts()
    assert IKR + "graph/ontology" in counts and IKR + "graph/000_53c5d41e29162869" in counts
    assert oxigraph_store.graph_counts() == counts == rdflib_store.graph_counts()


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_the_same_on_every_store(article_graph, oxigraph_store, rdflib_store, name):
    text = named_queries()[name].text
    expected = _answers(run_query(article_graph, text))
    assert _answers(run_query(oxigraph_store, text)) == expected
    assert _answers(run_query(rdflib_store, text)) == expected


def test_there_are_named_queries_to_compare():
    assert named_queries(), "kg/query/named/*.rq is empty: the store comparison above compared nothing"


def test_dataset_clauses_work_on_every_store(article_graph, oxigraph_store, rdflib_store):
    article = IKR + "graph/000_53c5d41e29162869"
    queries = {
        "from": f"SELECT (COUNT(*) AS ?n) FROM <{article}> WHERE {{ ?s ?p ?o }}",
        "graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        "from-named": f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
        "ontology-alone": f"ASK FROM <{IKR}graph/ontology> {{ <{IKR}org/lanzhou-university> ?p ?o }}",
    }
    for store in (article_graph, oxigraph_store, rdflib_store):
        assert int(run_query(store, queries["from"]).rows[0][0].value) == article_graph.graph_counts()[article]
        assert len(run_query(store, queries["graph"]).rows) == len(article_graph.graph_counts())
        assert run_query(store, queries["ontology-alone"]).boolean is False
        only = run_query(store, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", named_graphs=[article])
        assert [row[0].value for row in only.rows] == [article]
        default = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graphs=[article])
        assert int(default.rows[0][0].value) == article_graph.graph_counts()[article]


def test_a_second_open_does_not_load_again(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    load(spec, [ONTOLOGY, MINI]).close()
    # a fresh process, as a second `kg query` would be: any load would hit the booby-trapped loader
    script = (
        "import kg.stores.oxigraph as O\n"
        "def boom(*a, **k): raise SystemExit('loaded again')\n"
        "O.OxigraphStore.load_file = boom\n"
        "import kg.stores.load as L\n"
        f"s = L.load({spec!r})\n"
        "print(s.count() > 0, s.read_only)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "True True"


def test_loading_the_same_files_again_is_skipped(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    store = load(spec, [ONTOLOGY, MINI])
    first = read_stamp(tmp_path / "kg")
    count = store.count()
    store.close()
    store = load(spec, [ONTOLOGY, MINI])
    assert read_stamp(tmp_path / "kg")["token"] == first["token"]
    assert store.count() == count
    assert sorted(entry["path"] for entry in first["sources"]) == sorted(str(p.resolve()) for p in (ONTOLOGY, MINI))
    store.close()


def test_an_edited_input_replaces_its_graph_and_nothing_else(tmp_path):
    """edit a label, then query: the new label only (never both), the other graphs kept"""
    data = tmp_path / "mine.ttl"
    data.write_text('<urn:x:a> <http://www.w3.org/2004/02/skos/core#prefLabel> "old"@en .\n', encoding="utf-8")
    spec = f"oxigraph:{tmp_path / 'kg'}"
    load(spec, [ONTOLOGY, data]).close()
    data.write_text('<urn:x:a> <http://www.w3.org/2004/02/skos/core#prefLabel> "new"@en .\n', encoding="utf-8")
    store = load(spec)  # no --data: the stamp's own sources, re-read because one changed
    names = [row[0].value for row in run_query(store, "SELECT ?n WHERE { <urn:x:a> skos:prefLabel ?n }").rows]
    assert names == ["new"]
    assert store.graph_counts()[ONTOLOGY.resolve().as_uri()] > 100  # the other graph untouched
    store.close()
    data.write_text('<urn:x:a> <http://www.w3.org/2004/02/skos/core#prefLabel> "newer"@en .\n', encoding="utf-8")
    store = load(spec, [data])  # --data into an existing store replaces that file's graph
    names = [row[0].value for row in run_query(store, "SELECT ?n WHERE { <urn:x:a> skos:prefLabel ?n }").rows]
    assert names == ["newer"]
    store.close()


def test_a_large_file_goes_through_the_bulk_loader(tmp_path, monkeypatch):
    import kg.stores.oxigraph as oxigraph
    from kg.synth import generate

    data = generate(200, seed=1, out_dir=tmp_path / "synth").files[0]
    calls = []
    real = oxigraph.OxigraphStore.load_file
    monkeypatch.setattr(oxigraph, "BULK_LOAD_BYTES", 1024)  # everything counts as large

    def spy(self, *args, **kwargs):
        calls.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(oxigraph.OxigraphStore, "load_file", spy)
    store = load(f"oxigraph:{tmp_path / 'kg'}", [data])
    memory = load("memory", [data])
    assert store.count() == memory.count() > 1000 and calls
    store.close()


def _projected(monkeypatch):
    """Make projecting raise, so a test can tell a cache hit from a projection."""
    import kg.analysis.network

    def refuse(*args, **kwargs):
        raise AssertionError("projected again although the content did not change")

    monkeypatch.setattr(kg.analysis.network, "project", refuse)


def test_the_projection_is_cached_and_recomputed_when_the_store_changes(tmp_path, monkeypatch):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    with kg.open(spec, [ONTOLOGY, MINI]) as first:
        nodes = sorted(first.network.nodes)
    assert cache.store_cache_path(tmp_path / "kg").is_file()
    with monkeypatch.context() as patch:
        _projected(patch)
        with kg.open(spec) as again:
            assert sorted(again.network.nodes) == nodes
    extra = tmp_path / "extra.ttl"
    extra.write_text("@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .\n"
                     f"<{IKR}org/synth-extra> a ikg:Enterprise .\n", encoding="utf-8")
    with kg.open(spec, [extra]) as changed:
        assert IKR + "org/synth-extra" in changed.network and len(changed.network) == len(nodes) + 1


def test_a_change_made_outside_kg_is_queried_and_the_projection_follows_once_its_cache_is_removed(tmp_path):
    """DELETE+INSERT into kg's data folder with plain pyoxigraph: SPARQL sees it at once; the projection is
    keyed on kg's stamp (issue 24: a read-write open that writes nothing must not cost a projection), so
    it follows once DIR/.kg-projection.pickle is removed, as docs/data-model.md says"""
    import pyoxigraph

    spec = f"oxigraph:{tmp_path / 'kg'}"
    with kg.open(spec, [ONTOLOGY, MINI]) as graph:
        lzu = graph.actor("Alpha University")
        count = graph.triple_count()
    from kg.stores.persistent import data_folder

    outside = pyoxigraph.Store(str(data_folder(tmp_path / "kg")))  # the RocksDB files of the current load
    outside.update(f'DELETE {{ GRAPH ?g {{ <{lzu["iri"]}> <http://www.w3.org/2004/02/skos/core#prefLabel> "{lzu["label_en"]}"@en }} }} '
                   f'INSERT {{ GRAPH ?g {{ <{lzu["iri"]}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Renamed U"@en }} }} '
                   f'WHERE {{ GRAPH ?g {{ <{lzu["iri"]}> <http://www.w3.org/2004/02/skos/core#prefLabel> "{lzu["label_en"]}"@en }} }}')
    outside.flush()
    del outside
    with kg.open(spec) as graph:
        rows = graph.store.select(f'SELECT ?n WHERE {{ <{lzu["iri"]}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?n '
                           'FILTER(lang(?n) = "en") }')
        assert [row[0].value for row in rows] == ["Renamed U"]
    (tmp_path / "kg" / cache.CACHE_NAME).unlink()
    with kg.open(spec) as graph:
        assert graph.triple_count() == count
        assert graph.describe(lzu["iri"])["label_en"] == "Renamed U"


def test_the_memory_cache_follows_the_content_of_the_inputs(tmp_path, monkeypatch):
    data = tmp_path / "mine.ttl"
    data.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    with kg.open(data=[ONTOLOGY, data]) as graph:
        before = graph.network.number_of_nodes()
    with monkeypatch.context() as patch:
        _projected(patch)
        assert kg.open(data=[ONTOLOGY, data]).network.number_of_nodes() == before  # a cache hit
    data.write_text(data.read_text(encoding="utf-8") + "\n<urn:x:new> a <https://w3id.org/innovation-kg/ontology#Enterprise> .\n",
                    encoding="utf-8")
    assert kg.open(data=[ONTOLOGY, data]).network.number_of_nodes() == before + 1  # never stale


def test_a_corrupt_cache_is_recomputed(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    with kg.open(spec, [ONTOLOGY, MINI]) as graph:
        expected = sorted(graph.network.nodes)
    cache.store_cache_path(tmp_path / "kg").write_bytes(b"not a pickle")
    with kg.open(spec) as graph:
        assert sorted(graph.network.nodes) == expected


@pytest.mark.parametrize("suffix, body", [
    (".ttl", "@prefix a: <http://a/> .\na:b a:c a:d .\na:b a:c ;; ] .\n"),
    (".nt", '<http://a/b> <http://a/c> <http://a/d> .\n<http://a/b> <http://a/c> "x .\n'),
])
def test_a_bad_file_is_a_data_error_naming_file_and_line(tmp_path, suffix, body):
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(DataError, match=rf"^{tmp_path}/bad\{suffix}: .*(line [23]|2:)"):
        load(f"oxigraph:{tmp_path / 'kg'}", [bad])
    with pytest.raises(DataError, match=rf"^{tmp_path}/bad\{suffix}: "):
        load("memory", [bad])


def test_a_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load(f"oxigraph:{tmp_path / 'kg'}", [tmp_path / "nothing.ttl"])


def test_a_file_given_as_a_store_folder_is_a_data_error(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match="is a file, not a store folder"):
        load(f"oxigraph:{afile}")


def test_a_store_held_by_another_process_is_read(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    load(spec, [ONTOLOGY, MINI]).close()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, pyoxigraph\n"
                               f"s = pyoxigraph.Store({str(tmp_path / 'kg')!r}); print('held', flush=True)\n"
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        store = load(spec)
        assert store.count() == load("memory", [ONTOLOGY, MINI]).count()
    finally:
        holder.communicate("", timeout=60)


def test_trig_and_nquads_keep_their_graphs(tmp_path):
    trig = tmp_path / "many.trig"
    trig.write_text("<urn:g1> { <urn:a> <urn:p> 1 . } <urn:g2> { <urn:a> <urn:p> 2 . }\n", encoding="utf-8")
    nquads = tmp_path / "many.nq"
    nquads.write_text("<urn:b> <urn:p> \"3\" <urn:g3> .\n", encoding="utf-8")
    for spec in ("memory", "rdflib", f"oxigraph:{tmp_path / 'kg'}"):
        store = load(spec, [trig, nquads])
        assert store.graph_counts() == {"urn:g1": 1, "urn:g2": 1, "urn:g3": 1}, spec
        assert store.count() == 3
        store.close()


def test_default_sources_put_each_source_in_its_own_graph(root):
    graphs = {source.graph for source in default_sources(root)}
    assert IKR + "graph/ontology" in graphs
    folders = {p.name for p in (root / "graph_data").iterdir() if p.is_dir()}
    assert {IKR + "graph/" + name for name in folders} <= graphs


def test_the_kg_command_freezes_what_it_reads_and_a_library_caller_does_not(tmp_path, monkeypatch):
    """kg.stores.cache.FREEZE: the kg process keeps its projection out of the cyclic collector's walks
    (gc.freeze); a library caller's graphs stay collectable. gc.freeze is watched, not run, so the test
    session's own objects stay as they are."""
    import gc
    import subprocess
    import sys

    import networkx as nx

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    G = nx.MultiDiGraph()
    G.add_node("urn:a")
    cache.write(tmp_path / "p.pickle", "sig", G, {})
    assert cache.FREEZE is False
    assert cache.read(tmp_path / "p.pickle", "sig") is not None and frozen == []
    monkeypatch.setattr(cache, "FREEZE", True)
    assert cache.read(tmp_path / "p.pickle", "sig") is not None and frozen == [1]
    probe = ("import sys, kg.cli as c, kg.stores.cache as k\n"
             "try:\n    c.main(['--version'])\nexcept SystemExit:\n    pass\nprint(k.FREEZE)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "True", done.stderr


def test_opening_the_store_read_write_with_plain_pyoxigraph_costs_no_projection(tmp_path, monkeypatch):
    """Issue 24: a query run through pyoxigraph.Store(DIR) (read-write, writing nothing) left RocksDB's
    CURRENT/MANIFEST/OPTIONS files renewed, and kg projected the whole store again."""
    import pyoxigraph

    from kg.stores.persistent import data_folder

    spec = f"oxigraph:{tmp_path / 'kg'}"
    with kg.open(spec, [ONTOLOGY, MINI]) as graph:
        nodes = graph.network.number_of_nodes()
    for _ in range(2):
        outside = pyoxigraph.Store(str(data_folder(tmp_path / "kg")))
        assert len(list(outside.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2"))) == 2
        del outside
    with monkeypatch.context() as patch:
        _projected(patch)
        with kg.open(spec) as graph:
            assert graph.network.number_of_nodes() == nodes  # a cache hit


def test_graph_counts_of_an_unchanged_store_come_from_its_stamp(tmp_path):
    """kg load of unchanged files prints the counts the load recorded in its stamp (no count over the
    store); they are what Oxigraph counts, and a reload of one file recounts only its graph."""
    spec = f"oxigraph:{tmp_path / 'kg'}"
    mine = tmp_path / "mine.ttl"
    mine.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    with kg.open(spec, [ONTOLOGY, mine]) as graph:
        counted = graph.graphs()
    assert counted[mine.resolve().as_uri()] > 0 and len(counted) == 2
    with kg.open(spec, [ONTOLOGY, mine]) as graph:
        assert graph.store.known_counts is not None
        assert graph.graphs() == counted
        graph.store.known_counts = None  # Oxigraph's own count agrees
        assert graph.graphs() == counted
    mine.write_text(mine.read_text(encoding="utf-8") + "\n<urn:x> <urn:p> <urn:y> .\n", encoding="utf-8")
    with kg.open(spec, [mine]) as graph:
        assert graph.store.known_counts is not None
        assert graph.graphs() == dict(counted, **{mine.resolve().as_uri(): counted[mine.resolve().as_uri()] + 1})
