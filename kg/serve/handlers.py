"""What every route of the server shares: running work in a worker in the client's turn, reading a
request within its limits, and answering with one of our pages or a JSON twin.

The route groups (:mod:`kg.serve.sparql_routes`, :mod:`kg.serve.page_routes`,
:mod:`kg.serve.reconcile_routes`) are :class:`Handlers`; :func:`kg.serve.app.create_app` maps the paths to them.
"""

from kg.errors import BadArgument
from kg.serve.protocol import MAX_REQUEST_LINE, BodyTooLarge, UriTooLong, parse_query_string, uri_too_long_message

__all__ = ["Handlers", "html_page", "json_response", "read_body", "query_params", "utf8_path", "shorten",
           "client_address", "PAGE_TIMEOUT", "PAGE_POLICY", "RDF_MEDIA"]

#: seconds a page's data function may run (at least; the query timeout when that is longer)
PAGE_TIMEOUT = 60.0

#: the media type each RDF page format answers with
RDF_MEDIA = {"turtle": "text/turtle; charset=utf-8", "nt": "application/n-triples; charset=utf-8",
             "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml"}


class Handlers:
    """A group of route handlers, sharing the worker pool, the fair gate and the settings."""

    def __init__(self, pool, gate, settings):
        self.pool = pool
        self.gate = gate
        self.settings = settings

    async def call(self, request, function, *args):
        """Run a query job in a worker, bounded by the query timeout, in the client's turn."""
        from starlette.concurrency import run_in_threadpool

        async with self.gate.slot(client_address(request)) as turn:
            return await run_in_threadpool(lambda: self.pool.call(function, *args, turn=turn))

    async def call_page(self, request, function, *args):
        """Run a page's data function in a worker, bounded by the page timeout.

        Pages (the projection, a view's layout) cost more than a typical query but are the same for
        every visitor, so they get at least :data:`PAGE_TIMEOUT` seconds; a view is then cached.
        """
        from starlette.concurrency import run_in_threadpool

        limit = max(self.settings["timeout"], PAGE_TIMEOUT)
        async with self.gate.slot(client_address(request)) as turn:
            return await run_in_threadpool(lambda: self.pool.call(function, *args, timeout=limit, turn=turn))


#: our own pages load only our own files; the network view (kg.view) carries its own, stricter policy
PAGE_POLICY = ("default-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; "
               "base-uri 'none'; form-action 'self'")


def html_page(text, status_code=200, headers=None):
    """One of our HTML pages, with a Content-Security-Policy that forbids anything from outside."""
    from starlette.responses import HTMLResponse

    response = HTMLResponse(text, status_code=status_code, headers=headers)
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    return response


def query_params(request):
    """The request's query string as ``(name, value)`` pairs, refusing (400) percent-escapes that are not
    UTF-8 (Starlette would turn them into replacement characters and answer as if nothing were wrong)."""
    return parse_query_string(request.scope.get("query_string", b""))


def utf8_path(request):
    """The request's path, decoded strictly: percent-escapes that are not UTF-8 get a 400 saying so."""
    from urllib.parse import unquote_to_bytes

    raw = request.scope.get("raw_path") or request.url.path.encode("utf-8")
    try:
        return unquote_to_bytes(raw.partition(b"?")[0]).decode("utf-8")
    except UnicodeDecodeError:
        shown = shorten(raw.decode("ascii", "replace"), 200)
        raise BadArgument(f"the path {shown} is not valid UTF-8 (percent-escapes must encode UTF-8 text)") from None


def client_address(request):
    """Whom a request comes from, for fair shares: its IP address."""
    return request.client.host if request.client else "?"


def shorten(text, limit):
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_response(data, headers=None):
    """A page's JSON twin (UTF-8, Chinese as is; dates and decimals as strings)."""
    import json

    from starlette.responses import Response

    body = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    return Response(body, media_type="application/json", headers=headers)


async def read_body(request, limit):
    """The request body, refusing (413) one over ``limit`` bytes without reading all of it (and a
    request line over :data:`~kg.serve.protocol.MAX_REQUEST_LINE` bytes with 414)."""
    if len(request.scope.get("raw_path", b"")) + len(request.scope.get("query_string", b"")) > MAX_REQUEST_LINE:
        raise UriTooLong(uri_too_long_message(limit))
    if len(request.url.query) > limit:
        raise BodyTooLarge(f"the query string is over the server's limit of {limit} bytes")
    if request.method != "POST":
        return b""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise BodyTooLarge(f"the request body ({length} bytes) is over the server's limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(f"the request body is over the server's limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
