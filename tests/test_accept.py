"""kg accept (kg.claims.accept): reviewed claims merged into a source's claims, validated first, all or nothing."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.claims import accept, read_claims
from kg.claims.build import build_claims
from kg.claims.vocabulary import vocabulary
from kg.cli import cli
from kg.errors import BadArgument, DataError, ValidationFailed

ROOT = Path(__file__).resolve().parent.parent

DEMO_TEXT = "兰州大学与金川集团签约，投资3.2亿元。金川集团表示，兰州大学附属第一医院参与。\n新甘肃·甘肃日报记者 吴涵\n"
DEMO_CLAIMS = """# the demo source, written by hand
source\tdemo\t兰州大学与金川集团签约\t2025\torg/demo-daily
actor\torg/demo-daily\tMediaOrganization\t新甘肃·甘肃日报\tNew Gansu Daily
actor\torg/lanzhou-university\tUniversity\t兰州大学\tLanzhou University\tcontext=兰州大学与
actor\torg/jinchuan-group\tEnterprise\t金川集团\tJinchuan Group\tnth=1
relation\torg/lanzhou-university\taffiliatedWith\torg/jinchuan-group\t签约
"""
NEW_TEXT = "金川集团与兰州理工大学共建实验室，兰州理工大学牵头。\n"
REVIEW = """# review of new-2025, as kg ingest writes it
source\tnew-2025\t金川集团与兰州理工大学共建实验室\t2025\torg/demo-daily\tstatus=accepted
actor\torg/lanzhou-university-of-technology\tUniversity\t兰州理工大学\tLanzhou University of Technology\tnth=1\tstatus=proposed\tconfidence=0.9\twhy=suffix 大学\tstart=5\tend=11
actor\torg/lab\tLaboratory\t实验室\tThe joint laboratory\tstatus=accepted
actor\torg/jinchuan-lab-company\tEnterprise\t金川集团与兰州\tNonsense\tstatus=rejected\twhy=a bad guess
relation\torg/lanzhou-university-of-technology\taffiliatedWith\torg/jinchuan-group\t共建\tstatus=proposed\tconfidence=0.6
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with the real ontology, one source (demo) compiled, and the text of a new one (new-2025)."""
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    (tmp_path / "graph_data" / "demo").mkdir(parents=True)
    (tmp_path / "graph_data" / "demo" / "claims.tsv").write_text(DEMO_CLAIMS, encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "demo.txt").write_text(DEMO_TEXT, encoding="utf-8")
    (tmp_path / "sources" / "new-2025.txt").write_text(NEW_TEXT, encoding="utf-8")
    (tmp_path / "review.tsv").write_text(REVIEW, encoding="utf-8")
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    monkeypatch.delenv("KG_SOURCES", raising=False)
    vocabulary.cache_clear()
    assert build_claims(tmp_path) == [("demo", "written")]
    yield tmp_path
    vocabulary.cache_clear()


def snapshot(project):
    """Every file under graph_data/, with its bytes: to show that nothing changed."""
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted((project / "graph_data").rglob("*"))
            if p.is_file()}


def run(*args):
    return CliRunner().invoke(cli, ["accept", *map(str, args)])


# -- what is kept, and where it goes ---------------------------------------------------------------

def test_a_new_source_is_accepted_into_its_own_folder(project):
    result = run(project / "review.tsv")
    claims = project / "graph_data" / "new-2025" / "claims.tsv"
    assert result.exit_code == 0, result.output
    assert result.output == (f"Accepted 4 lines into {claims} (dropped: 1 rejected)\n"
                             f"Wrote {claims.with_name('claims.ttl')} ({_triples(claims.with_name('claims.ttl'))} triples)\n")
    written = claims.read_text(encoding="utf-8")
    assert "status=" not in written and "confidence=" not in written and "why=" not in written
    assert [c.KIND for c in read_claims(claims)] == ["source", "actor", "actor", "relation"]
    assert "金川集团与兰州\t" not in written  # the rejected line


def test_accepted_actors_join_the_existing_graph(project):
    import kg

    accept(project / "review.tsv")
    with kg.open() as graph:
        new = graph.actor("兰州理工大学")
        assert new["iri"] == "https://w3id.org/innovation-kg/id/org/lanzhou-university-of-technology"
        steps = graph.path("兰州理工大学", "兰州大学")
        assert steps  # joined through 金川集团, which the demo source introduced
        assert graph.validate().conforms


def test_accepting_the_same_review_twice_changes_nothing(project):
    accept(project / "review.tsv")
    before = snapshot(project)
    result = run(project / "review.tsv")
    assert result.exit_code == 0
    assert result.output == (f"Accepted 0 lines into {project / 'graph_data' / 'new-2025' / 'claims.tsv'} "
                             "(4 already there; dropped: 1 rejected)\nNothing new: no file written\n")
    assert snapshot(project) == before


def test_only_keeps_the_kinds_named(project):
    result = accept(project / "review.tsv", only="actors")
    assert (result.added, result.dropped) == (3, {"rejected": 1, "not in --only": 1})
    assert [c.KIND for c in read_claims(result.claims_path)] == ["source", "actor", "actor"]


def test_status_accepted_leaves_proposed_lines_out(project):
    result = accept(project / "review.tsv", statuses="accepted")
    assert result.dropped == {"rejected": 1, "not in --status": 2}
    assert [c.KIND for c in read_claims(result.claims_path)] == ["source", "actor"]


def test_lines_for_an_existing_source_are_appended_after_its_lines(project):
    review = project / "more.tsv"
    review.write_text("actor\torg/lzu-hospital\tHospital\t兰州大学附属第一医院\tThe First Hospital of LZU\n"
                      "relation\torg/lzu-hospital\taffiliatedWith\torg/lanzhou-university\t兰州大学附属第一医院\n",
                      encoding="utf-8")
    result = accept(review, source_id="demo")
    text = result.claims_path.read_text(encoding="utf-8")
    assert text.startswith(DEMO_CLAIMS)  # comments and the lines above stay as they were
    assert text[len(DEMO_CLAIMS):].splitlines()[0].startswith("actor\torg/lzu-hospital")
    assert result.added == 2 and not result.new_source


# -- bad input: one Error line, and the graph unchanged --------------------------------------------

def _bad_reviews(project):
    source = "source\tnew-2025\t金川集团与兰州理工大学共建实验室\t2025\torg/demo-daily\n"
    return {
        "nonsense": ("this file was edited into nonsense\nreally\n", [],
                     "review.tsv:1: unknown kind 'this file was edited into nonsense'"),
        "columns lost": (source + "actor\torg/x\tUniversity\n", [], "review.tsv:2: an actor line needs 4 columns"),
        "span not in text": (source + "actor\torg/x\tUniversity\t兰州交通大学\tLanzhou Jiaotong University\n", [],
                             "review.tsv:2: span '兰州交通大学' not found in the text of new-2025"),
        "ambiguous span": (source + "actor\torg/x\tUniversity\t兰州理工大学\tLUT\n", [],
                           "review.tsv:2: span '兰州理工大学' occurs 2 times in the text; give a context that occurs once"),
        "offsets edited": (source + "actor\torg/x\tUniversity\t兰州理工大学\tLUT\tnth=1\tstart=4\tend=10\n", [],
                           "review.tsv:2: start=4 end=10 do not match where the span is in the text (5-11)"),
        "unknown id": ("actor\torg/x\tUniversity\t兰州理工大学\tLUT\tnth=1\n", ["--source-id", "nosuch"],
                       "unknown source id 'nosuch'"),
        "no text": ("source\tgone-2025\t标题\t2025\torg/demo-daily\n", [],
                    "no text for source 'gone-2025'"),
        "id disagrees": (source, ["--source-id", "demo"], "review.tsv:1: the source line names 'new-2025', not --source-id 'demo'"),
        "bad id": ("actor\torg/x\tUniversity\t兰州理工大学\tLUT\n", ["--source-id", "../etc"], "'../etc' is not a source id"),
        "no source": ("actor\torg/x\tUniversity\t兰州理工大学\tLUT\n", [], "review.tsv: names no source"),
        "redefined": ("actor\torg/jinchuan-group\tEnterprise\t金川集团\tJinchuan\tnth=2\n", ["--source-id", "demo"],
                      "review.tsv:1: org/jinchuan-group is already defined on line 5"),
        "source changed": ("source\tdemo\t金川集团\t2025\torg/demo-daily\n", [],
                           "review.tsv:1: this source line differs from the one in"),
        "shape violation": (source + "member\tplace/nowhere\torg/jinchuan-group\trole/member-unit\t金川集团\n"
                            "actor\tplace/nowhere\tCity\t实验室\tThe lab as a city\n", [],
                            "nothing written: the accepted claims would break the shapes: 1 shape violation:"),
        "unknown --only": (source, ["--only", "people"], "--only people: use one or more of actors, relations, figures"),
        "rejected --status": (source, ["--status", "rejected"], "--status rejected: use accepted, proposed or both"),
        "empty": ("", [], "review.tsv: no claims in the file"),
        "binary": (b"\x00\x01\x02source\x00", [], "review.tsv: a binary file, not a claims file"),
        "GBK": ("source\tnew-2025\t标题\t2025\torg/demo-daily\n".encode("gbk"), [], "review.tsv: not UTF-8 text"),
    }


@pytest.mark.parametrize("case", ["nonsense", "columns lost", "span not in text", "ambiguous span", "offsets edited",
                                  "unknown id", "no text", "id disagrees", "bad id", "no source", "redefined",
                                  "source changed", "shape violation", "unknown --only", "rejected --status", "empty",
                                  "binary", "GBK"])
def test_bad_input_is_one_error_line_and_nothing_written(project, case):
    content, options, message = _bad_reviews(project)[case]
    review = project / "review.tsv"
    if isinstance(content, bytes):
        review.write_bytes(content)
    else:
        review.write_text(content, encoding="utf-8")
    before = snapshot(project)
    result = run(review, *options)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert snapshot(project) == before
    assert not (project / "graph_data" / "new-2025").exists()


def test_the_library_raises_the_error_classes(project):
    with pytest.raises(BadArgument):
        accept(project / "review.tsv", only="everything")
    with pytest.raises(DataError):
        accept(project / "no-such-review.tsv")
    bad = project / "bad.tsv"
    bad.write_text("source\tnew-2025\t金川集团与兰州理工大学共建实验室\t2025\torg/demo-daily\n"
                   "member\tplace/jinchang\torg/jinchuan-group\trole/member-unit\t金川集团\n"
                   "actor\tplace/jinchang\tCity\t实验室\tJinchang\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        accept(bad)  # a city cannot have members: org:organization must be an ikg:Organization
    assert [v.path for v in caught.value.report.violations] == ["org:organization"]


def _triples(path):
    from rdflib import Graph

    return len(Graph().parse(path, format="turtle"))
