"""The Starlette app: the SPARQL 1.1 Protocol endpoint and the human face, over one read-only graph.

Routes::

    /                 home: counts and every actor (JSON twin: /index.json)
    /sparql           the endpoint (GET, form POST, direct POST); without a query: the query page for a
                      browser, the service description for an RDF client
    /id/<kind>/<slug> an actor's page at its IRI's path; Turtle, N-Triples or JSON-LD by Accept;
                      JSON twin by Accept application/json or a .json suffix
    /source/<id>      the source reader: the text with its evidence spans highlighted (#span-START-END;
                      JSON twin: /source/<id>.json; kg.serve.reader)
    /reconcile        the W3C Entity Reconciliation API (manifest, queries, /reconcile/suggest/<kind>,
                      /reconcile/preview; kg.serve.reconcile)
    /view             the network view (whole, or ?around=IRI&depth=N&lang=en|zh; JSON twin: /view.json)
    /static/...       the pages' CSS and JS (no CDN: everything works offline)
    /favicon.ico      the site's icon (an SVG; every page also names it with <link rel="icon">)

Every query and page computation runs in a :class:`~kg.serve.worker.WorkerPool` process, so a query past
the timeout is killed while the server keeps serving; a :class:`~kg.serve.worker.FairGate` shares the
workers between clients. Errors become responses in one place, :func:`error_response`, by
``KGError.http_status``.

The app answers only requests whose ``Host`` is a name it was started for (loopback names and
``allowed_hosts``): a web page elsewhere cannot reach it through DNS rebinding. It sends no CORS header
unless ``cors`` names the origins that may read it.

>>> from kg.stores.oxigraph import OxigraphStore
>>> from starlette.testclient import TestClient
>>> app = create_app(OxigraphStore(), timeout=5, workers=1)
>>> with TestClient(app, base_url="http://127.0.0.1:8000") as client:
...     client.get("/sparql", params={"query": "ASK {}"}).json()
...     client.get("/sparql", params={"query": "ASK {}"}, headers={"Host": "evil.example"}).status_code
{'head': {}, 'boolean': True}
400
"""

import collections
import logging
import threading

from kg.errors import BadArgument, KGError
from kg.serve import pages
from kg.serve.protocol import (LOOPBACK_HOSTS, MAX_REQUEST_LINE, RDFLIB_FORMATS, BodyTooLarge, UriTooLong, host_name,
                               negotiate, negotiate_page, parse_query_string, parse_request, service_description,
                               uri_too_long_message, wants_html)
from kg.serve.worker import BUDGET, QUEUE_TIMEOUT, FairGate, WorkerCrashed, WorkerPool, answer_query, default_workers

__all__ = ["create_app", "error_response"]

#: rows the query page's table shows at most (the download formats give up to max_rows)
HTML_ROWS = 1000

#: actors listed on the home page (its JSON twin lists them all)
HOME_LIMIT = 2000

#: seconds a page's data function may run (at least; the query timeout when that is longer)
PAGE_TIMEOUT = 60.0

#: characters of an error message an answer shows at most (a name sent by a client may be huge)
MESSAGE_LIMIT = 500

#: the SPARQL endpoint the service description names when the app is not told its own
DEFAULT_ENDPOINT = "http://127.0.0.1:8000/sparql"

_log = logging.getLogger("kg.serve")

_RDF_MEDIA = {"turtle": "text/turtle; charset=utf-8", "nt": "application/n-triples; charset=utf-8",
              "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml"}
_CHARSET_TYPES = ("text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples")


def create_app(graph, *, timeout=10.0, max_rows=10000, max_body=1_000_000, store_spec=None, workers=None,
               allowed_hosts=(), cors=(), endpoint=None, per_client=None, queue_timeout=None, jsonp=False,
               budget=BUDGET):
    """Build the ASGI app that serves ``graph`` read-only.

    Parameters
    ----------
    graph : kg.KnowledgeGraph, kg.stores.base.Store or rdflib.Graph
        The graph to serve; the worker processes inherit it.
    timeout : float
        Seconds a query may run before it is stopped (503). Pages (home, actor, view) get at least
        :data:`PAGE_TIMEOUT` seconds: they cost more than a typical query and are the same for everyone.
    max_rows : int
        Rows (or triples) a result may have; longer ones are cut and say so.
    max_body : int
        Bytes a request body (or query string) may have (413 beyond).
    store_spec : str, optional
        The store's name, shown on the pages (default: the graph's own).
    workers : int, optional
        Worker processes, i.e. queries that run at once (default: the CPU count,
        :func:`~kg.serve.worker.default_workers`).
    allowed_hosts : iterable of str
        Host names (besides 127.0.0.1, localhost and ::1) the app answers for; ``*`` answers any.
        Other ``Host`` headers get a 400 that does not repeat them.
    cors : iterable of str
        Origins whose pages may read the answers (``*``: any); none by default, so no CORS header.
    jsonp : bool
        Answer ``/reconcile?callback=NAME`` as JSONP. Any page can read JSONP with a ``<script>`` tag, so it
        is off unless this is set or ``cors`` lets any origin (``*``) read the answers anyway; a callback
        otherwise gets a 400.
    endpoint : str, optional
        The endpoint's public URL, named by the service description (default :data:`DEFAULT_ENDPOINT`);
        never taken from the request.
    per_client : int, optional
        Workers one client (IP address) may hold at once (default: all of them when ``budget`` is set,
        else half, at least 1).
    budget : float or None
        CPU seconds a query runs before it gives its worker up to waiting requests (paused, resumed when a
        worker is free, still stopped at ``timeout``: :class:`~kg.serve.worker.FairGate`); None: never.
    queue_timeout : float, optional
        Seconds a request may wait for a worker before a 503 (default: the longer of ``timeout`` and
        :data:`~kg.serve.worker.QUEUE_TIMEOUT`).

    Returns
    -------
    starlette.applications.Starlette
        Its ``state.pool`` is the worker pool; leaving the app's lifespan (or ``state.pool.close()``)
        stops the workers.
    """
    import contextlib

    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from kg.core import KnowledgeGraph

    kg = graph if isinstance(graph, KnowledgeGraph) else KnowledgeGraph.from_store(graph)
    # project once, here, before the workers fork: they inherit it (read from the content-keyed cache
    # when fresh), the store, opened before the fork too, and the index of folded names that actor
    # lookups and reconciliation read (half a second at 1M triples, else paid again by every worker)
    from kg.analysis.resolve import name_index

    kg.network, kg.undirected, kg.store
    name_index(kg.network)
    workers = workers or default_workers()
    wait = float(queue_timeout) if queue_timeout is not None else max(float(timeout), QUEUE_TIMEOUT)
    pool = WorkerPool(kg, size=workers, timeout=timeout, queue_timeout=wait, budget=budget)
    if per_client is None and budget:  # long queries give their workers up: one address may use them all
        per_client = workers
    gate = FairGate(workers, per_client=per_client, wait_timeout=wait)
    settings = {"timeout": timeout, "max_rows": max_rows, "max_body": max_body, "store": store_spec or kg.spec,
                "endpoint": endpoint or DEFAULT_ENDPOINT, "jsonp": bool(jsonp) or "*" in (cors or ())}

    @contextlib.asynccontextmanager
    async def lifespan(app):
        try:
            yield
        finally:
            pool.close()

    handlers = _Handlers(pool, gate, settings)
    routes = [
        Route("/", handlers.home, methods=["GET", "HEAD"]),
        Route("/index.json", handlers.home_json, methods=["GET", "HEAD"]),
        Route("/sparql", handlers.sparql, methods=["GET", "POST"]),
        Route("/query/completions.json", handlers.completions, methods=["GET", "HEAD"]),
        Route("/view", handlers.view, methods=["GET", "HEAD"]),
        Route("/view.json", handlers.view, methods=["GET", "HEAD"]),
        Route("/favicon.ico", pages.favicon, methods=["GET", "HEAD"]),
        Route("/id/{rest:path}", handlers.resource, methods=["GET", "HEAD"]),
        Route("/source/{name}", handlers.reader, methods=["GET", "HEAD"]),
        Route("/reconcile", handlers.reconcile, methods=["GET", "POST"]),
        Route("/reconcile/suggest/{kind}", handlers.reconcile_suggest, methods=["GET"]),
        Route("/reconcile/preview", handlers.reconcile_preview, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=str(pages.STATIC)), name="static"),
    ]
    # Sizes first (one limit for every route), then the Host check: a request for a name we do not serve
    # gets nothing else, not even CORS.
    middleware = [Middleware(_SizeGuard, max_body=max_body),
                  Middleware(_HostGuard, allowed=LOOPBACK_HOSTS + tuple(allowed_hosts or ()))]
    if cors:
        # Browser-based SPARQL clients (YASGUI and the like) on the origins named may read the answers.
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors), allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"],
                                     expose_headers=["X-KG-Result-Cap", "X-KG-Truncated"]))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={KGError: error_response, HTTPException: error_response,
                                        Exception: error_response})
    app.state.pool = pool
    app.state.gate = gate
    app.state.settings = settings
    return app


def error_response(request, error):
    """The one place errors become responses: ``KGError.http_status`` (HTTP errors keep theirs; else 500).

    A browser gets the error page, any other client one line of text.
    """
    from starlette.exceptions import HTTPException
    from starlette.responses import PlainTextResponse

    if isinstance(error, WorkerCrashed):
        # "the query engine failed: ValueError: <engine text>": the part after the colon is internals
        _log.error("query worker failure answering %s %s: %s", request.method, request.url.path, error)
        status, message = error.http_status, str(error).partition(":")[0] + " (the server's log has the details)"
    elif isinstance(error, KGError):
        status, message = error.http_status, str(error)
    elif isinstance(error, HTTPException):
        status, message = error.status_code, error.detail or "error"
        if status == 404:
            message = f"nothing at {_shorten(request.url.path, 200)}"
    else:
        # the exception's own text may hold paths and internals: it goes to the log, not the client
        _log.error("internal error answering %s %s", request.method, request.url.path, exc_info=error)
        status, message = 500, "internal error: the server failed to answer this request (see its log)"
    message = " ".join(message.split()) if status != 400 else message.strip()
    message = _shorten(message, MESSAGE_LIMIT)
    headers = {"Retry-After": "5"} if status == 503 else None
    if wants_html(request.headers.get("accept")):
        page = pages.render("error.html", status=status, message=message,
                            candidates=(getattr(error, "candidates", None) or [])[:50])
        return _page(page, status_code=status, headers=headers)
    return PlainTextResponse(f"Error: {message}\n", status_code=status, headers=headers)


# helpers

class _Handlers:
    """The route handlers, sharing the worker pool, the settings and a small cache of rendered views."""

    def __init__(self, pool, gate, settings):
        self.pool = pool
        self.gate = gate
        self.settings = settings
        self._home = None
        self._completions = None
        self._views = collections.OrderedDict()
        self._views_lock = threading.Lock()

    async def call(self, request, function, *args):
        """Run a query job in a worker, bounded by the query timeout, in the client's turn."""
        from starlette.concurrency import run_in_threadpool

        async with self.gate.slot(_client(request)) as turn:
            return await run_in_threadpool(lambda: self.pool.call(function, *args, turn=turn))

    async def call_page(self, request, function, *args):
        """Run a page's data function in a worker, bounded by the page timeout.

        Pages (the projection, a view's layout) cost more than a typical query but are the same for
        every visitor, so they get at least :data:`PAGE_TIMEOUT` seconds; a view is then cached.
        """
        from starlette.concurrency import run_in_threadpool

        limit = max(self.settings["timeout"], PAGE_TIMEOUT)
        async with self.gate.slot(_client(request)) as turn:
            return await run_in_threadpool(lambda: self.pool.call(function, *args, timeout=limit, turn=turn))

    async def home(self, request):
        data = await self._home_data(request)
        if negotiate_page(request.headers.get("accept")) == "json":
            return _json_response(data)
        return _page(pages.render("home.html", data=data, limit=HOME_LIMIT, store=self.settings["store"]))

    async def home_json(self, request):
        return _json_response(await self._home_data(request))

    async def _home_data(self, request):
        """The home page's data, made once: the served graph does not change."""
        if self._home is None:
            self._home = await self.call_page(request, pages.home_data)
        return self._home

    async def completions(self, request):
        """The query page's completion lists, made once (the served graph does not change); an ETag lets a
        browser keep them across page loads (they are megabytes for a graph of 30,000 actors)."""
        import hashlib

        from starlette.responses import Response

        if self._completions is None:
            body = _json_response(await self.call_page(request, pages.completions_data)).body
            self._completions = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        body, etag = self._completions
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    async def sparql(self, request):
        from starlette.responses import Response

        body = await _read_body(request, self.settings["max_body"])
        params = parse_query_string(request.scope.get("query_string", b""))
        protocol_request = parse_request(request.method, params, request.headers.get("content-type"), body)
        accept = request.headers.get("accept")
        fmt = protocol_request.format
        html = fmt == "html" or (not fmt and wants_html(accept))
        if protocol_request.query is None:
            if html:
                return _page(self._query_page())
            return self._service_description(request, accept, fmt)
        cap = self.settings["max_rows"]
        if html:
            cap = min(cap, HTML_ROWS)
            dataset = (protocol_request.default_graph_uris or None, protocol_request.named_graph_uris or None)
            try:
                answer = await self.call(request, answer_query, protocol_request.query, accept, "html", cap, True, *dataset)
            except KGError as error:
                page = self._query_page(query=protocol_request.query, error=str(error))
                return _page(page, status_code=error.http_status)
            response = _page(self._query_page(query=protocol_request.query, answer=answer, shown=cap))
        else:
            dataset = (protocol_request.default_graph_uris or None, protocol_request.named_graph_uris or None)
            answer = await self.call(request, answer_query, protocol_request.query, accept, fmt, cap, False, *dataset)
            media_type = answer["media_type"]
            if media_type in _CHARSET_TYPES:
                media_type += "; charset=utf-8"
            response = Response(answer["body"], media_type=media_type)
        response.headers["Vary"] = "Accept"
        response.headers["X-KG-Result-Cap"] = str(cap)
        response.headers["X-KG-Truncated"] = "true" if answer["truncated"] else "false"
        return response

    async def resource(self, request):
        from starlette.responses import Response

        path = _utf8_path(request)
        suffix_json = path.endswith(".json")
        if suffix_json:
            path = path[: -len(".json")]
        iri = pages.iri_for_path(path)
        choice = negotiate_page(request.headers.get("accept"), suffix_json=suffix_json)
        if choice in _RDF_MEDIA:
            body = await self.call_page(request, pages.actor_rdf, iri, RDFLIB_FORMATS[choice])
            return Response(body, media_type=_RDF_MEDIA[choice], headers={"Vary": "Accept"})
        data = await self.call_page(request, pages.resource_data, iri)
        if choice == "json":
            return _json_response(data, headers={"Vary": "Accept"})
        if data["page"] == "resource":
            page = pages.render("resource.html", data=data, path=path, store=self.settings["store"])
            return _page(page, headers={"Vary": "Accept"})
        from urllib.parse import urlencode

        view_url = "/view?" + urlencode({"around": iri, "depth": 1})
        page = pages.render("actor.html", data=data, iri=iri, path=path, view_url=view_url,
                            store=self.settings["store"])
        return _page(page, headers={"Vary": "Accept"})

    async def view(self, request):
        from starlette.responses import HTMLResponse

        around = request.query_params.get("around") or None
        from kg.core import default_language

        lang = request.query_params.get("lang") or default_language()
        if lang not in ("en", "zh"):
            raise KGError(f"unknown language {lang[:20]!r}; valid languages: en, zh")
        try:
            depth = int(request.query_params.get("depth", "1"))
        except ValueError:
            raise KGError("depth must be a whole number") from None
        as_json = request.url.path.endswith(".json")
        if as_json:
            return _json_response(await self.call_page(request, pages.view_json, around, depth, lang))
        key = (around, depth, lang)
        with self._views_lock:
            cached = self._views.get(key)
        if cached is None:
            cached = await self.call_page(request, pages.view_html, around, depth, lang)
            with self._views_lock:
                self._views[key] = cached
                while len(self._views) > 32:
                    self._views.popitem(last=False)
        return HTMLResponse(cached)

    async def reader(self, request):
        """The source reader (:mod:`kg.serve.reader`): a page made once per source and language."""
        from kg.core import default_language
        from kg.serve import reader

        name = request.path_params["name"]
        as_json = name.endswith(".json")
        ident = name[: -len(".json")] if as_json else name
        lang = request.query_params.get("lang") or default_language()
        if lang not in ("en", "zh"):
            raise KGError(f"unknown language {lang[:20]!r}; valid languages: en, zh")
        key = ("reader", ident, lang)
        with self._views_lock:
            cached = self._views.get(key)
        if cached is None:
            data = await self.call_page(request, reader.reader_data, ident, lang)
            cached = (data, pages.reader_html(data, self.settings["store"]))
            with self._views_lock:
                self._views[key] = cached
        if as_json or negotiate_page(request.headers.get("accept")) == "json":
            return _json_response(cached[0], headers={"Vary": "Accept"})
        return _page(cached[1], headers={"Vary": "Accept"})

    async def reconcile(self, request):
        """The reconciliation service (:mod:`kg.serve.reconcile`): manifest, one query or a batch."""
        import json

        from kg.serve import reconcile

        body = await _read_body(request, self.settings["max_body"])
        params = dict(_query_params(request))
        if request.method == "POST":
            params.update(parse_query_string(body, "request body"))
        callback = reconcile.jsonp_callback(params.get("callback"))
        if callback and not self.settings["jsonp"]:
            raise BadArgument("JSONP (callback=) is off: any web page could read the answer with a <script> "
                              "tag; start the server with --jsonp (or --cors '*') to allow it")
        if "queries" in params:
            answer = await self.call(request, reconcile.reconcile_job, reconcile.parse_queries(params["queries"]))
        elif "query" in params:
            text = params["query"]
            query = reconcile.parse_queries(text)["q0"] if text.lstrip().startswith("{") else {"query": text}
            answer = {"result": (await self.call(request, reconcile.reconcile_job, {"q0": query}))["q0"]["result"]}
        else:
            answer = reconcile.manifest(str(request.base_url))
        if callback:
            from starlette.responses import Response

            text = json.dumps(answer, ensure_ascii=False).replace("<", "\\u003c")
            return Response(f"{callback}({text});", media_type="application/javascript")
        return _json_response(answer)

    async def reconcile_suggest(self, request):
        from kg.core import default_language
        from kg.serve import reconcile

        params = dict(_query_params(request))
        try:
            limit = int(params.get("limit", "10"))
        except ValueError:
            raise KGError("limit must be a whole number") from None
        lang = params.get("lang") or default_language()
        return _json_response(await self.call(request, reconcile.suggest_job, request.path_params["kind"],
                                              params.get("prefix", ""), limit, lang))

    async def reconcile_preview(self, request):
        from kg.core import default_language
        from kg.serve import reconcile

        params = dict(_query_params(request))
        lang = params.get("lang") or default_language()
        return _page(await self.call(request, reconcile.preview_job, params.get("id", ""), lang))

    def _query_page(self, query="", answer=None, error=None, shown=None):
        from kg.namespaces import PREFIXES
        from kg.query import named_queries

        examples = list(named_queries().values())
        if not query and examples:
            query = examples[0].text
        return pages.render("query.html", query=query, answer=answer, error=error, examples=examples,
                            shown=shown, prefixes=list(PREFIXES), **self.settings)

    def _service_description(self, request, accept, fmt):
        from starlette.responses import Response

        chosen = negotiate("DESCRIBE", accept, fmt)
        body = service_description(self.settings["endpoint"]).serialize(format=RDFLIB_FORMATS[chosen.name], encoding="utf-8")
        return Response(body, media_type=_RDF_MEDIA[chosen.name], headers={"Vary": "Accept"})


#: our own pages load only our own files; the network view (kg.view) carries its own, stricter policy
_PAGE_POLICY = ("default-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; "
                "base-uri 'none'; form-action 'self'")


def _page(text, status_code=200, headers=None):
    """One of our HTML pages, with a Content-Security-Policy that forbids anything from outside."""
    from starlette.responses import HTMLResponse

    response = HTMLResponse(text, status_code=status_code, headers=headers)
    response.headers["Content-Security-Policy"] = _PAGE_POLICY
    return response


class _HostGuard:
    """ASGI middleware: answer only requests whose ``Host`` names this server (DNS rebinding defence).

    A browser that resolved an attacker's name to 127.0.0.1 still sends the attacker's name as Host;
    such a request gets a 400 that does not repeat the name.
    """

    def __init__(self, app, allowed):
        self.app = app
        self.any = "*" in allowed
        self.allowed = frozenset(host_name(name) or name.lower() for name in allowed if name != "*")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.any:
            return await self.app(scope, receive, send)
        host = next((value.decode("latin-1") for name, value in scope.get("headers", ()) if name == b"host"), "")
        if host_name(host) in self.allowed:
            return await self.app(scope, receive, send)
        from starlette.responses import PlainTextResponse

        response = PlainTextResponse("Error: this server does not answer for the Host name this request "
                                     "names; start it with --allow-host NAME to serve that name\n", status_code=400)
        await response(scope, receive, send)


def _query_params(request):
    """The request's query string as ``(name, value)`` pairs, refusing (400) percent-escapes that are not
    UTF-8 (Starlette would turn them into replacement characters and answer as if nothing were wrong)."""
    return parse_query_string(request.scope.get("query_string", b""))


def _utf8_path(request):
    """The request's path, decoded strictly: percent-escapes that are not UTF-8 get a 400 saying so."""
    from urllib.parse import unquote_to_bytes

    raw = request.scope.get("raw_path") or request.url.path.encode("utf-8")
    try:
        return unquote_to_bytes(raw.partition(b"?")[0]).decode("utf-8")
    except UnicodeDecodeError:
        shown = _shorten(raw.decode("ascii", "replace"), 200)
        raise BadArgument(f"the path {shown} is not valid UTF-8 (percent-escapes must encode UTF-8 text)") from None


class _SizeGuard:
    """ASGI middleware: one size limit, :data:`~kg.serve.protocol.MAX_REQUEST_LINE` bytes, for the request
    line of every route (414) and for the headers (431), whatever the HTTP layer let through."""

    def __init__(self, app, max_body):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        from starlette.responses import PlainTextResponse

        target = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string", b""))
        headers = sum(len(name) + len(value) + 4 for name, value in scope.get("headers", ()))
        if target > MAX_REQUEST_LINE:
            response = PlainTextResponse(f"Error: {uri_too_long_message(self.max_body)}\n", status_code=414)
        elif headers > MAX_REQUEST_LINE:
            response = PlainTextResponse(f"Error: the request's headers are over {MAX_REQUEST_LINE} bytes\n",
                                         status_code=431)
        else:
            return await self.app(scope, receive, send)
        await response(scope, receive, send)


def _client(request):
    """Whom a request comes from, for fair shares: its IP address."""
    return request.client.host if request.client else "?"


def _shorten(text, limit):
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _json_response(data, headers=None):
    """A page's JSON twin (UTF-8, Chinese as is; dates and decimals as strings)."""
    import json

    from starlette.responses import Response

    body = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    return Response(body, media_type="application/json", headers=headers)


async def _read_body(request, limit):
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
