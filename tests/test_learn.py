"""kg.learn: the recommender that learns from accepted claims, its model files, its merge with the rules,
``kg retrain`` and ``kg ingest --model``.

Most tests train on small texts written here (no one else's sentences); the seed source's tests read its
text from ../shared/sources/ and skip, saying why, without it.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.errors import DataError
from kg.extract import Candidates, extract
from kg.learn import load_model, merge, propose, recommend, retrain, save_model, train
from kg.learn.data import Document, dev_documents, source_documents
from kg.learn.evaluate import cross_validate

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "sources"
SEED = "000_53c5d41e29162869"

# short texts written for these tests: consortia led by one body and joined by others, agreements
CORPUS = [
    ("由甲一科技有限公司牵头组建的甘肃省甲一材料创新联合体成立。成员单位包括兰州甲一大学、甲一研究院。",
     ["甲一科技有限公司", "甘肃省甲一材料创新联合体", "兰州甲一大学", "甲一研究院"],
     [("甲一科技有限公司", "lead-unit", "甘肃省甲一材料创新联合体"),
      ("兰州甲一大学", "member-unit", "甘肃省甲一材料创新联合体"),
      ("甲一研究院", "member-unit", "甘肃省甲一材料创新联合体")]),
    ("由乙二能源集团牵头组建的甘肃省乙二装备创新联合体揭牌。乙二能源集团与兰州乙二大学签订战略合作协议。",
     ["乙二能源集团", "甘肃省乙二装备创新联合体", "兰州乙二大学"],
     [("乙二能源集团", "lead-unit", "甘肃省乙二装备创新联合体"),
      ("乙二能源集团", "cooperates-with", "兰州乙二大学")]),
    ("由丙三化工股份有限公司牵头组建的甘肃省丙三化工创新联合体成立。成员单位包括丙三研究院、兰州丙三学院。",
     ["丙三化工股份有限公司", "甘肃省丙三化工创新联合体", "丙三研究院", "兰州丙三学院"],
     [("丙三化工股份有限公司", "lead-unit", "甘肃省丙三化工创新联合体"),
      ("丙三研究院", "member-unit", "甘肃省丙三化工创新联合体"),
      ("兰州丙三学院", "member-unit", "甘肃省丙三化工创新联合体")]),
    ("丁四电气有限公司与兰州丁四大学签订合作协议。由丁四电气有限公司牵头组建的甘肃省丁四电力创新联合体成立。",
     ["丁四电气有限公司", "兰州丁四大学", "甘肃省丁四电力创新联合体"],
     [("丁四电气有限公司", "cooperates-with", "兰州丁四大学"),
      ("丁四电气有限公司", "lead-unit", "甘肃省丁四电力创新联合体")]),
    ("甘肃省庚七医药创新联合体由庚七药业有限公司牵头组建。兰州庚七大学与庚七药业有限公司签约。",
     ["甘肃省庚七医药创新联合体", "庚七药业有限公司", "兰州庚七大学"],
     [("庚七药业有限公司", "lead-unit", "甘肃省庚七医药创新联合体"),
      ("兰州庚七大学", "cooperates-with", "庚七药业有限公司")]),
    ("甘肃省辛八草业创新联合体由辛八牧业集团牵头组建。成员单位包括辛八研究院。",
     ["甘肃省辛八草业创新联合体", "辛八牧业集团", "辛八研究院"],
     [("辛八牧业集团", "lead-unit", "甘肃省辛八草业创新联合体"),
      ("辛八研究院", "member-unit", "甘肃省辛八草业创新联合体")]),
]


def document(number):
    text, orgs, relations = CORPUS[number]
    groups = [("org", (name,)) for name in orgs]
    index = {name: i for i, name in enumerate(orgs)}
    return Document(f"d{number}", text, groups, sorted((index[s], r, index[o]) for s, r, o in relations),
                    origin="graph_data")


@pytest.fixture(scope="module")
def small_model():
    return train([document(i) for i in range(len(CORPUS))])


def model_files(folder):
    return {name: (Path(folder) / name).read_bytes() for name in ("tagger.crfsuite", "relations.json", "meta.json")}


# -- training data --

def test_a_sources_accepted_claims_become_names_and_relations(tmp_path):
    if not (SHARED / f"{SEED}.txt").is_file():
        pytest.skip(f"the seed source's text is not at {SHARED}")
    documents, skipped = source_documents(ROOT)
    seed = next(d for d in documents if d.id == SEED)
    assert {"兰州大学", "兰州泰基离子技术有限公司", "甘肃省离子放射治疗技术创新联合体"} <= seed.org_names()
    assert "丁凯" not in seed.org_names()  # a reporter: a person, not an organisation
    named = {(seed.groups[s][1][0], r, seed.groups[o][1][0]) for s, r, o in seed.relations}
    assert ("兰州泰基离子技术有限公司", "lead-unit", "甘肃省离子放射治疗技术创新联合体") in named
    assert all(seed.text[s:e] in seed.org_names() for s, e in seed.org_spans())


def test_only_the_development_articles_of_eval_are_ever_read(tmp_path):
    """The test and blind splits are scored once by the lead: training must never see them."""
    (tmp_path / "eval" / "gold").mkdir(parents=True)
    (tmp_path / "eval" / "articles").mkdir()
    import hashlib

    rows = ["id\tsplit\tsha256"]
    for article_id, split in (("g01", "dev"), ("g25", "test"), ("b10", "blind")):
        text = f"{article_id}:甲乙科技有限公司与丙丁大学签约。"
        (tmp_path / "eval" / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "eval" / "gold" / f"{article_id}.tsv").write_text(
            "kind\tname\tclass\trelation\tobject\tvalue\tunit\ttime\taliases\tnote\n"
            "actor\t甲乙科技有限公司\tenterprise\t\t\t\t\t\t\t\n", encoding="utf-8")
        rows.append(f"{article_id}\t{split}\t{hashlib.sha256(text.encode()).hexdigest()}")
    (tmp_path / "eval" / "articles.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    documents, skipped = dev_documents(tmp_path)
    assert [d.id for d in documents] == ["g01"] and not skipped


def test_a_dev_article_whose_text_differs_from_its_hash_is_left_out(tmp_path):
    (tmp_path / "eval" / "gold").mkdir(parents=True)
    (tmp_path / "eval" / "articles").mkdir()
    (tmp_path / "eval" / "articles" / "g01.txt").write_text("甲乙科技有限公司。", encoding="utf-8")
    (tmp_path / "eval" / "gold" / "g01.tsv").write_text("kind\tname\tclass\trelation\tobject\tvalue\tunit\t"
                                                        "time\taliases\tnote\n", encoding="utf-8")
    (tmp_path / "eval" / "articles.tsv").write_text("id\tsplit\tsha256\ng01\tdev\t" + "0" * 64 + "\n")
    documents, skipped = dev_documents(tmp_path)
    assert documents == [] and "SHA-256" in skipped[0]


# -- the model --

def test_the_model_finds_a_new_consortium_and_its_lead_unit_in_either_order(small_model):
    """Names and a relation it never saw, written both ways round: the subject stays the lead unit."""
    for text in ("由戊五新材料有限公司牵头组建的甘肃省戊五储能创新联合体成立。",
                 "甘肃省戊五储能创新联合体由戊五新材料有限公司牵头组建。"):
        proposed = propose(text, model=small_model)
        names = {a["name"] for a in proposed.actors}
        assert {"戊五新材料有限公司", "甘肃省戊五储能创新联合体"} <= names, text
        triples = {(r["subject"], r["relation"], r["object"]) for r in proposed.relations}
        assert ("戊五新材料有限公司", "lead-unit", "甘肃省戊五储能创新联合体") in triples, (text, triples)
        assert ("甘肃省戊五储能创新联合体", "lead-unit", "戊五新材料有限公司") not in triples


def test_proposals_have_the_rules_json_shape_marked_by_the_model(small_model):
    text = "由戊五新材料有限公司牵头组建的甘肃省戊五储能创新联合体成立。己六大学与戊五新材料有限公司签约。"
    proposed = propose(text, model=small_model)
    rules = extract(text).to_json()
    assert proposed.actors and proposed.relations
    for actor in proposed.actors:
        assert set(rules["actors"][0]) | {"by"} == set(actor)
        assert actor["by"] == "model" and 0 <= actor["confidence"] <= 1
        assert text[actor["start"]:actor["end"]] == actor["name"]
    for relation in proposed.relations:
        assert set(rules["relations"][0]) | {"by"} == set(relation)
        assert relation["by"] == "model" and 0 <= relation["confidence"] <= 1
        assert relation["subject"] in text[relation["start"]:relation["end"]]
        assert relation["object"] in text[relation["start"]:relation["end"]]
    assert json.loads(json.dumps(proposed.to_json(), ensure_ascii=False)) == proposed.to_json()


def test_two_trainings_on_the_same_input_write_the_same_bytes(tmp_path):
    documents = [document(i) for i in range(len(CORPUS))]
    save_model(train(documents), tmp_path / "a")
    save_model(train(documents), tmp_path / "b")
    first, second = model_files(tmp_path / "a"), model_files(tmp_path / "b")
    assert first == second
    meta = json.loads(first["meta.json"])
    assert [item["id"] for item in meta["inputs"]] == [f"d{i}" for i in range(len(CORPUS))]
    save_model(train(documents[:3]), tmp_path / "c")  # other inputs: another model, and meta says so
    assert model_files(tmp_path / "c")["meta.json"] != first["meta.json"]


def test_the_seed_model_is_small_and_repeatable(tmp_path, monkeypatch):
    if not (SHARED / f"{SEED}.txt").is_file():
        pytest.skip(f"the seed source's text is not at {SHARED}")
    first = retrain(ROOT, folder=tmp_path / "a", dev=False)
    retrain(ROOT, folder=tmp_path / "b", dev=False)
    assert model_files(tmp_path / "a") == model_files(tmp_path / "b")
    assert sum(len(data) for data in model_files(tmp_path / "a").values()) < 2_000_000
    # the seed and every later source whose text is here (a clean clone: the seed alone, from ../shared)
    from kg.sources import source_path

    later = sorted(p.parent.name for p in (ROOT / "graph_data").glob("src-*/claims.tsv"))
    assert [d.id for d in first.documents] == [SEED] + [i for i in later if source_path(i, ROOT) is not None]
    assert load_model(tmp_path / "a").meta["inputs"][0]["id"] == SEED


def test_a_missing_model_is_one_clear_error_and_rules_only_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MODEL", str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match="no recommender model in .*run kg retrain"):
        load_model()
    rules = extract("由兰州大学牵头组建的甘肃省沙漠治理创新联合体成立。")
    assert recommend(rules, "由兰州大学牵头组建的甘肃省沙漠治理创新联合体成立。", use=None) is rules
    with pytest.raises(DataError, match="no recommender model"):
        recommend(rules, "由兰州大学牵头组建的甘肃省沙漠治理创新联合体成立。", use=True)


@pytest.mark.parametrize("damage", ["truncate tagger", "edit relations", "garbage meta", "other kind"])
def test_a_damaged_model_is_refused_before_crfsuite_reads_it(small_model, tmp_path, damage):
    folder = save_model(small_model, tmp_path / "model")
    if damage == "truncate tagger":
        data = (folder / "tagger.crfsuite").read_bytes()
        (folder / "tagger.crfsuite").write_bytes(data[: len(data) // 2])
    elif damage == "edit relations":
        data = json.loads((folder / "relations.json").read_text(encoding="utf-8"))
        data["labels"].append("exec")
        (folder / "relations.json").write_text(json.dumps(data), encoding="utf-8")
    elif damage == "garbage meta":
        (folder / "meta.json").write_bytes(b"\x80not json")
    else:
        (folder / "meta.json").write_text('{"kind": "pickle"}', encoding="utf-8")
    with pytest.raises(DataError, match="damaged.*run kg retrain") as error:
        load_model(folder)
    assert "\n" not in str(error.value)


def test_a_model_round_trips_through_its_files(small_model, tmp_path):
    text = "由戊五新材料有限公司牵头组建的甘肃省戊五储能创新联合体成立。"
    loaded = load_model(save_model(small_model, tmp_path / "model"))
    assert propose(text, model=loaded).to_json() == propose(text, model=small_model).to_json()


# -- the merge --

def test_merge_keeps_one_entry_per_name_and_per_relation_and_the_rules_win():
    rules = Candidates(
        actors=[{"name": "兰州大学", "start": 0, "end": 4, "confidence": 0.8},
                {"name": "甘肃省沙漠治理创新联合体", "start": 10, "end": 22, "confidence": 0.8}],
        relations=[{"subject": "兰州大学", "relation": "lead-unit", "object": "甘肃省沙漠治理创新联合体",
                    "start": 0, "end": 22, "confidence": 0.8},
                   {"subject": "甲公司", "relation": "cooperates-with", "object": "乙大学",
                    "start": 30, "end": 40, "confidence": 0.8}],
        figures=[{"value": 1.0}])
    model = Candidates(
        actors=[{"name": "兰州大学", "start": 0, "end": 4, "confidence": 0.95, "by": "model"},
                {"name": "沙漠治理创新联合体", "start": 13, "end": 22, "confidence": 0.9, "by": "model"},
                {"name": "丙研究院", "start": 50, "end": 54, "confidence": 0.6, "by": "model"}],
        relations=[{"subject": "兰州大学", "relation": "lead-unit", "object": "甘肃省沙漠治理创新联合体",
                    "start": 0, "end": 22, "confidence": 0.9, "by": "model"},
                   {"subject": "乙大学", "relation": "cooperates-with", "object": "甲公司",
                    "start": 30, "end": 40, "confidence": 0.7, "by": "model"},
                   {"subject": "兰州大学", "relation": "member-unit", "object": "甘肃省沙漠治理创新联合体",
                    "start": 0, "end": 22, "confidence": 0.6, "by": "model"},
                   {"subject": "丙研究院", "relation": "member-unit", "object": "甘肃省沙漠治理创新联合体",
                    "start": 10, "end": 54, "confidence": 0.6, "by": "model"}])
    merged = merge(rules, model)
    assert [(a["name"], a["by"], a["confidence"]) for a in merged.actors] == [
        ("兰州大学", "rules+model", 0.95), ("甘肃省沙漠治理创新联合体", "rules", 0.8), ("丙研究院", "model", 0.6)]
    assert [(r["subject"], r["relation"], r["object"], r["by"]) for r in merged.relations] == [
        ("兰州大学", "lead-unit", "甘肃省沙漠治理创新联合体", "rules+model"),
        ("甲公司", "cooperates-with", "乙大学", "rules+model"),  # symmetric: either order agrees
        ("丙研究院", "member-unit", "甘肃省沙漠治理创新联合体", "model")]  # 兰州大学's other label: rules win
    assert merged.figures == [{"value": 1.0}]


# -- cross-validation --

def test_cross_validation_never_trains_on_the_article_it_scores():
    documents = [document(i) for i in range(len(CORPUS))]
    result = cross_validate(documents, thresholds=((0.5, 0.5),))
    assert [fold["held_out"] for fold in result["folds"]] == [d.id for d in documents]
    for fold in result["folds"]:
        assert fold["held_out"] not in fold["trained_on"] and len(fold["trained_on"]) == len(documents) - 1
    total = result["total"]
    assert total["rules"]["orgs_gold"] == sum(len(orgs) for _, orgs, _ in CORPUS)
    assert 0 <= total["rules+model@0.5/0.5"]["org_recall"] <= 1


# -- the commands --

def kg(*args):
    from kg.cli import cli

    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def project(project_copy, monkeypatch):
    monkeypatch.delenv("KG_MODEL", raising=False)
    return project_copy


def test_kg_retrain_writes_the_model_beside_the_data(project, monkeypatch):
    if not (SHARED / f"{SEED}.txt").is_file():
        pytest.skip(f"the seed source's text is not at {SHARED}")
    monkeypatch.setenv("KG_SOURCES", str(SHARED))  # only read: the seed's text
    result = kg("retrain", "--no-eval")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Trained on 1 texts ({SEED}): ")
    assert f"Wrote {project / 'model'} (tagger " in result.output
    assert load_model(project / "model").meta["inputs"][0]["id"] == SEED


def test_kg_ingest_with_model_and_none_is_one_error_line_and_writes_nothing(project, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("测试文章\n\n兰州大学与金川集团签订战略合作协议。", encoding="utf-8")
    result = kg("ingest", str(article), "--id", "demo-learn", "--date", "2025-01-15", "--publisher", "甘肃日报",
                "--model")
    assert result.exit_code == 1
    assert result.output.startswith("Error: no recommender model in ") and result.output.count("\n") == 1
    assert not (tmp_path / "demo-learn.review.tsv").exists()
    assert not (tmp_path / "sources" / "demo-learn.txt").exists()


def test_kg_ingest_with_a_model_marks_who_proposed_what(project, tmp_path, small_model, monkeypatch):
    folder = save_model(small_model, tmp_path / "model")
    monkeypatch.setenv("KG_MODEL", str(folder))
    article = tmp_path / "article.txt"
    article.write_text("测试文章\n\n由戊五新材料有限公司牵头组建的甘肃省戊五储能创新联合体成立。", encoding="utf-8")
    result = kg("ingest", str(article), "--id", "demo-learn", "--date", "2025-01-15", "--publisher", "甘肃日报",
                "--json", "--model")
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)
    assert {a["by"] for a in candidates["actors"]} <= {"rules", "model", "rules+model"}
    assert any(a["by"] == "rules+model" for a in candidates["actors"])
    plain = kg("ingest", str(article), "--id", "demo-learn-2", "--date", "2025-01-15", "--publisher", "甘肃日报",
               "--json", "--no-model")
    assert plain.exit_code == 0, plain.output
    assert {a["by"] for a in json.loads(plain.output)["actors"]} == {"rules"}  # the rules mark their own


def test_cross_validation_counts_the_rules_relations_the_gold_calls_other_as_other():
    """The eval gold has no term for operates, approved-by or recommended-by: it writes `other`, and the
    cross-validation scores those proposals as bench/ingest_eval.py does (one table, AS_GOLD)."""
    from types import SimpleNamespace

    from kg.learn.data import Document
    from kg.learn.evaluate import AS_GOLD, score

    text = "甲乙科技有限公司运营丙丁产业园。"
    gold = Document("g00", text, groups=[("org", ("甲乙科技有限公司",)), ("org", ("丙丁产业园",))],
                    relations=[(0, "other", 1)], origin="eval-dev")
    for relation in ("operates", "approved-by", "recommended-by"):
        assert AS_GOLD[relation] == "other"
        proposed = SimpleNamespace(actors=[{"name": "甲乙科技有限公司", "class": "Enterprise"}],
                                   relations=[{"subject": "甲乙科技有限公司", "relation": relation, "object": "丙丁产业园"}])
        assert score(gold, proposed)["relations_right"] == 1
    # accepted claims of a source are compared by their own relation names: no translation there
    claims = Document("src", text, groups=gold.groups, relations=[(0, "other", 1)], origin="graph_data")
    proposed = SimpleNamespace(actors=[], relations=[{"subject": "甲乙科技有限公司", "relation": "operates",
                                                      "object": "丙丁产业园"}])
    assert score(claims, proposed)["relations_right"] == 0
