"""`kg load` (the command) against `pyoxigraph.Store.bulk_load` into the same per-file graphs.

Usage: python bench/load.py [--actors 31000] [--repeats 3] [--work /tmp/kg-bench-load]

Writes a synthetic ecosystem with ``kg synth --actors N --seed 0`` (about 1M triples at 31000; kept in the
work folder between runs) and then times whole processes, in turns (one untimed warm-up each, then
``--repeats`` runs each; medians, and the ratio of the best runs too):

- **load**: ``kg load synth.nt ontology/innovation.ttl --store oxigraph:NEW`` (a fresh folder each run;
  it prints every named graph and its triple count) against the floor, a plain script that does the
  same load with the library alone: ``pyoxigraph.Store(NEW).bulk_load`` of each file into its own
  ``file:`` graph (the graphs kg fills), then ``flush``;
- **unchanged**: ``kg load`` of the same files again into the store it just filled (nothing to load;
  the counts come from the stamp) against a plain script that opens the store read-only with
  pyoxigraph and counts its quads with ``len`` (the cheapest way to say anything about it).

Results go to bench/results/load.json; docs/benchmarks.md quotes them. Issue 24's target: load <= 1.2x.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
KG = [sys.executable, "-m", "kg"]

FLOOR_LOAD = """
import sys, pyoxigraph
from pathlib import Path
store = pyoxigraph.Store(sys.argv[1])
for name in sys.argv[2:]:
    path = Path(name).resolve()
    fmt = pyoxigraph.RdfFormat.N_TRIPLES if path.suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
    store.bulk_load(path=str(path), format=fmt, base_iri=path.as_uri(), to_graph=pyoxigraph.NamedNode(path.as_uri()))
store.flush()
"""

FLOOR_OPEN = """
import sys, pyoxigraph
print(len(pyoxigraph.Store.read_only(sys.argv[1])))
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=31000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", default=os.environ.get("KG_BENCH_WORK", "/tmp/kg-bench-load"))
    parser.add_argument("--out", default=str(RESULTS / "load.json"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from side_by_side import machine, write_json

    work = Path(args.work)
    synth = work / f"synth-{args.actors}"
    if not (synth / "synth.nt").is_file():
        subprocess.run(KG + ["synth", "--actors", str(args.actors), "--seed", "0", "--out", str(synth)], check=True)
    files = [str(synth / "synth.nt"), str(ROOT / "ontology" / "innovation.ttl")]

    def fresh(name):
        folder = work / name
        shutil.rmtree(folder, ignore_errors=True)
        return folder

    def kg_load():
        return _run(KG + ["load", *files, "--store", f"oxigraph:{fresh('kg-store')}"])

    def floor_load():
        return _run([sys.executable, "-c", FLOOR_LOAD, str(fresh("floor-store")), *files])

    def kg_unchanged():
        return _run(KG + ["load", *files, "--store", f"oxigraph:{work / 'kg-store'}"])

    def floor_open():
        return _run([sys.executable, "-c", FLOOR_OPEN, str(work / "floor-store")])

    rows = {"load": _alternate(floor_load, kg_load, args.repeats),
            "unchanged": _alternate(floor_open, kg_unchanged, args.repeats)}
    printed = subprocess.run(KG + ["load", *files, "--store", f"oxigraph:{work / 'kg-store'}"], capture_output=True,
                             text=True, check=True).stdout.strip().splitlines()[-1]
    for name, row in rows.items():
        print(f"{name}: floor {row['baseline_seconds']:.2f} s, kg {row['kg_seconds']:.2f} s, ratio {row['ratio']:.2f}x "
              f"(best {row['best_ratio']:.2f}x)", flush=True)
    result = {"actors_requested": args.actors, "kg_load_says": printed, "repeats": args.repeats, "results": rows,
              "command": "python bench/load.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "machine": machine()}
    write_json(args.out, result)
    print(json.dumps({name: row["ratio"] for name, row in rows.items()}))


# helpers

def _run(command):
    env = dict(os.environ, KG_NO_PROGRESS="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode written, as an installed package has it
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    return time.perf_counter() - started


def _alternate(baseline, ours, repeats):
    baseline(), ours()  # warm-up: the page cache, the first import
    base_all, ours_all = [], []
    for _ in range(repeats):
        base_all.append(baseline())
        ours_all.append(ours())
    base_s, ours_s = statistics.median(base_all), statistics.median(ours_all)
    return dict(baseline_seconds=round(base_s, 3), kg_seconds=round(ours_s, 3), ratio=round(ours_s / base_s, 3),
                best_ratio=round(min(ours_all) / min(base_all), 3),
                baseline_runs=[round(t, 3) for t in base_all], kg_runs=[round(t, 3) for t in ours_all])


if __name__ == "__main__":
    main()
