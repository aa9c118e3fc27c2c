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


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Cached projections go to a folder of this test session's own, never the user's cache (nor its key)."""
    import os

    folder = tmp_path_factory.mktemp("kg-cache")
    old = {name: os.environ.get(name) for name in ("KG_CACHE_DIR", "KG_CONFIG_DIR")}
    os.environ["KG_CACHE_DIR"] = str(folder)
    # the key that signs cached projections (kg.stores.cache.key_path): the session's own too
    os.environ["KG_CONFIG_DIR"] = str(tmp_path_factory.mktemp("kg-config"))
    os.environ["KG_NO_PROGRESS"] = "1"
    yield folder
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def article_kg():
    """The project's graph as a KnowledgeGraph (ontology and every source), loaded once (do not mutate)."""
    import kg

    return kg.open()


@pytest.fixture(scope="session")
def article_graph(article_kg):
    """The store of :func:`article_kg` (an in-memory Oxigraph store; do not mutate)."""
    return article_kg.store


@pytest.fixture(scope="session")
def article_rdflib(article_kg):
    """Every triple of the project's graph (ontology and sources) as one rdflib graph (do not mutate)."""
    return article_kg.store.rdflib_graph()


@pytest.fixture(scope="session")
def ontology_graph(root):
    """ontology/innovation.ttl alone, as an rdflib graph (do not mutate)."""
    from rdflib import Graph

    return Graph().parse(root / "ontology" / "innovation.ttl", format="turtle")


@pytest.fixture(scope="session")
def data_files(root):
    """The article source's data files (graph_data/<source-id>/*.ttl|*.trig)."""
    return sorted(p for p in (root / "graph_data").glob("*/*") if p.suffix in (".ttl", ".trig"))


@pytest.fixture(scope="session")
def data_graph(data_files):
    """Every source's data alone, without the ontology, as one rdflib graph (do not mutate)."""
    from rdflib import Dataset, Graph

    graph = Graph()
    for path in data_files:
        if path.suffix == ".trig":
            dataset = Dataset()
            dataset.parse(path, format="trig")
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph.parse(path, format="turtle")
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


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (a :class:`tests.browser.BrowserSession`; its playwright
    browser is ``.browser``); the module's tests skip, saying why, when Chromium or playwright is missing."""
    from tests.browser import chromium_missing_reason, open_browser

    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    with open_browser() as session:
        yield session


@pytest.fixture(scope="session")
def seed_kg():
    """The seed article with the ontology and the reference register only (every later source left out):
    the answers the seed alone gives, which growing the graph must not change (do not mutate)."""
    import kg

    later = sorted(p.parent.name for p in (ROOT / "graph_data").glob("src-*/claims.ttl"))
    return kg.open(skip_sources=later)


@pytest.fixture()
def project_copy(tmp_path, monkeypatch):
    """A copy of the project's ontology and graph_data as ``KG_HOME``, with its own sources folder (where
    ``kg ingest`` stores texts) and cache, the test's folder as the working directory; returns the home."""
    import shutil

    home = tmp_path / "home"
    home.mkdir()
    for folder in ("ontology", "graph_data"):
        shutil.copytree(ROOT / folder, home / folder)
    monkeypatch.setenv("KG_HOME", str(home))
    monkeypatch.setenv("KG_SOURCES", str(tmp_path / "sources"))
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return home
