"""One size up: every `kg` step at 10M triples beside the same step at 1M, with peak RSS and progress shown.

Usage::

    python bench/scale10m.py --work /work/tmp-speed                     # every step, 1M then 10M
    python bench/scale10m.py --work /work/tmp-speed --steps load,load_floor
    python bench/scale10m.py --work /work/tmp-speed --steps projection,path_warm,pagerank

``--actors 306000`` (the default) gives 10,013,011 triples from ``kg synth --seed 0``; ``--base-actors
31000`` gives 1,011,558, the size every other benchmark here uses. Each step is a whole ``kg`` command
(``python -m kg ...``) run in its own process, its progress lines passed through to this script's stderr;
its wall time and its peak RSS (``ru_maxrss`` of that child, from ``os.wait4``) are recorded. Steps:

- ``load``: ``kg load synth.nt ontology/innovation.ttl --store oxigraph:WORK/store-N`` into a new folder;
- ``load_floor``: ``pyoxigraph.Store(NEW).bulk_load`` of the same two files into the same two graphs
  (bench/load.py's floor), so ``load`` has a ratio against the library itself at each size;
- ``projection``: the first ``kg stats`` on the new store (projects it and writes the cached projection);
- ``stats_warm``: ``kg stats`` again (reads the cached projection);
- ``path_warm``: ``kg path A B`` (warm), A the first government body and B the first laboratory in the file;
- ``pagerank``: ``kg centrality -m pagerank --top 10``;
- ``betweenness``: ``kg centrality -m betweenness --betweenness-k 100 --top 10`` (sampled, seeded);
- ``communities``: ``kg communities`` (Louvain, seed 0);
- ``view``: ``kg view --around A --depth 1 -o WORK/view-N.html`` (a neighbourhood).

The ratio of each step is its time at 10M over its time at 1M (measured growth: the data is 9.9x), and
for ``load`` also kg over the floor at the same size. Results merge into bench/results/scale10m.json.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ONTOLOGY = ROOT / "ontology" / "innovation.ttl"
KG = [sys.executable, "-m", "kg"]
sys.path.insert(0, str(ROOT / "bench"))
from load import FLOOR_LOAD  # noqa: E402 (the bulk_load floor bench/load.py measures kg load against)
#: the path's ends at each size: the first government body and the first laboratory ``kg synth`` writes
#: (IRIs are minted per size, so the same IRI is not the same kind of actor at 1M and 10M)
ENDS = ("https://w3id.org/innovation-kg/ontology#GovernmentBody", "https://w3id.org/innovation-kg/ontology#Laboratory")
STEPS = ("load", "load_floor", "projection", "stats_warm", "path_warm", "pagerank", "betweenness", "communities",
         "view")

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=306000)
    parser.add_argument("--base-actors", type=int, default=31000)
    parser.add_argument("--work", default=os.environ.get("KG_BENCH_WORK", "/tmp/kg-bench-scale"))
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--out", default=str(RESULTS / "scale10m.json"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from side_by_side import machine, write_json

    steps = [s for s in args.steps.split(",") if s]
    unknown = set(steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps {sorted(unknown)}; valid: {', '.join(STEPS)}")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    out = Path(args.out)
    result = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {"sizes": {}}
    env = dict(os.environ)
    env.pop("KG_NO_PROGRESS", None)  # progress is part of what is checked
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for actors in (args.base_actors, args.actors):
        synth = work / f"synth-{actors}"
        if not (synth / "synth.nt").is_file():
            _note(f"synth {actors} actors")
            subprocess.run(KG + ["synth", "--actors", str(actors), "--seed", "0", "--out", str(synth)], check=True)
        size = result["sizes"].setdefault(str(actors), {"steps": {}})
        size["triples_in_file"] = _lines(synth / "synth.nt")
        for step in steps:
            argv_step, scratch = _command(step, work, actors, synth)
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
            shown = argv_step if step != "load_floor" else ["python", "-c", "FLOOR_LOAD", *argv_step[3:]]
            _note(f"{actors} actors: {step}: {' '.join(shown)}")
            seconds, peak_mb, code, tail = _measure(argv_step, env)
            _note(f"{actors} actors: {step}: {seconds:.1f} s, peak RSS {peak_mb:,.0f} MB, exit {code}")
            size["steps"][step] = dict(seconds=round(seconds, 2), peak_rss_mb=round(peak_mb, 1), exit=code,
                                       command=" ".join(["kg", *argv_step[3:]] if argv_step[:3] == KG else shown),
                                       output_tail=tail, load_average=[round(x, 2) for x in os.getloadavg()])
            result["machine"] = machine()
            result["command"] = "python bench/scale10m.py " + " ".join(argv if argv is not None else sys.argv[1:])
            _ratios(result, args.base_actors, args.actors)
            write_json(out, result)
    _ratios(result, args.base_actors, args.actors)
    write_json(out, result)
    for step, row in result.get("growth", {}).items():
        print(f"{step:12} {row}")


# helpers

def _command(step, work, actors, synth):
    """``(argv, folder to remove first or None)`` of one step at one size."""
    if step in ("path_warm", "view"):
        SOURCE, TARGET = _ends(synth / "synth.nt")
    spec = f"oxigraph:{work / f'store-{actors}'}"
    if step == "load":
        return KG + ["load", str(synth / "synth.nt"), str(ONTOLOGY), "--store", spec], work / f"store-{actors}"
    if step == "load_floor":
        floor = work / f"floor-store-{actors}"
        return [sys.executable, "-c", FLOOR_LOAD, str(floor), str(synth / "synth.nt"), str(ONTOLOGY)], floor
    if step in ("projection", "stats_warm"):
        return KG + ["stats", "--store", spec], None
    if step == "path_warm":
        return KG + ["path", SOURCE, TARGET, "--store", spec], None
    if step == "pagerank":
        return KG + ["centrality", "-m", "pagerank", "--top", "10", "--store", spec], None
    if step == "betweenness":
        return KG + ["centrality", "-m", "betweenness", "--betweenness-k", "100", "--top", "10", "--store", spec], None
    if step == "communities":
        return KG + ["communities", "--store", spec], None
    if step == "view":
        return KG + ["view", "--around", SOURCE, "--depth", "1", "-o", str(work / f"view-{actors}.html"),
                     "--store", spec], None
    raise ValueError(step)


def _ends(nt):
    """The first subject typed with each class of :data:`ENDS` in an N-Triples file."""
    wanted = {f"<{cls}> .": None for cls in ENDS}
    with open(nt, encoding="utf-8") as lines:
        for line in lines:
            for tail in wanted:
                if wanted[tail] is None and line.rstrip().endswith(tail) and "22-rdf-syntax-ns#type>" in line:
                    wanted[tail] = line.split(" ", 1)[0].strip("<>")
            if all(wanted.values()):
                return tuple(wanted.values())
    raise SystemExit(f"{nt}: no {' or '.join(ENDS)}")


def _measure(argv, env, every=30):
    """Wall seconds, peak RSS (MB) and exit code of one child process; its stderr passes through, and a
    line every ``every`` seconds says how long it has run and its resident memory (from /proc)."""
    import threading

    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=None, text=True)
    done = threading.Event()

    def beat():
        while not done.wait(every):
            _note(f"  ... {time.perf_counter() - started:,.0f} s, RSS {_rss_mb(child.pid):,.0f} MB")

    threading.Thread(target=beat, daemon=True).start()
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    done.set()
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, child.returncode, output[-600:]


def _ratios(result, base, big):
    small, large = result["sizes"].get(str(base), {}), result["sizes"].get(str(big), {})
    growth = {}
    for step in STEPS:
        a, b = small.get("steps", {}).get(step), large.get("steps", {}).get(step)
        if a and b and a["seconds"] > 0:
            growth[step] = dict(time_ratio=round(b["seconds"] / a["seconds"], 2),
                                rss_ratio=round(b["peak_rss_mb"] / a["peak_rss_mb"], 2))
    for actors, size in ((base, small), (big, large)):
        steps = size.get("steps", {})
        if "load" in steps and "load_floor" in steps:
            size["load_over_floor"] = round(steps["load"]["seconds"] / steps["load_floor"]["seconds"], 2)
    if small.get("triples_in_file") and large.get("triples_in_file"):
        result["data_ratio"] = round(large["triples_in_file"] / small["triples_in_file"], 2)
    result["growth"] = growth


def _rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _lines(path):
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 24), b""))


def _note(text):
    print(time.strftime("%H:%M:%S ") + text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
