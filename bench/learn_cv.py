"""Cross-validate the recommender (kg.learn) over articles: the rules alone against rules + model.

Usage: python bench/learn_cv.py [--out bench/results/learn-cv.json]

The documents are the seed source's accepted claims (graph_data/) and the evaluation's development
articles (the rows of eval/articles.tsv whose split is dev; eval/gold/, texts in eval/articles/,
git-ignored; the test and blind splits are never read). Each
is held out once: a model is trained on all the others, and the held-out text is read with a
gazetteer of the training documents' names, by the rules alone and by the rules merged with the model
at a few confidence thresholds (actor/relation). kg.learn.evaluate says how each score is counted.

Writes the JSON to --out and prints a Markdown table of the pooled scores and of each article.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.learn.data import training_documents  # noqa: E402
from kg.learn.evaluate import cross_validate  # noqa: E402

#: (actor, relation) thresholds scored; 1.01 turns that half of the model off
THRESHOLDS = tuple((a, r) for a in (0.5, 0.7, 0.9, 1.01) for r in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "learn-cv.json"))
    parser.add_argument("--no-rule-features", dest="rule_features", action="store_false",
                        help="train the tagger without the rules' names as features (an independent view)")
    parser.add_argument("--no-relation-rule-features", dest="relation_rule_features", action="store_false",
                        help="train the relation classifier without what the rules say of a pair")
    parser.add_argument("--folds", type=int, default=5,
                        help="groups of articles (document i in group i %% k); 0 leaves one article out at a time")
    args = parser.parse_args()

    documents, skipped = training_documents(ROOT)
    started = time.perf_counter()
    result = cross_validate(documents, thresholds=THRESHOLDS, rule_features=args.rule_features,
                            folds=args.folds or None, relation_rule_features=args.relation_rule_features)
    seconds = time.perf_counter() - started
    out = {"command": " ".join(["python bench/learn_cv.py", *sys.argv[1:]]), "k_folds": args.folds,
           "documents": [d.id for d in documents], "skipped": skipped,
           "folds_seconds": round(seconds, 1), "rule_features": args.rule_features,
           "relation_rule_features": args.relation_rule_features, **result}
    target = Path(args.out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(target)

    print(f"{len(documents)} documents, {args.folds or 'leave-one-article-out'} folds by article, {seconds:.0f} s; not used: {skipped or 'none'}")
    print("| texts | what | org P | org R | relation P | relation R | relation P (gold ends) | orgs proposed | relations proposed |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    rows = [("all", name, t) for name, t in result["total"].items()]
    rows += [(origin, name, t) for origin, totals in sorted(result["total_by_origin"].items())
             for name, t in totals.items()]
    for origin, name, t in rows:
        print(f"| {origin} | {name} | {t['org_precision']} | {t['org_recall']} | {t['relation_precision']} | "
              f"{t['relation_recall']} | {t['relation_precision_gold_ends']} | {t['orgs_proposed']} | "
              f"{t['relations_proposed']} |")
    print()
    print("| held out | what | org P | org R | relation P | relation R |")
    print("| --- | --- | --- | --- | --- | --- |")
    for fold in result["folds"]:
        for name in ("rules", "rules+model@0.5/0.5"):
            c = fold[name]
            p = lambda a, b: round(c[a] / c[b], 3) if c[b] else None  # noqa: E731
            print(f"| {fold['held_out']} | {name} | {p('orgs_right', 'orgs_proposed')} | {p('orgs_found', 'orgs_gold')} "
                  f"| {p('relations_right', 'relations_proposed')} | {p('relations_right', 'relations_gold')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
