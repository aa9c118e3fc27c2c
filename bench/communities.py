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
- leiden (``leidenalg`` on igraph) when both are installed, against the plain leidenalg call.

``--as-of`` is measured on whole commands (``kg communities`` among them) by ``bench/commands.py as-of``.

Results go to bench/results/communities.json; docs/benchmarks.md quotes them. The issue's targets:
communities within 1.5x of the plain call.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=31000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", default=os.environ.get("KG_BENCH_WORK", "/tmp/kg-bench-communities"))
    parser.add_argument("--out", default=str(RESULTS / "communities.json"))
    args = parser.parse_args(argv)
    import networkx as nx

    from kg.analysis.communities import find_communities
    from side_by_side import alternate, machine, synthetic_graph, write_json

    graph, facts = synthetic_graph(args.actors, args.work)
    U = graph.undirected

    rows = {}

    def compare(name, baseline, ours, quality):
        row, base_result, ours_result = alternate(baseline, ours, args.repeats)
        rows[name] = dict(row, **quality(base_result, ours_result))
        print(f"{name}: baseline {row['baseline_seconds']:.2f} s, kg {row['kg_seconds']:.2f} s, "
              f"ratio {row['ratio']:.2f}x; { {k: v for k, v in rows[name].items() if not k.endswith('_runs')} }",
              flush=True)

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

    write_json(args.out, dict(facts, repeats=args.repeats, results=rows, machine=machine()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
