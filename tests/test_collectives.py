"""kg.analysis.collectives on the article: one count of one kind, never a sum of unlike counts."""

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analysis.collectives import collective_columns, counted_groups, group_text, largest_group
from kg.cli import cli

ID = "https://w3id.org/innovation-kg/id/"
PROGRAMME = ID + "program/renewable-energy-technology-foreign-aid-training"
GANSU = ID + "place/gansu"
CLUSTER_NAME = "金昌有色金属新材料产业集群"


@pytest.fixture(scope="module")
def U(article_kg):
    return article_kg.undirected


def kg(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_training_programme_counts_people_and_countries_side_by_side(U):
    row = collective_columns(U, PROGRAMME)
    # 为五大洲的130多个国家培养了专业技术人才和管理人才2600余名: two counts of two kinds, never 2,730
    assert row["largest_counted_group"] == 2600
    assert group_text(row["counted_as"]) == "more than 2,600 名 technical and management professionals trained (2025)"
    assert [(g["count"], g["unit"]) for g in row["other_counted_groups"]] == [(130, "个")]
    assert row["counted_as"]["class"].endswith("#Person") and row["other_counted_groups"][0]["class"].endswith("#Country")
    assert row["named_degree"] == U.degree(PROGRAMME) < 10


def test_gansu_overlapping_enterprise_counts_are_not_added(U):
    groups = counted_groups(U.nodes[GANSU])
    counts = [g["count"] for g in groups]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2442
    assert {244, 3, 2, 13, 8} <= set(counts)  # SMEs, little giants, champions, consortia, awards: each its own
    assert largest_group(groups)["unit"] == "家"
    assert 2712 not in counts and sum(counts) == 2712  # the old sum of unlike (and overlapping) counts is gone


def test_centrality_collectives_columns_on_the_article():
    rows = json.loads(kg("centrality", "--collectives", "-m", "degree", "-f", "json"))
    assert all(0 <= row["degree"] <= 1 for row in rows)  # never a normalised figure above 1 under "degree"
    by_iri = {row["iri"]: row for row in rows}
    assert by_iri[PROGRAMME]["largest_counted_group"] == 2600
    assert by_iri[GANSU]["largest_counted_group"] == 2442
    cluster = next(row for row in rows if row["label_zh"] == CLUSTER_NAME)
    assert cluster["largest_counted_group"] == 64 and cluster["counted_as"]["unit"] == "家"
    plain = json.loads(kg("centrality", "-m", "degree", "-f", "json"))
    assert [r["iri"] for r in plain] == [r["iri"] for r in rows]  # the ranking is networkx's degree, unchanged


def test_centrality_collectives_table_and_csv_headers():
    table = kg("centrality", "--collectives", "-m", "degree", "--top", "1")
    header = table.splitlines()[0]
    for column in ("degree", "named degree", "largest counted group", "counted as", "other counted groups"):
        assert column in header
    assert "2,442 家 number of high-tech enterprises (2024)" in table
    rows = list(csv.DictReader(io.StringIO(kg("centrality", "--collectives", "-m", "degree", "-f", "csv"))))
    programme = next(row for row in rows if row["iri"] == PROGRAMME)
    assert programme["largest_counted_group"] == "2600"
    assert programme["other_counted_groups"] == "more than 130 个 countries whose people were trained (2025)"
    assert "2730" not in json.dumps(rows) and "2712" not in json.dumps(rows)


def test_view_badge_shows_the_largest_single_count_with_its_unit(article_kg):
    from kg.view import view_data

    nodes = {node["iri"]: node for node in view_data(article_kg.network)["nodes"]}
    assert (nodes[PROGRAMME]["w"], nodes[PROGRAMME]["wu"]) == (2600, "名")
    assert (nodes[GANSU]["w"], nodes[GANSU]["wu"]) == (2442, "家")
    assert sorted(k["count"] for k in nodes[PROGRAMME]["k"]) == [130, 2600]  # the hover lists each count


def test_graphml_export_writes_one_count_not_a_sum(article_kg, tmp_path):
    written = article_kg.export("graphml", tmp_path / "net.graphml")
    back = nx.read_graphml(written[0])
    assert int(back.nodes[GANSU]["largest_counted_group"]) == 2442
    assert back.nodes[PROGRAMME]["counted_as"].startswith("超过2,600 名")
    assert "collective_weight" not in back.nodes[GANSU]


def test_counts_that_are_not_numbers_are_left_out():
    attrs = {"collectives": [{"count": "several", "measure": "urn:m"}, {"count": True, "measure": "urn:n"}]}
    assert counted_groups(attrs) == [] and largest_group(counted_groups(attrs)) is None
    assert group_text(None) == ""
