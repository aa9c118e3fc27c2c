"""kg.build: load, validate, write graph.ttl, graph.nt, graph.trig and index.html atomically; nothing on
violations."""

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build import BuildResult, build
from kg.errors import ValidationFailed
from kg.analysis.network import project
from kg.analysis.stats import stats

NOT_CONFORMING = """
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/innovation-kg/id/org/x> a ikg:Actor ; skos:prefLabel "X"@en .
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "out"
    return build(out)


def test_summary_matches_the_loaded_graph(built, article_graph):
    summary = stats(article_graph, project(article_graph))
    assert isinstance(built, BuildResult)
    assert built.triples == len(article_graph) > 0
    assert (built.actors, built.relations) == (summary["actors"], summary["relations"])
    assert built.actors_by_class == summary["actors_by_class"]
    assert built.relations_by_kind == summary["relations_by_kind"]
    assert built.violations == 0


def test_writes_turtle_ntriples_and_the_view(built):
    assert [path.name for path in built.files] == ["graph.ttl", "graph.nt", "graph.trig", "index.html"]
    turtle = Graph().parse(built.out_dir / "graph.ttl", format="turtle")
    ntriples = Graph().parse(built.out_dir / "graph.nt", format="nt")
    # a triple that two sources state sits in both named graphs: the store counts it per graph (built.triples,
    # as graph.trig holds it), the merged graph.ttl / graph.nt once
    quads = list(Dataset().parse(built.out_dir / "graph.trig", format="trig").quads((None, None, None, None)))
    assert len(quads) == built.triples
    assert len(turtle) == len(ntriples) == len({(s, p, o) for s, p, o, _ in quads}) < built.triples
    assert isomorphic(turtle, ntriples)
    assert "@prefix ikg: <https://w3id.org/innovation-kg/ontology#> ." in (built.out_dir / "graph.ttl").read_text("utf-8")
    html = (built.out_dir / "index.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "兰州大学" in html
    assert built.view.nodes_total == built.actors


def test_trig_keeps_each_source_in_its_named_graph(built):
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    dataset.parse(built.out_dir / "graph.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    base = "https://w3id.org/innovation-kg/id/graph/"
    assert {base + "ontology", base + "000_53c5d41e29162869"} <= names
    article = dataset.graph(URIRef(base + "000_53c5d41e29162869"))
    assert (URIRef("https://w3id.org/innovation-kg/id/org/lanzhou-university"), None, None) in article
    assert sum(len(dataset.graph(URIRef(name))) for name in names) == built.triples


def test_leaves_no_temporary_files(built):
    assert sorted(p.name for p in built.out_dir.iterdir()) == ["graph.nt", "graph.trig", "graph.ttl", "index.html"]


def test_summary_lines(built):
    lines = built.lines()
    assert lines[:3] == ["Validated: conforms to the shapes (0 violations)", f"Triples: {built.triples}",
                         f"Actors: {built.actors}"]
    assert f"Relations: {built.relations}" in lines
    assert lines[-5:] == ["Wrote:", f"  {built.out_dir / 'graph.ttl'}", f"  {built.out_dir / 'graph.nt'}",
                          f"  {built.out_dir / 'graph.trig'}", f"  {built.out_dir / 'index.html'}"]
    first_class, count = next(iter(built.actors_by_class.items()))
    assert lines[3].split() == [first_class, str(count)]


def test_violations_write_nothing_and_keep_old_files(tmp_path):
    data = tmp_path / "bad.ttl"
    data.write_text(NOT_CONFORMING, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("old", encoding="utf-8")
    with pytest.raises(ValidationFailed, match=r"shape violations?: .*; nothing written \(kg validate lists them all\)$"):
        build(out, paths=[data])
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "old"


def test_without_view_on_an_oxigraph_store(tmp_path, built):
    # regression: validation on Oxigraph used to report false violations (plain literals came back
    # typed xsd:string, which sh:in rejects) and took ~30 s
    result = build(tmp_path / "out", store=f"oxigraph:{tmp_path / 'store'}", view=False)
    assert [path.name for path in result.files] == ["graph.ttl", "graph.nt", "graph.trig"]
    assert not (tmp_path / "out" / "index.html").exists()
    assert (result.triples, result.actors, result.relations) == (built.triples, built.actors, built.relations)
    merged = len(Graph().parse(built.out_dir / "graph.nt", format="nt"))  # distinct triples (see above)
    assert len(Graph().parse(tmp_path / "out" / "graph.nt", format="nt")) == merged
    assert len(Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")) == merged
