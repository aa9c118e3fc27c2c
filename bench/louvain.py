"""`kg communities` (Louvain) at 1M triples against networkx's and igraph's Louvain on the same graph.

Usage: python bench/louvain.py --store oxigraph:DIR [--repeats 3]

DIR is a store loaded with ``kg synth --actors 31000 --seed 0`` and the ontology (``bench/path_warm.py``
makes one in /tmp/kg-bench-path/store-31000). On the undirected projection ``U`` (read from kg's cache),
in turns (one warm-up each, then ``--repeats`` runs each; medians):

- ``nx.community.louvain_communities(U, seed=0)``;
- igraph's ``Graph.community_multilevel()`` (its Louvain, in C), on an igraph copy of ``U`` made inside
  the timed part (``kg.analysis.network.to_igraph``), igraph's random numbers drawn from a
  ``random.Random(0)``;
- ``kg.analysis.communities.find_communities(U, "louvain", seed=0)``: the partition plus what kg adds
  (communities ordered and named, tie counts, modularity).

The floor is the fastest of the two library calls; the ratio is kg's median over the floor's. Results go
to bench/results/louvain.json; docs/benchmarks.md quotes them. Issue 24's target: <= 1.2x the floor.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="oxigraph:/tmp/kg-bench-path/store-31000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=str(RESULTS / "louvain.json"))
    parser.add_argument("--without-networkx", action="store_true",
                        help="leave networkx's Louvain out (20x slower than the floor; it never is the floor)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    import igraph
    import networkx as nx

    import kg
    from kg.analysis.communities import find_communities
    from kg.analysis.network import to_igraph
    from side_by_side import machine, write_json

    with kg.open(args.store) as graph:
        U, triples = graph.undirected, graph.triple_count()

    def networkx_louvain():
        return nx.community.louvain_communities(U, seed=0)

    def igraph_multilevel():
        previous = igraph.set_random_number_generator(random.Random(0))
        try:
            ig, nodes, _ = to_igraph(U)
            return ig.community_multilevel()
        finally:
            igraph.set_random_number_generator(previous or random)

    def kg_louvain():
        return find_communities(U, "louvain", seed=0)

    calls = {"networkx": networkx_louvain, "igraph": igraph_multilevel, "kg": kg_louvain}
    if args.without_networkx:
        del calls["networkx"]
    results = {name: call() for name, call in calls.items()}  # warm-up
    times = {name: [] for name in calls}
    cpu = {name: [] for name in calls}  # CPU time of this process: steadier than wall time on a shared machine
    for _ in range(args.repeats):
        for name, call in calls.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            call()
            times[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    cpu_medians = {name: statistics.median(runs) for name, runs in cpu.items()}
    floor = min((name for name in ("networkx", "igraph") if name in medians), key=medians.get)
    quality = {"igraph": round(results["igraph"].modularity, 4), "kg": round(results["kg"]["modularity"], 4)}
    if "networkx" in results:
        quality["networkx"] = round(nx.community.modularity(U, results["networkx"]), 4)
    rows = {name: dict(seconds=round(medians[name], 3), runs=[round(t, 3) for t in times[name]],
                       cpu_seconds=round(cpu_medians[name], 3), modularity=quality[name]) for name in calls}
    ratio = medians["kg"] / medians[floor]
    cpu_ratio = cpu_medians["kg"] / cpu_medians[floor]
    for name, row in rows.items():
        print(f"{name}: {row['seconds']:.3f} s, modularity {row['modularity']}")
    print(f"floor: {floor}; kg / floor = {ratio:.2f}x (CPU time {cpu_ratio:.2f}x)")
    write_json(args.out, {"store": args.store, "triples": triples, "actors": U.number_of_nodes(),
                          "ties": U.number_of_edges(), "repeats": args.repeats, "results": rows, "floor": floor,
                          "ratio": round(ratio, 3), "cpu_ratio": round(cpu_ratio, 3),
                          "command": "python bench/louvain.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                          "machine": machine()})


if __name__ == "__main__":
    main()
