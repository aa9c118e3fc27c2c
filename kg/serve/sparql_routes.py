"""The SPARQL endpoint's routes: ``/sparql`` (the protocol, the query page, the service description) and
the query page's completion lists."""

from kg.errors import KGError
from kg.serve import pages
from kg.serve.handlers import RDF_MEDIA, Handlers, html_page, json_response, read_body
from kg.serve.jobs import answer_query
from kg.serve.protocol import (RDFLIB_FORMATS, negotiate, parse_query_string, parse_request, service_description,
                               wants_html)

__all__ = ["SparqlRoutes", "HTML_ROWS"]

#: rows the query page's table shows at most (the download formats give up to max_rows)
HTML_ROWS = 1000

_CHARSET_TYPES = ("text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples")


class SparqlRoutes(Handlers):
    """``/sparql`` and ``/query/completions.json``."""

    def __init__(self, pool, gate, settings):
        super().__init__(pool, gate, settings)
        self._completions = None

    async def sparql(self, request):
        from starlette.responses import Response

        body = await read_body(request, self.settings["max_body"])
        params = parse_query_string(request.scope.get("query_string", b""))
        protocol_request = parse_request(request.method, params, request.headers.get("content-type"), body)
        accept = request.headers.get("accept")
        fmt = protocol_request.format
        html = fmt == "html" or (not fmt and wants_html(accept))
        if protocol_request.query is None:
            if html:
                return html_page(self._query_page())
            return self._service_description(request, accept, fmt)
        cap = self.settings["max_rows"]
        if html:
            cap = min(cap, HTML_ROWS)
            dataset = (protocol_request.default_graph_uris or None, protocol_request.named_graph_uris or None)
            try:
                answer = await self.call(request, answer_query, protocol_request.query, accept, "html", cap, True, *dataset)
            except KGError as error:
                page = self._query_page(query=protocol_request.query, error=str(error))
                return html_page(page, status_code=error.http_status)
            response = html_page(self._query_page(query=protocol_request.query, answer=answer, shown=cap))
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

    async def completions(self, request):
        """The query page's completion lists, made once (the served graph does not change); an ETag lets a
        browser keep them across page loads (they are megabytes for a graph of 30,000 actors)."""
        import hashlib

        from starlette.responses import Response

        if self._completions is None:
            body = json_response(await self.call_page(request, pages.completions_data)).body
            self._completions = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        body, etag = self._completions
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

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
        return Response(body, media_type=RDF_MEDIA[chosen.name], headers={"Vary": "Accept"})
