"""The ASGI middleware in front of every route: :class:`HostGuard` answers only for the names the server
was started for (DNS rebinding defence), :class:`SizeGuard` refuses an over-long request line or headers."""

from kg.serve.protocol import MAX_REQUEST_LINE, host_name, uri_too_long_message

__all__ = ["HostGuard", "SizeGuard"]


class HostGuard:
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


class SizeGuard:
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
