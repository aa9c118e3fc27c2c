"""Betweenness at 1M triples (about 30k actors): kg's igraph path against networkx, side by side.

Usage: python bench/betweenness_igraph.py [--store /tmp/kg-bench-commands/store] [--k 100,500,2000]

Reads the cached projection of an ``oxigraph:DIR`` store (``python bench/commands.py large`` makes one),
computes exact betweenness once with igraph (through :func:`kg.analysis.centrality._igraph_betweenness`),
then for each sample size k times networkx's sampled betweenness and kg's (igraph, the same sources) in
the same process, checks that their scores are equal, and reports the top-100 overlap of the sampled
ranking with the exact one. Writes bench/results/betweenness-igraph.json.
"""

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="/tmp/kg-bench-commands/store")
    parser.add_argument("--k", default="100,500,2000")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import networkx as nx

    from kg.analysis.centrality import _igraph_betweenness
    from kg.analysis.network import undirected

    with open(Path(args.store) / ".kg-projection.pickle", "rb") as handle:  # magic line, 32-byte tag, pickles
        handle.readline(), handle.seek(32, 1)
        unpickler = pickle.Unpickler(handle)  # key, meta, graph, (view): one memo
        unpickler.load(), unpickler.load()
        G = unpickler.load()
    U = undirected(G)
    started = time.perf_counter()
    exact = _igraph_betweenness(U, None, 0)
    exact_s = time.perf_counter() - started
    top_exact = set(sorted(U, key=lambda v: (-exact[v], v))[:100])
    rows = []
    for k in (int(x) for x in args.k.split(",")):
        started = time.perf_counter()
        plain = nx.betweenness_centrality(U, k=k, seed=0, normalized=True)
        nx_s = time.perf_counter() - started
        started = time.perf_counter()
        fast = _igraph_betweenness(U, k, 0)
        kg_s = time.perf_counter() - started
        top = set(sorted(U, key=lambda v: (-fast[v], v))[:100])
        rows.append({"k": k, "networkx_s": round(nx_s, 2), "kg_igraph_s": round(kg_s, 2),
                     "ratio": round(kg_s / nx_s, 4), "max_score_difference": max(abs(fast[v] - plain[v]) for v in U),
                     "top100_overlap_with_exact": len(top & top_exact)})
        print(rows[-1], flush=True)
    result = {"actors": U.number_of_nodes(), "ties": U.number_of_edges(), "exact_igraph_s": round(exact_s, 2),
              "rows": rows, "command": "python bench/betweenness_igraph.py"}
    out = ROOT / "bench" / "results" / "betweenness-igraph.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
