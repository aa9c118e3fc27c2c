"""The default graph is the merge of the graphs, a set: a triple that several graphs hold is one triple there.

Oxigraph's own union default graph returns such a triple once per graph that holds it (pyoxigraph 0.5.13,
oxigraph issue 1919): with every source restating an actor's type and label, COUNT(*) and every named query
counted them again per source. kg keeps a merged copy (kg.stores.oxigraph); these tests hold every store to
set semantics, on a small dataset and on the project's, while ``GRAPH ?g``, the counts and the exports keep
each graph's own triples.
"""

import collections
import json
import shutil

import pytest

from kg.export import export
from kg.errors import DataError
from kg.query import named_queries, run_query
from kg.stores.load import STAMP_NAME, check_current, load, read_stamp
from kg.stores.oxigraph import HIDDEN_GRAPHS, OxigraphStore
from kg.stores.persistent import data_folder

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")

#: two named graphs that share one triple (a type statement, as two sources make it), and the default graph
#: sharing another with the first
DATASET = """
<urn:g1> { <urn:a> a <urn:Org> . <urn:a> <urn:q> <urn:b> . <urn:a> <urn:label> "A" . }
<urn:g2> { <urn:a> a <urn:Org> . <urn:b> <urn:q> <urn:c> . }
{ <urn:a> <urn:label> "A" . <urn:c> <urn:label> "C" . }
"""
#: the distinct triples of DATASET
MERGED = 5
SHARED = "<urn:a> a <urn:Org>"


@pytest.fixture(params=["memory", "oxigraph", "rdflib"])
def store(request, tmp_path):
    path = tmp_path / "data.trig"
    path.write_text(DATASET, encoding="utf-8")
    spec = f"oxigraph:{tmp_path / 'kg'}" if request.param == "oxigraph" else request.param
    opened = load(spec, [path])
    yield opened
    opened.close()


def value(store, text):
    rows = list(store.query(text))
    assert len(rows) == 1, rows
    return int(rows[0][0].value)


def test_count_and_select_see_a_shared_triple_once(store):
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == MERGED
    assert len(list(store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))) == MERGED
    assert value(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {SHARED} }}") == 1
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> <urn:label> ?l }") == 1  # default and g1
    assert store.ask(f"ASK {{ {SHARED} }}")


def test_property_paths_and_graph_forms_see_it_once(store):
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> (a|<urn:q>) ?o }") == 2
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> <urn:q>+ ?o }") == 2
    assert len(list(store.query("CONSTRUCT WHERE { ?s ?p ?o }"))) == MERGED
    assert len(list(store.query("DESCRIBE <urn:a>"))) == 3


def test_graph_sees_each_graph_and_none_of_kgs_own(store):
    holders = [row[0].value for row in store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {SHARED} }} }} ORDER BY ?g")]
    assert holders == ["urn:g1", "urn:g2"]
    graphs = sorted(row[0].value for row in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert graphs == ["urn:g1", "urn:g2"]
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == 5


def test_counts_and_quads_keep_each_graphs_own_triples(store):
    assert store.graph_counts(include_default=True) == {"urn:g1": 3, "urn:g2": 2, None: 2}
    assert store.count() == 7
    quads = list(store.quads())
    assert len(quads) == 7
    assert not {quad.graph_name.value for quad in quads if hasattr(quad.graph_name, "value")} & HIDDEN_GRAPHS


def test_a_dataset_of_the_callers_choice_is_as_asked(store):
    assert value(store, "SELECT (COUNT(*) AS ?n) FROM <urn:g2> WHERE { ?s ?p ?o }") == 2
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graphs=["urn:g1"])
    assert [int(row[0].value) for row in rows] == [3]
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", default_graphs=["urn:g1"])
    assert list(rows) == []  # the protocol's dataset: the named graphs it lists, none here
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=["urn:g2"])
    assert [row[0].value for row in rows] == ["urn:g2"]


def test_exports_are_byte_identical_from_every_store(tmp_path):
    path = tmp_path / "data.trig"
    path.write_text(DATASET, encoding="utf-8")
    outputs = {}
    for spec in ("memory", f"oxigraph:{tmp_path / 'kg'}", "rdflib"):
        with load(spec, [path]) as store:
            assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == MERGED  # the copy is made
            for fmt in ("trig", "nquads"):
                out = tmp_path / f"{spec.partition(':')[0]}.{fmt}"
                export(store, fmt, out)
                outputs.setdefault(fmt, set()).add(out.read_bytes())
    assert all(len(found) == 1 for found in outputs.values()), outputs
    assert b"x-kg" not in outputs["nquads"].pop()


def test_writes_after_a_query_are_taken_in():
    store = OxigraphStore()
    store.add_turtle("<urn:a> <urn:p> <urn:b> .", graph="urn:g1")
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 1 and not store.merged
    store.add_turtle("<urn:a> <urn:p> <urn:b> . <urn:a> <urn:p> <urn:c> .", graph="urn:g2")
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 2 and store.merged
    store.add_turtle("<urn:a> <urn:p> <urn:b> .", graph="urn:g3")
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 2
    store.load_quads([], replace_graphs=["urn:g1", "urn:g3"])  # what is left shares nothing: no copy
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 2 and not store.merged
    assert not {graph.value for graph in store.inner.named_graphs()} & HIDDEN_GRAPHS


def test_the_default_graph_may_be_the_largest():
    store = OxigraphStore()
    store.add_turtle("<urn:a> <urn:p> <urn:b> . <urn:a> <urn:p> <urn:c> . <urn:a> <urn:p> <urn:d> .")
    store.add_turtle("<urn:a> <urn:p> <urn:b> . <urn:a> <urn:p> <urn:e> .", graph="urn:g")
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 4 and store.merged
    assert store.graph_counts(include_default=True) == {"urn:g": 2, None: 3}


def test_graphs_that_share_nothing_get_no_copy(tmp_path):
    path = tmp_path / "data.trig"
    path.write_text("<urn:g1> { <urn:a> <urn:p> <urn:b> . } <urn:g2> { <urn:a> <urn:p> <urn:c> . }", encoding="utf-8")
    with load(f"oxigraph:{tmp_path / 'kg'}", [path]) as store:
        assert not store.merged
        assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 2
    assert read_stamp(tmp_path / "kg")["merged_default"] == 1


# -- the project's graph: sources restate actors --

def shared_triple(store):
    """A triple of the project that two graphs or more hold, and the graphs that hold it."""
    holders = collections.defaultdict(set)
    for quad in store.quads():
        holders[(quad.subject, quad.predicate, quad.object)].add(quad.graph_name.value)
    triple, graphs = max(holders.items(), key=lambda item: (len(item[1]), str(item[0])))
    assert len(graphs) >= 2, "no triple of the project is stated by two graphs"
    return triple, graphs, len(holders)


@pytest.fixture(scope="module")
def project_stores(tmp_path_factory):
    stores = {"memory": load("memory"), "oxigraph": load(f"oxigraph:{tmp_path_factory.mktemp('merged') / 'kg'}")}
    yield stores
    for store in stores.values():
        store.close()


@pytest.mark.parametrize("name", ["memory", "oxigraph"])
def test_the_projects_shared_triples_are_counted_once(project_stores, name):
    store = project_stores[name]
    (s, p, o), graphs, distinct = shared_triple(store)
    assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == distinct < store.count()
    pattern = f"{s} {p} {o}"
    assert value(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}") == 1
    assert {row[0].value for row in store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {pattern} }} }}")} == graphs


@pytest.mark.parametrize("name", ["memory", "oxigraph"])
def test_no_named_query_repeats_a_row(project_stores, name):
    """None of the named queries asks for DISTINCT over members or leaders: the merge gives each row once."""
    for query_name in ("consortium_members_by_role", "cluster_named_members", "people_and_organizations"):
        text = named_queries()[query_name].text
        assert "DISTINCT" not in text.split("WHERE")[0]
        _, rows = run_query(project_stores[name], text).table_view()
        assert rows, query_name
        counted = collections.Counter(tuple(map(str, row)) for row in rows)
        assert max(counted.values()) == 1, (query_name, counted.most_common(2))


def test_the_sparql_endpoint_counts_a_shared_triple_once(project_stores):
    from starlette.testclient import TestClient

    from kg.serve import create_app

    store = project_stores["oxigraph"]
    (s, p, o), graphs, distinct = shared_triple(store)
    app = create_app(store, workers=1, allowed_hosts=["testserver"], endpoint="http://testserver/sparql")
    with TestClient(app) as client:
        def count(text):
            response = client.get("/sparql", params={"query": text, "format": "json"})
            assert response.status_code == 200, response.text
            return int(json.loads(response.text)["results"]["bindings"][0]["n"]["value"])

        assert count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == distinct
        assert count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {s} {p} {o} }}") == 1
        assert count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {s} {p} {o} }} }}") == len(graphs)


def test_a_store_an_older_kg_loaded_is_made_again(tmp_path):
    """An older kg kept no merged copy (and no ``merged_default`` in its stamp): read as it was, it would
    count the shared triples again per graph, so it is loaded again (and ``--no-rebuild`` refuses it)."""
    import pyoxigraph

    directory = tmp_path / "kg"
    with load(f"oxigraph:{directory}") as store:
        assert store.merged
        (s, p, o), _, distinct = shared_triple(store)
    stamp = read_stamp(directory)
    folder = data_folder(directory, stamp)
    older = pyoxigraph.Store(str(folder))  # what an older kg left: no hidden graphs, no key in the stamp
    for name in HIDDEN_GRAPHS:
        older.remove_graph(pyoxigraph.NamedNode(name))
    older.flush()
    del older
    del stamp["merged_default"]
    (directory / STAMP_NAME).write_text(json.dumps(stamp), encoding="utf-8")
    with pytest.raises(DataError, match="loaded by an older kg"):
        check_current(f"oxigraph:{directory}")
    with load(f"oxigraph:{directory}") as store:
        assert value(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == distinct
        assert value(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {s} {p} {o} }}") == 1
    assert read_stamp(directory)["merged_default"] == 1
    shutil.rmtree(directory)
