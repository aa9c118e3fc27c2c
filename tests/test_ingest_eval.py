"""bench/ingest_eval.py: how it counts, and that it refuses to score a text it cannot vouch for."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("ingest_eval", ROOT / "bench" / "ingest_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold(tmp_path):
    path = tmp_path / "gold.tsv"
    rows = ["kind\tname\tclass\trelation\tobject\tvalue\tunit\ttime\taliases\tnote",
            "actor\t祁连某某集团\tenterprise\t\t\t\t\t\t祁连集团\t",
            "actor\t河西某某大学\tuniversity\t\t\t\t\t\t\t",
            "actor\t甘肃省某某创新联合体\tconsortium\t\t\t\t\t\t\t",
            "actor\t李某\tperson\t\t\t\t\t\t\t",
            "relation\t祁连集团\t\tlead-unit\t甘肃省某某创新联合体\t\t\t\t\t",
            "relation\t河西某某大学\t\tcooperates-with\t祁连某某集团\t\t\t\t\t",
            "figure\t甘肃省某某创新联合体\t\t\t\t12\t家\t\t\t"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return _bench().read_gold(path)


def test_a_pair_is_wrong_only_when_both_ends_are_gold_names(tmp_path):
    gold = _gold(tmp_path)
    candidates = {
        "actors": [{"name": n, "class": c} for n, c in (("祁连某某集团", "Enterprise"), ("甘肃省某某创新联合体", "InnovationConsortium"),
                                                         ("某某工作站", "Facility"), ("李某", "Person"))],
        "relations": [
            {"subject": "祁连某某集团", "relation": "lead-unit", "object": "甘肃省某某创新联合体"},  # right, via the alias
            {"subject": "祁连某某集团", "relation": "cooperates-with", "object": "河西某某大学"},  # right, either way round
            {"subject": "河西某某大学", "relation": "member-unit", "object": "甘肃省某某创新联合体"},  # wrong: gold ends
            {"subject": "某某工作站", "relation": "located-in", "object": "祁连某某集团"},  # not counted: 工作站 not gold
        ],
        "figures": [{"value": 12.0, "unit": "家"}, {"value": 3.0, "unit": "个"}],
    }
    score = _bench().score(candidates, gold)
    assert (score["organisations"]["tp"], score["organisations"]["proposed"], score["organisations"]["found"]) == (2, 3, 2)
    assert score["organisations"]["recall"] == round(2 / 3, 3)
    assert (score["people"]["precision"], score["people"]["recall"]) == (1.0, 1.0)
    relations = score["relations"]
    assert (relations["tp"], relations["proposed"], relations["gold"], relations["proposed_all"]) == (2, 3, 2, 4)
    assert relations["precision"] == round(2 / 3, 3) and relations["recall"] == 1.0
    assert (score["figures"]["precision"], score["figures"]["recall"]) == (0.5, 1.0)


def test_it_refuses_a_text_that_differs_from_its_hash(tmp_path):
    import csv

    rows = list(csv.DictReader((ROOT / "eval" / "articles.tsv").open(encoding="utf-8"), delimiter="\t"))
    dev = [row["id"] for row in rows if row["split"] == "dev"]
    for article in dev:
        (tmp_path / f"{article}.txt").write_text("不是原文。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "ingest_eval.py"), "--texts", str(tmp_path),
                           "--out", str(tmp_path / "out.json")], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "differs from its SHA-256" in done.stderr
    assert not (tmp_path / "out.json").exists()
