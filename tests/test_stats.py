"""kg.stats: the graph in numbers."""

import pytest
from rdflib import Graph

from kg.network import project
from kg.stats import stats, stats_rows

SMALL_TTL = """
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix o: <https://w3id.org/innovation-kg/id/org/> .
@prefix place: <https://w3id.org/innovation-kg/id/place/> .
@prefix role: <https://w3id.org/innovation-kg/id/role/> .
@prefix ev: <https://w3id.org/innovation-kg/id/evidence/> .
@prefix m: <https://w3id.org/innovation-kg/id/membership/> .
@prefix fig: <https://w3id.org/innovation-kg/id/figure/> .
@prefix measure: <https://w3id.org/innovation-kg/id/measure/> .

ikg:Actor a owl:Class .
ikg:Organization rdfs:subClassOf ikg:Actor .
ikg:University rdfs:subClassOf ikg:Organization .
ikg:Enterprise rdfs:subClassOf ikg:Organization .
ikg:InnovationConsortium rdfs:subClassOf ikg:Organization .
ikg:Place rdfs:subClassOf ikg:Actor .
ikg:City rdfs:subClassOf ikg:Place .
ikg:CollectiveMeasure rdfs:subClassOf skos:Concept .
ikg:locatedIn rdfs:label "located in"@en, "位于"@zh .
role:member-unit skos:prefLabel "member unit"@en, "成员单位"@zh .

o:lanzhou-university a ikg:University ; skos:prefLabel "兰州大学"@zh, "Lanzhou University"@en ;
    skos:altLabel "兰大"@zh ; ikg:locatedIn place:lanzhou .
place:lanzhou a ikg:City ; skos:prefLabel "兰州市"@zh, "Lanzhou"@en .
o:ion-consortium a ikg:InnovationConsortium ; skos:prefLabel "离子治疗创新联合体"@zh, "Ion Therapy Consortium"@en .
o:jinchuan a ikg:Enterprise ; skos:prefLabel "金川集团"@zh, "Jinchuan Group"@en .
m:ion--lzu--member a org:Membership ; org:organization o:ion-consortium ; org:member o:lanzhou-university ;
    org:role role:member-unit .
ev:1 a ikg:Evidence ; rdf:subject o:lanzhou-university ; rdf:predicate ikg:locatedIn ; rdf:object place:lanzhou ;
    ikg:span "兰州大学" ; ikg:start 5 ; ikg:end 9 .
ev:2 a ikg:Evidence ; rdf:subject m:ion--lzu--member ; rdf:predicate org:member ; rdf:object o:lanzhou-university ;
    ikg:span "兰州大学等" ; ikg:start 20 ; ikg:end 25 .
fig:jinchuan-chain-2024 a ikg:Figure ; ikg:subject o:jinchuan ; ikg:measure measure:chain-enterprise-count ;
    schema:value 64 ; schema:unitText "家"@zh ; ikg:time "2024"^^xsd:gYear .
measure:chain-enterprise-count a ikg:CollectiveMeasure ;
    skos:prefLabel "chain enterprise count"@en, "链上企业数"@zh ; ikg:countsRole role:chain-enterprise .
"""


@pytest.fixture(scope="module")
def summary():
    graph = Graph().parse(data=SMALL_TTL, format="turtle")
    return stats(graph, project(graph))


def test_counts(summary):
    assert summary["triples"] == 54
    assert (summary["actors"], summary["relations"], summary["figures"]) == (4, 2, 1)
    assert summary["actors_by_class"] == {"City": 1, "Enterprise": 1, "InnovationConsortium": 1, "University": 1}
    assert summary["relations_by_kind"] == {"ikg:locatedIn": 1, "ikr:role/member-unit": 1}


def test_shape(summary):
    assert summary["components"] == {"count": 2, "largest": 3, "isolated": 1}
    assert summary["density"] == pytest.approx(2 / 6, abs=1e-6)  # 2 of 4*3/2 possible ties
    degree = summary["degree"]
    assert (degree["min"], degree["median"], degree["mean"], degree["max"]) == (0, 1.0, 1.0, 2)
    assert degree["histogram"] == {"0": 1, "1": 2, "2": 1, "3-4": 0, "5-9": 0, "10-19": 0, "20+": 0}
    assert [(t["label_en"], t["degree"]) for t in degree["top"]] == [
        ("Lanzhou University", 2), ("Ion Therapy Consortium", 1), ("Lanzhou", 1), ("Jinchuan Group", 0)]


def test_empty_graph():
    import networkx as nx

    empty = stats([], nx.MultiDiGraph())
    assert (empty["actors"], empty["density"], empty["degree"]["max"], empty["components"]["count"]) == (0, 0.0, 0, 0)


def test_rows_cover_every_number(summary):
    columns, rows = stats_rows(summary)
    assert columns == ["section", "name", "value"]
    assert rows[:4] == [["graph", "triples", 54], ["graph", "actors", 4], ["graph", "relations", 2],
                        ["graph", "figures", 1]]
    assert ["relations by kind", "ikr:role/member-unit", 1] in rows
    assert ["best connected", "Lanzhou University", 2] in rows
    assert ["best connected", "兰州大学", 2] in stats_rows(summary, lang="zh")[1]


def test_article_counts_agree_with_sparql(article_graph):
    from kg.query import run_query

    G = project(article_graph)
    if len(G) == 0:
        pytest.skip("graph_data/ holds no actors yet")
    summary = stats(article_graph, G)
    assert summary["triples"] == len(article_graph)
    assert sum(summary["actors_by_class"].values()) == summary["actors"] == len(G)
    assert sum(summary["relations_by_kind"].values()) == summary["relations"]
    actors = run_query(article_graph, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?c rdfs:subClassOf* ikg:Actor . "
                                      "?a a ?c FILTER(isIRI(?a)) }").rows[0][0]
    assert int(actors) == summary["actors"]
