"""`kg ingest` then `kg accept`: a new article's actors join the graph, with their evidence.

The article is a few sentences written for this test (no one else's text). Everything runs against a
copy of the project (KG_HOME) and a private sources folder (KG_SOURCES), so the checkout is untouched.
"""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = """甘肃稀土新材料产业合作推进

兰州大学与金川集团签订战略合作协议。双方将在稀土新材料领域开展合作。
白银稀土新材料研究院由兰州大学牵头组建。2024年，白银稀土新材料研究院研发投入达3.5亿元。
"""
ID = "demo-rare-earth-2025"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    for folder in ("ontology", "graph_data"):
        shutil.copytree(ROOT / folder, home / folder)
    monkeypatch.setenv("KG_HOME", str(home))
    monkeypatch.setenv("KG_SOURCES", str(tmp_path / "sources"))
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KG_NO_PROGRESS", "1")
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return home, article


def kg(*args):
    from kg.cli import cli

    return CliRunner().invoke(cli, list(args))


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ingest_proposes_known_and_new_actors_with_evidence_offsets(project):
    home, article = project
    result = kg("ingest", str(article), "--id", ID, "--date", "2025-01-15", "--publisher", "甘肃日报",
                "--place", "甘肃", "--json")
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)
    assert set(candidates) == {"actors", "relations", "figures"}
    names = {actor["name"]: actor for actor in candidates["actors"]}
    assert names["兰州大学"]["known"] == "https://w3id.org/innovation-kg/id/org/lanzhou-university"
    assert names["金川集团"]["known"] == "https://w3id.org/innovation-kg/id/org/jinchuan-group"
    assert "白银稀土新材料研究院" in names and names["白银稀土新材料研究院"]["known"] is None
    for kind in ("actors", "relations", "figures"):
        for item in candidates[kind]:
            assert 0 <= item["start"] < item["end"] <= len(ARTICLE), item
            assert set(item) >= {"start", "end", "confidence", "why"}
    for actor in candidates["actors"]:
        assert ARTICLE[actor["start"]:actor["end"]] == actor["name"]
    stored = Path("sources") / f"{ID}.txt"
    assert stored.read_text(encoding="utf-8") == ARTICLE
    review = Path(f"{ID}.review.tsv").read_text(encoding="utf-8")
    lines = [line for line in review.splitlines() if line and not line.startswith("#")]
    assert lines[0].startswith(f"source\t{ID}\t")
    assert all("status=proposed" in line for line in lines)


def test_accept_joins_the_new_source_to_the_graph(project):
    import kg as kglib

    home, article = project
    assert kg("ingest", str(article), "--id", ID, "--date", "2025-01-15", "--publisher", "甘肃日报").exit_code == 0
    accepted = kg("accept", f"{ID}.review.tsv")
    assert accepted.exit_code == 0, accepted.output
    assert (home / "graph_data" / ID / "claims.tsv").is_file() and (home / "graph_data" / ID / "claims.ttl").is_file()
    graph = kglib.open()
    assert f"https://w3id.org/innovation-kg/id/graph/{ID}" in graph.graphs()
    assert graph.validate().conforms
    new = graph.actor("白银稀土新材料研究院")
    assert new["cls"] == "ResearchInstitute"
    assert new["label_en"] in (None, "白银稀土新材料研究院")  # no English name yet: the projection shows the Chinese
    # the new actor is joined to the article's actors, every hop with its evidence
    route = graph.path("白银稀土新材料研究院", "金川集团")
    assert all(hop["evidence"] for hop in route["paths"][0])
    sources = {item["source"] for hop in route["paths"][0] for item in hop["evidence"]}
    assert f"https://w3id.org/innovation-kg/id/source/{ID}" in sources
    assert graph.stats()["sources"][f"ikr:source/{ID}"] >= 1
    shown = kg("show", "白银稀土新材料研究院")
    assert shown.exit_code == 0 and "研发投入" in shown.output


def test_bad_input_is_one_line_and_changes_nothing(project, tmp_path):
    home, article = project
    before = snapshot(home)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(ARTICLE.encode("gb18030"))
    cases = [
        (["ingest", str(tmp_path / "missing.txt"), "--id", "x1", "--date", "2025"], "no such file"),
        (["ingest", str(binary), "--id", "x2", "--date", "2025"], "binary"),
        (["ingest", str(gbk), "--id", "x3", "--date", "2025"], "GBK"),
        (["ingest", str(article), "--id", "../x", "--date", "2025"], "not a source id"),
        (["ingest", str(article), "--id", "000_53c5d41e29162869", "--date", "2025"], "exists already"),
        (["ingest", str(article), "--id", "x4"], "--date"),
        (["ingest", str(article), "--id", "x5", "--date", "2025", "--title", "不在文中的标题"], "does not occur"),
    ]
    for args, message in cases:
        result = kg(*args)
        assert result.exit_code != 0, args
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0], (args, result.output)
    assert snapshot(home) == before
    assert not Path("sources").exists()


def test_two_sources_that_disagree_on_a_figure_are_both_kept(project, tmp_path):
    """A second source gives another count of Gansu's high-tech enterprises for 2024: both figures stay,
    each with its source, and the conflicts query lists them side by side."""
    import kg as kglib

    home, _ = project
    text = "另一家媒体报道\n\n截至2024年底，甘肃高新技术企业达2450家。\n"
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "demo-second.txt").write_text(text, encoding="utf-8")
    review = tmp_path / "second.review.tsv"
    review.write_text(
        "source\tdemo-second\t另一家媒体报道\t2025-02-01\t另一家媒体\tstatus=proposed\n"
        "figure\tplace/gansu\tmeasure/high-tech-enterprise-count\t2450\t家\t2024\t2450家\tunit=unit/enterprise"
        "\tstatus=proposed\n", encoding="utf-8")
    accepted = kg("accept", str(review))
    assert accepted.exit_code == 0, accepted.output
    graph = kglib.open()
    assert graph.validate().conforms
    rows = graph.query("conflicts").records()
    assert len(rows) == 1, rows
    (row,) = rows
    assert row["subject_zh"] == "甘肃" and row["time"] == "2024"
    assert {row["value_a"], row["value_b"]} == {2442, 2450}
    assert {row["source_a"], row["source_b"]} == {"https://w3id.org/innovation-kg/id/source/000_53c5d41e29162869",
                                                  "https://w3id.org/innovation-kg/id/source/demo-second"}
    listed = kg("query", "--name", "conflicts", "--format", "csv")
    assert listed.exit_code == 0 and "2450" in listed.output and "2442" in listed.output
