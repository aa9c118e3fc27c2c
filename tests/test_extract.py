"""Behaviour of the rule-based extractor (kg.extract) on short sentences written for these tests.

The organisations here are made up (祁连某某, 河西某某 …) so that no test leans on a real article.
"""

import json

import pytest

from kg.errors import IngestError, KGError
from kg.extract import Gazetteer, extract
from kg.extract.figures import chinese_number
from kg.extract.mentions import find_mentions
from kg.extract.text import fold, sentence_spans


def actors(text, **kw):
    return [a["name"] for a in extract(text, **kw).to_json()["actors"]]


def relations(text, **kw):
    return {(r["subject"], r["relation"], r["object"]) for r in extract(text, **kw).to_json()["relations"]}


def figures(text, **kw):
    return [(f["value"], f["unit"], f["time"]) for f in extract(text, **kw).to_json()["figures"]]


# -- text --------------------------------------------------------------------------------------

def test_fold_keeps_length_and_makes_full_width_ascii():
    text = "祁连某某科技有限公司（简称“祁连科技”）　２０２４年"
    folded = fold(text)
    assert len(folded) == len(text)
    assert "(简称“祁连科技”) 2024年" in folded


def test_sentences_split_on_stops_and_line_breaks():
    text = "第一句。第二句!\n第三句;第四句"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["第一句。", "第二句!", "第三句;", "第四句"]


# -- organisation names ------------------------------------------------------------------------

@pytest.mark.parametrize("name, cls", [
    ("河西某某新材料股份有限公司", "Enterprise"),
    ("祁连某某集团", "Enterprise"),
    ("陇东某某研究院", "ResearchInstitute"),
    ("祁连山某某大学", "University"),
    ("甘肃省某某重点实验室", "Laboratory"),
    ("甘肃省某某装备创新联合体", "InnovationConsortium"),
    ("河西走廊某某产业联盟", "InnovationConsortium"),
    ("甘肃省某某材料产业链", "IndustrialChain"),
    ("天水某某高新技术产业开发区", "HighTechZone"),
    ("某某农村商业银行", "Bank"),
])
def test_suffix_rule_finds_a_new_name_and_its_class(name, cls):
    found = extract(f"近日,{name}召开会议。").to_json()["actors"]
    assert [(a["name"], a["class"]) for a in found] == [(name, cls)]


def test_a_name_stops_at_verbs_and_prepositions():
    assert actors("会议由祁连某某研究院主办。") == ["祁连某某研究院"]
    assert actors("记者从甘肃省某某厅获悉") == ["甘肃省某某厅"]


def test_generic_words_with_a_suffix_are_not_names():
    assert actors("我省将加快建设国家自主创新示范区,组建创新联合体,壮大5个细分产业链。") == []


def test_a_weak_suffix_needs_a_region():
    assert actors("他们全部到了内部。") == []
    assert actors("省某某厅印发通知。") == ["省某某厅"]


def test_two_names_joined_by_yu_are_two_names():
    assert actors("祁连某某大学与河西某某科技有限公司共建实验平台。") == ["祁连某某大学", "河西某某科技有限公司"]


def test_joiner_inside_a_name_is_kept():
    assert actors("甘肃省某某研发及产业化应用创新联合体成立。") == ["甘肃省某某研发及产业化应用创新联合体"]


def test_parent_named_inside_a_longer_name_is_an_actor_and_a_sub_organization():
    text = "中国科学院某某研究所专家到场。"
    assert set(actors(text)) == {"中国科学院某某研究所", "中国科学院"}
    assert ("中国科学院某某研究所", "sub-organization", "中国科学院") in relations(text)


def test_defined_short_form_is_linked_to_its_full_name():
    text = "祁连某某生态环境研究院(简称祁连研究院)今天揭牌。祁连研究院将开展合作。"
    found = extract(text).to_json()["actors"]
    names = [a["name"] for a in found]
    assert names == ["祁连某某生态环境研究院", "祁连研究院"]
    short = found[1]
    assert "short form" in short["why"] and short["maybe_same_as"][0]["name"] == "祁连某某生态环境研究院"


def test_quoted_short_form_with_yixia():
    text = "河西某某储能科技有限公司(以下简称“河西储能”)与祁连某某大学签约。"
    assert "河西储能" in actors(text)


def test_gazetteer_matches_longest_first():
    gazetteer = Gazetteer({"祁连大学": ("urn:x:u", "University", "name"),
                           "祁连大学第一医院": ("urn:x:h", "Hospital", "name")})
    found = extract("祁连大学第一医院与祁连大学合作。", gazetteer).to_json()["actors"]
    assert [(a["name"], a["known"]) for a in found] == [("祁连大学第一医院", "urn:x:h"), ("祁连大学", "urn:x:u")]


def test_gazetteer_from_graph_knows_the_seed_actors():
    import kg

    with kg.open() as g:
        gazetteer = Gazetteer.from_graph(g)
        found = extract("兰州大学与某某新设的祁连某某科技有限公司签约。", gazetteer, region="甘肃").to_json()["actors"]
    known = {a["name"]: a["known"] for a in found}
    assert known["兰州大学"] == "https://w3id.org/innovation-kg/id/org/lanzhou-university"
    assert known["祁连某某科技有限公司"] is None


def test_region_prefixed_short_form_is_maybe_the_same_never_merged():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("urn:x:dept", label_zh="甘肃省某某厅", label_en="Gansu X Department", aliases=[], cls="GovernmentBody")
    found = extract("省某某厅印发通知。", Gazetteer.from_graph(G), region="甘肃").to_json()["actors"]
    (entry,) = found
    assert entry["name"] == "省某某厅" and entry["known"] is None
    assert entry["maybe_same_as"] == [{"name": "甘肃省某某厅", "iri": "urn:x:dept",
                                       "reason": "region-prefixed form in a 甘肃 source: 省某某厅 = 甘肃省某某厅"}]
    # in a source from another province the short form is not taken for Gansu's department
    assert extract("省某某厅印发通知。", Gazetteer.from_graph(G), region="青海").to_json()["actors"][0]["maybe_same_as"] == []


# -- people ------------------------------------------------------------------------------------

def test_people_after_titles_and_their_organisations():
    text = "祁连某某研究院院长张明远、河西某某大学副校长李青出席。"
    assert {"张明远", "李青"} <= set(actors(text))
    rels = relations(text)
    assert ("张明远", "affiliated-with", "祁连某某研究院") in rels
    assert ("李青", "affiliated-with", "河西某某大学") in rels


def test_reporters_in_a_byline_belong_to_the_paper():
    text = "陇原某某日报讯(记者王海、刘洋)昨日,祁连某某集团举行发布会。"
    rels = relations(text)
    assert ("王海", "affiliated-with", "陇原某某日报") in rels
    assert ("刘洋", "affiliated-with", "陇原某某日报") in rels


def test_name_before_a_title():
    assert ("赵一鸣", "affiliated-with", "祁连某某研究院") in relations("会上,祁连某某研究院赵一鸣研究员作报告。")


# -- relation cues -----------------------------------------------------------------------------

def test_lead_unit_you_qiantou():
    assert relations("由祁连某某集团牵头的甘肃省某某装备创新联合体成立。") == {
        ("祁连某某集团", "lead-unit", "甘肃省某某装备创新联合体")}


def test_lead_unit_qiantou_zujian():
    assert ("河西某某集团", "lead-unit", "甘肃省某某材料创新联合体") in \
        relations("河西某某集团牵头组建甘肃省某某材料创新联合体。")


def test_member_units():
    rels = relations("甘肃省某某材料创新联合体的成员单位包括祁连某某大学、河西某某研究院。")
    assert ("祁连某某大学", "member-unit", "甘肃省某某材料创新联合体") in rels
    assert ("河西某某研究院", "member-unit", "甘肃省某某材料创新联合体") in rels


def test_co_founders_you_yu_gongjian():
    rels = relations("祁连某某联合实验室由祁连某某大学与河西某某科技有限公司共建。")
    assert ("祁连某某联合实验室", "established-by", "祁连某某大学") in rels
    assert ("祁连某某联合实验室", "established-by", "河西某某科技有限公司") in rels
    assert ("祁连某某大学", "cooperates-with", "河西某某科技有限公司") in rels


def test_sign_with():
    assert relations("祁连某某大学与河西某某集团签订战略合作协议。") == {
        ("祁连某某大学", "cooperates-with", "河西某某集团")}


def test_subsidiary_qixia():
    assert ("河西某某新材料有限公司", "sub-organization", "祁连某某集团") in \
        relations("祁连某某集团旗下的河西某某新材料有限公司投产。")


def test_host_yituo():
    assert ("祁连某某大学", "supporting-unit", "甘肃省某某重点实验室") in \
        relations("依托祁连某某大学建设的甘肃省某某重点实验室通过验收。")


def test_host_in_brackets():
    assert ("河西某某研究院", "supporting-unit", "某某防灾创新基地") in \
        relations("入选名单包括某某防灾创新基地(河西某某研究院)。")


def test_chain_leader():
    assert ("河西某某集团", "chain-leader", "甘肃省某某材料产业链") in \
        relations("甘肃省某某材料产业链确定链主企业河西某某集团。")


def test_visited():
    rels = relations("科技部副部长陈立新走进祁连某某集团,考察河西某某研究院。")
    assert ("陈立新", "visited", "祁连某某集团") in rels
    assert ("陈立新", "visited", "河西某某研究院") in rels


def test_issued_by_document():
    rels = relations("省某某厅、省某某局联合印发《甘肃省某某产业链实施方案》。")
    assert ("甘肃省某某产业链实施方案", "issued-by", "省某某厅") in rels
    assert ("甘肃省某某产业链实施方案", "issued-by", "省某某局") in rels


def test_a_document_name_is_not_an_actor():
    assert actors("省某某厅印发《甘肃省某某创新联合体管理办法》。") == ["省某某厅"]


def test_piloted_in():
    assert ("天水某某改革试验区", "piloted-in", "甘肃省") in \
        relations("科技部批复同意甘肃省开展天水某某改革试验区建设试点。")


def test_located_in_after_luohu():
    assert ("祁连某某研究院", "located-in", "天水某某高新区") in \
        relations("会上成立了祁连某某研究院,并落户天水某某高新区。")


def test_supported_by():
    rels = relations("省某某厅支持祁连某某集团、河西某某集团等骨干企业。")
    assert ("祁连某某集团", "supported-by", "省某某厅") in rels
    assert ("河西某某集团", "supported-by", "省某某厅") in rels


def test_approved_and_recommended():
    assert ("天水某某高新技术产业开发区", "approved-by", "国务院") in \
        relations("国务院批复同意天水某某高新技术产业开发区建设示范区。")
    assert ("祁连某某创新基地", "recommended-by", "省某某协会") in relations("由省某某协会推荐的祁连某某创新基地入选。")


# -- figures -----------------------------------------------------------------------------------

def test_figures_with_units_and_the_year_of_the_sentence():
    found = figures("2023年,祁连某某集团实现产值25.28亿元,同比增长20.1%,新增专利120项。")
    assert (25.28, "亿元", "2023") in found and (20.1, "%", "2023") in found and (120.0, "项", "2023") in found


def test_figure_takes_this_year_from_the_article_date():
    assert figures("今年前三季度,河西某某集团新签约项目35个。", date="2024-10-20") == [(35.0, "个", "2024")]


def test_figure_subject_is_the_actor_before_it():
    found = extract("河西某某集团销售额达3.5亿元。").to_json()["figures"]
    assert found[0]["subject"] == "河西某某集团" and found[0]["measure"] == "销售额"


def test_dates_ordinals_scale_labels_and_numbers_in_names_are_not_figures():
    assert figures("2024年5月8日,中核404有限公司位列第43位,打造千亿级产业集群,实施六大行动。") == []


def test_chinese_numerals():
    assert chinese_number("两") == 2 and chinese_number("三十") == 30 and chinese_number("1.5") == 1.5
    assert (2.0, "家", None) in figures("祁连某某研究院与两家企业签约。")


# -- offsets and shape -------------------------------------------------------------------------

def test_offsets_point_at_the_evidence_in_the_text_as_given():
    text = "据报道,由河西某某集团牵头的甘肃省某某装备创新联合体集聚了２２０余家单位。省某某厅表示支持。"
    result = extract(text).to_json()
    for actor in result["actors"]:
        assert text[actor["start"]:actor["end"]] == actor["name"]
    for relation in result["relations"]:
        span = text[relation["start"]:relation["end"]]
        assert relation["subject"] in span and relation["object"] in span
    (figure,) = result["figures"]
    assert text[figure["start"]:figure["end"]] == "２２０余家"
    assert figure["value"] == 220.0


def test_json_shape_is_exactly_the_documented_one():
    result = extract("由河西某某集团牵头的甘肃省某某装备创新联合体成立,集聚30家单位。").to_json()
    assert set(result) == {"actors", "relations", "figures"}
    assert all(set(a) == {"name", "class", "start", "end", "known", "confidence", "why", "by", "maybe_same_as"}
               for a in result["actors"])
    assert all(set(r) == {"subject", "relation", "object", "start", "end", "confidence", "why", "cue", "by"}
               for r in result["relations"])
    assert all(set(f) == {"subject", "measure", "value", "unit", "time", "start", "end", "confidence", "why", "by"}
               for f in result["figures"])
    assert {item["by"] for kind in result.values() for item in kind} == {"rules"}
    json.dumps(result, ensure_ascii=False)  # plain data
    assert result["relations"] and result["figures"]


def test_relation_names_are_ontology_terms():
    from pathlib import Path

    from kg.extract.relations import RELATIONS

    ontology = (Path(__file__).resolve().parent.parent / "ontology" / "innovation.ttl").read_text(encoding="utf-8")
    for name, iri in RELATIONS.items():
        local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if iri.startswith("http://www.w3.org/ns/org#"):
            continue
        assert local in ontology, (name, iri)


# -- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["", "   \n", b"", b"\x00\x01binary\x00", "\x00abc",
                                 "兰州大学".encode("gbk"), "兰州".encode("utf-16"), 42, None])
def test_bad_input_raises_an_ingest_error(bad):
    with pytest.raises(IngestError) as caught:
        extract(bad)
    assert isinstance(caught.value, KGError) and str(caught.value)


def test_utf8_bytes_are_read():
    assert actors("河西某某集团召开会议。".encode("utf-8")) == ["河西某某集团"]


def test_mentions_do_not_overlap():
    text = "中国科学院某某研究所甘肃省某某重点实验室主任王力出席。"
    outer = [m for m in find_mentions(text) if m.source != "inner"]
    for a, b in zip(outer, outer[1:]):
        assert a.end <= b.start


def test_cooperating_units_of_the_consortium_named_before():
    text = "由河西某某集团牵头的甘肃省某某装备创新联合体成立。合作成员单位包括祁连某某医院、陇东某某大学等。"
    rels = relations(text)
    assert ("祁连某某医院", "cooperating-unit", "甘肃省某某装备创新联合体") in rels
    assert ("陇东某某大学", "cooperating-unit", "甘肃省某某装备创新联合体") in rels
    assert not any(r == "member-unit" for _, r, _ in rels)


def test_person_after_a_department_head_title():
    text = "河西某某科技有限公司相关负责人吕和平说,将扩大生产。"
    assert ("吕和平", "affiliated-with", "河西某某科技有限公司") in relations(text)


def test_bad_input_messages_say_what_to_do():
    with pytest.raises(IngestError, match="UTF-16"):
        extract("兰州".encode("utf-16"))
    with pytest.raises(IngestError, match="not UTF-8.*iconv"):
        extract("兰州大学".encode("gbk"))
    with pytest.raises(IngestError, match="at most"):
        extract("甲" * 2_000_001)


# -- numbers that are part of a term -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "该企业主攻镍钴锰三元正极材料。",
    "建立重点项目和招商引资“两个清单”。",
    "全面推进“三个一”工程。",
    "全面推进三个一工程。",
    "助力“双碳”目标,服务“一带一路”建设,推动多元发展。",
])
def test_numbers_that_are_part_of_a_term_are_not_figures(text):
    assert figures(text) == []


def test_counts_beside_such_terms_are_still_figures():
    found = figures("河西某某集团与两家企业三方共建,投资3元股,建成“两个清单”和5个平台。")
    assert (2.0, "家", None) in found and (3.0, "方", None) in found and (5.0, "个", None) in found
    assert (3.0, "元", None) in found  # money in digits is money
    assert (2.0, "个", None) not in found


def test_a_figure_said_twice_is_proposed_once():
    assert figures("全市新增企业10家。据介绍,全市新增企业10家,新增平台10个。") == [(10.0, "家", None), (10.0, "个", None)]


def test_verbs_joined_as_nouns_stay_inside_a_name():
    assert actors("由省某某协会推荐的祁连某某资源开发与利用创新基地入选。") == ["省某某协会", "祁连某某资源开发与利用创新基地"]
    assert actors("企业要加快建成千亿级产业集群。") == []


def test_a_paper_called_every_day():
    assert "每日青海网" in actors("每日青海网8月12日讯 据报道")


@pytest.mark.parametrize("name", ["祁连钢铁(集团)有限责任公司", "中核四〇四有限公司", "中石油某某石化公司", "玉门某某分公司"])
def test_legal_names_with_brackets_numerals_and_central_enterprises(name):
    assert actors(f"近日,{name}召开会议。") == [name]


def test_kinds_of_bodies_are_not_names():
    text = ("全省各市州科技局要加快建设国家级重点实验室,推动产业园区提质增效。省内外高校和相关科研院所积极参与,"
            "该公司新建研发中心。兰州市各县区培育科技型中小企业,建设创新平台和孵化基地。全省高新区营业收入增长12%。")
    assert actors(text, region="甘肃") == []


def test_words_after_a_title_that_are_not_names():
    assert "单位" not in actors("理事长单位为陇东某某研究院。会长单位是河西某某大学。")


def test_departments_listed_after_a_region_share_it():
    assert actors("省某某厅、工信厅、财政厅联合印发通知。") == ["省某某厅", "工信厅", "财政厅"]
    assert actors("他们走访了工信厅。") == []
