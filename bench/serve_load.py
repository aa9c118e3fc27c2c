"""A bounded load run against ``kg serve`` on loopback: several clients, a fixed count of queries.

The mix is the named competency queries (kg/query/named/*.rq) plus a few queries that cannot finish and must
be stopped by the server's timeout. The script starts its own server, then

1. baseline: one client runs every named query once, in turn (sequential latency);
2. load: ``--clients`` threads share ``--queries`` requests (named queries in a shuffled round-robin,
   ``--timeouts`` endless queries spread through them);
3. after: one more query, to show the server still answers, and the server's process count.

It reports throughput, p50/p99 latency, the load-to-baseline latency ratio, and errors: a named query
must answer 200 and an endless one 503; anything else is an unexpected error (goal: 0).

With ``--hostile N`` it measures fairness instead, side by side, each run on a fresh server for
``--duration`` seconds: ``--clients`` normal clients (from 127.0.0.1) send the named queries in a loop,

1. alone (the baseline);
2. with N hostile clients from another address (127.0.0.2, another loopback address, so the server sees
   another client) that each send an endless query again as soon as the last one is stopped;
3. with N hostile clients from the normal clients' own address (127.0.0.1: one proxy, one NAT);
4. the same with ``--budget 0`` (a query never gives its worker up: the server before issue 21);
5. with ``--no-fair`` only: the other address with ``--per-client`` equal to the worker count.

It reports the normal clients' throughput and p50/p95 latency in each, and the ratios to the baseline
(goal: throughput at least 70% of the baseline and p95 under 1 s with the hostile clients, from either
address).

With ``--slow N`` it measures the connection caps: N slow clients at 127.0.0.2 each send half a request
and open a new connection as soon as the server closes theirs (``--read-timeout 2``), and after 5 s
``--clients`` normal requests are sent at once from 127.0.0.1; once with the default cap per address and
once with it lifted (the server before issue 21). It reports how many normal requests got 200.

Usage::

    python3 bench/serve_load.py                      # article graph, 6 clients, 300 queries, 4 timeouts
    python3 bench/serve_load.py --store oxigraph:/tmp/kg-load --json out/load-oxigraph.json
    python3 bench/serve_load.py --hostile 2 --clients 50 --duration 20 --store oxigraph:/tmp/kg-load
    python3 bench/serve_load.py --slow 1100 --clients 54
"""

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def main(argv=None):
    options = _arguments(argv)
    sys.path.insert(0, str(ROOT))
    from kg.query import named_queries

    named = [(name, query.text) for name, query in named_queries().items()]
    if not named:
        sys.exit("no named queries in kg/query/named/")
    if options.hostile:
        return _fairness(options, named)
    if options.slow:
        return _slow_connections(options)
    port = _free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--timeout", str(options.timeout),
               "--workers", str(options.workers), "--store", options.store] + [arg for path in options.data for arg in ("--data", path)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}/sparql"
    try:
        _wait_until_up(endpoint, server)
        baseline = [dict(_ask(endpoint, text, expect=200), name=name) for name, text in named]
        plan = _plan(named, options.queries, options.timeouts, options.seed)
        started = time.perf_counter()
        results = _load(endpoint, plan, options.clients)
        elapsed = time.perf_counter() - started
        after = _ask(endpoint, "ASK { ?s ?p ?o }", expect=200)
        processes = 1 + len(_children(server.pid))
    finally:
        _stop(server)
    report = _report(options, named, baseline, results, elapsed, after, processes)
    print(_format(report))
    if options.json:
        Path(options.json).parent.mkdir(parents=True, exist_ok=True)
        Path(options.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0 if report["unexpected_errors"] == 0 and report["after"]["ok"] else 1


# helpers

def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=6, help="concurrent clients (threads)")
    parser.add_argument("--queries", type=int, default=300, help="requests in the load phase, all clients together")
    parser.add_argument("--timeouts", type=int, default=4, help="of those, endless queries the server must stop")
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's query timeout, seconds")
    parser.add_argument("--workers", type=int, default=2, help="the server's query workers")
    parser.add_argument("--data", action="append", default=[], help="RDF file to serve (default: the project's)")
    parser.add_argument("--store", default="memory", help="the server's store: memory or oxigraph:DIR")
    parser.add_argument("--seed", type=int, default=1, help="shuffle seed")
    parser.add_argument("--hostile", type=int, default=0,
                        help="measure fairness: this many clients sending endless queries (see above)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of each fairness run")
    parser.add_argument("--no-fair", action="store_true", help="fairness: also run without fair shares")
    parser.add_argument("--slow", type=int, default=0,
                        help="measure the connection caps: this many slow re-opening clients (see above)")
    parser.add_argument("--json", help="also write the report here")
    return parser.parse_args(argv)


def _fairness(options, named):
    """The fairness runs (see the module docstring); prints and returns the report's exit code."""
    other, same = "127.0.0.2", "127.0.0.1"
    runs = [("alone", 0, other, []), ("hostile, other address", options.hostile, other, []),
            ("hostile, same address", options.hostile, same, []),
            ("hostile, same address, --budget 0", options.hostile, same, ["--budget", "0"])]
    if options.no_fair:
        runs.append(("hostile, other address, no fair shares", options.hostile, other,
                     ["--per-client", str(options.workers)]))
    report = {"store": options.store, "clients": options.clients, "hostile_clients": options.hostile,
              "workers": options.workers, "timeout_s": options.timeout, "duration_s": options.duration, "runs": {}}
    for label, hostile, source, extra in runs:
        report["runs"][label] = _fair_run(options, named, hostile, source, extra)
    alone = report["runs"]["alone"]
    for label, run in report["runs"].items():
        if label == "alone":
            continue
        run["throughput_ratio"] = round(run["normal_qps"] / alone["normal_qps"], 3) if alone["normal_qps"] else None
        run["p95_ratio"] = round(run["normal_p95_ms"] / alone["normal_p95_ms"], 2) if alone["normal_p95_ms"] else None
    report["goal_met"] = all(
        bool(run["throughput_ratio"] and run["throughput_ratio"] >= 0.7 and run["normal_p95_ms"] is not None
             and run["normal_p95_ms"] < 1000)
        for label, run in report["runs"].items() if label in ("hostile, other address", "hostile, same address"))
    for label, run in report["runs"].items():
        print(f"{label:40} " + "  ".join(f"{key} {value}" for key, value in run.items()))
    print(f"goal (>= 70% throughput, p95 < 1 s with hostile clients from either address) met: {report['goal_met']}")
    if options.json:
        Path(options.json).parent.mkdir(parents=True, exist_ok=True)
        Path(options.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0 if all(run["normal_errors"] == 0 for run in report["runs"].values()) else 1


def _fair_run(options, named, hostile, source, extra):
    """One fresh server (``extra`` options), ``--clients`` normal clients from 127.0.0.1 and ``hostile``
    endless ones from ``source`` for ``--duration`` seconds."""
    port = _free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--timeout", str(options.timeout),
               "--workers", str(options.workers), "--store", options.store]
    command += [arg for path in options.data for arg in ("--data", path)] + list(extra)
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}/sparql"
    normal, endless, lock = [], [], threading.Lock()
    try:
        _wait_until_up(endpoint, server)
        stop_at = time.perf_counter() + options.duration

        def normal_client(offset):
            for number in range(offset, 10**9):
                if time.perf_counter() >= stop_at:
                    return
                outcome = _ask(endpoint, named[number % len(named)][1], expect=200)
                with lock:
                    normal.append(outcome)

        def hostile_client():
            while time.perf_counter() < stop_at:
                outcome = _ask(endpoint, ENDLESS, expect=503, source=source)
                with lock:
                    endless.append(outcome)

        threads = [threading.Thread(target=normal_client, args=(k,), daemon=True) for k in range(options.clients)]
        threads += [threading.Thread(target=hostile_client, daemon=True) for _ in range(hostile)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads[:options.clients]:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        _stop(server)
    times = [r["seconds"] for r in normal if r["ok"]]
    return {"normal_requests": len(normal), "normal_qps": round(len(times) / elapsed, 1) if elapsed else None,
            "normal_p50_ms": _ms(_percentile(times, 50)), "normal_p95_ms": _ms(_percentile(times, 95)),
            "normal_errors": sum(1 for r in normal if not r["ok"]),
            "normal_error_examples": sorted({f"{r['status']} {r['detail'][:80]}" for r in normal if not r["ok"]})[:3],
            "endless_sent": len(endless), "endless_stopped_503": sum(1 for r in endless if r["status"] == 503)}


def _slow_connections(options):
    """The two ``--slow`` runs (see the module docstring); prints the report."""
    report = {"slow_clients": options.slow, "normal_requests": options.clients, "runs": {}}
    for label, extra in (("per-address cap (default)", []),
                         ("no per-address cap", ["--max-connections-per-address", str(options.slow + 1000)])):
        report["runs"][label] = _slow_run(options, extra)
        print(f"{label:28} " + "  ".join(f"{key} {value}" for key, value in report["runs"][label].items()))
    if options.json:
        Path(options.json).parent.mkdir(parents=True, exist_ok=True)
        Path(options.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def _slow_run(options, extra):
    port = _free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--timeout", str(options.timeout),
               "--workers", str(options.workers), "--store", options.store, "--read-timeout", "2"]
    command += [arg for path in options.data for arg in ("--data", path)] + list(extra)
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}/sparql"
    stop = threading.Event()

    def slow_client():
        while not stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=30,
                                              source_address=("127.0.0.2", 0)) as connection:
                    connection.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n")
                    connection.recv(100)  # until the server answers (408, 503) or closes
            except OSError:
                time.sleep(0.05)

    try:
        _wait_until_up(endpoint, server)
        for _ in range(options.slow):
            threading.Thread(target=slow_client, daemon=True).start()
        time.sleep(5)
        answers, lock = [], threading.Lock()

        def normal_client():
            outcome = _ask(endpoint, "ASK { ?s ?p ?o }", expect=200)
            with lock:
                answers.append(outcome)

        threads = [threading.Thread(target=normal_client) for _ in range(options.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        stop.set()
        _stop(server)
    return {"normal_200": sum(1 for a in answers if a["ok"]), "of": len(answers),
            "other_answers": sorted({f"{a['status']} {a['detail'][:60]}" for a in answers if not a["ok"]})[:3]}


def _plan(named, count, timeouts, seed):
    """``count`` requests: named queries round-robin (shuffled), ``timeouts`` endless ones evenly spread."""
    rng = random.Random(seed)
    order = named[:]
    rng.shuffle(order)
    plan = [("named", name, text, 200) for name, text in (order[i % len(order)] for i in range(count - timeouts))]
    step = max(1, len(plan) // max(timeouts, 1))
    for k in range(timeouts):
        plan.insert(min(len(plan), k * step + step // 2), ("endless", "endless", ENDLESS, 503))
    return plan


def _load(endpoint, plan, clients):
    results, lock, position = [], threading.Lock(), [0]

    def client():
        while True:
            with lock:
                if position[0] >= len(plan):
                    return
                kind, name, text, expect = plan[position[0]]
                position[0] += 1
            outcome = _ask(endpoint, text, expect=expect)
            outcome.update(kind=kind, name=name)
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _ask(endpoint, text, expect, source=None):
    """One form POST (from the loopback address ``source``, default 127.0.0.1); ``{status, seconds, ok,
    detail}``; ok when the status is the expected one."""
    import http.client
    from urllib.parse import urlsplit

    body = urlencode({"query": text}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    parts = urlsplit(endpoint)
    started = time.perf_counter()
    detail = ""
    try:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120,
                                                source_address=(source, 0) if source else None)
        try:
            connection.request("POST", parts.path, body=body, headers=headers)
            response = connection.getresponse()
            status, payload = response.status, response.read()
        finally:
            connection.close()
        if status == 200:
            json.loads(payload)  # a 200 must carry a readable answer
        else:
            detail = payload.decode("utf-8", "replace").strip()[:200]
    except (OSError, ValueError, http.client.HTTPException) as error:
        status, detail = 0, f"{type(error).__name__}: {error}"
    seconds = time.perf_counter() - started
    return {"status": status, "seconds": seconds, "ok": status == expect, "detail": detail}


def _percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def _report(options, named, baseline, results, elapsed, after, processes):
    named_ok = [r["seconds"] for r in results if r["kind"] == "named" and r["ok"]]
    endless = [r for r in results if r["kind"] == "endless"]
    unexpected = [r for r in results if not r["ok"]] + [r for r in baseline if not r["ok"]]
    base_times = [r["seconds"] for r in baseline if r["ok"]]
    p50 = _percentile(named_ok, 50)
    return {
        "store": options.store, "clients": options.clients, "workers": options.workers, "timeout_s": options.timeout,
        "named_queries": len(named), "requests": len(results), "elapsed_s": round(elapsed, 3),
        "throughput_qps": round(len(results) / elapsed, 2) if elapsed else None,
        "named_p50_ms": _ms(p50), "named_p99_ms": _ms(_percentile(named_ok, 99)),
        "baseline_p50_ms": _ms(_percentile(base_times, 50)),
        "baseline_slowest": [f"{r['name']} {_ms(r['seconds'])} ms"
                             for r in sorted(baseline, key=lambda r: -r["seconds"])[:3]],
        "load_to_baseline_p50": round(p50 / _percentile(base_times, 50), 2) if p50 and base_times else None,
        "endless_sent": len(endless), "endless_stopped_503": sum(1 for r in endless if r["status"] == 503),
        "endless_p50_ms": _ms(_percentile([r["seconds"] for r in endless], 50)),
        "unexpected_errors": len(unexpected),
        "unexpected_examples": [{k: r.get(k) for k in ("kind", "name", "status", "detail")} for r in unexpected[:5]],
        "after": {"ok": after["ok"], "status": after["status"], "ms": _ms(after["seconds"])},
        "server_processes_after": processes,
    }


def _ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


def _format(report):
    lines = [f"{key:24} {value}" for key, value in report.items() if key != "unexpected_examples"]
    lines += [f"  unexpected: {example}" for example in report["unexpected_examples"]]
    return "\n".join(lines)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(endpoint, process, limit=90):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"kg serve exited: {process.stdout.read().decode()}")
        try:
            with urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"kg serve did not answer within {limit} s")


def _children(pid):
    try:
        import psutil

        return psutil.Process(pid).children(recursive=True)
    except Exception:
        return []


def _stop(process):
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


if __name__ == "__main__":
    sys.exit(main())
