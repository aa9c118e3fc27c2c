"""kg.analysis.paths: shortest, all shortest and k shortest paths on the projection of tests/data/mini.ttl."""

import networkx as nx
import pytest

from kg.errors import KGError, NoPath, UnknownActor
from kg.analysis.paths import MODES, find_paths
from kg.render import format_path

ID = "https://w3id.org/innovation-kg/id/"
IKG = "https://w3id.org/innovation-kg/ontology#"
ALPHA, BETA = ID + "org/alpha-university", ID + "org/beta-enterprise"
DEPARTMENT, CONSORTIUM, PROJECT = ID + "org/science-department", ID + "org/ion-consortium", ID + "project/ion-project"


@pytest.fixture(scope="module")
def G(mini_network):
    return mini_network


def nodes_of(path):
    return [path[0]["source"]] + [hop["target"] for hop in path]


def test_shortest_path_reports_forward_hops_with_evidence(G):
    [path] = find_paths(G, ALPHA, DEPARTMENT)
    assert nodes_of(path) == [ALPHA, CONSORTIUM, DEPARTMENT]
    assert [(h["relation"], h["direction"]) for h in path] == [
        (ID + "role/lead-unit", "forward"), (IKG + "supportedBy", "forward")]
    assert [e["span"] for h in path for e in h["evidence"]] == ["甲大学牵头", "省科技厅支持"]
    assert path[0]["via"] == ID + "membership/ion-consortium--alpha-university--lead-unit"
    assert (path[0]["source_label_zh"], path[1]["target_label_en"]) == ("甲大学", "Provincial Science Department")


def test_reverse_path_reports_backward_hops(G):
    [path] = find_paths(G, DEPARTMENT, ALPHA)
    assert nodes_of(path) == [DEPARTMENT, CONSORTIUM, ALPHA]
    assert [h["direction"] for h in path] == ["backward", "backward"]


def test_all_shortest_returns_every_path_of_least_length(G):
    paths = find_paths(G, ALPHA, BETA, mode="all_shortest")
    assert sorted(nodes_of(p) for p in paths) == [[ALPHA, CONSORTIUM, BETA], [ALPHA, PROJECT, BETA]]
    via_project = next(p for p in paths if nodes_of(p)[1] == PROJECT)
    assert [(h["label_en"], h["direction"]) for h in via_project] == [("led by", "backward"),
                                                                      ("participant", "forward")]


def test_k_shortest_are_simple_paths_shortest_first(G):
    paths = find_paths(G, ALPHA, BETA, mode="k_shortest", k=3)
    assert [len(p) for p in paths] == [2, 2, 5]
    assert nodes_of(paths[2]) == [ALPHA, ID + "place/lanzhou", ID + "place/gansu", ID + "place/jinchang",
                                  ID + "org/nickel-cluster", BETA]
    assert all(len(set(nodes_of(p))) == len(nodes_of(p)) for p in paths)
    assert len(find_paths(G, ALPHA, BETA, mode="k_shortest", k=1)) == 1


def test_hop_limit_is_honoured(G):
    assert [len(p) for p in find_paths(G, ALPHA, BETA, mode="k_shortest", k=3, max_hops=2)] == [2, 2]
    assert len(find_paths(G, ALPHA, BETA, max_hops=2)[0]) == 2
    with pytest.raises(NoPath, match=r"within 1 hop \(the shortest has 2\)"):
        find_paths(G, ALPHA, BETA, max_hops=1)


def test_avoided_classes_are_never_intermediate_hops(G):
    [path] = find_paths(G, ALPHA, BETA, mode="all_shortest", avoid_classes=["Project"])
    assert nodes_of(path) == [ALPHA, CONSORTIUM, BETA]
    [long] = find_paths(G, ALPHA, BETA, avoid_classes=["Project", IKG + "InnovationConsortium"])
    assert len(long) == 5
    with pytest.raises(NoPath, match="avoiding Project, InnovationConsortium, Place"):
        find_paths(G, ALPHA, BETA, avoid_classes=["Project", "InnovationConsortium", "Place"])
    with pytest.raises(NoPath, match=r"within 4 hops \(the shortest has 5\)"):
        find_paths(G, ALPHA, BETA, avoid_classes=["Project", "InnovationConsortium"], max_hops=4)


def test_avoided_class_may_still_be_an_endpoint(G):
    [path] = find_paths(G, ID + "place/lanzhou", ID + "place/gansu", avoid_classes=["Place"])
    assert nodes_of(path) == [ID + "place/lanzhou", ID + "place/gansu"]


def test_no_path_to_an_isolated_actor(G):
    with pytest.raises(NoPath, match="^no path between Alpha University and Delta Bank$"):
        find_paths(G, ALPHA, ID + "org/delta-bank")


@pytest.mark.parametrize("kwargs, message", [
    (dict(mode="fastest"), "unknown path mode 'fastest'; valid modes: shortest, all_shortest, k_shortest"),
    (dict(mode="k_shortest", k=0), "k must be a positive whole number"),
    (dict(max_hops=0), "max_hops must be a positive whole number"),
    (dict(avoid_classes=["Plaice"]), "unknown class 'Plaice'; valid classes:"),
])
def test_bad_arguments_raise_one_clear_error(G, kwargs, message):
    with pytest.raises(KGError, match=message.replace("(", r"\(")):
        find_paths(G, ALPHA, BETA, **kwargs)
    assert MODES == ("shortest", "all_shortest", "k_shortest")


def test_unknown_or_identical_endpoints(G):
    with pytest.raises(UnknownActor, match="is not an actor"):
        find_paths(G, ALPHA, ID + "source/mini")
    with pytest.raises(KGError, match="same actor"):
        find_paths(G, ALPHA, ALPHA)


def test_hop_prefers_relation_with_evidence_and_lists_parallel_ones():
    H = nx.MultiDiGraph()
    H.add_node("a", label_en="A", label_zh="甲")
    H.add_node("b", label_en="B", label_zh="乙")
    H.add_edge("a", "b", key="p", relation="p", label_en="p", label_zh="p", evidence=[])
    H.add_edge("b", "a", key="q", relation="q", label_en="q", label_zh="q",
               evidence=[dict(span="乙甲", start=1, end=3)])
    [[hop]] = find_paths(H, "a", "b")
    assert (hop["relation"], hop["direction"]) == ("q", "backward")
    assert [(p["relation"], p["direction"]) for p in hop["parallel"]] == [("p", "forward")]
    assert format_path([hop], lang="zh") == '甲 ←q— 乙 [证据 "乙甲" @1-3] (另有: p)'


def test_format_path_one_line_per_hop(G):
    [path] = find_paths(G, ALPHA, DEPARTMENT)
    assert format_path(path) == (
        'Alpha University —lead unit→ Ion Consortium [evidence "甲大学牵头" @10-15]\n'
        'Ion Consortium —supported by→ Provincial Science Department [evidence "省科技厅支持" @20-26]')
    assert format_path(find_paths(G, DEPARTMENT, ALPHA)[0], lang="zh") == (
        '省科技厅 ←支持— 离子创新联合体 [证据 "省科技厅支持" @20-26]\n'
        '离子创新联合体 ←牵头单位— 甲大学 [证据 "甲大学牵头" @10-15]')
    with pytest.raises(KGError, match="valid languages: en, zh"):
        format_path(path, lang="fr")


def test_all_shortest_agrees_with_networkx_on_a_random_graph():
    random_graph = nx.gnm_random_graph(60, 90, seed=3)
    H = nx.MultiDiGraph()
    H.add_nodes_from(f"n{i:02d}" for i in random_graph)
    for u, v in random_graph.edges():
        H.add_edge(f"n{u:02d}", f"n{v:02d}", key="r", relation="r", evidence=[])
    U = nx.relabel_nodes(random_graph, {i: f"n{i:02d}" for i in random_graph})
    for source, target in [("n00", "n59"), ("n07", "n33"), ("n12", "n48"), ("n21", "n05")]:
        if not nx.has_path(U, source, target):
            continue
        found = [nodes_of(p) for p in find_paths(H, source, target, mode="all_shortest")]
        assert found == sorted(nx.all_shortest_paths(U, source, target))


def test_one_shortest_path_on_the_projection_is_the_one_networkx_finds_on_the_undirected_view():
    """Issue 24: the default search walks G's own adjacency (no view made or read); it must find the path
    networkx finds on undirected(G), ties included, with opposite, parallel and self edges present."""
    import random

    from kg.analysis.network import undirected

    rng = random.Random(7)
    H = nx.MultiDiGraph()
    names = [f"n{i:03d}" for i in range(120)]
    rng.shuffle(names)  # node order is not IRI order
    H.add_nodes_from(names)
    for i in range(260):
        u, v = rng.choice(names), rng.choice(names)
        H.add_edge(u, v, key=f"r{i % 3}", relation=f"r{i % 3}", evidence=[] if i % 2 else [{"span": str(i)}])
    U = undirected(H)
    checked = 0
    for _ in range(80):
        source, target = rng.sample(names, 2)
        if not nx.has_path(U, source, target):
            with pytest.raises(NoPath):
                find_paths(H, source, target)
            continue
        [path] = find_paths(H, source, target)
        assert nodes_of(path) == nx.bidirectional_shortest_path(U, source, target)
        assert path == find_paths(H, source, target, U=U)[0]  # each hop as the view reports it
        checked += 1
    assert checked > 20


def test_a_warm_path_does_not_read_the_cached_undirected_view(tmp_path, monkeypatch):
    """The view rides in the cache for centrality and communities; one shortest path never unpickles it,
    and the first command that needs it gets it from the cache, not by making it."""
    import kg
    import kg.analysis.network
    from pathlib import Path

    data = Path(__file__).parent / "data"
    spec = f"oxigraph:{tmp_path / 'store'}"
    with kg.open(spec, [data.parent.parent / "ontology" / "innovation.ttl", data / "mini.ttl"]) as graph:
        graph.network  # projected and cached, the view with it
        expected = graph.path(ALPHA, DEPARTMENT)
    with kg.open(spec) as graph:
        assert graph.path(ALPHA, DEPARTMENT) == expected
        assert graph._undirected is None and graph._read_view is not None  # not read
        monkeypatch.setattr(kg.analysis.network, "undirected", lambda G: pytest.fail("view made again"))
        U = graph.undirected
        assert U.number_of_nodes() == graph.network.number_of_nodes()
        assert U.nodes[ALPHA] is graph.network.nodes[ALPHA]  # node dicts shared with G, as made
