"""`kg ingest` then `kg accept`: a new article's actors join the graph, with their evidence.

The article is a few sentences written for this test (no one else's text). Everything runs against a
copy of the project (KG_HOME) and a private sources folder (KG_SOURCES), so the checkout is untouched.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ARTICLE = """甘肃稀土新材料产业合作推进

兰州大学与金川集团签订战略合作协议。双方将在稀土新材料领域开展合作。
白银稀土新材料研究院由兰州大学牵头组建。2024年，白银稀土新材料研究院研发投入达3.5亿元。
"""
ID = "demo-rare-earth-2025"


@pytest.fixture()
def project(project_copy, tmp_path, monkeypatch):
    home = project_copy
    monkeypatch.setenv("KG_NO_PROGRESS", "1")
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


def test_the_source_line_holds_the_texts_sha256_and_a_changed_text_is_refused(project):
    import hashlib

    home, article = project
    assert kg("ingest", str(article), "--id", ID, "--date", "2025-01-15", "--publisher", "甘肃日报").exit_code == 0
    stored = Path("sources") / f"{ID}.txt"
    digest = hashlib.sha256(stored.read_bytes()).hexdigest()
    source_line = next(line for line in Path(f"{ID}.review.tsv").read_text(encoding="utf-8").splitlines()
                       if line.startswith("source\t"))
    assert f"sha256={digest}" in source_line.split("\t")
    assert kg("accept", f"{ID}.review.tsv").exit_code == 0
    stored.write_text(ARTICLE.replace("3.5亿元", "4.5亿元"), encoding="utf-8")  # same length, other figure
    rebuilt = kg("build")
    assert rebuilt.exit_code == 1 and rebuilt.output.startswith("Error:"), rebuilt.output
    assert "sha256" in rebuilt.output and "Traceback" not in rebuilt.output


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
        (["ingest", str(article), "--id", "x4", "--date", "2025-99"], "--date '2025-99'"),
        (["ingest", str(article), "--id", "x6", "--date", "2024-02-30"], "not a real date"),
        (["ingest", str(article), "--id", "x7", "--date", "March 2025"], "YYYY, YYYY-MM or YYYY-MM-DD"),
        (["ingest", str(article), "--id", "x5", "--date", "2025", "--title", "不在文中的标题"], "does not occur"),
    ]
    for args, message in cases:
        result = kg(*args)
        assert result.exit_code != 0, args
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0], (args, result.output)
    assert snapshot(home) == before
    assert not Path("sources").exists()
    assert not list(Path(".").glob("*.review.tsv"))


def test_ingest_needs_only_the_file_and_an_id(project):
    """No --date, no --publisher: both recorded as unknown, with a warning on stderr and a line at the top
    of the review file asking for them; kg accept then refuses the unknown date in one line."""
    home, article = project
    result = kg("ingest", str(article), "--id", ID)
    assert result.exit_code == 0, result.output
    assert "Warning: no --date" in result.stderr and "Warning: no --publisher" in result.stderr
    review = Path(f"{ID}.review.tsv").read_text(encoding="utf-8")
    assert "to fill in: no --date" in review and "to fill in: no --publisher" in review
    (source,) = [line for line in review.splitlines() if line.startswith("source\t")]
    assert source.split("\t")[3:5] == ["unknown", "unknown"]
    before = snapshot(home)
    refused = kg("accept", f"{ID}.review.tsv")
    assert refused.exit_code != 0
    lines = refused.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and "'unknown'" in lines[0], refused.output
    assert snapshot(home) == before
    # filled in, the same review is accepted
    Path(f"{ID}.review.tsv").write_text(review.replace(source, source.replace("\tunknown\tunknown", "\t2025-01-15\t甘肃日报")),
                                        encoding="utf-8")
    accepted = kg("accept", f"{ID}.review.tsv")
    assert accepted.exit_code == 0, accepted.output


def test_the_json_on_stdout_stays_json_when_there_are_warnings(project):
    home, article = project
    result = kg("ingest", str(article), "--id", ID, "--json")
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)) == {"actors", "relations", "figures"}


NEW_NAMES = """甘肃某某储能科技有限公司投产

近日,甘肃某某储能科技有限公司与兰州大学签订战略合作协议,项目落户金昌。甘肃省某某装备创新联合体由金川集团牵头组建。
兰州某某交通大学参与共建。全面推进产业链链长制。
"""


def test_kg_ingest_gives_the_librarys_candidates_with_known_names_joined(project, tmp_path):
    """kg ingest (the project's graph as gazetteer) proposes every actor, relation and figure the library
    proposes with no gazetteer; what it adds is only known names."""
    from kg.extract import Gazetteer, extract

    article = tmp_path / "new-names.txt"
    article.write_text(NEW_NAMES, encoding="utf-8")
    result = kg("ingest", str(article), "--id", "demo-new-names", "--date", "2025-02-01", "--place", "甘肃", "--json")
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    bare = extract(NEW_NAMES, Gazetteer(), region="甘肃", date="2025-02-01").to_json()

    def spans(items, *keys):
        return {tuple(item[k] for k in keys) for item in items}

    actor_keys = ("name", "class", "start", "end")
    assert spans(bare["actors"], *actor_keys) <= spans(cli["actors"], *actor_keys)
    extra = [a for a in cli["actors"] if (a["name"], a["class"], a["start"], a["end"]) not in spans(bare["actors"], *actor_keys)]
    assert all(a["known"] for a in extra)
    relation_keys = ("subject", "relation", "object")
    assert spans(bare["relations"], *relation_keys) <= spans(cli["relations"], *relation_keys)
    assert spans(bare["figures"], "value", "unit", "start") == spans(cli["figures"], "value", "unit", "start")
    names = {a["name"] for a in cli["actors"]}
    assert {"甘肃某某储能科技有限公司", "甘肃省某某装备创新联合体", "兰州某某交通大学"} <= names
    assert not names & {"甘肃", "兰州", "金昌", "链长制"}


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
