"""A remote SPARQL 1.1 endpoint as a store (``sparql:URL``), with the traps of real servers handled.

Queries go over the SPARQL protocol and come back parsed by pyoxigraph, so a remote answer has the same
terms as a local one. A big store like Virtuoso needs care, and :class:`SparqlStore` takes it:

- one exact ``Accept`` header per query kind; graph answers are asked for as N-Triples (Virtuoso's
  Turtle writes doubles as decimals);
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
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kg.errors import BadQuery, DataError, KGError, QueryTimeout
from kg.stores.base import Store

__all__ = ["SparqlStore", "Solutions", "RESULT_ACCEPT", "GRAPH_ACCEPT", "normalize_language", "query_kind",
           "http_request"]

#: the Accept header sent with SELECT and ASK queries
RESULT_ACCEPT = "application/sparql-results+json"
#: the Accept header sent with CONSTRUCT and DESCRIBE queries
GRAPH_ACCEPT = "application/n-triples"

#: queries whose form-encoded text is longer than this go by form POST instead of GET
_GET_LIMIT = 2000


class Solutions:
    """A SELECT answer held in memory: ``variables`` (names) and ``rows`` (tuples of pyoxigraph terms).

    Iterating gives the rows, as iterating a ``pyoxigraph.QuerySolutions`` gives its solutions.

    >>> list(Solutions(["x"], [(None,)]))
    [(None,)]
    """

    def __init__(self, variables, rows):
        self.variables = list(variables)
        self.rows = list(rows)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


class SparqlStore(Store):
    """A read-only store over a remote SPARQL 1.1 endpoint (see the module docstring).

    Parameters
    ----------
    endpoint : str
        The query endpoint, e.g. ``http://127.0.0.1:8890/sparql``; may carry ``default-graph-uri=``.
    timeout : float
        Seconds to wait for an answer.

    Examples
    --------
    >>> store = SparqlStore("http://127.0.0.1:9/sparql?default-graph-uri=urn:g")
    >>> store.endpoint, store.dataset
    ('http://127.0.0.1:9/sparql', [('default-graph-uri', 'urn:g')])
    >>> SparqlStore("notaurl")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: sparql:notaurl is not an http(s) URL of a SPARQL endpoint
    """

    writable = False

    def __init__(self, endpoint, *, timeout=60.0, allow_service=()):
        super().__init__(allow_service=allow_service)
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise DataError(f"sparql:{endpoint} is not an http(s) URL of a SPARQL endpoint")
        self.dataset = parse_qsl(parts.query, keep_blank_values=True)
        self.timeout = timeout
        self.endpoint = urlunsplit(parts._replace(query=""))
        self.spec = f"sparql:{endpoint}"

    def _run(self, text, *, shape, default_graphs, named_graphs, base_iri):
        params = list(self.dataset)
        if default_graphs is not None or named_graphs is not None:
            params = [(k, v) for k, v in params if k not in ("default-graph-uri", "named-graph-uri")]
            params += [("default-graph-uri", iri) for iri in default_graphs or () if iri]
            params += [("named-graph-uri", iri) for iri in named_graphs or ()]
        params.append(("query", text))
        graph_answer = shape.form in ("CONSTRUCT", "DESCRIBE")
        accept = GRAPH_ACCEPT if graph_answer else RESULT_ACCEPT
        encoded = urlencode(params)
        if len(encoded) <= _GET_LIMIT:
            _, headers, body = http_request("GET", f"{self.endpoint}?{encoded}", headers={"Accept": accept},
                                            timeout=self.timeout)
        else:
            _, headers, body = http_request(
                "POST", self.endpoint, body=encoded.encode("ascii"), timeout=self.timeout,
                headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        content_type = (headers.get("Content-Type") or accept).split(";")[0].strip().lower()
        answer = _parse_answer(body, content_type, graph_answer, self.endpoint)
        _refuse_cut_result(answer, headers, self.endpoint)
        return answer

    def quads(self, graph=None):
        import pyoxigraph

        if graph is None:
            text = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        else:
            text = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g) }}"
        for s, p, o, g in self.query(text):
            yield pyoxigraph.Quad(s, p, o, g if g is not None else pyoxigraph.DefaultGraph())

    def count(self):
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        return int(rows[0][0].value) if rows and rows[0][0] is not None else 0

    def graph_counts(self, include_default=False):
        counts = {}
        for graph, number in self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
            counts[graph] = int(number.value)
        return dict(sorted(counts.items()))


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


def _refuse_cut_result(answer, headers, endpoint):
    """Virtuoso cuts results at ResultSetMaxRows with a 200; say so instead of answering short."""
    limit = headers.get("X-SPARQL-MaxRows")
    if not limit or not limit.isdigit() or isinstance(answer, bool):
        return
    if len(answer) >= int(limit):
        raise KGError(f"{endpoint} cut the result at its row limit of {limit} (X-SPARQL-MaxRows); "
                      "raise ResultSetMaxRows on the server or page the query with LIMIT/OFFSET")


def _parse_answer(body, content_type, graph_answer, endpoint):
    """The endpoint's answer as pyoxigraph terms: a list of Triples, a bool, or :class:`Solutions`."""
    import pyoxigraph

    try:
        if graph_answer:
            rdf_format = pyoxigraph.RdfFormat.from_media_type(content_type) or pyoxigraph.RdfFormat.N_TRIPLES
            return [_fixed_triple(t) for t in pyoxigraph.parse(body, format=rdf_format)]
        results_format = (pyoxigraph.QueryResultsFormat.from_media_type(content_type)
                          or pyoxigraph.QueryResultsFormat.JSON)
        answer = pyoxigraph.parse_query_results(body, format=results_format)
    except (SyntaxError, ValueError) as error:
        raise KGError(f"{endpoint} answered something unreadable ({content_type}): "
                      f"{' '.join(str(error).split())[:200]}") from None
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return bool(answer)
    names = [variable.value for variable in answer.variables]
    return Solutions(names, [tuple(_fixed(solution[name]) for name in names) for solution in answer])


def _fixed(term):
    """A literal whose language tag the server lowercased, with the tag in its usual case."""
    if type(term).__name__ == "Literal" and term.language:
        tag = normalize_language(term.language)
        if tag != term.language:
            import pyoxigraph

            return pyoxigraph.Literal(term.value, language=tag)
    return term


def _fixed_triple(triple):
    import pyoxigraph

    return pyoxigraph.Triple(triple.subject, triple.predicate, _fixed(triple.object))
