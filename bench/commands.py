"""Whole ``kg`` commands against plain-library baselines, side by side, as ratios (issue 10's targets).

Usage::

    python bench/commands.py small [--repeats 7]                 # the article graph, default store
    python bench/commands.py large [--actors 31000] [--repeats 5] [--work /tmp/kg-bench-commands]
    python bench/commands.py as-of [--repeats 5]                 # --as-of on the large store
    python bench/commands.py report                              # markdown tables from the JSON

Every figure is the median wall time of whole processes (``subprocess.run``), each command and its
baseline measured in turns in the same run, after one warm-up each, so both see the same file cache and
the same load on the machine. ``small`` writes ``bench/results/commands-small.json``, ``large``
``bench/results/commands-1M.json``.

- **small**: ``kg path``, ``show``, ``centrality``, ``stats`` and ``query`` on the article graph (its
  projection cached by a first run) against ``python -c "import rdflib, networkx"``; target 1.5x.
- **large**: ``kg synth`` about 1M triples into ``oxigraph:DIR``; cold ``kg path`` (no projection cache)
  against a script that reads the actors and their ties from the same store with pyoxigraph and builds
  the networkx graph; warm ``kg path`` and ``kg centrality`` against a script that unpickles the cached
  projection and calls networkx; ``kg query`` against a script that runs the same query with pyoxigraph
  and writes pyoxigraph's own JSON. Targets 1.5x (query 1.3x).
- **as-of**: on the large store (made as ``large`` makes it, when missing), ``kg path``, ``show``,
  ``centrality -m degree``, ``centrality -m brokerage``, ``stats``, ``communities -m label-propagation``,
  ``export -f graphml`` and ``view`` with ``--as-of 2024-06``
  against the same command without it (projection cached; the synthetic agreements are dated
  2016-2025, so the filter leaves some out); target 1.2x (issue 12: ``--as-of`` adds at most 20% to any command). Writes
  ``bench/results/commands-as-of.json``.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from side_by_side import alternate, machine  # bench/ is on the path of a script run from it

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
KG = str(Path(PY).parent / "kg") if (Path(PY).parent / "kg").is_file() else shutil.which("kg")

ACTOR_EDGES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ikg: <https://w3id.org/innovation-kg/ontology#>
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o . FILTER(isIRI(?o))
  ?s a ?cs . ?cs rdfs:subClassOf* ikg:Actor .
  ?o a ?co . ?co rdfs:subClassOf* ikg:Actor .
}"""

ACTOR_MEMBERSHIPS = """
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?member ?organization ?role WHERE {
  ?m org:member ?member ; org:organization ?organization . OPTIONAL { ?m org:role ?role }
}"""

ACTOR_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ikg: <https://w3id.org/innovation-kg/ontology#>
SELECT ?a ?label WHERE { ?a a ?c . ?c rdfs:subClassOf* ikg:Actor . OPTIONAL { ?a skos:prefLabel ?label } }"""

# the actor network as the projection has it (actors with names, direct ties, memberships), without the
# evidence of each tie, which kg fetches only for the hops it prints
COLD_BASELINE = r"""
import sys, pyoxigraph, networkx as nx
store = pyoxigraph.Store.read_only(sys.argv[1])
labels, links, memberships = sys.argv[4:7]
G = nx.MultiDiGraph()
for a, label in store.query(labels, use_default_graph_as_union=True):
    G.add_node(a.value, label=label.value if label is not None else None)
for s, p, o in store.query(links, use_default_graph_as_union=True):
    G.add_edge(s.value, o.value, key=p.value)
for member, organization, role in store.query(memberships, use_default_graph_as_union=True):
    if member.value in G and organization.value in G:
        G.add_edge(member.value, organization.value, key=role.value if role is not None else "member")
print(nx.shortest_path(G.to_undirected(as_view=True), sys.argv[2], sys.argv[3]))
"""

# issue 24's lean floor: the actor network without names (the actor classes, ties and memberships)
ACTOR_IRIS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ikg: <https://w3id.org/innovation-kg/ontology#>
SELECT DISTINCT ?a WHERE { ?a a ?c . ?c rdfs:subClassOf* ikg:Actor }"""

COLD_LEAN_BASELINE = r"""
import sys, pyoxigraph, networkx as nx
store = pyoxigraph.Store.read_only(sys.argv[1])
actors, links, memberships = sys.argv[4:7]
G = nx.MultiDiGraph()
G.add_nodes_from(row[0].value for row in store.query(actors, use_default_graph_as_union=True))
for s, p, o in store.query(links, use_default_graph_as_union=True):
    G.add_edge(s.value, o.value, key=p.value)
for member, organization, role in store.query(memberships, use_default_graph_as_union=True):
    if member.value in G and organization.value in G:
        G.add_edge(member.value, organization.value, key=role.value if role is not None else "member")
print(nx.shortest_path(G.to_undirected(as_view=True), sys.argv[2], sys.argv[3]))
"""

WARM_PATH_BASELINE = r"""
import sys, pickle, networkx as nx
with open(sys.argv[1], "rb") as f:  # the cache file: a magic line, a 32-byte tag, then key, meta, the graph (one memo)
    f.readline(), f.seek(32, 1)
    u = pickle.Unpickler(f)
    key, meta, G = u.load(), u.load(), u.load()
print(nx.shortest_path(G.to_undirected(as_view=True), sys.argv[2], sys.argv[3]))
"""

WARM_CENTRALITY_BASELINE = r"""
import sys, pickle, networkx as nx
with open(sys.argv[1], "rb") as f:  # the cache file: a magic line, a 32-byte tag, then key, meta, the graph (one memo)
    f.readline(), f.seek(32, 1)
    u = pickle.Unpickler(f)
    key, meta, G = u.load(), u.load(), u.load()
scores = nx.degree_centrality(nx.Graph(G.to_undirected(as_view=True)))
for node in sorted(scores, key=scores.get, reverse=True)[:10]:
    print(node, scores[node])
"""

QUERY_BASELINE = r"""
import sys, pyoxigraph
store = pyoxigraph.Store.read_only(sys.argv[1])
sys.stdout.buffer.write(store.query(sys.argv[2], use_default_graph_as_union=True).serialize(format=pyoxigraph.QueryResultsFormat.JSON))
"""

QUERY_LABELS = ("SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } "
                "LIMIT 20000")
QUERY_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    small = sub.add_parser("small")
    small.add_argument("--repeats", type=int, default=7)
    large = sub.add_parser("large")
    large.add_argument("--actors", type=int, default=31000)
    large.add_argument("--repeats", type=int, default=5)
    large.add_argument("--work", default="/tmp/kg-bench-commands")
    as_of = sub.add_parser("as-of")
    as_of.add_argument("--actors", type=int, default=31000)
    as_of.add_argument("--repeats", type=int, default=5)
    as_of.add_argument("--work", default="/tmp/kg-bench-commands")
    sub.add_parser("report")
    args = parser.parse_args(argv)
    if args.command == "report":
        for name in ("commands-small", "commands-1M", "commands-as-of"):
            path = RESULTS / f"{name}.json"
            if path.is_file():
                print(_table(json.loads(path.read_text())))
        return 0
    run = {"small": lambda: run_small(args.repeats), "large": lambda: run_large(args), "as-of": lambda: run_as_of(args)}
    result = run[args.command]()
    result["machine"] = machine()
    name = {"small": "commands-small", "large": "commands-1M", "as-of": "commands-as-of"}[args.command]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(_table(result))
    return 0


def run_small(repeats):
    cache = tempfile.mkdtemp(prefix="kg-bench-cache-")
    env = _environment(KG_CACHE_DIR=cache)
    baseline = [PY, "-c", "import rdflib, networkx"]
    commands = {
        "kg path": [KG, "path", "兰州大学", "金川集团"],
        "kg show": [KG, "show", "兰州大学"],
        "kg centrality": [KG, "centrality", "--top", "10"],
        "kg stats": [KG, "stats"],
        "kg query": [KG, "query", "--name", "places"],
    }
    subprocess.run(commands["kg stats"], env=env, check=True, capture_output=True)  # builds the cache
    rows = [_compare(label, command, "import rdflib, networkx", baseline, repeats, env, 1.5)
            for label, command in commands.items()]
    shutil.rmtree(cache, ignore_errors=True)
    return {"kind": "small", "graph": "the article graph (memory store)", "repeats": repeats, "rows": rows,
            "command": "python bench/commands.py small"}


def _large_store(args, env):
    """The ~1M-triple synthetic store in the work folder, made with ``kg synth --load`` when missing."""
    work = Path(args.work)
    store = work / "store"
    if not (store / ".kg-stamp.json").is_file():
        shutil.rmtree(work, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([KG, "synth", "--actors", str(args.actors), "--seed", "0", "--out", str(work / "synth"),
                        "--load", f"oxigraph:{store}"], env=env, check=True)
        print(f"synth + load: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return store


def _warm_large_store(args):
    """``(env, store folder, spec, path source, path target)``: the large store, its projection cached."""
    env = _environment()
    store = _large_store(args, env)
    spec = f"oxigraph:{store}"
    subprocess.run([KG, "stats", "--store", spec], env=env, check=True, capture_output=True)  # the cache
    return (env, store, spec, *_endpoints(store / ".kg-projection.pickle"))


def run_as_of(args):
    env, store, spec, source, target = _warm_large_store(args)
    when = ["--as-of", "2024-06"]
    out = Path(tempfile.mkdtemp(prefix="kg-bench-as-of-"))
    rows = []
    for label, argv in (("kg path", [KG, "path", source, target, "--store", spec]),
                        ("kg show", [KG, "show", source, "--store", spec]),
                        ("kg centrality -m degree", [KG, "centrality", "-m", "degree", "--top", "10", "--store", spec]),
                        ("kg centrality -m brokerage", [KG, "centrality", "-m", "brokerage", "--top", "10",
                                                        "--store", spec]),
                        ("kg stats", [KG, "stats", "--store", spec]),
                        ("kg communities -m label-propagation", [KG, "communities", "--method", "label-propagation",
                                                                 "--store", spec]),
                        ("kg export -f graphml", [KG, "export", "-f", "graphml", "-o", str(out / "g.graphml"),
                                                  "--store", spec]),
                        ("kg view", [KG, "view", "-o", str(out / "view.html"), "--store", spec])):
        rows.append(_compare(f"{label} --as-of 2024-06 (warm)", argv + when, f"{label} without --as-of", argv,
                             args.repeats, env, 1.2))
    shutil.rmtree(out, ignore_errors=True)
    return {"kind": "as-of", "graph": f"kg synth --actors {args.actors} --seed 0 in oxigraph:DIR",
            "triples": _cached(store / ".kg-projection.pickle").get("triples"), "repeats": args.repeats,
            "rows": rows, "in_process": _filter_in_process(spec, "2024-06", max(args.repeats, 9)),
            "command": f"python bench/commands.py as-of --actors {args.actors}"}


def _filter_in_process(spec, when, repeats):
    """The filter alone, in one process: what every warm command pays first (the projection read from
    its cache) against the same read with ``as_of`` (the dates read too, then the filter in place), in
    turns. Steadier than whole processes on a shared machine, whose start-up varies by more than the
    filter. Each graph is closed and freed outside the timed part (``alternate``'s ``release``)."""
    import kg

    def plain():
        g = kg.open(spec)
        g.network
        return g

    def dated():
        g = kg.open(spec).as_of(when)
        g.network
        return g

    row, first, then = alternate(plain, dated, repeats, release=lambda graph: graph.close())
    report = then.network.graph["as_of"]
    first.close(), then.close()
    return dict(what=f"KnowledgeGraph(spec).as_of({when!r}).network against KnowledgeGraph(spec).network",
                repeats=repeats, as_of=report, extra_seconds=round(row["kg_seconds"] - row["baseline_seconds"], 3),
                **row)


def _cached(pickle_path, *, graph=False):
    """What kg keeps in its projection cache (a magic line and a 32-byte HMAC tag, then key, meta and the
    graph): the meta dict (``triples`` among it), or ``(meta, G)`` with ``graph``. The file is the one this
    run's kg just wrote, so its tag is not checked here."""
    import pickle

    with open(pickle_path, "rb") as handle:
        handle.readline(), handle.seek(32, 1)
        unpickler = pickle.Unpickler(handle)  # one memo: the pickles after the key share it
        unpickler.load()
        meta = unpickler.load()
        return (meta, unpickler.load()) if graph else meta


def run_large(args):
    from kg.stores.persistent import data_folder

    env, store, spec, source, target = _warm_large_store(args)
    pickle_path = store / ".kg-projection.pickle"
    data = data_folder(store)  # the RocksDB folder of kg's current load, which plain pyoxigraph opens
    rows = []
    kg_path = [KG, "path", source, target, "--store", spec]

    def drop_cache():  # the full projection and the light one (without evidence) that kg path makes
        pickle_path.unlink(missing_ok=True)
        pickle_path.with_name(".kg-projection-light.pickle").unlink(missing_ok=True)

    rows.append(_compare("kg path (cold: no cached projection)", kg_path, "pyoxigraph + networkx build",
                         [PY, "-c", COLD_BASELINE, str(data), source, target, ACTOR_LABELS, ACTOR_EDGES,
                          ACTOR_MEMBERSHIPS], args.repeats, env,
                         1.5, before=drop_cache))
    rows.append(_compare("kg path (cold: no cached projection)", kg_path, "lean: no names, classes + ties only",
                         [PY, "-c", COLD_LEAN_BASELINE, str(data), source, target, ACTOR_IRIS, ACTOR_EDGES,
                          ACTOR_MEMBERSHIPS], args.repeats, env,
                         1.5, before=drop_cache))
    subprocess.run([KG, "stats", "--store", spec], env=env, check=True, capture_output=True)
    rows.append(_compare("kg path (warm)", kg_path, "unpickle + networkx path",
                         [PY, "-c", WARM_PATH_BASELINE, str(pickle_path), source, target], args.repeats, env, 1.5))
    rows.append(_compare("kg centrality -m degree (warm)",
                         [KG, "centrality", "-m", "degree", "--top", "10", "--store", spec],
                         "unpickle + networkx degree", [PY, "-c", WARM_CENTRALITY_BASELINE, str(pickle_path)],
                         args.repeats, env, 1.5))
    for label, text in (("count", QUERY_COUNT), ("20k labels", QUERY_LABELS)):
        rows.append(_compare(f"kg query ({label}, JSON)", [KG, "query", "--store", spec, "-e", text, "--format",
                                                           "json"],
                             "pyoxigraph query + serialize", [PY, "-c", QUERY_BASELINE, str(data), text],
                             args.repeats * 3, env, 1.3))  # short runs: more of them, for a steadier median
    return {"kind": "large", "graph": f"kg synth --actors {args.actors} --seed 0 in oxigraph:DIR",
            "triples": _cached(pickle_path).get("triples"), "repeats": args.repeats, "rows": rows,
            "command": f"python bench/commands.py large --actors {args.actors}"}


def _environment(**extra):
    """The commands' environment: no KG_HOME, no progress bars, and bytecode written (an installed
    package has its modules compiled at install time; a shell with PYTHONDONTWRITEBYTECODE=1 would make
    every kg run compile them again, which the baselines, made of compiled extensions, never pay)."""
    env = dict(os.environ, KG_NO_PROGRESS="1", **extra)
    env.pop("KG_HOME", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _endpoints(pickle_path):
    """Two actors far apart in the largest component of the cached projection (IRIs)."""
    import networkx as nx

    G = _cached(pickle_path, graph=True)[1]
    U = G.to_undirected(as_view=True)
    part = max(nx.connected_components(U), key=len)
    # organisations at both ends: every baseline reads them as actors, whatever the class tree says
    start = min(node for node in part if "/org/" in node)
    far = nx.single_source_shortest_path_length(U, start, cutoff=6)
    end = max(sorted(node for node in far if "/org/" in node), key=far.get)
    return start, end


def _compare(label, command, baseline_label, baseline, repeats, env, target, before=None):
    for argv in (command, baseline):  # warm-up: both see a warm file cache
        if before and argv is command:
            before()
        done = subprocess.run(argv, env=env, capture_output=True)
        if done.returncode != 0:
            raise SystemExit(f"{label}: {' '.join(argv[:4])} failed: {done.stderr.decode()[-400:]}")
    times, base = [], []
    for _ in range(repeats):  # in turns, so load on the machine hits both alike
        if before:
            before()
        times.append(_wall(command, env))
        base.append(_wall(baseline, env))
    kg_s, base_s = statistics.median(times), statistics.median(base)
    ratio = kg_s / base_s
    return {"command": label, "argv": command[1:], "baseline": baseline_label, "kg_s": round(kg_s, 3),
            "baseline_s": round(base_s, 3), "ratio": round(ratio, 2), "target": target, "met": ratio <= target}


def _wall(argv, env):
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _table(result):
    lines = [f"**{result['graph']}**" + (f", {result['triples']:,} triples" if result.get("triples") else "")
             + f" — `{result['command']}`, median of {result['repeats']}", "",
             "| command | baseline | kg (s) | baseline (s) | ratio | target | met |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for row in result["rows"]:
        lines.append(f"| {row['command']} | {row['baseline']} | {row['kg_s']:.3f} | {row['baseline_s']:.3f} | "
                     f"{row['ratio']:.2f}x | {row['target']}x | {'yes' if row['met'] else 'no'} |")
    inner = result.get("in_process")
    if inner:
        lines.append(f"| in one process: the projection read and filtered (`as_of`) | the projection read | "
                     f"{inner['kg_seconds']:.3f} | {inner['baseline_seconds']:.3f} | {inner['ratio']:.2f}x | "
                     f"(+{inner['extra_seconds']:.3f} s a command) | |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
