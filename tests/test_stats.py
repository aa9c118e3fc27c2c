"""kg.analysis.stats: the graph in numbers."""

from pathlib import Path

import pytest
from rdflib import Graph

from kg.analysis.network import project
from kg.analysis.stats import stats
from kg.render import stats_rows

SMALL_TTL = (Path(__file__).parent / "data" / "small.ttl").read_text(encoding="utf-8")


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
    assert int(actors.value) == summary["actors"]
