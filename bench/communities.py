"""Communities at scale: time and modularity of `kg communities` against the plain networkx call.

Usage: python bench/communities.py [--actors 31000] [--repeats 5] [--work /tmp/kg-bench-communities]

Writes a synthetic ecosystem with :mod:`kg.synth` (``--actors 31000`` gives about 1M triples; seed 0;
kept in the work folder between runs), loads it with the ontology into memory, projects it once, and
then, on the same undirected projection, times side by side (the two alternate, ``--repeats`` runs each
after one warm-up run each; medians, and the ratio of the best runs too):

- ``networkx.community.louvain_communities(U, seed=0)`` (the baseline) against
  ``kg.analysis.communities.find_communities(U, "louvain", seed=0)`` (which also orders, names and
  counts the communities and computes their modularity);
- ``networkx.community.asyn_lpa_communities(U, seed=0)`` against ``find_communities(U,
  "label-propagation", seed=0)``;
- leiden (``leidenalg`` on igraph) when both are installed, against the plain leidenalg call;
- ``kg.analysis.timeline.as_of`` (the ``--as-of`` filter) against the Louvain call it precedes.

Results go to bench/results/communities.json; docs/benchmarks.md quotes them. The issue's targets:
communities within 1.5x of the plain call, ``--as-of`` filtering at most 20% on top of a command.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def timed(function, repeats):
    """(median seconds, all seconds, last result) of ``function()`` after one warm-up run."""
    result = function()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=31000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", default=os.environ.get("KG_BENCH_WORK", "/tmp/kg-bench-communities"))
    parser.add_argument("--out", default=str(RESULTS / "communities.json"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import networkx as nx

    import kg
    from kg.analysis.communities import find_communities
    from kg.analysis.timeline import as_of
    from kg.synth import generate

    work = Path(args.work) / f"synth-{args.actors}"
    if not (work / "synth.nt").is_file():
        started = time.perf_counter()
        generate(args.actors, seed=0, out_dir=work)
        print(f"synth: {time.perf_counter() - started:.1f} s", flush=True)
    ontology = sorted(p for p in (ROOT / "ontology").glob("*.ttl") if p.name != "shapes.ttl")
    started = time.perf_counter()
    graph = kg.open(data=[*ontology, work / "synth.nt"])
    G, U = graph.network, graph.undirected
    triples = graph.triple_count()
    load_seconds = time.perf_counter() - started
    print(f"loaded and projected {triples:,} triples in {load_seconds:.1f} s: {len(U):,} actors, "
          f"{U.number_of_edges():,} ties", flush=True)

    rows = {}

    def compare(name, baseline, ours, quality):
        """Baseline and kg run alternately (after one warm-up each), so both see the same machine load."""
        base_result, ours_result = baseline(), ours()
        base_all, ours_all = [], []
        for _ in range(args.repeats):
            for function, times in ((baseline, base_all), (ours, ours_all)):
                started = time.perf_counter()
                function()
                times.append(time.perf_counter() - started)
        base_s, ours_s = statistics.median(base_all), statistics.median(ours_all)
        rows[name] = dict(baseline_seconds=round(base_s, 3), kg_seconds=round(ours_s, 3),
                          ratio=round(ours_s / base_s, 3), best_ratio=round(min(ours_all) / min(base_all), 3),
                          baseline_runs=[round(t, 3) for t in base_all], kg_runs=[round(t, 3) for t in ours_all],
                          **quality(base_result, ours_result))
        print(f"{name}: baseline {base_s:.2f} s, kg {ours_s:.2f} s, ratio {ours_s / base_s:.2f}x; "
              f"{ {k: v for k, v in rows[name].items() if k not in ('baseline_runs', 'kg_runs')} }", flush=True)

    def partition_quality(base, ours):
        return dict(communities=len(ours["communities"]), modularity=round(ours["modularity"], 4),
                    baseline_modularity=round(nx.community.modularity(U, base), 4),
                    largest=ours["communities"][0]["size"])

    compare("louvain", lambda: nx.community.louvain_communities(U, seed=0),
            lambda: find_communities(U, "louvain", seed=0), partition_quality)
    compare("label-propagation", lambda: list(nx.community.asyn_lpa_communities(U, seed=0)),
            lambda: find_communities(U, "label-propagation", seed=0), partition_quality)
    try:
        import igraph
        import leidenalg
    except ImportError:
        rows["leiden"] = {"skipped": "igraph/leidenalg not installed"}
    else:
        nodes = list(U)
        index = {n: i for i, n in enumerate(nodes)}

        def plain_leiden():
            ig = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in U.edges()])
            part = leidenalg.find_partition(ig, leidenalg.RBConfigurationVertexPartition, resolution_parameter=1.0,
                                            seed=0)
            return [{nodes[i] for i in p} for p in part]

        compare("leiden", plain_leiden, lambda: find_communities(U, "leiden", seed=0), partition_quality)

    dates = graph.dates()
    filter_s, filter_all, filtered = timed(lambda: as_of(G, dates, "2024-06"), args.repeats)
    rows["as_of_filter"] = dict(seconds=round(filter_s, 3), runs=[round(t, 3) for t in filter_all],
                                share_of_louvain=round(filter_s / rows["louvain"]["kg_seconds"], 3),
                                actors_kept=len(filtered), actors=len(G))
    print(f"as_of filter: {filter_s:.2f} s ({rows['as_of_filter']['share_of_louvain']:.2f} of one louvain run)")

    result = dict(actors_requested=args.actors, triples=triples, actors=len(U), ties=U.number_of_edges(),
                  load_and_project_seconds=round(load_seconds, 1), repeats=args.repeats, results=rows,
                  machine=dict(cpus=os.cpu_count(), python=platform.python_version(), networkx=nx.__version__,
                               load_average=[round(x, 2) for x in os.getloadavg()],
                               date=time.strftime("%Y-%m-%d %H:%M", time.gmtime())))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    temporary.replace(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
