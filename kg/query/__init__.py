"""SPARQL over any store: run a read-only query, serialize its answer, find the named queries.

Every query gets :data:`kg.namespaces.PREFIXES` predeclared and the base IRI
``https://w3id.org/innovation-kg/id/`` (so ``<org/lanzhou-university>`` names our actor on every store);
it is checked by :mod:`kg.query.guard` first (no SERVICE, bounded nesting, no UPDATE); a syntax error
becomes a :class:`~kg.errors.BadQuery` that points at the line and column of the text the user wrote.
Answers hold pyoxigraph terms whatever the store. They serialize to an aligned table, or byte for byte
as pyoxigraph writes the SPARQL 1.1 result formats (CSV, TSV, JSON, XML): for an Oxigraph store
:func:`query_bytes` hands the answer to pyoxigraph's own serializers without materializing it.

>>> from kg.stores.oxigraph import OxigraphStore
>>> store = OxigraphStore()
>>> store.add_turtle('<https://w3id.org/innovation-kg/id/org/lanzhou-university> '
...                  '<http://www.w3.org/2004/02/skos/core#prefLabel> "兰州大学"@zh .', graph="urn:g")
>>> result = run_query(store, "SELECT ?actor ?name WHERE { ?actor skos:prefLabel ?name }")
>>> print(serialize(result, "table"))
actor                       name
--------------------------  --------
ikr:org/lanzhou-university  兰州大学
(1 row)
"""

import re
from dataclasses import dataclass

from kg.errors import BadQuery, KGError
from kg.query.guard import UPDATE_KEYWORDS
from kg.query.results import (GRAPH_FORMATS, MEDIA_TYPES, RESULT_FORMATS, SERIALIZERS,  # noqa: F401 (re-exported)
                              QueryResult, escape, quoteattr, serialize, serialize_triples, to_csv, to_json,
                              to_table, to_tsv, to_xml)

__all__ = [
    "QueryResult",
    "NamedQuery",
    "RESULT_FORMATS",
    "MEDIA_TYPES",
    "BASE_IRI",
    "run_query",
    "query_bytes",
    "serialize",
    "to_table",
    "to_csv",
    "to_tsv",
    "to_json",
    "to_xml",
    "named_queries",
    "named_query_text",
    "run_named",
    "UPDATE_KEYWORDS",
]

#: relative IRIs in queries resolve against this (our resources' namespace), on every store
BASE_IRI = "https://w3id.org/innovation-kg/id/"


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in ``kg/query/named/NAME.rq``; ``description`` is its first comment line."""

    name: str
    description: str
    text: str


def run_query(store, text, *, default_graphs=None, named_graphs=None, allow_update=False):
    """Run SPARQL ``text`` on ``store`` with the project's prefixes predeclared.

    Parameters
    ----------
    store : kg.stores.base.Store or rdflib.Graph
        Any store (an rdflib graph is copied into an in-memory Oxigraph store first).
    text : str
        A SELECT, ASK, CONSTRUCT or DESCRIBE query.
    default_graphs, named_graphs : list of str, optional
        The dataset, as the SPARQL protocol's ``default-graph-uri`` and ``named-graph-uri`` give it.
    allow_update : bool
        Run an UPDATE on an in-memory store instead of refusing it (tests only; no face sets it).

    Returns
    -------
    QueryResult

    Raises
    ------
    BadQuery
        The text does not parse (the message gives line and column in ``text``), uses an unknown
        prefix, calls SERVICE, nests too deep, or is an UPDATE while ``allow_update`` is false.

    Examples
    --------
    >>> from kg.stores.oxigraph import OxigraphStore
    >>> run_query(OxigraphStore(), "ASK { ?s ?p ?o }").boolean
    False
    >>> run_query(OxigraphStore(), "DROP ALL")
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: updates are refused: the graph is read-only
    >>> run_query(OxigraphStore(), "SELECT ?x WHERE { ?x ?p ?o }\\nLIMIT x")
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: syntax error at line 2, column 1 (near 'LIMIT x')
    """
    store, full, shape, prologue = _prepare(store, text)
    if shape.is_update:
        if not allow_update:
            raise BadQuery("updates are refused: the graph is read-only")
        _run_update(store, full, text, prologue)
        return QueryResult(kind="update")
    answer = _answer(store, full, text, prologue, default_graphs, named_graphs)
    return _in_text_order(_collect(answer, shape.form), text)


def query_bytes(store, text, fmt="json", *, default_graphs=None, named_graphs=None):
    """The answer to ``text`` in a SPARQL result format (``csv``, ``tsv``, ``json``, ``xml``), as bytes.

    A SELECT or ASK answered by an Oxigraph store goes straight to pyoxigraph's serializer (nothing is
    materialized in Python); other answers go through :func:`serialize`, which writes the same bytes.

    >>> from kg.stores.oxigraph import OxigraphStore
    >>> query_bytes(OxigraphStore(), "SELECT ?x WHERE { VALUES ?x { 1 } }", "csv")
    b'x\\r\\n1\\r\\n'
    """
    store, full, shape, prologue = _prepare(store, text)
    if shape.is_update:
        raise BadQuery("updates are refused: the graph is read-only")
    answer = _answer(store, full, text, prologue, default_graphs, named_graphs)
    native = _native_results_format(answer, fmt)
    if native is not None:
        try:
            return answer.serialize(format=native)
        except (OSError, RuntimeError) as error:  # evaluation is lazy: errors can surface here
            raise KGError(f"the query failed while its answer was written: {error}") from None
    return serialize(_in_text_order(_collect(answer, shape.form), text), fmt).encode("utf-8")


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


def named_query_text(name):
    """The text of the named query ``name``; an unknown name raises a KGError listing the valid ones.

    >>> named_query_text("no-such-query")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: unknown named query 'no-such-query'; named queries: ...
    """
    queries = named_queries()
    if name not in queries:
        raise KGError(f"unknown named query {name!r}; named queries: {', '.join(queries) or '(none)'}")
    return queries[name].text


def run_named(store, name, **dataset):
    """Run the named query ``name`` on ``store`` (see :func:`named_query_text`)."""
    return run_query(store, named_query_text(name), **dataset)


# helpers

_ERROR_AT = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?: (.*)", re.DOTALL)
def _prepare(store, text):
    """(store, full text, shape, prologue): the store as a Store, the text checked and prefixed."""
    from kg.namespaces import sparql_prologue
    from kg.query import guard
    from kg.stores import as_store

    if not text or not text.strip():
        raise BadQuery("empty query: give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    store = as_store(store)
    shape = guard.check(text, allow_service=getattr(store, "allow_service", ()))
    if not shape.is_update and shape.form not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
        pass  # let the parser say what is wrong, with its position
    prologue = sparql_prologue()
    return store, prologue + text, shape, prologue


def _answer(store, full, text, prologue, default_graphs, named_graphs):
    try:
        return store.query(full, default_graphs=default_graphs, named_graphs=named_graphs, base_iri=BASE_IRI)
    except BadQuery as error:
        raise _bad_query(error, full, text, prologue) from None


def _run_update(store, full, text, prologue):
    inner = getattr(store, "inner", None)
    if inner is None or getattr(store, "persistent", True):
        raise BadQuery("updates are refused: only an in-memory store takes them, and only from tests")
    try:
        inner.update(full, base_iri=BASE_IRI)
    except SyntaxError as error:
        raise _bad_query(BadQuery(str(error)), full, text, prologue, update=True) from None


def _native_results_format(answer, fmt):
    """pyoxigraph's QueryResultsFormat for ``fmt`` when ``answer`` is pyoxigraph's own, else None."""
    if fmt not in ("csv", "tsv", "json", "xml"):
        return None
    kind = type(answer).__name__
    if kind not in ("QuerySolutions", "QueryBoolean"):
        return None
    import pyoxigraph

    return getattr(pyoxigraph.QueryResultsFormat, fmt.upper())


def _collect(answer, form):
    """Materialize a store's answer (pyoxigraph's result types, or kg.stores.remote.Solutions)."""
    if isinstance(answer, bool) or type(answer).__name__ == "QueryBoolean":
        return QueryResult(kind="ask", boolean=bool(answer))
    if form in ("CONSTRUCT", "DESCRIBE") or type(answer).__name__ == "QueryTriples" or isinstance(answer, list):
        return QueryResult(kind=form.lower() if form in ("CONSTRUCT", "DESCRIBE") else "construct",
                           triples=list(answer))
    names = [getattr(v, "value", v) for v in answer.variables]
    try:
        rows = [tuple(solution[i] for i in range(len(names))) for solution in answer]
    except (OSError, RuntimeError) as error:
        raise KGError(f"the query failed while its answer was read: {error}") from None
    return QueryResult(kind="select", vars=names, rows=rows)


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

    Two parsers are asked: pyparsing (rdflib) tends to point at the start of the clause it could not
    read, Oxigraph (whose message ``error`` carries) at the furthest character it got to. The earlier
    position is nearer the mistake in practice (a misspelt keyword, a broken triple); Oxigraph's list of
    what it expected is added when its position is the one shown. Nothing is run again.
    """
    message = " ".join(str(error).split())
    if "Prefix not found" in message:
        prefix = _unknown_prefix(text)
        if prefix:
            return BadQuery(f"unknown prefix '{prefix}:'; predeclared prefixes: {_prefix_names()}")
    offset = prologue.count("\n")
    oxigraph = None
    match = _ERROR_AT.match(message)
    if match:
        oxigraph = int(match.group(1)), int(match.group(2)), _expected(match.group(3))
    found = [spot for spot in (_rdflib_syntax_error(full, update), oxigraph) if spot]
    if not found:
        return BadQuery(f"query failed: {message[:300]}")
    line, column, expected = min(found, key=lambda spot: (spot[0], spot[1]))
    line = max(1, line - offset)
    lines = text.splitlines() or [""]
    source_line = lines[min(line, len(lines)) - 1]
    near = source_line[max(column - 1, 0):].strip()[:20]
    where = f"line {line}, column {column}" + (f" (near {near!r})" if near else f" (at the end of line {line})")
    detail = f": {expected}" if expected else ""
    return BadQuery(f"syntax error at {where}{detail}{_slash_hint(source_line)}")


def _unknown_prefix(text):
    """The first prefix ``text`` uses that neither it nor :data:`PREFIXES` declares."""
    from kg.namespaces import PREFIXES
    from kg.query.guard import _tokens

    declared = set(PREFIXES) | {m.group(1) for m in re.finditer(r"PREFIX\s+([^\s:]*):", text, re.IGNORECASE)}
    for kind, value in _tokens(text):
        if kind == "prefixed":
            prefix = value.partition(":")[0]
            if prefix not in declared:
                return prefix
    return None


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
