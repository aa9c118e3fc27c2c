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
the timeout is killed while the server keeps serving; a :class:`~kg.serve.gate.FairGate` shares the
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

import logging

from kg.errors import KGError
from kg.serve import pages
from kg.serve.gate import FairGate
from kg.serve.guards import HostGuard, SizeGuard
from kg.serve.handlers import html_page, shorten
from kg.serve.page_routes import PageRoutes
from kg.serve.protocol import LOOPBACK_HOSTS, wants_html
from kg.serve.reconcile_routes import ReconcileRoutes
from kg.serve.sparql_routes import SparqlRoutes
from kg.serve.worker import BUDGET, QUEUE_TIMEOUT, WorkerCrashed, WorkerPool, default_workers

__all__ = ["create_app", "error_response"]

#: characters of an error message an answer shows at most (a name sent by a client may be huge)
MESSAGE_LIMIT = 500

#: the SPARQL endpoint the service description names when the app is not told its own
DEFAULT_ENDPOINT = "http://127.0.0.1:8000/sparql"

_log = logging.getLogger("kg.serve")


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
        :data:`~kg.serve.handlers.PAGE_TIMEOUT` seconds: they cost more than a typical query and are the
        same for everyone.
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
        worker is free, still stopped at ``timeout``: :class:`~kg.serve.gate.FairGate`); None: never.
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

    site = PageRoutes(pool, gate, settings)
    sparql = SparqlRoutes(pool, gate, settings)
    reconciliation = ReconcileRoutes(pool, gate, settings)
    routes = [
        Route("/", site.home, methods=["GET", "HEAD"]),
        Route("/index.json", site.home_json, methods=["GET", "HEAD"]),
        Route("/sparql", sparql.sparql, methods=["GET", "POST"]),
        Route("/query/completions.json", sparql.completions, methods=["GET", "HEAD"]),
        Route("/view", site.view, methods=["GET", "HEAD"]),
        Route("/view.json", site.view, methods=["GET", "HEAD"]),
        Route("/favicon.ico", pages.favicon, methods=["GET", "HEAD"]),
        Route("/id/{rest:path}", site.resource, methods=["GET", "HEAD"]),
        Route("/source/{name}", site.reader, methods=["GET", "HEAD"]),
        Route("/reconcile", reconciliation.reconcile, methods=["GET", "POST"]),
        Route("/reconcile/suggest/{kind}", reconciliation.reconcile_suggest, methods=["GET"]),
        Route("/reconcile/preview", reconciliation.reconcile_preview, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=str(pages.STATIC)), name="static"),
    ]
    # Sizes first (one limit for every route), then the Host check: a request for a name we do not serve
    # gets nothing else, not even CORS.
    middleware = [Middleware(SizeGuard, max_body=max_body),
                  Middleware(HostGuard, allowed=LOOPBACK_HOSTS + tuple(allowed_hosts or ()))]
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
            message = f"nothing at {shorten(request.url.path, 200)}"
    else:
        # the exception's own text may hold paths and internals: it goes to the log, not the client
        _log.error("internal error answering %s %s", request.method, request.url.path, exc_info=error)
        status, message = 500, "internal error: the server failed to answer this request (see its log)"
    message = " ".join(message.split()) if status != 400 else message.strip()
    message = shorten(message, MESSAGE_LIMIT)
    headers = {"Retry-After": "5"} if status == 503 else None
    if wants_html(request.headers.get("accept")):
        page = pages.render("error.html", status=status, message=message,
                            candidates=(getattr(error, "candidates", None) or [])[:50])
        return html_page(page, status_code=status, headers=headers)
    return PlainTextResponse(f"Error: {message}\n", status_code=status, headers=headers)
