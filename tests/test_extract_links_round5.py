"""Round-5 link rules, by construction: 分别与 agreements, co-hosts (由X联合Y、Z共同主办), project bodies
(由X下达…的项目,由Y主持、Z协作实施), agreements to build (签订《共建Z…协议》), 在X调研期间 stays, 位于<a town>的Y,
在X启动建设 (a host), Y是在X指导下成立的, documents (下发《P》, 《P》由X印发).

Every sentence is made up for these tests (祁连某某集团, 河西某某大学 …): the rules must read the
construction, not remember an article. Each construction is tried with its names in both orders where the
relation has a direction, and with a sentence it must not fire on.
"""

from kg.extract import extract

GROUP, UNIV, INST = "祁连某某集团", "河西某某大学", "陇东某某研究院"
FIRM, LAB, HOSP = "陇南某某科技有限公司", "天水某某重点实验室", "白银某某人民医院"
DEPT_A, DEPT_B, DEPT_C = "省科技厅", "省工信厅", "省财政厅"


def found(text):
    return {(r["subject"], r["relation"], r["object"]) for r in extract(text).to_json()["relations"]}


def cooperate(a, b):
    return {(a, "cooperates-with", b), (b, "cooperates-with", a)}


def pair(text, a, b):
    return bool(cooperate(a, b) & found(text))


# -- agreements: 分别与 --------------------------------------------------------------------------------

def test_one_body_signs_with_each_of_a_list_separately():
    text = f"{UNIV}分别与{GROUP}、{FIRM}签订战略合作框架协议。"
    assert pair(text, UNIV, GROUP) and pair(text, UNIV, FIRM)
    assert not pair(text, GROUP, FIRM)  # 分别: one agreement each, the list's members sign nothing together


def test_a_list_signs_separately_with_one_body():
    text = f"{UNIV}、{INST}分别与{DEPT_A}签订了技术合作协议。"
    assert pair(text, UNIV, DEPT_A) and pair(text, INST, DEPT_A)
    assert not pair(text, UNIV, INST)


def test_an_adverb_without_a_join_is_no_agreement():
    assert not pair(f"{UNIV}分别召开{GROUP}座谈会。", UNIV, GROUP)


# -- co-hosts ----------------------------------------------------------------------------------------

def test_hosts_joined_by_lianhe_all_cooperate():
    text = f"大赛由{GROUP}联合{UNIV}、{INST}共同主办,旨在促进合作。"
    assert pair(text, GROUP, UNIV) and pair(text, GROUP, INST) and pair(text, UNIV, INST)


def test_a_list_that_jointly_hosts_without_you():
    text = f"{UNIV}、{INST}联合主办的论坛开幕。"
    assert pair(text, UNIV, INST)


def test_a_supporting_organiser_gets_no_pair():
    text = f"论坛由{GROUP}、{UNIV}主办,{INST}协办。"
    assert pair(text, GROUP, UNIV)
    assert not pair(text, GROUP, INST) and not pair(text, UNIV, INST)


def test_a_single_host_named_inside_a_clause_pairs_with_nobody():
    assert not pair(f"{UNIV}代表参加了{GROUP}主办的论坛。", UNIV, GROUP)


# -- a project's bodies ------------------------------------------------------------------------------

def test_project_lead_and_partners_cooperate_and_are_supported_by_its_funders():
    text = (f"该项目是由{DEPT_A}下达、{DEPT_C}提供经费支持的专项,由{UNIV}主持、{GROUP}和{FIRM}协作实施。")
    got = found(text)
    assert pair(text, UNIV, GROUP) and pair(text, UNIV, FIRM)
    assert {(UNIV, "supported-by", DEPT_A), (UNIV, "supported-by", DEPT_C)} <= got
    assert (DEPT_A, "supported-by", UNIV) not in got  # direction: the funded body is the subject
    assert (GROUP, "supported-by", DEPT_A) not in got  # the funds go to the lead body


def test_a_list_with_an_item_no_rule_reads_still_signs():
    text = f"{UNIV}与{GROUP}、某某农业试验示范站和{FIRM}签订合作协议。"
    assert pair(text, UNIV, GROUP) and pair(text, UNIV, FIRM)


def test_a_list_broken_by_a_clause_is_not_one_list():
    text = f"{UNIV}与{GROUP}签约,并听取了张三关于{FIRM}的介绍。"
    assert pair(text, UNIV, GROUP) and not pair(text, UNIV, FIRM)


def test_a_lead_body_alone_needs_by_before_it():
    got = found(f"{UNIV}主持召开会议,{GROUP}参与实施。")
    assert not cooperate(UNIV, GROUP) & got


# -- agreements to build -----------------------------------------------------------------------------

def test_an_agreement_to_build_gives_its_parties_as_founders():
    text = f"{LAB}正在筹备。{GROUP}与{UNIV}签订《共建{LAB}合作协议》。"
    got = found(text)
    assert {(LAB, "established-by", GROUP), (LAB, "established-by", UNIV)} <= got
    assert (GROUP, "established-by", LAB) not in got


def test_an_agreement_to_build_nothing_named_founds_nothing():
    got = found(f"{GROUP}与{UNIV}签订《共建产学研基地合作协议》。")
    assert not [r for r in got if r[1] == "established-by"]


# -- where bodies visited during a stay lie ----------------------------------------------------------

def test_bodies_visited_during_a_stay_lie_in_that_place():
    text = f"在武威调研期间,张三实地考察了{HOSP}、某某小镇、{INST}和{FIRM}等。"
    got = found(text)
    for body in (HOSP, INST, FIRM):
        assert (body, "located-in", "武威") in got
    assert ("武威", "located-in", HOSP) not in got


def test_a_visit_with_no_stay_says_nothing_of_where():
    got = found(f"张三在会上介绍了{HOSP}、{INST}的情况。")
    assert not [r for r in got if r[1] == "located-in"]


def test_a_list_stops_at_what_is_heard_not_visited():
    text = f"在兰州调研期间,张三参观了{INST}展览室,听取了{UNIV}校长李四的介绍。"
    got = found(text)
    assert (INST, "located-in", "兰州") in got
    assert (UNIV, "located-in", "兰州") not in got


# -- places and hosts --------------------------------------------------------------------------------

def test_lies_in_a_town_no_rule_names():
    assert ("某某智慧物流园", "located-in", "秦州区太京镇") in found("位于秦州区太京镇的某某智慧物流园日均处理快递量超10万件。")


def test_lies_in_needs_a_place_word():
    got = found("位于前列的某某智慧物流园发展迅速。")
    assert not [r for r in got if r[1] == "located-in"]


def test_a_lab_launched_at_a_hospital_is_hosted_by_it():
    got = found(f"{LAB}在{HOSP}启动建设。")
    assert (HOSP, "supporting-unit", LAB) in got
    assert (LAB, "located-in", HOSP) not in got  # a hospital is no place


def test_a_lab_unveiled_in_a_zone_lies_there():
    got = found(f"{LAB}在兰州新区揭牌。")
    assert (LAB, "located-in", "兰州新区") in got
    assert ("兰州新区", "supporting-unit", LAB) not in got


def test_set_up_under_guidance_is_supported_by_the_guide():
    got = found("甘肃省苹果产业技术创新战略联盟是在农业农村部指导下成立的社会组织。")
    assert ("甘肃省苹果产业技术创新战略联盟", "supported-by", "农业农村部") in got
    assert ("农业农村部", "supported-by", "甘肃省苹果产业技术创新战略联盟") not in got


# -- documents ---------------------------------------------------------------------------------------

def test_a_notice_sent_down_jointly_is_issued_by_each():
    got = found(f"近日,{DEPT_A}、{DEPT_C}联合下发《关于下达某某项目计划的通知》。")
    assert {("关于下达某某项目计划的通知", "issued-by", DEPT_A), ("关于下达某某项目计划的通知", "issued-by", DEPT_C)} <= got
    assert not cooperate(DEPT_A, DEPT_C) & got  # joint issuers are not recorded as partners


def test_a_document_issued_by_bodies_written_after_it():
    got = found(f"《某某创新条例》近日由{DEPT_A}、{DEPT_B}联合印发。")
    assert {("某某创新条例", "issued-by", DEPT_A), ("某某创新条例", "issued-by", DEPT_B)} <= got


def test_a_document_mentioned_by_a_body_is_not_issued_by_it():
    got = found(f"《某某创新条例》由{DEPT_A}负责解释。")
    assert not [r for r in got if r[1] == "issued-by"]


# -- agreements listed as pairs, talks -----------------------------------------------------------------

def test_agreements_listed_as_pairs_pair_only_their_partners():
    text = f"{UNIV}与{GROUP},{INST}与{FIRM}分别签订了合作框架协议。"
    assert pair(text, UNIV, GROUP) and pair(text, INST, FIRM)
    assert not pair(text, UNIV, INST) and not pair(text, GROUP, FIRM) and not pair(text, UNIV, FIRM)


def test_talks_between_two_bodies_people_about_cooperation():
    text = f"{UNIV}校长王某某与{GROUP}董事长李某某座谈,就深化校企合作交换意见。"
    assert pair(text, UNIV, GROUP)
    text = f"{GROUP}董事长李某某与{UNIV}校长王某某座谈,就深化校企合作交换意见。"
    assert pair(text, UNIV, GROUP)


def test_talks_about_nothing_joint_are_no_cooperation():
    assert not pair(f"{UNIV}校长王某某与{GROUP}董事长李某某座谈。", UNIV, GROUP)


# -- a body's own platforms, donations, 落户X的Y --------------------------------------------------------

def test_a_firm_hosts_the_platforms_it_has():
    lab2 = "甘肃省某某技术创新中心"
    got = found(f"{GROUP}现拥有{LAB}、{lab2}等省级平台。")
    assert {(GROUP, "supporting-unit", LAB), (GROUP, "supporting-unit", lab2)} <= got
    assert (LAB, "supporting-unit", GROUP) not in got


def test_a_zone_that_has_parks_hosts_nothing():
    got = found("兰州某某高新区已拥有某某园区、甘肃省某某技术创新中心。")
    assert not [r for r in got if r[1] == "supporting-unit"]


def test_a_donation_supports_the_receiver():
    got = found(f"{GROUP}向{UNIV}捐赠了一批仪器设备。")
    assert (UNIV, "supported-by", GROUP) in got and (GROUP, "supported-by", UNIV) not in got


def test_a_donation_with_no_receiver_named_supports_nobody():
    got = found(f"{GROUP}捐赠了一批仪器设备。")
    assert not [r for r in got if r[1] == "supported-by"]


def test_a_firm_that_settled_in_a_zone_lies_there():
    got = found(f"去年落户兰州新区的{FIRM}已投产。")
    assert (FIRM, "located-in", "兰州新区") in got


def test_a_firm_that_moved_into_a_company_does_not_lie_in_it():
    got = found(f"入驻{GROUP}的{FIRM}已投产。")
    assert (FIRM, "located-in", GROUP) not in got


def test_project_partners_in_the_clause_after_the_lead():
    text = f"该项目由{GROUP}主持,{UNIV}、{INST}协作实施。"
    assert pair(text, GROUP, UNIV) and pair(text, GROUP, INST)


def test_the_organisers_named_before_donate():
    text = f"活动由{GROUP}、{INST}联合主办。主办方还向{UNIV}捐赠了科普书籍。"
    got = found(text)
    assert {(UNIV, "supported-by", GROUP), (UNIV, "supported-by", INST)} <= got
    assert (GROUP, "supported-by", UNIV) not in got


def test_organisers_with_no_organisers_named_donate_nothing():
    got = found(f"主办方还向{UNIV}捐赠了科普书籍。")
    assert not [r for r in got if r[1] == "supported-by"]


# -- plaques -----------------------------------------------------------------------------------------

def test_a_plaque_given_by_a_department_certifies_the_receivers():
    got = found(f"{DEPT_A}为{GROUP}、{UNIV}授牌。")
    assert {(GROUP, "approved-by", DEPT_A), (UNIV, "approved-by", DEPT_A)} <= got
    assert (DEPT_A, "approved-by", GROUP) not in got


def test_a_plaque_given_by_a_firm_is_no_certification():
    got = found(f"{GROUP}为{UNIV}授牌。")
    assert not [r for r in got if r[1] == "approved-by"]
