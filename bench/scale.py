"""Scale benchmarks for innovation-kg: load, SPARQL, paths, centrality and peak memory, with baselines.

Run by hand, never by CI (see docs/benchmarks.md for the commands and the figures)::

    python bench/scale.py run --sizes 10k,100k,1M          # every step at every size
    python bench/scale.py betweenness-exact --actors 20400  # once, long: exact networkx betweenness
    python bench/scale.py betweenness --actors 20400        # sampled vs exact, igraph reference
    python bench/scale.py report                            # markdown tables from bench/results/*.json

Each step runs in its own Python process, so its peak RSS (``ru_maxrss``) is its own; every line that
states a ratio compares with a baseline measured by the same script on the same files, the same day.
Synthetic data comes from :mod:`kg.synth` (seed 0) and is kept in the work folder between runs.
"""

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import kg  # kg.open: each step reads the store it was given, as the CLI does

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ONTOLOGY = ROOT / "ontology" / "innovation.ttl"
GRAPH_IRI = "https://w3id.org/innovation-kg/graph/main"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", default=os.environ.get("KG_BENCH_WORK", "/tmp/kg-bench"),
                        help="folder for synthetic data and stores (default /tmp/kg-bench)")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="load, SPARQL, path, centrality at each size")
    run.add_argument("--sizes", default="10k,100k,1M")
    run.add_argument("--repeats", type=int, default=5, help="repeats per query / path (median reported)")
    run.add_argument("--rdflib-load-max", default="1M", help="largest size rdflib parses (load baseline)")
    run.add_argument("--rdflib-sparql-max", default="100k", help="largest size rdflib's SPARQL engine runs")
    run.add_argument("--steps", default="all", help="comma-separated subset of the steps")
    run.add_argument("--queries", default=None, help="comma-separated subset of the named queries")
    run.add_argument("--query-timeout", type=float, default=120,
                     help="seconds one named query may take (all its repeats) before it is stopped")
    exact = commands.add_parser("betweenness-exact", help="exact networkx betweenness (long; run once)")
    exact.add_argument("--actors", type=int, default=20400)
    between = commands.add_parser("betweenness", help="sampled betweenness vs exact, igraph reference")
    between.add_argument("--actors", type=int, default=20400)
    between.add_argument("--k", default="100,200,500,1000,2000")
    commands.add_parser("report", help="print markdown tables from bench/results/*.json")
    step = commands.add_parser("step", help=argparse.SUPPRESS)
    step.add_argument("name")
    step.add_argument("arguments")
    args = parser.parse_args(argv)
    work = Path(args.work)
    if args.command == "step":
        result = STEPS[args.name](**json.loads(args.arguments))
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print("RESULT " + json.dumps(result, ensure_ascii=False))
        return 0
    if args.command == "run":
        return _run(work, args)
    if args.command == "betweenness-exact":
        return _save("betweenness-exact", _step("betweenness_exact", work=str(work), actors=args.actors))
    if args.command == "betweenness":
        ks = [int(k) for k in args.k.split(",")]
        return _save("betweenness", _step("betweenness_sampled", work=str(work), actors=args.actors, ks=ks))
    if args.command == "report":
        print(_report())
    return 0


# -- orchestration --

def _run(work, args):
    sizes = [_parse_size(s) for s in args.sizes.split(",")]
    wanted = None if args.steps == "all" else set(args.steps.split(","))
    for size in sizes:
        label = _label(size)
        folder = work / label
        out = {"size": label, "target_triples": size, "machine": _machine(), "steps": {}}
        started = time.time()

        def do(name, step=None, **arguments):
            if wanted is None or name in wanted:
                print(f"[{label}] {name} ...", file=sys.stderr, flush=True)
                out["steps"][name] = _step(step or name, **arguments)
                print(f"[{label}] {name}: {_brief(out['steps'][name])}", file=sys.stderr, flush=True)

        common = dict(folder=str(folder))
        do("synth", target=size, **common)
        do("load_raw_ttl", step="load_raw", suffix="ttl", **common)
        do("load_kg_ttl", step="load_kg", suffix="ttl", **common)
        if size <= _parse_size(args.rdflib_load_max):
            do("load_rdflib_ttl", step="load_rdflib", suffix="ttl", **common)
        do("load_raw", **common)
        do("load_kg", **common)  # last: the store the steps below read
        if size <= _parse_size(args.rdflib_load_max):
            do("load_rdflib", **common)
        if wanted is None or "sparql" in wanted:
            out["steps"]["sparql"] = _per_query("sparql", label, args.query_timeout, repeats=args.repeats,
                                                names=args.queries, **common)
        if size <= _parse_size(args.rdflib_sparql_max) and (wanted is None or "sparql_rdflib" in wanted):
            out["steps"]["sparql_rdflib"] = _per_query("sparql_rdflib", label, args.query_timeout,
                                                       repeats=max(1, args.repeats // 2), names=args.queries,
                                                       **common)
        do("project", **common)
        do("project_cached", **common)
        do("path_warm", repeats=args.repeats, **common)
        do("path_cold", repeats=min(args.repeats, 3), **common)
        do("centrality", **common)
        out["wall_seconds"] = round(time.time() - started, 1)
        _save(f"scale-{label}", out, merge=wanted is not None)
    return 0


def _per_query(step, label, timeout, names=None, **arguments):
    """Run a SPARQL step once per named query, each in its own process stopped after ``timeout`` s."""
    out = {"queries": {}, "repeats": arguments["repeats"], "peak_rss_mb": 0, "timeout_s": timeout}
    for name in _queries():
        if names and name not in names.split(","):
            continue
        result = _step(step, timeout=timeout, only=name, **arguments)
        print(f"[{label}] {step} {name}: {_brief(result) if 'error' in result else result.get('queries')}",
              file=sys.stderr, flush=True)
        if "error" in result:
            out["queries"][name] = {"error": result["error"]}
            continue
        out["queries"].update(result["queries"])
        out["peak_rss_mb"] = max(out["peak_rss_mb"], result["peak_rss_mb"])
    return out


def _step(name, timeout=None, **arguments):
    """Run one step in a fresh interpreter; its last 'RESULT {...}' line is the result."""
    command = [sys.executable, __file__, "step", name, json.dumps(arguments)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:.0f} s", "timeout": True}
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1], "returncode": done.returncode}
    return json.loads(lines[-1][len("RESULT "):])


def _save(name, result, merge=False):
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    if merge and path.is_file():
        old = json.loads(path.read_text(encoding="utf-8"))
        for name, step in result.get("steps", {}).items():
            previous = old.setdefault("steps", {}).get(name)
            if isinstance(previous, dict) and "queries" in previous and "queries" in step:
                previous["queries"].update(step["queries"])  # a subset of the queries was run again
                previous["peak_rss_mb"] = max(previous.get("peak_rss_mb", 0), step.get("peak_rss_mb", 0))
            else:
                old["steps"][name] = step
        old["machine"] = result.get("machine", old.get("machine"))
        result = old
    from kg._atomic import atomic_write

    with atomic_write(path) as stream:
        json.dump(result, stream, ensure_ascii=False, indent=1)
    print(f"wrote {path}", file=sys.stderr)
    return 0


# -- steps (each runs in its own process) --

def step_synth(folder, target):
    from kg.synth import generate

    folder = Path(folder)
    manifest = folder / "synth.json"
    actors = _actors_for(target)
    import hashlib

    import kg.synth

    version = hashlib.sha256(Path(kg.synth.__file__).read_bytes()).hexdigest()[:12]
    if manifest.is_file():
        known = json.loads(manifest.read_text())
        if (known.get("actors_requested"), known.get("generator")) == (actors, version) and (folder / "synth.ttl").is_file():
            known["reused"] = True
            return known
    started = time.perf_counter()
    result = generate(actors, seed=0, out_dir=folder, turtle=True)
    seconds = time.perf_counter() - started
    known = {"actors_requested": actors, "generator": version, "actors": result.actors, "triples": result.triples,
             "seconds": round(seconds, 3), "bytes": result.files[0].stat().st_size, "counts": result.counts}
    manifest.write_text(json.dumps(known))
    return known


def step_load_kg(folder, suffix="nt"):
    from kg.stores.load import load_graph

    store = Path(folder) / ("kg-store" if suffix == "nt" else f"kg-store-{suffix}")
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    graph = load_graph([ONTOLOGY, Path(folder) / f"synth.{suffix}"], store=f"oxigraph:{store}")
    seconds = time.perf_counter() - started
    quads = len(graph.inner)  # load_graph returns the Store: .inner is its pyoxigraph.Store
    return {"seconds": round(seconds, 3), "quads": quads, "triples_per_second": round(quads / seconds)}


def step_load_raw(folder, suffix="nt"):
    import pyoxigraph

    store_dir = Path(folder) / f"raw-store-{suffix}"
    shutil.rmtree(store_dir, ignore_errors=True)
    started = time.perf_counter()
    store = pyoxigraph.Store(str(store_dir))
    target = pyoxigraph.NamedNode(GRAPH_IRI)
    store.bulk_load(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE, to_graph=target)
    fmt = pyoxigraph.RdfFormat.N_TRIPLES if suffix == "nt" else pyoxigraph.RdfFormat.TURTLE
    store.bulk_load(path=str(Path(folder) / f"synth.{suffix}"), format=fmt, to_graph=target)
    seconds = time.perf_counter() - started
    quads = len(store)
    return {"seconds": round(seconds, 3), "quads": quads, "triples_per_second": round(quads / seconds)}


def step_load_rdflib(folder, suffix="nt"):
    from rdflib import Graph

    started = time.perf_counter()
    graph = Graph()
    graph.parse(str(ONTOLOGY), format="turtle")
    graph.parse(str(Path(folder) / f"synth.{suffix}"), format="nt" if suffix == "nt" else "turtle")
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "triples": len(graph), "triples_per_second": round(len(graph) / seconds)}


def step_sparql(folder, repeats, only=None):
    """Each named query through kg.query.run_query on the kg store vs the same text in pyoxigraph."""
    import pyoxigraph

    from kg.namespaces import sparql_prologue
    from kg.query import run_query

    graph = kg.open(f"oxigraph:{Path(folder) / 'kg-store'}").store  # the store as loaded, nothing reloaded
    raw = graph.inner  # the same pyoxigraph.Store: same data, same caches
    options = {"default_graph": pyoxigraph.NamedNode(GRAPH_IRI)}
    out = {}
    for name, text in _queries().items():
        if only and name != only:
            continue
        full = sparql_prologue() + text

        def raw_run():
            result = raw.query(full, **options)
            if isinstance(result, pyoxigraph.QueryBoolean):
                return 1
            return len([tuple(solution) for solution in result])

        def kg_run():
            result = run_query(graph, text)  # graph: the kg Store
            return len(result.rows) if result.kind == "select" else (len(result.graph) if result.graph is not None else 1)

        started = time.perf_counter()
        rows_kg, rows_raw = kg_run(), raw_run()  # warm-up, and the answer sizes
        slow = time.perf_counter() - started > 4  # a query of seconds: one timed run each is enough
        kg_times, raw_times = [], []
        for _ in range(1 if slow else repeats):  # interleaved, so drift in machine load hits both alike
            kg_times.append(_timed(kg_run))
            raw_times.append(_timed(raw_run))
        out[name] = {"rows": rows_kg, "rows_raw": rows_raw, "runs": len(kg_times),
                     "kg_ms": _ms(statistics.median(kg_times)),
                     "pyoxigraph_ms": _ms(statistics.median(raw_times))}
    return {"queries": out, "repeats": repeats}


def step_sparql_rdflib(folder, repeats, only=None):
    """The same named queries on rdflib's own engine over an in-memory graph."""
    from kg.stores.load import load_graph
    from kg.query import run_query

    graph = load_graph([ONTOLOGY, Path(folder) / "synth.nt"])
    out = {}
    for name, text in _queries().items():
        if only and name != only:
            continue
        times = [_timed(lambda: run_query(graph, text)) for _ in range(repeats)]
        out[name] = {"rdflib_ms": _ms(statistics.median(times))}
    return {"queries": out, "repeats": repeats}


def step_project(folder):
    from kg.stores import cache

    spec = f"oxigraph:{Path(folder) / 'kg-store'}"
    graph = kg.open(spec)
    path = cache.store_cache_path(Path(folder) / "kg-store")
    if path.exists():
        path.unlink()
    started = time.perf_counter()
    G = graph.network  # projects and writes the cache
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "cache_bytes": path.stat().st_size}


def step_project_cached(folder):

    spec = f"oxigraph:{Path(folder) / 'kg-store'}"
    started = time.perf_counter()
    graph = kg.open(spec)
    opened = time.perf_counter()
    signature, _ = graph._cache_key()
    signed = time.perf_counter()
    G = graph.network
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "open_s": round(opened - started, 3),
            "signature_s": round(signed - opened, 3), "nodes": G.number_of_nodes(),
            "signature": signature}


def step_path_warm(folder, repeats):
    from kg.analysis.paths import find_paths

    spec = f"oxigraph:{Path(folder) / 'kg-store'}"
    G = kg.open(spec).network
    from kg.analysis.network import undirected

    view = _timed(lambda: undirected(G))  # built once per projection, on the first path or centrality call
    pairs = _pairs(G, max(repeats, 5) * 4)
    out = {"first_call_ms": _ms(view), "pairs": len(pairs)}
    for mode, count in (("shortest", len(pairs)), ("k_shortest", min(len(pairs), repeats))):
        times, found = [], 0
        for source, target in pairs[:count]:
            seconds = _timed(lambda: _try_path(find_paths, G, source, target, mode))
            times.append(seconds)
            found += _LAST["found"]
        out[mode] = {"median_ms": _ms(statistics.median(times)), "max_ms": _ms(max(times)),
                     "found": found, "tried": count}
    return out


def step_path_cold(folder, repeats):
    """A fresh process per path: the `kg path` CLI as it is, and the same with the cached projection."""

    spec = f"oxigraph:{Path(folder) / 'kg-store'}"
    graph = kg.open(spec)
    G = graph.network
    graph_nodes = G.number_of_nodes()
    pairs = _pairs(G, repeats)
    graph.close()  # release the store's lock: the processes below must open it
    del graph
    cli, cached = [], []
    for source, target in pairs:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kg", "path", source, target, "--store", spec],
                              capture_output=True, text=True)
        cli.append((time.perf_counter() - started, done.returncode))
        script = ("import sys, kg; from kg.analysis.paths import find_paths; from kg.render import format_path; "
                  "from kg.analysis.resolve import resolve; "
                  f"spec={spec!r}; G = kg.open(spec).network; "
                  "a, b = resolve(G, sys.argv[1]), resolve(G, sys.argv[2]); "
                  "print(format_path(find_paths(G, a, b)[0]))")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", script, source, target], capture_output=True, text=True)
        cached.append((time.perf_counter() - started, done.returncode))
    return {"nodes": graph_nodes, "pairs": len(pairs),
            "cli_median_s": round(statistics.median(t for t, _ in cli), 3),
            "cli_exit_codes": sorted({code for _, code in cli}),
            "cached_median_s": round(statistics.median(t for t, _ in cached), 3),
            "cached_exit_codes": sorted({code for _, code in cached})}


def step_centrality(folder):
    import igraph

    from kg.analysis.centrality import compute
    from kg.analysis.network import undirected

    spec = f"oxigraph:{Path(folder) / 'kg-store'}"
    G = kg.open(spec).network
    view = _timed(lambda: undirected(G))
    U = undirected(G)
    out = {"nodes": U.number_of_nodes(), "edges": U.number_of_edges(), "undirected_view_s": round(view, 3)}
    for measure in ("degree", "pagerank"):
        out[f"{measure}_s"] = round(_timed(lambda: compute(G, (measure,))), 3)
    index = {node: i for i, node in enumerate(U)}
    started = time.perf_counter()
    H = igraph.Graph(n=len(index), edges=[(index[a], index[b]) for a, b in U.edges()])
    out["igraph_build_s"] = round(time.perf_counter() - started, 3)
    out["igraph_degree_s"] = round(_timed(lambda: H.degree()), 4)
    out["igraph_pagerank_s"] = round(_timed(lambda: H.pagerank(damping=0.85)), 4)
    return out


def step_betweenness_exact(work, actors):
    import networkx as nx

    U = _betweenness_graph(Path(work), actors)
    started = time.perf_counter()
    exact = nx.betweenness_centrality(U, normalized=True)
    seconds = time.perf_counter() - started
    target = Path(work) / f"betweenness-exact-{actors}.json"
    target.write_text(json.dumps({"seconds": seconds, "nodes": len(U), "edges": U.number_of_edges(),
                                  "values": exact}))
    return {"seconds": round(seconds, 1), "nodes": len(U), "edges": U.number_of_edges(), "saved": str(target),
            "machine": _machine()}


def step_betweenness_sampled(work, actors, ks):
    import igraph
    from scipy.stats import spearmanr

    from kg.analysis.centrality import compute

    U = _betweenness_graph(Path(work), actors, projection=True)
    G = U.graph["projection"]
    U = U.graph["view"]
    saved = Path(work) / f"betweenness-exact-{actors}.json"
    exact = json.loads(saved.read_text()) if saved.is_file() else None
    nodes = sorted(U)
    out = {"nodes": len(U), "edges": U.number_of_edges(), "machine": _machine(), "samples": {}}
    if exact:
        if exact["nodes"] != len(U) or exact["edges"] != U.number_of_edges():
            return {"error": "the saved exact betweenness is of another graph; run betweenness-exact again"}
        out["networkx_exact_s"] = round(exact["seconds"], 1)
        reference = [exact["values"][n] for n in nodes]
    index = {node: i for i, node in enumerate(nodes)}
    H = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in U.edges()])
    started = time.perf_counter()
    compiled = H.betweenness(directed=False)
    out["igraph_exact_s"] = round(time.perf_counter() - started, 2)
    if not exact:
        reference = compiled
        out["reference"] = "igraph exact (networkx exact not measured yet)"
    else:
        out["reference"] = "networkx exact"
        out["igraph_vs_networkx_spearman"] = round(spearmanr(compiled, reference).statistic, 6)
    for k in ks:
        started = time.perf_counter()
        rows = compute(G, ("betweenness",), betweenness_k=k, seed=0)
        seconds = time.perf_counter() - started
        sampled = {row["iri"]: row["betweenness"] for row in rows}
        rho = spearmanr([sampled[n] for n in nodes], reference).statistic
        top = set(sorted(nodes, key=lambda n: -sampled[n])[:100])
        true_top = set(sorted(nodes, key=lambda n: -reference[index[n]])[:100])
        out["samples"][str(k)] = {"seconds": round(seconds, 2), "spearman": round(rho, 4),
                                  "top100_overlap": len(top & true_top)}
    return out


STEPS = {name[len("step_"):]: function for name, function in globals().items() if name.startswith("step_")}


# -- report --

def _report():
    lines = []
    for path in sorted(RESULTS.glob("scale-*.json"), key=lambda p: _parse_size(p.stem.split("-", 1)[1])):
        lines.append(_scale_tables(json.loads(path.read_text(encoding="utf-8"))))
    path = RESULTS / "betweenness.json"
    if path.is_file():
        lines.append(_betweenness_table(json.loads(path.read_text(encoding="utf-8"))))
    lines.append(_targets())
    return "\n".join(lines)


def _betweenness_table(result):
    out = [f"### Betweenness on a {result['nodes']:,}-node graph ({result['edges']:,} edges)\n"]
    exact = result.get("networkx_exact_s")
    out.append(f"Reference: {result['reference']}. networkx exact: "
               f"{f'{exact:,.0f} s' if exact else 'not measured'}; igraph exact (compiled, one core): "
               f"{result['igraph_exact_s']} s" + (f"; igraph vs networkx exact, Spearman "
                                                  f"{result['igraph_vs_networkx_spearman']}" if exact else "") + ".\n")
    rows = [("sampled sources k", "seconds", "share of networkx exact time", "Spearman vs exact",
             "top-100 overlap")]
    for k, sample in result["samples"].items():
        share = f"{sample['seconds'] / exact:.3f}" if exact else "-"
        rows.append((k, f"{sample['seconds']:.1f}", share, f"{sample['spearman']:.4f}", str(sample["top100_overlap"])))
    out.append(_table(rows))
    return "\n".join(out)


def _targets():
    """The issue's targets at 1M triples, met or not, from the 1M results."""
    path = RESULTS / "scale-1M.json"
    if not path.is_file():
        return "(no 1M results yet)\n"
    steps = json.loads(path.read_text(encoding="utf-8"))["steps"]
    rows = [("target at 1M triples", "measured", "met")]

    def add(label, measured, met):
        rows.append((label, measured, "yes" if met else "**no**"))

    for suffix, fmt in (("", "N-Triples"), ("_ttl", "Turtle")):
        kg, raw, rdf = (steps.get(k + suffix, {}).get("seconds") for k in ("load_kg", "load_raw", "load_rdflib"))
        if kg and raw:
            add(f"{fmt} load within 1.5x of pyoxigraph bulk_load", f"{kg / raw:.2f}x ({kg:.1f} s vs {raw:.1f} s)",
                kg / raw <= 1.5)
        if kg and rdf:
            add(f"{fmt} load at least 5x faster than rdflib parse", f"{rdf / kg:.1f}x ({rdf:.1f} s vs {kg:.1f} s)",
                rdf / kg >= 5)
    queries = steps.get("sparql", {}).get("queries", {})
    named = {n: q for n, q in queries.items() if "--" not in n}
    within = [n for n, q in named.items() if "kg_ms" in q and q["kg_ms"] <= 1.5 * q["pyoxigraph_ms"]]
    over = [f"{n} ({q['kg_ms'] / q['pyoxigraph_ms']:.2f}x, {q['kg_ms'] - q['pyoxigraph_ms']:.2f} ms more)"
            for n, q in named.items() if "kg_ms" in q and n not in within]
    stopped = [n for n, q in named.items() if "error" in q]
    add("each named query within 1.5x of pyoxigraph", f"{len(within)} of {len(named)} within; over: "
        f"{', '.join(over) or 'none'}; stopped in both (too slow in Oxigraph itself): {', '.join(stopped) or 'none'}",
        not over and not stopped)
    warm, cold = steps.get("path_warm", {}), steps.get("path_cold", {})
    if "shortest" in warm:
        add("path warm under 50 ms", f"median {warm['shortest']['median_ms']:.2f} ms, max {warm['shortest']['max_ms']:.2f} ms",
            warm["shortest"]["max_ms"] < 50)
    if "cli_median_s" in cold:
        add("path cold under 2 s: `kg path` as shipped", f"{cold['cli_median_s']:.2f} s", cold["cli_median_s"] < 2)
        add("path cold under 2 s: with the cached projection", f"{cold['cached_median_s']:.2f} s",
            cold["cached_median_s"] < 2)
    cen = steps.get("centrality", {})
    if "pagerank_s" in cen:
        add("PageRank and degree under 10 s", f"PageRank {cen['pagerank_s']:.2f} s, degree {cen['degree_s']:.3f} s "
            f"(+ {cen['undirected_view_s']:.2f} s for the undirected view, once)",
            cen["pagerank_s"] + cen["undirected_view_s"] < 10 and cen["degree_s"] < 10)
    peaks = {name: step.get("peak_rss_mb", 0) for name, step in steps.items() if isinstance(step, dict)}
    if peaks:
        top = max(peaks, key=peaks.get)
        add("peak RSS under 4 GB in every step", f"highest: {top} {peaks[top]:,.0f} MB", peaks[top] < 4096)
    between = RESULTS / "betweenness.json"
    if between.is_file():
        b = json.loads(between.read_text(encoding="utf-8"))
        exact = b.get("networkx_exact_s")
        good = [(int(k), v) for k, v in b["samples"].items() if v["spearman"] >= 0.95]
        if good and exact:
            k, v = min(good)
            add("betweenness sampled: Spearman >= 0.95 at <= 1/10 of exact time (20k nodes)",
                f"k={k}: Spearman {v['spearman']:.3f} in {v['seconds']:.1f} s = {v['seconds'] / exact:.3f} of "
                f"exact ({exact:,.0f} s)", v["seconds"] <= exact / 10)
        else:
            add("betweenness sampled: Spearman >= 0.95 at <= 1/10 of exact time (20k nodes)",
                "no sample reached 0.95" if exact else "networkx exact not measured", False)
    return "### Targets (from the 1M run)\n\n" + _table(rows)


def _scale_tables(result):
    steps = result["steps"]
    size = result["size"]
    out = [f"### {size} (target {result['target_triples']:,} triples)\n"]
    synth = steps.get("synth", {})
    if synth:
        out.append(f"Synthetic data: {synth.get('triples', 0):,} triples, {synth.get('actors', 0):,} actors, "
                   f"{synth.get('bytes', 0) / 1e6:.0f} MB of N-Triples; generated in {synth.get('seconds', '?')} s "
                   f"(peak RSS {synth.get('peak_rss_mb')} MB).\n")
    rows = [("step", "seconds", "triples/s", "vs pyoxigraph bulk_load", "peak RSS MB")]
    for suffix, fmt in (("", "N-Triples"), ("_ttl", "Turtle")):
        raw = steps.get(f"load_raw{suffix}", {}).get("seconds")
        for name, label in (("load_raw", "pyoxigraph bulk_load (baseline)"), ("load_kg", "kg load_graph oxigraph:DIR"),
                            ("load_rdflib", "rdflib Graph.parse (memory)")):
            step = steps.get(name + suffix)
            if step and "seconds" in step:
                rows.append((f"{fmt}: {label}", f"{step['seconds']:.2f}", f"{step['triples_per_second']:,}",
                             f"{step['seconds'] / raw:.2f}x" if raw else "", f"{step['peak_rss_mb']:,.0f}"))
            elif step:
                rows.append((f"{fmt}: {label}", "error: " + step.get("error", "?"), "", "", ""))
    out.append(_table(rows))
    sparql, rdflib = steps.get("sparql", {}).get("queries", {}), steps.get("sparql_rdflib", {}).get("queries", {})
    if sparql:
        rows = [("query", "rows", "kg run_query ms", "pyoxigraph ms", "kg / pyoxigraph", "rdflib ms",
                 "rdflib / kg")]
        for name, q in sparql.items():
            r = rdflib.get(name, {}).get("rdflib_ms")
            if "error" in q:
                rows.append((name, "-", q["error"], "", "", f"{r:.1f}" if r else rdflib.get(name, {}).get("error", "-"), ""))
                continue
            rows.append((name, str(q["rows"]), f"{q['kg_ms']:.2f}", f"{q['pyoxigraph_ms']:.2f}",
                         f"{q['kg_ms'] / max(q['pyoxigraph_ms'], 1e-3):.2f}x",
                         f"{r:.1f}" if r else rdflib.get(name, {}).get("error", "-"),
                         _ratio(r / max(q['kg_ms'], 1e-3)) if r else "-"))
        out.append(f"SPARQL, median of {steps['sparql']['repeats']} (peak RSS {steps['sparql']['peak_rss_mb']:.0f} MB):\n")
        out.append(_table(rows))
    p, c = steps.get("project", {}), steps.get("project_cached", {})
    w, cold, cen = steps.get("path_warm", {}), steps.get("path_cold", {}), steps.get("centrality", {})
    rows = [("step", "result", "peak RSS MB")]
    if "seconds" in p:
        rows.append(("projection (kg.analysis.network.project + write cache)",
                     f"{p['seconds']:.2f} s, {p['nodes']:,} nodes, {p['edges']:,} edges", f"{p['peak_rss_mb']:,.0f}"))
    if "seconds" in c:
        rows.append(("open store + cached projection (fresh process)",
                     f"{c['seconds']:.2f} s (open {c['open_s']} s, signature {c['signature_s']} s)",
                     f"{c['peak_rss_mb']:,.0f}"))
    if "shortest" in w:
        rows.append(("path warm: undirected view, built on the first call", f"{w['first_call_ms']:.0f} ms", ""))
        rows.append(("path warm: shortest, median / max",
                     f"{w['shortest']['median_ms']:.2f} / {w['shortest']['max_ms']:.2f} ms "
                     f"({w['shortest']['tried']} pairs)", f"{w['peak_rss_mb']:,.0f}"))
        rows.append(("path warm: 3 shortest simple paths, median / max",
                     f"{w['k_shortest']['median_ms']:.1f} / {w['k_shortest']['max_ms']:.1f} ms "
                     f"({w['k_shortest']['tried']} pairs)", ""))
    if "cli_median_s" in cold:
        rows.append(("path cold: `kg path A B --store oxigraph:DIR` as shipped",
                     f"{cold['cli_median_s']:.2f} s (exit {cold['cli_exit_codes']})", ""))
        rows.append(("path cold: fresh process with kg.open(spec).network (the cached projection)",
                     f"{cold['cached_median_s']:.2f} s (exit {cold['cached_exit_codes']})", ""))
    if "degree_s" in cen:
        rows.append(("centrality: undirected view", f"{cen['undirected_view_s']:.2f} s "
                     f"({cen['nodes']:,} nodes, {cen['edges']:,} edges)", f"{cen['peak_rss_mb']:,.0f}"))
        rows.append(("centrality: degree, networkx / igraph",
                     f"{cen['degree_s']:.3f} s / {cen['igraph_degree_s']:.4f} s", ""))
        rows.append(("centrality: PageRank, networkx / igraph",
                     f"{cen['pagerank_s']:.3f} s / {cen['igraph_pagerank_s']:.4f} s", ""))
    out.append(_table(rows))
    return "\n".join(out)


def _ratio(value):
    return f"{value:.2f}x" if value < 10 else f"{value:.0f}x"


def _table(rows):
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in body]
    return "\n".join(lines) + "\n"


# -- helpers --

def _queries():
    """The named competency queries (kg/query/named/*.rq), then the rewrites proposed in bench/queries/."""
    from kg.query import named_queries

    found = {name: query.text for name, query in named_queries().items()}
    for path in sorted((ROOT / "bench" / "queries").glob("*.rq")):
        found[path.stem] = path.read_text(encoding="utf-8")
    return found


_LAST = {"found": 0}
_TRIPLES_PER_ACTOR = None


def _try_path(find_paths, G, source, target, mode):
    from kg.errors import NoPath

    try:
        find_paths(G, source, target, mode=mode, k=3)
        _LAST["found"] = 1
    except NoPath:
        _LAST["found"] = 0


def _pairs(G, count):
    """Deterministic pairs of actors in the largest connected part (so most pairs have a path)."""
    import networkx as nx

    from kg.analysis.network import undirected

    largest = sorted(max(nx.connected_components(undirected(G)), key=len))
    rng = random.Random(0)
    return [tuple(rng.sample(largest, 2)) for _ in range(count)]


def _betweenness_graph(work, actors, projection=False):
    """The undirected view of the projection of synth(actors, seed 0), via a cached Oxigraph store."""
    from kg.analysis.network import undirected
    from kg.synth import generate

    folder = work / f"betweenness-{actors}"
    if not (folder / "synth.nt").is_file():
        generate(actors, seed=0, out_dir=folder)
    spec = f"oxigraph:{folder / 'kg-store'}"
    G = kg.open(spec, [ONTOLOGY, folder / "synth.nt"]).network
    U = undirected(G)
    if projection:
        U.graph["projection"], U.graph["view"] = G, U
    return U


def _actors_for(triples):
    """Actors that give about ``triples`` triples (the ratio measured on a small sample, once)."""
    global _TRIPLES_PER_ACTOR
    if _TRIPLES_PER_ACTOR is None:
        import tempfile

        from kg.synth import generate

        with tempfile.TemporaryDirectory() as folder:
            sample = generate(5000, seed=0, out_dir=folder)
        _TRIPLES_PER_ACTOR = sample.triples / 5000
    return max(100, round(triples / _TRIPLES_PER_ACTOR))


def _timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _ms(seconds):
    return round(seconds * 1000, 3)


def _parse_size(text):
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def _label(size):
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1000}k"


def _brief(result):
    keys = ("seconds", "triples", "quads", "nodes", "cli_median_s", "cached_median_s", "error", "peak_rss_mb")
    return {k: result[k] for k in keys if k in result}


def _machine():
    import networkx
    import pyoxigraph
    import rdflib

    try:
        import igraph

        igraph_version = igraph.__version__
    except ImportError:
        igraph_version = None
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpus": os.cpu_count(), "memory_gb": round(memory_gb, 1), "python": platform.python_version(),
            "rdflib": rdflib.__version__, "pyoxigraph": pyoxigraph.__version__, "networkx": networkx.__version__,
            "igraph": igraph_version, "load_average": os.getloadavg(), "date": time.strftime("%Y-%m-%d %H:%M")}


if __name__ == "__main__":
    sys.exit(main())
