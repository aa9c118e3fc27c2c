"""The kg command line, through click's runner (exact output on a small graph) and once through the
installed ``kg`` entry point. Every failure is one ``Error: ...`` line and a non-zero exit, no traceback."""

from pathlib import Path
import csv
import io
import json
import re
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli

SMALL_TTL = (Path(__file__).parent / "data" / "small.ttl").read_text(encoding="utf-8")

IKR = "https://w3id.org/innovation-kg/id/"
ZH_NAMES = ('SELECT ?a ?name WHERE { ?c rdfs:subClassOf* ikg:Actor . ?a a ?c ; skos:prefLabel ?name '
            'FILTER(lang(?name) = "zh") } ORDER BY ?a')


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("data") / "small.ttl"
    path.write_text(SMALL_TTL, encoding="utf-8")
    return str(path)


def kg(*args, input=None):
    """Run ``kg ARGS`` in-process; no run may print a traceback."""
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def fails(result, code, message):
    """The run exited ``code`` with exactly one line, ``Error: <message>...``, on stderr."""
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(f"Error: {message}"), result.stderr
    if code == 1:  # KGError: one line, nothing else (click's usage errors add a usage line first)
        assert len(lines) == 1 and result.stdout == ""


# -- the group --

def test_help_lists_every_command_and_each_has_an_example():
    result = kg("--help")
    assert result.exit_code == 0
    assert len(cli.commands) >= 14
    for name in cli.commands:
        assert f"  {name} " in result.output
        help_text = kg(name, "--help").output
        assert "Example:" in help_text and "kg " + name in help_text, name


def test_version():
    assert kg("--version").output.startswith("kg, version ")


def test_cli_module_imports_neither_rdflib_nor_networkx():
    code = "import sys, kg.cli; print(sorted(m for m in ('rdflib', 'networkx', 'pyvis') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"


def test_formats_and_measures_are_named_once():
    from kg import formats
    from kg.analysis.centrality import MEASURES as LIBRARY_MEASURES
    from kg.export import EXPORT_FORMATS as LIBRARY_EXPORTS
    from kg.query import RESULT_FORMATS

    assert LIBRARY_MEASURES is formats.MEASURES
    assert tuple(LIBRARY_EXPORTS) == formats.names("export")
    assert tuple(RESULT_FORMATS) == formats.names("result")
    query_help = kg("query", "--help").output
    assert all(name in query_help for name in formats.names("result"))


def test_a_missing_package_is_one_line(small, monkeypatch):
    from kg.analysis import centrality

    def needs_scipy(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'scipy'", name="scipy")

    monkeypatch.setattr(centrality, "compute", needs_scipy)
    fails(kg("centrality", "--data", small), 1,
          "this command needs the Python package 'scipy', which is not installed (pip install scipy)")


def test_missing_data_file_is_one_line():
    fails(kg("stats", "--data", "no/such.ttl"), 1, "no/such.ttl: no such file")


def test_bad_data_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    fails(kg("stats", "--data", bad), 1, f"{bad}: ")


def test_unknown_store_lists_the_valid_ones(small):
    fails(kg("stats", "--store", "postgres:x"), 1,
          "unknown store 'postgres:x'; valid stores: memory, oxigraph:DIR, sparql:URL, rdflib")


# -- build and validate (on the project's data) --

def test_build_prints_the_summary_and_writes(tmp_path, article_graph):
    out = tmp_path / "site"
    result = kg("build", "--out", out, "--no-view")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["Validated: conforms to the shapes (0 violations)", f"Triples: {len(article_graph)}"]
    assert lines[-4:] == ["Wrote:", f"  {out / 'graph.ttl'}", f"  {out / 'graph.nt'}", f"  {out / 'graph.trig'}"]
    assert sorted(p.name for p in out.iterdir()) == ["graph.nt", "graph.trig", "graph.ttl"]


def test_build_refuses_data_with_violations(small, tmp_path):
    result = kg("build", "--data", small, "--out", tmp_path / "out")
    fails(result, 1, "")
    assert re.match(r"Error: \d+ shape violations: ikr:", result.stderr)
    assert result.stderr.rstrip().endswith("; nothing written (kg validate lists them all)")
    assert not (tmp_path / "out").exists()


def test_validate_conforming(article_graph):
    result = kg("validate")
    assert result.exit_code == 0
    assert result.output == f"OK: the graph conforms to the shapes ({len(article_graph)} triples checked)\n"


def test_validate_reports_each_violation_and_exits_1(small):
    result = kg("validate", "--data", small)
    assert result.exit_code == 1
    *violations, last = result.output.splitlines()
    assert last == f"{len(violations)} violations of the shapes" and len(violations) > 1
    assert all(line.startswith("ikr:") and " — " in line for line in violations)
    assert any(line.startswith("ikr:org/jinchuan — prov:wasDerivedFrom: ") for line in violations)


# -- stats --

def test_an_oxigraph_store_answers_like_memory(small, tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    in_memory = kg("stats", "--data", small, "-f", "json").output
    assert kg("stats", "--store", store, "--data", small, "-f", "json").output == in_memory
    assert kg("stats", "--store", store, "-f", "json").output == in_memory  # the store keeps the data
    assert kg("show", "--store", store, "兰大").output == kg("show", "--data", small, "兰大").output


def test_stats_table(small):
    result = kg("stats", "--data", small)
    assert result.exit_code == 0
    assert result.output.splitlines()[:12] == [
        "section              name                          value",
        "-------------------  ---------------------------  ------",
        "graph                triples                          54",
        "graph                actors                            4",
        "graph                relations                         2",
        "graph                figures                           1",
        "actors by class      City                              1",
        "actors by class      Enterprise                        1",
        "actors by class      InnovationConsortium              1",
        "actors by class      University                        1",
        "relations by kind    ikg:locatedIn                     1",
        "relations by kind    ikr:role/member-unit              1",
    ]
    assert "\nbest connected       Lanzhou University                2\n" in result.output


def test_stats_json_and_csv(small):
    summary = json.loads(kg("stats", "--data", small, "--format", "json").output)
    assert summary["components"] == {"count": 2, "largest": 3, "isolated": 1}
    rows = list(csv.reader(io.StringIO(kg("stats", "--data", small, "-f", "csv").output)))
    assert rows[0] == ["section", "name", "value"] and ["graph", "triples", "54"] in rows


def test_stats_bad_format(small):
    result = kg("stats", "--data", small, "--format", "yaml")
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.stderr


# -- query --

def test_query_expression_table(small):
    result = kg("query", "--data", small, "-e", ZH_NAMES)
    assert result.exit_code == 0
    assert result.output == (
        "a                           name\n"
        "--------------------------  ------------------\n"
        "ikr:org/ion-consortium      离子治疗创新联合体\n"
        "ikr:org/jinchuan            金川集团\n"
        "ikr:org/lanzhou-university  兰州大学\n"
        "ikr:place/lanzhou           兰州市\n"
        "(4 rows)\n")


def test_query_file_and_stdin_as_json(small, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text(ZH_NAMES, encoding="utf-8")
    from_file = json.loads(kg("query", "--data", small, query, "--format", "json").output)
    from_stdin = json.loads(kg("query", "--data", small, "-", "-f", "json", input=ZH_NAMES).output)
    assert from_file == from_stdin
    assert from_file["head"]["vars"] == ["a", "name"]
    assert from_file["results"]["bindings"][2] == {
        "a": {"type": "uri", "value": IKR + "org/lanzhou-university"},
        "name": {"type": "literal", "value": "兰州大学", "xml:lang": "zh"}}


def test_query_csv_tsv_xml(small):
    assert kg("query", "--data", small, "-e", ZH_NAMES, "-f", "csv").stdout_bytes.decode("utf-8").startswith(
        f"a,name\r\n{IKR}org/ion-consortium,离子治疗创新联合体\r\n")
    assert kg("query", "--data", small, "-e", ZH_NAMES, "-f", "tsv").output.startswith(
        f'?a\t?name\n<{IKR}org/ion-consortium>\t"离子治疗创新联合体"@zh\n')
    assert '<literal xml:lang="zh">兰州大学</literal>' in kg("query", "--data", small, "-e", ZH_NAMES,
                                                           "-f", "xml").output


def test_query_ask(small):
    assert kg("query", "--data", small, "-e", "ASK { ?x ikg:locatedIn ?y }").output == "true\n"


def test_query_syntax_error_says_where(small):
    fails(kg("query", "--data", small, "-e", "SELECT ?x\nWHERE { ?x ?p ?o }\nLIMIT x"), 1,
          "syntax error at line 3, column 1 (near 'LIMIT x')")


def test_query_update_is_refused(small):
    fails(kg("query", "--data", small, "-e", "DELETE WHERE { ?s ?p ?o }"), 1,
          "updates are refused: the graph is read-only")


def test_query_needs_exactly_one_source(small):
    fails(kg("query", "--data", small), 2, "give exactly one of FILE, -e TEXT, --name NAME or --list")
    fails(kg("query", "--data", small, "-e", "ASK {}", "--list"), 2,
          "give exactly one of FILE, -e TEXT, --name NAME or --list (got -e, --list)")


def test_query_missing_file(small):
    result = kg("query", "--data", small, "nope.rq")
    assert result.exit_code == 2 and "nope.rq" in result.stderr


def test_query_file_that_is_not_utf8(small, tmp_path):
    query = tmp_path / "gbk.rq"
    query.write_bytes("SELECT * WHERE { ?s ?p '兰州' }".encode("gbk"))
    fails(kg("query", "--data", small, query), 2, f"Invalid value for FILE: {query} is not UTF-8 text")


def test_query_list_and_names(small):
    from kg.query import named_queries

    listing = kg("query", "--list")
    assert listing.exit_code == 0 and listing.output.splitlines()[0].split() == ["name", "answers"]
    for name, query in named_queries().items():
        assert f"{name}  " in listing.output and query.description in listing.output
    fails(kg("query", "--data", small, "--name", "nope"), 1, "unknown named query 'nope'; named queries:")


# -- path --

def test_path_text(small):
    result = kg("path", "--data", small, "兰州市", "离子")
    assert result.exit_code == 0
    assert result.output == (
        "Path 1 (2 hops):\n"
        'Lanzhou ←located in— Lanzhou University [evidence "兰州大学" @5-9]\n'
        'Lanzhou University —member unit→ Ion Therapy Consortium [evidence "兰州大学等" @20-25]\n')


def test_path_in_chinese_by_prefixed_name_and_alias(small):
    result = kg("path", "--data", small, "ikr:place/lanzhou", "离子治疗创新联合体", "--lang", "zh")
    lines = result.output.splitlines()
    assert lines[0] == "路径 1 (2 步):"
    assert lines[1] == '兰州市 ←位于— 兰州大学 [证据 "兰州大学" @5-9]'


def test_path_json(small):
    found = json.loads(kg("path", "--data", small, "Lanzhou", "Ion Therapy", "--json").output)
    assert (found["source"], found["target"], found["mode"]) == (
        IKR + "place/lanzhou", IKR + "org/ion-consortium", "shortest")
    assert [(hop["label_en"], hop["direction"]) for hop in found["paths"][0]] == [
        ("located in", "backward"), ("member unit", "forward")]


def test_path_modes(small):
    assert kg("path", "--data", small, "兰州市", "离子", "--k", "3").output.count("Path ") == 1
    assert kg("path", "--data", small, "兰州市", "离子", "--all-shortest").output.startswith("Path 1 (2 hops)")
    fails(kg("path", "--data", small, "兰州市", "离子", "--k", "2", "--all-shortest"), 2,
          "--all-shortest and --k exclude each other")


def test_path_constraints_cut_it(small):
    fails(kg("path", "--data", small, "兰州市", "离子", "--max-hops", "1"), 1,
          "no path between Lanzhou and Ion Therapy Consortium within 1 hop (the shortest has 2)")
    fails(kg("path", "--data", small, "兰州市", "离子", "--avoid", "University"), 1,
          "no path between Lanzhou and Ion Therapy Consortium avoiding University")
    fails(kg("path", "--data", small, "兰州市", "离子", "--avoid", "Plaice"), 2, "unknown class 'Plaice'")
    assert kg("path", "--data", small, "兰州市", "离子", "--avoid", "university").exit_code == 1  # any case


def test_path_unreachable(small):
    fails(kg("path", "--data", small, "金川", "兰大"), 1, "no path between Jinchuan Group and Lanzhou University")


def test_path_unknown_and_ambiguous_exit_2(small):
    fails(kg("path", "--data", small, "Lanzhou Univresity", "金川"), 2,
          "no actor is named 'Lanzhou Univresity'; closest: 兰州大学 / Lanzhou University (University, "
          "ikr:org/lanzhou-university)")
    fails(kg("path", "--data", small, "兰州", "金川"), 2,
          "'兰州' matches 2 actors: 兰州市 / Lanzhou (City, ikr:place/lanzhou); 兰州大学 / Lanzhou University "
          "(University, ikr:org/lanzhou-university); give more of the name or the IRI")


def test_path_view_file(small, tmp_path):
    out = tmp_path / "p" / "path.html"
    result = kg("path", "--data", small, "兰州市", "离子", "--view", out)
    assert result.exit_code == 0 and result.stderr == f"Wrote {out}\n"
    html = out.read_text(encoding="utf-8")
    assert "Lanzhou University" in html and "<script" in html


# -- show --

def test_show_text(small):
    result = kg("show", "--data", small, "兰大")
    assert result.exit_code == 0
    assert result.output == (
        "Lanzhou University (兰州大学)\n"
        "ikr:org/lanzhou-university · University\n"
        "Also called: 兰大\n"
        "Classes: ikg:University, ikg:Organization, ikg:Actor\n"
        "Relations out (2):\n"
        '  -> located in -> Lanzhou [City]  evidence: "兰州大学" @5-9\n'
        '  -> member unit -> Ion Therapy Consortium [InnovationConsortium]  evidence: "兰州大学等" @20-25\n'
        "Relations in: none\n")


def test_show_json_is_the_describe_dict(small):
    from rdflib import Graph

    from kg.analysis.describe import describe
    from kg.analysis.network import project

    shown = json.loads(kg("show", "--data", small, "--json", "Jinchuan").output)
    G = project(Graph().parse(small))
    assert shown == json.loads(json.dumps(describe(G, IKR + "org/jinchuan")))
    assert shown["collective_weight"] == 64


def test_show_chinese(small):
    assert kg("show", "--data", small, "--lang", "zh", "离子").output.startswith(
        "离子治疗创新联合体 (Ion Therapy Consortium)\n")


def test_show_unknown(small):
    fails(kg("show", "--data", small, "清华大学"), 2, "no actor is named '清华大学'")


# -- centrality --

def test_centrality_table(small):
    result = kg("centrality", "--data", small)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "actor                   class                 degree  betweenness  closeness  eigenvector  pagerank",
        "----------------------  --------------------  ------  -----------  ---------  -----------  --------",
        "Lanzhou University      University            0.6667       0.3333     0.6667       0.7071    0.4633",
        "Ion Therapy Consortium  InnovationConsortium  0.3333       0.0000     0.4444       0.5000    0.2445",
        "Lanzhou                 City                  0.3333       0.0000     0.4444       0.5000    0.2445",
        "Jinchuan Group          Enterprise            0.0000       0.0000     0.0000       0.0000    0.0476",
    ]


def test_centrality_options(small):
    rows = list(csv.DictReader(io.StringIO(kg("centrality", "--data", small, "-m", "pagerank", "-m", "degree",
                                              "--class", "Organization", "--top", "2", "-f", "csv").output)))
    assert [r["iri"] for r in rows] == [IKR + "org/lanzhou-university", IKR + "org/ion-consortium"]
    assert list(rows[0]) == ["iri", "label_zh", "label_en", "cls", "pagerank", "degree"]


def test_centrality_collectives_are_labelled_columns(small):
    plain = json.loads(kg("centrality", "--data", small, "-m", "degree", "--format", "json").output)
    weighted = json.loads(kg("centrality", "--data", small, "-m", "degree", "--collectives", "-f", "json").output)
    assert plain[-1]["label_en"] == "Jinchuan Group" and plain[-1]["degree"] == 0
    assert weighted[-1]["label_en"] == "Jinchuan Group" and weighted[-1]["degree"] == 0  # degree stays networkx's
    assert weighted[-1]["named_degree"] == 0 and weighted[-1]["largest_counted_group"] == 64
    assert "64 chain enterprises" in kg("centrality", "--help").output


def test_centrality_chinese_names_and_sampled_betweenness(small):
    output = kg("centrality", "--data", small, "--lang", "zh", "-m", "betweenness", "--betweenness-k", "2").output
    assert output.splitlines()[2].startswith("兰州大学")


def test_centrality_bad_input(small):
    assert kg("centrality", "--data", small, "-m", "fame").exit_code == 2
    fails(kg("centrality", "--data", small, "--class", "Plaice"), 2, "unknown class 'Plaice'")
    assert kg("centrality", "--data", small, "--top", "0").exit_code == 2


# -- export --

@pytest.mark.parametrize("fmt, name", [("turtle", "g.ttl"), ("nt", "g.nt"), ("json-ld", "g.jsonld"),
                                       ("graphml", "g.graphml"), ("gexf", "g.gexf")])
def test_export_each_format(small, tmp_path, fmt, name):
    out = tmp_path / name
    result = kg("export", "--data", small, "--format", fmt, "-o", out)
    assert result.exit_code == 0 and result.output == f"Wrote {out}\n"
    if fmt in ("graphml", "gexf"):
        network = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert network.number_of_nodes() == 4 and network.number_of_edges() == 2
    else:
        from rdflib import Graph

        assert len(Graph().parse(out, format=fmt)) == 54


def test_export_format_from_suffix_and_csv_folder(small, tmp_path):
    assert kg("export", "--data", small, "-o", tmp_path / "a.gexf").output == f"Wrote {tmp_path / 'a.gexf'}\n"
    result = kg("export", "--data", small, "-f", "csv", "-o", tmp_path / "tables")
    assert result.output == f"Wrote {tmp_path / 'tables' / 'nodes.csv'}\nWrote {tmp_path / 'tables' / 'edges.csv'}\n"
    assert len((tmp_path / "tables" / "nodes.csv").read_text(encoding="utf-8").splitlines()) == 5


def test_export_default_path(small, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert kg("export", "--data", small).output == "Wrote out/graph.ttl\n"
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_export_unknown_suffix(small, tmp_path):
    fails(kg("export", "--data", small, "-o", tmp_path / "x.pdf"), 1, "cannot tell the export format of")


# -- the README --

def test_readme_opens_with_the_two_commands_and_tours_every_command():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    first_screen = readme[:2500]
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && kg build" in first_screen
    assert "bash scripts/test.sh" in first_screen
    assert "## Benchmarks" in readme  # the tour itself is run by tests/test_readme.py


# -- the installed entry point --

def _installed_kg():
    """The `kg` script of the environment running the tests (scripts/test.sh does not activate .venv)."""
    import shutil
    from pathlib import Path

    beside = Path(sys.executable).parent / "kg"
    found = str(beside) if beside.is_file() else shutil.which("kg")
    assert found, "the kg entry point is not installed (pip install -e .)"
    return found


def test_installed_entry_point(small):
    kg_script = _installed_kg()
    done = subprocess.run([kg_script, "show", "--data", small, "ikr:org/jinchuan", "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["label_zh"] == "金川集团"
    failed = subprocess.run([kg_script, "show", "--data", small, "nobody at all"], capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.startswith("Error: no actor is named 'nobody at all'") and "Traceback" not in failed.stderr
