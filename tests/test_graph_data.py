"""The article's graph: complete names, readable IRIs, evidence for every fact, no invented members."""

import re

import pytest
from rdflib import Literal, URIRef

from kg.stores.load import default_sources, parse_into
from kg.namespaces import IKG, IKR, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, sparql_prologue
from kg.validate import undeclared_terms

SOURCE = IKR["source/000_53c5d41e29162869"]
KINDS = ("org|person|place|policy|project|agreement|event|technology|program|figure|membership|evidence|source|reference|"
         "role|measure|unit|sector|ambiguity|facility")
IRI_PATTERN = re.compile(rf"^https://w3id\.org/innovation-kg/id/({KINDS})/[a-z0-9][a-z0-9_-]*$")


def org(slug):
    return IKR[f"org/{slug}"]


def _actors(graph):
    query = "SELECT DISTINCT ?a WHERE { ?a a/rdfs:subClassOf* ikg:Actor }"
    return sorted(row[0] for row in graph.query(sparql_prologue() + query))


def _zh(graph, node):
    return [str(o) for o in graph.objects(node, SKOS.prefLabel) if o.language == "zh"]


def _evidence_for(graph, s, p, o=None):
    found = []
    for e in graph.subjects(RDF.subject, s):
        if graph.value(e, RDF.predicate) == p and (o is None or graph.value(e, RDF.object) == o):
            found.append(e)
    return found


def test_every_data_file_parses_on_its_own(root):
    from rdflib import Graph

    sources = [s for s in default_sources(root) if s.path.parent.parent.name == "graph_data"]
    assert len(sources) >= 1
    assert all(s.graph.endswith("/graph/" + s.path.parent.name) for s in sources)
    for source in sources:
        assert len(parse_into(Graph(), source.path)) > 0, source.path


def test_every_class_and_property_the_data_uses_is_declared(data_graph, ontology_graph):
    assert undeclared_terms(data_graph, ontology_graph) == []


def test_the_article_yields_a_substantial_graph(article_rdflib):
    actors = _actors(article_rdflib)
    assert len(actors) >= 100
    assert len(set(article_rdflib.subjects(RDF.type, IKG.Evidence))) >= 300


def test_every_actor_has_one_chinese_and_one_english_name_and_a_source(article_rdflib):
    for actor in _actors(article_rdflib):
        labels = list(article_rdflib.objects(actor, SKOS.prefLabel))
        assert sorted(label.language for label in labels) == ["en", "zh"], actor
        sources = set(article_rdflib.objects(actor, PROV.wasDerivedFrom))
        assert sources and all((source, RDF.type, IKG.SourceDocument) in article_rdflib for source in sources), actor


def test_data_uses_skos_labels_not_rdfs_labels(data_graph):
    assert list(data_graph.triples((None, RDFS.label, None))) == []


def test_iris_are_readable_ascii_and_follow_the_scheme(data_graph):
    subjects = {s for s in data_graph.subjects() if str(s).startswith(str(IKR))}
    bad = sorted(str(s) for s in subjects if not IRI_PATTERN.match(str(s)))
    assert bad == []


def test_every_chinese_name_has_evidence(article_rdflib):
    for actor in _actors(article_rdflib):
        [name] = _zh(article_rdflib, actor)
        assert _evidence_for(article_rdflib, actor, SKOS.prefLabel, Literal(name, lang="zh")), actor


def test_every_relation_between_actors_has_evidence(article_rdflib):
    actors = set(_actors(article_rdflib))
    skipped = (str(RDF), str(PROV), str(SKOS))
    for s, p, o in article_rdflib:
        if s in actors and o in actors and not str(p).startswith(skipped):
            assert _evidence_for(article_rdflib, s, p, o), (s, p, o)


def test_every_membership_and_figure_has_evidence(article_rdflib):
    for membership in article_rdflib.subjects(RDF.type, ORG.Membership):
        member = article_rdflib.value(membership, ORG.member)
        assert _evidence_for(article_rdflib, membership, ORG.member, member), membership
    for figure in article_rdflib.subjects(RDF.type, IKG.Figure):
        assert _evidence_for(article_rdflib, figure, SCHEMA.value), figure


def test_collectives_are_counts_not_invented_members(article_rdflib):
    cluster = org("jinchang-non-ferrous-metals-new-materials-industrial-cluster")
    assert list(article_rdflib.subjects(ORG.organization, cluster)) == []
    chain_enterprise = IKR["role/chain-enterprise"]
    # the seed names no chain enterprise (another source may name some, of another chain)
    assert [m for m in article_rdflib.subjects(ORG.role, chain_enterprise)
            if (m, PROV.wasDerivedFrom, SOURCE) in article_rdflib] == []
    figure = IKR["figure/jinchang-non-ferrous-metals-new-materials-industrial-cluster-"
                 "chain-enterprises-forming-innovation-consortia-2024"]
    measure = article_rdflib.value(figure, IKG.measure)
    assert (measure, RDF.type, IKG.CollectiveMeasure) in article_rdflib
    assert article_rdflib.value(measure, IKG.countsRole) == chain_enterprise
    assert int(article_rdflib.value(figure, SCHEMA.value)) == 64
    # 2,442 high-tech enterprises, 13 consortia: counts, while the graph names only the few the article names
    seed = set(article_rdflib.subjects(PROV.wasDerivedFrom, SOURCE))
    enterprises = set(article_rdflib.subjects(RDF.type, IKG.Enterprise)) & seed
    consortia = set(article_rdflib.subjects(RDF.type, IKG.InnovationConsortium)) & seed
    assert len(enterprises) < 20 and len(consortia) == 1


def test_the_two_taiji_companies_are_not_merged_and_the_ambiguity_is_recorded(article_rdflib):
    ion, kejin = org("lanzhou-taiji-ion-technology"), org("lanzhou-kejin-taiji-new-technology")
    assert _zh(article_rdflib, ion) == ["兰州泰基离子技术有限公司"]
    assert _zh(article_rdflib, kejin) == ["兰州科近泰基新技术有限责任公司"]
    holders = sorted(article_rdflib.subjects(SKOS.altLabel, Literal("兰州泰基公司", lang="zh")))
    assert holders == [ion]
    ambiguity = IKR["ambiguity/taiji-company-names"]
    assert set(article_rdflib.objects(ambiguity, IKG.concerns)) == {ion, kejin}


def test_wang_aiqin_has_no_guessed_organization(article_rdflib):
    wang = IKR["person/wang-aiqin"]
    assert list(article_rdflib.subjects(ORG.member, wang)) == []
    assert (IKR["ambiguity/wang-aiqin-organization-unstated"], IKG.concerns, wang) in article_rdflib


@pytest.mark.parametrize("slug, alias", [
    ("gansu-provincial-department-of-science-and-technology", "省科技厅"),
    ("lanzhou-veterinary-research-institute", "兰州兽研所"),
    ("gansu-hailiang-new-energy-materials", "甘肃海亮"),
    ("gansu-ion-radiotherapy-technology-innovation-consortium", "离子放射治疗创新联合体"),
])
def test_short_forms_are_aliases_with_evidence(article_rdflib, slug, alias):
    node = org(slug)
    assert Literal(alias, lang="zh") in set(article_rdflib.objects(node, SKOS.altLabel))
    assert _evidence_for(article_rdflib, node, SKOS.altLabel, Literal(alias, lang="zh"))


def test_source_document_names_title_publisher_year_and_authors(article_rdflib):
    g = article_rdflib
    assert (SOURCE, RDF.type, IKG.SourceDocument) in g
    assert str(g.value(SOURCE, IKG.fileName)) == "000_53c5d41e29162869.txt"
    assert re.fullmatch("[0-9a-f]{64}", str(g.value(SOURCE, IKG.sha256)))
    assert _zh(g, g.value(SOURCE, URIRef("http://purl.org/dc/terms/publisher"))) == ["新甘肃·甘肃日报"]
    assert str(g.value(SOURCE, URIRef("http://purl.org/dc/terms/date"))) == "2025"
    creators = sorted(str(c) for c in g.objects(SOURCE, URIRef("http://purl.org/dc/terms/creator")))
    assert creators == ["吴涵", "郑金"]


def test_voronezh_reaches_the_science_department_through_stated_facts(article_rdflib):
    import networkx as nx

    from kg.analysis.network import project, undirected

    G = undirected(project(article_rdflib))
    path = nx.shortest_path(G, str(org("voronezh-state-agrarian-university")),
                            str(org("gansu-provincial-department-of-science-and-technology")))
    assert path[1] == str(IKR["project/china-russia-potato-germplasm-innovation-and-technology-transfer"])
    assert len(path) == 3


def test_every_chinese_alias_has_evidence(article_rdflib):
    for actor, alias in article_rdflib.subject_objects(SKOS.altLabel):
        if alias.language == "zh":
            assert _evidence_for(article_rdflib, actor, SKOS.altLabel, alias), (actor, alias)


def test_every_informant_of_a_figure_has_evidence(article_rdflib):
    for figure, who in article_rdflib.subject_objects(IKG.reportedBy):
        assert _evidence_for(article_rdflib, figure, IKG.reportedBy, who), (figure, who)


def test_figures_counting_non_enterprises_do_not_use_the_enterprise_unit(article_rdflib):
    for figure, measure in article_rdflib.subject_objects(IKG.measure):
        counted = article_rdflib.value(measure, IKG.countsClass)
        if counted is not None and counted != IKG.Enterprise:
            assert article_rdflib.value(figure, IKG.unit) != IKR["unit/enterprise"], figure


def test_qualifiers_follow_the_words_of_the_article(article_rdflib, article_text):
    # 多/余/超 in the span or 突破 just before it mean more-than; 近 just before it means nearly
    for figure in article_rdflib.subjects(RDF.type, IKG.Figure):
        [evidence] = _evidence_for(article_rdflib, figure, SCHEMA.value)
        start, end = int(article_rdflib.value(evidence, IKG.start)), int(article_rdflib.value(evidence, IKG.end))
        span, before = article_text[start:end], article_text[max(0, start - 2):start]
        expected = ("more-than" if set("多余超") & set(span) or before == "突破"
                    else "nearly" if before.endswith("近") else None)
        qualifier = article_rdflib.value(figure, IKG.qualifier)
        assert (str(qualifier) if qualifier is not None else None) == expected, (figure, span)
