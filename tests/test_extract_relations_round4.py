"""Round-4 relation rules between organisations, by construction: co-organisers (主办/承办), joint action
(X与Y联合研发, X、Y联合揭榜, X联合Y共同攻关), 位于X的Y, a zone's committee, and the ontology's limits on
what a role may point at.

Every sentence is made up for these tests (祁连某某集团, 河西某某大学 …): the rules must read the
construction, not remember an article.
"""

import pytest

from kg.extract import extract
from kg.extract.relations import ORGANIZATION_CLASSES, RELATIONS, ROLE

GROUP, UNIV, INST = "祁连某某集团", "河西某某大学", "陇东某某研究院"
FIRM, LAB, PARK, ZONE = "陇南某某科技有限公司", "天水某某重点实验室", "金川某某产业园", "酒泉某某高新区"


def found(text):
    return {(r["subject"], r["relation"], r["object"]) for r in extract(text).to_json()["relations"]}


def check(text, wanted, unwanted=()):
    got = found(text)
    assert set(wanted) <= got, (text, set(wanted) - got, got)
    assert not set(unwanted) & got, (text, set(unwanted) & got)


def cooperate(a, b):
    """Both orders: cooperates-with is symmetric, the rules write it once, either way."""
    return {(a, "cooperates-with", b), (b, "cooperates-with", a)}


def has_pair(text, a, b):
    return bool(cooperate(a, b) & found(text))


# -- co-organisers ---------------------------------------------------------------------------------

def test_hosts_and_helpers_of_one_event_all_cooperate():
    text = f"论坛由{GROUP}、{UNIV}主办,{INST}、{FIRM}承办。"
    for a, b in [(GROUP, UNIV), (GROUP, INST), (UNIV, FIRM), (INST, FIRM)]:
        assert has_pair(text, a, b), (a, b)


def test_a_helper_in_another_sentence_is_not_an_organiser_of_the_event():
    text = f"论坛由{GROUP}主办。{INST}承办了另一场活动。"
    assert not has_pair(text, GROUP, INST)


# -- joint action ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{GROUP}与{UNIV}联合研发新型叶片。",
    f"{UNIV}和{GROUP}共同承担该项目。",
    f"{GROUP}联合{UNIV}共同攻关关键技术。",
    f"省某某厅牵线{GROUP}、{UNIV}联合揭榜。",
])
def test_bodies_acting_together_cooperate(text):
    assert has_pair(text, GROUP, UNIV)


def test_three_bodies_acting_together_give_every_pair():
    text = f"{GROUP}、{UNIV}和{INST}等单位联合申报国家项目。"
    for a, b in [(GROUP, UNIV), (GROUP, INST), (UNIV, INST)]:
        assert has_pair(text, a, b), (a, b)


@pytest.mark.parametrize("text", [
    f"{GROUP}的联合研发中心与{UNIV}相邻。",  # a noun (联合研发中心), no act of the two
    f"{GROUP}参观了{UNIV},随后联合召开座谈会。",  # two clauses, and 召开 is no joint verb here
])
def test_joint_words_that_are_not_a_joint_act(text):
    assert not has_pair(text, GROUP, UNIV)


# -- where a body lies -----------------------------------------------------------------------------

def test_located_in_before_the_body():
    check(f"走进位于{PARK}的{LAB},成果令人耳目一新。", [(LAB, "located-in", PARK)], [(PARK, "located-in", LAB)])


def test_located_in_after_the_body():
    check(f"{LAB}位于{PARK}。", [(LAB, "located-in", PARK)], [(PARK, "located-in", LAB)])


# -- a zone's management committee -----------------------------------------------------------------

def test_a_committee_runs_the_zone_it_is_named_after():
    text = f"{ZONE}管委会副主任张三说,{ZONE}去年新增企业20家。"
    check(text, [(f"{ZONE}管委会", "operates", ZONE)], [(ZONE, "operates", f"{ZONE}管委会")])
    assert RELATIONS["operates"].endswith("#operates")


def test_a_generic_committee_runs_no_named_zone():
    text = f"园区管委会副主任张三说,{ZONE}去年新增企业20家。"
    assert not [r for r in found(text) if r[1] == "operates"]


# -- what the ontology accepts ---------------------------------------------------------------------

def test_no_role_points_at_something_that_is_not_an_organisation():
    # a role becomes an org:Membership whose organisation the shapes require to be an ikg:Organization
    text = f"依托{UNIV}建设的甘肃某某中试基地投入运行。{UNIV}牵头组建了甘肃某某中试基地。"
    relations = extract(text).to_json()["relations"]
    classes = {a["name"]: a["class"] for a in extract(text).to_json()["actors"]}
    roles = [r for r in relations if RELATIONS[r["relation"]].startswith(ROLE)]
    assert all(classes.get(r["object"]) in ORGANIZATION_CLASSES for r in roles), roles


# -- signing: the ceremony's hosts, 双方 in the next sentence, 该公司 / 公司 for a body named before ----

def test_a_list_holding_a_signing_ceremony_cooperates():
    text = f"{GROUP}、{UNIV}、{INST}在兰州举行“某某联合实验室”共建签约仪式。"
    for a, b in [(GROUP, UNIV), (GROUP, INST), (UNIV, INST)]:
        assert has_pair(text, a, b), (a, b)


def test_one_body_holding_a_ceremony_cooperates_with_nobody_named_elsewhere():
    text = f"{GROUP}在兰州举行签约仪式。{UNIV}发布年报。"
    assert not has_pair(text, GROUP, UNIV)


@pytest.mark.parametrize("first, second", [(GROUP, UNIV), (UNIV, GROUP)])
def test_both_sides_of_the_sentence_before_sign(first, second):
    text = f"3月1日,{first}一行到{second}考察交流。双方签订了产学研合作协议。"
    assert has_pair(text, first, second)


def test_both_sides_need_exactly_two_bodies_before():
    text = f"{GROUP}、{UNIV}和{INST}代表参加了会议。双方签订了合作协议。"
    assert not has_pair(text, GROUP, UNIV) and not has_pair(text, UNIV, INST)


@pytest.mark.parametrize("ref", ["该公司", "公司"])
def test_the_company_named_before_signs(ref):
    text = f"{GROUP}是一家新材料企业。{ref}与{UNIV}签订合作协议。"
    assert has_pair(text, GROUP, UNIV)


def test_the_school_is_not_the_company():
    text = f"{GROUP}是一家新材料企业。该校与{INST}签订合作协议。"
    assert not has_pair(text, GROUP, INST)


# -- X与Y…working together, in one clause ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{GROUP}与{UNIV}就共建实验室达成共识。",
    f"{UNIV}与{GROUP}结对共建。",
    f"{GROUP}与{UNIV}建立产学研协作机制。",
    f"{UNIV}与{GROUP}共建的实验室揭牌。",
    f"在{GROUP}与{UNIV}的共同努力下,项目落地。",
    f"{GROUP}牵手{UNIV}。",
])
def test_two_sides_working_together(text):
    assert has_pair(text, GROUP, UNIV)


def test_a_future_cooperation_in_a_field():
    assert has_pair(f"{UNIV}将与{FIRM}在人才培养方面开展合作。", UNIV, FIRM)


@pytest.mark.parametrize("text", [
    f"{GROUP}和{UNIV}负责人参加了对接会。",  # their people attend; the bodies are not said to work together
    f"{GROUP}与{UNIV}相距不远,对接会在兰州举行。",  # 对接 in another clause
])
def test_two_bodies_named_together_without_working_together(text):
    assert not has_pair(text, GROUP, UNIV)


# -- support ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{UNIV}向{GROUP}提供技术服务。",
    f"{UNIV}将为{GROUP}在甘肃开展新材料研发提供支持。",
    f"在{UNIV}的技术支持下,{GROUP}攻克了难题。",
    f"{GROUP}得到{UNIV}的大力支持。",
    f"张志强代表{GROUP}对{UNIV}长期以来的关心支持表示感谢。",
])
def test_supported_by_in_either_order_of_the_sentence(text):
    check(text, [(GROUP, "supported-by", UNIV)], [(UNIV, "supported-by", GROUP)])


def test_thanks_without_support_is_not_support():
    check(f"{GROUP}对{UNIV}的到来表示感谢。", [], [(GROUP, "supported-by", UNIV)])


# -- a holding -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [f"{FIRM}由{GROUP}控股。", f"{GROUP}控股的{FIRM}投产。"])
def test_a_holding_in_either_order(text):
    check(text, [(FIRM, "sub-organization", GROUP)], [(GROUP, "sub-organization", FIRM)])


def test_holding_inside_a_name_is_no_cue():
    text = f"甘肃某某控股集团有限公司与{FIRM}签约。"
    assert not [r for r in found(text) if r[1] == "sub-organization"]


# -- approvals, titles and lists a body publishes (the gold's "other": approval, certification) -------

MIIT = "工业和信息化部"


@pytest.mark.parametrize("text", [
    f"{FIRM}被{MIIT}授予“某某示范”称号。",
    f"{FIRM}被{MIIT}评为制造业单项冠军企业。",
    f"{MIIT}命名{FIRM}为示范企业。",
    f"{FIRM}入选{MIIT}公布的示范企业名单。",
    f"{MIIT}公布了示范企业名单,{FIRM}入选。",
])
def test_a_title_or_a_list_from_a_ministry(text):
    check(text, [(FIRM, "approved-by", MIIT)], [(MIIT, "approved-by", FIRM)])


def test_approval_before_the_clause_that_names_what_it_approves():
    check(f"经科技部批准,{LAB}正式挂牌。", [(LAB, "approved-by", "科技部")])


def test_a_list_nobody_published_is_no_approval():
    text = f"{MIIT}召开会议,{FIRM}入选。"
    assert not [r for r in found(text) if r[1] == "approved-by"]


def test_recommended_written_after_the_body():
    check(f"{FIRM}由省某某厅推荐参评。", [(FIRM, "recommended-by", "省某某厅")], [("省某某厅", "recommended-by", FIRM)])


# -- one work, one team, joint guidance, a subject carried over ------------------------------------

def test_co_producers_of_one_work():
    text = f"{GROUP}、{UNIV}和{INST}制作的微视频获奖。"
    for a, b in [(GROUP, UNIV), (GROUP, INST), (UNIV, INST)]:
        assert has_pair(text, a, b), (a, b)


def test_a_list_achieving_figures_is_not_a_team():
    text = f"{GROUP}、{FIRM}等企业完成产值10亿元。"
    assert not has_pair(text, GROUP, FIRM)


def test_experts_of_several_bodies_form_one_team_but_the_host_only_invites():
    text = f"{INST}邀请{UNIV}、{GROUP}相关专家组成产业创新调研组。"
    assert has_pair(text, UNIV, GROUP)
    assert not has_pair(text, INST, UNIV)


def test_joint_guidance_gives_support_and_a_pair():
    text = f"在省某某厅及{UNIV}的联合指导支持下,{GROUP}取得突破。"
    check(text, [(GROUP, "supported-by", "省某某厅"), (GROUP, "supported-by", UNIV)])
    assert has_pair(text, "省某某厅", UNIV)


def test_both_sides_co_build_in_the_next_sentence():
    centre = "甘肃省某某工程研究中心"
    text = f"3月1日,{GROUP}董事长张三一行到{UNIV}考察。双方共建{centre}。"
    check(text, [(centre, "established-by", GROUP), (centre, "established-by", UNIV)])


@pytest.mark.parametrize("opening", ["同时,", ""])
def test_the_subject_of_the_sentence_before_signs(opening):
    text = f"{GROUP}是一家新材料企业。{opening}与{UNIV}签署合作协议。"
    assert has_pair(text, GROUP, UNIV)


# -- a clause about the sentence's topic (ellipsis), 其 ----------------------------------------------

def test_support_for_the_topic_of_the_sentence():
    text = f"{GROUP}成立于2010年,近年来获得省某某厅大力支持。"
    check(text, [(GROUP, "supported-by", "省某某厅")], [("省某某厅", "supported-by", GROUP)])


@pytest.mark.parametrize("text", [
    f"{GROUP}成立于2010年,旗下有{FIRM}等企业。",
    f"{GROUP}是一家新材料企业。其下属的{FIRM}投产。",
])
def test_units_of_the_topic(text):
    check(text, [(FIRM, "sub-organization", GROUP)], [(GROUP, "sub-organization", FIRM)])


def test_the_company_lies_in_a_zone():
    check(f"{GROUP}成立于2010年。公司位于{ZONE}。", [(GROUP, "located-in", ZONE)])


def test_a_clause_naming_its_own_body_keeps_it():
    text = f"{GROUP}成立于2010年,{UNIV}获得省某某厅大力支持。"
    check(text, [(UNIV, "supported-by", "省某某厅")], [(GROUP, "supported-by", "省某某厅")])


# -- more ways to say where a body is --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{GROUP}已经布局{ZONE}。",
    f"{GROUP}总部设在{ZONE}。",
    f"{ZONE}内的{GROUP}扩大产能。",
    f"{GROUP}在{ZONE}注册成立。",
    f"{ZONE}引进了{GROUP}、{FIRM}。",
])
def test_a_body_in_a_zone(text):
    check(text, [(GROUP, "located-in", ZONE)], [(ZONE, "located-in", GROUP)])


def test_laying_out_an_industry_is_no_place():
    assert not [r for r in found(f"{GROUP}布局新能源产业。") if r[1] == "located-in"]


# -- more ways to say a body is part of another ----------------------------------------------------

@pytest.mark.parametrize("text", [
    f"{GROUP}的{FIRM}投产。",
    f"{FIRM}({GROUP}全资子公司)投产。",
    f"{FIRM}是{GROUP}的二级单位。",
])
def test_a_company_of_a_group(text):
    check(text, [(FIRM, "sub-organization", GROUP)], [(GROUP, "sub-organization", FIRM)])


def test_a_university_of_a_company_is_no_unit():
    # X的Y between a firm and a university says nothing about structure
    assert not [r for r in found(f"{FIRM}的{UNIV}实习基地揭牌。") if r[1] == "sub-organization" and r[2] == FIRM]


# -- bodies that sign through their people -----------------------------------------------------------

def test_two_heads_sign_for_both_sides():
    text = f"{UNIV}校长刘建华、{GROUP}总经理王志强代表双方签约。"
    assert has_pair(text, UNIV, GROUP)


def test_a_head_signs_for_the_school():
    text = f"{UNIV}副校长刘建华代表学校与天水市人民政府签署合作框架协议。"
    assert has_pair(text, UNIV, "天水市人民政府")


def test_heads_who_only_attend_sign_nothing():
    text = f"{UNIV}校长刘建华、{GROUP}总经理王志强出席活动。"
    assert not has_pair(text, UNIV, GROUP)


# -- co-founders of a body no rule names -----------------------------------------------------------

def test_co_founders_of_an_unnamed_body_still_cooperate():
    assert has_pair(f"{GROUP}与{UNIV}共建某某基地。", GROUP, UNIV)


def test_lead_and_partners_of_an_unnamed_body_cooperate():
    text = f"由{GROUP}牵头,联合{UNIV}、{INST}共同组建某某平台。"
    for a, b in [(GROUP, UNIV), (GROUP, INST), (UNIV, INST)]:
        assert has_pair(text, a, b), (a, b)


def test_one_founder_alone_cooperates_with_nobody():
    text = f"{GROUP}组建某某基地,{UNIV}发来贺信。"
    assert not has_pair(text, GROUP, UNIV)


@pytest.mark.parametrize("verb", ["助力"])  # 资助, 扶持: the names rules still swallow them (X资助Y is one name)
def test_other_verbs_of_support(verb):
    check(f"{UNIV}{verb}{FIRM}转型升级。", [(FIRM, "supported-by", UNIV)], [(UNIV, "supported-by", FIRM)])


# -- a short form defined in brackets stands aside -------------------------------------------------

def test_a_short_form_in_brackets_does_not_hide_the_signer():
    assert has_pair(f"{GROUP}(以下简称祁连集团)与{UNIV}签署战略合作协议。", GROUP, UNIV)


def test_a_list_of_signers_with_their_short_forms():
    text = f"{GROUP}(简称祁连集团)、{INST}(简称陇东院)与{UNIV}签署战略合作协议。"
    for a, b in [(GROUP, UNIV), (INST, UNIV), (GROUP, INST)]:
        assert has_pair(text, a, b), (a, b)
