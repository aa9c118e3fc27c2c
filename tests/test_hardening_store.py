"""Integrity of ``oxigraph:DIR`` (issue 11, items 6-8): a load is complete or not used, loaders take turns,
a changed input is reloaded (or refused with ``--no-rebuild``), and bad store names are one ``Error:`` line.

The slow tests run ``kg`` in subprocesses on a generated N-Triples file large enough (~40 MB) that a load
takes seconds, so it can be killed, or raced, half-way.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.stores.load import LOCK_NAME, STAMP_NAME, check_current, read_stamp
from kg.stores.persistent import BUILD_PREFIX

ROOT = Path(__file__).resolve().parent.parent
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: triples in the generated file: big enough that loading it takes a few seconds here
BIG = 400_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    """An N-Triples file of :data:`BIG` distinct triples (through Oxigraph's bulk loader: over 4 MB)."""
    path = tmp_path_factory.mktemp("big") / "big.nt"
    with open(path, "w", encoding="utf-8") as stream:
        for number in range(BIG):
            stream.write(f"<urn:s:{number}> <urn:p:{number % 17}> \"value {number} of a long enough literal\" .\n")
    return path


def kg_command(*args, env=None):
    """``python -m kg.cli ARGS`` as a command list."""
    return [sys.executable, "-m", "kg.cli", *map(str, args)]


def count_of(store_dir, *extra):
    """The triple count ``kg query`` reports for the store (exit code, count or None, stderr)."""
    result = subprocess.run(kg_command("query", "--store", f"oxigraph:{store_dir}", *extra, "-e", COUNT,
                                       "--format", "csv"),
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    lines = result.stdout.strip().splitlines()
    return result.returncode, (int(lines[1]) if result.returncode == 0 and len(lines) == 2 else None), result.stderr


def wait_for_loading(store_dir, process, limit=120):
    """Wait until a load has begun in ``store_dir`` (its build folder exists) and not finished."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if read_stamp(store_dir).get("loading") and list(store_dir.glob(BUILD_PREFIX + "*")):
            return read_stamp(store_dir)
        if process.poll() is not None:
            raise AssertionError(f"the loader ended before it could be caught loading: {process.returncode}")
        time.sleep(0.005)
    raise AssertionError("the loader never marked its load begun")


@pytest.mark.slow
def test_a_load_killed_half_way_is_redone_by_the_next_command_never_read(tmp_path, big_file):
    store_dir = tmp_path / "kg"
    loader = subprocess.Popen(kg_command("query", "--store", f"oxigraph:{store_dir}", "--data", big_file, "-e", COUNT),
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_loading(store_dir, loader)
    time.sleep(0.2)  # some triples are in, not all
    loader.send_signal(signal.SIGKILL)
    loader.wait(timeout=30)
    stamp = read_stamp(store_dir)
    assert stamp["complete"] is False and [entry["path"] for entry in stamp["loading"]] == [str(big_file)]
    # the next command (without --data: it only reads) finishes the load first, and counts every triple
    code, count, stderr = count_of(store_dir)
    assert (code, count) == (0, BIG), stderr
    assert read_stamp(store_dir)["complete"] is True and "loading" not in read_stamp(store_dir)
    assert count_of(store_dir, "--data", big_file)[:2] == (0, BIG)


@pytest.mark.slow
def test_a_second_loader_waits_and_reads_the_finished_store(tmp_path, big_file):
    store_dir = tmp_path / "kg"
    first = subprocess.Popen(kg_command("query", "--store", f"oxigraph:{store_dir}", "--data", big_file, "-e", COUNT,
                                        "--format", "csv"),
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_loading(store_dir, first)
    second = subprocess.Popen(kg_command("query", "--store", f"oxigraph:{store_dir}", "--data", big_file, "-e", COUNT,
                                         "--format", "csv"),
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out_first, err_first = first.communicate(timeout=600)
    out_second, err_second = second.communicate(timeout=600)
    assert first.returncode == 0 and second.returncode == 0, err_first + err_second
    assert out_first.split() == out_second.split() == ["n", str(BIG)]
    assert f"waiting for another process that is loading the store in {store_dir}" in err_second
    assert "Traceback" not in err_first + err_second


def test_a_reader_never_uses_a_store_whose_load_did_not_finish(tmp_path, root):
    """What an older kg left when a load was interrupted (RocksDB files in DIR itself, part of the triples,
    a stamp that says "loading") is loaded again, not read as it is."""
    import kg

    data = tmp_path / "one.nt"
    data.write_text("<urn:a> <urn:p> <urn:b> .\n<urn:a> <urn:p> <urn:c> .\n", encoding="utf-8")
    spec = f"oxigraph:{tmp_path / 'kg'}"
    import pyoxigraph

    outside = pyoxigraph.Store(str(tmp_path / "kg"))
    outside.update("INSERT DATA { GRAPH <%s> { <urn:a> <urn:p> <urn:b> } }" % data.resolve().as_uri())
    outside.flush()
    del outside
    stamp = {"token": "x", "complete": False, "first": True,
             "sources": [{"path": str(data.resolve()), "size": None, "mtime_ns": None, "sha256": None,
                          "graph": None, "pending": True}]}
    (tmp_path / "kg" / STAMP_NAME).write_text(json.dumps(stamp), encoding="utf-8")
    with pytest.raises(Exception, match="half-loaded"):
        check_current(spec)
    with kg.open(spec) as graph:
        assert graph.triple_count() == 2
    assert read_stamp(tmp_path / "kg")["complete"] is True
    assert (tmp_path / "kg" / LOCK_NAME).exists()


@pytest.fixture()
def project_copy(tmp_path, root):
    """A copy of the project's ontology/ and of graph_data/ with the seed and its register alone (KG_HOME
    points at it): its data can be edited, and the label edited below is stated by no other source."""
    home = tmp_path / "home"
    shutil.copytree(root / "ontology", home / "ontology")
    shutil.copytree(root / "graph_data", home / "graph_data", ignore=shutil.ignore_patterns("src-*"))
    return home


def _edit_one_label(home):
    """Rename one English label in the copy's graph_data; returns (old, new)."""
    for path in sorted((home / "graph_data").glob("*/*.ttl")):
        text = path.read_text(encoding="utf-8")
        if '"Lanzhou University"@en' in text:
            path.write_text(text.replace('"Lanzhou University"@en', '"Lanzhou University (edited)"@en'),
                            encoding="utf-8")
            return "Lanzhou University", "Lanzhou University (edited)"
    raise AssertionError("no English label 'Lanzhou University' in graph_data")


LABELS = ("SELECT ?name WHERE { <https://w3id.org/innovation-kg/id/org/lanzhou-university> skos:prefLabel ?name "
          "FILTER(lang(?name) = 'en') }")


def test_an_edited_input_is_reloaded_and_no_rebuild_refuses_instead(tmp_path, project_copy, monkeypatch):
    monkeypatch.setenv("KG_HOME", str(project_copy))
    store = f"oxigraph:{tmp_path / 'kg'}"
    runner = CliRunner()
    before = runner.invoke(cli, ["query", "--store", store, "-e", LABELS, "--format", "csv"])
    assert before.exit_code == 0 and before.output.strip().splitlines() == ["name", "Lanzhou University"], before.output
    assert runner.invoke(cli, ["query", "--store", store, "--no-rebuild", "-e", LABELS, "--format", "csv"]).exit_code == 0
    old, new = _edit_one_label(project_copy)
    refused = runner.invoke(cli, ["query", "--store", store, "--no-rebuild", "-e", LABELS, "--format", "csv"])
    assert refused.exit_code == 1
    lines = refused.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: the store in {tmp_path / 'kg'} is out of date: 1 input")
    assert "run without --no-rebuild" in lines[0]
    after = runner.invoke(cli, ["query", "--store", store, "-e", LABELS, "--format", "csv"])
    assert after.exit_code == 0 and after.output.strip().splitlines() == ["name", new]  # the old label is gone
    shown = runner.invoke(cli, ["show", "--store", store, new])
    assert shown.exit_code == 0 and new in shown.output


def test_data_into_an_existing_store_replaces_that_files_graph(tmp_path):
    data = tmp_path / "x.nt"
    store = f"oxigraph:{tmp_path / 'kg'}"
    runner = CliRunner()
    data.write_text('<urn:a> <urn:label> "old" .\n', encoding="utf-8")
    query = ["query", "--store", store, "--data", str(data), "-e", "SELECT ?o WHERE { <urn:a> ?p ?o }", "-f", "csv"]
    assert runner.invoke(cli, query).output.split() == ["o", "old"]
    data.write_text('<urn:a> <urn:label> "new" .\n', encoding="utf-8")
    assert runner.invoke(cli, query).output.split() == ["o", "new"]


@pytest.mark.parametrize("spec, message", [
    ("oxigraph:/etc/passwd", "Error: oxigraph:/etc/passwd is a file, not a store folder"),
    ("nosuch:x", "Error: unknown store 'nosuch:x'; valid stores: memory, oxigraph:DIR, sparql:URL, rdflib"),
])
def test_a_bad_store_is_one_error_line(spec, message):
    for extra in ([], ["--no-rebuild"]):
        result = CliRunner().invoke(cli, ["query", "--store", spec, *extra, "-e", COUNT])
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [message]


# -- loading never reaches out (issue 11, items 3-5) --

def test_a_remote_or_file_jsonld_context_is_refused_and_nothing_is_fetched(tmp_path):
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    hits = []

    def accept():
        end = time.monotonic() + 15
        while time.monotonic() < end:
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            hits.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    for context in (f"http://127.0.0.1:{port}/context.jsonld", "file:///etc/passwd",
                    [{"x": "urn:x"}, f"http://127.0.0.1:{port}/second"]):
        document = tmp_path / "ctx.jsonld"
        document.write_text(json.dumps({"@context": context, "@id": "urn:a", "urn:p": "b"}), encoding="utf-8")
        result = CliRunner().invoke(cli, ["stats", "--data", str(document)])
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "its @context refers to another document" in lines[0]
    listener.close()
    assert hits == []


def test_xml_entities_are_refused_at_once(tmp_path):
    bomb = tmp_path / "bomb.rdf"
    levels = "".join(f'<!ENTITY l{k} "{"&l%d;" % (k - 1) * 10}">' for k in range(1, 10))
    bomb.write_text(f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{levels}]>'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                    '<rdf:Description rdf:about="urn:a"><rdf:value>&l9;</rdf:value></rdf:Description></rdf:RDF>',
                    encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "kg.cli", "stats", "--data", str(bomb)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {bomb}: the file declares XML entities (<!ENTITY ...>), which RDF never needs and which can "
        "expand without bound (\"billion laughs\"); remove the DOCTYPE"]


def test_push_refuses_a_graph_iri_that_would_splice_into_sparql_before_sending(tmp_path):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        listener.settimeout(1)
        port = listener.getsockname()[1]
        result = CliRunner().invoke(cli, ["push", f"http://127.0.0.1:{port}/store", "--data", "tests/data/mini.ttl",
                                          "--graph", "urn:g> { ?s ?p ?o } } # "])
        assert result.exit_code == 1
        assert result.output.strip().splitlines()[0].startswith("Error: not an IRI: 'urn:g> { ?s ?p ?o } } # '")
        with pytest.raises(OSError):  # nobody connected
            listener.accept()
