"""The SPARQL 1.1 Protocol's request side and content negotiation (no I/O: pure functions).

A request is read into a :class:`SparqlRequest` (query or update text, dataset IRIs, an optional
``format=``); :func:`negotiate` picks a result format for a query kind from the ``Accept`` header.

>>> negotiate("SELECT", "text/csv, */*;q=0.1").name
'csv'
>>> negotiate("CONSTRUCT", None).media_type
'text/turtle'
"""

import dataclasses
from urllib.parse import parse_qsl

from kg.errors import BadQuery, KGError

__all__ = [
    "Format",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "RDFLIB_FORMATS",
    "HTML",
    "SparqlRequest",
    "NotAcceptable",
    "BodyTooLarge",
    "UriTooLong",
    "MAX_REQUEST_LINE",
    "UnsupportedMediaType",
    "parse_request",
    "negotiate",
    "parse_accept",
    "wants_html",
    "negotiate_page",
    "service_description",
    "parse_query_string",
    "host_name",
    "LOOPBACK_HOSTS",
]

#: the Host names a server always answers for (it also answers for the address it listens on)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class NotAcceptable(KGError):
    """No format the client accepts fits the answer (HTTP 406)."""

    http_status = 406


class BodyTooLarge(KGError):
    """A request body over the server's limit (HTTP 413)."""

    http_status = 413


class UriTooLong(KGError):
    """A request line (a GET URL) over :data:`MAX_REQUEST_LINE` bytes (HTTP 414): POST it instead."""

    http_status = 414


#: bytes a request line may have (and the request line with the headers): a longer GET query is POSTed
MAX_REQUEST_LINE = 64 * 1024


def uri_too_long_message(max_body):
    """What a 414 says: the limit, and how to send a longer query.

    >>> uri_too_long_message(1000)[:43]
    'the request line is over 65536 bytes; send '
    """
    return (f"the request line is over {MAX_REQUEST_LINE} bytes; send a long query by POST (a form with "
            f"query=..., or a body of type application/sparql-query), up to {max_body} bytes")


class UnsupportedMediaType(KGError):
    """A POST body of a type the SPARQL protocol does not define (HTTP 415)."""

    http_status = 415


@dataclasses.dataclass(frozen=True)
class Format:
    """One answer format: a short ``name`` (as ``format=`` takes it), its media type, its aliases."""

    name: str
    media_type: str
    aliases: tuple = ()

    def matches(self, media_range):
        """Whether ``media_range`` (``type/subtype``, ``type/*`` or ``*/*``) covers this format."""
        if media_range == "*/*":
            return True
        if media_range.endswith("/*"):
            return self.media_type.startswith(media_range[:-1])
        return media_range == self.media_type or media_range in self.aliases


#: answers to SELECT and ASK, default first
RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)

#: answers to CONSTRUCT and DESCRIBE (and the service description), default first
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/x-turtle", "application/turtle")),
    Format("nt", "application/n-triples", ("text/plain",)),
    # A client that asks a graph query for SPARQL JSON or XML results gets the graph in JSON-LD or
    # RDF/XML: rdflib's SPARQLStore does so (returnFormat="json" or "xml") and reads those fine.
    Format("json-ld", "application/ld+json", ("application/json", "application/x-json+ld",
                                               "application/sparql-results+json")),
    # not required by the protocol, but SPARQLWrapper asks CONSTRUCT for RDF/XML by default
    Format("rdfxml", "application/rdf+xml", ("application/sparql-results+xml",)),
)

#: graph format name -> the RDF format name of kg.formats.RDF_FORMATS that writes it
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "rdfxml": "xml"}

#: the human face; offered only when a client names it explicitly (browsers do, SPARQL clients do not)
HTML = Format("html", "text/html", ("application/xhtml+xml",))

_FORMAT_NAMES = {
    "json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
    "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "json-ld": "json-ld", "jsonld": "json-ld", "rdfxml": "rdfxml", "rdf": "rdfxml", "rdf+xml": "rdfxml",
    "html": "html",
}

#: what a ``format=`` name means for a graph answer (SPARQLWrapper sends format=xml, json or n3 there)
_GRAPH_FORMAT_NAMES = {"xml": "rdfxml", "json": "json-ld", "n3": "turtle"}

_FORM = "application/x-www-form-urlencoded"
_DIRECT = "application/sparql-query"
_UPDATE = "application/sparql-update"


@dataclasses.dataclass(frozen=True)
class SparqlRequest:
    """What a SPARQL protocol request asks for.

    ``query`` is None when the request carries no query (then the server answers with a page or the
    service description). ``default_graph_uris``/``named_graph_uris`` set the query's dataset (they win
    over the query's own FROM clauses, as the protocol says).
    """

    query: str = None
    default_graph_uris: tuple = ()
    named_graph_uris: tuple = ()
    format: str = None


def parse_request(method, params, content_type=None, body=b""):
    """Read a protocol request: GET parameters, a form POST or a direct POST.

    ``params`` is the URL's query string as a list of ``(name, value)`` pairs. An update in any of its
    three shapes raises :class:`~kg.errors.BadQuery`; a body of another type raises
    :class:`UnsupportedMediaType`.

    >>> parse_request("GET", [("query", "ASK {}")]).query
    'ASK {}'
    >>> parse_request("POST", [], "application/sparql-query", "SELECT * {?s ?p ?o}".encode()).query
    'SELECT * {?s ?p ?o}'
    >>> parse_request("POST", [], "application/x-www-form-urlencoded", b"query=ASK%20%7B%7D").query
    'ASK {}'
    >>> parse_request("POST", [], "application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16"))
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: the request body says charset=UTF-16; the SPARQL protocol sends queries as UTF-8: send the body as UTF-8 (charset=utf-8, or no charset)
    >>> parse_request("POST", [], "application/sparql-update", b"CLEAR ALL")
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: this endpoint is read-only: SPARQL UPDATE is not accepted
    """
    fields = list(params)
    direct = None
    if method == "POST":
        media = (content_type or "").split(";")[0].strip().lower()
        charset = _charset(content_type)
        if media == _FORM:
            try:
                fields += parse_qsl(_decode(body, charset), keep_blank_values=True, encoding="utf-8",
                                    errors="strict")
            except UnicodeDecodeError:
                raise BadQuery("the form's percent-escapes are not valid UTF-8") from None
        elif media == _DIRECT:
            direct = _decode(body, charset)
        elif media == _UPDATE:
            raise BadQuery("this endpoint is read-only: SPARQL UPDATE is not accepted")
        elif body:
            raise UnsupportedMediaType(
                f"cannot read a POST body of type {media or 'none'!r}; send {_FORM} (query=...) or {_DIRECT}")
    values = _collect(fields)
    if values.get("update"):
        raise BadQuery("this endpoint is read-only: SPARQL UPDATE is not accepted")
    queries = values.get("query", [])
    if direct is not None:
        queries = queries + [direct]
    if len(queries) > 1:
        raise BadQuery("a request carries one query; this one carries several")
    formats = values.get("format", [])
    return SparqlRequest(
        query=queries[0] if queries else None,
        default_graph_uris=tuple(values.get("default-graph-uri", ())),
        named_graph_uris=tuple(values.get("named-graph-uri", ())),
        format=formats[0] if formats else None,
    )


def parse_accept(header):
    """An Accept header as ``(media_range, q)`` pairs, best first (stable for equal q).

    >>> parse_accept("text/html, application/xml;q=0.9, */*;q=0.8")
    [('text/html', 1.0), ('application/xml', 0.9), ('*/*', 0.8)]

    A malformed ``q`` is ignored (the range keeps q=1), one out of range is clamped to [0, 1]:

    >>> parse_accept("text/csv;q=abc, text/turtle;q=7")
    [('text/csv', 1.0), ('text/turtle', 1.0)]
    """
    ranges = []
    for part in (header or "").split(","):
        media, *parameters = [piece.strip() for piece in part.split(";")]
        if not media:
            continue
        q = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    continue  # a malformed parameter says nothing: ignore it (RFC 9110 allows that)
                q = min(max(q, 0.0), 1.0) if q == q else 1.0  # NaN: ignored too
        ranges.append((media.lower(), q))
    return sorted(ranges, key=lambda pair: -pair[1])


def negotiate(kind, accept=None, format=None, html=False):
    """The :class:`Format` to answer a query of ``kind`` with.

    ``kind`` is ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``. A ``format`` parameter (short name or
    media type) wins over ``Accept``; with neither, the kind's default. HTML is offered only when
    ``html`` is true and the client names ``text/html`` itself, never through a wildcard. Nothing
    acceptable raises :class:`NotAcceptable`.

    >>> negotiate("ASK", "application/sparql-results+xml").name
    'xml'
    >>> negotiate("CONSTRUCT", "text/csv", format="xml").name
    'rdfxml'
    >>> negotiate("SELECT", "text/html,*/*;q=0.8", html=True).name
    'html'
    >>> negotiate("SELECT", "text/html,*/*;q=0.8").name
    'json'
    >>> negotiate("SELECT", "image/png")
    Traceback (most recent call last):
    ...
    kg.serve.protocol.NotAcceptable: cannot answer a SELECT query as image/png; available: application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values
    """
    offered = list(RESULT_FORMATS if kind.upper() in ("SELECT", "ASK") else GRAPH_FORMATS)
    if html:
        offered.append(HTML)
    if format:
        wanted = format.strip().lower()
        if kind.upper() in ("CONSTRUCT", "DESCRIBE"):
            wanted = _GRAPH_FORMAT_NAMES.get(wanted, wanted)
        wanted = _FORMAT_NAMES.get(wanted, wanted)
        for candidate in offered:
            if wanted == candidate.name or candidate.matches(wanted) and "*" not in wanted:
                return candidate
        raise NotAcceptable(f"cannot answer a {kind.upper()} query in format {format!r}; available: "
                            + ", ".join(f.name for f in offered))
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    for media_range, q in ranges:
        if q <= 0:
            continue
        for candidate in offered:
            if candidate is HTML and "*" in media_range:
                continue
            if candidate.matches(media_range):
                return candidate
    available = ", ".join(f.media_type for f in offered if f is not HTML)
    raise NotAcceptable(f"cannot answer a {kind.upper()} query as {accept}; available: {available}")


def wants_html(accept):
    """Whether a client names ``text/html`` in ``accept`` ahead of everything else it lists.

    >>> wants_html("text/html,application/xhtml+xml,*/*;q=0.8")
    True
    >>> wants_html("application/sparql-results+json"), wants_html("*/*")
    (False, False)
    """
    ranges = parse_accept(accept)
    return bool(ranges) and ranges[0][0] in (HTML.media_type,) + HTML.aliases and ranges[0][1] > 0


def negotiate_page(accept, suffix_json=False):
    """How to answer for a resource page: ``html``, ``json`` (the page's JSON twin) or an RDF format.

    A ``.json`` suffix on the path (``suffix_json``) wins; then the first media range in ``accept`` that
    names one; a wildcard or no header gives ``html``.

    >>> negotiate_page("text/turtle;q=0.9, text/html;q=0.5")
    'turtle'
    >>> negotiate_page("application/ld+json")
    'json-ld'
    >>> negotiate_page("*/*"), negotiate_page("application/json"), negotiate_page(None, suffix_json=True)
    ('html', 'json', 'json')
    >>> negotiate_page("image/png")
    Traceback (most recent call last):
    ...
    kg.serve.protocol.NotAcceptable: cannot answer as image/png; available: text/html, application/json, text/turtle, application/n-triples, application/ld+json, application/rdf+xml
    """
    if suffix_json:
        return "json"
    offered = (("text/html", "html"), ("application/xhtml+xml", "html"), ("application/json", "json"),
               ("text/turtle", "turtle"), ("application/x-turtle", "turtle"), ("application/n-triples", "nt"),
               ("application/ld+json", "json-ld"), ("application/rdf+xml", "rdfxml"))
    ranges = parse_accept(accept)
    if not ranges:
        return "html"
    for media_range, q in ranges:
        if q <= 0:
            continue
        if media_range in ("*/*", "text/*"):
            return "html"
        for media_type, name in offered:
            if media_type == media_range:
                return name
    raise NotAcceptable(f"cannot answer as {accept}; available: text/html, application/json, text/turtle, "
                        "application/n-triples, application/ld+json, application/rdf+xml")


def service_description(endpoint):
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint`` (an rdflib graph).

    >>> from rdflib import URIRef
    >>> from rdflib.namespace import RDF
    >>> sd = service_description("http://127.0.0.1:8000/sparql")
    >>> (None, RDF.type, URIRef("http://www.w3.org/ns/sparql-service-description#Service")) in sd
    True
    """
    from rdflib import BNode, Graph, Namespace, URIRef
    from rdflib.namespace import RDF

    SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
    FORMATS = Namespace("http://www.w3.org/ns/formats/")
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = BNode("service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        graph.add((service, SD.resultFormat, FORMATS[name]))
    dataset, default_graph = BNode("dataset"), BNode("default-graph")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    return graph


def parse_query_string(raw, what="query string"):
    """A URL's query string (bytes, as the server got it; or a form body, ``what`` names it in the error) as
    ``(name, value)`` pairs, strictly UTF-8.

    The SPARQL protocol's text is UTF-8; a request whose percent-escapes are not raises
    :class:`~kg.errors.BadQuery` (400) instead of being run with replacement characters.

    >>> parse_query_string(b"query=ASK%20%7B%7D&format=csv")
    [('query', 'ASK {}'), ('format', 'csv')]
    >>> parse_query_string(b"query=%FF")
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: the request's query string is not valid UTF-8 (percent-escapes must encode UTF-8 text)
    """
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadQuery(f"the request's {what} is not valid UTF-8 (percent-escapes must encode "
                       "UTF-8 text)") from None


def host_name(header):
    """The name in a ``Host`` header, lower case, without its port (IPv6 without brackets); '' if none.

    >>> host_name("LocalHost:8000"), host_name("[::1]:8000"), host_name("127.0.0.1"), host_name(None)
    ('localhost', '::1', '127.0.0.1', '')
    """
    header = (header or "").strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


# helpers

def _collect(fields):
    """``(name, value)`` pairs as name -> list of values, in order."""
    values = {}
    for name, value in fields:
        values.setdefault(name, []).append(value)
    return values


#: the charset names a protocol body may carry (US-ASCII is a subset of UTF-8)
_UTF8_NAMES = ("utf-8", "utf8", "us-ascii", "ascii")


def _charset(content_type):
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"') or "utf-8"
    return "utf-8"


def _decode(body, charset):
    if charset.lower().replace("_", "-") not in _UTF8_NAMES:
        shown = charset if len(charset) <= 40 else charset[:37] + "..."
        raise BadQuery(f"the request body says charset={shown}; the SPARQL protocol sends queries as UTF-8: "
                       "send the body as UTF-8 (charset=utf-8, or no charset)")
    try:
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError) as error:
        shown = charset if len(charset) <= 40 else charset[:37] + "..."
        reason = "unknown character set" if isinstance(error, LookupError) else f"invalid bytes at {error.start}"
        raise BadQuery(f"cannot decode the request body as {shown}: {reason}") from None
