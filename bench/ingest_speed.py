"""How fast the extractor (kg.extract) reads articles: one 3,000-character article after start-up, and
1,000 synthetic articles (kg.synth source texts), each against a baseline run side by side.

Usage: python bench/ingest_speed.py [--articles 1000] [--repeats 5] [--out bench/results/ingest-speed.json]

- one article: the first 3,000 characters of the seed article (000_53c5d41e29162869), extracted with the
  seed graph's gazetteer; the median of --repeats runs after one warm-up. Baseline: the same text only
  checked, folded and split into sentences (kg.extract.text), timed the same way. Target: under 1 s.
- start-up: a fresh ``python -c`` that imports kg.extract and extracts the article once, against a bare
  ``python -c pass``.
- 1,000 articles: the source texts kg.synth writes for a synthetic ecosystem, extracted one by one with
  an empty gazetteer. Baseline: the same texts folded and split. Target: under 2 minutes.

Exits 1 when a target is missed.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import Gazetteer, extract  # noqa: E402
from kg.extract.text import check_text, fold, sentence_spans  # noqa: E402

ONE_ARTICLE_S = 1.0
MANY_ARTICLES_S = 120.0


def baseline(text):
    return sentence_spans(fold(check_text(text)))


def timed(function, repeats):
    function()  # warm-up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def subprocess_seconds(code, repeats=3):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "ingest-speed.json"))
    args = parser.parse_args()

    import kg
    from kg.sources import read_source

    article = read_source("000_53c5d41e29162869")[:3000]
    with kg.open() as g:
        gazetteer = Gazetteer.from_graph(g)
    one = timed(lambda: extract(article, gazetteer, region="甘肃"), args.repeats)
    one_base = timed(lambda: baseline(article), args.repeats)
    cold = subprocess_seconds(
        "from kg.extract import extract; from kg.sources import read_source; "
        "extract(read_source('000_53c5d41e29162869')[:3000], region='甘肃')")
    bare = subprocess_seconds("pass")

    from kg.synth import generate

    texts, sizes = [], 24
    with tempfile.TemporaryDirectory() as tmp:
        actors = 2000
        while len(texts) < args.articles:
            result = generate(actors, seed=7, out_dir=tmp, source_size=sizes)
            texts = [p.read_text(encoding="utf-8") for p in result.sources]
            actors *= 2
    texts = texts[:args.articles]
    started = time.perf_counter()
    counts = [len(extract(text).actors) for text in texts]
    many = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        baseline(text)
    many_base = time.perf_counter() - started

    out = {
        "one_article": {"chars": len(article), "gazetteer_names": len(gazetteer), "median_s": round(one, 4),
                        "baseline_fold_and_split_s": round(one_base, 6),
                        "ratio_to_baseline": round(one / one_base, 1) if one_base else None,
                        "target_s": ONE_ARTICLE_S, "met": one < ONE_ARTICLE_S},
        "start_up": {"python_import_and_extract_once_s": round(cold, 3), "python_c_pass_s": round(bare, 3),
                     "ratio": round(cold / bare, 1)},
        "many_articles": {"articles": len(texts), "total_chars": sum(map(len, texts)),
                          "actors_proposed": sum(counts), "total_s": round(many, 3),
                          "baseline_fold_and_split_s": round(many_base, 4),
                          "ratio_to_baseline": round(many / many_base, 1) if many_base else None,
                          "target_s": MANY_ARTICLES_S, "met": many < MANY_ARTICLES_S},
        "python": sys.version.split()[0],
        "command": "python bench/ingest_speed.py",
    }
    target = Path(args.out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = target.with_suffix(".tmp")
    tmp_path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp_path.replace(target)
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0 if out["one_article"]["met"] and out["many_articles"]["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
