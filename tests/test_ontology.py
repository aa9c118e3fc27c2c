"""The ontology: parses, names and defines every term in English and Chinese, follows the data-model contract."""

import pytest
from rdflib import Graph, Literal

from kg.stores.load import parse_into
from kg.namespaces import FOAF, IKG, IKR, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SH, SKOS

OUR_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

#: the contract's class tree (docs/data-model.md): class -> superclasses it must have
CONTRACT_CLASSES = {
    "Actor": [],
    "Organization": [IKG.Actor, ORG.Organization],
    "GovernmentBody": [IKG.Organization, ORG.FormalOrganization],
    "ResearchInstitute": [IKG.Organization], "Academy": [IKG.Organization], "University": [IKG.Organization],
    "Enterprise": [IKG.Organization], "Hospital": [IKG.Organization], "TestingInstitute": [IKG.Organization],
    "Bank": [IKG.Organization], "Laboratory": [IKG.Organization], "NationalPlatform": [IKG.Organization],
    "HighTechZone": [IKG.Organization], "Park": [IKG.Organization], "MediaOrganization": [IKG.Organization],
    "Team": [IKG.Organization],
    "InnovationConsortium": [IKG.Organization, ORG.OrganizationalCollaboration],
    "IndustrialCluster": [IKG.Organization], "IndustrialChain": [IKG.Organization],
    "Person": [IKG.Actor, FOAF.Person, PROV.Person],
    "Place": [IKG.Actor, SCHEMA.Place],
    "Country": [IKG.Place], "Province": [IKG.Place], "City": [IKG.Place], "District": [IKG.Place],
    "Township": [IKG.Place],
    "PolicyInstrument": [IKG.Actor], "PolicyDocument": [IKG.PolicyInstrument], "Mechanism": [IKG.PolicyInstrument],
    "Program": [IKG.Actor], "Project": [IKG.Actor, PROV.Activity], "Agreement": [IKG.Actor],
    "Event": [IKG.Actor, PROV.Activity], "Technology": [IKG.Actor], "Product": [IKG.Technology],
    "Figure": [SCHEMA.QuantitativeValue], "Evidence": [RDF.Statement, PROV.Entity],
    "SourceDocument": [PROV.Entity, SCHEMA.NewsArticle], "Ambiguity": [], "CollectiveMeasure": [SKOS.Concept],
}

CONTRACT_PROPERTIES = [
    "locatedIn", "partOfPlace", "affiliatedWith", "issuedBy", "implementedBy", "appliesTo", "pilotedIn",
    "recommendedBy", "ledBy", "participant", "supportedBy", "partOfProgram", "party", "visited", "organizer",
    "developedBy", "approvedBy", "awarded", "operates", "supportsConsortium", "sector", "subject", "measure",
    "unit", "qualifier", "time", "countsRole", "countsClass", "span", "start", "end", "sha256", "fileName",
    "concerns",
]

CONTRACT_ROLES = {
    "lead-unit": "牵头单位", "member-unit": "成员单位", "cooperating-unit": "合作成员单位",
    "chain-enterprise": None, "chain-leader": None, "supporting-unit": "依托单位", "researcher": "研究员",
    "responsible-person": "相关负责人", "reporter": "记者", "correspondent": "通讯员",
}


def _ours(graph):
    return sorted({s for kind in OUR_KINDS for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(IKG))})


def _langs(graph, subject, predicate):
    return sorted(o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal))


def test_ontology_parses_and_declares_itself(ontology_graph):
    assert (None, RDF.type, OWL.Ontology) in ontology_graph
    assert len(_ours(ontology_graph)) > 60


def test_every_term_of_ours_has_english_and_chinese_label_and_english_definition(ontology_graph):
    missing = [str(term) for term in _ours(ontology_graph)
               if _langs(ontology_graph, term, RDFS.label) != ["en", "zh"]
               or _langs(ontology_graph, term, SKOS.definition) != ["en"]]
    assert missing == []


@pytest.mark.parametrize("name, supers", sorted(CONTRACT_CLASSES.items()))
def test_contract_class_is_declared_with_its_superclasses(ontology_graph, name, supers):
    cls = IKG[name]
    assert (cls, RDF.type, OWL.Class) in ontology_graph
    assert set(supers) <= set(ontology_graph.objects(cls, RDFS.subClassOf))


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES)
def test_contract_property_is_declared(ontology_graph, name):
    kinds = set(ontology_graph.objects(IKG[name], RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}


def test_domains_and_ranges_are_declared_classes(ontology_graph):
    classes = set(ontology_graph.subjects(RDF.type, OWL.Class))
    for predicate in (RDFS.domain, RDFS.range):
        for term, cls in ontology_graph.subject_objects(predicate):
            if str(cls).startswith(str(IKG)) or str(cls).startswith(str(ORG)):
                assert cls in classes, (term, predicate, cls)


def test_reused_terms_point_to_their_vocabulary(ontology_graph):
    for term in (ORG.Membership, ORG.member, PROV.wasDerivedFrom, SKOS.prefLabel, SCHEMA.value):
        assert ontology_graph.value(term, RDFS.isDefinedBy) is not None, term


def test_support_kinds_are_subproperties_of_supports_consortium(ontology_graph):
    for name in ("providesTechnicalForceTo", "providesTestingPriorityTo"):
        assert (IKG[name], RDFS.subPropertyOf, IKG.supportsConsortium) in ontology_graph


@pytest.mark.parametrize("slug, label_zh", sorted(CONTRACT_ROLES.items()))
def test_contract_role_exists_with_both_names(ontology_graph, slug, label_zh):
    role = IKR[f"role/{slug}"]
    assert (role, RDF.type, ORG.Role) in ontology_graph
    assert _langs(ontology_graph, role, SKOS.prefLabel) == ["en", "zh"]
    if label_zh:
        assert Literal(label_zh, lang="zh") in set(ontology_graph.objects(role, SKOS.prefLabel))


def test_scaled_units_convert_to_their_base_unit(ontology_graph):
    yi = IKR["unit/hundred-million-yuan"]
    assert float(ontology_graph.value(yi, IKG.scaleFactor)) == 1e8
    assert ontology_graph.value(yi, IKG.baseUnit) == IKR["unit/yuan"]


def test_every_scaled_unit_reaches_a_unit_without_a_base_and_each_label_is_one_unit(ontology_graph):
    # a chain of scales (万吨 -> 吨 -> 公斤) must end at a base unit, and no two units of the same
    # name except 家 (enterprises or organisations, which ingest picks by the measure)
    units = set(ontology_graph.subjects(IKG.scaleFactor, None))
    assert IKR["unit/ten-thousand-yuan"] in units and IKR["unit/ten-thousand-tonnes"] in units
    for unit in units:
        seen, factor = set(), 1.0
        while (base := ontology_graph.value(unit, IKG.baseUnit)) is not None:
            assert unit not in seen, unit
            seen.add(unit)
            factor *= float(ontology_graph.value(unit, IKG.scaleFactor))
            unit = base
        assert ontology_graph.value(unit, IKG.scaleFactor) is None and factor > 1
    labels = {}
    for unit in ontology_graph.subjects(SKOS.prefLabel, None):
        if "/unit/" in str(unit):
            for label in ontology_graph.objects(unit, SKOS.prefLabel):
                if label.language == "zh":
                    labels.setdefault(str(label), set()).add(unit)
    assert {label for label, found in labels.items() if len(found) > 1} == {"家"}
    assert {"万元", "万吨", "兆瓦", "万亩", "人"} <= set(labels)


def test_shapes_parse_and_every_property_rule_speaks_english(root):
    shapes = parse_into(Graph(), root / "ontology" / "shapes.ttl")
    rules = set(shapes.subjects(SH.path, None))
    assert len(rules) > 20
    for rule in rules:
        if (rule, SH.qualifiedValueShape, None) in shapes or (rule, SH.message, None) in shapes:
            message = str(shapes.value(rule, SH.message))
            assert message.isascii() and len(message.split()) >= 3, rule
        else:  # a rule nested in sh:or has its message on the enclosing shape
            assert any(True for _ in shapes.subjects(RDF.first, rule)), rule
