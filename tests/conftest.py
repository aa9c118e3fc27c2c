"""Shared fixtures: the project root, the article's source text, the loaded article graph."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources"
ARTICLE = SOURCES / "000_53c5d41e29162869.txt"
MINI = ROOT / "tests" / "data" / "mini.ttl"


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def article_text():
    """The article's text, read from ../shared/sources/; tests that need it skip, saying why, without it."""
    if not ARTICLE.is_file():
        pytest.skip(f"source text not present at {ARTICLE} (../shared/sources/ is missing beside the checkout)")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article_graph():
    """The ontology and the article's data, loaded once into memory (do not mutate)."""
    from kg.stores.load import load_graph

    return load_graph()


@pytest.fixture(scope="session")
def ontology_graph(root):
    """ontology/innovation.ttl alone (do not mutate)."""
    from rdflib import Graph

    from kg.stores.load import parse_into

    return parse_into(Graph(), root / "ontology" / "innovation.ttl")


@pytest.fixture(scope="session")
def data_graph(root):
    """graph_data/*.ttl alone, without the ontology (do not mutate)."""
    from rdflib import Graph

    from kg.stores.load import parse_into

    graph = Graph()
    for path in sorted((root / "graph_data").glob("*.ttl")):
        parse_into(graph, path)
    return graph


@pytest.fixture(scope="session")
def validation_report(article_graph):
    """The SHACL report of the shipped graph, computed once per test session."""
    from kg.validate import validate

    return validate(article_graph)


@pytest.fixture(scope="module")
def mini_graph():
    """``tests/data/mini.ttl`` (a small hand-made graph in the data model), parsed once per test module."""
    from rdflib import Graph

    return Graph().parse(MINI)


@pytest.fixture(scope="module")
def mini_network(mini_graph):
    """The projection of ``tests/data/mini.ttl``, once per test module."""
    from kg.analysis.network import project

    return project(mini_graph)
