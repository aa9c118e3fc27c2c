"""SPARQL over any store: run a read-only query, serialize its results, find the named queries.

Every query gets :data:`kg.namespaces.PREFIXES` predeclared; a syntax error becomes a
:class:`~kg.errors.BadQuery` that points at the line and column of the text the user wrote; an UPDATE
is refused. Results serialize to an aligned table, CSV, TSV, JSON or XML -- the last four exactly as the
SPARQL 1.1 results formats say -- and the web server reuses these serializers.

>>> from rdflib import Graph, Literal
>>> from kg.namespaces import IKR, SKOS
>>> g = Graph()
>>> _ = g.add((IKR["org/lanzhou-university"], SKOS.prefLabel, Literal("兰州大学", lang="zh")))
>>> result = run_query(g, "SELECT ?actor ?name WHERE { ?actor skos:prefLabel ?name }")
>>> print(serialize(result, "table"))
actor                       name
--------------------------  --------
ikr:org/lanzhou-university  兰州大学
(1 row)
"""

import json
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from kg.errors import BadQuery, KGError, UnknownFormat
from kg.formats import delimited, text_table
from kg.namespaces import compact_iri

__all__ = [
    "QueryResult",
    "NamedQuery",
    "RESULT_FORMATS",
    "MEDIA_TYPES",
    "run_query",
    "serialize",
    "to_table",
    "to_csv",
    "to_tsv",
    "to_json",
    "to_xml",
    "named_queries",
    "run_named",
]

#: the keywords an UPDATE request can start with (after its prologue)
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

#: result format name -> media type (the server answers with these)
MEDIA_TYPES = {
    "table": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
}

RESULT_FORMATS = tuple(MEDIA_TYPES)


@dataclass
class QueryResult:
    """What a query answered.

    ``kind`` is ``select``, ``ask``, ``construct`` or ``describe``; ``vars`` and ``rows`` (tuples of rdflib
    terms, ``None`` where unbound) hold a SELECT's table, ``boolean`` an ASK's answer, ``graph`` a
    CONSTRUCT's or DESCRIBE's triples.
    """

    kind: str
    vars: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    boolean: bool = None
    graph: object = None

    def table_view(self):
        """``(vars, rows)``: a graph answer is seen as a subject/predicate/object table (sorted)."""
        if self.graph is None:
            return self.vars, self.rows
        return ["subject", "predicate", "object"], sorted(self.graph, key=lambda t: tuple(map(str, t)))


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in ``kg/query/named/NAME.rq``; ``description`` is its first comment line."""

    name: str
    description: str
    text: str


def run_query(graph, text, *, allow_update=False):
    """Run SPARQL ``text`` on ``graph`` (any rdflib graph) with the project's prefixes predeclared.

    Parameters
    ----------
    graph : rdflib.Graph
    text : str
        A SELECT, ASK, CONSTRUCT or DESCRIBE query. Passed on as a string, so Oxigraph-backed graphs
        evaluate it in Oxigraph.
    allow_update : bool
        Run an UPDATE instead of refusing it (the CLI and the server never set this).

    Returns
    -------
    QueryResult

    Raises
    ------
    BadQuery
        The text does not parse (the message gives line and column in ``text``), uses an unknown
        prefix, or is an UPDATE while ``allow_update`` is false.

    Examples
    --------
    >>> from rdflib import Graph
    >>> run_query(Graph(), "ASK { ?s ?p ?o }").boolean
    False
    >>> run_query(Graph(), "DROP ALL")
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: updates are refused: the graph is read-only
    >>> run_query(Graph(), "SELECT ?x WHERE { ?x ?p ?o }\\nLIMIT x")
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: syntax error at line 2, column 1 (near 'LIMIT x')
    """
    from kg.namespaces import sparql_prologue

    if not text or not text.strip():
        raise BadQuery("empty query: give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    prologue = sparql_prologue()
    full = prologue + text
    if _first_keyword(text) in UPDATE_KEYWORDS:
        if not allow_update:
            raise BadQuery("updates are refused: the graph is read-only")
        _run_update(graph, full, text, prologue)
        return QueryResult(kind="update")
    try:
        result = graph.query(full)
        return _in_text_order(_collect(result), text)
    except KGError:
        raise
    except Exception as error:
        raise _bad_query(error, full, text, prologue) from None


def serialize(result, fmt="table"):
    """``result`` as text in ``fmt``: table, csv, tsv, json or xml.

    A CONSTRUCT or DESCRIBE answer is written as Turtle for ``table``, as JSON-LD for ``json``, as
    RDF/XML for ``xml``, and as a subject/predicate/object table for ``csv`` and ``tsv``.

    >>> serialize(QueryResult(kind="ask", boolean=True), "json")
    '{"head": {}, "boolean": true}'
    """
    fmt = (fmt or "table").lower()
    if fmt not in SERIALIZERS:
        raise UnknownFormat(f"unknown result format {fmt!r}; valid formats: {', '.join(RESULT_FORMATS)}")
    if result.graph is not None and fmt in GRAPH_FORMATS:
        from kg.namespaces import bind_prefixes

        return bind_prefixes(result.graph).serialize(format=GRAPH_FORMATS[fmt])
    return SERIALIZERS[fmt](result)


def to_table(result):
    """An aligned table with prefixed IRIs and plain literal values (for reading, not for machines).

    >>> print(to_table(QueryResult(kind="ask", boolean=False)))
    false
    """
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    columns, rows = result.table_view()
    body = [[_readable(term) for term in row] for row in rows]
    numeric = [i for i in range(len(columns)) if rows and all(_is_number(row[i]) for row in rows)]
    table = text_table(columns, body, numeric=numeric)
    return f"{table}\n({len(rows)} row{'s' if len(rows) != 1 else ''})"


def to_csv(result):
    """SPARQL 1.1 CSV results: IRIs and literals as plain strings, CRLF line ends.

    >>> from rdflib import Literal, URIRef
    >>> to_csv(QueryResult(kind="select", vars=["x", "n"], rows=[(URIRef("http://e/a"), Literal(2))]))
    'x,n\\r\\nhttp://e/a,2\\r\\n'
    """
    if result.kind == "ask":
        return "boolean\r\n" + ("true" if result.boolean else "false") + "\r\n"
    columns, rows = result.table_view()
    return delimited(columns, [[_csv_term(term) for term in row] for row in rows], ",")


def to_tsv(result):
    """SPARQL 1.1 TSV results: ``?var`` header, terms in N-Triples syntax.

    >>> from rdflib import Literal, URIRef
    >>> to_tsv(QueryResult(kind="select", vars=["x", "l"],
    ...                    rows=[(URIRef("http://e/a"), Literal("甘肃", lang="zh"))]))
    '?x\\t?l\\n<http://e/a>\\t"甘肃"@zh\\n'
    """
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    columns, rows = result.table_view()
    lines = ["\t".join(f"?{c}" for c in columns)]
    lines += ["\t".join(_nt_term(term) for term in row) for row in rows]
    return "\n".join(lines) + "\n"


def to_json(result):
    """SPARQL 1.1 Query Results JSON (``application/sparql-results+json``).

    >>> from rdflib import Literal
    >>> to_json(QueryResult(kind="select", vars=["n", "m"], rows=[(Literal(2), None)]))
    '{"head": {"vars": ["n", "m"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}'
    """
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    columns, rows = result.table_view()
    bindings = [{name: _json_term(term) for name, term in zip(columns, row) if term is not None} for row in rows]
    return json.dumps({"head": {"vars": list(columns)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def to_xml(result):
    """SPARQL Query Results XML (``application/sparql-results+xml``).

    >>> print(to_xml(QueryResult(kind="ask", boolean=True)))
    <?xml version="1.0" encoding="utf-8"?>
    <sparql xmlns="http://www.w3.org/2005/sparql-results#">
      <head/>
      <boolean>true</boolean>
    </sparql>
    """
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        lines += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(lines)
    columns, rows = result.table_view()
    lines.append("  <head>")
    lines += [f"    <variable name={quoteattr(str(c))}/>" for c in columns]
    lines += ["  </head>", "  <results>"]
    for row in rows:
        lines.append("    <result>")
        for name, term in zip(columns, row):
            if term is not None:
                lines.append(f"      <binding name={quoteattr(str(name))}>{_xml_term(term)}</binding>")
        lines.append("    </result>")
    lines += ["  </results>", "</sparql>"]
    return "\n".join(lines)


def named_queries():
    """The queries shipped in ``kg/query/named/*.rq``, by name (the file's stem), sorted.

    >>> all(q.text.strip() for q in named_queries().values())
    True
    """
    from importlib import resources

    folder = resources.files("kg") / "query" / "named"
    queries = {}
    if not folder.is_dir():
        return queries
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            name = entry.name[: -len(".rq")]
            queries[name] = NamedQuery(name, _description(text), text)
    return queries


def run_named(graph, name):
    """Run the named query ``name`` on ``graph``; an unknown name raises a KGError listing the valid ones.

    >>> from rdflib import Graph
    >>> run_named(Graph(), "no-such-query")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: unknown named query 'no-such-query'; named queries: ...
    """
    queries = named_queries()
    if name not in queries:
        raise KGError(f"unknown named query {name!r}; named queries: {', '.join(queries) or '(none)'}")
    return run_query(graph, queries[name].text)


# helpers

SERIALIZERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
GRAPH_FORMATS = {"table": "turtle", "json": "json-ld", "xml": "xml"}

_COMMENT_OR_PROLOGUE = re.compile(
    r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.IGNORECASE)
_ERROR_AT = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?: (.*)", re.DOTALL)


def _first_keyword(text):
    """The first keyword after comments and the prologue, upper-cased ('' when there is none)."""
    position = 0
    while True:
        match = _COMMENT_OR_PROLOGUE.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
    word = re.match(r"[A-Za-z]+", text[position:])
    return word.group(0).upper() if word else ""


def _run_update(graph, full, text, prologue):
    try:
        graph.update(full)
    except Exception as error:
        raise _bad_query(error, full, text, prologue, update=True) from None


def _collect(result):
    """Materialize an rdflib Result into a QueryResult (the engine may be lazy)."""
    kind = result.type.lower()
    if kind == "ask":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    if kind in ("construct", "describe"):
        return QueryResult(kind=kind, graph=result.graph)
    names = [str(v) for v in (result.vars or [])]
    return QueryResult(kind="select", vars=names, rows=[tuple(row) for row in result])


def _in_text_order(result, text):
    """``SELECT *`` columns in the order the variables first appear in the query.

    rdflib hands them out in set order, which changes from run to run; a table should not.
    """
    if result.kind != "select" or not re.search(r"SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", text, re.IGNORECASE):
        return result
    first = {}
    for match in re.finditer(r"[?$]([A-Za-z_0-9\u00b7\u00c0-\uffff]+)", text):
        first.setdefault(match.group(1), match.start())
    order = sorted(range(len(result.vars)), key=lambda i: (first.get(result.vars[i], len(text)), result.vars[i]))
    result.vars = [result.vars[i] for i in order]
    result.rows = [tuple(row[i] for i in order) for row in result.rows]
    return result


def _bad_query(error, full, text, prologue, update=False):
    """A BadQuery saying where ``text`` is wrong, in the user's own line numbers.

    Both parsers are asked: pyparsing (rdflib) tends to point at the start of the clause it could not
    read, Oxigraph at the furthest character it got to. The earlier position is nearer the mistake in
    practice (a misspelt keyword, a broken triple); Oxigraph's list of what it expected is added when
    its position is the one shown.
    """
    message = " ".join(str(error).split())
    prefix = re.search(r"Unknown namespace prefix : (\S+)", message)
    if prefix:
        return BadQuery(f"unknown prefix '{prefix.group(1)}:'; predeclared prefixes: {_prefix_names()}")
    offset = prologue.count("\n")
    found = [spot for spot in (_rdflib_syntax_error(full, update) or _pyparsing_location(error),
                               None if update else _oxigraph_syntax_error(full)) if spot]
    if not found:
        return BadQuery(f"query failed: {message}")
    line, column, expected = min(found, key=lambda spot: (spot[0], spot[1]))
    line = max(1, line - offset)
    lines = text.splitlines() or [""]
    source_line = lines[min(line, len(lines)) - 1]
    near = source_line[max(column - 1, 0):].strip()[:20]
    where = f"line {line}, column {column}" + (f" (near {near!r})" if near else f" (at the end of line {line})")
    detail = f": {expected}" if expected else ""
    return BadQuery(f"syntax error at {where}{detail}{_slash_hint(source_line)}")


def _slash_hint(line):
    """Our IRIs hold a '/' (ikr:org/x), which a prefixed name may not: suggest the full IRI."""
    from kg.namespaces import PREFIXES

    for match in re.finditer(r"(?<![\w<:/])([A-Za-z][\w-]*):([\w-]*/[^\s;,)}<>]*)", line):
        if match.group(1) in PREFIXES:
            iri = PREFIXES[match.group(1)] + match.group(2).rstrip(".")
            return f"; a prefixed name cannot hold '/': write the full IRI <{iri}>"
    return ""


def _rdflib_syntax_error(full, update=False):
    """``(line, column, None)`` where rdflib's parser stops, or None when it parses the text."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        (parseUpdate if update else parseQuery)(full)
    except Exception as error:
        return _pyparsing_location(error)
    return None


def _oxigraph_syntax_error(full):
    """``(line, column, expected)`` from Oxigraph's parser, or None when it parses the text.

    The empty store it runs in holds no data, so nothing is read or changed.
    """
    import pyoxigraph

    try:
        pyoxigraph.Store().query(full)
    except SyntaxError as error:
        match = _ERROR_AT.match(str(error))
        if match:
            return int(match.group(1)), int(match.group(2)), _expected(match.group(3))
    except Exception:
        return None
    return None


def _pyparsing_location(error):
    line, column = getattr(error, "lineno", None), getattr(error, "col", None)
    if line is None or column is None:
        return None
    return line, column, None


def _expected(detail):
    """Oxigraph's 'expected one of ...' without its character-class dumps."""
    detail = " ".join(detail.split())
    head, _, choices = detail.partition("expected one of ")
    if not choices:
        return detail
    items = [c.strip() for c in re.split(r", (?=[^\]]*(?:\[|$))", choices)]
    words = [c for c in items if c and not c.startswith("[") and not c.startswith("'") and '"' not in c]
    # Oxigraph slips its semantic checks into the list as sentences ("The SELECT contains ...")
    sentences = [w for w in words if " " in w]
    tokens = [w for w in words if " " not in w]
    if sentences:
        return "; ".join(sentence[0].lower() + sentence[1:] for sentence in sentences)
    if not tokens:
        return "unexpected character or end of query"
    return head + ("expected " if len(tokens) == 1 else "expected one of ") + ", ".join(tokens)


def _prefix_names():
    from kg.namespaces import PREFIXES

    return ", ".join(PREFIXES)


def _description(text):
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            return stripped.lstrip("#").strip()
        if stripped:
            break
    return ""


def _readable(term):
    if term is None:
        return ""
    from rdflib import BNode, URIRef

    if isinstance(term, URIRef):
        return compact_iri(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _is_number(term):
    from rdflib import Literal

    return isinstance(term, Literal) and isinstance(term.toPython(), (int, float)) \
        and not isinstance(term.toPython(), bool)


def _csv_term(term):
    if term is None:
        return ""
    from rdflib import BNode

    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _nt_term(term):
    if term is None:
        return ""
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        return f"_:{term}"
    if not isinstance(term, Literal):
        return f"<{term}>"
    quoted = '"' + (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\t", "\\t")) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    return f"{quoted}^^<{term.datatype}>" if term.datatype else quoted


def _json_term(term):
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if not isinstance(term, Literal):
        return {"type": "uri", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def _xml_term(term):
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    if not isinstance(term, Literal):
        return f"<uri>{escape(str(term))}</uri>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
    if term.datatype:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
    return f"<literal>{escape(str(term))}</literal>"
