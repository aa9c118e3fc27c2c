"""A name's left edge where two bodies stand in one clause (round 4b): a name never runs across a joiner
between two bodies (同, 与, 跟), a verb that links a body to a place, a funder, a post or a host (扎根, 选址,
资助, 现任, 来, 应…邀请), on invented sentences (made-up bodies: 祁连某某, 河西某某 …), in both orders, with
real names that hold such a character kept whole.
"""

import pytest

from kg.extract import extract


def actors(text):
    return {a["name"] for a in extract(text).to_json()["actors"]}


@pytest.mark.parametrize("text, first, second", [
    # joiners between two bodies, both orders of the two kinds
    ("兰州祁连大学同甘肃河西科技有限公司签约。", "兰州祁连大学", "甘肃河西科技有限公司"),
    ("甘肃河西科技有限公司同兰州祁连大学签约。", "甘肃河西科技有限公司", "兰州祁连大学"),
    ("兰州祁连大学跟甘肃河西集团合作。", "兰州祁连大学", "甘肃河西集团"),
    ("兰州祁连研究院先后与甘肃河西集团开展合作。", "兰州祁连研究院", "甘肃河西集团"),
    ("甘肃河西学院已与兰州祁连集团签订协议。", "甘肃河西学院", "兰州祁连集团"),
    # verbs linking a body to a place, to what it funds
    ("兰州祁连科技有限公司扎根兰州河西产业园。", "兰州祁连科技有限公司", "兰州河西产业园"),
    ("甘肃河西科技公司选址白银祁连产业园区。", "甘肃河西科技公司", "白银祁连产业园区"),
    ("甘肃省科技厅资助兰州祁连研究中心。", "甘肃省科技厅", "兰州祁连研究中心"),
    ("兰州祁连集团资助甘肃河西大学。", "兰州祁连集团", "甘肃河西大学"),
    ("兰州祁连集团入股甘肃河西科技有限公司。", "兰州祁连集团", "甘肃河西科技有限公司"),
])
def test_two_bodies_in_one_clause_are_two_names(text, first, second):
    found = actors(text)
    assert {first, second} <= found
    assert not any(first in name and second in name for name in found)  # no name holds both


@pytest.mark.parametrize("text, name, word", [
    ("郑某现任兰州祁连大学教授。", "兰州祁连大学", "现任"),
    ("专家一行来兰州祁连大学调研。", "兰州祁连大学", "来"),
    ("应甘肃省祁连协会邀请,专家来访。", "甘肃省祁连协会", "应"),
    ("张某担任甘肃河西研究院院长。", "甘肃河西研究院", "担任"),
])
def test_a_verb_before_a_body_is_not_part_of_its_name(text, name, word):
    found = actors(text)
    assert name in found
    assert not any(word + name in other for other in found)


@pytest.mark.parametrize("text, names, not_names", [
    # 同 inside a name (同位素, 同济) is no joiner
    ("中国科学院近物所甘肃省同位素实验室揭牌。", {"甘肃省同位素实验室"}, {"位素实验室"}),
    ("同济大学专家来访。", {"同济大学"}, {"济大学"}),
    # a real name with 和 between two academies is two names; a name holding 技术 and 协会 is one
    ("中国科学院和中国工程院院士出席。", {"中国科学院", "中国工程院"}, set()),
    ("甘肃省科学技术协会举办活动。", {"甘肃省科学技术协会"}, set()),
])
def test_names_that_hold_such_characters_stay_whole(text, names, not_names):
    found = actors(text)
    assert names <= found
    assert not (not_names & found)


@pytest.mark.parametrize("text, first, second", [
    ("兰州祁连集团牵引白银河西产业园发展。", "兰州祁连集团", "白银河西产业园"),  # a verb no list holds, before a city
    ("白银河西产业园吸引兰州祁连科技有限公司入驻。", "白银河西产业园", "兰州祁连科技有限公司"),
])
def test_a_body_then_a_word_then_a_place_starts_a_second_name(text, first, second):
    found = actors(text)
    assert {first, second} <= found
    assert not any(first in name and second in name for name in found)


@pytest.mark.parametrize("text", ["中国科学院兰州祁连化学研究所揭牌。", "甘肃河西集团兰州分公司成立。"])
def test_a_unit_written_right_after_its_parent_stays_one_name(text):
    assert text[:-3] in actors(text)


@pytest.mark.parametrize("text, joint, founders", [
    ("兰州祁连大学与甘肃河西集团联合实验室揭牌。", "兰州祁连大学与甘肃河西集团联合实验室", ("兰州祁连大学", "甘肃河西集团")),
    ("甘肃河西集团和兰州祁连大学联合实验室揭牌。", "甘肃河西集团和兰州祁连大学联合实验室", ("甘肃河西集团", "兰州祁连大学")),
])
def test_a_joint_body_named_by_both_founders_is_one_name(text, joint, founders):
    found = actors(text)
    assert joint in found and set(founders) <= found
    assert "兰州祁连大学与甘肃河西集团" not in found and "甘肃河西集团和兰州祁连大学" not in found


def test_founders_that_found_a_joint_lab_without_naming_it_stay_two():
    found = actors("兰州祁连大学与甘肃河西集团共建联合实验室。")
    assert {"兰州祁连大学", "甘肃河西集团"} <= found
    assert not any("与" in name for name in found)


@pytest.mark.parametrize("text, first, second", [
    # a person with a title stands before the joiner: the joiner opens no name
    ("河西大学党委书记赵某某与祁连科技有限公司总经理钱某会见。", "河西大学", "祁连科技有限公司"),
    ("祁连科技有限公司总经理钱某与河西大学党委书记赵某某会见。", "祁连科技有限公司", "河西大学"),
    ("甘肃省科技厅厅长张某与河西研究院院长李某座谈。", "甘肃省科技厅", "河西研究院"),
    # an adverb between a body and its joiner
    ("河西研究院已与祁连集团签约。", "河西研究院", "祁连集团"),
    ("祁连集团曾和河西研究院合作。", "祁连集团", "河西研究院"),
])
def test_a_joiner_after_a_titled_person_or_an_adverb_opens_no_name(text, first, second):
    found = actors(text)
    assert {first, second} <= found
    assert not any(("与" in name or "和" in name) for name in found)


@pytest.mark.parametrize("text, name, not_name", [
    ("专家一行来河西大学调研。", "河西大学", "来河西大学"),
    ("他来河西研究院工作。", "河西研究院", "他来河西研究院"),
])
def test_come_to_a_body_is_not_part_of_its_name(text, name, not_name):
    found = actors(text)
    assert name in found and not_name not in found


@pytest.mark.parametrize("text", ["甘肃河西未来产业研究院成立。", "广西来宾市人民政府发文。"])
def test_names_holding_lai_stay_whole(text):
    assert text[:-3] in actors(text)
