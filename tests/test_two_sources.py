"""A fact two sources state is one relation with two pieces of evidence, and the counts say so."""

import pytest

from kg.stores.load import default_sources, graph_iri

SECOND = "test-second-source"


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory):
    """The project's data plus a second source (TriG, its own named graph) restating one article relation."""
    import kg

    article = kg.open()
    s, o, key, data = next((s, o, k, d) for s, o, k, d in article.network.edges(keys=True, data=True)
                           if d.get("kind") == "relation" and d.get("evidence"))
    folder = tmp_path_factory.mktemp("second")
    trig = folder / "second.trig"
    source = f"https://w3id.org/innovation-kg/id/source/{SECOND}"
    trig.write_text(f"""
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
<{graph_iri(SECOND)}> {{
  <{s}> <{key}> <{o}> .
  <urn:x:evidence-1> a ikg:Evidence ; rdf:subject <{s}> ; rdf:predicate <{key}> ; rdf:object <{o}> ;
      ikg:span "restated" ; ikg:start 0 ; ikg:end 8 ; prov:wasDerivedFrom <{source}> .
}}""", encoding="utf-8")
    files = [str(source_.path) for source_ in default_sources()] + [str(trig)]
    return kg.open(data=files), (s, o, key), source


def test_the_restated_relation_is_one_edge_with_evidence_from_both_sources(two_sources):
    graph, (s, o, key), source = two_sources
    assert graph.network.number_of_edges(s, o) == kg_edges(graph, s, o)
    data = graph.network.edges[s, o, key]
    sources = {item["source"] for item in data["evidence"]}
    assert source in sources and len(sources) == 2


def test_stats_count_it_under_each_source_and_as_corroborated(two_sources):
    import kg

    graph, _, source = two_sources
    summary = graph.stats()
    # the second source states one relation the project's sources already state
    before = kg.open().stats()["relations_in_two_or_more_sources"]
    assert summary["relations_in_two_or_more_sources"] == before + 1
    assert summary["sources"][f"ikr:source/{SECOND}"] == 1


def test_the_second_source_keeps_its_named_graph(two_sources):
    graph, _, _ = two_sources
    assert graph_iri(SECOND) in graph.graphs()


def kg_edges(graph, s, o):
    """Edges between s and o in the article graph alone (the second source adds none)."""
    import kg

    return kg.open().network.number_of_edges(s, o)
