"""The hand-over to a real triple store: push the article graph into Virtuoso, ask it every named query.

Needs ``virtuoso-t`` (Debian virtuoso-opensource-7-bin); skips, saying so, without it. One private server
for the module (tests/virtuoso.py), about 2-5 s to start.
"""

from collections import Counter
from decimal import Decimal
from urllib.parse import quote

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from tests.virtuoso import virtuoso  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.virtuoso, pytest.mark.slow]

GRAPH = "https://w3id.org/innovation-kg/graph/main"
TRAPS = "https://w3id.org/innovation-kg/graph/test-traps"
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short,
           XSD.nonNegativeInteger, XSD.positiveInteger}


@pytest.fixture(scope="module")
def pushed(virtuoso, article_graph):  # noqa: F811
    from kg.stores.push import push

    progress = []
    result = push(article_graph, virtuoso.graph_store_url, graph_iri=GRAPH, batch_size=1000,
                  progress=lambda sent, total: progress.append((sent, total)))
    return result, progress


@pytest.fixture(scope="module")
def remote(virtuoso, pushed):  # noqa: F811
    from kg.stores.load import open_store

    return open_store(f"sparql:{virtuoso.sparql_url}?default-graph-uri={quote(GRAPH, safe='')}")


def merged_count(store):
    """How many distinct triples the store's graphs hold: what one target graph receives (a triple that
    several sources state is sent once), and what the local store's merged default graph counts."""
    return len({(quad.subject, quad.predicate, quad.object) for quad in store.quads()})


def test_push_sends_every_triple_in_batches_and_verifies_the_count(pushed, article_graph):
    result, progress = pushed
    merged = merged_count(article_graph)
    assert merged < len(article_graph)  # sources restate actors: counted per graph, they count more
    assert result.triples == merged == result.remote_count
    assert result.batches == -(-merged // 1000)
    assert progress[-1] == (merged, merged)
    assert [sent for sent, _ in progress] == sorted(sent for sent, _ in progress)


def test_the_remote_store_reads_the_same_graph(remote, article_graph):
    assert len(remote) == merged_count(article_graph)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert [int(row[0].value) for row in remote.query(count)] == [int(row[0].value) for row in article_graph.query(count)]


def test_every_named_query_answers_the_same_on_virtuoso(remote, article_graph):
    from kg.query import named_queries, run_query

    queries = named_queries()
    assert queries, "no named queries in kg/query/named/"
    chinese = 0
    for name, named in queries.items():
        local = run_query(article_graph, named.text)
        far = run_query(remote, named.text)
        assert far.kind == local.kind, name
        if local.kind == "ask":
            assert far.boolean == local.boolean, name
            continue
        if local.graph is not None:
            assert _graph_key(far.graph) == _graph_key(local.graph), name
            continue
        assert far.vars == local.vars, name
        local_rows = Counter(tuple(_term_key(t) for t in row) for row in local.rows)
        far_rows = Counter(tuple(_term_key(t) for t in row) for row in far.rows)
        assert far_rows == local_rows, f"{name}: {sorted(far_rows - local_rows)[:3]} vs {sorted(local_rows - far_rows)[:3]}"
        chinese += sum(1 for row in local.rows for t in row if _has_han(getattr(t, 'value', '')))
    assert chinese > 0, "no Chinese literal was compared"


def test_language_tags_come_back_in_their_usual_case(virtuoso):  # noqa: F811
    from kg.stores.load import open_store
    from kg.stores.push import push

    g = Graph()
    subject = URIRef("https://w3id.org/innovation-kg/id/test/tags")
    g.add((subject, URIRef("urn:x:name"), Literal("兰州大学", lang="zh-Hans-CN")))
    g.add((subject, URIRef("urn:x:share"), Literal(0.25, datatype=XSD.double)))
    push(g, virtuoso.graph_store_url, graph_iri=TRAPS)
    far = open_store(f"sparql:{virtuoso.sparql_url}?default-graph-uri={quote(TRAPS, safe='')}")
    (name,) = [row[0] for row in far.query("SELECT ?n WHERE { ?s <urn:x:name> ?n }")]
    # language tags are case-insensitive (BCP 47); Oxigraph's terms carry them lower-cased
    assert name.language.lower() == "zh-hans-cn" and name.value == "兰州大学"
    # a graph answer is asked for as N-Triples, so a double stays a double (Virtuoso's Turtle says decimal)
    answer = far.query("CONSTRUCT { ?s <urn:x:share> ?v } WHERE { ?s <urn:x:share> ?v }")
    (value,) = [triple.object for triple in answer]
    assert value.datatype.value == str(XSD.double) and float(value.value) == 0.25


def test_a_result_cut_at_the_servers_row_limit_is_an_error(remote):
    from kg.errors import KGError
    from kg.query import run_query

    # ResultSetMaxRows is 10000 in tests/virtuoso.py; this join has far more rows
    with pytest.raises(KGError, match="row limit"):
        run_query(remote, "SELECT ?a ?b WHERE { ?a skos:prefLabel ?x . ?b skos:prefLabel ?y }")


def test_a_count_mismatch_is_an_error(virtuoso, monkeypatch):  # noqa: F811
    from kg.errors import KGError
    from kg.stores import push as push_module

    # Oxigraph already folds "1.0" and "1.00" into one decimal, as Virtuoso does, so the mismatch is made
    # by a count that answers one less than the store really holds
    real_count = push_module.count_triples
    monkeypatch.setattr(push_module, "count_triples", lambda *a, **k: real_count(*a, **k) - 1)
    g = Graph()
    subject = URIRef("https://w3id.org/innovation-kg/id/test/count")
    g.add((subject, URIRef("urn:x:n"), Literal("1", datatype=XSD.integer)))
    g.add((subject, URIRef("urn:x:n"), Literal("2", datatype=XSD.integer)))
    with pytest.raises(KGError, match=r"pushed 2 triples into <[^>]+> but the store holds 1"):
        push_module.push(g, virtuoso.graph_store_url, graph_iri=TRAPS + "-count")


def test_kg_push_command(virtuoso):  # noqa: F811
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["push", virtuoso.graph_store_url, "--graph", TRAPS + "-cli",
                                      "--data", "tests/data/mini.ttl", "--batch-size", "100"])
    assert result.exit_code == 0, result.output
    mini = Graph().parse("tests/data/mini.ttl")
    assert f"Pushed {len(mini):,} triples into <{TRAPS}-cli>" in result.output
    assert f"the store holds {len(mini):,}" in result.output


def test_kg_push_to_nowhere_is_one_line(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["push", "http://127.0.0.1:9/sparql-graph-crud", "--data",
                                      "tests/data/mini.ttl"])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    # the file's triples go to the named graph the loader gave them (the file's own IRI)
    assert line.startswith("Error: cannot reach http://127.0.0.1:9/sparql-graph-crud?graph=file%3A")
    assert line.endswith("mini.ttl: [Errno 111] Connection refused")


# helpers

def _term_key(term):
    """A term as engines agree on it: numbers by value, xsd:string as a plain literal, blank nodes alike.

    Query results are pyoxigraph terms; rdflib terms are accepted too."""
    import pyoxigraph

    if term is None:
        return ("unbound",)
    if isinstance(term, (BNode, pyoxigraph.BlankNode)):
        return ("bnode",)
    if isinstance(term, (URIRef, pyoxigraph.NamedNode)):
        return ("iri", str(term.value if isinstance(term, pyoxigraph.NamedNode) else term))
    if isinstance(term, pyoxigraph.Literal):
        value, datatype, language = term.value, URIRef(term.datatype.value), term.language
    else:
        value, datatype, language = str(term), term.datatype, term.language
    if datatype in NUMERIC:
        return ("number", Decimal(str(Literal(value, datatype=datatype).toPython())))
    datatype = None if datatype in (None, XSD.string, RDF.langString) else str(datatype)
    return ("literal", value, (language or "").lower(), datatype)


def _graph_key(graph):
    return Counter(tuple(_term_key(t) for t in triple) for triple in graph)


def _has_han(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_kg_query_reads_virtuoso_through_the_sparql_store(virtuoso, pushed, article_graph):  # noqa: F811
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.query import run_named, to_csv

    spec = f"sparql:{virtuoso.sparql_url}?default-graph-uri={quote(GRAPH, safe='')}"
    result = CliRunner().invoke(cli, ["query", "--name", "places", "--format", "csv", "--store", spec])
    assert result.exit_code == 0, result.output
    local = to_csv(run_named(article_graph, "places"))
    assert sorted(result.output.strip().splitlines()) == sorted(local.strip().splitlines())


def test_the_dataset_keeps_its_named_graphs_on_virtuoso(virtuoso, article_graph):  # noqa: F811
    """kg push writes each source to its own graph; FROM, FROM NAMED and GRAPH ?g answer as locally."""
    from kg.query import run_query
    from kg.stores.load import graph_iri, open_store
    from kg.stores.push import push

    result = push(article_graph, virtuoso.graph_store_url, batch_size=2000)
    article, ontology = graph_iri("000_53c5d41e29162869"), graph_iri("ontology")
    assert {article, ontology} <= set(result.graphs)
    far = open_store(f"sparql:{virtuoso.sparql_url}")
    queries = [
        f"SELECT (COUNT(*) AS ?n) FROM <{article}> WHERE {{ ?s ?p ?o }}",
        f"SELECT (COUNT(*) AS ?n) FROM <{article}> FROM <{ontology}> WHERE {{ ?s ?p ?o }}",
        f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{article}> FROM NAMED <{ontology}> "
        "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        f"ASK FROM <{ontology}> {{ <https://w3id.org/innovation-kg/id/org/lanzhou-university> ?p ?o }}",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article}> {{ ?s a ?c }} }}",
    ]
    for text in queries:
        local, remote = run_query(article_graph, text), run_query(far, text)
        if local.kind == "ask":
            assert remote.boolean == local.boolean, text
        else:
            assert [[_term_key(t) for t in row] for row in remote.rows] == \
                   [[_term_key(t) for t in row] for row in local.rows], text
