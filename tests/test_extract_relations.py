"""Relation rules by construction, each in both orders where the language allows both.

Every sentence is written for these tests, with made-up bodies (祁连某某集团, 河西某某大学 …): the rules
must read the construction, not remember an article.
"""

import pytest

from kg.extract import extract

GROUP, UNIV, INST = "祁连某某集团", "河西某某大学", "陇东某某研究院"
CONS, LAB, CHAIN = "甘肃省某某装备创新联合体", "天水某某重点实验室", "甘肃省某某材料产业链"
ZONE, FIRM, DEPT = "天水某某高新区", "陇南某某科技有限公司", "省某某厅"


def relations(text):
    return {(r["subject"], r["relation"], r["object"]) for r in extract(text).to_json()["relations"]}


def check(text, wanted, unwanted=()):
    found = relations(text)
    assert set(wanted) <= found, (text, set(wanted) - found, found)
    assert not set(unwanted) & found, (text, set(unwanted) & found)


# -- lead units --------------------------------------------------------------------------------

def test_a_list_of_lead_units():
    check(f"由{GROUP}、{UNIV}和{INST}等牵头组建的{CONS}成立。",
          [(GROUP, "lead-unit", CONS), (UNIV, "lead-unit", CONS), (INST, "lead-unit", CONS)])


def test_lead_unit_after_the_consortium():
    check(f"{CONS}由{GROUP}牵头。", [(GROUP, "lead-unit", CONS)], [(CONS, "lead-unit", GROUP)])


def test_lead_unit_with_partners_gives_founders():
    check(f"由{GROUP}牵头,联合{UNIV}、{INST}共同组建{CONS}。",
          [(GROUP, "lead-unit", CONS), (CONS, "established-by", GROUP), (CONS, "established-by", UNIV),
           (CONS, "established-by", INST), (UNIV, "cooperates-with", INST)],
          [(UNIV, "lead-unit", CONS)])


# -- role nouns --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{CONS}的成员单位包括{UNIV}、{INST}等。",
    f"{UNIV}、{INST}等为{CONS}的成员单位。",
    f"{UNIV}和{INST}等成员单位参加了{CONS}的会议。",
])
def test_member_units_before_and_after_the_role_noun(text):
    check(text, [(UNIV, "member-unit", CONS), (INST, "member-unit", CONS)], [(CONS, "member-unit", UNIV)])


def test_lead_unit_as_a_role_noun():
    check(f"{GROUP}作为牵头单位,组建{CONS}。", [(GROUP, "lead-unit", CONS)])


@pytest.mark.parametrize("text, wanted", [
    (f"{UNIV}为{LAB}的合作单位。", (UNIV, "cooperating-unit", LAB)),
    (f"{LAB}的依托单位为{UNIV}。", (UNIV, "supporting-unit", LAB)),
    (f"{INST}的共建单位有{GROUP}、{UNIV}。", (INST, "established-by", GROUP)),
])
def test_other_role_nouns(text, wanted):
    check(text, [wanted])


@pytest.mark.parametrize("text", [
    f"{CHAIN}的链主企业为{GROUP}。",
    f"{GROUP}是{CHAIN}链主企业。",
    f"{CHAIN}确定链主企业{GROUP}。",
    f"{GROUP}、{FIRM}等龙头企业带动{CHAIN}发展。",
])
def test_chain_leaders_before_and_after(text):
    check(text, [(GROUP, "chain-leader", CHAIN)], [(CHAIN, "chain-leader", GROUP)])


def test_a_leading_enterprise_of_no_named_chain_leads_nothing():
    assert not any(r == "chain-leader" for _, r, _ in relations(f"{GROUP}等龙头企业加快发展。"))


# -- founders ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{LAB}由{UNIV}与{GROUP}联合共建。",
    f"{UNIV}与{GROUP}共建{LAB}。",
    f"由{UNIV}和{GROUP}联合组建{LAB}。",
    f"{UNIV}和{GROUP}共建的{LAB}揭牌。",
    f"{UNIV}联合{GROUP}共同组建{LAB}。",
])
def test_two_founders_in_every_order(text):
    check(text, [(LAB, "established-by", UNIV), (LAB, "established-by", GROUP), (UNIV, "cooperates-with", GROUP)],
          [(UNIV, "established-by", LAB), (GROUP, "established-by", LAB)])


def test_three_founders_and_a_list_broken_by_a_comma():
    check(f"{LAB}由{UNIV}、{GROUP},{INST}三方共建。",
          [(LAB, "established-by", UNIV), (LAB, "established-by", GROUP), (LAB, "established-by", INST)])


def test_set_up_somewhere():
    check(f"{UNIV}在{ZONE}设立{INST}。", [(INST, "established-by", UNIV), (INST, "located-in", ZONE)],
          [(INST, "established-by", ZONE)])


def test_a_ceremony_held_somewhere_does_not_place_what_it_founds():
    found = relations(f"{UNIV}、{GROUP}在{INST}举行“祁连盐碱地联合实验室”共建签约仪式。")
    assert ("祁连盐碱地联合实验室", "established-by", UNIV) in found
    assert not any(r == "located-in" for _, r, _ in found)


# -- agreements --------------------------------------------------------------------------------

def test_one_signs_with_each_of_a_list():
    check(f"{UNIV}与{GROUP}、{FIRM}分别签订战略合作协议。",
          [(UNIV, "cooperates-with", GROUP), (UNIV, "cooperates-with", FIRM)], [(GROUP, "cooperates-with", FIRM)])


@pytest.mark.parametrize("text", [
    f"{UNIV}、{GROUP}签署合作协议。",
    f"{GROUP}与{UNIV}开展战略合作。",
    f"会上,{GROUP}与{UNIV}签约。",
    f"{GROUP}和{UNIV}将在新材料领域合作。",
])
def test_agreements(text):
    found = relations(text)
    assert (GROUP, "cooperates-with", UNIV) in found or (UNIV, "cooperates-with", GROUP) in found, found


# -- support -----------------------------------------------------------------------------------

def test_provides_for():
    check(f"{GROUP}为{FIRM}提供技术支撑。", [(FIRM, "supported-by", GROUP)], [(GROUP, "supported-by", FIRM)])


@pytest.mark.parametrize("text", [f"{ZONE}由{UNIV}对口支持。", f"{UNIV}对口支持{ZONE}建设。"])
def test_paired_support_both_orders(text):
    check(text, [(ZONE, "supported-by", UNIV)], [(UNIV, "supported-by", ZONE)])


# -- hosts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"依托{UNIV}建设的{LAB}通过验收。",
    f"{LAB}依托{UNIV}建设。",
    f"以{UNIV}为依托,组建{LAB}。",
    f"{LAB}由{UNIV}承建。",
    f"{UNIV}承建的{LAB}通过验收。",
    f"设在{UNIV}的{LAB}通过验收。",
])
def test_host_in_every_order(text):
    check(text, [(UNIV, "supporting-unit", LAB)], [(LAB, "supporting-unit", UNIV)])


# -- members, places ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{UNIV}、{INST}参与建设{CONS}。",
    f"{CONS}正式成立,{UNIV}、{INST}等参与。",
])
def test_participants(text):
    check(text, [(UNIV, "member-unit", CONS), (INST, "member-unit", CONS)])


@pytest.mark.parametrize("text", [
    f"{INST}落户{ZONE}。",
    f"{INST}入驻{ZONE}。",
    f"{INST}在{ZONE}挂牌。",
    f"在{ZONE}挂牌成立的{INST}开始运行。",
    f"设在{ZONE}的{INST}开始运行。",
    f"{GROUP}的某某项目、{FIRM}的某某生产线等项目落户{ZONE}。",
])
def test_located_in(text):
    check(text, [(INST if INST in text else GROUP, "located-in", ZONE)], [(ZONE, "located-in", INST)])


# -- structure ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{GROUP}旗下的{FIRM}投产。",
    f"{FIRM}为{GROUP}下属企业。",
    f"{FIRM}隶属于{GROUP}。",
    f"{GROUP}所属{FIRM}投产。",
])
def test_parent_and_unit_both_orders(text):
    check(text, [(FIRM, "sub-organization", GROUP)], [(GROUP, "sub-organization", FIRM)])


def test_a_unit_of_a_university():
    check(f"{UNIV}的祁连生态研究院承担项目。", [("祁连生态研究院", "sub-organization", UNIV)])


# -- evidence ----------------------------------------------------------------------------------

def test_each_relation_keeps_its_clause_and_its_cue():
    text = f"近日,{UNIV}与{GROUP}签订战略合作协议,双方将共建实验室。"
    (relation,) = [r for r in extract(text).to_json()["relations"] if r["relation"] == "cooperates-with"]
    assert text[relation["start"]:relation["end"]] == f"{UNIV}与{GROUP}签订战略合作协议"
    assert relation["cue"] == "签订" and relation["by"] == "rules"


def test_a_list_closed_by_a_count_founds_an_alliance():
    check(f"{GROUP}、{UNIV}等5家单位联合发起成立甘肃省某某产业联盟。",
          [("甘肃省某某产业联盟", "established-by", GROUP), ("甘肃省某某产业联盟", "established-by", UNIV)])


def test_a_host_approved_to_build_a_lab():
    check(f"{UNIV}获批建设{LAB}。", [(UNIV, "supporting-unit", LAB)], [(LAB, "supporting-unit", UNIV)])


def test_units_set_up_under_a_body():
    check(f"{GROUP}下设{INST}。", [(INST, "sub-organization", GROUP)], [(GROUP, "sub-organization", INST)])


def test_both_parties_found_what_they_agreed_on():
    check(f"{UNIV}与{GROUP}签署合作协议,双方将共建{INST}。",
          [(INST, "established-by", UNIV), (INST, "established-by", GROUP)])


def test_the_institute_named_before_is_the_one_hosted():
    check(f"{UNIV}成立{INST}。该研究院依托{FIRM}建设。", [(FIRM, "supporting-unit", INST)])


def test_a_chain_leader_named_after_the_chain():
    check(f"天水市围绕{CHAIN},确定{GROUP}为链主企业,带动120余家企业发展。", [(GROUP, "chain-leader", CHAIN)])


def test_lead_unit_and_partners_after_the_consortium():
    check(f"{CONS}由{GROUP}牵头,联合{UNIV}、{INST}等12家单位共同组建。",
          [(GROUP, "lead-unit", CONS), (CONS, "established-by", UNIV), (CONS, "established-by", INST)])


def test_with_the_support_of():
    check(f"在{DEPT}的大力支持下,{FIRM}建成生产线。", [(FIRM, "supported-by", DEPT)], [(DEPT, "supported-by", FIRM)])


def test_a_party_secretary_belongs_to_the_group():
    found = relations(f"{GROUP}党委书记、董事长王某明出席。")
    assert ("王某明", "affiliated-with", GROUP) in found
    assert f"{GROUP}党委" not in {a["name"] for a in extract(f"{GROUP}党委书记、董事长王某明出席。").to_json()["actors"]}


def test_recommended_then_selected():
    check(f"由{DEPT}推荐,{UNIV}入选国家某某人才计划。", [(UNIV, "recommended-by", DEPT)])
    check(f"由{DEPT}推荐的{LAB}、{INST}入选。", [(LAB, "recommended-by", DEPT), (INST, "recommended-by", DEPT)])


def test_a_bilateral_centre_built_together_and_placed_abroad():
    text = f"{UNIV}与乌兹别克斯坦某某农业大学合作建立的中乌某某技术转移中心已在撒马尔罕挂牌运行。"
    check(text, [("中乌某某技术转移中心", "established-by", UNIV),
                 ("中乌某某技术转移中心", "established-by", "乌兹别克斯坦某某农业大学"),
                 ("中乌某某技术转移中心", "located-in", "撒马尔罕")])


def test_a_list_with_hosts_in_brackets():
    text = f"由{DEPT}推荐的祁连某某创新基地({UNIV})、河西某某创新基地({GROUP})等2家单位入选。"
    check(text, [("祁连某某创新基地", "recommended-by", DEPT), ("河西某某创新基地", "recommended-by", DEPT),
                 (UNIV, "supporting-unit", "祁连某某创新基地"), (GROUP, "supporting-unit", "河西某某创新基地")],
          [(UNIV, "recommended-by", DEPT)])


def test_members_listed_after_a_consortium_named_in_the_clause_before():
    text = f"由{GROUP}牵头成立的{CONS},成员单位包括{INST}、{UNIV}等。合作成员单位包括{FIRM}等。"
    check(text, [(INST, "member-unit", CONS), (UNIV, "member-unit", CONS), (FIRM, "cooperating-unit", CONS)],
          [(UNIV, "member-unit", INST)])


def test_the_subject_of_the_sentence_hosts_the_lab_it_is_the_host_of():
    check(f"{INST},是从事某某研究的国家级科研机构,也是{LAB}依托单位之一。", [(INST, "supporting-unit", LAB)],
          [(LAB, "supporting-unit", INST)])


def test_a_role_noun_in_a_sentence_of_its_own_names_no_container_by_guess():
    found = relations(f"{CONS}成立。{UNIV}表示,将与各依托单位开展协作。")
    assert not any(r == "supporting-unit" for _, r, _ in found)


def test_the_approver_is_not_the_recipient_nor_the_source_of_the_news():
    text = f"记者从{DEPT}了解到,国务院已向科技部、甘肃省人民政府正式发函,批复同意{ZONE}建设示范区。"
    check(text, [(ZONE, "approved-by", "国务院")], [(ZONE, "approved-by", DEPT), (ZONE, "approved-by", "科技部")])


def test_a_zone_named_after_two_cities_is_a_name():
    assert (("兰白某某改革试验区", "piloted-in", "甘肃省") in relations("科技部批复同意甘肃省开展兰白某某改革试验区建设试点。"))


def test_a_lab_of_a_university_is_hosted_not_a_unit():
    check(f"{UNIV}的{LAB}取得突破。", [(UNIV, "supporting-unit", LAB)], [(LAB, "sub-organization", UNIV)])


@pytest.mark.parametrize("text", [
    f"会议由{DEPT}主持,{UNIV}、{INST}等单位代表参加。",
    f"{UNIV}校长李某某会见了{GROUP}董事长王某某。",
    f"{INST}成立70周年座谈会举行。",
    f"{UNIV}在{GROUP}调研。",
])
def test_sentences_that_state_no_organisation_relation(text):
    found = {(s, r, o) for s, r, o in relations(text) if r not in ("affiliated-with", "visited")}
    assert found == set(), found


@pytest.mark.parametrize("text", [
    f"来自{UNIV}的李某华教授作报告。",
    f"科技特派员张某华来自{UNIV},长期在基层服务。",
])
def test_where_a_person_comes_from(text):
    person = "李某华" if "李某华" in text else "张某华"
    assert (person, "affiliated-with", UNIV) in relations(text)


@pytest.mark.parametrize("text", [
    f"{LAB}被{DEPT}认定为省级重点实验室。",
    f"{LAB}经{DEPT}批准建设。",
    f"{DEPT}认定{LAB}、{INST}为省级创新平台。",
])
def test_certified_or_approved_by(text):
    wanted = [(LAB, "approved-by", DEPT)] + ([(INST, "approved-by", DEPT)] if INST in text else [])
    check(text, wanted, [(DEPT, "approved-by", LAB)])


@pytest.mark.parametrize("text", [
    f"{GROUP}被确定为{CHAIN}链主企业。",
    f"{GROUP}作为{CHAIN}链主企业,带动上下游发展。",
    f"聚焦{CHAIN},培育{GROUP}、{FIRM}等链主企业。",
    f"{CHAIN}链主企业{GROUP}新签项目3个。",
])
def test_more_ways_to_name_a_chain_leader(text):
    check(text, [(GROUP, "chain-leader", CHAIN)])


@pytest.mark.parametrize("text", [f"{UNIV}与{GROUP}签约共建{LAB}。", f"{UNIV}携手{GROUP}共建{LAB}。"])
def test_founders_who_sign_or_join_hands(text):
    check(text, [(LAB, "established-by", UNIV), (LAB, "established-by", GROUP)])


def test_a_lead_unit_of_a_project_leads_no_body_named_before():
    assert not any(r == "lead-unit" for _, r, _ in relations(f"{CONS}成立以来,{GROUP}牵头承担国家项目5项。"))


def test_joint_lead_units():
    check(f"由{GROUP}、{UNIV}共同牵头组建的{CONS}揭牌。", [(GROUP, "lead-unit", CONS), (UNIV, "lead-unit", CONS)])


def test_parties_of_an_agreement_build_together():
    check(f"{UNIV}与{GROUP}签订合作框架协议,共同建设{INST}。",
          [(INST, "established-by", UNIV), (INST, "established-by", GROUP)])


def test_the_company_named_before():
    check(f"{FIRM}投产。该公司与{UNIV}共建{LAB}。", [(LAB, "established-by", FIRM), (LAB, "established-by", UNIV)])
    check(f"{FIRM}投产。该公司与{UNIV}签订战略合作协议。", [(FIRM, "cooperates-with", UNIV)])


def test_reporters_separated_by_a_space():
    found = relations("陇原某某日报讯(记者 王某明 李某华)昨日,会议召开。")
    assert ("王某明", "affiliated-with", "陇原某某日报") in found and ("李某华", "affiliated-with", "陇原某某日报") in found


@pytest.mark.parametrize("text", [
    f"副省长李某明到{GROUP}、{UNIV}调研。",
    f"副省长李某明一行来到{GROUP}考察。",
    f"副省长李某明赴{GROUP}调研。",
])
def test_visits_through_the_place_then_the_verb(text):
    check(text, [("李某明", "visited", GROUP)])


def test_going_is_not_visiting_without_a_visit_verb():
    assert not any(r == "visited" for _, r, _ in relations(f"副省长李某明要求{GROUP}到2025年建成{LAB}。"))


def test_members_of_an_alliance():
    check(f"甘肃省某某产业联盟成员包括{GROUP}、{UNIV}等。理事长单位为{INST}。",
          [(GROUP, "member-unit", "甘肃省某某产业联盟"), (UNIV, "member-unit", "甘肃省某某产业联盟"),
           (INST, "lead-unit", "甘肃省某某产业联盟")])
    assert not any(r == "member-unit" for _, r, _ in relations(f"{GROUP}成员国市场拓展顺利。"))


def test_two_zones_sharing_one_suffix():
    text = "国务院批复同意天水、定西某某高新技术产业开发区建设国家自主创新示范区。"
    names = {a["name"] for a in extract(text).to_json()["actors"]}
    assert {"天水、定西某某高新技术产业开发区", "定西某某高新技术产业开发区"} <= names
    check(text, [("天水、定西某某高新技术产业开发区", "approved-by", "国务院"),
                 ("定西某某高新技术产业开发区", "approved-by", "国务院")])


def test_a_unit_written_right_after_the_short_form_of_its_parent():
    check(f"中国科学院某某化学研究所(简称某某化学所)某某催化国家重点实验室与{GROUP}签约。",
          [("中国科学院某某化学研究所", "supporting-unit", "某某催化国家重点实验室")])
    check(f"{INST}(以下简称“某某院”)某某材料研究所揭牌。", [("某某材料研究所", "sub-organization", INST)])


# -- constructions added when the rules were widened to the 23 used articles ---------------------

ALLIANCE_A, ALLIANCE_B = "甘肃省甲乙产业技术创新联盟", "甘肃省丙丁产业技术创新联盟"
FIRM_A, FIRM_B = "陇南某某装备有限公司", "天水某某实业集团有限公司"


def test_respective_lead_units_pair_in_order():
    text = (f"{ALLIANCE_A}、{ALLIANCE_B}等两家联盟获批。"
            f"两家联盟分别由{FIRM_A}、{FIRM_B}牵头组建。")
    check(text, [(FIRM_A, "lead-unit", ALLIANCE_A), (FIRM_B, "lead-unit", ALLIANCE_B)],
          [(FIRM_A, "lead-unit", ALLIANCE_B), (FIRM_B, "lead-unit", ALLIANCE_A),
           (ALLIANCE_A, "lead-unit", FIRM_A)])


def test_respective_lead_units_need_lists_of_one_length():
    text = f"{ALLIANCE_A}、{ALLIANCE_B}获批。三家联盟分别由{FIRM_A}、{FIRM_B}、{GROUP}牵头组建。"
    assert not {r for r in relations(text) if r[1] == "lead-unit"}


def test_approval_in_the_clause_after_the_reply():
    text = f"4月21日,{DEPT}下发有关批复,同意成立{ALLIANCE_A}、{ALLIANCE_B}等两家联盟。"
    check(text, [(ALLIANCE_A, "approved-by", DEPT), (ALLIANCE_B, "approved-by", DEPT)],
          [(DEPT, "approved-by", ALLIANCE_A)])


def test_one_agreement_relates_every_party():
    text = f"{ZONE}管委会与{GROUP}、{FIRM}成功签订战略合作框架协议。"
    check(text, [(f"{ZONE}管委会", "cooperates-with", GROUP), (f"{ZONE}管委会", "cooperates-with", FIRM),
                 (GROUP, "cooperates-with", FIRM)])


def test_separate_agreements_relate_only_the_signer_with_each():
    text = f"{ZONE}管委会与{GROUP}、{FIRM}分别签订合作协议。"
    check(text, [(f"{ZONE}管委会", "cooperates-with", GROUP), (f"{ZONE}管委会", "cooperates-with", FIRM)],
          [(GROUP, "cooperates-with", FIRM), (FIRM, "cooperates-with", GROUP)])


def test_founded_in_a_place():
    centre = "甘肃省某某国际技术转移中心"
    check(f"{centre}于2021年6月8日在兰州成立。", [(centre, "located-in", "兰州")], [("兰州", "located-in", centre)])


def test_founded_with_support_says_nothing_of_where():
    centre = "甘肃省某某国际技术转移中心"
    assert not {r for r in relations(f"{centre}在{DEPT}的支持下成立。") if r[1] == "located-in"}


def test_member_units_as_components():
    centre = "甘肃省某某国际技术转移中心"
    text = f"{centre}成立以来,目前有{FIRM}、{GROUP}等29家组成单位。"
    check(text, [(FIRM, "member-unit", centre), (GROUP, "member-unit", centre)],
          [(centre, "member-unit", FIRM)])


def test_co_hosts_cooperate_and_the_organiser_below_them_too_less_surely():
    # round 4: the gold counts every co-organiser (主办 and 承办) of one event; a helper's pairs are weaker
    text = f"会议由甘肃省人民政府、中国某某工业协会主办,{GROUP}承办。"
    check(text, [("甘肃省人民政府", "cooperates-with", "中国某某工业协会"), ("甘肃省人民政府", "cooperates-with", GROUP),
                 ("中国某某工业协会", "cooperates-with", GROUP)])
    sure = {(r["subject"], r["object"]): r["confidence"] for r in extract(text).to_json()["relations"]}
    assert sure[("甘肃省人民政府", "中国某某工业协会")] > sure[("甘肃省人民政府", GROUP)]


def test_the_invited_visit_not_the_host():
    text = f"{INST}邀请{UNIV}、兰州某某研究所相关专家组成调研组,先后赴{FIRM}开展了调研。"
    check(text, [(UNIV, "visited", FIRM), ("兰州某某研究所", "visited", FIRM)], [(INST, "visited", FIRM)])


@pytest.mark.parametrize("text", [f"{GROUP}全资子公司{FIRM}投产。", f"{FIRM}是{GROUP}的控股子公司。"])
def test_a_subsidiary_in_either_order(text):
    check(text, [(FIRM, "sub-organization", GROUP)], [(GROUP, "sub-organization", FIRM)])
    assert not any(name.endswith("子公司") for r in relations(text) for name in (r[0], r[2]))
