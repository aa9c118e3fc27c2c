"""A query's answer (:class:`QueryResult`) and its formats: an aligned table, or the SPARQL 1.1 result
formats (CSV, TSV, JSON, XML) byte for byte as pyoxigraph writes them.

Split from :mod:`kg.query` (which re-exports all of it): running a query and writing its answer are two
things (issue 24).

>>> print(to_table(QueryResult(kind="select", vars=["n"], rows=[])))
n
-
(0 rows)
"""

import json
from dataclasses import dataclass, field

from kg.errors import UnknownFormat
from kg.namespaces import compact_iri
from kg.render import delimited, text_table

__all__ = ["QueryResult", "RESULT_FORMATS", "MEDIA_TYPES", "serialize", "serialize_triples", "to_table", "to_csv",
           "to_tsv", "to_json", "to_xml"]

def _media_types():
    from kg.formats import RESULT_FORMATS as FORMATS

    return {name: f.media_type for name, f in FORMATS.items()}


#: result format name -> media type (the server answers with these)
MEDIA_TYPES = _media_types()

RESULT_FORMATS = tuple(MEDIA_TYPES)


@dataclass
class QueryResult:
    """What a query answered.

    ``kind`` is ``select``, ``ask``, ``construct`` or ``describe``; ``vars`` and ``rows`` (tuples of
    pyoxigraph terms, ``None`` where unbound) hold a SELECT's table, ``boolean`` an ASK's answer,
    ``triples`` (a list of pyoxigraph ``Triple``) a CONSTRUCT's or DESCRIBE's graph.
    """

    kind: str
    vars: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    boolean: bool = None
    triples: list = None

    @property
    def graph(self):
        """The triples of a graph answer (None for SELECT and ASK); kept for callers of older versions."""
        return self.triples

    def records(self):
        """A SELECT's rows as dicts of plain Python values (numbers as int/float, other literals and IRIs
        as text, unbound variables left out); an ASK's answer as ``[{"boolean": bool}]``."""
        from kg.stores.terms import python_value

        if self.kind == "ask":
            return [{"boolean": self.boolean}]
        names, rows = self.table_view()
        return [{name: python_value(term) for name, term in zip(names, row) if term is not None} for row in rows]

    def table_view(self):
        """``(vars, rows)``: a graph answer is seen as a subject/predicate/object table (sorted)."""
        if self.triples is None:
            return self.vars, self.rows
        rows = sorted(((t.subject, t.predicate, t.object) for t in self.triples), key=lambda r: tuple(map(str, r)))
        return ["subject", "predicate", "object"], rows


def serialize(result, fmt="table"):
    """``result`` as text in ``fmt``: table, csv, tsv, json or xml.

    A CONSTRUCT or DESCRIBE answer is written as Turtle for ``table``, as JSON-LD for ``json``, as
    RDF/XML for ``xml``, and as a subject/predicate/object table for ``csv`` and ``tsv``.

    >>> serialize(QueryResult(kind="ask", boolean=True), "json")
    '{"head":{},"boolean":true}'
    """
    fmt = (fmt or "table").lower()
    if fmt not in SERIALIZERS:
        raise UnknownFormat(f"unknown result format {fmt!r}; valid formats: {', '.join(RESULT_FORMATS)}")
    if result.triples is not None and fmt in GRAPH_FORMATS:
        return serialize_triples(result.triples, GRAPH_FORMATS[fmt]).decode("utf-8")
    return SERIALIZERS[fmt](result)


def serialize_triples(triples, rdf_format="turtle"):
    """Triples (pyoxigraph) as bytes in an RDF format name of :data:`kg.formats.RDF_FORMATS`; Turtle gets
    the project's prefixes.

    >>> import pyoxigraph
    >>> t = pyoxigraph.Triple(pyoxigraph.NamedNode("urn:a"), pyoxigraph.NamedNode("urn:b"), pyoxigraph.Literal("c"))
    >>> serialize_triples([t], "nt")
    b'<urn:a> <urn:b> "c" .\\n'
    """
    import pyoxigraph

    from kg.formats import RDF_FORMATS as FORMATS
    from kg.namespaces import PREFIXES

    chosen = getattr(pyoxigraph.RdfFormat, FORMATS[rdf_format].pyoxigraph)
    options = {"prefixes": dict(PREFIXES)} if rdf_format in ("turtle", "trig") else {}
    return pyoxigraph.serialize(list(triples), format=chosen, **options) or b""


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

    >>> import pyoxigraph
    >>> to_csv(QueryResult(kind="select", vars=["x", "n"], rows=[(pyoxigraph.NamedNode("http://e/a"),
    ...                                                          pyoxigraph.Literal("2"))]))
    'x,n\\r\\nhttp://e/a,2\\r\\n'
    """
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    columns, rows = result.table_view()
    return delimited(columns, [[_csv_term(term) for term in row] for row in rows], ",")


def to_tsv(result):
    """SPARQL 1.1 TSV results: ``?var`` header, terms in N-Triples syntax (numbers abbreviated).

    >>> import pyoxigraph
    >>> to_tsv(QueryResult(kind="select", vars=["x", "l"],
    ...                    rows=[(pyoxigraph.NamedNode("http://e/a"), pyoxigraph.Literal("甘肃", language="zh"))]))
    '?x\\t?l\\n<http://e/a>\\t"甘肃"@zh\\n'
    """
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    columns, rows = result.table_view()
    lines = ["\t".join(f"?{c}" for c in columns)]
    lines += ["\t".join(_tsv_term(term) for term in row) for row in rows]
    return "\n".join(lines) + "\n"


def to_json(result):
    """SPARQL 1.1 Query Results JSON (``application/sparql-results+json``), compact, as pyoxigraph writes it.

    >>> import pyoxigraph
    >>> to_json(QueryResult(kind="select", vars=["n", "m"], rows=[(pyoxigraph.Literal("2"), None)]))
    '{"head":{"vars":["n","m"]},"results":{"bindings":[{"n":{"type":"literal","value":"2"}}]}}'
    """
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, separators=(",", ":"))
    columns, rows = result.table_view()
    bindings = [{name: _json_term(term) for name, term in zip(columns, row) if term is not None} for row in rows]
    return json.dumps({"head": {"vars": list(columns)}, "results": {"bindings": bindings}}, ensure_ascii=False,
                      separators=(",", ":"))


def to_xml(result):
    """SPARQL Query Results XML (``application/sparql-results+xml``), compact, as pyoxigraph writes it.

    >>> to_xml(QueryResult(kind="ask", boolean=True))
    '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head><boolean>true</boolean></sparql>'
    """
    parts = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        parts.append(f"<head></head><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
        return "".join(parts)
    columns, rows = result.table_view()
    parts.append("<head>" + "".join(f"<variable name={quoteattr(str(c))}/>" for c in columns) + "</head><results>")
    for row in rows:
        parts.append("<result>")
        for name, term in zip(columns, row):
            if term is not None:
                parts.append(f"<binding name={quoteattr(str(name))}>{_xml_term(term)}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts)


# helpers

SERIALIZERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
GRAPH_FORMATS = {"table": "turtle", "json": "json-ld", "xml": "xml"}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                               "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
                               "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_TSV_BARE = {_XSD + "integer", _XSD + "decimal", _XSD + "boolean"}


def _readable(term):
    kind = type(term).__name__
    if term is None:
        return ""
    if kind == "NamedNode":
        return compact_iri(term.value)
    if kind == "BlankNode":
        return f"_:{term.value}"
    if kind == "Literal":
        return term.value
    return str(term)


def _is_number(term):
    return type(term).__name__ == "Literal" and term.datatype.value in _NUMERIC


def _csv_term(term):
    kind = type(term).__name__
    if term is None:
        return ""
    if kind == "BlankNode":
        return f"_:{term.value}"
    return term.value if kind in ("NamedNode", "Literal") else str(term)


def _tsv_term(term):
    if term is None:
        return ""
    if type(term).__name__ == "Literal" and term.datatype.value in _TSV_BARE and not term.language:
        return term.value
    return str(term)


def _json_term(term):
    kind = type(term).__name__
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind != "Literal":
        return {"type": "triple", "value": str(term)}
    value = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != _XSD + "string":
        value["datatype"] = term.datatype.value
    return value


def escape(text, entities=None):
    """XML character data (what ``xml.sax.saxutils.escape`` does; that module drags in urllib.request)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for character, entity in (entities or {}).items():
        text = text.replace(character, entity)
    return text


def quoteattr(text):
    """An XML attribute value in double quotes, as ``xml.sax.saxutils.quoteattr`` writes it."""
    return '"' + escape(text, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}) + '"'


def _xml_term(term):
    kind = type(term).__name__
    if kind == "BlankNode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if kind == "NamedNode":
        return f"<uri>{escape(term.value)}</uri>"
    text = escape(term.value, {'"': "&quot;", "'": "&apos;"})
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{text}</literal>"
    if term.datatype.value != _XSD + "string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{text}</literal>"
    return f"<literal>{text}</literal>"
