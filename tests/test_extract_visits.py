"""The fifth round of visit rules (issue 20, kg/extract/visits.py): the constructions news uses to say who
went to see which body, each on an invented sentence with made-up bodies and people, in both orders where the
language allows both, with negative cases that must not fire (a meeting that is not a visit, a place that is
not a body, a topic that is not a body, a reporter in the dateline).
"""

import pytest

from tests.test_extract_relations import relations

UNI, FIRM, FIRM2, INST = "祁连某某大学", "陇原某某新材料有限公司", "河西某某物流有限公司", "河西某某研究院"
DEPT = "甘肃省某某厅"


def visits(text):
    return {(s, o) for s, r, o in relations(text) if r == "visited"}


# -- going to a place, then the bodies after the verb ----------------------------------------------------

@pytest.mark.parametrize("verb", ["走访", "调研", "考察", "参观"])
def test_going_to_a_city_then_visiting_the_bodies_named_after_the_verb(verb):
    text = f"近日,{UNI}副校长郑远航带队赴兰州{verb}{FIRM}、{FIRM2}。"
    assert {("郑远航", FIRM), ("郑远航", FIRM2)} <= visits(text)


def test_the_body_named_before_the_verb_is_still_the_one_visited():
    # 赴X调研: X is the body; nothing after the verb is needed
    assert ("郑远航", FIRM) in visits(f"{UNI}副校长郑远航赴{FIRM}调研。")


def test_a_topic_after_the_verb_is_not_a_body_visited():
    text = "郑远航副省长赴白银调研某某国家自主创新示范区建设工作。"
    assert not [v for v in visits(text) if v[0] == "郑远航"]


def test_a_city_alone_is_not_visited():
    assert visits(f"{UNI}副校长郑远航带队赴兰州调研。") == set()


# -- who goes: a list before 一行, a pronoun for the people of the sentence before -----------------------

def test_everyone_listed_before_yixing_visits():
    text = f"近日,{INST}院长郑远航,{DEPT}副厅长李明山、{UNI}副校长王红梅一行来到{FIRM}调研。"
    found = visits(text)
    assert {("郑远航", FIRM), ("李明山", FIRM), ("王红梅", FIRM)} <= found


def test_people_who_only_accompany_are_not_in_the_visiting_list():
    text = f"{INST}院长郑远航来到{FIRM}调研,{FIRM}董事长李明山陪同。"
    assert ("郑远航", FIRM) in visits(text)
    assert ("李明山", FIRM) not in visits(text)


def test_they_stand_for_the_experts_of_the_sentence_before():
    text = (f"论坛上,{INST}研究员郑远航、{UNI}教授李明山等专家作了报告。"
            f"他们还深入{FIRM}、{FIRM2}等企业考察调研。")
    found = visits(text)
    assert {("郑远航", FIRM), ("郑远航", FIRM2), ("李明山", FIRM), ("李明山", FIRM2)} <= found


def test_they_with_one_person_before_is_no_list():
    text = f"论坛由{INST}院长郑远航主持。他们深入{FIRM}考察调研。"
    assert ("郑远航", FIRM) not in visits(text)


def test_a_reporter_in_the_dateline_is_not_the_visitor():
    text = f"某某日报讯(记者 郑远航) 7月5日,{DEPT}派员分赴{UNI}和{INST}调研。"
    found = visits(text)
    assert not [v for v in found if v[0] == "郑远航"]
    assert not [v for v in found if v[0] == "某某日报"]


# -- a team named by what it is: its body visits ---------------------------------------------------------

def test_a_survey_team_goes_for_the_body_of_its_leader():
    text = (f"{DEPT}党组成员、副厅长郑远航带队赴我市开展调研。"
            f"调研组一行先后深入{FIRM}、{FIRM2}等12家重点企业,详细了解企业情况。")
    found = visits(text)
    assert {(DEPT, FIRM), (DEPT, FIRM2)} <= found


def test_shenru_with_no_body_after_it_is_no_visit():
    assert visits(f"{DEPT}郑远航表示,要深入推进科技创新。") == set()


# -- coming to the body whose news it is: 来校, 来我校, 来园区 -------------------------------------------

def test_coming_to_the_school_is_visiting_the_one_university_named():
    text = f"{UNI}简介。近日,{DEPT}副厅长郑远航、{INST}院长李明山一行来我校调研。"
    found = visits(text)
    assert {("郑远航", UNI), ("李明山", UNI)} <= found


def test_coming_to_the_park_is_visiting_the_one_park_named():
    park = "天水某某农业科技园区"
    text = f"{park}简介。近日,{DEPT}副厅长郑远航一行来园区调研。"
    assert ("郑远航", park) in visits(text)


def test_bodies_whose_heads_come_to_the_school_visit_it():
    text = f"{UNI}简介。3月5日,{DEPT}科技处、建设处和甘肃省某某信息中心负责人来我校,就科研合作进行了交流。"
    found = visits(text)
    assert {(DEPT, UNI), ("甘肃省某某信息中心", UNI)} <= found
    assert (UNI, DEPT) not in found


def test_coming_to_the_school_with_two_universities_named_visits_neither():
    text = f"{UNI}与陇东某某大学合作。近日,{DEPT}副厅长郑远航一行来校调研。"
    assert not [v for v in visits(text) if v[0] == "郑远航"]


# -- halls and lists with items no rule names ---------------------------------------------------------

def test_visiting_a_bodys_hall_is_visiting_the_body():
    text = f"{DEPT}厅长郑远航一行来兰州调研。调研期间,郑远航先后参观了{INST}展览室、{UNI}展厅,听取了介绍。"
    found = visits(text)
    assert {("郑远航", INST), ("郑远航", UNI)} <= found


def test_a_list_with_unnamed_items_keeps_the_named_ones():
    text = f"{DEPT}厅长郑远航一行来到武威。郑远航实地考察了{FIRM}、某某小镇、某某示范项目、{FIRM2}和{INST}等。"
    found = visits(text)
    assert {("郑远航", FIRM), ("郑远航", FIRM2), ("郑远航", INST)} <= found


# -- negatives: a meeting is not a visit; direction ------------------------------------------------------

def test_a_meeting_between_two_bodies_is_not_a_visit():
    text = f"{INST}与{FIRM}举行座谈交流。"
    assert visits(text) == set()


def test_the_host_does_not_visit_its_guest():
    text = f"{INST}院长郑远航一行来到{FIRM}调研。"
    found = visits(text)
    assert ("郑远航", FIRM) in found
    assert (FIRM, "郑远航") not in found and (FIRM, INST) not in found


# -- 来X, 到访/访问, 就X…考察调研, receptions, escorts ----------------------------------------------------

@pytest.mark.parametrize("text", [f"{DEPT}副厅长郑远航一行来{FIRM}调研。", f"{DEPT}副厅长郑远航来{FIRM}考察交流。"])
def test_coming_to_a_named_body_with_a_visit_verb(text):
    assert ("郑远航", FIRM) in visits(text)


@pytest.mark.parametrize("text", [f"{DEPT}副厅长郑远航说,未来{FIRM}调研将更多。",
                                  f"{DEPT}副厅长郑远航表示,近年来{FIRM}发展迅速。"])
def test_lai_inside_a_word_is_no_visit(text):
    assert ("郑远航", FIRM) not in visits(text)


@pytest.mark.parametrize("cue", ["到访", "访问", "拜访"])
def test_a_body_visits_a_body_named_right_after_the_cue(cue):
    found = visits(f"{INST}{cue}{UNI}。")
    assert (INST, UNI) in found and (UNI, INST) not in found


def test_a_visiting_scholar_is_no_visit():
    assert visits(f"{UNI}教授郑远航曾作为访问学者在国外工作。") == set()


def test_the_bodies_a_visit_is_about_after_jiu():
    text = f"{INST}院长郑远航一行赴兰州某某新区,就{FIRM}、{FIRM2}等企业的发展开展考察调研。"
    found = visits(text)
    assert ("郑远航", FIRM2) in found  # the first name takes 就 in today's name rules (就陇原…): its end is checked
    assert [o for s, o in found if s == "郑远航" and o.endswith(FIRM)]
    assert not [o for s, o in visits(text.replace("开展考察调研", "交换了意见")) if o == FIRM2]


@pytest.mark.parametrize("cue", ["接待了", "迎来"])
def test_a_host_receiving_a_delegation_named_by_its_body(cue):
    found = visits(f"{UNI}{cue}{INST}代表团一行。")
    assert (INST, UNI) in found and (UNI, INST) not in found


@pytest.mark.parametrize("text", [
    f"在{FIRM}董事长李明山的陪同下,{DEPT}副厅长郑远航参观了{FIRM}。",
    f"{FIRM}董事长李明山陪同{DEPT}副厅长郑远航参观了{FIRM}。",
])
def test_the_host_who_shows_the_visitor_round_is_not_the_visitor(text):
    found = visits(text)
    assert ("郑远航", FIRM) in found and ("李明山", FIRM) not in found


def test_officials_named_with_deng_lingdao_visit():
    assert ("郑远航", FIRM) in visits(f"{DEPT}副厅长郑远航等领导莅临{FIRM}调研。")


def test_meeting_a_person_somewhere_is_not_visiting_the_persons_body():
    text = f"{DEPT}副厅长郑远航在兰州会见了{FIRM}董事长李明山。"
    assert ("郑远航", FIRM) not in visits(text)


# -- he / she, the team's next stop, 查看 ----------------------------------------------------------------

def test_he_stands_for_the_person_named_last():
    text = f"{DEPT}副厅长郑远航一行来我市调研。他先后来到{FIRM}和{FIRM2}。"
    assert {("郑远航", FIRM), ("郑远航", FIRM2)} <= visits(text)


def test_he_after_the_place_named_with_zai():
    text = f"{DEPT}副厅长郑远航一行来我市调研。在{FIRM},他详细询问了企业研发情况。"
    assert ("郑远航", FIRM) in visits(text)


def test_he_with_no_visit_before_visits_nothing():
    text = f"{DEPT}副厅长郑远航出席会议。在{FIRM},他曾工作多年。"
    assert ("郑远航", FIRM) not in visits(text)


def test_the_team_first_comes_to_a_body():
    text = (f"{DEPT}党组成员、副厅长郑远航带队来我市调研。"
            f"调研组首先来到{FIRM},详细了解生产情况。随后,调研组一行又来到{FIRM2}。")
    assert {(DEPT, FIRM), (DEPT, FIRM2)} <= visits(text)


def test_looking_over_a_body_is_a_visit():
    assert ("郑远航", FIRM) in visits(f"{DEPT}副厅长郑远航一行实地查看了{FIRM}生产线。")


def test_every_body_of_a_visiting_list_visits():
    text = f"{INST}、{UNI}专家赴{FIRM}调研。"
    found = visits(text)
    assert {(INST, FIRM), (UNI, FIRM)} <= found
    assert (INST, UNI) not in found and (UNI, INST) not in found


def test_the_host_receives_a_bodys_experts():
    found = visits(f"{FIRM}接待了{INST}专家一行。")
    assert (INST, FIRM) in found and (FIRM, INST) not in found


# -- who leads a delegation named by its body -------------------------------------------------------------

def affiliations(text):
    return {(s, o) for s, r, o in relations(text) if r == "affiliated-with"}


@pytest.mark.parametrize("text", [f"郑远航率{INST}代表团访问{UNI}。", f"{INST}代表团团长郑远航一行访问{UNI}。",
                                  f"郑远航带领{INST}专家团队赴{FIRM}调研。"])
def test_the_head_of_a_bodys_delegation_belongs_to_it(text):
    found = affiliations(text)
    assert ("郑远航", INST) in found
    assert ("郑远航", UNI) not in found and ("郑远航", FIRM) not in found  # the host is not the head's body


def test_an_official_leading_another_bodys_delegation_keeps_the_official_body():
    found = affiliations(f"{DEPT}副厅长郑远航率{INST}代表团访问{UNI}。")
    assert ("郑远航", DEPT) in found and ("郑远航", INST) not in found


# -- sites of a body ------------------------------------------------------------------------------------

def test_visiting_units_of_bodies_in_a_list():
    text = f"{DEPT}副厅长郑远航一行先后参观了{UNI}的重点实验室、{INST}的展厅。"
    assert {("郑远航", UNI), ("郑远航", INST)} <= visits(text)


@pytest.mark.parametrize("text", [f"{DEPT}副厅长郑远航一行来到位于兰州某某新区的{FIRM}。",
                                  f"{DEPT}副厅长郑远航一行来到{FIRM}生产车间,察看生产线。"])
def test_coming_to_a_body_where_it_is_or_to_its_site(text):
    assert ("郑远航", FIRM) in visits(text)


def test_coming_to_a_zone_only_named_as_the_bodys_place_is_no_visit_of_the_zone():
    found = visits(f"{DEPT}副厅长郑远航一行来到位于兰州某某新区的{FIRM}。")
    assert ("郑远航", "兰州某某新区") not in found


def test_a_list_of_visited_bodies_with_short_forms_defined_in_brackets():
    text = (f"{UNI}副校长郑远航带队赴兰州走访{FIRM}(以下简称“陇原公司”)、{FIRM2}(以下简称“河西物流”)、{INST},"
            f"并看望校友。")
    assert {("郑远航", FIRM), ("郑远航", FIRM2), ("郑远航", INST)} <= visits(text)
