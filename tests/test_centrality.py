"""kg.analysis.centrality: known values on tiny graphs, collective weighting, class filter, top, sampling."""

import math

import networkx as nx
import pytest

from kg.analysis.centrality import MEASURES, compute
from kg.errors import KGError
from kg.analysis.network import undirected

ID = "https://w3id.org/innovation-kg/id/"
CLUSTER, CONSORTIUM = ID + "org/nickel-cluster", ID + "org/ion-consortium"


@pytest.fixture(scope="module")
def G(mini_network):
    return mini_network


@pytest.fixture
def chain():
    """a -> b <- c, plus a second relation b -> a: a path of three actors once parallel edges merge."""
    H = nx.MultiDiGraph()
    H.add_edge("a", "b", key="r")
    H.add_edge("c", "b", key="r")
    H.add_edge("b", "a", key="s")
    return H


def by_iri(rows, measure):
    return {row["iri"]: row[measure] for row in rows}


def test_path_of_three_by_hand(chain):
    rows = compute(chain)
    assert by_iri(rows, "degree") == {"a": 0.5, "b": 1.0, "c": 0.5}  # parallel relations count once
    assert by_iri(rows, "betweenness") == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert by_iri(rows, "closeness") == pytest.approx({"a": 2 / 3, "b": 1.0, "c": 2 / 3})
    # leading eigenvector of the path's adjacency matrix: (1, sqrt 2, 1) / 2
    assert by_iri(rows, "eigenvector") == pytest.approx({"a": 0.5, "b": math.sqrt(0.5), "c": 0.5}, abs=1e-6)
    pagerank = by_iri(rows, "pagerank")
    assert sum(pagerank.values()) == pytest.approx(1.0)
    assert pagerank["a"] == pytest.approx(pagerank["c"]) and pagerank["b"] > pagerank["a"]
    assert [row["iri"] for row in rows] == ["b", "a", "c"]  # first measure descending, ties by IRI


def test_mini_matches_networkx_on_the_undirected_view(G):
    U = nx.Graph(undirected(G).edges())
    U.add_nodes_from(G)
    rows = compute(G)
    for measure, expected in [("degree", nx.degree_centrality(U)), ("betweenness", nx.betweenness_centrality(U)),
                              ("closeness", nx.closeness_centrality(U)), ("pagerank", nx.pagerank(U))]:
        assert by_iri(rows, measure) == pytest.approx(expected, rel=1e-4), measure  # we iterate to 1e-8
    assert rows[0]["iri"] == CONSORTIUM
    assert set(rows[0]) == {"iri", "label_zh", "label_en", "cls", *MEASURES}
    assert (rows[0]["label_zh"], rows[0]["cls"]) == ("离子创新联合体", "InnovationConsortium")


def test_rows_are_sorted_by_the_first_measure_then_iri(G):
    rows = compute(G, ["closeness", "degree"])
    keys = [(-row["closeness"], row["iri"]) for row in rows]
    assert keys == sorted(keys)
    assert list(rows[0])[-2:] == ["closeness", "degree"]


def test_collectives_add_labelled_columns_and_leave_degree_normalised(G):
    plain = compute(G, ["degree"])
    counted = compute(G, ["degree"], collectives=True)
    assert by_iri(counted, "degree") == by_iri(plain, "degree")  # degree keeps its networkx meaning
    assert all(0 <= row["degree"] <= 1 for row in counted)
    cluster = next(row for row in counted if row["iri"] == CLUSTER)
    # two named ties; 64 chain enterprises stated for 2024 (and 50 for 2023: another time, never added)
    assert cluster["named_degree"] == 2
    assert cluster["largest_counted_group"] == 64 and cluster["counted_as"]["unit"] == "家"
    assert [(g["count"], g["time"]) for g in cluster["other_counted_groups"]] == [(50, "2023")]
    consortium = next(row for row in counted if row["iri"] == CONSORTIUM)
    assert consortium["largest_counted_group"] is None and consortium["other_counted_groups"] == []


def test_collectives_personalize_pagerank_with_the_largest_single_count(G):
    plain = compute(G, ["pagerank", "betweenness", "closeness", "eigenvector"])
    weighted = compute(G, ["pagerank", "betweenness", "closeness", "eigenvector"], collectives=True)
    U = nx.Graph(undirected(G).edges())
    U.add_nodes_from(G)
    teleport = {n: 1 + (64 if n == CLUSTER else 0) for n in U}
    assert by_iri(weighted, "pagerank") == pytest.approx(nx.pagerank(U, personalization=teleport), rel=1e-4)
    assert weighted[0]["iri"] == CLUSTER and plain[0]["iri"] != CLUSTER
    for measure in ("betweenness", "closeness", "eigenvector"):
        assert by_iri(weighted, measure) == by_iri(plain, measure)


def test_class_filter_and_top(G):
    everyone = by_iri(compute(G, ["degree"]), "degree")
    places = compute(G, ["degree"], classes=["Place"])
    assert {row["iri"] for row in places} == {ID + "place/lanzhou", ID + "place/jinchang", ID + "place/gansu"}
    assert all(row["degree"] == everyone[row["iri"]] for row in places)  # scored on the whole graph
    organizations = compute(G, ["degree"], classes=["Organization"], top=2)
    assert [row["iri"] for row in organizations] == [CONSORTIUM, ID + "org/alpha-university"]


def test_sampled_betweenness_is_seeded(G):
    first = compute(G, ["betweenness"], betweenness_k=4, seed=7)
    assert first == compute(G, ["betweenness"], betweenness_k=4, seed=7)
    assert by_iri(compute(G, ["betweenness"], betweenness_k=100), "betweenness") == \
        by_iri(compute(G, ["betweenness"]), "betweenness")  # a sample as large as the graph is exact


@pytest.mark.parametrize("kwargs, message", [
    (dict(measures=["fame"]), "unknown centrality measure 'fame'; valid measures: degree, betweenness"),
    (dict(measures=[]), "no centrality measure given"),
    (dict(top=0), "top must be a positive whole number"),
    (dict(betweenness_k=-1), "betweenness_k must be a positive whole number"),
    (dict(classes=["Plaice"]), "unknown class 'Plaice'"),
])
def test_bad_arguments_raise_one_clear_error(G, kwargs, message):
    with pytest.raises(KGError, match=message):
        compute(G, **kwargs)


def test_empty_and_single_node_graphs():
    assert compute(nx.MultiDiGraph()) == []
    H = nx.MultiDiGraph()
    H.add_node("alone")
    [row] = compute(H)
    assert (row["degree"], row["betweenness"], row["closeness"], row["eigenvector"]) == (0.0, 0.0, 0.0, 0.0)
    assert row["pagerank"] == pytest.approx(1.0)


@pytest.mark.parametrize("k", [None, 10, 40])
def test_betweenness_by_igraph_equals_networkx_for_the_same_sources(k):
    """With igraph installed, betweenness is computed by it: the same sampled sources for a seed and the
    same scores (so the same ranks) as networkx's own call; without it, networkx answers."""
    pytest.importorskip("igraph", reason="igraph is in the [test] extra; without it only networkx runs")
    import networkx as nx

    import kg
    from kg.analysis import centrality

    U = kg.open().undirected
    fast = centrality._igraph_betweenness(U, k, 11)
    assert fast is not None
    plain = nx.betweenness_centrality(U, k=k, seed=11 if k else None, normalized=True)
    assert fast.keys() == plain.keys()
    assert max(abs(fast[v] - plain[v]) for v in U) < 1e-12
    assert sorted(U, key=lambda v: (-fast[v], v)) == sorted(U, key=lambda v: (-plain[v], v))


def test_betweenness_falls_back_to_networkx_without_igraph(monkeypatch):
    import sys

    import networkx as nx

    import kg
    from kg.analysis import centrality

    monkeypatch.setitem(sys.modules, "igraph", None)  # import igraph now raises ImportError
    U = kg.open().undirected
    assert centrality._igraph_betweenness(U, None, 0) is None
    assert centrality._betweenness(U, None, None, 0) == nx.betweenness_centrality(U, normalized=True)
