"""kg.query: read-only SPARQL, located syntax errors, SPARQL 1.1 result formats, named queries."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode

from kg.errors import BadQuery, KGError, UnknownFormat
from kg.render import display_width
from kg.stores.load import open_store
from kg.query import (
    QueryResult, _description, named_queries, run_named, run_query, serialize, to_csv, to_json, to_table,
    to_tsv, to_xml,
)

TINY = """
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix ikr: <https://w3id.org/innovation-kg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
<https://w3id.org/innovation-kg/id/org/lanzhou-university> a ikg:University ;
    skos:prefLabel "兰州大学"@zh, "Lanzhou University"@en ;
    ikg:locatedIn <https://w3id.org/innovation-kg/id/place/lanzhou> .
<https://w3id.org/innovation-kg/id/place/lanzhou> a ikg:City ; skos:prefLabel "兰州"@zh, "Lanzhou"@en .
<https://w3id.org/innovation-kg/id/figure/f1> schema:value 2442 .
"""

IKG_UNIVERSITY = NamedNode("https://w3id.org/innovation-kg/ontology#University")
IKG_CITY = NamedNode("https://w3id.org/innovation-kg/ontology#City")
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
NAMES_ZH = "SELECT ?actor ?name WHERE { ?actor skos:prefLabel ?name FILTER(lang(?name) = 'zh') } ORDER BY ?actor"


@pytest.fixture(scope="module")
def tiny():
    """TINY in the default store (Oxigraph, in memory), in a named graph."""
    store = open_store("memory")
    store.add_turtle(TINY, graph="urn:x:tiny")
    return store


@pytest.fixture(scope="module")
def tiny_oxigraph(tmp_path_factory):
    """TINY in a persistent Oxigraph store."""
    from kg.stores.load import load

    data = tmp_path_factory.mktemp("data") / "tiny.ttl"
    data.write_text(TINY, encoding="utf-8")
    return load(f"oxigraph:{tmp_path_factory.mktemp('ox')}", [data])


@pytest.fixture(scope="module")
def tiny_rdflib():
    """TINY in the rdflib store (rdflib's own engine)."""
    store = open_store("rdflib")
    store.add_turtle(TINY, graph="urn:x:tiny")
    return store


def test_select_has_vars_and_rows_with_prefixes_predeclared(tiny):
    result = run_query(tiny, NAMES_ZH)
    assert result.kind == "select"
    assert result.vars == ["actor", "name"]
    assert result.rows == [
        (NamedNode("https://w3id.org/innovation-kg/id/org/lanzhou-university"), Literal("兰州大学", language="zh")),
        (NamedNode("https://w3id.org/innovation-kg/id/place/lanzhou"), Literal("兰州", language="zh")),
    ]


@pytest.mark.parametrize("graph_fixture", ["tiny", "tiny_oxigraph", "tiny_rdflib"])
def test_select_star_columns_follow_the_query(graph_fixture, request):
    graph = request.getfixturevalue(graph_fixture)
    result = run_query(graph, "SELECT * WHERE { ?zeta skos:prefLabel ?alpha . ?zeta a ?mid } LIMIT 1")
    assert result.vars == ["zeta", "alpha", "mid"]
    assert isinstance(result.rows[0][1], Literal) and result.rows[0][2] in (IKG_UNIVERSITY, IKG_CITY)


def test_every_store_answers_the_same(tiny, tiny_oxigraph, tiny_rdflib):
    assert run_query(tiny_oxigraph, NAMES_ZH).rows == run_query(tiny, NAMES_ZH).rows == \
        run_query(tiny_rdflib, NAMES_ZH).rows


def test_relative_iris_resolve_against_ikr_on_every_store(tiny, tiny_rdflib):
    query = "SELECT ?name WHERE { <org/lanzhou-university> skos:prefLabel ?name FILTER(lang(?name) = 'en') }"
    for store in (tiny, tiny_rdflib):
        assert [row[0].value for row in run_query(store, query).rows] == ["Lanzhou University"]
    built = run_query(tiny, "CONSTRUCT { <s> <p> 1 } WHERE {}").triples
    assert str(built[0].subject.value) == "https://w3id.org/innovation-kg/id/s"


def test_ask_and_construct(tiny):
    assert run_query(tiny, "ASK { ?x ikg:locatedIn <https://w3id.org/innovation-kg/id/place/lanzhou> }").boolean
    assert run_query(tiny, "ASK { ?x ikg:locatedIn ikg:Nowhere }").boolean is False
    result = run_query(tiny, "CONSTRUCT { ?x ikg:near ?y } WHERE { ?x ikg:locatedIn ?y }")
    assert result.kind == "construct" and len(result.graph) == 1
    assert "ikg:near" in serialize(result, "table")  # Turtle with the project's prefixes


def test_construct_as_csv_is_a_triple_table(tiny):
    result = run_query(tiny, "CONSTRUCT { ?x ikg:near ?y } WHERE { ?x ikg:locatedIn ?y }")
    assert to_csv(result) == ("subject,predicate,object\r\n"
                              "https://w3id.org/innovation-kg/id/org/lanzhou-university,"
                              "https://w3id.org/innovation-kg/ontology#near,"
                              "https://w3id.org/innovation-kg/id/place/lanzhou\r\n")


@pytest.mark.parametrize("graph_fixture", ["tiny", "tiny_oxigraph", "tiny_rdflib"])
def test_syntax_error_names_the_users_line_and_column(graph_fixture, request):
    graph = request.getfixturevalue(graph_fixture)
    with pytest.raises(BadQuery) as caught:
        run_query(graph, "SELECT ?x\nWHERE { ?x ?p ?o }\nLIMIT x")
    message = str(caught.value)
    assert message == "syntax error at line 3, column 1 (near 'LIMIT x')"


def test_misspelt_keyword_is_pointed_at(tiny):
    with pytest.raises(BadQuery, match=r"^syntax error at line 1, column 41 \(near 'LIMT 3'\)$"):
        run_query(tiny, "SELECT ?x WHERE { ?x a ikg:University } LIMT 3")


def test_oxigraph_only_syntax_says_what_it_expected(tiny_oxigraph):
    # rdflib accepts a projected variable that is not grouped; Oxigraph does not, and says why
    with pytest.raises(BadQuery, match=r"^syntax error at line 1, column \d+ .*: the SELECT contains a variable "
                                       r"that is unbound$"):
        run_query(tiny_oxigraph, "SELECT (COUNT(?x) AS ?n) ?y WHERE { ?x ?p ?y }")


def test_syntax_error_on_the_first_line(tiny):
    with pytest.raises(BadQuery, match=r"^syntax error at line 1, column \d+"):
        run_query(tiny, "SELECT ?x WHERE { ?x ?p }")


def test_a_slash_after_a_prefixed_name_gets_a_hint(tiny):
    with pytest.raises(BadQuery, match=r"line 1, column 7 .*write the full IRI "
                                       r"<https://w3id.org/innovation-kg/id/place/lanzhou>"):
        run_query(tiny, "ASK { ikr:place/lanzhou ?p ?o }")


def test_unknown_prefix_lists_the_predeclared_ones(tiny):
    with pytest.raises(BadQuery, match=r"unknown prefix 'foo:'; predeclared prefixes: ikg, ikr, org"):
        run_query(tiny, "SELECT * WHERE { ?s foo:bar ?o }")


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "delete where { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "# a comment first\nPREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused_and_nothing_changes(tiny, update):
    before = len(tiny)
    with pytest.raises(BadQuery, match="^updates are refused: the graph is read-only$"):
        run_query(tiny, update)
    assert len(tiny) == before


def test_update_runs_when_allowed():
    store = open_store("memory")
    result = run_query(store, "INSERT DATA { ikr:a ikg:b ikr:c }", allow_update=True)
    assert result.kind == "update" and len(store) == 1


def test_the_word_insert_inside_a_query_is_not_an_update(tiny):
    assert run_query(tiny, "SELECT ('INSERT DATA' AS ?x) WHERE {}").rows == [(Literal("INSERT DATA"),)]


def test_service_is_refused_before_any_engine_sees_it(tiny, tiny_rdflib):
    for store in (tiny, tiny_rdflib):
        with pytest.raises(BadQuery, match=r"federated queries \(SERVICE <http://127.0.0.1:9/sparql>\) are off"):
            run_query(store, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_deep_nesting_is_refused_before_the_parser(tiny):
    with pytest.raises(BadQuery, match="nests brackets 5000 deep"):
        run_query(tiny, "SELECT * WHERE " + "{" * 5000 + "}" * 5000)
    with pytest.raises(BadQuery, match="nests brackets"):
        run_query(tiny, "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }")


def test_empty_query_is_refused(tiny):
    with pytest.raises(BadQuery, match="empty query"):
        run_query(tiny, "  \n ")


def _sample():
    return QueryResult(kind="select", vars=["s", "label", "n", "b", "missing"], rows=[(
        NamedNode("http://e/a"), Literal("甘肃\t省", language="zh"), Literal("3", datatype=XSD_INTEGER),
        BlankNode("b1"), None)])


def test_json_follows_the_sparql_results_json_format():
    assert json.loads(to_json(_sample())) == {
        "head": {"vars": ["s", "label", "n", "b", "missing"]},
        "results": {"bindings": [{
            "s": {"type": "uri", "value": "http://e/a"},
            "label": {"type": "literal", "value": "甘肃\t省", "xml:lang": "zh"},
            "n": {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
            "b": {"type": "bnode", "value": "b1"},
        }]},
    }
    assert json.loads(to_json(QueryResult(kind="ask", boolean=False))) == {"head": {}, "boolean": False}


def test_csv_has_plain_values_and_crlf():
    text = to_csv(_sample())
    assert text == 's,label,n,b,missing\r\nhttp://e/a,甘肃\t省,3,_:b1,\r\n'
    assert list(csv.reader(io.StringIO(text))) == [["s", "label", "n", "b", "missing"],
                                                   ["http://e/a", "甘肃\t省", "3", "_:b1", ""]]


def test_tsv_writes_ntriples_terms_and_escapes_tabs():
    assert to_tsv(_sample()) == ('?s\t?label\t?n\t?b\t?missing\n'
                                 '<http://e/a>\t"甘肃\\t省"@zh\t3\t_:b1\t\n')


def test_our_writers_give_the_bytes_pyoxigraph_gives(article_graph):
    """Answers from other stores go through our writers; Oxigraph's through its own: the same bytes."""
    from kg.query import query_bytes

    for name, query in named_queries().items():
        result = run_query(article_graph, query.text)
        if result.kind not in ("select", "ask"):
            continue
        for fmt in ("csv", "tsv", "json", "xml"):
            assert serialize(result, fmt).encode("utf-8") == query_bytes(article_graph, query.text, fmt), (name, fmt)


def test_xml_follows_the_sparql_results_xml_format():
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(to_xml(_sample()).encode("utf-8"))
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["s", "label", "n", "b", "missing"]
    bindings = {b.get("name"): b[0] for b in root.findall("r:results/r:result/r:binding", ns)}
    assert sorted(bindings) == ["b", "label", "n", "s"]
    assert bindings["s"].tag.endswith("uri") and bindings["s"].text == "http://e/a"
    assert bindings["label"].get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    assert bindings["n"].get("datatype") == "http://www.w3.org/2001/XMLSchema#integer"
    assert bindings["b"].tag.endswith("bnode")


def test_table_aligns_chinese_by_display_cells(tiny):
    text = to_table(run_query(tiny, NAMES_ZH))
    lines = text.splitlines()
    assert lines[-1] == "(2 rows)"
    assert lines[2].startswith("ikr:org/lanzhou-university  兰州大学")
    name_column = lines[0].index("name")
    for line in lines[2:4]:
        actor = line.split("  ")[0]
        assert display_width(actor) + line[len(actor):].index(line.split()[-1]) == name_column


def test_unknown_result_format(tiny):
    with pytest.raises(UnknownFormat, match="valid formats: table, csv, tsv, json, xml"):
        serialize(run_query(tiny, NAMES_ZH), "yaml")


def test_description_is_the_first_comment_line():
    assert _description("# Who leads what\n# more\nSELECT * {}") == "Who leads what"
    assert _description("SELECT * {}") == ""


def test_named_queries_are_read_from_the_package():
    queries = named_queries()
    assert list(queries) == sorted(queries)
    for name, query in queries.items():
        assert query.name == name and query.text.strip()


def test_unknown_named_query_lists_the_valid_ones(tiny):
    with pytest.raises(KGError, match="unknown named query 'nope'; named queries: "):
        run_named(tiny, "nope")


def test_every_named_query_runs_on_the_article(article_graph):
    queries = named_queries()
    if not queries:
        pytest.skip("kg/query/named/ holds no .rq files yet")
    for name, query in queries.items():
        assert query.description, f"{name}.rq has no description comment"
        result = run_named(article_graph, name)
        assert result.kind in ("select", "ask", "construct", "describe")
