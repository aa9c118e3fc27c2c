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


# -- media and bylines -------------------------------------------------------------------------

def test_a_county_media_centre_and_its_short_form():
    found = actors("据报道(酒泉某融媒记者郑远 柯明)。定西某融媒体中心制作了视频。")
    assert {"酒泉某融媒", "定西某融媒体中心"} <= found and "定西某融媒" not in found


def test_reporters_belong_to_the_short_media_form_before_their_title():
    text = "每日某某网12月19日讯 据某某日报报道(酒泉某融媒记者郑远 柯明)今年以来,工作顺利。"
    found = relations(text)
    assert ("郑远", "affiliated-with", "酒泉某融媒") in found
    assert ("郑远", "affiliated-with", "某某日报") not in found


def test_a_channel_of_an_agency_is_the_dateline_source():
    text = "标题\n\n新华社客户端某某频道8月1日电(记者郑远航)29日,论坛开幕。"
    found = relations(text)
    assert ("郑远航", "affiliated-with", "新华社客户端某某频道") in found
    assert ("郑远航", "affiliated-with", "新华社") not in found


def test_a_source_line_written_with_a_slash():
    text = "标题\n\n来源/ 平凉某某日报 作者/ 时间/2025-10-10\n\n□记者 郑远航\n\n正文。"
    assert ("郑远航", "affiliated-with", "平凉某某日报") in relations(text)


# -- hosts and agreements ----------------------------------------------------------------------

def test_a_university_before_its_quoted_lab_hosts_it():
    lab = "某某灾害防治国家重点实验室"
    assert ("河西某某大学", "supporting-unit", lab) in relations(f"河西某某大学“{lab}”开放运行。")


def test_an_agreement_with_hosted_labs_is_with_each_not_among_them():
    lab1, lab2 = "某某灾害防治国家重点实验室", "某某能源化学国家重点实验室"
    text = f"见证定西某某市人民政府与河西某某大学“{lab1}”、陇东某某大学“{lab2}”战略合作框架协议签订。"
    found = relations(text)
    assert ("定西某某市人民政府", "cooperates-with", lab1) in found or \
        (lab1, "cooperates-with", "定西某某市人民政府") in found
    assert not {r for r in found if r[1] == "cooperates-with" and {r[0], r[2]} == {lab1, lab2}}
    assert ("河西某某大学", "supporting-unit", lab1) in found and ("陇东某某大学", "supporting-unit", lab2) in found


# -- short names of leading enterprises --------------------------------------------------------

def test_a_counted_list_of_leading_enterprises_names_companies():
    found = actors("已形成以远丰、青禾、陇果3家国家级农业产业化龙头企业为引领,红山福、祥云等28家省级龙头企业为支撑的格局。")
    assert {"远丰", "青禾", "陇果", "红山福", "祥云"} <= found


def test_places_and_kinds_in_a_counted_list_are_not_companies():
    found = actors("兰州、天水等12家龙头企业参加。")
    assert not {"兰州", "天水"} & found


def test_a_named_list_of_leading_enterprises_without_a_count():
    assert {"远丰", "青禾", "陇果"} <= actors("远丰、青禾、陇果等龙头企业集群发展。")


def test_sectors_in_a_list_of_leading_enterprises_are_not_companies():
    assert not {"科技", "金融"} & actors("科技、金融等龙头企业参加。")


def test_logistics_parks_and_incubator_parks_are_names():
    found = actors("先后到刘家峡某某扶贫产业孵化园、白银某某现代农业产业物流园考察。")
    assert {"刘家峡某某扶贫产业孵化园", "白银某某现代农业产业物流园"} <= found


# -- founders and teams ------------------------------------------------------------------------

def test_bodies_that_agree_to_found_something_found_it():
    text = "河西某市政协及河西某某学院协商成立的河西某某政协智库联盟,发挥作用。"
    found = relations(text)
    assert {("河西某某政协智库联盟", "established-by", "河西某市政协"),
            ("河西某某政协智库联盟", "established-by", "河西某某学院")} <= found


def test_a_team_belongs_to_the_body_of_its_leader():
    text = f"{INST}副所长郑远航研究员带领农艺师柯一明、穆强副研究员赴临夏考察调研。"
    found = relations(text)
    assert {("柯一明", "affiliated-with", INST), ("穆强", "affiliated-with", INST)} <= found


def test_a_team_member_with_a_body_of_their_own_keeps_it():
    text = f"{INST}所长郑远航带领{DEPT}副厅长柯一明一行赴临夏调研。"
    found = relations(text)
    assert ("柯一明", "affiliated-with", DEPT) in found and ("柯一明", "affiliated-with", INST) not in found


def test_an_official_without_a_body_brings_no_team_affiliation():
    text = "郑远航副省长带领专家柯一明、穆强赴临夏调研。"
    assert not {r for r in relations(text) if r[1] == "affiliated-with"}


def test_yingyao_after_a_title_is_no_person():
    assert "应邀" not in people("校长郑远航及处负责人应邀参加。")


# -- studied on b10-b18 ------------------------------------------------------------------------

def test_a_station_head_and_an_inspector():
    assert "郑远航" in people("河西某某站站长郑远航研究员出席。")


def test_two_reporters_without_a_separator_in_a_dateline():
    assert {"朱远航", "柯一明"} <= people("本报某某讯(记者朱远航柯一明)8月9日,工作站揭牌。")


def test_a_name_before_a_title_after_le():
    assert "束远航" in people("专家宣读了束远航院士的寄语。")


def test_a_foreign_affairs_office_and_a_council():
    found = relations("甘肃省政府外事办出席。河西某某大学与巴基斯坦某某研究理事会签署了合作协议。")
    assert "甘肃省政府外事办" in actors("甘肃省政府外事办出席。")
    assert ("河西某某大学", "cooperates-with", "巴基斯坦某某研究理事会") in found or \
        ("巴基斯坦某某研究理事会", "cooperates-with", "河西某某大学") in found


def test_the_council_of_an_alliance_is_not_a_body_of_its_own():
    assert "河西某某科技园联盟理事会" not in actors("河西某某科技园联盟理事会审议通过。")


def test_a_rank_label_is_not_part_of_a_name_and_a_subsidiary_after_it():
    text = f"{FIRM}是世界500强祁连某某集团的全资子公司。"
    assert "世界500强祁连某某集团" not in actors(text)
    assert (FIRM, "sub-organization", "祁连某某集团") in relations(text)


def test_a_one_character_county_government():
    found = relations(f"6月2日,环县政府与{FIRM}签约。")
    assert (FIRM, "cooperates-with", "环县政府") in found or ("环县政府", "cooperates-with", FIRM) in found


def test_a_paper_and_its_group_written_side_by_side():
    found = actors("甘肃某某日报社甘肃某某报业集团全媒体采访活动。")
    assert {"甘肃某某日报社", "甘肃某某报业集团"} <= found


def test_a_body_referred_to_and_founded_by_one_with_others_then_supported():
    cons = "甘肃某某产业创新联合体"
    text = (f"近日,{cons}正式获得核准备案。该联合体由祁连某某集团联合相关院校、科研院所等39家单位共同发起成立,"
            f"在{DEPT}的联合指导支持下,历时半年获得备案。")
    found = relations(text)
    assert {(cons, "established-by", "祁连某某集团"), ("祁连某某集团", "lead-unit", cons),
            (cons, "supported-by", DEPT)} <= found


def test_rank_and_verbs_glued_before_a_zone_are_cut():
    found = actors("酒泉某某高新区申报国家高新区,争创国家高新区。")
    assert not any(n.startswith(("申报", "争创")) or "高新区申报" in n for n in found)


def test_the_school_is_the_one_university_the_article_names():
    text = "河西某某大学与临夏某县签约。学校党委书记郑远航、副校长柯一明出席。"
    found = relations(text)
    assert {("郑远航", "affiliated-with", "河西某某大学"), ("柯一明", "affiliated-with", "河西某某大学")} <= found


def test_the_school_is_nobody_when_two_universities_are_named():
    text = "河西某某大学与陇东某某大学签约。学校党委书记郑远航出席。"
    assert not {r for r in relations(text) if r[0] == "郑远航"}


def test_a_header_line_with_a_paper_and_a_date_is_the_source():
    text = "标题\n\n某某日报 2018-08-10 03:43\n\n本报某地讯(记者朱远航)8月9日,工作站揭牌。"
    assert ("朱远航", "affiliated-with", "某某日报") in relations(text)


def test_a_byline_title_with_a_colon_and_a_space():
    assert "梁远航" in people("校审:   审签: 梁远航")


def test_a_reporter_before_baodao_is_two_characters():
    assert people("记者 李远报道") == {"李远"}


def test_every_alliance_of_a_region_is_not_one_body():
    assert not actors("甘肃省内各联盟高校协办。")


def test_a_scale_and_a_kind_is_not_a_name():
    assert "规模化冷链物流园" not in actors("规模化冷链物流园里,冷链车满载。")


def test_paired_assistance_in_both_orders():
    assert ("河西某某学院", "supported-by", "复旦某某大学") in relations("复旦某某大学对口支援河西某某学院。")
    assert ("河西某某学院", "supported-by", "复旦某某大学") in relations("河西某某学院由复旦某某大学对口帮扶。")


def test_support_without_pairing_words_is_not_assistance():
    assert not {r for r in relations("河西某某学院支援复旦某某大学。") if r[1] == "supported-by"}
