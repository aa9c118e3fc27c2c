"""Organisation names, fifth round: new suffixes (海关, 新闻办, 集群, 工业园, 物流港, 试验站 …), a ministry's
named department (某部某某司), media named by a brand and a region in a source line, names standing in one
list with a name of the same kind, and edges: words before a name (入围, 盛赞, 并与 …), a title before a
place-opened name, an address before a name that opens with its city, rooms and party committees after
a name. Every sentence is invented (made-up bodies: 祁连某某, 河西某某 …); each rule has a case that must
not fire.
"""

import pytest

from kg.extract import extract
from kg.extract.mentions import find_mentions


def orgs(text):
    return {m.name for m in find_mentions(text) if not m.is_person and not m.is_place}


@pytest.mark.parametrize("text, name", [
    ("兰州祁连海关关员查验了一批货物。", "兰州祁连海关"),
    ("当日,甘肃省政府新闻办举行发布会。", "甘肃省政府新闻办"),
    ("酒泉河西风电装备制造集群入选国家级集群。", "酒泉河西风电装备制造集群"),
    ("投资一亿元的祁连河西食品工业园项目开工。", "祁连河西食品工业园"),
    ("全省认定了白银祁连国际商贸物流港。", "白银祁连国际商贸物流港"),
    ("专家调研了庆阳县祁连苹果试验示范站。", "庆阳县祁连苹果试验示范站"),
    ("会议在兰州经济区召开。", "兰州经济区"),
])
def test_new_suffixes_name_bodies(text, name):
    assert name in orgs(text)


@pytest.mark.parametrize("text, wrong", [
    ("各地正加快培育产业集群。", "产业集群"),  # a kind, no region or label
    ("祁连海关总署发布通知。", "祁连海关"),  # the longer known body wins
    ("城市副中心建设提速,白银副中心初具规模。", "白银副中心"),  # a secondary centre is a place
    ("张某参观了试验站培训中心。", "试验站培训中心"),  # a short form alone does not open a platform's name
])
def test_new_suffixes_do_not_fire_on_kinds(text, wrong):
    assert wrong not in orgs(text)


def test_a_ministrys_named_department():
    assert "科技部河西技术司" in orgs("7月5日,科技部河西技术司派员赴兰州调研。")
    found = orgs("科技部与祁连公司签约,司长出席。")
    assert not any(name.endswith("司") and name.startswith("科技部") and len(name) > 3 for name in found)


def test_a_known_body_before_men_is_a_kind_of_department():
    assert "工信部" not in orgs("市州县区工信部门代表出席。")
    assert "工信部" in orgs("工信部发布名单。")


@pytest.mark.parametrize("text, name", [
    ("发布者:某某 | 来源:每日祁连甘肃 | 评论", None),  # not brand + region: nothing invented
    ("来源:每日甘肃 | 0评论", "每日甘肃"),
    ("新天水讯(记者 郑某)8月1日", "新天水"),
])
def test_a_medium_named_by_a_brand_and_its_region(text, name):
    found = orgs(text)
    if name:
        assert name in found
    else:
        assert "每日祁连甘肃" not in found


def test_a_place_alone_in_a_source_line_is_no_medium():
    assert not orgs("来源:甘肃天水\n") & {"甘肃天水", "天水"}


@pytest.mark.parametrize("text, names", [
    ("祁连高新区已拥有河西园区、黑河园区、祁连经济开发区和和平工业园等四个园区。",
     {"河西园区", "黑河园区", "祁连经济开发区", "和平工业园"}),
    ("祁连经济开发区、河西园区和黑河园区联合举办活动。", {"祁连经济开发区", "河西园区", "黑河园区"}),
])
def test_parks_in_one_list_with_a_zone(text, names):
    assert names <= orgs(text)


def test_parks_without_a_named_sibling_stay_unnamed():
    found = orgs("各地要建好重点园区、特色园区和示范园区。")
    assert not found & {"重点园区", "特色园区", "示范园区"}
    assert "国家级博士后科研工作站" not in orgs("公司建有兰州祁连工作站、国家级博士后科研工作站。")


@pytest.mark.parametrize("text, name, glued", [
    ("近期,园区入围工业和信息化部第四批名单。", "工业和信息化部", "园区入围工业和信息化部"),
    ("来宾盛赞兰州祁连大学的发展。", "兰州祁连大学", "盛赞兰州祁连大学"),
    ("项目将按照甘肃河西国家农业科技园区要求建设。", "甘肃河西国家农业科技园区", "按照甘肃河西国家农业科技园区"),
    ("会后,并与祁连物理研究所所长会谈。", "祁连物理研究所", "并与祁连物理研究所"),
    ("特邀专家兰州祁连大学教授郑某发言。", "兰州祁连大学", "特邀专家兰州祁连大学"),
    ("会议在甘肃省天水市天水河西传动集团有限公司召开。", "天水河西传动集团有限公司",
     "甘肃省天水市天水河西传动集团有限公司"),
    ("机制创新与中科院河西植物重点实验室座谈。", "中科院河西植物重点实验室", "机制创新与中科院河西植物重点实验室"),
])
def test_words_before_a_name_stay_outside_it(text, name, glued):
    found = orgs(text)
    assert name in found
    assert glued not in found


def test_an_address_that_is_the_name_itself_is_kept():
    assert "甘肃省天水市科技局" in orgs("甘肃省天水市科技局发布通知。")  # the city's own bureau: no second place


@pytest.mark.parametrize("text, wrong, right", [
    ("仪式在天水祁连勘查院多功能厅举行。", "天水祁连勘查院多功能厅", "天水祁连勘查院"),
    ("签约由天水祁连勘查院党委书记郑某主持。", "天水祁连勘查院党委", "天水祁连勘查院"),
    ("推动兰州分院与定西市院地合作。", "定西市院", "兰州分院"),
    ("河西生态研究院院务委员郑某出席。", "河西生态研究院院", "河西生态研究院"),
])
def test_a_room_a_committee_or_a_word_after_a_name_is_not_one(text, wrong, right):
    found = orgs(text)
    assert wrong not in found
    assert right in found


def test_a_party_committee_of_a_region_is_still_a_body():
    assert "白银市委" in orgs("白银市委书记郑某出席。")


@pytest.mark.parametrize("text, wrong", [
    ("百亿级以上工业园区达到10个。", "上工业园区"),
    ("一、代表性开发区(工业园区)", "性开发区"),
    ("在2020国家高新区排名中位于前列。", "2020国家高新区"),
    ("建成具有一流水平的开放性实验室。", "开放性实验室"),
    ("发挥省属国有企业产业链优势。", "省属国有企业产业链"),
    ("院属在甘研究所发展良好。", "甘研究所"),
    ("推动陇南东西部科技协作。", "陇南东西部"),
    ("在兰州祁连光伏科技有限公司5吉瓦光伏组件智慧工厂,生产线忙碌。",
     "兰州祁连光伏科技有限公司5吉瓦光伏组件智慧工厂"),
])
def test_generic_phrases_are_not_names(text, wrong):
    assert wrong not in orgs(text)


def test_a_lettered_section_of_a_park():
    assert "兰州祁连化工园区河西产业园C区" in orgs("开工仪式在兰州祁连化工园区河西产业园C区举行。")
    assert "兰州祁连产业园" in orgs("兰州祁连产业园C类项目开工。")


def test_academy_contractions_of_institutes():
    assert "中科院兰州某物所" in orgs("专家调研兰州祁连大学和中科院兰州某物所。")
    assert "中科院所" not in orgs("中科院所属单位")


def test_a_regions_government_inside_its_offices_short_name_is_not_a_parent():
    found = find_mentions("省政府国资委联合省科技厅印发通知。")
    assert "省政府国资委" in {m.name for m in found}
    assert "省政府" not in {m.name for m in found}
    assert "甘肃省政府" in {m.name for m in find_mentions("甘肃省政府国资委印发通知。")}


def test_a_national_bodys_committee_opens_with_quanguo():
    assert "全国人大祁连农业委员会" in orgs("全国人大祁连农业委员会委员郑某出席。")
    assert not orgs("全省各委员会要加强协作。") & {"全省各委员会", "省各委员会"}


def test_a_modal_verb_before_a_joiner_keeps_the_subject_out():
    found = orgs("希望学校能与河西集团建立合作。")
    assert "河西集团" in found and "学校能与河西集团" not in found


def test_extract_carries_the_new_names():
    names = {a["name"] for a in extract("兰州祁连海关与酒泉河西海关签订合作协议。").to_json()["actors"]}
    assert {"兰州祁连海关", "酒泉河西海关"} <= names


@pytest.mark.parametrize("text, name", [
    ("会上,甘肃祁连精准医疗董事长郑某发言。", "甘肃祁连精准医疗"),
    ("河西药业总经理郑某介绍情况。", None),  # no region: a brand alone before a title is not enough
])
def test_a_company_named_before_its_heads_title(text, name):
    found = orgs(text)
    if name:
        assert name in found
    else:
        assert "河西药业" not in found
    assert "公司" not in orgs("公司董事长郑某出席。")


def test_a_companys_short_name_beside_a_company_in_a_list():
    text = "兰州祁连药业有限责任公司、甘肃河西黑河药业、甘肃省某某医院等3家单位签约。"
    assert {"兰州祁连药业有限责任公司", "甘肃河西黑河药业"} <= orgs(text)
    # beside a hospital only, the same words are not taken
    assert "甘肃河西黑河药业" not in orgs("甘肃河西黑河药业、甘肃省某某医院等单位出席。")


def test_short_names_in_a_list_of_capital_companies():
    assert {"祁连资本", "河西证券"} <= orgs("主动对接祁连资本、河西证券等资本公司。")
    assert not orgs("与科技、金融等机构合作。")


@pytest.mark.parametrize("text, name, glued", [
    ("这标志着天水祁连农科所与天水河西勘查院深度合作。", "天水祁连农科所", "着天水祁连农科所"),
    ("一行深入驻园企业天水祁连生物科技有限公司调研。", "天水祁连生物科技有限公司", "园企业天水祁连生物科技有限公司"),
    ("名单有兰州祁连研究所、和盛祁连研究院有限公司。", "和盛祁连研究院有限公司", "盛祁连研究院有限公司"),
    ("我市兰州祁连物理研究所入选。", "兰州祁连物理研究所", "我市兰州祁连物理研究所"),
])
def test_more_words_before_a_name_stay_outside_it(text, name, glued):
    found = orgs(text)
    assert name in found
    assert glued not in found


def test_regions_counted_before_one_shared_suffix_are_one_name():
    found = orgs("座谈会上,兰州、白银、天水3市科技局负责人发言。")
    assert "兰州、白银、天水3市科技局" in found
    assert "天水3市科技局" not in found and "白银、天水3市科技局" not in found
    # two regions sharing a suffix without a count: the whole for the first, the full name for the second
    assert {"兰州、白银高新技术产业开发区", "白银高新技术产业开发区"} <= orgs("兰州、白银高新技术产业开发区建设提速。")


def test_a_unit_named_by_the_school_or_the_company_is_not_a_new_name():
    assert "学校“祁连”干部培训学院" not in orgs("介绍了学校“祁连”干部培训学院的特色。")
    assert "兰州祁连学院" in orgs("介绍了兰州祁连学院的特色。")


def test_a_large_research_facility():
    assert "兰州祁连重离子加速器" in orgs("一行考察了兰州祁连重离子加速器。")
    assert not orgs("粒子加速器是一种装置。")
