"""What the benchmarks share: a synthetic graph at scale, kg's call timed against its baseline in turns,
the machine they ran on, and the results written whole (bench/communities.py, bench/helix.py; the
machine for bench/commands.py and bench/reader.py too)."""

import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def synthetic_graph(actors, work):
    """A KnowledgeGraph over ``kg.synth`` data of ``actors`` actors (seed 0, written once into ``work``)
    and the whole ontology, in memory, projected: ``(graph, facts)``, facts being its size and load time."""
    import kg
    from kg.synth import generate

    folder = Path(work) / f"synth-{actors}"
    if not (folder / "synth.nt").is_file():
        started = time.perf_counter()
        generate(actors, seed=0, out_dir=folder)
        print(f"synth: {time.perf_counter() - started:.1f} s", flush=True)
    ontology = sorted(p for p in (ROOT / "ontology").glob("*.ttl") if p.name != "shapes.ttl")
    started = time.perf_counter()
    graph = kg.open(data=[*ontology, folder / "synth.nt"])
    U = graph.undirected
    triples = graph.triple_count()
    seconds = time.perf_counter() - started
    print(f"loaded and projected {triples:,} triples in {seconds:.1f} s: {len(U):,} actors, "
          f"{U.number_of_edges():,} ties", flush=True)
    return graph, dict(actors_requested=actors, triples=triples, actors=len(U), ties=U.number_of_edges(),
                       load_and_project_seconds=round(seconds, 1))


def alternate(baseline, ours, repeats, *, release=None):
    """Time ``baseline`` and ``ours`` in turns, ``repeats`` runs each after one warm-up each (so both
    see the same machine load): ``(row, baseline's result, ours' result)``, the results from the warm-up.

    ``release(result)``, when given, frees each timed run's result outside the timed part, followed by a
    full collection before the next run: a big result freed by the cyclic collector is otherwise billed
    to whichever run the collector happens to fall in."""
    base_result, ours_result = baseline(), ours()
    base_all, ours_all = [], []
    for _ in range(repeats):
        for function, times in ((baseline, base_all), (ours, ours_all)):
            if release is None:
                started = time.perf_counter()
                function()
                times.append(time.perf_counter() - started)
                continue
            gc.collect()
            started = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - started)
            release(result)
            del result
            gc.collect()
    base_s, ours_s = statistics.median(base_all), statistics.median(ours_all)
    row = dict(baseline_seconds=round(base_s, 3), kg_seconds=round(ours_s, 3), ratio=round(ours_s / base_s, 3),
               best_ratio=round(min(ours_all) / min(base_all), 3),
               baseline_runs=[round(t, 3) for t in base_all], kg_runs=[round(t, 3) for t in ours_all])
    return row, base_result, ours_result


def machine():
    """The machine and its load when a run ends (every benchmark's JSON carries it)."""
    import networkx as nx

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return dict(cpus=os.cpu_count(), python=platform.python_version(), platform=platform.platform(),
                networkx=nx.__version__, load_average=[round(x, 2) for x in load] if load else None,
                date=time.strftime("%Y-%m-%d %H:%M", time.gmtime()))


def write_json(out, result):
    """Write ``result`` to ``out`` whole (a temporary file, then renamed)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    temporary.replace(out)
    print(f"wrote {out}")
