"""The human face's routes: the home page, an actor's page at its IRI's path, the network view and the
source reader, each with its JSON twin (the data come from :mod:`kg.serve.pages`)."""

import collections
import threading

from kg.errors import KGError
from kg.serve import pages
from kg.serve.handlers import RDF_MEDIA, Handlers, html_page, json_response, utf8_path
from kg.serve.protocol import RDFLIB_FORMATS, negotiate_page

__all__ = ["PageRoutes", "HOME_LIMIT"]

#: actors listed on the home page (its JSON twin lists them all)
HOME_LIMIT = 2000


class PageRoutes(Handlers):
    """``/``, ``/index.json``, ``/id/...``, ``/view``, ``/view.json`` and ``/source/...``; the home page's data
    are made once and views and readers are cached (the served graph does not change)."""

    def __init__(self, pool, gate, settings):
        super().__init__(pool, gate, settings)
        self._home = None
        self._views = collections.OrderedDict()
        self._views_lock = threading.Lock()

    async def home(self, request):
        data = await self._home_data(request)
        if negotiate_page(request.headers.get("accept")) == "json":
            return json_response(data)
        return html_page(pages.render("home.html", data=data, limit=HOME_LIMIT, store=self.settings["store"]))

    async def home_json(self, request):
        return json_response(await self._home_data(request))

    async def _home_data(self, request):
        """The home page's data, made once: the served graph does not change."""
        if self._home is None:
            self._home = await self.call_page(request, pages.home_data)
        return self._home

    async def resource(self, request):
        from starlette.responses import Response

        path = utf8_path(request)
        suffix_json = path.endswith(".json")
        if suffix_json:
            path = path[: -len(".json")]
        iri = pages.iri_for_path(path)
        choice = negotiate_page(request.headers.get("accept"), suffix_json=suffix_json)
        if choice in RDF_MEDIA:
            body = await self.call_page(request, pages.actor_rdf, iri, RDFLIB_FORMATS[choice])
            return Response(body, media_type=RDF_MEDIA[choice], headers={"Vary": "Accept"})
        data = await self.call_page(request, pages.resource_data, iri)
        if choice == "json":
            return json_response(data, headers={"Vary": "Accept"})
        if data["page"] == "resource":
            page = pages.render("resource.html", data=data, path=path, store=self.settings["store"])
            return html_page(page, headers={"Vary": "Accept"})
        from urllib.parse import urlencode

        view_url = "/view?" + urlencode({"around": iri, "depth": 1})
        page = pages.render("actor.html", data=data, iri=iri, path=path, view_url=view_url,
                            store=self.settings["store"])
        return html_page(page, headers={"Vary": "Accept"})

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
            return json_response(await self.call_page(request, pages.view_json, around, depth, lang))
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
            return json_response(cached[0], headers={"Vary": "Accept"})
        return html_page(cached[1], headers={"Vary": "Accept"})
