"""The W3C Entity Reconciliation API's routes (:mod:`kg.serve.reconcile` does the work): ``/reconcile``
(manifest, one query or a batch, JSONP when allowed), ``/reconcile/suggest/<kind>`` and
``/reconcile/preview``."""

from kg.errors import BadArgument, KGError
from kg.serve.handlers import Handlers, html_page, json_response, query_params, read_body
from kg.serve.protocol import parse_query_string

__all__ = ["ReconcileRoutes"]


class ReconcileRoutes(Handlers):
    """``/reconcile``, ``/reconcile/suggest/<kind>`` and ``/reconcile/preview``."""

    async def reconcile(self, request):
        """The reconciliation service (:mod:`kg.serve.reconcile`): manifest, one query or a batch."""
        import json

        from kg.serve import reconcile

        body = await read_body(request, self.settings["max_body"])
        params = dict(query_params(request))
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
        return json_response(answer)

    async def reconcile_suggest(self, request):
        from kg.core import default_language
        from kg.serve import reconcile

        params = dict(query_params(request))
        try:
            limit = int(params.get("limit", "10"))
        except ValueError:
            raise KGError("limit must be a whole number") from None
        lang = params.get("lang") or default_language()
        return json_response(await self.call(request, reconcile.suggest_job, request.path_params["kind"],
                                              params.get("prefix", ""), limit, lang))

    async def reconcile_preview(self, request):
        from kg.core import default_language
        from kg.serve import reconcile

        params = dict(query_params(request))
        lang = params.get("lang") or default_language()
        return html_page(await self.call(request, reconcile.preview_job, params.get("id", ""), lang))
