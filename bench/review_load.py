"""Page load of the review page for a 10,000-character article with 300 proposals, in Chromium, beside a
baseline run in turns: the same text with the same 300 spans as <mark>s in a static HTML page (no script).

Usage::

    python bench/review_load.py [--repeats 7]      # writes bench/results/review-load.json

The article is synthetic (invented names: 陇星0科技有限公司 ...; written into a temporary folder with its
review file: 200 actors, 70 relations, 30 figures, every line status=proposed). Ours: from navigation to
the page's ``kgReview.readyAt`` (the HTML, the JSON it carries, review.js drawing the text and the list);
the baseline: navigation to ``loadEventEnd``. Each is a fresh browser context (no cache), in turns.
The target is under 1 s; this is a benchmark, not a test.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.side_by_side import machine, write_json  # noqa: E402

SOURCE_ID = "bench-review-load"


def synthetic_review(folder, characters=10_000, actors=200, relations=70, figures=30):
    """Write ``<folder>/sources/<id>.txt`` and ``<folder>/<id>.review.tsv``: ``(review path, spans)``."""
    from kg.claims.format import Actor, Concept, Figure, Relation, Source, write_claims

    pieces, spans, position = ["陇星示范报道\n"], [], len("陇星示范报道\n")
    names = []
    claims = [Source(SOURCE_ID, "陇星示范报道", "2025", "甘肃日报", review={"status": "proposed"}),
              Concept("measure/bench-m01", "研发投入", "-", review={"status": "proposed"})]
    number = 0
    while position < characters:
        first, second = f"陇星{number}科技有限公司", f"河西{number}研究院"
        sentence = f"{first}与{second}签订合作协议,研发投入达{number % 9 + 1}.5亿元。"
        a, b = position, position + len(first)
        c = sentence.index(second) + position
        f = sentence.index("亿元") + position - 3
        pieces.append(sentence)
        names.append((first, a, b, second, c, c + len(second), f, f + 5, sentence, position))
        position += len(sentence)
        number += 1
    text = "".join(pieces)[:characters]
    for index, (first, a, b, second, c, d, f, g, sentence, start) in enumerate(names):
        if len(spans) >= actors:
            break
        for name, s, e in ((first, a, b), (second, c, d)):
            claims.append(Actor(f"org/bench-{len(spans):04d}", ("Enterprise" if "公司" in name else "ResearchInstitute",),
                                name, "-", review=_review(s, e)))
            spans.append((s, e, "actor"))
    for index in range(relations):
        first, a, b, second, c, d, f, g, sentence, start = names[index]
        claims.append(Relation(f"org/bench-{2 * index:04d}", "cooperatesWith", f"org/bench-{2 * index + 1:04d}",
                               text[a:d + 4], review=_review(a, d + 4)))
        spans.append((a, d + 4, "relation"))
    for index in range(figures):
        first, a, b, second, c, d, f, g, sentence, start = names[index]
        claims.append(Figure(f"org/bench-{2 * index:04d}", "measure/bench-m01", text[f:g - 2], "亿元", "2025",
                             text[f:g], review=_review(f, g)))
        spans.append((f, g, "figure"))
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / f"{SOURCE_ID}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{SOURCE_ID}.review.tsv"
    write_claims(claims, path)
    return path, text, spans


def static_page(text, spans, out):
    """The baseline: the text with its spans as <mark>s, no script."""
    import html

    cuts = sorted({0, len(text), *[s for s, _, _ in spans], *[e for _, e, _ in spans]})
    parts = []
    for s, e in zip(cuts, cuts[1:]):
        covering = [kind for a, b, kind in spans if a <= s and b >= e]
        piece = html.escape(text[s:e])
        parts.append(f'<mark class="k-{covering[0]}">{piece}</mark>' if covering else piece)
    out.write_text("<!DOCTYPE html><html lang='zh'><meta charset='utf-8'><title>baseline</title>"
                   "<article style='white-space:pre-wrap'>" + "".join(parts) + "</article></html>", encoding="utf-8")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "review-load.json"))
    args = parser.parse_args(argv)

    import uvicorn

    import kg
    from kg.review.serve import ReviewServer
    from tests.browser import open_browser

    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        os.environ["KG_SOURCES"] = str(folder / "sources")
        review_path, text, spans = synthetic_review(folder)
        baseline_file = static_page(text, spans, folder / "baseline.html")
        graph = kg.open()
        server = ReviewServer({SOURCE_ID: review_path}, graph=graph)
        runner = uvicorn.Server(uvicorn.Config(server.app, host="127.0.0.1", port=server.port, log_level="warning"))
        thread = threading.Thread(target=runner.run, daemon=True)
        thread.start()
        while not runner.started:
            time.sleep(0.05)
        url = server.url(SOURCE_ID)
        ours, base = [], []
        with open_browser() as browser:
            def load_ours():
                context = browser.browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                page.goto(url)
                page.wait_for_function("() => window.kgReview && window.kgReview.ready === true")
                shown = page.evaluate("() => [document.querySelectorAll('#text mark').length, "
                                      "document.querySelectorAll('#proposals li').length]")
                value = page.evaluate("() => window.kgReview.readyAt") / 1000
                context.close()
                return value, shown

            def load_base():
                context = browser.browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                page.goto(baseline_file.as_uri(), wait_until="load")
                value = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
                context.close()
                return value

            load_base(), load_ours()  # warm-up of each
            shown = None
            for _ in range(args.repeats):
                base.append(load_base())
                value, shown = load_ours()
                ours.append(value)
        runner.should_exit = True
        thread.join(timeout=30)
        graph.close()
    result = {"characters": len(text), "proposals": len(spans), "marks_drawn": shown[0], "list_items": shown[1],
              "review_page_seconds": round(statistics.median(ours), 3),
              "baseline_static_seconds": round(statistics.median(base), 3),
              "ratio": round(statistics.median(ours) / statistics.median(base), 2),
              "review_runs": [round(x, 3) for x in ours], "baseline_runs": [round(x, 3) for x in base],
              "machine": machine()}
    print(result)
    write_json(args.out, result)


def _review(start, end):
    return {"status": "proposed", "confidence": "0.80", "why": "synthetic", "start": str(start), "end": str(end)}


if __name__ == "__main__":
    main()
