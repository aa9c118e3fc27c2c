"""The third round of rules (issue 20: widened on g25-g38 and b10-b18), each on an invented sentence with
made-up bodies (祁连某某, 河西某某 …) and made-up people: the rules must read the construction, not
remember an article. Relations are checked in both orders where the language allows both.
"""

from kg.extract import extract

FIRM, FIRM2, FIRM3 = "甘肃祁连某某科技有限公司", "陇南某某物流有限公司", "天水某某材料有限公司"
INST, DEPT = "河西某某研究所", "省某某厅"


def actors(text):
    return {a["name"] for a in extract(text).to_json()["actors"]}


def people(text):
    return {a["name"] for a in extract(text).to_json()["actors"] if a["class"] == "Person"}


def relations(text):
    return {(r["subject"], r["relation"], r["object"]) for r in extract(text).to_json()["relations"]}


# -- people ------------------------------------------------------------------------------------

def test_an_official_named_before_the_title():
    assert "郑远航" in people("5月2日,郑远航副省长带领省某某厅一行调研。")
    assert "郑远航" in people("郑远航市长出席。")


def test_a_city_before_its_mayor_is_not_a_person():
    found = people("会上,白银市长郑远航汇报了工作。")
    assert "郑远航" in found and "白银" not in found


def test_an_inspector_title_gives_the_person_and_the_body():
    text = f"{DEPT}二级巡视员郑远航出席。"
    assert "郑远航" in people(text)
    assert ("郑远航", "affiliated-with", DEPT) in relations(text)


def test_byline_titles_with_a_slash():
    found = people("文/郑远 图/柯明 审核/柯明发布/穆一帆")
    assert found == {"郑远", "柯明", "穆一帆"}


def test_a_name_in_a_list_stops_before_the_next_title():
    found = people(f"{INST}副所长郑远航带领农艺师柯一明、穆强副研究员、韩立伟助理研究员调研。")
    assert {"柯一明", "穆强", "韩立伟"} <= found and "穆强副" not in found


def test_the_surname_fu():
    assert "傅远航" in people(f"{DEPT}副厅长傅远航陪同调研。")


# -- names -------------------------------------------------------------------------------------

def test_a_county_whose_name_opens_with_a_joiner():
    found = actors("专家到甘肃和政某某果业集团有限公司、和政县某某协会考察。")
    assert {"甘肃和政某某果业集团有限公司", "和政县某某协会"} <= found
    assert not any(name.startswith("政") for name in found)


def test_the_joiner_before_government_still_joins():
    found = actors(f"{FIRM}和政府签约。")
    assert FIRM in found and not any("和政府" in name for name in found)


def test_leading_verbs_do_not_glue_onto_names():
    found = actors("会上见证定西某某市人民政府与河西某某大学签约,又能结合陇南某某学院的优势。")
    assert "定西某某市人民政府" in found and not any(n.startswith(("见证", "并见证", "又能", "结合")) for n in found)


# -- visits ------------------------------------------------------------------------------------

def test_a_list_of_visited_bodies_after_cha_kan_with_an_unread_item():
    text = f"郑远航副省长一行实地察看了{FIRM}、某某现代农业物流园、{FIRM2}建设情况。"
    found = relations(text)
    assert {("郑远航", "visited", FIRM), ("郑远航", "visited", FIRM2)} <= found


def test_going_into_bodies_with_the_visit_verb_in_the_next_clause():
    text = f"郑远航副省长深入{FIRM}、{FIRM2}有关企业,实地调研指导工作。"
    assert {("郑远航", "visited", FIRM), ("郑远航", "visited", FIRM2)} <= relations(text)


def test_going_somewhere_without_a_visit_verb_is_no_visit():
    text = f"郑远航副省长强调,要深入{FIRM}、{FIRM2}的合作,推动发展。"
    assert not {r for r in relations(text) if r[1] == "visited"}


def test_an_expert_team_visits_for_the_body_of_its_leader():
    text = (f"6月2日,{INST}副所长郑远航研究员带领专家赴临夏考察调研。"
            f"专家团先后到{FIRM}、某某扶贫产业孵化园、{FIRM2};{FIRM3}等地考察种植情况。")
    found = relations(text)
    assert {(INST, "visited", FIRM), (INST, "visited", FIRM2), (INST, "visited", FIRM3)} <= found
    assert not {r for r in found if r[0] == "郑远航" and r[1] == "visited"}


def test_an_officials_party_visits_for_the_official():
    text = f"郑远航副省长带领{DEPT}一行赴天水调研。郑远航一行先后到{FIRM}、{FIRM2}等地调研。"
    assert {("郑远航", "visited", FIRM), ("郑远航", "visited", FIRM2)} <= relations(text)


def test_a_list_interrupted_by_other_words_is_no_visit():
    text = f"专家团先后到{FIRM}讲解政策,并与{FIRM2}负责人交流,随后考察。"
    assert not {r for r in relations(text) if r[1] == "visited" and r[2] == FIRM2}
