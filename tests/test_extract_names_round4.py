"""The fourth round of name rules (issue 20): constructions of organisation names that hold on unseen
articles, each on an invented sentence with made-up bodies (陇原某某, 河西某某 …) and made-up people.
"""

from kg.extract import extract


def actors(text):
    return {a["name"]: a["class"] for a in extract(text).to_json()["actors"]}


# -- media in source lines, datelines and bylines ----------------------------------------------------

def test_media_on_the_source_line_each_part_a_medium():
    found = actors("2024-05-01 10:12 来源:陇原青年报-河西网 编辑:郑远\n正文。")
    assert found.get("陇原青年报") == "MediaOrganization" and found.get("河西网") == "MediaOrganization"


def test_media_in_a_dateline_without_a_region():
    found = actors("陇原青年报客户端讯(陇青报·陇青网记者 郑远航 通讯员 柯明)5月2日,某会议召开。")
    assert {"陇原青年报", "陇青报", "陇青网"} <= set(found)
    assert "陇原青年报客户端" not in found


def test_a_paper_before_the_place_of_its_dateline():
    found = actors("远方晚报兰州5月2日电(记者郑远航)近日,某会议召开。")
    assert found.get("远方晚报") == "MediaOrganization"
    assert "远方晚报兰州" not in found


def test_the_publisher_after_the_header_time():
    assert actors("2023-01-04 12:31:12远方网\n正文。").get("远方网") == "MediaOrganization"


def test_the_paper_itself_and_reporters_titles_are_not_media():
    found = actors("本报讯(本网记者 郑远航)近日,某会议召开。\n(见习记者 柯明)")
    assert not {"本报", "本网", "见习"} & set(found)


def test_a_site_in_the_body_is_not_read_without_a_byline():
    # 网 with no region, outside a source line or a byline: not a name (联网, 上网 …)
    found = actors("企业积极推进远方网建设,实现联网。")
    assert "远方网" not in found


def test_a_reader_told_the_paper_is_not_a_medium():
    found = actors("某公司负责人告诉记者,产能提升。")
    assert not any(name.endswith("告诉") for name in found)


# -- enterprises without a region -----------------------------------------------------------------

def test_a_brand_and_its_trade_before_gongsi():
    found = actors("河西机床公司与远航药业公司签约。")
    assert found.get("河西机床公司") == "Enterprise" and found.get("远航药业公司") == "Enterprise"


def test_gongsi_after_a_generic_or_counted_word_is_not_a_name():
    found = actors("该公司与两家公司合作,一些大型公司也参与。")
    assert not any(name.endswith("公司") for name in found)


def test_a_brand_holding_a_one_character_word():
    for text in ("双方与远为技术有限公司签约。", "由远为技术有限公司承建。"):
        assert "远为技术有限公司" in actors(text)


def test_a_one_character_word_before_only_generic_words_is_not_a_brand():
    assert not actors("该项目为技术有限公司所有。")


# -- chains and clusters: actors only where the text treats them as bodies ---------------------------

def test_a_chain_is_an_actor_in_an_article_on_chain_leaders():
    found = actors("市里推行链长制,河西某某集团有限公司是陇原枸杞产业链链主企业。")
    assert found.get("陇原枸杞产业链") == "IndustrialChain"


def test_a_chain_the_text_only_describes_is_not_an_actor():
    assert "陇原枸杞产业链" not in actors("当地延伸陇原枸杞产业链,带动农户增收。")


def test_a_cluster_named_by_its_region_is_an_actor_a_described_one_is_not():
    assert "白银市某某新材料产业集群" in actors("白银市某某新材料产业集群入选名单。")
    assert "马铃薯产业集群" not in actors("抢抓机遇,壮大马铃薯产业集群。")


# -- what glues onto a name's left: function words before a place, joiners, described groups ---------------

def test_a_name_starts_at_the_place_after_a_function_word():
    found = actors("会上,郑远航就酒泉某某高新区建设提出要求。")
    assert "酒泉某某高新区" in found and not any(name.startswith("郑远航") for name in found)
    found = actors("参会单位有甘肃省某某研究所。")
    assert "甘肃省某某研究所" in found and "单位有甘肃省某某研究所" not in found


def test_a_county_named_with_the_joiner_he_is_kept():
    assert "和政县某某协会" in actors("专家到和政县某某协会考察。")


def test_a_joiner_opening_the_run_is_not_part_of_the_name():
    found = actors("建成实验室及大学生实践基地。")
    assert not any(name.startswith("及") for name in found)


def test_a_described_group_of_universities_is_not_one():
    found = actors("推动黄河流域大学、世界一流大学与西北地区大学合作。")
    assert not any(name.endswith("大学") for name in found)
    assert "黄河某某大学" in actors("推动黄河某某大学合作。")


# -- vocabulary: promotion centres, ministries, demonstration parks -----------------------------------

def test_a_promotion_centre_with_its_region():
    assert actors("白银市科技创新促进中心举办培训。").get("白银市科技创新促进中心") == "NationalPlatform"


def test_a_ministry_named_without_a_region():
    found = actors("水利部与交通运输部联合印发通知,应急管理部参加。")
    assert {"水利部", "交通运输部", "应急管理部"} <= set(found)
    assert "全部" not in actors("全部项目已经完成。")


def test_a_demonstration_park_needs_a_name_before_it():
    assert "陇原某某农业示范园" in actors("陇原某某农业示范园开园。")
    assert not actors("建设一批农业示范园。")


# -- a name the text gives a short form -------------------------------------------------------------

def test_a_descriptive_name_defined_with_a_short_form():
    found = actors("河西智能网联汽车测试应用示范基地(以下简称“示范基地”)揭牌。示范基地将服务企业。")
    assert "河西智能网联汽车测试应用示范基地" in found and "示范基地" in found


def test_a_short_form_whose_characters_are_not_in_the_run_defines_nothing():
    assert not actors("他们说(简称我们)很好。")


# -- ministries whose name holds a list, numbered departments ------------------------------------------

def test_a_foreign_ministry_whose_name_lists_its_fields():
    found = actors("塔吉克斯坦科学、高等教育和创新部副部长郑远航出席。")
    assert found.get("塔吉克斯坦科学、高等教育和创新部") == "GovernmentBody"
    assert not actors("中国、俄罗斯、蒙古和哈萨克斯坦等国参加。")


def test_a_numbered_department_of_a_national_body():
    found = actors("科技部七司副司长郑远航出席。")
    assert found.get("科技部七司") == "GovernmentBody" and "科技部" in found
    assert "科技部七司长" not in found


# -- descriptive platforms named where they are founded ----------------------------------------------

def test_a_descriptive_platform_named_where_it_is_unveiled():
    found = actors("会上揭牌智慧物流与冷链装备测试应用示范基地。")
    assert found.get("智慧物流与冷链装备测试应用示范基地") == "NationalPlatform"


def test_a_generic_platform_after_a_founding_word_is_not_a_name():
    assert not actors("获批国家技术创新中心。")
    assert not actors("企业正在建设测试应用示范基地。")


# -- known names that name no one body ------------------------------------------------------------

def _gazetteer():
    from kg.extract import Gazetteer
    return Gazetteer({"联盟": ("urn:x:a", "InnovationConsortium", "alias"),
                      "市科技局": ("urn:x:b", "GovernmentBody", "alias"),
                      "陇原枸杞产业链": ("urn:x:c", "IndustrialChain", "name"),
                      "河西某某联盟": ("urn:x:d", "InnovationConsortium", "name")})


def known_actors(text):
    return {a["name"] for a in extract(text, _gazetteer()).to_json()["actors"]}


def test_a_known_bare_suffix_or_region_prefixed_short_form_is_not_matched():
    found = known_actors("联盟成员座谈,河西某某联盟参加。")
    assert "河西某某联盟" in found and "联盟" not in found
    assert "市科技局" not in known_actors("会议由市科技局长主持。")


def test_a_known_chain_is_matched_only_where_the_suffix_rules_would_take_it():
    assert "陇原枸杞产业链" not in known_actors("当地延伸陇原枸杞产业链。")
    assert "陇原枸杞产业链" in known_actors("推行链长制,某某集团是陇原枸杞产业链链主。")


def test_a_known_cluster_with_a_quoted_label_is_matched():
    from kg.extract import Gazetteer
    gazetteer = Gazetteer({"“3+2”现代化产业集群": ("urn:x:e", "IndustrialCluster", "name")})
    found = {a["name"] for a in extract("全市做强“3+2”现代化产业集群。", gazetteer).to_json()["actors"]}
    assert "“3+2”现代化产业集群" in found
