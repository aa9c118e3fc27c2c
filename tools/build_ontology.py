"""Write ontology/innovation.ttl from the tables below (an authoring aid; the Turtle is the ontology).

Run from the project folder: ``python3 tools/build_ontology.py``. Every class and property gets an English
and a Chinese label and an English definition; reused terms (ORG, PROV, SKOS, schema.org, ...) are
declared with ``rdfs:isDefinedBy`` so a checker can tell every term the data uses is known.
"""

import sys
from pathlib import Path

from rdflib import Literal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg._atomic import atomic_write  # noqa: E402
from kg.namespaces import PREFIXES  # noqa: E402

# (curie, superclasses, label_en, label_zh, definition_en)
CLASSES = [
    ("ikg:Actor", [], "actor", "创新主体", "Anything drawn as a node of the innovation network: an organization, person, place, policy instrument, programme, project, agreement, event, technology or facility."),
    ("ikg:Organization", ["ikg:Actor", "org:Organization"], "organization", "组织机构", "A body of people with a name: government body, institute, company, university, hospital, laboratory, zone, consortium, cluster."),
    ("ikg:GovernmentBody", ["ikg:Organization", "org:FormalOrganization"], "government body", "政府机构", "A government, ministry, department or regulator (provincial government, its departments, national ministries and administrations)."),
    ("ikg:ResearchInstitute", ["ikg:Organization"], "research institute", "科研院所", "An organization whose main work is research (a research institute of an academy, a company's research institute)."),
    ("ikg:Academy", ["ikg:Organization"], "academy", "科学院", "An academy of sciences, engineering or agricultural sciences."),
    ("ikg:University", ["ikg:Organization"], "university", "高校", "A university or other institution of higher education."),
    ("ikg:Enterprise", ["ikg:Organization"], "enterprise", "企业", "A company or business group."),
    ("ikg:Hospital", ["ikg:Organization"], "hospital", "医院", "A hospital or treatment centre, or a campus of one."),
    ("ikg:TestingInstitute", ["ikg:Organization"], "testing institute", "检验检测机构", "An institute that tests and inspects products, e.g. medical devices."),
    ("ikg:Bank", ["ikg:Organization"], "bank", "银行", "A bank, including the central bank and its branches."),
    ("ikg:Laboratory", ["ikg:Organization"], "laboratory", "实验室", "A laboratory or laboratory cluster, including national and state key laboratories."),
    ("ikg:NationalPlatform", ["ikg:Organization"], "national platform", "国家级平台", "A platform for research or innovation designated at national level."),
    ("ikg:HighTechZone", ["ikg:Organization"], "high-tech zone", "高新区", "A national or provincial high-tech industrial development zone."),
    ("ikg:Park", ["ikg:Organization"], "park", "园区", "An industrial, agricultural or technology park or demonstration area."),
    ("ikg:MediaOrganization", ["ikg:Organization"], "media organization", "媒体机构", "A newspaper, news agency or other publisher of news."),
    ("ikg:Team", ["ikg:Organization"], "team", "团队", "A studio, task group or team inside an organization."),
    ("ikg:InnovationConsortium", ["ikg:Organization", "org:OrganizationalCollaboration"], "innovation consortium", "创新联合体", "An innovation organization formed by a lead enterprise or institution together with research institutes, universities and enterprises along a chain, to solve key technical problems of an industry."),
    ("ikg:IndustrialCluster", ["ikg:Organization"], "industrial cluster", "产业集群", "The enterprises of one industry concentrated in one region, treated as one body."),
    ("ikg:IndustrialChain", ["ikg:Organization"], "industrial chain", "产业链", "The enterprises of one industry from raw materials to end products, treated as one body."),
    ("ikg:Person", ["ikg:Actor", "foaf:Person", "prov:Person"], "person", "人物", "A person named in a source."),
    ("ikg:Place", ["ikg:Actor", "schema:Place"], "place", "地点", "A geographic place: country, province, city, district, county or township."),
    ("ikg:Country", ["ikg:Place"], "country", "国家", "A sovereign country."),
    ("ikg:Province", ["ikg:Place"], "province", "省", "A province or province-level division."),
    ("ikg:City", ["ikg:Place"], "city", "市", "A city or prefecture-level division."),
    ("ikg:District", ["ikg:Place"], "district or county", "区县", "A district, county or other county-level division, or a new area."),
    ("ikg:Township", ["ikg:Place"], "township", "乡镇", "A township or town."),
    ("ikg:PolicyInstrument", ["ikg:Actor"], "policy instrument", "政策工具", "A policy, system, mechanism or policy document by which government steers innovation."),
    ("ikg:PolicyDocument", ["ikg:PolicyInstrument"], "policy document", "政策文件", "A written policy: plan, measures, programme document."),
    ("ikg:Mechanism", ["ikg:PolicyInstrument"], "mechanism", "机制", "A standing way of organizing or funding innovation (a system such as the open-competition mechanism)."),
    ("ikg:Program", ["ikg:Actor"], "programme", "行动计划", "A campaign, action, programme, initiative or award scheme."),
    ("ikg:Award", ["ikg:Program"], "award or ranking", "奖项与榜单", "A prize, award scheme or ranking list that recognizes achievements or enterprises."),
    ("ikg:Project", ["ikg:Actor", "prov:Activity"], "project", "项目", "A research, development or demonstration project."),
    ("ikg:Agreement", ["ikg:Actor"], "agreement", "协议与合作关系", "A signed agreement or a standing cooperation relationship between parties."),
    ("ikg:Event", ["ikg:Actor", "prov:Activity"], "event", "活动", "A visit, salon, meeting or other dated activity."),
    ("ikg:Technology", ["ikg:Actor"], "technology", "技术", "A technology, technique or research achievement."),
    ("ikg:Product", ["ikg:Technology"], "product", "产品", "A product or product line that embodies technology."),
    ("ikg:Facility", ["ikg:Actor"], "facility", "设施", "A physical installation that is not itself an organization, e.g. a wind farm."),
    ("ikg:Figure", ["schema:QuantitativeValue"], "figure", "数据", "A dated quantity a source states about an actor: subject, measure, value, unit and time."),
    ("ikg:CollectiveMeasure", ["skos:Concept"], "collective measure", "集体计数指标", "A measure that counts members of a collective the source does not name (e.g. 64 chain enterprises); never a licence to mint members."),
    ("ikg:Evidence", ["rdf:Statement", "prov:Entity"], "evidence", "证据", "A reified statement with the short span of source text that states it and the span's character offsets."),
    ("ikg:SourceDocument", ["prov:Entity", "schema:NewsArticle"], "source document", "来源文献", "A text file the graph's facts are drawn from."),
    ("ikg:Ambiguity", [], "ambiguity", "歧义说明", "A note that the source is unclear, incomplete or inconsistent about some resources; records what was modelled and what was not guessed."),
]

REUSED_CLASSES = [
    ("org:Organization", "http://www.w3.org/ns/org#"), ("org:FormalOrganization", "http://www.w3.org/ns/org#"),
    ("org:OrganizationalCollaboration", "http://www.w3.org/ns/org#"), ("org:Membership", "http://www.w3.org/ns/org#"),
    ("org:Role", "http://www.w3.org/ns/org#"),
    ("prov:Entity", "http://www.w3.org/ns/prov#"), ("prov:Activity", "http://www.w3.org/ns/prov#"),
    ("prov:Person", "http://www.w3.org/ns/prov#"), ("prov:Agent", "http://www.w3.org/ns/prov#"),
    ("skos:Concept", "http://www.w3.org/2004/02/skos/core#"),
    ("schema:Place", "https://schema.org/"), ("schema:QuantitativeValue", "https://schema.org/"),
    ("schema:NewsArticle", "https://schema.org/"), ("foaf:Person", "http://xmlns.com/foaf/0.1/"),
    ("rdf:Statement", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
]

# (curie, kind, domain, range, label_en, label_zh, definition_en[, superproperty])
OBJ, DAT = "owl:ObjectProperty", "owl:DatatypeProperty"
PROPERTIES = [
    ("ikg:locatedIn", OBJ, "ikg:Actor", "ikg:Place", "located in", "位于", "The place an actor is in or belongs to."),
    ("ikg:partOfPlace", OBJ, "ikg:Place", "ikg:Place", "part of place", "隶属于(地域)", "A place lies within another place."),
    ("ikg:affiliatedWith", OBJ, "ikg:Organization", "ikg:Organization", "affiliated with", "隶属/旗下", "An organization is held by, under, or attached to another (旗下, 附属)."),
    ("ikg:issuedBy", OBJ, "ikg:PolicyInstrument", "ikg:Actor", "issued by", "印发/出台", "The body that issued or adopted a policy instrument."),
    ("ikg:implementedBy", OBJ, "ikg:Actor", "ikg:Actor", "implemented by", "实施主体", "Who implements a policy instrument or programme, or the programme or document that puts a mechanism into practice."),
    ("ikg:appliesTo", OBJ, "ikg:PolicyInstrument", "ikg:Actor", "applies to", "适用于", "What a policy instrument is applied to (a cluster, projects, another mechanism)."),
    ("ikg:pilotedIn", OBJ, "ikg:PolicyInstrument", "ikg:Actor", "piloted in", "试点于", "A zone or organization that pilots a policy instrument."),
    ("ikg:recommendedBy", OBJ, "ikg:Actor", "ikg:Actor", "recommended by", "推荐单位", "A pilot or nominee and the body that recommended it."),
    ("ikg:ledBy", OBJ, "ikg:Actor", "ikg:Actor", "led by", "牵头/承担", "The actor that leads or carries out a project, event or agreement."),
    ("ikg:participant", OBJ, "ikg:Actor", "ikg:Actor", "participant", "参与方", "An actor that takes part in a project, event or agreement."),
    ("ikg:supportedBy", OBJ, "ikg:Actor", "ikg:Actor", "supported by", "支持单位", "Who funds or backs a project, programme or actor."),
    ("ikg:partOfProgram", OBJ, "ikg:Actor", "ikg:Program", "part of programme", "属于计划", "A project, pilot or actor belongs to a programme, campaign or initiative."),
    ("ikg:party", OBJ, "ikg:Agreement", "ikg:Actor", "party", "协议方", "A signatory of an agreement or one side of a cooperation relationship."),
    ("ikg:visited", OBJ, "ikg:Event", "ikg:Actor", "visited", "走访", "An organization or place visited during an event."),
    ("ikg:organizer", OBJ, "ikg:Event", "ikg:Actor", "organizer", "主办方", "The body that organizes an event."),
    ("ikg:developedBy", OBJ, "ikg:Technology", "ikg:Actor", "developed by", "研发主体", "Who develops, designs or makes a technology or product (evidence notes say when this is a plan)."),
    ("ikg:approvedBy", OBJ, "ikg:Technology", "ikg:Actor", "approved by", "审批/注册机构", "The regulator that registered or approved a product."),
    ("ikg:awarded", OBJ, "ikg:Actor", "ikg:Program", "awarded", "获得奖项", "An achievement or enterprise received an award or entered a ranking list."),
    ("ikg:operates", OBJ, "ikg:Organization", "ikg:Actor", "operates", "建有/运营", "An organization runs a facility or laboratory."),
    ("ikg:supportsConsortium", OBJ, "ikg:Organization", "ikg:InnovationConsortium", "supports consortium", "支撑创新联合体", "An organization gives an innovation consortium support (its sub-properties say how)."),
    ("ikg:providesTechnicalForceTo", OBJ, "ikg:Organization", "ikg:InnovationConsortium", "provides technical force to", "提供技术力量", "A research institution provides a consortium with technical force: joint research on its key technologies.", "ikg:supportsConsortium"),
    ("ikg:providesTestingPriorityTo", OBJ, "ikg:Organization", "ikg:InnovationConsortium", "gives testing priority to", "提供检验检测优先支持", "A testing institute gives a consortium priority in inspection and testing, shortening its prototype and product testing.", "ikg:supportsConsortium"),
    ("ikg:commissionedBy", OBJ, "ikg:Project", "ikg:Actor", "commissioned by", "发榜方", "The actor that set a project's task, e.g. the issuer of an open-competition project."),
    ("ikg:producedIn", OBJ, "ikg:Technology", "ikg:Place", "made in", "产地", "The place a product is made in (e.g. 甘肃造, made in Gansu)."),
    ("ikg:basedOn", OBJ, "ikg:Technology", "ikg:Technology", "based on", "基于", "A product is made with, or derived from, a technology."),
    ("ikg:givesAccessTo", OBJ, "ikg:PolicyInstrument", "ikg:PolicyInstrument", "gives access to", "对接", "A policy instrument through which its beneficiaries reach another (innovation scores open the way to relending)."),
    ("ikg:usedBy", OBJ, "ikg:Technology", "ikg:Actor", "used by", "应用于", "An actor that uses a technology or system."),
    ("ikg:promotedBy", OBJ, "ikg:PolicyInstrument", "ikg:Actor", "promoted by", "推动主体", "A body that says it will promote or extend a mechanism."),
    ("ikg:reportedBy", OBJ, None, "ikg:Actor", "reported by", "信息提供方", "The person or body that gave the reporter a fact or figure."),
    ("ikg:sector", OBJ, "ikg:Actor", "skos:Concept", "sector", "领域", "A sector or field an actor works in or targets (a concept, not a network edge)."),
    ("ikg:listIsPartialFor", OBJ, "ikg:Organization", "org:Role", "list is partial for role", "名单未列全的角色", "The source lists holders of this role in the organization with 等 (and others): the modelled list is not exhaustive."),
    ("ikg:subject", OBJ, "ikg:Figure", "ikg:Actor", "subject", "统计对象", "The actor a figure is about."),
    ("ikg:measure", OBJ, "ikg:Figure", "skos:Concept", "measure", "指标", "What a figure measures (a concept with Chinese and English names)."),
    ("ikg:unit", OBJ, "ikg:Figure", "skos:Concept", "unit", "单位", "The unit of a figure's value (a concept with Chinese and English names)."),
    ("ikg:countsRole", OBJ, "ikg:CollectiveMeasure", "org:Role", "counts role", "计数角色", "The role the members counted by a collective measure hold."),
    ("ikg:countsClass", OBJ, "ikg:CollectiveMeasure", "owl:Class", "counts class", "计数类别", "The class of the things counted by a collective measure."),
    ("ikg:concerns", OBJ, "ikg:Ambiguity", None, "concerns", "涉及", "A resource an ambiguity is about."),
    ("ikg:time", DAT, "ikg:Figure", None, "time", "时间", "The date, month or year a figure holds for (xsd:gYear, xsd:gYearMonth or xsd:date)."),
    ("ikg:qualifier", DAT, "ikg:Figure", "xsd:string", "qualifier", "限定词", "How the value is hedged: approximately, more-than, at-least or nearly."),
    ("ikg:date", DAT, "ikg:Actor", None, "date", "日期", "When an event took place or an agreement was signed (xsd:gYearMonth, xsd:date or xsd:gYear)."),
    ("ikg:startDate", DAT, "ikg:Actor", None, "start date", "起始时间", "When a mechanism, pilot or cooperation began."),
    ("ikg:distinction", DAT, "ikg:Actor", None, "distinction", "殊荣/定位", "A claim of rank or uniqueness the source makes about an actor (first in the province, largest in the country, ...)."),
    ("ikg:milestone", DAT, "ikg:Actor", None, "milestone", "进展", "A reached stage the source reports (registered, in clinical use, officially in operation)."),
    ("ikg:span", DAT, "ikg:Evidence", "xsd:string", "span", "原文片段", "The short text of the source that states the fact: a name, or a figure with its unit."),
    ("ikg:start", DAT, "ikg:Evidence", "xsd:integer", "start offset", "起始位置", "Offset of the span's first character in the source text decoded as UTF-8 (Python str index)."),
    ("ikg:end", DAT, "ikg:Evidence", "xsd:integer", "end offset", "结束位置", "Offset just past the span's last character: text[start:end] == span."),
    ("ikg:sha256", DAT, "ikg:SourceDocument", "xsd:string", "SHA-256", "SHA-256 摘要", "Hex SHA-256 digest of the source file's bytes."),
    ("ikg:fileName", DAT, "ikg:SourceDocument", "xsd:string", "file name", "文件名", "Name of the source text file."),
    ("ikg:dateNote", DAT, "ikg:SourceDocument", None, "date note", "日期说明", "What is and is not known about a source's date."),
    ("ikg:scaleFactor", DAT, "skos:Concept", "xsd:decimal", "scale factor", "换算系数", "Multiply a value in this unit by the factor to get it in the base unit (亿元 = 100000000 yuan)."),
    ("ikg:baseUnit", OBJ, "skos:Concept", "skos:Concept", "base unit", "基本单位", "The unit a scaled unit converts to."),
]

REUSED_PROPERTIES = [
    ("org:organization", OBJ, "http://www.w3.org/ns/org#"), ("org:member", OBJ, "http://www.w3.org/ns/org#"),
    ("org:role", OBJ, "http://www.w3.org/ns/org#"), ("org:subOrganizationOf", OBJ, "http://www.w3.org/ns/org#"),
    ("org:hasSite", OBJ, "http://www.w3.org/ns/org#"),
    ("prov:wasDerivedFrom", OBJ, "http://www.w3.org/ns/prov#"),
    ("schema:value", DAT, "https://schema.org/"), ("schema:unitText", DAT, "https://schema.org/"),
    ("schema:jobTitle", DAT, "https://schema.org/"),
    ("dcterms:title", DAT, "http://purl.org/dc/terms/"), ("dcterms:alternative", DAT, "http://purl.org/dc/terms/"),
    ("dcterms:publisher", OBJ, "http://purl.org/dc/terms/"), ("dcterms:date", DAT, "http://purl.org/dc/terms/"),
    ("dcterms:creator", DAT, "http://purl.org/dc/terms/"),
    ("rdf:subject", "rdf:Property", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdf:predicate", "rdf:Property", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdf:object", "rdf:Property", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("skos:prefLabel", "owl:AnnotationProperty", "http://www.w3.org/2004/02/skos/core#"),
    ("skos:altLabel", "owl:AnnotationProperty", "http://www.w3.org/2004/02/skos/core#"),
    ("skos:definition", "owl:AnnotationProperty", "http://www.w3.org/2004/02/skos/core#"),
    ("skos:note", "owl:AnnotationProperty", "http://www.w3.org/2004/02/skos/core#"),
    ("skos:broader", OBJ, "http://www.w3.org/2004/02/skos/core#"),
]

# Labels for reused properties that become network edges (label_en, label_zh)
REUSED_LABELS = {
    "org:subOrganizationOf": ("sub-organization of", "隶属于"),
    "org:hasSite": ("has site", "设有场所"),
}

# Roles: the fixed vocabulary of org:Role instances (ikr:role/<slug>, label_zh, label_en, definition_en)
ROLES = [
    ("lead-unit", "牵头单位", "lead unit", "The organization that leads and forms a consortium or project."),
    ("member-unit", "成员单位", "member unit", "A full member of a consortium."),
    ("cooperating-unit", "合作成员单位", "cooperating member unit", "A cooperating (associate) member of a consortium."),
    ("chain-enterprise", "链上企业", "chain enterprise", "An enterprise in an industrial chain or cluster."),
    ("chain-leader", "链主企业", "chain leader", "The leading enterprise of an industrial chain (链主)."),
    ("supporting-unit", "依托单位", "supporting unit", "An organization that hosts and supports a laboratory or platform."),
    ("researcher", "研究员", "researcher", "A research fellow (研究员) of an institute or academy."),
    ("responsible-person", "相关负责人", "responsible person", "A person in charge who speaks for an organization."),
    ("reporter", "记者", "reporter", "A staff reporter of a news organization."),
    ("correspondent", "通讯员", "correspondent", "A correspondent who contributes to a news organization."),
]

# Units: ikr:unit/<slug>, label_zh, label_en, scale factor, base unit slug
UNITS = [
    ("percent", "%", "per cent", None, None),
    ("enterprise", "家", "enterprises", None, None),
    ("enterprise-hu", "户", "enterprises (households)", None, None),
    ("organization", "家", "organizations (counted with 家)", None, None),
    ("item", "项", "items", None, None),
    ("piece", "件", "pieces", None, None),
    ("individual", "个", "units (individual things)", None, None),
    ("yuan", "元", "yuan (CNY)", None, None),
    ("hundred-million-yuan", "亿元", "hundred million yuan (CNY)", "100000000", "yuan"),
    ("square-metre", "平方米", "square metres", None, None),
    ("ten-thousand-square-metres", "万平方米", "ten thousand square metres", "10000", "square-metre"),
    ("year", "年", "years", None, None),
    ("session", "场次", "sessions", None, None),
    ("batch", "期", "sessions (training batches)", None, None),
    ("person", "名", "people", None, None),
    ("person-honorific", "位", "people (honorific count)", None, None),
    ("continent", "大洲", "continents", None, None),
    ("rank", "名次", "rank (1 = first)", None, None),
]

ONTOLOGY_IRI = "https://w3id.org/innovation-kg/ontology"


def main():
    """Write ontology/innovation.ttl."""
    with atomic_write(ROOT / "ontology" / "innovation.ttl") as handle:
        handle.write(render())


def render():
    out = [f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()]
    out.append("\n# innovation-kg ontology: actors of regional innovation, their relations, dated figures and the\n"
               "# evidence each fact rests on. Generated by tools/build_ontology.py; see docs/ontology.md.\n\n")
    out.append(f"<{ONTOLOGY_IRI}> a owl:Ontology ;\n"
               f"    rdfs:label {_zh('innovation-kg ontology', 'en')}, {_zh('创新知识图谱本体')} ;\n"
               f"    skos:definition {_zh('Classes and properties for a knowledge graph of innovation actors (organizations, people, places, policies, projects, agreements, events, technologies) and the dated figures and text evidence behind them.', 'en')} ;\n"
               f"    owl:versionInfo \"0.1.0\" .\n\n")
    out.append("# ---- our classes ----\n\n")
    for curie, supers, en, zh, definition in CLASSES:
        lines = [f"{curie} a owl:Class"]
        if supers:
            lines.append("rdfs:subClassOf " + ", ".join(supers))
        lines += [f"rdfs:label {_zh(en, 'en')}, {_zh(zh)}", f"skos:definition {_zh(definition, 'en')}",
                  f"rdfs:isDefinedBy <{ONTOLOGY_IRI}>"]
        out.append(" ;\n    ".join(lines) + " .\n\n")
    out.append("# ---- reused classes (declared so every class the data uses is known) ----\n\n")
    for curie, defined_by in REUSED_CLASSES:
        out.append(f"{curie} a owl:Class ; rdfs:isDefinedBy <{defined_by}> .\n")
    out.append("\n# ---- our properties ----\n\n")
    for row in PROPERTIES:
        curie, kind, domain, range_, en, zh, definition = row[:7]
        lines = [f"{curie} a {kind}"]
        if len(row) > 7:
            lines.append(f"rdfs:subPropertyOf {row[7]}")
        if domain:
            lines.append(f"rdfs:domain {domain}")
        if range_:
            lines.append(f"rdfs:range {range_}")
        lines += [f"rdfs:label {_zh(en, 'en')}, {_zh(zh)}", f"skos:definition {_zh(definition, 'en')}",
                  f"rdfs:isDefinedBy <{ONTOLOGY_IRI}>"]
        out.append(" ;\n    ".join(lines) + " .\n\n")
    out.append("# ---- reused properties ----\n\n")
    for curie, kind, defined_by in REUSED_PROPERTIES:
        labels = ""
        if curie in REUSED_LABELS:  # edge names in paths and views come from these labels
            en, zh = REUSED_LABELS[curie]
            labels = f" ;\n    rdfs:label {_zh(en, 'en')}, {_zh(zh)}"
        out.append(f"{curie} a {kind} ; rdfs:isDefinedBy <{defined_by}>{labels} .\n")
    out.append("\n# ---- roles (org:Role instances every source may use) ----\n\n")
    for slug, zh, en, definition in ROLES:
        out.append(f"{_ikr('role', slug)} a org:Role ;\n    skos:prefLabel {_zh(zh)}, {_zh(en, 'en')} ;\n"
                   f"    skos:definition {_zh(definition, 'en')} .\n\n")
    out.append("# ---- units (skos:Concept; the article's unit text stays on each figure as schema:unitText) ----\n\n")
    for slug, zh, en, factor, base in UNITS:
        extra = ""
        if factor:
            extra = f" ;\n    ikg:scaleFactor {factor}.0 ;\n    ikg:baseUnit {_ikr('unit', base)}"
        out.append(f"{_ikr('unit', slug)} a skos:Concept ;\n    skos:prefLabel {_zh(zh)}, {_zh(en, 'en')}{extra} .\n\n")
    return "".join(out)


# helpers

def _ikr(kind, slug):
    return f"<{PREFIXES['ikr']}{kind}/{slug}>"


def _zh(text, lang="zh"):
    return Literal(text, lang=lang).n3()


if __name__ == "__main__":
    main()
