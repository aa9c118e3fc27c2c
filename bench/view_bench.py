"""Benchmark `kg view` pages in headless Chromium against pyvis's own default page for the same graph.

For synthetic, projection-shaped graphs of 100, 1,000 and 10,000 actors (seeded) it measures:

- ``render s``: Python time to build the page (centrality, layout, HTML) and write it;
- ``HTML``: the page's size;
- ``stable s``: time from navigation start until the layout is stable in headless Chromium. For kg view
  (positions computed in Python, physics off) that is the first draw (``kgView.readyMs``); for pyvis's
  default page (physics on, barnesHut, vis's default stabilisation of up to 1,000 iterations) it is vis's
  ``stabilizationIterationsDone`` event, capped at ``--cap`` seconds;
- ``requests out``: requests the page tried to send off the machine (all refused here).

Run from the repository root::

    python bench/view_bench.py                 # the table for docs/view.md
    python bench/view_bench.py --sizes 100 1000 --cap 60
    python bench/view_bench.py --screenshots docs/screenshots   # the article screenshots instead

Everything the pages try to fetch from the network is aborted, so the numbers are offline numbers.
"""

import argparse
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.view import render  # noqa: E402
from tests.browser import open_browser  # noqa: E402

CLASSES = [("Enterprise", 0.40), ("University", 0.06), ("ResearchInstitute", 0.10), ("GovernmentBody", 0.05),
           ("Person", 0.15), ("Project", 0.10), ("City", 0.04), ("InnovationConsortium", 0.03),
           ("IndustrialCluster", 0.02), ("Technology", 0.05)]
RELATIONS = [("ledBy", "led by", "牵头"), ("participant", "participant", "参与方"),
             ("locatedIn", "located in", "位于"), ("supportedBy", "supported by", "支持单位"), ("member-unit", "member unit", "成员单位"),
             ("developedBy", "developed by", "研发主体"), ("affiliatedWith", "affiliated with", "隶属"),
             ("chain-enterprise", "chain enterprise", "链上企业")]


def synthetic_projection(n, seed=0):
    """A seeded MultiDiGraph shaped like kg.analysis.network.project's output: heavy-tailed ties, ~1.5 edges a node."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, 1, seed=seed)
    extra = n // 2
    while extra:
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            skeleton.add_edge(u, v)
            extra -= 1
    names, weights = zip(*CLASSES)
    G = nx.MultiDiGraph()
    for node in skeleton:
        cls = rng.choices(names, weights)[0]
        weight = rng.randint(5, 80) if cls == "IndustrialCluster" else 0
        collectives = ([{"count": weight, "role": "https://w3id.org/innovation-kg/id/role/chain-enterprise",
                         "class": None, "measure_en": "chain enterprises", "measure_zh": "链上企业", "unit": "家",
                         "time": "2024"}] if weight else [])
        G.add_node(f"urn:synth:{node}", label_zh=f"合成{cls}{node}", label_en=f"Synthetic {cls} {node}",
                   aliases=[f"S{node}"], classes=[cls], cls=cls, collectives=collectives, collective_weight=weight,
                   figures=[{"measure_en": "staff", "measure_zh": "员工", "value": rng.randint(1, 999), "unit": "人",
                             "time": "2024", "qualifier": None}])
    for u, v in skeleton.edges():
        slug, en, zh = rng.choice(RELATIONS)
        key = f"https://w3id.org/innovation-kg/ontology#{slug}"
        G.add_edge(f"urn:synth:{u}", f"urn:synth:{v}", key=key, relation=key, label_en=en, label_zh=zh,
                   evidence=[{"span": f"合成{u}与{v}", "start": u, "end": u + 5, "source": "urn:synth:source"}])
    return G


def pyvis_page(G, path):
    """pyvis's default page for G (its own template, vis-network inlined, physics on), written as UTF-8."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in G.nodes(data=True):
        net.add_node(node, label=data["label_en"], title=data["label_zh"], group=data["cls"])
    for u, v, data in G.edges(data=True):
        net.add_edge(u, v, title=data["label_en"])
    page = net.generate_html()
    if page.count(_PYVIS_HOOK) != 1:
        raise SystemExit("pyvis's template changed: cannot find where it creates the network")
    Path(path).write_text(page.replace(_PYVIS_HOOK, _PYVIS_HOOK + _PYVIS_PROBE), encoding="utf-8")


# inserted right after pyvis's `network = new vis.Network(...)`: vis stabilises in timer batches after the
# constructor returns, so the listener is in place before the event; the first draw follows it
_PYVIS_PROBE = ("network.once('stabilizationIterationsDone', function () { window.__stable = performance.now(); });"
                "network.once('afterDrawing', function () { window.__drawn = performance.now(); });")
_PYVIS_HOOK = "network = new vis.Network(container, data, options);"


def measure(browser, path, kind, cap):
    context = browser.browser.new_context(viewport={"width": 1400, "height": 900})
    outside = []
    local = ("file:", "data:", "blob:", "about:")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local)
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto(Path(path).resolve().as_uri(), wait_until="commit", timeout=cap * 1000)
    ready = "() => window.kgView && window.kgView.ready" if kind == "kg" else "() => window.__stable !== undefined"
    try:
        page.wait_for_function(ready, timeout=cap * 1000, polling=50)
        expression = "() => kgView.readyMs" if kind == "kg" else "() => window.__stable"
        seconds = page.evaluate(expression) / 1000
    except Exception:  # playwright's TimeoutError: past the cap
        seconds = None
    context.close()
    return seconds, len(outside)


def run(sizes, cap, repeat, baseline=True):
    rows = []
    with open_browser() as browser, tempfile.TemporaryDirectory() as folder:
        render(synthetic_projection(20), Path(folder) / "warm-up.html")  # imports and first-call costs
        for n in sizes:
            G = synthetic_projection(n, seed=n)
            ours = Path(folder) / f"kg-{n}.html"
            started = time.perf_counter()
            summary = render(G, ours, node_budget=max(n, 1500), title=f"synthetic {n}")
            render_seconds = time.perf_counter() - started
            pages = [("kg view", ours, render_seconds, summary)]
            if n > 1500:  # and what `kg view` does by default: keep the 1,500 most central
                budget = Path(folder) / f"kg-{n}-budget.html"
                started = time.perf_counter()
                cut = render(G, budget, title=f"synthetic {n}")
                pages.append(("kg view, budget 1,500", budget, time.perf_counter() - started, cut))
            if baseline:
                theirs = Path(folder) / f"pyvis-{n}.html"
                started = time.perf_counter()
                pyvis_page(G, theirs)
                pages.append(("pyvis default", theirs, time.perf_counter() - started, None))
            for kind, path, seconds, shown in pages:
                timings = [measure(browser, path, "pyvis" if shown is None else "kg", cap) for _ in range(repeat)]
                stable = [t for t, _ in timings if t is not None]
                rows.append({"actors": n, "edges": G.number_of_edges(), "page": kind, "render": seconds,
                             "size": path.stat().st_size, "stable": min(stable) if len(stable) == repeat else None,
                             "outside": timings[0][1], "shown": n if shown is None else shown.nodes_shown})
                print(_row(rows[-1], cap), flush=True)
    return rows


def _row(row, cap):
    stable = f"{row['stable']:.2f}" if row["stable"] is not None else f"> {cap}"
    return (f"| {row['actors']:,} | {row['edges']:,} | {row['page']} | {row['shown']:,} | {row['render']:.2f} | "
            f"{row['size'] / 1e6:.2f} MB | {stable} | {row['outside']} |")


def screenshots(folder):
    """The article's default view and the path view of docs/view.md, at 1600x1000."""
    from kg.stores.load import load_graph
    from kg.analysis.network import project
    from kg.analysis.paths import find_paths
    from kg.analysis.resolve import resolve
    from kg.view import render_path_view

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    G = project(load_graph())
    with open_browser() as browser, tempfile.TemporaryDirectory() as work:
        default = Path(work) / "view.html"
        render(G, default, lang="zh")
        record = browser.open(default, width=1600, height=1000)
        page = record.page
        cluster = resolve(G, "金昌有色金属新材料产业集群")
        # zoom on the largest group (shifted left of the side panel), then click the cluster that counts
        # 64 unnamed chain enterprises: the panel lists its relations with their evidence
        page.evaluate("""iri => { const p = kgView.network.getPosition(kgView.indexOf(iri));
                                  kgView.network.moveTo({position: {x: p.x + 230, y: p.y - 40}, scale: 0.85}); }""",
                      resolve(G, "甘肃"))
        page.wait_for_timeout(200)
        spot = page.evaluate("iri => kgView.domPosition(iri)", cluster)
        page.mouse.click(spot["x"], spot["y"])
        page.mouse.move(spot["x"] - 400, spot["y"] + 300)
        page.wait_for_timeout(200)
        page.screenshot(path=str(folder / "view-default.png"))
        source, target = resolve(G, "俄罗斯沃罗涅日国立农业大学"), resolve(G, "甘肃省科技厅")
        path_page = Path(work) / "path.html"
        render_path_view(G, find_paths(G, source, target), path_page, lang="zh")
        record = browser.open(path_page, width=1600, height=1000)
        record.page.screenshot(path=str(folder / "view-path.png"))
    print(f"wrote {folder / 'view-default.png'} and {folder / 'view-path.png'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--cap", type=int, default=90, help="seconds to wait for a page to stabilise")
    parser.add_argument("--repeat", type=int, default=1, help="loads per page (the best is reported)")
    parser.add_argument("--no-baseline", action="store_true", help="skip pyvis's page (it takes minutes at 10k)")
    parser.add_argument("--screenshots", metavar="DIR", help="write the article screenshots to DIR instead")
    options = parser.parse_args()
    if options.screenshots:
        screenshots(options.screenshots)
        return
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}")
    print("| actors | relations | page | actors drawn | render s | HTML | stable s | requests out |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    run(options.sizes, options.cap, options.repeat, baseline=not options.no_baseline)


if __name__ == "__main__":
    main()
