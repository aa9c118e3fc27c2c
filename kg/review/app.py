"""The review page: a small Starlette app that reads and writes the review files it was started with.

Routes (under ``/review``)::

    /review/                     the reviews served, with links
    /review/<id>                 the page: the text with every proposal highlighted, the list beside it
    /review/<id>.json            its JSON twin (the same :meth:`kg.review.Review.data`)
    /review/<id>/action          POST {"action": accept|reject|edit|join|add_actor|add_relation|add_figure|undo, ...}
    /review/<id>/accept          POST: kg accept with the SHACL shapes; problems against their lines
    /review/<id>/suggest         GET ?id=N&q=: known actors a proposal may be (resolver, name search)
    /review/<id>/relations       GET ?subject=KEY&object=KEY: the relations that fit their classes
    /review/static/...           the page's CSS and JS

Writing is a different mode from the read-only endpoint, so every request must pass :class:`Guard`: the
``Host`` is a loopback name (DNS rebinding), an ``Origin`` or ``Referer``, when sent, is this server, the
random token is in the URL (``?token=``, which sets an HttpOnly cookie, like Jupyter) or the cookie, and a
POST carries the page's CSRF token in ``X-CSRF-Token`` with a JSON body. A review is found by its id in
the table the app was built with: no request names a path, so nothing else can be written.

>>> import secrets
>>> app = create_app({}, token="t0k", csrf="c5rf")
>>> from starlette.testclient import TestClient
>>> client = TestClient(app, base_url="http://127.0.0.1:8000")
>>> client.get("/review/").status_code, client.get("/review/?token=t0k").status_code
(403, 200)
>>> client.get("/review/?token=t0k", headers={"Host": "evil.example"}).status_code
400
"""

import hmac
import json
import threading
from pathlib import Path

from kg.errors import BadArgument, KGError

__all__ = ["create_app", "Guard", "PREFIX", "TOKEN_COOKIE", "CSRF_HEADER", "LANGUAGES"]

PREFIX = "/review"
TOKEN_COOKIE = "kg_review_token"
CSRF_HEADER = "x-csrf-token"
LANGUAGES = ("en", "zh")
#: bytes a POST body may hold (an action is a few hundred)
MAX_BODY = 64_000
HERE = Path(__file__).resolve().parent

_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
           "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def create_app(reviews, *, token, csrf=None, graph=None, root=None, port=None):
    """The ASGI app serving ``reviews`` (``{source_id: review file path}``).

    Parameters
    ----------
    reviews : dict
        The review files this app may read and write, by source id; nothing else is ever written.
    token : str
        The secret every request must carry (``?token=`` once, then the cookie it sets).
    csrf : str, optional
        The token every write must send in ``X-CSRF-Token`` (default: a new random one).
    graph : kg.KnowledgeGraph, optional
        What the graph knows (names, classes, name search).
    root : path, optional
        The project ``kg accept`` writes into.
    port : int, optional
        The port served: an ``Origin`` must then name it too.
    """
    import secrets

    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from kg.review.session import Review

    csrf = csrf or secrets.token_urlsafe(24)
    paths = {str(key): Path(value).resolve() for key, value in reviews.items()}
    sessions, lock = {}, threading.Lock()

    def session(request):
        ident = request.path_params["ident"]
        path = paths.get(ident)
        if path is None:
            raise HTTPException(404, f"no review {ident[:60]!r} is served here")
        with lock:
            if ident not in sessions:
                sessions[ident] = Review(path, graph=graph, root=root)
            return sessions[ident]

    async def index(request):
        lang = _lang(request)
        rows = [{"id": ident, "file": path.name} for ident, path in sorted(paths.items())]
        return _page("index.html", lang=lang, reviews=rows)

    async def page(request):
        from starlette.concurrency import run_in_threadpool

        ident = request.path_params["ident"]
        if ident not in paths and ident.endswith(".json"):
            request.path_params["ident"] = ident[:-5]
            review = session(request)
            return _json(await run_in_threadpool(review.data))
        review = session(request)
        lang = _lang(request)
        data = await run_in_threadpool(review.data)
        return _page("review.html", lang=lang, data=data, csrf=csrf, ui=_UI[lang], ui_json=_UI[lang],
                     prefix=PREFIX)

    async def action(request):
        from starlette.concurrency import run_in_threadpool

        review = session(request)
        body = await _json_body(request)
        result = await run_in_threadpool(_act, review, body)
        data = await run_in_threadpool(review.data)
        return _json({"ok": True, "result": result, "data": data})

    async def accept(request):
        from starlette.concurrency import run_in_threadpool

        review = session(request)
        await _json_body(request)
        outcome = await run_in_threadpool(review.accept_all)
        outcome["data"] = await run_in_threadpool(review.data)
        return _json(outcome, status_code=200 if outcome["ok"] else 422)

    async def suggest(request):
        from starlette.concurrency import run_in_threadpool

        review = session(request)
        found = await run_in_threadpool(review.suggestions, request.query_params.get("id"),
                                        (request.query_params.get("q") or "")[:200] or None)
        return _json({"suggestions": found})

    async def fitting(request):
        review = session(request)
        return _json({"relations": review.relations_for(request.query_params.get("subject", ""),
                                                        request.query_params.get("object", ""))})

    routes = [
        Route(PREFIX + "/", index, methods=["GET"]),
        Mount(PREFIX + "/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
        Route(PREFIX + "/{ident}", page, methods=["GET"]),
        Route(PREFIX + "/{ident}/action", action, methods=["POST"]),
        Route(PREFIX + "/{ident}/accept", accept, methods=["POST"]),
        Route(PREFIX + "/{ident}/suggest", suggest, methods=["GET"]),
        Route(PREFIX + "/{ident}/relations", fitting, methods=["GET"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(Guard, token=token, csrf=csrf, port=port)],
                    exception_handlers={KGError: _error, HTTPException: _error, Exception: _error})
    app.state.csrf = csrf
    app.state.reviews = paths
    return app


class Guard:
    """ASGI middleware: loopback ``Host`` only, this server as ``Origin``/``Referer``, the token on every
    request and the CSRF token (with a JSON body) on every write. Refusals never echo what was sent."""

    def __init__(self, app, token, csrf, port=None):
        self.app = app
        self.token = token
        self.csrf = csrf
        self.port = port

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        from urllib.parse import parse_qs

        from kg.serve.protocol import LOOPBACK_HOSTS, host_name

        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope.get("headers", ())}
        refusal = None
        if host_name(headers.get("host", "")) not in LOOPBACK_HOSTS:
            refusal = (400, "this review server answers only for 127.0.0.1 and localhost")
        elif not self._same_origin(headers.get("origin")) or not self._same_origin(headers.get("referer"), True):
            refusal = (403, "a page from another origin may not use the review server")
        else:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get("token") or [""])[0]
            cookie = _cookie(headers.get("cookie", ""), TOKEN_COOKIE)
            from_url = bool(given) and hmac.compare_digest(given, self.token)
            if not (from_url or (cookie and hmac.compare_digest(cookie, self.token))):
                refusal = (403, "open the URL that kg review printed (it holds the token)")
            elif scope["method"] not in ("GET", "HEAD"):
                sent = headers.get(CSRF_HEADER, "")
                if not sent or not hmac.compare_digest(sent, self.csrf):
                    refusal = (403, "a write needs the page's CSRF token")
                elif headers.get("content-type", "").split(";")[0].strip() != "application/json":
                    refusal = (415, "send JSON")
                elif headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
                    refusal = (403, "a page from another origin may not use the review server")
        if refusal:
            from starlette.responses import PlainTextResponse

            return await PlainTextResponse(f"Error: {refusal[1]}\n", status_code=refusal[0])(scope, receive, send)
        if not from_url:
            return await self.app(scope, receive, send)

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                cookie = f"{TOKEN_COOKIE}={self.token}; Path={PREFIX}; HttpOnly; SameSite=Strict"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode("latin-1")))
            await send(message)

        return await self.app(scope, receive, send_with_cookie)

    def _same_origin(self, value, is_referer=False):
        """No header, or one that names a loopback host (and this port, when known)."""
        if not value:
            return True
        from urllib.parse import urlsplit

        from kg.serve.protocol import LOOPBACK_HOSTS

        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError:
            return False
        if value == "null" or parts.scheme != "http" or (parts.hostname or "").lower() not in LOOPBACK_HOSTS + ("::1",):
            return False
        return self.port is None or port == self.port


# helpers

def _act(review, body):
    """One action of the page on ``review``: what the action returns (a new proposal's id, progress)."""
    name = body.get("action")
    args = {key: value for key, value in body.items() if key != "action"}

    def pick(*names):
        return {key: args[key] for key in names if args.get(key) not in (None, "")}

    if name in ("accept", "reject"):
        return getattr(review, name)(args.get("id"))
    if name == "edit":
        return review.edit(args.get("id"), **pick("start", "end", "text", "near", "cls", "en", "relation", "value",
                                                  "unit", "time"))
    if name == "join":
        return review.join(args.get("id"), str(args.get("key") or ""))
    if name == "add_actor":
        return review.add_actor(**pick("start", "end", "text", "near", "cls", "en"))
    if name == "add_relation":
        return review.add_relation(str(args.get("subject") or ""), str(args.get("relation") or ""),
                                   str(args.get("object") or ""), **pick("start", "end", "text", "near"))
    if name == "add_figure":
        return review.add_figure(str(args.get("subject") or ""), str(args.get("measure") or ""),
                                 **pick("start", "end", "text", "near", "value", "unit", "time"))
    if name == "undo":
        return review.undo()
    raise BadArgument(f"unknown action {str(name)[:40]!r}")


async def _json_body(request):
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadArgument("the request is too large")
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        raise BadArgument("the request body is not JSON") from None
    if not isinstance(value, dict):
        raise BadArgument("send a JSON object")
    return value


def _lang(request):
    lang = request.query_params.get("lang") or "en"
    return lang if lang in LANGUAGES else "en"


def _cookie(header, name):
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def _json(data, status_code=200):
    from starlette.responses import Response

    body = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    return Response(body, status_code=status_code, media_type="application/json",
                    headers={"Cache-Control": "no-store"})


def _environment():
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                                     autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return environment


_ENV = None


def _page(template, **context):
    from starlette.responses import HTMLResponse

    global _ENV
    if _ENV is None:
        _ENV = _environment()
    response = HTMLResponse(_ENV.get_template(template).render(**context))
    response.headers["Content-Security-Policy"] = _POLICY
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _error(request, error):
    """Errors as one line: a KGError's own words, HTTP errors theirs, anything else a plain 500."""
    import logging

    from starlette.exceptions import HTTPException

    if isinstance(error, KGError):
        status, message = error.http_status, str(error)
    elif isinstance(error, HTTPException):
        status, message = error.status_code, error.detail or "error"
    else:
        logging.getLogger("kg.review").error("internal error", exc_info=error)
        status, message = 500, "internal error (see the server's log)"
    message = " ".join(message.split())[:500]
    return _json({"ok": False, "error": message}, status_code=status)


#: the page's words (keys and buttons), in both languages; the JS reads them from the page
_UI = {
    "en": {"title": "Review", "accept": "Accept", "reject": "Reject", "edit": "Edit", "join": "Join",
           "undo": "Undo", "new_actor": "New actor from selection", "relation": "Add relation",
           "figure": "Add figure", "accept_all": "Accept all reviewed", "boundary": "Use selection as boundary",
           "decided": "decided", "of": "of", "adds": "Accepting adds", "new_actors": "new actors",
           "joins": "joined to known actors", "relations": "relations", "figures": "figures",
           "keys_title": "Keys", "subject": "Subject", "object": "Object", "evidence": "Evidence (empty: the sentence naming both)",
           "measure": "Measure", "value": "Number and unit", "time": "Year", "class": "Class",
           "search": "Search known actors", "maybe": "maybe the same as", "confidence": "confidence",
           "rule": "rule", "save": "Save", "cancel": "Cancel", "text": "Text", "english": "English name",
           "proposals": "Proposals", "lang_other": "中文", "done": "Accepted into", "problems": "Nothing written:",
           "pick": "click an actor in the text or the list, or type its name",
           "kinds": {"actor": "actor", "alias": "alias", "relation": "relation", "member": "membership",
                     "figure": "figure"},
           "statuses": {"proposed": "proposed", "accepted": "accepted", "rejected": "rejected"},
           "key_help": "↑↓ move · a accept · x reject · e edit · j join · n new actor · r relation · "
                       "f figure · u undo · Ctrl+Enter accept all · Esc close"},
    "zh": {"title": "审核", "accept": "接受", "reject": "拒绝", "edit": "修改", "join": "合并",
           "undo": "撤销", "new_actor": "以选中文字新建主体", "relation": "添加关系",
           "figure": "添加数据", "accept_all": "全部接受已审核", "boundary": "以选中文字为边界",
           "decided": "已决定", "of": "/", "adds": "接受后新增", "new_actors": "新主体",
           "joins": "并入已知主体", "relations": "关系", "figures": "数据",
           "keys_title": "快捷键", "subject": "主体", "object": "客体", "evidence": "证据(留空:同时提及二者的句子)",
           "measure": "指标", "value": "数值与单位", "time": "年份", "class": "类别",
           "search": "搜索已知主体", "maybe": "可能即", "confidence": "置信度",
           "rule": "规则", "save": "保存", "cancel": "取消", "text": "文字", "english": "英文名",
           "proposals": "候选", "lang_other": "English", "done": "已写入", "problems": "未写入:",
           "pick": "点击文中或列表中的主体,或输入名称",
           "kinds": {"actor": "主体", "alias": "别名", "relation": "关系", "member": "成员关系", "figure": "数据"},
           "statuses": {"proposed": "待定", "accepted": "已接受", "rejected": "已拒绝"},
           "key_help": "↑↓ 移动 · a 接受 · x 拒绝 · e 修改 · j 合并 · n 新建主体 · r 关系 · "
                       "f 数据 · u 撤销 · Ctrl+Enter 全部接受 · Esc 关闭"},
}
