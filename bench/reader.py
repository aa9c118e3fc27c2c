"""Issue 13's speed targets, each beside a baseline run in turns in the same process: absolute times and ratios.

Usage::

    python bench/reader.py [--repeats 9] [--large-store /tmp/kg-bench-commands/store] [--large-repeats 9]
    python bench/reader.py --skip-large          # the article graph only
    python bench/reader.py report                # the markdown table from bench/results/reader.json

Writes ``bench/results/reader.json``. Every row gives the first call after start-up (``first_s``) and the
median of the calls after it (``kg_s``), with the baseline's figures measured the same way, alternating
with it, so both see the same caches and the same load on the machine.

- **reader page** ``/source/000_53c5d41e29162869`` through Starlette's TestClient over ``kg.serve``
  (``create_app``, one worker), target under 100 ms for the first request after start-up; baseline:
  the same bytes as a static file, served by Starlette's ``StaticFiles`` through a TestClient too.
- **dossier** of 甘肃省离子放射治疗技术创新联合体 (``kg.dossier.write_dossier``, HTML and Markdown, into a
  temporary folder) on the article graph, target under 1 s; baseline: the network view page around the
  same actor (``kg.serve.pages.view_html(kg, around=IRI, depth=1)``), which the HTML dossier embeds.
- **reconciliation** of a batch of 100 names (``kg.serve.reconcile.reconcile_job``; on the article graph
  also the ``POST /reconcile`` answer through a TestClient), target under 1 s on the article graph and
  under 3 s on about 1M triples (``kg synth --actors 31000 --seed 0`` in ``oxigraph:DIR``, made if its
  ``.kg-stamp.json`` is missing, reused otherwise); baseline: one SPARQL query that looks the same 100
  names up exactly (``VALUES`` over ``skos:prefLabel|skos:altLabel``) in the same store. The first
  batch on a graph makes its name index (``kg.analysis.resolve.name_index``); the batches after it reuse it.
- **one lookup** (what ``kg show`` and ``kg path`` pay per name): ``resolve`` of a known name and of the
  same name misspelt, each on an index made anew (``name_index(G, fresh=True)``: a command's first
  question), on both graphs; baseline: the exact SPARQL lookup of that one name.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from side_by_side import machine  # bench/ is on the path of a script run from it

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SOURCE_ID = "000_53c5d41e29162869"
DOSSIER_ACTOR = "甘肃省离子放射治疗技术创新联合体"
LARGE_STORE = "/tmp/kg-bench-commands/store"
BATCH = 100
#: names no actor has, a tenth of each batch: a reconciler must also say "nothing"
UNKNOWN_NAMES = ["华夏未来科技有限公司", "Nowhere Institute of Technology", "西部星河研究院", "青岚生物医药集团",
                 "Blue Lake Robotics Co., Ltd.", "东方云谷大学", "北辰新材料实验室", "Silk Road Quantum Lab",
                 "河西走廊智造联盟", "Qilian Mountain Energy Group"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", nargs="?", choices=["run", "report"], default="run")
    parser.add_argument("--repeats", type=int, default=9, help="timed calls after the first (article graph)")
    parser.add_argument("--large-store", default=LARGE_STORE, help="oxigraph folder of the 1M-triple graph")
    parser.add_argument("--large-repeats", type=int, default=9, help="timed calls after the first (1M triples)")
    parser.add_argument("--skip-large", action="store_true", help="only the article graph")
    args = parser.parse_args(argv)
    path = RESULTS / "reader.json"
    if args.action == "report":
        print(_table(json.loads(path.read_text())))
        return 0
    os.environ.setdefault("KG_NO_PROGRESS", "1")
    import kg

    started = time.perf_counter()
    article = kg.open()
    article.network  # the projection (from its cache when fresh): start-up, not the measured work
    startup = {"article_open_s": round(time.perf_counter() - started, 3)}
    rows = [*_reader_rows(article, args.repeats), *_dossier_rows(article, args.repeats),
            *_reconcile_rows(article, "article graph", 1.0, args.repeats, client=True),
            *_lookup_rows(article, "article graph", args.repeats)]
    triples = None
    if not args.skip_large:
        large, triples, opened = _open_large(Path(args.large_store))
        startup["large_open_s"] = round(opened, 3)
        rows += _reconcile_rows(large, f"{triples:,} triples", 3.0, args.large_repeats, client=False)
        rows += _lookup_rows(large, f"{triples:,} triples", args.large_repeats)
        large.close()
    result = {"command": "python bench/reader.py" + (" --skip-large" if args.skip_large else ""),
              "repeats": args.repeats, "large_repeats": None if args.skip_large else args.large_repeats,
              "large_triples": triples, "startup": startup, "rows": rows, "machine": machine()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)
    print(_table(result))
    return 0


# -- the measures ----------------------------------------------------------------------------------

def _reader_rows(article, repeats):
    """The reader page over kg.serve against the same bytes as a static file, both through a TestClient."""
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles
    from starlette.testclient import TestClient

    from kg.serve import create_app

    # the static twin must be the same size: take the page's bytes from a throwaway server first
    with TestClient(create_app(article, timeout=30, workers=1), base_url="http://127.0.0.1:8000") as probe:
        page = probe.get(f"/source/{SOURCE_ID}")
        page.raise_for_status()
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-reader-"))
    (folder / "page.html").write_bytes(page.content)
    static = Starlette(routes=[Mount("/static", app=StaticFiles(directory=str(folder)))])
    app = create_app(article, timeout=30, workers=1)
    try:
        with TestClient(app, base_url="http://127.0.0.1:8000") as served, \
                TestClient(static, base_url="http://127.0.0.1:8000") as plain:
            def reader():
                answer = served.get(f"/source/{SOURCE_ID}")
                assert answer.status_code == 200 and answer.content == page.content

            def baseline():
                answer = plain.get("/static/page.html")
                assert answer.status_code == 200 and answer.content == page.content

            row = _compare(f"reader page /source/{SOURCE_ID} (kg.serve, TestClient)", reader,
                           f"static file of the same {len(page.content):,} bytes (StaticFiles, TestClient)",
                           baseline, repeats, target_s=0.1)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return [row]


def _dossier_rows(article, repeats):
    """``kg dossier`` (HTML and Markdown) against the view page around the same actor."""
    from kg.dossier import write_dossier
    from kg.serve.pages import view_html

    iri = article.actor(DOSSIER_ACTOR)["iri"]
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-dossier-"))
    rows = []
    try:
        for suffix in ("html", "md"):
            out = folder / f"dossier.{suffix}"
            rows.append(_compare(f"kg.dossier.write_dossier({DOSSIER_ACTOR}, .{suffix}, zh) on the article graph",
                                 lambda out=out: write_dossier(article, DOSSIER_ACTOR, out, "zh"),
                                 "view page around the same actor (pages.view_html, depth 1)",
                                 lambda: view_html(article, around=iri, depth=1, lang="zh"), repeats, target_s=1.0,
                                 fresh=(f"from kg.dossier import write_dossier; write_dossier(graph, sys.argv[1], "
                                        f"out + '/d.{suffix}', 'zh')",
                                        "from kg.serve.pages import view_html; view_html(graph, iri, 1, 'zh')")))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def _reconcile_rows(graph, label, target, repeats, client):
    """A batch of 100 names through the reconciler against an exact SPARQL lookup of the same names."""
    from kg.serve.reconcile import reconcile_job

    names = _batch(graph)
    queries = {f"q{i}": {"query": name} for i, name in enumerate(names)}
    lookup = _exact_lookup_query(names)

    def baseline():
        list(graph.store.query(lookup))

    rows = [_compare(f"reconcile 100 names (reconcile_job) on the {label}", lambda: reconcile_job(graph, queries),
                     "one SPARQL VALUES query looking the 100 names up exactly", baseline, repeats, target_s=target)]
    if client:
        from starlette.testclient import TestClient

        from kg.serve import create_app

        body = {"queries": json.dumps(queries, ensure_ascii=False)}
        with TestClient(create_app(graph, timeout=60, workers=1), base_url="http://127.0.0.1:8000") as served:
            def service():
                answer = served.post("/reconcile", data=body)
                assert answer.status_code == 200 and len(answer.json()) == BATCH

            rows.append(_compare(f"POST /reconcile, 100 names (TestClient) on the {label}", service,
                                 "one SPARQL VALUES query looking the 100 names up exactly", baseline, repeats,
                                 target_s=target))
    return rows


def _lookup_rows(graph, label, repeats):
    """One name resolved on a name index made anew (a command's first lookup), known and misspelt."""
    from kg.analysis.resolve import name_index, resolve
    from kg.errors import UnknownActor

    G = graph.network
    known = _batch(graph)[0]
    misspelt = known[:2] + known[3] + known[2] + known[4:] if len(known) > 4 else known + "x"
    rows = []
    for kind, name in (("a known name", known), ("the same name misspelt", misspelt)):
        lookup = _exact_lookup_query([name])

        def first_lookup(name=name):
            name_index(G, fresh=True)
            try:
                resolve(G, name)
            except UnknownActor:  # a misspelt name: the error lists the closest names
                pass

        rows.append(_compare(f"resolve {kind} ({name}) on a fresh name index, {label}", first_lookup,
                             "one SPARQL VALUES query looking that name up exactly",
                             lambda lookup=lookup: list(graph.store.query(lookup)), repeats, target_s=None))
    return rows


# -- helpers ---------------------------------------------------------------------------------------

def _compare(label, function, baseline_label, baseline, repeats, target_s, fresh=None):
    """The first call of each, then ``repeats`` more in turns; the row compares first calls and medians.

    ``fresh`` (a pair of code snippets, the measure's and the baseline's) times the first call again in a
    new process, after its start-up: what a command pays once (lazy imports, caches of its own)."""
    first = _timed(function)
    base_first = _timed(baseline)
    times, base = [], []
    for _ in range(repeats):
        times.append(_timed(function))
        base.append(_timed(baseline))
    kg_s = statistics.median(times) if times else first
    base_s = statistics.median(base) if base else base_first
    row = {"measure": label, "baseline": baseline_label, "first_s": round(first, 4), "kg_s": round(kg_s, 4),
           "baseline_first_s": round(base_first, 4), "baseline_s": round(base_s, 4),
           "ratio": round(kg_s / base_s, 2) if base_s else None, "target_s": target_s}
    if fresh:
        row["first_fresh_s"] = round(_fresh_first(fresh[0]), 4)
        row["baseline_first_fresh_s"] = round(_fresh_first(fresh[1]), 4)
    first_seen = max(first, row.get("first_fresh_s", 0))
    if target_s is None:  # no target: the row only measures
        row["met_first"] = row["met_median"] = None
    else:
        row["met_first"], row["met_median"] = first_seen < target_s, kg_s < target_s
    return row


#: a new process opens the article graph and its projection (start-up), then times one snippet
_FRESH = """
import sys, tempfile, time
import kg
graph = kg.open()
graph.network
iri = graph.actor(sys.argv[1])["iri"]
out = tempfile.mkdtemp(prefix="kg-bench-fresh-")
started = time.perf_counter()
exec(sys.argv[2])
print(time.perf_counter() - started)
"""


def _fresh_first(snippet):
    done = subprocess.run([sys.executable, "-c", _FRESH, DOSSIER_ACTOR, snippet], capture_output=True, text=True,
                          check=True, env=dict(os.environ, KG_NO_PROGRESS="1"))
    return float(done.stdout.strip().splitlines()[-1])


def _timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _batch(graph):
    """100 names, the same every run: 90 actors' names as people write them (Chinese name, English name
    as is, lower-cased or upper-cased, an alias), then 10 names no actor has."""
    G = graph.network
    rng = random.Random(0)
    nodes = rng.sample(sorted(G.nodes), min(BATCH - len(UNKNOWN_NAMES), G.number_of_nodes()))
    names = []
    for index, node in enumerate(nodes):
        data = G.nodes[node]
        forms = [data["label_zh"], data["label_en"], data["label_en"].lower(), data["label_en"].upper()]
        forms += list(data.get("aliases") or ())[:1]
        names.append(forms[index % len(forms)])
    names += UNKNOWN_NAMES
    while len(names) < BATCH:  # a graph of fewer actors repeats its names
        names.append(names[len(names) % max(1, len(nodes))])
    return names[:BATCH]


def _exact_lookup_query(names):
    literals = " ".join(f"{json.dumps(name, ensure_ascii=False)}@{lang}" for name in names for lang in ("zh", "en"))
    return ("SELECT ?name ?actor WHERE { VALUES ?name { " + literals + " } "
            "?actor <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2004/02/skos/core#altLabel> "
            "?name }")


def _open_large(directory):
    """The 1M-triple graph: ``directory`` reused when it was loaded completely, else made (kg synth)."""
    import kg

    if not (directory / ".kg-stamp.json").is_file():
        work = directory.parent
        kg_command = Path(sys.executable).parent / "kg"
        print("making the 1M-triple store (kg synth; minutes)...", file=sys.stderr)
        subprocess.run([str(kg_command), "synth", "--actors", "31000", "--seed", "0", "--out", str(work / "synth"),
                        "--load", f"oxigraph:{directory}"], check=True)
    started = time.perf_counter()
    graph = kg.open(f"oxigraph:{directory}")
    graph.network
    opened = time.perf_counter() - started
    triples = json.loads((directory / ".kg-stamp.json").read_text()).get("triples") or graph.triple_count()
    return graph, triples, opened


def _table(result):
    lines = [f"`{result['command']}`: the first call after start-up (the dossiers' also in a new process), "
             f"then the median of {result['repeats']} (1M triples: of {result['large_repeats']})", "",
             "| measure | first (s) | median (s) | baseline | baseline first (s) | baseline median (s) | ratio | "
             "target | first met | median met |", "| --- | ---: | ---: | --- | ---: | ---: | ---: | --- | --- | --- |"]
    for row in result["rows"]:
        first = f"{row['first_s']:.3f}" + (f" (new process {row['first_fresh_s']:.3f})" if "first_fresh_s" in row else "")
        base_first = f"{row['baseline_first_s']:.3f}" + (
            f" (new process {row['baseline_first_fresh_s']:.3f})" if "baseline_first_fresh_s" in row else "")
        lines.append(f"| {row['measure']} | {first} | {row['kg_s']:.3f} | {row['baseline']} | {base_first} | "
                     f"{row['baseline_s']:.3f} | {row['ratio']}x | "
                     + (f"< {row['target_s']} s | {'yes' if row['met_first'] else 'no'} | "
                        f"{'yes' if row['met_median'] else 'no'} |" if row["target_s"] is not None else "- | - | - |"))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
