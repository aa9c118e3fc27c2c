"""kg.analysis.communities and `kg communities`: deterministic, named, with modularity; exports and view."""

import csv
import importlib.util
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analysis.communities import METHODS, community_name, find_communities
from kg.cli import cli
from kg.errors import BadArgument, KGError


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def two_cliques():
    """Two 4-cliques joined by one bridge, plus a lone actor."""
    U = nx.Graph()
    U.add_edges_from((f"a{i}", f"a{j}") for i in range(4) for j in range(i + 1, 4))
    U.add_edges_from((f"b{i}", f"b{j}") for i in range(4) for j in range(i + 1, 4))
    U.add_edge("a0", "b0")
    U.add_node("z")
    for node in U:
        U.nodes[node]["label_en"] = node.upper()
    return U


@pytest.mark.parametrize("method", ["louvain", "label-propagation"])
def test_two_cliques_are_found_and_named_by_their_bridge_ends(two_cliques, method):
    found = find_communities(two_cliques, method, seed=7)
    assert [sorted(c["members"]) for c in found["communities"]] == [
        ["a0", "a1", "a2", "a3"], ["b0", "b1", "b2", "b3"], ["z"]]
    first, second, lone = found["communities"]
    # the bridge ends have degree 4, the others 3: they are the most central and name their community
    assert first["members"][0] == "a0" and first["name"] == "A0 / A1 +2"
    assert second["central"] == ["b0", "b1"]
    assert (first["internal_ties"], first["external_ties"], lone["size"]) == (6, 1, 1)
    parts = [set(c["members"]) for c in found["communities"]]
    assert found["modularity"] == pytest.approx(nx.community.modularity(two_cliques, parts))


def test_same_seed_same_answer_on_the_article(article_kg):
    U = article_kg.undirected
    for method in ("louvain", "label-propagation"):
        once = find_communities(U, method, seed=11)
        again = find_communities(U, method, seed=11)
        assert once == again, method
        assert set(once["membership"]) == set(U)  # every actor in exactly one community
        sizes = [c["size"] for c in once["communities"]]
        assert sizes == sorted(sizes, reverse=True) and sum(sizes) == len(U)
        parts = [set(c["members"]) for c in once["communities"]]
        assert once["modularity"] == pytest.approx(nx.community.modularity(U, parts, resolution=1.0))
        for community in once["communities"]:
            degrees = [U.degree(n) for n in community["members"]]
            assert degrees == sorted(degrees, reverse=True)  # most central first: they name it


def test_higher_resolution_gives_more_communities(article_kg):
    coarse = find_communities(article_kg.undirected, seed=0, resolution=0.5)
    fine = find_communities(article_kg.undirected, seed=0, resolution=2.0)
    assert len(fine["communities"]) > len(coarse["communities"])
    assert (coarse["resolution"], fine["resolution"]) == (0.5, 2.0)


def test_bad_arguments_raise_one_error(two_cliques):
    with pytest.raises(BadArgument, match="valid methods: louvain, label-propagation, leiden"):
        find_communities(two_cliques, "girvan-newman")
    with pytest.raises(BadArgument, match="resolution must be a positive number"):
        find_communities(two_cliques, resolution=0)
    with pytest.raises(BadArgument, match="no resolution"):
        find_communities(two_cliques, "label-propagation", resolution=1.0)
    assert set(METHODS) == {"louvain", "label-propagation", "leiden"}


def test_leiden_runs_or_says_what_is_missing(two_cliques):
    if importlib.util.find_spec("leidenalg") and importlib.util.find_spec("igraph"):
        found = find_communities(two_cliques, "leiden", seed=1)
        assert [sorted(c["members"]) for c in found["communities"]][:2] == [["a0", "a1", "a2", "a3"],
                                                                            ["b0", "b1", "b2", "b3"]]
    else:
        with pytest.raises(KGError, match="pip install igraph leidenalg"):
            find_communities(two_cliques, "leiden")
        result = run("communities", "--method", "leiden")
        assert result.exit_code == 1 and result.stderr.startswith("Error: the leiden method needs")
        assert len(result.stderr.splitlines()) == 1


def test_empty_network_has_no_communities():
    found = find_communities(nx.Graph())
    assert found["communities"] == [] and found["modularity"] is None


def test_community_name_in_chinese():
    U = nx.Graph([("a", "b")])
    U.nodes["a"].update(label_zh="兰州大学", label_en="Lanzhou University")
    assert community_name(U, ["a", "b"], "zh") == "兰州大学 / b"


def test_cli_table_json_csv(article_kg):
    table = run("communities", "--seed", "3")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["community", "size", "name", "internal", "ties", "external", "ties"]
    assert lines[-1].startswith("modularity 0.") and "(louvain, seed 3, resolution 1)" in lines[-1]
    answer = json.loads(run("communities", "--seed", "3", "-f", "json").stdout)
    assert answer == json.loads(json.dumps(find_communities(article_kg.undirected, seed=3)))
    assert f"{answer['modularity']:.4f}" in lines[-1]
    result = run("communities", "--seed", "3", "--actors", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))  # the modularity goes to stderr, not into the CSV
    assert len(rows) == len(article_kg.network) and result.stderr.startswith("modularity ")
    assert {row["iri"]: int(row["community"]) for row in rows} == answer["membership"]
    bad = run("communities", "--method", "label-propagation", "--resolution", "2")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: label-propagation has no resolution")


def test_graphml_and_gexf_carry_the_community(article_kg, tmp_path):
    expected = article_kg.communities(seed=0)["membership"]
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        written = article_kg.export(fmt, tmp_path / f"net.{fmt}")[0]
        back = reader(written)
        assert {node: int(data["community"]) for node, data in back.nodes(data=True)} == expected, fmt
        assert all(data["community_name"] for _, data in back.nodes(data=True))


def test_view_colours_by_community(article_kg, tmp_path):
    from kg.view import view_data

    found = article_kg.communities(seed=0)
    data = view_data(article_kg.network, communities=found)
    assert data["colorBy"] == "community" and len(data["classes"]) == len(found["communities"])
    for node in data["nodes"]:
        assert data["classes"][node["c"]]["name"] == f"community-{found['membership'][node['iri']]}"
    assert view_data(article_kg.network)["colorBy"] == "class"
    out = tmp_path / "view.html"
    result = run("view", "--color-by", "community", "-o", out)
    assert result.exit_code == 0 and '"colorBy":"community"' in out.read_text(encoding="utf-8")


def test_tie_counts_and_modularity_match_networkx_with_self_loops_and_isolated_actors():
    """Issue 24: the counts come from one walk over the adjacency; checked against U.edges() and networkx."""
    U = nx.gnm_random_graph(80, 160, seed=5)
    U.add_edges_from([(3, 3), (40, 40)])
    U.add_nodes_from([200, 201])
    for with_loops in (True, False):
        if not with_loops:
            U.remove_edges_from(list(nx.selfloop_edges(U)))
        found = find_communities(U, seed=2)
        membership = found["membership"]
        for community in found["communities"]:
            inside = sum(1 for u, v in U.edges() if membership[u] == membership[v] == community["id"])
            leaving = sum(1 for u, v in U.edges() if (membership[u] == community["id"]) != (membership[v] == community["id"]))
            assert (community["internal_ties"], community["external_ties"]) == (inside, leaving)
        parts = [c["members"] for c in found["communities"]]
        assert found["modularity"] == pytest.approx(nx.community.modularity(U, parts))
