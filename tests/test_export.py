"""kg.export: RDF round trips, GraphML/GEXF that networkx reads back, CSV pairs, atomic failure."""

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

import kg.export
from kg.errors import KGError, UnknownFormat
from kg.export import EXPORT_FORMATS, export, guess_export_format, output_paths
from kg.analysis.network import project

MINI = Path(__file__).parent / "data" / "mini.ttl"
ID = "https://w3id.org/innovation-kg/id/"


@pytest.fixture(scope="module")
def G(mini_network):
    return mini_network


@pytest.mark.parametrize("fmt, name, parser", [("turtle", "g.ttl", "turtle"), ("nt", "g.nt", "nt"),
                                               ("json-ld", "g.jsonld", "json-ld")])
def test_rdf_round_trip(mini_graph, tmp_path, fmt, name, parser):
    written = export(mini_graph, fmt, tmp_path / name)
    assert written == tmp_path / name
    assert isomorphic(Graph().parse(written, format=parser), mini_graph)


def test_turtle_binds_the_project_prefixes(mini_graph, tmp_path):
    text = export(mini_graph, "turtle", tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert "@prefix ikg: <https://w3id.org/innovation-kg/ontology#> ." in text
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in text


@pytest.mark.parametrize("name", ["g.ttl", "g.nt"])
def test_oxigraph_graph_round_trip(mini_graph, tmp_path, name):
    store = Graph(store="Oxigraph", identifier=URIRef("urn:x:graph"))
    store.parse(MINI, format="ox-turtle")
    written = export(store, None, tmp_path / name)
    assert isomorphic(Graph().parse(written), mini_graph)
    if name.endswith(".ttl"):
        assert "@prefix ikg: <https://w3id.org/innovation-kg/ontology#> ." in written.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_read_back(mini_graph, G, tmp_path, fmt, reader):
    written = export(mini_graph, fmt, tmp_path / f"net.{fmt}", G=G)
    back = reader(written)
    assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert set(back) == set(G)
    alpha = back.nodes[ID + "org/alpha-university"]
    assert alpha["label_zh"] == "甲大学" and alpha["aliases"] == "甲大 | AU"
    cluster = back.nodes[ID + "org/nickel-cluster"]
    assert int(cluster["largest_counted_group"]) == 64 and cluster["counted_as"].startswith("64 家")
    assert json.loads(cluster["figures"]) == G.nodes[ID + "org/nickel-cluster"]["figures"]
    lead = [d for _, _, d in back.edges(data=True) if d["relation"] == ID + "role/lead-unit"]
    assert [json.loads(d["evidence"])[0]["span"] for d in lead] == ["甲大学牵头"]


def test_network_format_projects_when_no_network_is_given(mini_graph, tmp_path):
    back = nx.read_graphml(export(mini_graph, "graphml", tmp_path / "net.graphml"))
    assert back.number_of_nodes() == 12 and back.number_of_edges() == 12


def test_csv_writes_nodes_and_edges_beside_the_name(mini_graph, G, tmp_path):
    written = export(mini_graph, "csv", tmp_path / "net.csv", G=G)
    assert written == tmp_path / "net-nodes.csv"
    with open(tmp_path / "net-nodes.csv", encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with open(tmp_path / "net-edges.csv", encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert {row["iri"] for row in nodes} == set(G) and len(edges) == G.number_of_edges()
    lead = next(row for row in edges if row["relation"] == ID + "role/lead-unit")
    assert (lead["source"], lead["target"], lead["label_zh"], lead["evidence_spans"]) == (
        ID + "org/alpha-university", ID + "org/ion-consortium", "牵头单位", "甲大学牵头")


def test_csv_into_a_folder(mini_graph, G, tmp_path):
    written = export(mini_graph, None, tmp_path / "tables", G=G)
    assert written == tmp_path / "tables" / "nodes.csv"
    assert (tmp_path / "tables" / "edges.csv").read_text(encoding="utf-8").count("\n") == 13


def test_format_names_and_suffixes():
    assert list(EXPORT_FORMATS) == ["turtle", "nt", "nquads", "trig", "json-ld", "xml", "graphml", "gexf", "csv"]
    assert [guess_export_format(n) for n in ("a.ttl", "a.nt", "a.nq", "a.trig", "a.jsonld", "a.rdf", "a.GraphML",
                                             "a.gexf", "a.csv")] == list(EXPORT_FORMATS)
    assert [p.name for p in output_paths("ttl", "x/a.ttl")] == ["a.ttl"]
    with pytest.raises(UnknownFormat, match="unknown export format 'pdf'; valid formats: turtle, nt, nquads, trig, "
                                            "json-ld, xml, graphml, gexf, csv"):
        export(None, "pdf", "a.pdf")
    with pytest.raises(UnknownFormat, match="cannot tell the export format of 'a.pdf'.*valid formats: turtle"):
        export(None, None, "a.pdf")


def test_rdf_format_needs_the_graph(G, tmp_path):
    with pytest.raises(KGError, match="needs the RDF graph"):
        export(None, "turtle", tmp_path / "g.ttl", G=G)
    assert not (tmp_path / "g.ttl").exists()


def test_failed_export_leaves_no_partial_file(mini_graph, G, tmp_path, monkeypatch):
    target = tmp_path / "net.graphml"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(graph, handle, **options):
        handle.write(b"<?xml version='1.0'?><graphml>")
        raise OSError("disk full")

    monkeypatch.setattr(kg.export.nx, "write_graphml", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        export(mini_graph, "graphml", target, G=G)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.graphml"]


def test_failed_csv_export_writes_neither_file(mini_graph, G, tmp_path, monkeypatch):
    monkeypatch.setattr(kg.export, "_EDGE_COLUMNS", kg.export._EDGE_COLUMNS + ["no-such-column"])
    with pytest.raises(KeyError):
        export(mini_graph, "csv", tmp_path / "net.csv", G=G)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_article_network_reads_back(article_graph, tmp_path, fmt, reader):
    G = project(article_graph)
    if G.number_of_nodes() == 0:
        pytest.skip("graph_data/ holds no actors yet")
    back = reader(export(article_graph, fmt, tmp_path / f"actors.{fmt}", G=G))
    assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert {d["label_zh"] for _, d in back.nodes(data=True)} == {d["label_zh"] for _, d in G.nodes(data=True)}


def test_every_output_is_byte_identical_whatever_the_store(tmp_path):
    """Issue 21: graph.trig from an oxigraph:DIR store ordered its graph blocks as RocksDB keeps them, the
    memory store's as it was loaded; the rdflib store wrote typed literals in other forms (10000.0 for
    "10000"^^xsd:decimal). Every export format, from any store, must give the same bytes."""
    from click.testing import CliRunner

    from kg.cli import cli

    stores = ["memory", f"oxigraph:{tmp_path / 'kg'}", "rdflib"]
    for name in EXPORT_FORMATS:
        written = {}
        for store in stores:
            out = tmp_path / store.partition(":")[0] / ("out" if name == "csv" else f"out.{name}")
            result = CliRunner().invoke(cli, ["export", "--store", store, "-f", name, "-o", str(out)])
            assert result.exit_code == 0, result.output
            written[store] = [path.read_bytes() for path in output_paths(name, out)]
        assert written[stores[1]] == written[stores[0]], name
        assert written[stores[2]] == written[stores[0]], f"{name} from the rdflib store"
    trig = (tmp_path / "oxigraph" / "out.trig").read_text(encoding="utf-8")
    blocks = [line.split()[0] for line in trig.splitlines() if line.endswith("{")]
    from kg.stores.load import default_sources

    graphs = len({source.graph for source in default_sources()})  # a source a folder, and the ontology
    assert blocks == sorted(blocks) and len(blocks) == len(set(blocks)) == graphs  # one block a graph, by IRI
