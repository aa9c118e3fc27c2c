"""The hand-over, measured: the projection read from a local Virtuoso (``sparql:URL``) beside the same
projection read from kg's own ``oxigraph:DIR`` store, on the same data.

Usage: python bench/virtuoso_projection.py [--synth /work/tmp-speed/synth-31000] [--store DIR]

Starts a private Virtuoso (tests/virtuoso.py's server, with ``ResultSetMaxRows`` raised to 2,000,000 and
no query time limit, since a projection reads every actor's labels in one answer), bulk-loads
``synth.nt`` and the ontology with ``ld_dir`` + ``rdf_loader_run()`` (timed), then times, in turns,
``kg stats --store sparql:URL`` (kg projects a remote store at every command) and ``kg stats --store
oxigraph:DIR`` with its cached projection removed first (the same projection from the local store), and
checks that both print the same statistics (but the triple count: Virtuoso's default graph also holds
its own system graphs). Results go to bench/results/virtuoso-projection.json.
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

#: the projection through kg's remote store with a longer HTTP timeout than the CLI's 60 s
REMOTE_PROJECTION = r"""
import sys
from kg.analysis.network import project
from kg.stores.remote import SparqlStore
G = project(SparqlStore(sys.argv[1], timeout=float(sys.argv[2])))
print("actors", G.number_of_nodes(), "relations", G.number_of_edges())
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synth", default="/work/tmp-speed/synth-31000")
    parser.add_argument("--store", default="/work/tmp-speed/store-31000")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--remote-only", action="store_true",
                        help="skip the local projection (at 10M it takes half an hour; bench/scale10m.py has it)")
    parser.add_argument("--out", default=str(RESULTS / "virtuoso-projection.json"))
    parser.add_argument("--http-timeout", type=float, default=None,
                        help="project in a script through SparqlStore(URL, timeout=S) instead of `kg stats "
                             "--store sparql:URL`, whose requests give up after 60 s")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import tests.virtuoso as virtuoso
    from side_by_side import machine, write_json

    synth, ontology = Path(args.synth).resolve(), (ROOT / "ontology").resolve()
    virtuoso._INI = (virtuoso._INI.replace("ResultSetMaxRows = 10000", "ResultSetMaxRows = 2000000")
                     .replace("MaxQueryExecutionTime = 60", "MaxQueryExecutionTime = 0")
                     .replace("NumberOfBuffers = 10000", "NumberOfBuffers = 100000")
                     .replace("MaxDirtyBuffers = 6000", "MaxDirtyBuffers = 60000")
                     .replace("DirsAllowed = ., {dir}", f"DirsAllowed = ., {{dir}}, {synth}, {ontology}"))
    env = dict(os.environ, KG_NO_PROGRESS="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    local = f"oxigraph:{args.store}"
    cache = Path(args.store) / ".kg-projection.pickle"
    with virtuoso.virtuoso_server() as server:
        started = time.perf_counter()
        _isql(server, f"ld_dir('{synth}', 'synth.nt', '{synth.as_uri()}/synth.nt');")
        _isql(server, f"ld_dir('{ontology}', 'innovation.ttl', '{ontology.as_uri()}/innovation.ttl');")
        _isql(server, "rdf_loader_run();")
        _isql(server, "checkpoint;")
        load_s = time.perf_counter() - started
        count = _isql(server, "SPARQL SELECT COUNT(*) WHERE { ?s ?p ?o };")
        print(f"Virtuoso bulk load: {load_s:.1f} s; {' '.join(count.split())[-80:]}", flush=True)
        remote = f"sparql:{server.sparql_url}"
        remote_runs, local_runs, outputs = [], [], {}
        for _ in range(args.repeats):
            if args.http_timeout:
                seconds, outputs["remote"] = _timed([sys.executable, "-c", REMOTE_PROJECTION, server.sparql_url,
                                                     str(args.http_timeout)], env)
            else:
                seconds, outputs["remote"] = _timed(KG + ["stats", "--store", remote], env)
            remote_runs.append(seconds)
            print(f"remote {remote_runs[-1]:.1f} s", flush=True)
            if args.remote_only:
                continue
            cache.unlink(missing_ok=True)
            seconds, outputs["local"] = _timed(KG + ["stats", "--store", local], env)
            local_runs.append(seconds)
            print(f"local {local_runs[-1]:.1f} s", flush=True)
    if args.remote_only:
        write_json(args.out, {"synth": str(synth), "virtuoso_load_seconds": round(load_s, 1),
                              "remote_seconds": remote_runs, "remote_output_head": outputs["remote"][:400],
                              "command": "python bench/virtuoso_projection.py " + " ".join(
                                  argv if argv is not None else sys.argv[1:]), "machine": machine()})
        return
    # the triple count differs by Virtuoso's own system graphs (its default graph is every graph it holds)
    def facts(text):
        return [line for line in text.splitlines() if not line.replace(" ", "").startswith("graphtriples")]

    same = facts(outputs["remote"]) == facts(outputs["local"])
    remote_s, local_s = statistics.median(remote_runs), statistics.median(local_runs)
    print(f"projection from Virtuoso {remote_s:.1f} s, from oxigraph:DIR {local_s:.1f} s: "
          f"{remote_s / local_s:.2f}x; same statistics: {same}")
    write_json(args.out, {
        "synth": str(synth), "virtuoso_load_seconds": round(load_s, 1), "remote_seconds": remote_runs,
        "local_seconds": local_runs, "ratio": round(remote_s / local_s, 2), "same_statistics": same,
        "remote_output_head": outputs["remote"][:400], "local_output_head": outputs["local"][:400],
        "command": "python bench/virtuoso_projection.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": machine()})


# helpers

def _isql(server, sql):
    done = subprocess.run(["isql-vt", f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={sql}"],
                          capture_output=True, text=True, timeout=1800)
    output = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in output:  # isql-vt exits 0 on SQL errors
        raise SystemExit(f"isql-vt failed on {sql!r}: {output.strip()[-600:]}")
    return output


def _timed(argv, env):
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[3:])} failed: {done.stderr[-800:]}")
    return time.perf_counter() - started, done.stdout


if __name__ == "__main__":
    main()
