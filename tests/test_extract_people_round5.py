"""People found by the fifth round's constructions: names right after their organisation (某某大学王某某
主持完成, 某某研究院A、B等完成), compound surnames with a two-character given name, a two-character name
followed by a verb, and surnames the lexicon lacked. Every sentence is made up for these tests."""

from kg.extract import extract
from kg.extract.people import people_in


def people(text):
    return [p.name for p in people_in(text, text, [])]


def extracted(text):
    found = extract(text).to_json()
    names = {a["name"] for a in found["actors"] if a["class"] == "Person"}
    affiliated = {(r["subject"], r["object"]) for r in found["relations"] if r["relation"] == "affiliated-with"}
    return names, affiliated


def test_a_compound_surname_keeps_a_two_character_given_name():
    assert people("副巡视员欧阳明远出席。") == ["欧阳明远"]


def test_a_compound_surname_with_a_one_character_given_name():
    assert people("处长司马光说。") == ["司马光"]


def test_a_two_character_name_before_a_verb():
    assert people("副省长王钧调研。") == ["王钧"]
    assert people("处长祁伟讲话。") == ["祁伟"]


def test_a_three_character_name_whose_last_character_opens_the_verb_after_it():
    """王志强调研: 强调 and 调研 both read; the three-character name wins."""
    assert people("副市长王志强调研。") == ["王志强"]


def test_surnames_the_lexicon_lacked():
    assert people("副主席戈银生出席。") == ["戈银生"]
    assert people("秘书长旦智杰出席。") == ["旦智杰"]


def test_a_name_right_after_its_organisation_with_what_they_did():
    names, affiliated = extracted("河西某某大学许明远主持完成的项目获奖。")
    assert "许明远" in names
    assert ("许明远", "河西某某大学") in affiliated
    assert ("河西某某大学", "许明远") not in affiliated


def test_names_listed_after_their_organisation_closed_by_deng():
    names, affiliated = extracted("拟授予陇东某某研究院阎兴斌、薛群基等完成的项目。")
    assert {"阎兴斌", "薛群基"} <= names
    assert {("阎兴斌", "陇东某某研究院"), ("薛群基", "陇东某某研究院")} <= affiliated


def test_a_name_closing_a_sentence_after_its_organisation():
    names, _ = extracted("优秀企业家奖授予祁连某某科技有限公司夏明。")
    assert "夏明" in names


def test_words_after_an_organisation_that_are_no_names():
    names, _ = extracted("河西某某大学和陇东某某研究院等单位参加。河西某某大学生命科学学院主办。")
    assert names == set()


def test_a_list_after_an_organisation_not_closed_by_deng_is_no_list_of_people():
    names, _ = extracted("陇东某某研究院李明、王刚完成。")
    assert not {"李明", "王刚"} & names


# -- a person's body given by a committee of it ------------------------------------------------

def test_a_party_secretary_of_a_body_read_with_its_committee_is_the_bodys():
    _, affiliated = extracted("陇东某某研究院与某公司签约。仪式由陇东某某研究院党委书记李明远主持。")
    assert ("李明远", "陇东某某研究院") in affiliated
    assert ("陇东某某研究院", "李明远") not in affiliated


def test_a_committee_of_the_lab_named_before_gives_the_lab():
    text = "天水某某重点实验室年会召开。会议由实验室学术委员会主任张明远院士主持。"
    _, affiliated = extracted(text)
    assert ("张明远", "天水某某重点实验室") in affiliated


def test_an_executive_title_after_a_body():
    _, affiliated = extracted("祁连某某科技有限公司执行董事刘明远说,产品远销海外。")
    assert ("刘明远", "祁连某某科技有限公司") in affiliated


def test_a_lab_committee_with_no_lab_named_before_gives_no_other_body():
    _, affiliated = extracted("陇东某某研究院召开会议。实验室学术委员会主任张明远出席。")
    assert ("张明远", "陇东某某研究院") not in affiliated


def test_a_committee_of_the_lab_after_a_cue_word_gives_the_lab_but_a_longer_unnamed_lab_does_not():
    """会议由实验室学术委员会主任某某: the committee opens after a cue word, not inside a longer name."""
    _, affiliated = extracted("天水某某重点实验室年会召开。会议由实验室学术委员会主任张明远主持。")
    assert ("张明远", "天水某某重点实验室") in affiliated
    _, affiliated = extracted("天水某某重点实验室年会召开。会上某某其他实验室学术委员会主任张明远发言。")
    assert ("张明远", "天水某某重点实验室") not in affiliated
