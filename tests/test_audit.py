"""The claim audit (kg.analysis.describe, kg show, the actor page) over the article and a second, made-up
source (tests/data/second_source/) that restates one of the article's facts and disagrees on one figure."""

import os

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT

SECOND = ROOT / "tests" / "data" / "second_source"
#: a loopback address: a server that checks the Host header answers for it
BASE = "http://127.0.0.1"
IKR = "https://w3id.org/innovation-kg/id/"
ARTICLE_SOURCE = IKR + "source/000_53c5d41e29162869"
SECOND_SOURCE = IKR + "source/test-second-source"
LZU = IKR + "org/lanzhou-university"
GANSU = IKR + "place/gansu"
CONSORTIUM = IKR + "org/gansu-ion-radiotherapy-technology-innovation-consortium"
RD_GROWTH = IKR + "measure/rd-investment-growth"


def two_source_files():
    """The project's ontology and article data, plus the second source's Turtle."""
    from kg.stores.load import default_sources

    later = tuple(p.parent.name for p in (ROOT / "graph_data").glob("src-*/claims.ttl"))  # the seed alone
    return [str(source.path) for source in default_sources(ROOT, skip=("reference-admin",) + later)] + \
        [str(SECOND / "test-second-source.ttl")]


@pytest.fixture(scope="module")
def two_sources():
    import kg

    old = os.environ.get("KG_SOURCES")
    os.environ["KG_SOURCES"] = str(SECOND)
    graph = kg.open(data=two_source_files())
    yield graph
    graph.close()
    if old is None:
        os.environ.pop("KG_SOURCES", None)
    else:
        os.environ["KG_SOURCES"] = old


@pytest.fixture(scope="module")
def lzu(two_sources):
    from kg.serve.pages import actor_data

    return actor_data(two_sources, LZU)


@pytest.fixture(scope="module")
def gansu(two_sources):
    from kg.serve.pages import actor_data

    return actor_data(two_sources, GANSU)


def test_a_restated_fact_counts_two_sources(lzu):
    restated = [r for r in lzu["outgoing"] if r["relation"].endswith("#providesTechnicalForceTo")]
    assert len(restated) == 1
    assert restated[0]["sources"] == sorted([ARTICLE_SOURCE, SECOND_SOURCE])
    assert restated[0]["source_count"] == 2 and restated[0]["single_source"] is False
    assert {e["source"] for e in restated[0]["evidence"]} == {ARTICLE_SOURCE, SECOND_SOURCE}


def test_facts_on_one_source_are_marked(lzu):
    others = [r for r in lzu["outgoing"] + lzu["incoming"] if not r["relation"].endswith("#providesTechnicalForceTo")]
    assert others and all(r["single_source"] and r["sources"] == [ARTICLE_SOURCE] for r in others)
    assert lzu["audit"] == {"facts": len(others) + 1, "single_source": len(others), "unsourced": 0,
                            "sources": sorted([ARTICLE_SOURCE, SECOND_SOURCE])}


def test_figures_the_sources_disagree_on_side_by_side(gansu):
    assert len(gansu["disagreements"]) == 1
    group = gansu["disagreements"][0]
    assert (group["measure"], str(group["time"])) == (RD_GROWTH, "2024")
    assert [(f["value"], f["sources"]) for f in group["figures"]] == [(8.1, [SECOND_SOURCE]), (8.4, [ARTICLE_SOURCE])]


def test_figures_carry_their_sources(gansu):
    by_source = {tuple(f["sources"]) for f in gansu["figures"]}
    assert by_source == {(ARTICLE_SOURCE,), (SECOND_SOURCE,)}
    assert sum(1 for f in gansu["figures"] if f["sources"] == [SECOND_SOURCE]) == 1


def test_the_article_alone_disagrees_with_nothing(article_kg):
    from kg.serve.pages import actor_data

    alone = actor_data(article_kg, GANSU)
    assert alone["disagreements"] == []
    assert alone["figures"] and all(f["sources"] == [ARTICLE_SOURCE] and f["single_source"] for f in alone["figures"])


def test_without_figure_sources_figures_are_not_counted(two_sources):
    from kg.analysis.describe import describe

    found = describe(two_sources.network, GANSU)
    assert all(f["sources"] is None and f["source_count"] is None for f in found["figures"])
    assert len(found["disagreements"]) == 1  # found from the values alone


def test_disagreement_needs_a_different_value():
    from kg.analysis.describe import disagreements

    same = [dict(iri="a", measure="m", value=8, time="2024", unit="%"),
            dict(iri="b", measure="m", value=8.0, time="2024", unit="%")]
    assert disagreements(same) == []
    other_unit = [dict(same[0]), dict(same[1], unit="个")]
    assert len(disagreements(other_unit)) == 1


def test_kg_show_marks_sources_and_shows_disagreements():
    from kg.cli import cli

    os.environ["KG_SOURCES"] = str(SECOND)
    try:
        args = ["show", "Gansu Province"]
        for path in two_source_files():
            args += ["--data", path]
        lines = CliRunner().invoke(cli, args, catch_exceptions=False).output.splitlines()
        args[1] = "兰州大学"
        lzu_lines = CliRunner().invoke(cli, args, catch_exceptions=False).output.splitlines()
    finally:
        del os.environ["KG_SOURCES"]
    assert "Figures the sources disagree on:" in lines
    assert ("  growth of society-wide R&D investment (2024): 8.1 per cent [test-second-source]  |  "
            "8.4 per cent [000_53c5d41e29162869]") in lines  # each figure names its source
    restated = [line for line in lzu_lines if "provides technical force to" in line]
    assert len(restated) == 1 and restated[0].endswith("[2 sources]")
    assert restated[0].count("兰州大学") == 2  # one evidence span in each source
    single = [line for line in lzu_lines if line.startswith("  ") and "provides technical force" not in line]
    assert single and all(line.endswith("[1 source]") for line in single)
    assert lzu_lines[-1] == ("Claim audit: 5 facts with recorded sources, 4 resting on one source; "
                             "sources (2): 000_53c5d41e29162869, test-second-source")


def test_show_without_provenance_prints_no_audit(article_kg):
    """A graph whose evidence names no source (like tests/data/small.ttl) prints as before: no marks."""
    from kg.analysis.describe import describe
    from kg.render import format_actor

    found = describe(article_kg.network, LZU)
    assert "[1 source]" in format_actor(found) and "Claim audit" in format_actor(found)
    for relation in found["outgoing"] + found["incoming"]:
        relation.update(sources=[], source_count=0, single_source=False)
    found["audit"] = {"facts": 0, "single_source": 0, "unsourced": 0, "sources": []}
    assert "source" not in format_actor(found).lower()


def test_actor_page_shows_the_audit(two_sources):
    from starlette.testclient import TestClient

    from kg.serve import create_app

    with TestClient(create_app(two_sources, timeout=10, workers=1), base_url=BASE) as client:
        gansu_page = client.get("/id/place/gansu").text
        lzu_page = client.get("/id/org/lanzhou-university").text
        twin = client.get("/id/place/gansu.json").json()
    assert 'id="disagreements"' in gansu_page
    table = gansu_page.split('id="disagreements"')[1].split("</table>")[0]
    assert table.index("8.1") < table.index("8.4")
    assert 'href="/source/test-second-source"' in table and 'href="/source/000_53c5d41e29162869"' in table
    assert twin["disagreements"][0]["figures"][0]["value"] == 8.1
    assert 'id="audit"' in lzu_page and "<strong>4</strong> resting on one source only" in lzu_page
    assert lzu_page.count('class="single-source"') == 4
    # the restated fact links to both sources' spans in the reader
    assert 'href="/source/test-second-source#span-25-29"' in lzu_page
    assert 'href="/source/000_53c5d41e29162869#span-2605-2609"' in lzu_page
