"""Triple helix and brokerage at scale: kg's calls against the plain networkx calls they build on.

Usage: python bench/helix.py [--actors 31000] [--repeats 3] [--work /tmp/kg-bench-helix]

Writes (or reuses) a synthetic ecosystem with :mod:`kg.synth` (``--actors 31000`` gives about 1M
triples, seed 0), loads it with the whole ontology (sectors.ttl included) into memory, projects it once,
and then, on the same projection, times side by side (the two alternate, ``--repeats`` runs each after
one warm-up each; medians, and the ratio of the best runs too):

===========================  ==========================================  =============================
kg                           baseline (plain networkx)                   why that baseline
===========================  ==========================================  =============================
E-I index + sector ties      ``attribute_mixing_dict(U, "sector")``      the same tie-by-sector count
``KnowledgeGraph.helix()``   ``louvain_communities`` + mixing dict +     what helix needs beyond
                             igraph's subset betweenness of each         counting members (one timed
                             leader over its members                     run each: minutes at 1M)
brokerage (Gould–Fernandez)  ``nx.triangles(U)``                         the closed triads around every
                                                                         actor; the open ones are what
                                                                         brokerage classifies
constraint                   ``nx.constraint(U)``                        the same measure
effective size               ``nx.effective_size(U)``                    the same measure
===========================  ==========================================  =============================

``--as-of`` is measured on whole commands, and the filter alone against the projection read it
follows, by ``bench/commands.py as-of``.

Results go to bench/results/helix.json; docs/benchmarks.md quotes them. The issue's targets: helix and
brokerage within 1.5x of the plain call.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=31000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", default=os.environ.get("KG_BENCH_WORK", "/tmp/kg-bench-helix"))
    parser.add_argument("--out", default=str(RESULTS / "helix.json"))
    parser.add_argument("--skip-helix", action="store_true",
                        help="do not time KnowledgeGraph.helix (minutes at 1M); keep its row from the last run")
    args = parser.parse_args(argv)
    import networkx as nx

    from kg.analysis.centrality import compute
    from kg.analysis.helix import actor_sectors, cross_sector_ties, ei_index
    from side_by_side import alternate, machine, synthetic_graph, write_json

    graph, facts = synthetic_graph(args.actors, args.work)
    G, U = graph.network, graph.undirected

    scheme = graph.sector_scheme()
    started = time.perf_counter()
    sectors = actor_sectors(G, scheme)
    sectors_seconds = time.perf_counter() - started
    with_sector = sum(1 for s in sectors.values() if s is not None)
    print(f"sectors of {len(sectors):,} actors in {sectors_seconds:.2f} s ({with_sector:,} have one)", flush=True)
    plain = nx.Graph()  # for attribute_mixing_dict: the sector as a node attribute, as networkx wants it
    plain.add_nodes_from((n, {"sector": s}) for n, s in sectors.items() if n in U)
    plain.add_edges_from(U.edges())

    rows = {}

    def compare(name, baseline, ours, check=None, repeats=None):
        row, base_result, ours_result = alternate(baseline, ours, repeats or args.repeats)
        rows[name] = dict(row, **(check(base_result, ours_result) if check else {}))
        print(f"{name}: baseline {row['baseline_seconds']:.2f} s, kg {row['kg_seconds']:.2f} s, ratio {row['ratio']:.2f}x "
              f"{ {k: v for k, v in rows[name].items() if k.startswith('check')} }", flush=True)
        return ours_result

    def mixing_agrees(mixing, ours):
        ei, ties = ours
        from_mixing = sum(count for a, row in mixing.items() for b, count in row.items()
                          if a is not None and b is not None and a != b) // 2
        return dict(check_external_ties_equal=from_mixing == ei["external"],
                    check_ei_index=None if ei["index"] is None else round(ei["index"], 4))

    compare("ei_and_sector_ties", lambda: nx.attribute_mixing_dict(plain, "sector"),
            lambda: (ei_index(U, sectors), cross_sector_ties(U, sectors)), mixing_agrees)
    # the collaborations with a leader and their other members, found once: the baseline's input
    from kg.analysis.helix import COLLABORATION_CLASSES, members

    leader_roles = set(scheme["leader_roles"])
    led = []
    for node, cls in G.nodes(data="cls"):
        if cls in COLLABORATION_CLASSES:
            found = members(G, node)
            for leader, role, *_ in found:
                if role in leader_roles:
                    led.append((node, leader, sorted({m for m, *_ in found} - {leader})))
    nodes = list(U)
    index = {n: i for i, n in enumerate(nodes)}
    import igraph

    whole = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in U.edges() if a != b])

    def plain_dependence():
        """The leader's betweenness over its members' pairs, with the collaboration node removed."""
        shares = []
        for node, leader, others in led:
            cut = whole.copy()
            cut.delete_vertices([index[node]])
            shift = index[node]
            ends = [index[m] - (index[m] > shift) for m in others]
            if ends:
                cut.distances(source=ends, target=ends)
                shares.append(cut.betweenness(vertices=[index[leader] - (index[leader] > shift)], directed=False,
                                              sources=ends, targets=ends))
        return shares

    previous = Path(args.out)
    if args.skip_helix:
        kept = json.loads(previous.read_text()).get("results", {}).get("helix") if previous.is_file() else None
        if kept:
            rows["helix"] = dict(kept, kept_from=json.loads(previous.read_text())["machine"]["date"])
    else:
        compare("helix", lambda: (nx.community.louvain_communities(U, seed=0), nx.attribute_mixing_dict(plain, "sector"),
                                  plain_dependence()),
                lambda: graph.helix(seed=0),
                lambda base, ours: dict(check_communities=len(ours["communities"]["ei"]),
                                        check_collaboration_rows=len(ours["mix"]),
                                        check_dependence_rows=len(ours["dependence"]), check_led=len(led)),
                repeats=1)

    def open_triads_agree(triangles, rows_):
        open_triads = {n: U.degree(n) * (U.degree(n) - 1) // 2 - t for n, t in triangles.items()}
        counted = {row["iri"]: row["brokerage"] for row in rows_}
        # brokerage counts only the open triads whose two ends have a sector: never more than all of them
        return dict(check_never_above_open_triads=all(counted[n] <= open_triads[n] for n in counted),
                    check_brokers=sum(1 for v in counted.values() if v))

    compare("brokerage", lambda: nx.triangles(U),
            lambda: compute(G, ("brokerage",), U=U, sectors=sectors), open_triads_agree)

    def same_scores(measure):
        def check(base, rows_):
            ours = {row["iri"]: row[measure] for row in rows_}
            diffs = [abs(ours[n] - v) for n, v in base.items() if v == v and ours.get(n) is not None]
            return dict(check_max_difference=max(diffs) if diffs else None)
        return check

    compare("constraint", lambda: nx.constraint(U), lambda: compute(G, ("constraint",), U=U),
            same_scores("constraint"))
    compare("effective_size", lambda: nx.effective_size(U), lambda: compute(G, ("effective-size",), U=U),
            same_scores("effective-size"))

    result = dict(facts, sectors_seconds=round(sectors_seconds, 3), actors_with_sector=with_sector,
                  repeats=args.repeats, results=rows,
                  command=f"python bench/helix.py --actors {args.actors} --repeats {args.repeats}", machine=machine())
    write_json(args.out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
