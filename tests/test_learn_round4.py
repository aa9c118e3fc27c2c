"""kg.learn, round 4: cross-validation in groups of articles, the filters on what the model proposes
(names the rules miss must look like an organisation's; a relation must fit the classes of its ends),
and the thresholds chosen by cross-validation. Short texts written for these tests."""

import pytest

from kg.extract.mentions import Gazetteer
from kg.learn import propose, train
from kg.learn.data import Document
from kg.learn.evaluate import cross_validate
from kg.learn.recommend import _fits, _organisation_like
from kg.learn.train import THRESHOLDS

CORPUS = [
    ("由甲一科技有限公司牵头组建的甘肃省甲一材料创新联合体成立。", ["甲一科技有限公司", "甘肃省甲一材料创新联合体"]),
    ("甘肃省乙二装备创新联合体由乙二能源集团牵头组建。", ["甘肃省乙二装备创新联合体", "乙二能源集团"]),
    ("由丙三化工股份有限公司牵头组建的甘肃省丙三化工创新联合体成立。", ["丙三化工股份有限公司", "甘肃省丙三化工创新联合体"]),
    ("甘肃省庚七医药创新联合体由庚七药业有限公司牵头组建。", ["甘肃省庚七医药创新联合体", "庚七药业有限公司"]),
    ("由丁四电气有限公司牵头组建的甘肃省丁四电力创新联合体成立。", ["丁四电气有限公司", "甘肃省丁四电力创新联合体"]),
]


def documents():
    out = []
    for number, (text, names) in enumerate(CORPUS):
        lead, body = (names[0], names[1]) if text.startswith("由") else (names[1], names[0])
        groups = [("org", (name,)) for name in names]
        relations = [(names.index(lead), "lead-unit", names.index(body))]
        out.append(Document(f"d{number}", text, groups, relations, origin="eval-dev"))
    return out


def test_cross_validation_in_groups_never_trains_on_an_article_of_its_group():
    docs = documents()
    result = cross_validate(docs, thresholds=((0.5, 0.5), (1.01, 1.01)), folds=2)
    assert sorted(fold["held_out"] for fold in result["folds"]) == sorted(d.id for d in docs)
    for fold in result["folds"]:
        same_group = {f["held_out"] for f in result["folds"] if f["group"] == fold["group"]}
        assert not same_group & set(fold["trained_on"])
        assert len(fold["trained_on"]) + len(same_group) == len(docs)
    assert {f["group"] for f in result["folds"]} == {0, 1}
    # thresholds above every confidence: the merged proposals are the rules' own
    assert result["total"]["rules+model@1.01/1.01"] == result["total"]["rules"]
    assert result["total_by_origin"]["eval-dev"]["rules"]["orgs_gold"] == 10


@pytest.mark.parametrize("name, expected", [
    ("甲乙材料有限公司", True),       # an organisation's suffix
    ("甲乙材料", False),              # no suffix, not known
    ("与甲乙集团公司", False),        # opens with the 与 of a clause
    ("“甲乙”创新基地", True),         # quotes in pairs
    ("甲乙”创新基地", False),         # half a pair of quotes
])
def test_a_name_the_rules_miss_must_look_like_an_organisations(name, expected):
    assert _organisation_like(name, Gazetteer()) is expected


def test_a_known_name_needs_no_suffix():
    gazetteer = Gazetteer({"甲乙材料": ("urn:x:1", "Enterprise", "name")})
    assert _organisation_like("甲乙材料", gazetteer) and not _organisation_like("甲乙材料", Gazetteer())


@pytest.mark.parametrize("relation, subject, obj, expected", [
    ("affiliated-with", "Person", "University", True),
    ("affiliated-with", "Enterprise", "GovernmentBody", False),   # only a person is affiliated
    ("affiliated-with", "Person", "Place", False),
    ("lead-unit", "Person", "InnovationConsortium", False),       # a person leads no consortium here
    ("visited", "Person", "Enterprise", True),
    ("located-in", "Enterprise", "Place", True),
    ("cooperates-with", "Enterprise", "Place", False),            # a place cooperates with no one
    ("cooperates-with", "University", "Enterprise", True),
])
def test_a_relation_must_fit_the_classes_of_its_ends(relation, subject, obj, expected):
    assert _fits(relation, subject, obj) is expected


def test_the_model_keeps_the_thresholds_chosen_by_cross_validation():
    model = train(documents())
    assert model.thresholds == THRESHOLDS
    assert 0 < THRESHOLDS["actor"] <= 1 and 0 < THRESHOLDS["relation"] <= 1


def test_a_tagged_name_that_cuts_into_a_rules_name_is_not_proposed_as_a_new_one():
    model = train(documents())
    model.meta["thresholds"] = {"actor": 0.0, "relation": 1.01}
    text = "由戊五新材料有限公司牵头组建的甘肃省戊五储能创新联合体成立。"
    from kg.extract.mentions import find_mentions

    rules = [(m.start, m.end) for m in find_mentions(text, Gazetteer()) if not m.is_place]
    for actor in propose(text, model=model).actors:
        span = (actor["start"], actor["end"])
        assert span in rules or not any(s < span[1] and span[0] < e for s, e in rules), actor


def test_a_sources_pair_with_an_end_nobody_accepted_is_not_learnt_as_unrelated():
    """A source's reviewer accepts some names; an eval article's gold lists every one. So a pair of a
    source whose end was not accepted is left out of the relation classifier's rows, and nowhere else."""
    text = "由甲一科技有限公司牵头组建的甘肃省甲一材料创新联合体成立,乙二研究院参加。"
    names = ["甲一科技有限公司", "甘肃省甲一材料创新联合体"]  # 乙二研究院: found by the rules, never accepted
    source = Document("s", text, [("org", (n,)) for n in names], [(0, "lead-unit", 1)], origin="graph_data")
    article = Document("a", text, source.groups, source.relations, origin="eval-dev")
    pairs = {d.origin: train([d]).meta["counts"]["pairs"] for d in (source, article)}
    assert pairs["graph_data"] < pairs["eval-dev"]
    assert train([source], partial_labels=False).meta["counts"]["pairs"] == pairs["eval-dev"]
    assert train([source]).meta["counts"]["related_pairs"] == 1
