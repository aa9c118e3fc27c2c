"""kg.analysis.diff, kg.diff and `kg diff OLD NEW`: two versions of the graph compared.

The changed version is a copy of graph_data/ whose claims.ttl has one actor renamed, one relation removed
and one figure's value changed (edited with rdflib, so nothing else in it moves); the identical pair is
two plain copies.
"""

import csv
import io
import json
import shutil

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef

import kg
from kg.analysis.diff import diff_actors, diff_figures, diff_networks, diff_rdf, diff_relations
from kg.cli import cli
from kg.errors import DataError, UnknownStore

ID = "https://w3id.org/innovation-kg/id/"
IKG = Namespace("https://w3id.org/innovation-kg/ontology#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("https://schema.org/")
ARTICLE_GRAPH = ID + "graph/000_53c5d41e29162869"

LZU = URIRef(ID + "org/lanzhou-university")
CONSORTIUM = URIRef(ID + "org/gansu-ion-radiotherapy-technology-innovation-consortium")
CLUSTER = ID + "org/jinchang-non-ferrous-metals-new-materials-industrial-cluster"
OUTPUT = URIRef(ID + "figure/jinchang-non-ferrous-metals-new-materials-industrial-cluster-cluster-output-value-2024")
RENAMED = "兰州大学（改名）"  # a test fixture's name, in a temporary copy only


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def copies(root, tmp_path_factory):
    """(old, same, changed): three copies of graph_data/; ``changed`` has the three edits."""
    base = tmp_path_factory.mktemp("diff")
    old, same, changed = base / "old" / "graph_data", base / "same" / "graph_data", base / "changed" / "graph_data"
    for target in (old, same, changed):  # the seed and its register: the edits below are to facts only it states
        shutil.copytree(root / "graph_data", target, ignore=shutil.ignore_patterns("src-*"))
    claims = changed / "000_53c5d41e29162869" / "claims.ttl"
    graph = Graph().parse(claims, format="turtle")
    assert (LZU, SKOS.prefLabel, Literal("兰州大学", lang="zh")) in graph
    graph.remove((LZU, SKOS.prefLabel, Literal("兰州大学", lang="zh")))
    graph.add((LZU, SKOS.prefLabel, Literal(RENAMED, lang="zh")))
    assert (LZU, IKG.providesTechnicalForceTo, CONSORTIUM) in graph
    graph.remove((LZU, IKG.providesTechnicalForceTo, CONSORTIUM))
    assert graph.value(OUTPUT, SCHEMA.value).toPython() == 800
    graph.set((OUTPUT, SCHEMA.value, Literal(900)))
    graph.serialize(claims, format="turtle")
    return old, same, changed


@pytest.fixture(scope="module")
def changed_diff(copies):
    old, _, changed = copies
    return kg.diff(old, changed)


# -- the library -------------------------------------------------------------------------------

def test_an_identical_pair_gives_an_empty_diff(copies):
    old, same, _ = copies
    found = kg.diff(old, same)
    assert found["actors"] == found["relations"] == found["figures"] == []
    assert found["counts"] == {"actors": {"removed": 0, "added": 0, "changed": 0},
                               "relations": {"removed": 0, "added": 0},
                               "figures": {"removed": 0, "added": 0, "changed": 0}}
    rdf = found["rdf"]
    assert rdf["by_graph"] and rdf["only_old"] == rdf["only_new"] == 0
    assert [g["graph"] for g in rdf["graphs"]] == [ARTICLE_GRAPH, ID + "graph/reference-admin"]
    assert all(g["old"] == g["new"] == g["both"] > 0 for g in rdf["graphs"])


def test_the_renamed_actor_is_changed_not_removed_and_added(changed_diff):
    assert changed_diff["actors"] == [{
        "change": "changed", "iri": str(LZU), "label_zh": RENAMED, "label_en": "Lanzhou University",
        "cls": "University", "fields": {"label_zh": {"old": "兰州大学", "new": RENAMED}}}]


def test_the_removed_relation_is_listed_with_its_old_evidence(changed_diff, article_text):
    [relation] = changed_diff["relations"]
    assert (relation["change"], relation["source"], relation["relation"], relation["target"]) == (
        "removed", str(LZU), str(IKG.providesTechnicalForceTo), str(CONSORTIUM))
    assert relation["source_label_zh"] == "兰州大学" and relation["kind"] == "relation"
    assert relation["evidence"], "the old side's evidence for the relation"
    for item in relation["evidence"]:
        assert article_text[item["start"]:item["end"]] == item["span"]


def test_the_changed_figure_keeps_subject_measure_and_time(changed_diff):
    [figure] = changed_diff["figures"]
    assert figure["change"] == "changed"
    assert (figure["subject"], figure["measure"], figure["time"]) == (CLUSTER, ID + "measure/cluster-output-value",
                                                                     "2024")
    assert figure["old"] == {"value": 800, "unit": "亿元", "qualifier": "more-than", "iri": str(OUTPUT)}
    assert figure["new"] == dict(figure["old"], value=900)


def test_the_rdf_summary_counts_exactly_the_edited_triples(changed_diff):
    rdf = changed_diff["rdf"]
    article = next(g for g in rdf["graphs"] if g["graph"] == ARTICLE_GRAPH)
    # old label, the relation, value 800 | new label, value 900; the other graph is untouched
    assert (article["only_old"], article["only_new"]) == (3, 2)
    assert (rdf["only_old"], rdf["only_new"]) == (3, 2)
    assert article["old"] - article["only_old"] == article["both"] == article["new"] - article["only_new"]
    assert any('"兰州大学"@zh' in line for line in article["only_old_sample"])
    assert any(f'"{RENAMED}"@zh' in line for line in article["only_new_sample"])
    assert article["method"] == "set"  # no blank nodes in the article's graph


def test_the_diff_is_symmetric(copies, changed_diff):
    old, _, changed = copies
    back = kg.diff(changed, old)
    assert back["counts"]["relations"] == {"removed": 0, "added": 1}
    assert back["figures"][0]["old"]["value"] == 900 and back["figures"][0]["new"]["value"] == 800
    assert (back["rdf"]["only_old"], back["rdf"]["only_new"]) == (changed_diff["rdf"]["only_new"],
                                                                  changed_diff["rdf"]["only_old"])


def test_dumps_with_and_without_named_graphs(copies, tmp_path):
    old, _, changed = copies
    store = pyoxigraph.Store()
    for folder in sorted(p for p in old.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.ttl")):
            store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE,
                       to_graph=pyoxigraph.NamedNode(ID + "graph/" + folder.name))
    nquads, ntriples = tmp_path / "dump.nq", tmp_path / "dump.nt"
    store.dump(output=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
    store.dump(output=str(ntriples), format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.NamedNode(ARTICLE_GRAPH))
    build = tmp_path / "out"
    build.mkdir()
    store.dump(output=str(build / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)  # as kg build writes it
    for side in (nquads, build / "graph.trig", build):  # a folder of loose files: each keeps its graphs
        same = kg.diff(side, old)
        assert same["rdf"]["by_graph"] and same["rdf"]["only_old"] == same["rdf"]["only_new"] == 0, side
        assert sum(n for counts in same["counts"].values() for n in counts.values()) == 0, side
    # an .nt dump has no named graphs: everything is compared as one graph (here it lacks reference-admin)
    plain = kg.diff(ntriples, changed)
    assert not plain["rdf"]["by_graph"] and [g["graph"] for g in plain["rdf"]["graphs"]] == [None]
    admin = len(Graph().parse(old / "reference-admin" / "admin.ttl", format="turtle"))
    assert (plain["rdf"]["only_old"], plain["rdf"]["only_new"]) == (3, 2 + admin)
    assert plain["figures"][0]["new"]["value"] == 900


def test_a_project_folder_and_a_persistent_store_are_sides(root, copies, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(root / "ontology", project / "ontology")
    shutil.copytree(root / "graph_data", project / "graph_data")  # every source, as "memory" reads them
    found = kg.diff("memory", project)  # the project's own data against a copy of it, ontology included
    assert found["rdf"]["only_old"] == found["rdf"]["only_new"] == 0
    assert ID + "graph/ontology" in [g["graph"] for g in found["rdf"]["graphs"]]
    directory = tmp_path / "store"
    store = pyoxigraph.Store(str(directory))
    for path in sorted((copies[2] / "000_53c5d41e29162869").glob("*.ttl")):
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode(ARTICLE_GRAPH))
    store.flush()
    del store
    from_store = kg.diff(copies[0], f"oxigraph:{directory}")
    assert from_store["counts"]["figures"]["changed"] == 1 and from_store["counts"]["actors"]["changed"] == 1
    assert not (directory / ".kg-stamp.json").exists(), "a store is read as it is, never loaded into"


def test_stores_of_two_engines_hold_the_same_graph():
    """The project's data in rdflib's store against Oxigraph's: the RDF part copies the rdflib side into
    Oxigraph to write it, and nothing may differ for it."""
    found = kg.diff("rdflib", "memory")
    assert sum(n for counts in found["counts"].values() for n in counts.values()) == 0
    assert found["rdf"]["by_graph"] and found["rdf"]["only_old"] == found["rdf"]["only_new"] == 0
    assert {g["graph"] for g in found["rdf"]["graphs"]} >= {ARTICLE_GRAPH, ID + "graph/ontology"}


def test_blank_nodes_are_matched_by_structure(tmp_path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_text("<urn:x> <urn:p> [ <urn:q> 1 ; <urn:r> [ <urn:q> 2 ] ] .", encoding="utf-8")
    second.write_text("<urn:x> <urn:p> _:z . _:z <urn:q> 1 ; <urn:r> _:y . _:y <urn:q> 2 .", encoding="utf-8")
    found = diff_rdf(Graph().parse(first), Graph().parse(second))
    assert (found["only_old"], found["only_new"], found["graphs"][0]["method"]) == (0, 0, "rdflib.compare")
    second.write_text("<urn:x> <urn:p> _:z . _:z <urn:q> 1 ; <urn:r> _:y . _:y <urn:q> 3 .", encoding="utf-8")
    found = diff_rdf(Graph().parse(first), Graph().parse(second))
    # the node that differs shows up on both sides; how far a change spreads to the blank nodes that point
    # at it is rdflib.compare's canonical labelling (its docs: only identical blank nodes are matched)
    assert found["only_old"] >= 1 and found["only_new"] >= 1
    XSD_INTEGER = "^^<http://www.w3.org/2001/XMLSchema#integer>"
    assert any(line.endswith(f'<urn:q> "2"{XSD_INTEGER} .') for line in found["graphs"][0]["only_old_sample"])
    assert any(line.endswith(f'<urn:q> "3"{XSD_INTEGER} .') for line in found["graphs"][0]["only_new_sample"])


def test_pure_functions_on_projections(article_kg):
    G = article_kg.network
    H = G.copy()
    H.nodes[str(LZU)]["classes"] = list(H.nodes[str(LZU)]["classes"])[1:]
    H.remove_node(CLUSTER)
    assert [(a["change"], list(a["fields"])) for a in diff_actors(G, H)] == [("removed", []), ("changed", ["classes"])]
    removed = diff_relations(G, H)
    assert removed and {r["change"] for r in removed} == {"removed"}
    assert all(CLUSTER in (r["source"], r["target"]) for r in removed)
    assert len(removed) == len(G.in_edges(CLUSTER)) + len(G.out_edges(CLUSTER))
    figures = diff_figures(G, H)
    assert [f["change"] for f in figures] == ["removed"] * len(G.nodes[CLUSTER]["figures"])
    assert diff_networks(G, G)["counts"]["actors"] == {"removed": 0, "added": 0, "changed": 0}


# -- the command -------------------------------------------------------------------------------

def test_kg_diff_csv_lists_the_three_changes(copies):
    old, _, changed = copies
    result = run("diff", old, changed, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [
        ["what", "change", "item", "field", "old", "new", "iri"],
        ["actor", "changed", "Lanzhou University", "label_zh", "兰州大学", RENAMED, str(LZU)],
        ["relation", "removed",
         "Lanzhou University —provides technical force to→ Gansu Ion Radiotherapy Technology Innovation Consortium",
         "", "", "", str(IKG.providesTechnicalForceTo)],
        ["figure", "changed", "Jinchang Non-ferrous Metals New Materials Industrial Cluster: output value of the cluster (2024)",
         "value", "more than 800 亿元", "more than 900 亿元", str(OUTPUT)],
    ]
    assert result.stderr.strip() == ("actors: 0 removed, 0 added, 1 changed; relations: 1 removed, 0 added; "
                                     "figures: 0 removed, 0 added, 1 changed; triples: 3 only in old, 2 only in new")


def test_kg_diff_table_and_json(copies):
    old, same, changed = copies
    table = run("diff", old, same)
    assert table.exit_code == 0
    assert table.stdout.splitlines()[:2] == ["Actors, relations and figures", "(no actor, relation or figure differs)"]
    assert "ikr:graph/000_53c5d41e29162869  4420  4420     4420            0            0" in table.stdout
    assert table.stdout.rstrip().endswith("triples: 0 only in old, 0 only in new")
    found = json.loads(run("diff", old, changed, "-f", "json", "--sample", "1").stdout)
    assert found["counts"]["figures"]["changed"] == 1 and found["rdf"]["only_old"] == 3
    assert all(len(g["only_old_sample"]) <= 1 for g in found["rdf"]["graphs"])
    rdf = list(csv.reader(io.StringIO(run("diff", old, changed, "-f", "tsv", "--part", "rdf").stdout), delimiter="\t"))
    assert rdf[0] == ["graph", "old", "new", "in both", "only in old", "only in new"]
    assert rdf[1][0] == ARTICLE_GRAPH and rdf[1][4:] == ["3", "2"]


@pytest.mark.parametrize("args, message", [
    (["no/such/file.ttl", "graph_data"], "Error: no/such/file.ttl: no such file or folder (nor a store spec:"),
    (["nosuch:x", "graph_data"], "Error: nosuch:x: no such file or folder (nor a store spec:"),
    (["oxigraph:/no/such/store", "graph_data"], "Error: no Oxigraph store in /no/such/store"),
    (["sparql:", "graph_data"], "Error: store 'sparql' needs an argument: sparql:URL"),
    (["graph_data", "graph_data", "-f", "csv", "--part", "all"], "Error: csv prints one table: give --part"),
])
def test_bad_input_gives_one_error_line(root, args, message):
    args = [str(root / a) if a == "graph_data" else a for a in args]
    result = run("diff", *args)
    assert result.exit_code != 0 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr


def test_a_broken_file_or_an_empty_folder_is_one_error_line(tmp_path, root):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    for side, expected in ((broken, f"Error: {broken}: "), (tmp_path / "empty", f"Error: {tmp_path / 'empty'}: holds no RDF")):
        result = run("diff", side, root / "graph_data")
        assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(expected), result.stderr
    with pytest.raises(DataError):
        kg.diff(broken, root / "graph_data")
    with pytest.raises(UnknownStore):
        kg.diff("sparql:", root / "graph_data")
