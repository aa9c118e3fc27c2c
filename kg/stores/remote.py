"""Reading a remote SPARQL 1.1 endpoint as an rdflib store, with the traps of real servers handled.

rdflib's ``SPARQLStore`` works against a spec-following server, but a big store like Virtuoso needs
more care, and :class:`RemoteStore` takes it:

- one exact ``Accept`` header per query kind (rdflib builds it from a set, in random order, and
  Virtuoso then sometimes answers a SELECT as RDF/XML); graph answers are asked for as N-Triples
  (Virtuoso's Turtle writes doubles as decimals);
- the query goes by GET, or by form POST when long (a raw ``application/sparql-query`` body makes
  Virtuoso hang);
- language tags come back in their usual case (Virtuoso lowercases them: ``zh-cn`` -> ``zh-CN``);
- a result the server cut at its row limit (Virtuoso's ``X-SPARQL-MaxRows``) is an error, not a
  silently short answer; an HTTP error carries the server's own message;
- an endpoint URL may carry ``default-graph-uri=G`` (to read one named graph of a shared store).

>>> normalize_language("zh-hans-cn"), normalize_language("EN-us"), normalize_language("zh")
('zh-Hans-CN', 'en-US', 'zh')
>>> query_kind("PREFIX x: <urn:x#> # a comment\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
'CONSTRUCT'
"""

import re
from io import BytesIO
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.errors import BadQuery, KGError, QueryTimeout

__all__ = ["RemoteStore", "RESULT_ACCEPT", "GRAPH_ACCEPT", "normalize_language", "query_kind", "http_request"]

#: the Accept header sent with SELECT and ASK queries
RESULT_ACCEPT = "application/sparql-results+json"
#: the Accept header sent with CONSTRUCT and DESCRIBE queries
GRAPH_ACCEPT = "application/n-triples"

#: queries whose form-encoded text is longer than this go by form POST instead of GET
_GET_LIMIT = 2000


class RemoteStore(SPARQLStore):
    """A read-only rdflib store over a remote SPARQL 1.1 endpoint (see the module docstring).

    Parameters
    ----------
    endpoint : str
        The query endpoint, e.g. ``http://127.0.0.1:8890/sparql``; may carry ``default-graph-uri=``.
    timeout : float
        Seconds to wait for an answer.

    Examples
    --------
    >>> store = RemoteStore("http://127.0.0.1:9/sparql?default-graph-uri=urn:g")
    >>> store.query_endpoint, store.dataset
    ('http://127.0.0.1:9/sparql', [('default-graph-uri', 'urn:g')])
    """

    def __init__(self, endpoint, timeout=60.0, **kwargs):
        parts = urlsplit(endpoint)
        self.dataset = parse_qsl(parts.query, keep_blank_values=True)
        self.timeout = timeout
        base = urlunsplit(parts._replace(query=""))
        super().__init__(base, returnFormat="json", method="GET", **kwargs)

    def _query(self, query, default_graph=None, named_graph=None):
        """Send one query (SPARQLStore routes every read through here) and parse the answer."""
        from rdflib import BNode
        from rdflib.query import Result

        self._queries += 1
        params = list(self.dataset)
        if default_graph is not None and not isinstance(default_graph, BNode) and not self.dataset:
            params.append(("default-graph-uri", str(default_graph)))
        params.append(("query", query))
        kind = query_kind(query)
        accept = GRAPH_ACCEPT if kind in ("CONSTRUCT", "DESCRIBE") else RESULT_ACCEPT
        encoded = urlencode(params)
        if len(encoded) <= _GET_LIMIT:
            status, headers, body = http_request("GET", f"{self.query_endpoint}?{encoded}",
                                                 headers={"Accept": accept}, timeout=self.timeout)
        else:
            status, headers, body = http_request(
                "POST", self.query_endpoint, body=encoded.encode("ascii"), timeout=self.timeout,
                headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        content_type = (headers.get("Content-Type") or accept).split(";")[0].strip()
        result = Result.parse(BytesIO(body), content_type=content_type)
        _refuse_cut_result(result, headers, self.query_endpoint)
        return _normalize_result_languages(result)


def normalize_language(tag):
    """A BCP 47 language tag in its usual case: language lower, script title, region upper.

    >>> normalize_language("ZH-HANT")
    'zh-Hant'
    """
    if not tag:
        return tag
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def query_kind(text):
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query form after comments and the prologue ('' if none).

    >>> query_kind("ask {}")
    'ASK'
    """
    match = _FORM.search(_COMMENT.sub(" ", _IRI.sub("<>", text)))
    return match.group(1).upper() if match else ""


def http_request(method, url, *, body=None, headers=None, timeout=60.0):
    """One HTTP request with the standard library: ``(status, headers, body)`` for a 2xx answer.

    Any other answer raises a :class:`~kg.errors.KGError` with the status and the server's first line;
    an unreachable server raises one naming the URL.

    >>> http_request("GET", "http://127.0.0.1:9/nothing", timeout=2)
    Traceback (most recent call last):
    ...
    kg.errors.KGError: cannot reach http://127.0.0.1:9/nothing: [Errno 111] Connection refused
    """
    from urllib.error import HTTPError, URLError
    from urllib.request import Request, urlopen

    request = Request(url, data=body, headers=dict(headers or {}), method=method)
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()
        first = next((line.strip() for line in detail.splitlines() if line.strip()), error.reason)
        # the server's verdict keeps its meaning: a 400 is a bad query, a 503 a query that ran too long
        kind = {400: BadQuery, 503: QueryTimeout}.get(error.code, KGError)
        raise kind(f"{method} {_shorten(url)} failed: HTTP {error.code}: {first[:300]}") from None
    except URLError as error:
        raise KGError(f"cannot reach {_shorten(url)}: {error.reason}") from None
    except TimeoutError:
        raise KGError(f"{_shorten(url)} did not answer within {timeout:g} s") from None


# helpers

_IRI = re.compile(r"<[^<>\s]*>")
_COMMENT = re.compile(r"#[^\n]*")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _shorten(url):
    return url if len(url) <= 120 else url[:117] + "..."


def _refuse_cut_result(result, headers, endpoint):
    """Virtuoso cuts results at ResultSetMaxRows with a 200; say so instead of answering short."""
    limit = headers.get("X-SPARQL-MaxRows")
    if not limit or not limit.isdigit() or result.type == "ASK":
        return
    size = len(result.graph) if result.type in ("CONSTRUCT", "DESCRIBE") else len(result.bindings)
    if size >= int(limit):
        raise KGError(f"{endpoint} cut the result at its row limit of {limit} (X-SPARQL-MaxRows); "
                      "raise ResultSetMaxRows on the server or page the query with LIMIT/OFFSET")


def _normalize_result_languages(result):
    from rdflib import Graph, Literal

    def fix(term):
        if isinstance(term, Literal) and term.language:
            tag = normalize_language(term.language)
            if tag != term.language:
                return Literal(str(term), lang=tag)
        return term

    if result.type in ("CONSTRUCT", "DESCRIBE"):
        fixed = Graph()
        for s, p, o in result.graph:
            fixed.add((s, p, fix(o)))
        result.graph = fixed
    elif result.type == "SELECT":
        result.bindings = [{name: fix(value) for name, value in row.items()} for row in result.bindings]
    return result
