"""kg.view.layout: positions per connected component, packed; the grid force layout for large components."""

import math

import networkx as nx
import pytest

import kg.view.layout
from kg.view.layout import EDGE_LENGTH, SPRING_LIMIT, layout
from kg.view import view_data


def test_large_component_gets_the_grid_layout_and_spreads_nodes(monkeypatch):
    G = nx.MultiDiGraph(nx.gnm_random_graph(1200, 1800, seed=3, directed=True))
    G = nx.relabel_nodes(G, lambda n: f"urn:n{n}")
    calls = []
    real = kg.view.layout._grid_force_layout
    monkeypatch.setattr(kg.view.layout, "_grid_force_layout",
                        lambda nodes, edges: calls.append(len(nodes)) or real(nodes, edges))
    data = view_data(G, node_budget=5000)
    giant = max(len(c) for c in nx.connected_components(G.to_undirected()))
    assert calls == [giant] and giant > SPRING_LIMIT
    points = {(round(node["x"]), round(node["y"])) for node in data["nodes"]}
    assert len(points) > 1100  # nodes do not pile up on each other
    xs = [node["x"] for node in data["nodes"]]
    assert max(xs) - min(xs) > 1000


@pytest.mark.parametrize("size", [8, 200])  # Kamada-Kawai, spring
def test_median_edge_is_about_the_edge_length(size):
    G = nx.connected_watts_strogatz_graph(size, 4, 0.2, seed=1)
    pos = layout(list(G), list(G.edges()))
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in G.edges())
    median = lengths[len(lengths) // 2]
    assert EDGE_LENGTH <= median <= EDGE_LENGTH * (1 + 1.5 / math.sqrt(size)) * 1.01


def test_components_are_packed_apart_biggest_first():
    edges = [(f"a{i}", f"a{i + 1}") for i in range(5)] + [("b0", "b1")]
    nodes = ["b0", "b1", "lone"] + [f"a{i}" for i in range(6)]
    pos = layout(nodes, edges)
    boxes = {}
    for prefix in ("a", "b", "lone"):
        xs = [pos[n][0] for n in nodes if n.startswith(prefix)]
        ys = [pos[n][1] for n in nodes if n.startswith(prefix)]
        boxes[prefix] = (min(xs), min(ys), max(xs), max(ys))
    assert boxes["a"][:2] == (0.0, 0.0)  # the biggest component starts the first row
    for one, other in (("a", "b"), ("a", "lone"), ("b", "lone")):
        p, q = boxes[one], boxes[other]
        assert p[2] < q[0] or q[2] < p[0] or p[3] < q[1] or q[3] < p[1]  # boxes do not overlap


def test_path_reads_left_to_right_on_one_line():
    G = nx.barabasi_albert_graph(30, 2, seed=4)
    path = nx.shortest_path(G, 0, 29)
    pos = layout(list(G), list(G.edges()), path=path)
    xs = [pos[node][0] for node in path]
    assert xs == sorted(xs) and len({pos[node][1] for node in path}) == 1


def test_same_input_same_picture():
    G = nx.gnm_random_graph(500, 700, seed=2)
    assert layout(list(G), list(G.edges())) == layout(list(G), list(G.edges()))
