"""Score what `kg ingest` proposes on the hand-annotated Gansu corpus, beside the library with no gazetteer.

Usage: python bench/ingest_eval.py [--split dev|val|test|blind|all] [--out FILE] [--texts DIR] [--model DIR]

Two modes (three with ``--model``), side by side, on every article of the split (eval/articles.tsv; texts in eval/articles/,
git-ignored; gold in eval/gold/):

- ``kg ingest``: the command a user runs, in a subprocess (``python -m kg ingest FILE --id … --date …
  --publisher … --place 甘肃 --json``), with the project's graph as its gazetteer, in a scratch folder
  (its own KG_SOURCES, review file and cache), so nothing in the checkout changes;
- ``library, empty gazetteer``: ``kg.extract.extract(text, Gazetteer(), region="甘肃", date=…)``;
- with ``--model DIR``, a third: ``kg ingest --model`` with the recommender that ``kg retrain`` wrote to DIR
  (its proposals merged with the rules').

Scores, per article, in total (micro: sums of counts) and as the mean of the articles (macro):

- organisations: gold actors of every class except ``person``; a proposed actor counts when its class is
  not Person. Precision: the share of distinct proposed names that are a gold organisation's name or
  alias; recall: the share of gold organisations proposed under one of their names.
  People are scored the same way on their own (``people``), not mixed into organisations.
- relations: relation, subject and object must match (names compared through the gold aliases;
  cooperates-with either way round; approved-by and recommended-by count as the gold's ``other``).
  A proposed pair counts as wrong when both its ends are gold names (actors, their aliases, or the ends of
  gold relations such as documents and places) and the gold does not state that relation between them;
  a pair with an end outside the gold is not counted either way (the gold lists what the text states,
  not everything the extractor might name).
- figures: value and unit, each gold figure matched once (the subject is not compared).

Writes bench/results/ingest-eval.json (``--out``) and ingest-eval.md beside it, and prints the Markdown.
For the val, test and blind splits only scores are printed and stored, never names. Exits 1 with one line
when an article of the split has no text or its SHA-256 differs from articles.tsv (nothing is scored).
"""

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.learn.evaluate import AS_GOLD  # noqa: E402  (what the gold calls the relations it has no term for)

# val: scored as often as one likes while rules are written, by its scores only (never its names)
SPLITS = ("dev", "val", "test", "blind")
PLACE = "甘肃"
#: the third mode, with --model: kg ingest --model, the recommender's proposals merged with the rules'
MODEL_MODE = "kg ingest --model"
KINDS = ("organisations", "people", "relations", "figures")


# -- gold and matching -------------------------------------------------------------------------------

def read_gold(path):
    """``{"orgs": [[name, alias…]…], "people": […], "alias": {name: canonical}, "relations": [(s, r, o)],
    "figures": [(value, unit)]}`` of one gold file."""
    gold = {"orgs": [], "people": [], "alias": {}, "relations": [], "figures": []}
    for row in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"):
        if row["kind"] == "actor":
            names = [row["name"], *filter(None, (row["aliases"] or "").split("|"))]
            gold["people" if row["class"] == "person" else "orgs"].append(names)
            for name in names:
                gold["alias"].setdefault(name, row["name"])
        elif row["kind"] == "relation":
            gold["relations"].append((row["name"], row["relation"], row["object"]))
        elif row["kind"] == "figure":
            gold["figures"].append((float(row["value"]), row["unit"]))
    return gold


def score(candidates, gold):
    """Counts (``tp``, ``proposed``, ``gold``, ``found``) for each kind, and the names behind them."""
    alias = gold["alias"]

    def names_score(proposed, groups):
        known = {name for names in groups for name in names}
        return {"proposed": len(proposed), "tp": len(proposed & known), "gold": len(groups),
                "found": sum(1 for names in groups if proposed & set(names)),
                "missed": sorted(names[0] for names in groups if not proposed & set(names)),
                "wrong": sorted(proposed - known)}

    actors = candidates["actors"]
    result = {
        "organisations": names_score({a["name"] for a in actors if a.get("class") != "Person"}, gold["orgs"]),
        "people": names_score({a["name"] for a in actors if a.get("class") == "Person"}, gold["people"]),
    }

    def canon(name):
        return alias.get(name, name)

    def key(s, rel, o):  # cooperates-with is symmetric: one key for either order
        return (min(s, o), rel, max(s, o)) if rel == "cooperates-with" else (s, rel, o)

    wanted = {key(canon(s), rel, canon(o)) for s, rel, o in gold["relations"]}
    ends = set(alias) | {canon(n) for s, _, o in gold["relations"] for n in (s, o)}
    got = {key(canon(r["subject"]), AS_GOLD.get(r["relation"], r["relation"]), canon(r["object"]))
           for r in candidates["relations"]}
    right = got & wanted
    wrong = {t for t in got - wanted if t[0] in ends and t[2] in ends}
    result["relations"] = {"proposed": len(right) + len(wrong), "tp": len(right), "gold": len(wanted),
                           "found": len(right), "proposed_all": len(got),
                           "missed": sorted(" ".join(t) for t in wanted - got),
                           "wrong": sorted(" ".join(t) for t in wrong)}

    pool = Counter((float(f["value"]), f["unit"]) for f in candidates["figures"])
    hits = 0
    for figure in gold["figures"]:
        if pool[figure] > 0:
            pool[figure] -= 1
            hits += 1
    result["figures"] = {"proposed": len(candidates["figures"]), "tp": hits, "gold": len(gold["figures"]),
                         "found": hits, "missed": [], "wrong": sorted(f"{v:g} {u}" for v, u in pool.elements())}
    for counts in result.values():
        counts["precision"] = ratio(counts["tp"], counts["proposed"])
        counts["recall"] = ratio(counts["found"], counts["gold"])
    return result


def ratio(hit, total):
    return round(hit / total, 3) if total else None


# -- the two modes -----------------------------------------------------------------------------------

def run_kg_ingest(path, row, scratch, model=None):
    """The candidates ``kg ingest --json`` prints for the article (the project's graph as gazetteer);
    with ``model`` (a folder from ``kg retrain``), ``kg ingest --model`` with that model."""
    source_id = f"eval-{row['id']}"
    env = dict(os.environ, KG_SOURCES=str(scratch / "sources"), KG_CACHE_DIR=str(scratch / "cache"),
               KG_NO_PROGRESS="1", PYTHONPATH=str(ROOT))
    env.pop("KG_HOME", None)  # the project's own graph, as a user of this checkout gets it
    command = [sys.executable, "-m", "kg", "ingest", str(path), "--id", source_id, "--place", PLACE,
               "--review", str(scratch / f"{source_id}.tsv"), "--json"]
    if model is not None:
        env["KG_MODEL"] = str(model)
        command.append("--model")
    for option, column in (("--date", "date"), ("--publisher", "publisher")):
        if (row.get(column) or "").strip():  # an article without one is ingested as a user would, without it
            command += [option, row[column].strip()]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=scratch)
    if done.returncode != 0:
        raise SystemExit(f"Error: kg ingest failed on {row['id']}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout)


def run_library(text, row):
    from kg.extract import Gazetteer, extract

    return extract(text, Gazetteer(), region=PLACE, date=(row.get("date") or "").strip() or None).to_json()


# -- report ------------------------------------------------------------------------------------------

def summarise(per_article):
    """Micro (sums of counts) and macro (mean of the articles' ratios) scores of each kind."""
    out = {}
    for kind in KINDS:
        sums = {k: sum(a[kind][k] for a in per_article.values()) for k in ("tp", "proposed", "gold", "found")}
        out[kind] = {**sums, "precision": ratio(sums["tp"], sums["proposed"]),
                     "recall": ratio(sums["found"], sums["gold"])}
        for measure in ("precision", "recall"):
            values = [a[kind][measure] for a in per_article.values() if a[kind][measure] is not None]
            out[kind][f"mean_{measure}"] = round(sum(values) / len(values), 3) if values else None
    return out


def markdown(report, show_names):
    lines = ["| article | mode | org P | org R | people P | people R | rel P | rel R (found/gold) | fig P | fig R |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]

    def cells(s):
        r = s["relations"]
        return (f"{s['organisations']['precision']} | {s['organisations']['recall']} | {s['people']['precision']} "
                f"| {s['people']['recall']} | {r['precision']} | {r['recall']} ({r['found']}/{r['gold']}) "
                f"| {s['figures']['precision']} | {s['figures']['recall']}")

    for split, block in report["splits"].items():
        for gid, modes in block["articles"].items():
            for mode in modes:
                lines.append(f"| {gid} ({split}) | {mode} | {cells(modes[mode])} |")
        for mode in block["total"]:
            total = block["total"][mode]
            lines.append(f"| **total {split}** ({len(block['articles'])}) | {mode} | {cells(total)} |")
            mean = {k: {"precision": v["mean_precision"], "recall": v["mean_recall"], "found": v["found"],
                        "gold": v["gold"]} for k, v in total.items()}
            lines.append(f"| mean {split} | {mode} | {cells(mean)} |")
    if show_names:
        lines.append("")
        for split, block in report["splits"].items():
            for gid, modes in block["articles"].items():
                for kind in ("organisations", "relations"):
                    s = modes["kg ingest"][kind]
                    if s["missed"] or s["wrong"]:
                        lines.append(f"- {gid} kg ingest {kind}: missed {s['missed']}; wrong {s['wrong']}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "ingest-eval.json"))
    parser.add_argument("--texts", default=str(ROOT / "eval" / "articles"),
                        help="the folder of the articles' texts (<id>.txt)")
    parser.add_argument("--model", metavar="DIR",
                        help="also score kg ingest --model with the recommender in DIR (made by kg retrain)")
    args = parser.parse_args()
    if args.model and not (Path(args.model) / "meta.json").is_file():
        print(f"Error: {args.model} holds no model (run kg retrain first)", file=sys.stderr)
        return 1

    rows = [row for row in csv.DictReader((ROOT / "eval" / "articles.tsv").open(encoding="utf-8"), delimiter="\t")
            if args.split == "all" or row["split"] == args.split]
    if not rows:
        print(f"Error: eval/articles.tsv has no article in the {args.split} split", file=sys.stderr)
        return 1
    texts = {}
    for row in rows:  # every text is checked before anything is scored
        path = Path(args.texts) / f"{row['id']}.txt"
        if not path.is_file():
            print(f"Error: {row['id']}: {path} is missing (eval/README.md says how to rebuild it)", file=sys.stderr)
            return 1
        if hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            print(f"Error: {row['id']}: {path} differs from its SHA-256 in eval/articles.tsv", file=sys.stderr)
            return 1
        texts[row["id"]] = path

    command = "python bench/ingest_eval.py --split " + args.split + (f" --model {args.model}" if args.model else "")
    report = {"command": command, "place": PLACE, "splits": {}}
    with tempfile.TemporaryDirectory(prefix="kg-ingest-eval-") as scratch:
        for row in rows:
            path = texts[row["id"]]
            gold = read_gold(ROOT / "eval" / "gold" / f"{row['id']}.tsv")
            results = {"kg ingest": score(run_kg_ingest(path, row, Path(scratch)), gold),
                       "library, empty gazetteer": score(run_library(path.read_text(encoding="utf-8"), row), gold)}
            if args.model:
                results[MODEL_MODE] = score(run_kg_ingest(path, row, Path(scratch), model=args.model), gold)
            if row["split"] != "dev":  # scores only: a val, test or blind article's names are never shown
                for counts in (c for mode in results.values() for c in mode.values()):
                    counts.pop("missed"), counts.pop("wrong")
            report["splits"].setdefault(row["split"], {"articles": {}})["articles"][row["id"]] = results
    for block in report["splits"].values():
        modes = next(iter(block["articles"].values()))
        block["total"] = {mode: summarise({gid: found[mode] for gid, found in block["articles"].items()})
                          for mode in modes}
    report["targets"] = {"organisations": {"precision": 0.85, "recall": 0.85},
                         "relations": {"recall": 0.5, "at_precision": 0.7}}
    table = markdown(report, show_names=args.split == "dev")
    target = Path(args.out)
    target.parent.mkdir(parents=True, exist_ok=True)
    for path, content in ((target, json.dumps(report, ensure_ascii=False, indent=2) + "\n"),
                          (target.with_suffix(".md"), table + "\n")):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(path)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
