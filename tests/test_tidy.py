"""Three leftovers of issue 11 ("Crashes and messages"):

- a writer killed mid-write leaves a hidden ``.<name>.<pid>.<random>.tmp``; the next write into that folder
  removes it, and leaves a live writer's file alone (kg._atomic);
- actors whose IRI is not ours (not ikr:) have no page here, and are shown unlinked, never ``href="None"``
  (kg/serve/templates);
- the same input gives the same bytes whatever PYTHONHASHSEED: ``kg build``, ``kg export`` in every format,
  ``kg view`` (kg.view.layout laid components out in the order of a set).
"""

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg._atomic import LEGACY_STALE_AFTER, atomic_write, remove_stale_temporaries
from kg.cli import cli

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"


def kg(*args):
    """``kg ARGS`` in-process; it must not print a traceback."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def temporaries(folder):
    return sorted(p.name for p in Path(folder).iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


# --- leftover temporary files ------------------------------------------------------------------------

# a writer that is killed (SIGKILL: no cleanup runs) halfway through an atomic write
KILLED_WRITER = """
import os, signal, sys
from kg._atomic import atomic_write
with atomic_write(sys.argv[1]) as handle:
    handle.write("half a graph")
    handle.flush()
    os.kill(os.getpid(), signal.SIGKILL)
"""

# a writer still at work: it holds its temporary file open until told to finish on stdin
LIVE_WRITER = """
import sys
from kg._atomic import atomic_write
with atomic_write(sys.argv[1]) as handle:
    handle.write("the live writer's text")
    handle.flush()
    print("writing", flush=True)
    sys.stdin.readline()
print("done", flush=True)
"""


def test_export_removes_the_temporary_file_a_killed_writer_left(tmp_path):
    target = tmp_path / "graph.nt"
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = temporaries(tmp_path)
    assert len(left) == 1 and re.fullmatch(r"\.graph\.nt\.[0-9]+\.[a-z0-9_]{8}\.tmp", left[0])
    assert not target.exists()

    result = kg("export", "--data", MINI, "-f", "nt", "-o", target)
    assert result.exit_code == 0, result.output
    assert temporaries(tmp_path) == []
    assert target.read_text(encoding="utf-8").count("\n") > 100  # the export itself is whole


def test_export_leaves_a_live_writers_temporary_file_alone(tmp_path):
    theirs = tmp_path / "actors.graphml"
    writer = subprocess.Popen([sys.executable, "-c", LIVE_WRITER, str(theirs)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        (live,) = temporaries(tmp_path)
        assert live.startswith(f".actors.graphml.{writer.pid}.")

        result = kg("export", "--data", MINI, "-f", "nt", "-o", tmp_path / "graph.nt")
        assert result.exit_code == 0, result.output
        assert temporaries(tmp_path) == [live]

        stdout, _ = writer.communicate("finish\n", timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == 0 and stdout.strip() == "done"
    assert theirs.read_text(encoding="utf-8") == "the live writer's text"  # its rename still found its file
    assert temporaries(tmp_path) == []


def test_stale_means_a_dead_writer_a_reused_pid_or_an_old_unnamed_file(tmp_path):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    an_hour_ago = time.time() - 3600
    files = {
        f".graph.nt.{ended.pid}.abcd1234.tmp": None,  # its writer has ended: stale
        f".graph.ttl.{os.getpid()}.abcd1234.tmp": an_hour_ago,  # this pid, but written before we started: stale
        f".graph.trig.{os.getpid()}.abcd1234.tmp": None,  # this process is writing it: kept
        ".index.html.k3j_9x2q.tmp": an_hour_ago,  # no pid (older versions), untouched for an hour: stale
        ".view.html.k3j_9x2q.tmp": time.time() - LEGACY_STALE_AFTER / 2,  # no pid, recent: kept
        ".notes.tmp": an_hour_ago,  # not named like ours: kept
        ".graph.nt.tmp": an_hour_ago,
        "graph.nt.1.abcd1234.tmp": an_hour_ago,  # not hidden: kept
    }
    for name, modified in files.items():
        path = tmp_path / name
        path.write_text("x", encoding="utf-8")
        if modified is not None:
            os.utime(path, (modified, modified))
    (tmp_path / ".folder.1.abcd1234.tmp").mkdir()  # a folder with such a name is not ours either

    removed = remove_stale_temporaries(tmp_path)

    assert sorted(p.name for p in removed) == sorted([f".graph.nt.{ended.pid}.abcd1234.tmp",
                                                      f".graph.ttl.{os.getpid()}.abcd1234.tmp",
                                                      ".index.html.k3j_9x2q.tmp"])
    assert temporaries(tmp_path) == sorted([f".graph.trig.{os.getpid()}.abcd1234.tmp", ".view.html.k3j_9x2q.tmp",
                                            ".notes.tmp", ".graph.nt.tmp", ".folder.1.abcd1234.tmp"])


def test_nested_writes_into_one_folder_keep_each_other(tmp_path):
    # kg export -f csv writes nodes and edges through two atomic writes open at once
    with atomic_write(tmp_path / "nodes.csv") as nodes, atomic_write(tmp_path / "edges.csv") as edges:
        nodes.write("iri\n")
        edges.write("source\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv"]


def test_a_folder_that_cannot_be_listed_is_no_error(tmp_path):
    assert remove_stale_temporaries(tmp_path / "missing") == []


# --- actors outside ikr: on the pages ----------------------------------------------------------------

# the ontology slice of mini.ttl, then a few actors of ours tied to actors whose IRIs are someone else's
OUTSIDE_TTL = MINI.read_text(encoding="utf-8").split("# --- source document ---")[0] + """
@prefix exo: <http://example.org/org/> .
@prefix exp: <http://example.org/place/> .
@prefix exm: <http://example.org/membership/> .
source:outside a ikg:SourceDocument ; dcterms:title "外部测试"@zh .
exo:outside-firm a ikg:Enterprise ; skos:prefLabel "外部公司"@zh, "Outside Firm"@en ;
    ikg:locatedIn exp:elsewhere ; prov:wasDerivedFrom source:outside .
exp:elsewhere a ikg:City ; skos:prefLabel "别处"@zh, "Elsewhere"@en ; prov:wasDerivedFrom source:outside .
exo:outside-consortium a ikg:InnovationConsortium ; skos:prefLabel "外部联合体"@zh, "Outside Consortium"@en ;
    prov:wasDerivedFrom source:outside .
o:home-university a ikg:University ; skos:prefLabel "本大学"@zh, "Home University"@en ;
    ikg:locatedIn exp:elsewhere ; prov:wasDerivedFrom source:outside .
project:joint-project a ikg:Project ; skos:prefLabel "合作项目"@zh, "Joint Project"@en ;
    ikg:ledBy exo:outside-firm ; ikg:participant o:home-university ; prov:wasDerivedFrom source:outside .
exm:m1 a org:Membership ; org:organization exo:outside-consortium ; org:member o:home-university ;
    org:role role:lead-unit .
evidence:outside-1 a ikg:Evidence ; rdf:subject project:joint-project ; rdf:predicate ikg:ledBy ;
    rdf:object exo:outside-firm ; ikg:span "外部公司" ; ikg:start 0 ; ikg:end 4 ; prov:wasDerivedFrom source:outside .
"""

OUTSIDE_NAMES = ["外部公司", "Outside Firm", "别处", "Elsewhere", "外部联合体", "Outside Consortium"]


@pytest.fixture(scope="module")
def outside_pages(tmp_path_factory):
    """Every page of the app reachable by its links from the home page: {path: (status, content type, body)}."""
    from starlette.testclient import TestClient

    import kg as kg_library
    from kg.serve import create_app

    data = tmp_path_factory.mktemp("outside") / "outside.ttl"
    data.write_text(OUTSIDE_TTL, encoding="utf-8")
    app = create_app(kg_library.open(data=[data]), store_spec="memory", workers=1, allowed_hosts=["testserver"])
    pages, queue = {}, ["/"]
    with TestClient(app) as client:
        while queue:
            path = queue.pop(0)
            if path in pages:
                continue
            response = client.get(path)
            pages[path] = (response.status_code, response.headers.get("content-type", ""), response.text)
            if "text/html" in pages[path][1]:
                for href in re.findall(r'href="([^"]*)"', response.text):
                    href = href.replace("&amp;", "&").split("#")[0]
                    if href.startswith("/") and not href.startswith("/static/"):
                        queue.append(href)
    return pages


def test_no_page_links_to_none(outside_pages):
    html = {path for path, (_, kind, _) in outside_pages.items() if "text/html" in kind}
    assert {"/", "/view", "/id/org/home-university", "/id/project/joint-project", "/source/outside"} <= html
    assert any(path.startswith("/view?around=") for path in html)
    for path, (status, _, body) in outside_pages.items():
        assert status == 200, path
        assert 'href="None"' not in body and "href='None'" not in body, path


def test_home_lists_outside_actors_unlinked_with_their_iri(outside_pages):
    home = outside_pages["/"][2]
    for name in OUTSIDE_NAMES:
        assert f">{name}</span>" in home
    assert '<span lang="zh" title="http://example.org/org/outside-firm">外部公司</span>' in home
    assert '<a href="/id/org/home-university" lang="zh">本大学</a>' in home  # ours are still links
    assert not re.search(r'<a [^>]*>(?:外部公司|Outside Firm|别处|Elsewhere)</a>', home)


def test_actor_pages_name_outside_neighbours_unlinked(outside_pages):
    joint = outside_pages["/id/project/joint-project"][2]
    assert '<span lang="zh">外部公司</span> · Outside Firm' in joint
    home_university = outside_pages["/id/org/home-university"][2]
    assert '<span lang="zh">外部联合体</span> · Outside Consortium' in home_university
    assert '<span lang="zh">别处</span> · Elsewhere' in home_university


# --- the same bytes whatever PYTHONHASHSEED -----------------------------------------------------------

# every writer of the CLI whose output could follow a hash order, run in one process per hash seed
WRITERS = [
    ["build", "--out", "{out}/build"],
    *[["export", "-f", fmt, "-o", "{out}/graph." + fmt]
      for fmt in ("turtle", "nt", "nquads", "trig", "json-ld", "xml", "graphml", "gexf")],
    ["export", "-f", "csv", "-o", "{out}/csv"],
    ["export", "-o", "{out}/dynamic.gexf", "--dynamic"],
    ["view", "-o", "{out}/view.html"],
    ["view", "--color-by", "community", "-o", "{out}/communities.html"],
    ["view", "--around", "兰州大学", "--depth", "2", "-o", "{out}/around.html"],
    ["path", "兰州大学", "金川集团", "--k", "3", "--view", "{out}/path.html"],
]

DRIVER = """
import json, sys
from kg.cli import cli
for args in json.loads(sys.argv[1]):
    try:
        cli.main([a.replace("{out}", sys.argv[2]) for a in args], prog_name="kg", standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
"""


def written_with_hash_seed(seed, out, cache):
    """Run every command of :data:`WRITERS` with ``PYTHONHASHSEED=seed``: {file: sha256 of its bytes}."""
    import json

    env = dict(os.environ, PYTHONHASHSEED=str(seed), KG_CACHE_DIR=str(cache), KG_NO_PROGRESS="1")
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(WRITERS), str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_outputs_do_not_depend_on_the_hash_seed(tmp_path):
    # each run has its own projection cache: a cached network would hide an order that changes with the seed
    first = written_with_hash_seed(1, tmp_path / "seed1", tmp_path / "cache1")
    second = written_with_hash_seed(2, tmp_path / "seed2", tmp_path / "cache2")
    assert sorted(first) == sorted(["build/graph.ttl", "build/graph.nt", "build/graph.trig", "build/index.html",
                                    *(f"graph.{fmt}" for fmt in ("turtle", "nt", "nquads", "trig", "json-ld", "xml",
                                                                 "graphml", "gexf")),
                                    "csv/nodes.csv", "csv/edges.csv", "dynamic.gexf", "view.html",
                                    "communities.html", "around.html", "path.html"])
    assert [name for name in first if first[name] != second.get(name)] == []
    assert first == second
