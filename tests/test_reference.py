"""Background knowledge lives in its own source, ikr:graph/reference-admin, each fact cited, switchable off."""

import pytest

from kg.namespaces import sparql_prologue
from kg.stores.load import graph_iri

PROLOGUE = sparql_prologue()

REFERENCE = graph_iri("reference-admin")


@pytest.fixture(scope="module")
def graph():
    import kg

    return kg.open()


def test_the_reference_source_is_a_named_graph_of_its_own(graph):
    graphs = graph.graphs()
    assert REFERENCE in graphs and graphs[REFERENCE] > 0
    assert graph_iri("000_53c5d41e29162869") in graphs


def test_every_reference_statement_is_cited_with_an_address_a_user_can_check(graph):
    rows = list(graph.store.select(PROLOGUE + f"""
        SELECT ?s ?p ?o ?citation ?url WHERE {{
          GRAPH <{REFERENCE}> {{
            ?s ?p ?o . FILTER(isIRI(?o))
            FILTER NOT EXISTS {{ ?s a ?any }}
            OPTIONAL {{ ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?ref .
                       ?ref dcterms:bibliographicCitation ?citation ; dcterms:source ?url }}
          }}
        }}"""))
    assert rows, "the reference graph states nothing"
    for s, p, o, citation, url in rows:
        assert citation and url and url.startswith(("http://", "https://")), (s, p, o)


def test_the_reference_source_adds_ties_between_named_actors_only(graph):
    new = list(graph.store.select(PROLOGUE + f"""
        SELECT DISTINCT ?x WHERE {{
          GRAPH <{REFERENCE}> {{ {{ ?x org:subOrganizationOf|ikg:governs|ikg:partOfPlace ?y }}
                                UNION {{ ?y org:subOrganizationOf|ikg:governs|ikg:partOfPlace ?x }} }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?x a ?cls }} FILTER(?g != <{REFERENCE}>) }}
        }}"""))
    assert new == [], f"actors only the reference source knows: {new}"


def test_it_joins_the_provincial_government_to_its_province_and_can_be_switched_off():
    import kg
    from kg.errors import NoPath

    route = kg.open().path("甘肃省人民政府", "甘肃")
    (hop,) = route["paths"][0]
    (evidence,) = hop["evidence"]
    assert evidence["start"] is None and evidence["source"].startswith("https://w3id.org/innovation-kg/id/reference/")
    with pytest.raises(NoPath):
        kg.open(skip_sources=("reference-admin",)).path("甘肃省人民政府", "甘肃")


def test_the_cli_names_the_reference_behind_a_hop():
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["path", "甘肃省科技厅", "甘肃省人民政府"])
    assert result.exit_code == 0, result.output
    assert "reference ikr:reference/gansu-government-departments" in result.output
    off = CliRunner().invoke(cli, ["path", "甘肃省科技厅", "甘肃省人民政府", "--without", "reference-admin"])
    assert off.exit_code != 0 and "Error:" in off.output
