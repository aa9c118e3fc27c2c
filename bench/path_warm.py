"""Warm `kg path` against the frozen-collector floor: unpickle the projection with the collector off, freeze
it, find the path on networkx's undirected view and print it.

Usage: python bench/path_warm.py [--actors 31000] [--repeats 5] [--work /tmp/kg-bench-path]

Writes ``kg synth --actors N --seed 0`` (31000: about 1M triples; 93000: about 3M), loads it with the
ontology into ``oxigraph:WORK/store-N`` and runs ``kg stats`` once (which writes the cached projection,
the undirected view beside it). The floor reads a plain pickle of the same projection (``G`` alone,
written once by this script; no tag to check) the way kg does at its leanest: ``gc.disable()`` while
unpickling, then ``gc.freeze()``, then ``nx.bidirectional_shortest_path(G.to_undirected(as_view=True))``.
``kg path A B --store oxigraph:...`` also checks the cache's HMAC, resolves both names and prints every
hop with its evidence. Whole processes, in turns (one warm-up each, then ``--repeats`` each; medians of
wall time and of CPU time, the steadier of the two when other jobs share the machine).

Results go to bench/results/path-warm-N.json; docs/benchmarks.md quotes them. Issue 24's target: <= 1.2x.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
KG = [sys.executable, "-m", "kg"]

FLOOR = r"""
import gc, pickle, sys
import networkx as nx
gc.disable()
with open(sys.argv[1], "rb") as handle:
    G = pickle.load(handle)
gc.freeze()
gc.enable()
print(nx.bidirectional_shortest_path(G.to_undirected(as_view=True), sys.argv[2], sys.argv[3]))
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=31000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", default=os.environ.get("KG_BENCH_WORK", "/tmp/kg-bench-path"))
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from side_by_side import machine, write_json

    work = Path(args.work)
    synth = work / f"synth-{args.actors}"
    env = dict(os.environ, KG_NO_PROGRESS="1")
    # bytecode written, as an installed package has it (bench/commands.py says why)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not (synth / "synth.nt").is_file():
        subprocess.run(KG + ["synth", "--actors", str(args.actors), "--seed", "0", "--out", str(synth)], check=True)
    spec = f"oxigraph:{work / f'store-{args.actors}'}"
    subprocess.run(KG + ["load", str(synth / "synth.nt"), str(ROOT / "ontology" / "innovation.ttl"), "--store", spec],
                   check=True, stdout=subprocess.DEVNULL, env=env)
    subprocess.run(KG + ["stats", "--store", spec], check=True, stdout=subprocess.DEVNULL, env=env)
    floor_pickle = work / f"floor-{args.actors}.pickle"
    source, target, triples = _floor_pickle(spec, floor_pickle)
    kg_path = KG + ["path", source, target, "--store", spec]
    floor = [sys.executable, "-c", FLOOR, str(floor_pickle), source, target]
    for command in (floor, kg_path):  # warm-up: the file cache
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    floor_all, kg_all, floor_cpu, kg_cpu = [], [], [], []
    for _ in range(args.repeats):
        for runs, cpus, argv in ((floor_all, floor_cpu, floor), (kg_all, kg_cpu, kg_path)):
            wall, cpu = _wall(argv, env)
            runs.append(wall)
            cpus.append(cpu)
    floor_s, kg_s = statistics.median(floor_all), statistics.median(kg_all)
    row = dict(baseline_seconds=round(floor_s, 3), kg_seconds=round(kg_s, 3), ratio=round(kg_s / floor_s, 3),
               best_ratio=round(min(kg_all) / min(floor_all), 3), baseline_runs=[round(t, 3) for t in floor_all],
               kg_runs=[round(t, 3) for t in kg_all],
               # CPU time (user + system) of each process: steadier than wall time on a shared machine
               baseline_cpu_seconds=round(statistics.median(floor_cpu), 3),
               kg_cpu_seconds=round(statistics.median(kg_cpu), 3),
               cpu_ratio=round(statistics.median(kg_cpu) / statistics.median(floor_cpu), 3),
               load_average=[round(x, 2) for x in os.getloadavg()])
    print(f"warm kg path at {triples:,} triples: floor {floor_s:.2f} s, kg {kg_s:.2f} s, ratio {row['ratio']:.2f}x "
          f"(best {row['best_ratio']:.2f}x); CPU time ratio {row['cpu_ratio']:.2f}x")
    result = {"actors_requested": args.actors, "triples": triples, "source": source, "target": target,
              "repeats": args.repeats, "results": {"path_warm": row},
              "command": "python bench/path_warm.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "machine": machine()}
    write_json(args.out or RESULTS / f"path-warm-{args.actors}.json", result)


# helpers

def _floor_pickle(spec, out):
    """Write the projection kg cached as a plain pickle of ``G``; two organisations far apart in it."""
    import pickle

    import networkx as nx

    import kg

    with kg.open(spec) as graph:
        G, triples = graph.network, graph.triple_count()
    with open(out, "wb") as handle:
        pickle.dump(G, handle, protocol=pickle.HIGHEST_PROTOCOL)
    U = G.to_undirected(as_view=True)
    part = max(nx.connected_components(U), key=len)
    start = min(node for node in part if "/org/" in node)
    far = nx.single_source_shortest_path_length(U, start, cutoff=6)
    end = max(sorted(node for node in far if "/org/" in node), key=far.get)
    return start, end, triples


def _wall(argv, env):
    """Wall seconds and CPU seconds (user + system) of one whole process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


if __name__ == "__main__":
    main()
