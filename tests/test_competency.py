"""Competency questions: each kg/query/named/*.rq answers exactly what the article states."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from kg.namespaces import PREFIXES
from kg.validate import curie

QUERIES = Path(__file__).resolve().parent.parent / "kg" / "query" / "named"
CONSORTIUM = "甘肃省离子放射治疗技术创新联合体"
CLUSTER = "金昌有色金属新材料产业集群"
DEPT = "甘肃省科技厅"
TOUR = "中国工程院智能制造赋能制造业高质量发展院士行活动"
POTATO = "中俄马铃薯种质资源创新利用及产业发展关键技术转移与示范"
GRID_PROJECT = "国网甘肃省电力公司2024年“揭榜挂帅”重大项目"
TECH_ACTION = "科技招商暨“科技入陇”行动"
POINTS = "企业创新积分制"


@pytest.fixture(scope="module")
def run(seed_kg):
    """The named queries' answers on the seed article (with its register): the questions it raises, and
    its answers stay exactly as they were when later sources came in (test_grown_answers checks those)."""
    def answer(name, *columns):
        from kg.query import run_query

        text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        result = run_query(seed_kg.store, text)
        names = list(result.vars)
        picked = [names.index(c) for c in columns] if columns else range(len(names))
        return [tuple(_plain(row[i]) for i in picked) for row in result.rows]
    return answer


def _plain(term):
    if term is None:
        return None
    if type(term).__name__ == "Literal":
        datatype = term.datatype.value
        if datatype.endswith("#integer"):
            return int(term.value)
        if datatype.endswith("#decimal"):
            return Decimal(term.value)
        return term.value
    return curie(term.value)


def test_there_are_at_least_fifteen_queries_each_saying_what_it_answers():
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 15
    for path in files:
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith("# ") and len(first.split()) >= 5, path.name
        assert "ORDER BY" in text, path.name
        assert "PREFIX" not in text.upper().replace("STRSTARTS", ""), path.name
        used = set(re.findall(r"(?<![\w<\"/#?])([a-z]+):[A-Za-z]", re.sub(r"<[^>]*>|\"[^\"]*\"", "", text)))
        assert used <= set(PREFIXES), (path.name, used - set(PREFIXES))


def test_results_are_deterministic(run):
    assert run("relation_evidence") == run("relation_evidence")


def test_consortium_members_by_role(run):
    assert run("consortium_members_by_role", "consortium_zh", "role_zh", "member_zh") == [
        (CONSORTIUM, "合作成员单位", "兰州大学附属第一医院"),
        (CONSORTIUM, "合作成员单位", "甘肃省人民医院"),
        (CONSORTIUM, "牵头单位", "兰州泰基离子技术有限公司"),
        (CONSORTIUM, "成员单位", "中国科学院近代物理研究所"),
        (CONSORTIUM, "成员单位", "兰州大学"),
        (CONSORTIUM, "成员单位", "北京市医疗器械检验研究院"),
        (CONSORTIUM, "成员单位", "金川集团精密铜材有限公司"),
    ]


def test_who_supports_the_ion_consortium_and_how(run):
    assert run("consortium_supporters", "supporter_zh", "support_zh") == [
        ("北京市医疗器械检验研究院", "提供检验检测优先支持"),
        ("甘肃省医疗器械检验所", "提供检验检测优先支持"),
        ("中国科学院近代物理研究所", "提供技术力量"),
        ("兰州大学", "提供技术力量"),
    ]


def test_consortium_lists_are_marked_partial(run):
    roles = {role for _, role, _ in run("partial_lists")}
    assert roles == {"member unit", "cooperating member unit"}


def test_jinchang_cluster_has_no_named_chain_leaders_or_enterprises(run):
    assert run("cluster_named_members") == []


def test_jinchang_cluster_place_mechanism_and_figures(run):
    assert run("cluster_profile", "cluster_zh", "place_zh", "mechanism_zh", "value", "unit_text", "qualifier",
               "time", "counts_role_en") == [
        (CLUSTER, "金昌", "链长制", 64, "家", None, "2024", "chain enterprise"),
        (CLUSTER, "金昌", "链长制", 19, "个", None, "2024", None),
        (CLUSTER, "金昌", "链长制", 800, "亿元", "more-than", "2024", None),
    ]


def test_international_partners_and_their_ties_to_gansu(run):
    assert run("international_partners", "partner_zh", "country_zh", "tie_zh", "counterpart_zh") == [
        ("俄罗斯沃罗涅日国立农业大学", "俄罗斯", POTATO, "甘肃省科技重大专项"),
        ("俄罗斯沃罗涅日国立农业大学", "俄罗斯", POTATO, "甘肃省农业科学院马铃薯研究所"),
        ("俄罗斯沃罗涅日国立农业大学", "俄罗斯", POTATO, DEPT),
        ("俄罗斯沃罗涅日国立农业大学", "俄罗斯", "合作关系", "甘肃省农业科学院"),
    ]


def test_which_departments_issued_which_policy(run):
    assert run("policy_issuers", "policy_zh", "issuer_zh") == [
        ("企业创新联合体管理办法", "甘肃"),
        ("全国重点实验室重组和建设方案", "甘肃"),
        ("揭榜挂帅", "甘肃"),
        ("甘肃省产业创新任务揭榜挂帅实施方案", DEPT),
        ("甘肃省产业创新任务揭榜挂帅实施方案", "省工信厅"),
        ("甘肃省产业创新任务揭榜挂帅实施方案", "省教育厅"),
    ]


def test_who_visited_whom_in_2024(run):
    assert run("visits_2024", "event_zh", "date", "organizer_zh", "visited_zh") == [
        (TOUR, "2024-10", "中国工程院", host) for host in ("万里航空", "兰州泰基离子技术有限公司", "兰州空间技术物理研究所", "兰石集团")
    ]


def test_figures_of_2024(run):
    rows = run("figures_2024", "subject_zh", "value", "unit_text", "qualifier", "time")
    assert sorted(rows, key=str) == sorted([
        (TOUR, 10, "位", "more-than", "2024-10"),
        (POINTS, Decimal("3.2"), "亿元", None, "2024-12-31"),
        (POINTS, Decimal("2.04"), "亿元", None, "2024-12-31"),
        (POINTS, 1700, "家", "nearly", "2024"),
        ("全国重点实验室重组和建设方案", 4, "亿元", None, "2024"),
        ("甘肃", Decimal("8.4"), "%", None, "2024"),
        ("甘肃", 61, "%", None, "2024"),
        ("甘肃", 8, "项", None, "2024"),
        ("甘肃", 3, "户", None, "2024"),
        ("甘肃", 2, "户", None, "2024"),
        ("甘肃", 244, "户", None, "2024"),
        ("甘肃", 2442, "家", None, "2024"),
        ("甘肃", Decimal("16.2"), "%", None, "2024"),
        ("甘肃", 13, "家", None, "2024"),
        (TECH_ACTION, 84, "家", None, "2024"),
        (TECH_ACTION, 270, "亿元", None, "2024"),
        (TECH_ACTION, 127, "亿元", None, "2024"),
        (TECH_ACTION, 14, "场次", None, "2024"),
        (CLUSTER, 64, "家", None, "2024"),
        (CLUSTER, 19, "个", None, "2024"),
        (CLUSTER, 800, "亿元", "more-than", "2024"),
    ], key=str)


def test_figures_as_of_end_2024_were_reported_by_the_department_and_the_bank(article_graph):
    query = """SELECT ?value ?reporter_zh WHERE {
        ?f ikg:time "2024-12-31"^^xsd:date ; schema:value ?value ; ikg:reportedBy ?r .
        ?r skos:prefLabel ?reporter_zh . FILTER(lang(?reporter_zh) = "zh") } ORDER BY ?value ?reporter_zh"""
    from kg.query import run_query

    rows = [(_plain(r[0]), _plain(r[1])) for r in run_query(article_graph, query).rows]
    assert rows == [(Decimal("2.04"), "中国人民银行甘肃省分行"), (Decimal("2.04"), DEPT),
                    (Decimal("3.2"), "中国人民银行甘肃省分行"), (Decimal("3.2"), DEPT)]


def test_people_and_their_organizations(run):
    assert run("people_and_organizations", "person_zh", "role_zh", "organization_zh", "job_title") == [
        ("丁凯", "记者", "新甘肃·甘肃日报", None),
        ("储岳峰", "研究员", "中国农业科学院兰州兽医研究所", None),
        ("吕和平", "研究员", "甘肃省农业科学院", None),
        ("吴涵", "记者", "新甘肃·甘肃日报", None),
        ("杨文杰", "相关负责人", "兰州泰基离子技术有限公司", None),
        ("王爱勤", None, None, "研究员"),
        ("田蹊", "记者", "新甘肃·甘肃日报", None),
        ("郑金", None, None, "通讯员"),
        ("黄蔚林", "通讯员", "新甘肃·甘肃日报", None),
    ]


def test_ambiguities_recorded(run):
    names = {curie.split("/")[-1] for curie, _, _ in run("ambiguities")}
    assert {"taiji-company-names", "wang-aiqin-organization-unstated", "truncated-project-title",
            "consortium-lists-partial", "zheng-jin-organization-unstated", "source-date-year-only",
            "chain-leaders-unnamed", "gansu-hailiang-short-form", "parents-named-only-in-names",
            "china-named-only-as-woguo", "other-lists-partial", "carbon-ion-system-maker-unstated"} <= names
    concerned = {zh for _, zh, _ in run("ambiguities")}
    assert {"兰州泰基离子技术有限公司", "兰州科近泰基新技术有限责任公司", "王爱勤"} <= concerned


def test_no_actor_lacks_a_name(run):
    assert run("actors_missing_names") == []


def test_evidence_for_the_consortium_lead(run, article_text):
    rows = [r for r in run("relation_evidence", "subject_zh", "relation", "object_zh", "span", "start", "end")
            if r[1] == "ikg:providesTechnicalForceTo"]
    assert [(r[0], r[3]) for r in rows] == [("中国科学院近代物理研究所", "中国科学院近代物理研究所"), ("兰州大学", "兰州大学")]
    for _, _, _, span, start, end in rows:
        assert article_text[start:end] == span


def test_pilot_zones_and_who_recommended_them(run):
    assert run("pilots_and_recommenders") == [
        (POINTS, zone, "全国第三批“企业创新积分制”试点", DEPT) for zone in ("兰州国家高新区", "定西省级高新区", "陇西省级高新区")
    ]


def test_agreements_parties_and_dates(run):
    assert run("agreements", "agreement_zh", "party_zh", "date", "start_date") == [
        ("合作关系", "俄罗斯沃罗涅日国立农业大学", None, "2015"),
        ("合作关系", "甘肃省农业科学院", None, "2015"),
        ("战略合作协议", "崖州湾国家实验室", "2024-07", None),
        ("战略合作协议", "甘肃省人民政府", "2024-07", None),
    ]


def test_projects_and_their_actors(run):
    assert run("projects") == [
        (POTATO, "part of programme", "甘肃省科技重大专项"),
        (POTATO, "participant", "俄罗斯沃罗涅日国立农业大学"),
        (POTATO, "participant", "甘肃省农业科学院马铃薯研究所"),
        (POTATO, "supported by", DEPT),
        (GRID_PROJECT, "commissioned by", "国网甘肃省电力公司"),
        (GRID_PROJECT, "participant", "“电博士”党员创新工作室"),
        (GRID_PROJECT, "participant", "党员攻坚小组"),
        (GRID_PROJECT, "participant", "国网甘肃省电力公司电力科学研究院"),
        ("基于人工智能的甘肃电网智能调度辅助机器人关键技术研", "led by", "国网甘肃省电力公司电力科学研究院"),
    ]


def test_technologies_awards_and_approvals(run):
    rows = run("technologies")
    assert ("猪用口蹄疫疫苗", "awarded", "国家科学技术奖") in rows
    assert ("高性能铜加工", "awarded", "国家科学技术奖") in rows
    assert ("第五套医用碳离子治疗系统", "approved by", "国家药监局") in rows
    assert ("第五套医用碳离子治疗系统", "made in", "甘肃") in rows
    assert ("非洲猪瘟安全高效疫苗", "developed by", "中国农业科学院兰州兽医研究所") in rows
    assert {r[0] for r in rows if r[2] == "甘肃自然能源研究所"} == {
        "高效光伏组件", "新型一体式太阳能路灯", "可折叠式太阳能移动电源", "节能夹层玻璃规模化制备技术"}


def test_organization_structure(run):
    assert run("organization_structure") == [
        ("中国农业科学院兰州兽医研究所", "org:subOrganizationOf", "中国农业科学院"),
        ("中国科学院控股有限公司", "ikg:affiliatedWith", "中国科学院"),
        ("中国科学院近代物理研究所", "org:subOrganizationOf", "中国科学院"),
        ("兰州科近泰基新技术有限责任公司", "ikg:affiliatedWith", "中国科学院控股有限公司"),
        ("兰州科近泰基新技术有限责任公司", "ikg:affiliatedWith", "中国科学院近代物理研究所"),
        ("兰州大学附属第一医院", "ikg:affiliatedWith", "兰州大学"),
        ("国网甘肃省电力公司电力科学研究院", "org:subOrganizationOf", "国网甘肃省电力公司"),
        ("“电博士”党员创新工作室", "org:subOrganizationOf", "国网甘肃省电力公司电力科学研究院"),
        ("党员攻坚小组", "org:subOrganizationOf", "国网甘肃省电力公司电力科学研究院"),
        ("中国人民银行甘肃省分行", "org:subOrganizationOf", "央行"),
        # the next three come from the reference source (graph_data/reference-admin), not the article
        ("甘肃省科技厅", "org:subOrganizationOf", "甘肃省人民政府"),
        ("省工信厅", "org:subOrganizationOf", "甘肃省人民政府"),
        ("省教育厅", "org:subOrganizationOf", "甘肃省人民政府"),
        ("甘肃省农业科学院马铃薯研究所", "org:subOrganizationOf", "甘肃省农业科学院"),
        ("金川集团精密铜材有限公司", "ikg:affiliatedWith", "金川集团"),
    ]


def test_collective_counts_name_what_they_count(run):
    rows = run("collective_counts", "subject_zh", "value", "counts_class", "counts_role")
    assert (CLUSTER, 64, "ikg:Enterprise", "ikr:role/chain-enterprise") in rows
    assert ("甘肃", 2442, "ikg:Enterprise", None) in rows
    assert ("甘肃", 13, "ikg:InnovationConsortium", None) in rows
    assert ("可再生能源技术援外培训项目", 130, "ikg:Country", None) in rows
    assert len(rows) == 13


def test_everything_linked_to_the_science_department(run):
    rows = run("department_links", "relation_en", "other_zh")
    assert ("supported by", POTATO) in rows
    assert ("issued by", "甘肃省产业创新任务揭榜挂帅实施方案") in rows
    assert {other for relation, other in rows if relation == "recommended by"} == {
        "兰州国家高新区", "定西省级高新区", "陇西省级高新区"}
    # 赛马制 and 链主制 will be extended; more provincial funds will go to 揭榜 projects (both plans of its official)
    assert {other for relation, other in rows if relation == "promoted by"} == {"赛马制", "链主制", "揭榜挂帅"}


def test_mechanisms_and_programmes(run):
    rows = run("mechanisms")
    assert ("拨投结合", "applies to", "揭榜挂帅") in rows
    assert ("链长制", "applies to", CLUSTER) in rows
    assert (POINTS, "gives access to", "国家科技创新再贷款") in rows
    assert {actor for instrument, relation, actor in rows if instrument == POINTS and relation == "implemented by"} \
        == {"科技部", "央行", DEPT, "全国第三批“企业创新积分制”试点"}


def test_places_and_what_lies_in_them(run):
    rows = run("places", "place_zh", "part_of_zh", "located_zh")
    assert ("麻武乡", "崆峒区", "平凉市崆峒区麻武乡风力发电场") in rows
    assert ("兰州新区", "甘肃", "兰州泰基离子技术有限公司") in rows
    assert {part_of for place, part_of, _ in rows if place == "甘肃"} == {"我国"}
    assert ("俄罗斯", None, "俄罗斯沃罗涅日国立农业大学") in rows


def test_source_document(run):
    rows = run("source_documents", "title", "alternative", "publisher_zh", "date", "creator", "file_name")
    assert {r[1] for r in rows} == {"新突破 新动能 新格局", "我省深入实施强科技行动助推经济社会高质量发展"}
    assert {r[4] for r in rows} == {"吴涵", "郑金"}
    assert {(r[0], r[2], r[3], r[5]) for r in rows} == {("强科技 增动能", "新甘肃·甘肃日报", "2025",
                                                         "000_53c5d41e29162869.txt")}


def test_sectors_and_fields_of_each_actor(run):
    rows = run("sectors", "actor_zh", "sector_zh")
    assert {sector for actor, sector in rows if actor == "中国农业科学院兰州兽医研究所"} == {
        "口蹄疫", "非洲猪瘟", "包虫病", "重大动物疫病"}
    assert {sector for actor, sector in rows if actor == "甘肃省产业创新任务揭榜挂帅实施方案"} == {
        "冶金有色", "能源化工", "电子信息", "智能装备", "新材料", "生物医药"}
    assert {sector for actor, sector in rows if actor == CLUSTER} == {"镍钴开采", "新能源电池", "航天钛材", "氢能储运装备"}


def test_who_told_the_reporter_what(run, article_text):
    rows = run("informants", "informant_zh", "about_zh", "span", "start", "end")
    assert {(who, about) for who, about, *_ in rows} == {
        (DEPT, "推荐清单内科技型企业首贷授信"), (DEPT, "发放贷款"),
        ("中国人民银行甘肃省分行", "推荐清单内科技型企业首贷授信"), ("中国人民银行甘肃省分行", "发放贷款"),
        ("储岳峰", "面积"), ("王爱勤", "该技术"), ("吕和平", POTATO)}
    for _, _, span, start, end in rows:
        assert article_text[start:end] == span


def test_grown_answers_name_chain_leaders_and_alliance_members(article_graph):
    """On the whole graph the chain and consortium questions get the answers later sources give: a named
    chain leader (Longnan's pepper chain), the Jinchang battery alliance's four member firms, the yak
    alliance's lead unit; the Jinchang cluster's 64 chain enterprises stay a count."""
    from kg.query import run_query

    def rows(name):
        result = run_query(article_graph, (QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
        return [tuple(_plain(term) for term in row) for row in result.rows]

    assert rows("cluster_named_members") == [("花椒产业链", "chain leader", "陇南利和萃取科技有限公司")]
    members = rows("consortium_members_by_role")
    assert len(members) == len(set(members))
    battery = sorted(m[3] for m in members if m[0] == "金昌经开区新能源电池产业联盟")
    assert battery == sorted(["金川集团镍盐有限公司", "甘肃佰利联化学有限公司", "甘肃鑫日晟新材料科技有限公司", "甘肃金车储能电池技术有限公司"])
    assert ("国家牦牛产业科技创新联盟", "lead unit", "牵头单位", "农业科学兰州畜牧与兽药研究所") in [m[:4] for m in members]
    assert not [m for m in members if m[0] == "金昌有色金属新材料产业集群"]
