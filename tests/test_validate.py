"""Validation: the shipped graph conforms; bad data gets a plain-words error naming node, property and rule."""

import pytest
from rdflib import Graph, Literal

from kg.errors import DataError, ValidationFailed
from kg.stores.load import parse_into
from kg.namespaces import IKG, IKR, ORG, RDF, SKOS
from kg.validate import Violation, check, undeclared_terms, validate


def test_shipped_graph_conforms(validation_report):
    assert validation_report.lines() == []
    assert validation_report.conforms


@pytest.fixture(scope="module")
def broken_report(article_rdflib):
    """One validation run over a copy of the graph with several kinds of damage."""
    g = Graph()
    for triple in article_rdflib:
        g.add(triple)
    lzu = IKR["org/lanzhou-university"]
    g.remove((lzu, SKOS.prefLabel, Literal("兰州大学", lang="zh")))
    g.add((IKR["org/lanshi-group"], SKOS.prefLabel, Literal("Lanshi", lang="en")))
    g.remove((IKR["figure/gansu-high-tech-enterprise-count-2024"], IKG.time, None))
    g.remove((IKR["membership/gansu-daily--tian-xi--reporter"], ORG.role, None))
    evidence = IKR["evidence/000-0001"]
    g.set((evidence, IKG.start, Literal(500)))
    g.set((evidence, IKG.end, Literal(400)))
    g.add((IKR["org/ghost"], RDF.type, IKG.Enterprise))
    return validate(g)


@pytest.mark.parametrize("expected", [
    "ikr:org/lanzhou-university — skos:prefLabel: needs exactly one Chinese (@zh) name, found 0",
    "ikr:org/lanshi-group — skos:prefLabel: may have at most one English (@en) name, found 2",
    "ikr:figure/gansu-high-tech-enterprise-count-2024 — ikg:time: needs exactly one time "
    "(ikg:time, an xsd:gYear, xsd:gYearMonth or xsd:date), found 0",
    "ikr:membership/gansu-daily--tian-xi--reporter — org:role: needs exactly one role (org:role, an org:Role), found 0",
    "ikr:evidence/000-0001 — ikg:start: start offset must be smaller than end offset",
    "ikr:org/ghost — prov:wasDerivedFrom: needs a source document (prov:wasDerivedFrom an ikg:SourceDocument), found 0",
])
def test_a_violation_names_node_property_and_rule(broken_report, expected):
    assert not broken_report.conforms
    assert expected in broken_report.lines()


def test_violations_are_sorted_and_deduplicated(broken_report):
    assert broken_report.violations == sorted(set(broken_report.violations))


def test_check_raises_one_line_summary():
    from kg.namespaces import OWL

    g = Graph()
    g.add((IKG.Actor, RDF.type, OWL.Class))
    g.add((IKR["org/x"], RDF.type, IKG.Actor))
    with pytest.raises(ValidationFailed) as caught:
        check(g)
    message = str(caught.value)
    assert "\n" not in message
    # no Chinese name and no source; a missing English name is allowed (ingested actors have none yet)
    assert message.startswith("2 shape violations: ikr:org/x — ")
    assert message.endswith("(and 1 more)")
    assert len(caught.value.report.violations) == 2


def test_check_returns_the_report_when_the_graph_conforms():
    assert check(Graph()).conforms


def test_custom_shapes_file(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:s> a sh:NodeShape ; sh:targetNode <urn:n> ;
    sh:property [ sh:path skos:note ; sh:minCount 1 ; sh:message "needs a note" ] .
""", encoding="utf-8")
    report = validate(Graph(), shapes_path=shapes)
    assert report.lines() == ["urn:n — skos:note: needs a note, found 0"]


def test_undeclared_terms_lists_unknown_classes_and_properties(ontology_graph):
    data = Graph()
    data.add((IKR["org/x"], RDF.type, IKG.Enterprise))
    data.add((IKR["org/x"], RDF.type, IKG.Spaceship))
    data.add((IKR["org/x"], IKG.flies, IKR["place/gansu"]))
    data.add((IKR["org/x"], IKG.locatedIn, IKR["place/gansu"]))
    assert undeclared_terms(data, ontology_graph) == ["ikg:Spaceship", "ikg:flies"]


def test_broken_turtle_at_the_end_of_a_file_names_the_right_line(tmp_path):
    """Regression: rdflib counted 6 lines in a 3-line file whose last statement is cut short."""
    bad = tmp_path / "cut.ttl"
    bad.write_text("@prefix x: <http://e/#> .\nx:a x:b x:c .\nx:d x:e\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        parse_into(Graph(), bad)
    assert str(caught.value) == f"{bad}: line 3: bad syntax (objectList expected) after 'x:d x:e'"


def test_broken_turtle_names_file_and_line(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .\n\n'
                   '<urn:a> ikg:locatedIn <urn:b> ;\n    ikg:span "unterminated .\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        parse_into(Graph(), bad)
    message = str(caught.value)
    assert str(bad) in message and "line 4" in message
    assert "\n" not in message


def test_violation_line_marks_non_violation_severity():
    assert Violation("ikr:x", "skos:note", "could be better", "Warning").line() == \
        "[Warning] ikr:x — skos:note: could be better"


def test_data_without_the_ontology_is_validated_with_it(root):
    from kg.stores.load import load_graph

    graph = load_graph(sorted((root / "graph_data").glob("*/*.ttl")))
    size = graph.count()
    report = validate(graph)
    assert report.conforms, report.lines()
    assert graph.count() == size
