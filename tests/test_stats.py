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


def test_source_summary_counts_actors_and_relations_per_source_and_those_two_sources_state():
    import networkx as nx

    from kg.analysis.stats import source_summary

    G = nx.MultiDiGraph()
    G.add_nodes_from(["a", "b", "c"])
    G.add_edge("a", "b", relation="r", evidence=[{"source": "urn:s1"}, {"source": "urn:s2"}, {"source": "urn:s1"}])
    G.add_edge("b", "c", relation="r", evidence=[{"source": "urn:s2"}])
    documents = {"urn:s1": {"title": "一", "date": "2025-01-02", "publisher": "甲报"},
                 "urn:s2": {"title": "二", "date": "2019", "publisher": None},
                 "urn:s3": {"title": "三", "date": "2020", "publisher": "乙网"}}
    derived = {"a": {"urn:s1", "urn:s2"}, "b": {"urn:s2"}, "c": {"urn:s1", "urn:other"}, "not-an-actor": {"urn:s1", "urn:s2"}}
    summary = source_summary(documents, derived, G)
    assert [(d["source"], d["date"], d["publisher"], d["actors"], d["relations"]) for d in summary["source_documents"]] == [
        ("urn:s2", "2019", None, 2, 2), ("urn:s3", "2020", "乙网", 0, 0), ("urn:s1", "2025-01-02", "甲报", 2, 1)]
    # "c" has one source document and one unknown source; the node outside the projection is no actor
    assert summary["actors_in_two_or_more_sources"] == 1
    rows = stats_rows({"source_documents": summary["source_documents"], "actors_in_two_or_more_sources": 1})[1]
    assert ["sources", "urn:s2 · 2019", "2 actors, 2 relations"] in rows
    assert ["sources", "actors stated by 2+ sources", 1] in rows


def test_project_sources_agree_with_the_claims_files(root, article_kg):
    """Every graph_data/<id>/ with a claims file is one source row, with the date and publisher its source line
    gives; an actor counts as stated by two sources exactly when two claims files name its key."""
    from kg.claims.format import Actor, Alias, Source, read_claims

    summary = article_kg.stats()
    rows = {row["source"]: row for row in summary["source_documents"]}
    keys_by_source = {}
    for path in sorted((root / "graph_data").glob("*/claims.tsv")):
        claims = read_claims(path)
        source = next(c for c in claims if isinstance(c, Source))
        row = rows[f"ikr:source/{source.id}"]
        assert row["date"] == str(source.date)
        assert row["publisher"] and row["title"] == source.title
        keys_by_source[source.id] = {c.key for c in claims if isinstance(c, (Actor, Alias))}
    assert len(keys_by_source) == len(rows) >= 16
    actors = set(article_kg.network)
    named = {}
    for keys in keys_by_source.values():
        for key in keys:
            iri = f"https://w3id.org/innovation-kg/id/{key}"
            if iri in actors:
                named[iri] = named.get(iri, 0) + 1
    assert summary["actors_in_two_or_more_sources"] == sum(1 for n in named.values() if n >= 2) > 0
    for source_id, keys in keys_by_source.items():
        expected = sum(1 for key in keys if f"https://w3id.org/innovation-kg/id/{key}" in actors)
        assert rows[f"ikr:source/{source_id}"]["actors"] == expected, source_id
