"""The server's human face: the data behind each page (shared by its HTML and its JSON twin) and rendering.

Data functions take the :class:`kg.KnowledgeGraph` first, so the server runs them in a query worker
(bounded by the timeout); they return plain dicts and lists that pickle. :func:`render` fills a Jinja2 template with autoescaping on,
so nothing from the data reaches the page unescaped.

>>> import pyoxigraph
>>> cell = term_cell(pyoxigraph.NamedNode(IKR_BASE + "org/lanzhou-university"))
>>> cell["href"], cell["text"]
('/id/org/lanzhou-university', 'ikr:org/lanzhou-university')
>>> "&lt;b&gt;" in render("error.html", status=400, message="<b>")
True
"""

import functools
from pathlib import Path

from kg.namespaces import check_iri

__all__ = ["favicon", "source_names", 
    "IKR_BASE",
    "TEMPLATES",
    "STATIC",
    "render",
    "term_cell",
    "local_path",
    "iri_for_path",
    "home_data",
    "actor_data",
    "resource_data",
    "actor_rdf",
    "view_html",
    "view_json",
    "completions_data",
    "reader_html",
]

#: actors' IRIs start with this; the server answers for them at the same path
IKR_BASE = "https://w3id.org/innovation-kg/id/"

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


def render(template, **context):
    """Fill ``templates/<template>`` with ``context`` (autoescaped) and return the page's text."""
    return _environment().get_template(template).render(**context)


def local_path(iri):
    """The server path for one of our IRIs (``/id/<kind>/<slug>``), or None for anybody else's.

    >>> local_path("https://w3id.org/innovation-kg/id/place/gansu")
    '/id/place/gansu'
    >>> local_path("http://example.org/x") is None
    True
    """
    iri = str(iri)
    return "/id/" + iri[len(IKR_BASE):] if iri.startswith(IKR_BASE) else None


def iri_for_path(path):
    """The IRI an ``/id/...`` path stands for (inverse of :func:`local_path`).

    >>> iri_for_path("/id/place/gansu")
    'https://w3id.org/innovation-kg/id/place/gansu'
    """
    return IKR_BASE + path[len("/id/"):]


def term_cell(term):
    """An RDF term (pyoxigraph's) as a display cell: ``text`` (prefixed IRI or literal), ``href``, ``title``, ``note``.

    >>> import pyoxigraph
    >>> term_cell(pyoxigraph.Literal("兰州大学", language="zh"))["note"]
    '@zh'
    >>> term_cell(None)["text"]
    ''
    """
    if term is None:
        return {"text": "", "href": None, "title": None, "note": None}
    from kg.namespaces import compact_iri
    from kg.stores.terms import XSD_STRING

    kind = type(term).__name__
    if kind == "Literal":
        datatype = term.datatype.value
        note = f"@{term.language}" if term.language else (compact_iri(datatype) if datatype != XSD_STRING else None)
        return {"text": term.value, "href": None, "title": None, "note": note}
    if kind == "BlankNode":
        return {"text": f"_:{term.value}", "href": None, "title": None, "note": None}
    iri = getattr(term, "value", str(term))
    return {"text": compact_iri(iri), "href": local_path(iri), "title": iri, "note": None}


def home_data(kg):
    """The home page's data: triple count and every actor (IRI, path, names, class), by class and name.

    >>> from kg.core import KnowledgeGraph
    >>> home_data(KnowledgeGraph(data=[]))["actor_count"] > 0
    True
    """
    G = kg.network
    actors = sorted(
        ({"iri": node, "path": local_path(node), "label_zh": data.get("label_zh"),
          "label_en": data.get("label_en"), "cls": data.get("cls")} for node, data in G.nodes(data=True)),
        key=lambda actor: (actor["cls"] or "", actor["label_en"] or "", actor["iri"]))
    return {"triples": kg.triple_count(), "actor_count": len(actors), "relation_count": G.number_of_edges(),
            "graphs": [{"iri": iri, "triples": count} for iri, count in kg.graphs().items()],
            "sources": _source_documents(kg.store), "actors": actors}


def _source_documents(store):
    """The graph's source documents for the home page: ``id``, ``title``, ``publisher``, ``date``, ``spans``
    (evidence spans read from it), by date then title."""
    from kg.serve.reader import source_id

    query = """SELECT ?s (SAMPLE(?title) AS ?t) (SAMPLE(?date) AS ?d) (SAMPLE(?name) AS ?p) (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?s a <https://w3id.org/innovation-kg/ontology#SourceDocument> .
  OPTIONAL { ?s <http://purl.org/dc/terms/title> ?title }
  OPTIONAL { ?s <http://purl.org/dc/terms/date> ?date }
  OPTIONAL { ?s <http://purl.org/dc/terms/publisher> ?publisher .
             OPTIONAL { ?publisher <http://www.w3.org/2004/02/skos/core#prefLabel> ?name FILTER(lang(?name) = "zh") } }
  OPTIONAL { ?e <http://www.w3.org/ns/prov#wasDerivedFrom> ?s ; <https://w3id.org/innovation-kg/ontology#span> ?span }
} GROUP BY ?s"""

    def text(value):
        return None if value is None else str(getattr(value, "value", value))

    found = []
    for iri, title, date, publisher, spans in store.select(query):
        ident = source_id(iri)
        if ident:
            found.append({"id": ident, "iri": iri, "title": text(title), "date": text(date),
                          "publisher": text(publisher), "spans": int(text(spans) or 0)})
    return sorted(found, key=lambda s: (s["date"] or "", s["title"] or "", s["id"]))


def actor_data(kg, iri):
    """What the actor page shows: :func:`kg.analysis.describe.describe` of ``iri`` in the projection, with
    its figures' sources read from the store so the claim audit counts them too (the JSON twin is this
    dict).

    >>> from kg.core import KnowledgeGraph
    >>> actor_data(KnowledgeGraph(), IKR_BASE + "place/nowhere")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownActor: no actor has the IRI 'https://w3id.org/innovation-kg/id/place/nowhere'
    """
    from kg.analysis.describe import describe, figure_sources

    if iri not in kg.network:
        return describe(kg.network, iri)  # raises UnknownActor
    from kg.serve.reader import literal_evidence

    figures = [f["iri"] for f in kg.network.nodes[iri].get("figures") or ()]
    found = describe(kg.network, iri, figure_sources=figure_sources(kg.store, figures))
    spans = literal_evidence(kg.store, figures)  # so a figure, too, links to its sentence in the source
    from kg.render import figure_amount

    for figure in found["figures"]:
        figure["evidence"] = [{k: e[k] for k in ("span", "start", "end", "source", "iri")}
                              for e in spans.get(figure["iri"], [])]
        figure["amount"] = figure_amount(figure, "en")  # "more than 800 hundred million yuan", as kg show says
    cited = set((found.get("audit") or {}).get("sources") or ())
    for group in found.get("disagreements") or ():
        for side in group.get("figures") or ():
            cited.update(side.get("sources") or ())
            side["amount"] = figure_amount(side, "en")
    found["source_names"] = source_names(kg.store, cited)
    found["source_documents"] = _source_document_count(kg.store)
    return found


def source_names(store, iris):
    """Source IRI -> how a page names and links it: ``title`` (its dcterms:title, English first, else its id),
    ``href`` (the reader for a source document, the resource page for a reference dataset) and ``reference``.

    >>> import kg
    >>> with kg.open() as g:
    ...     names = source_names(g.store, [IKR_BASE + "source/000_53c5d41e29162869",
    ...                                    IKR_BASE + "reference/mca-administrative-divisions"])
    >>> [(n["title"][:7], n["href"]) for n in names.values()]
    [('Ministr', '/id/reference/mca-administrative-divisions'), ('强科技 增动能', '/source/000_53c5d41e29162869')]
    """
    from kg.serve.reader import source_id

    names = {}
    for iri in sorted(iris):
        check_iri(iri)
        titles = {(getattr(t, "language", None) or ""): str(getattr(t, "value", t)) for (t,) in store.select(
            f"SELECT ?t WHERE {{ <{iri}> <http://purl.org/dc/terms/title> ?t }}")}
        ident = source_id(iri)
        title = titles.get("en") or titles.get("zh") or next(iter(titles.values()), None) or ident or iri.rsplit("/", 1)[-1]
        names[iri] = {"iri": iri, "title": title, "href": f"/source/{ident}" if ident else local_path(iri),
                      "reference": ident is None}
    return names


def _source_document_count(store):
    rows = list(store.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE "
                             "{ ?s a <https://w3id.org/innovation-kg/ontology#SourceDocument> }"))
    value = rows[0][0] if rows else 0
    return int(getattr(value, "value", value) or 0)


def resource_data(kg, iri):
    """What the page at an ``/id/...`` path shows: :func:`actor_data` for an actor; for any other of our
    resources (a figure, a membership, an evidence record, a role...) its statements, as display cells.

    Returns a dict with ``page`` = ``"actor"`` (plus the :func:`actor_data` keys) or ``"resource"``
    (``iri``, ``curie``, ``outgoing`` and ``incoming`` as ``[predicate cell, term cell]`` pairs).

    >>> from kg.core import KnowledgeGraph
    >>> data = resource_data(KnowledgeGraph(), IKR_BASE + "role/lead-unit")
    >>> data["page"], any(cell[1]["text"] == "牵头单位" for cell in data["outgoing"])
    ('resource', True)
    """
    from kg.errors import UnknownActor
    from kg.namespaces import compact_iri

    try:
        return {"page": "actor", **actor_data(kg, iri)}
    except UnknownActor:
        check_iri(iri)
        outgoing = sorted(((p, o) for p, o in kg.store.query(f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}")),
                          key=lambda pair: tuple(map(str, pair)))
        incoming = sorted(((s, p) for s, p in kg.store.query(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }}")),
                          key=lambda pair: tuple(map(str, pair)))
        if not outgoing and not incoming:
            raise UnknownActor(f"nothing in the graph has the IRI {iri}") from None
        return {"page": "resource", "iri": iri, "curie": compact_iri(iri), "reader": _reader_link(outgoing),
                "outgoing": [[term_cell(p), term_cell(o)] for p, o in outgoing],
                "incoming": [[term_cell(s), term_cell(p)] for s, p in incoming]}


def actor_rdf(kg, iri, rdf_format="turtle"):
    """The resource's description (its statements, and those of the blank nodes they reach) as bytes in
    ``rdf_format`` (a name of :data:`kg.formats.RDF_FORMATS`).

    >>> from kg.core import KnowledgeGraph
    >>> b"place/gansu" in actor_rdf(KnowledgeGraph(), IKR_BASE + "place/gansu", "nt")
    True
    """
    from kg.errors import UnknownActor
    from kg.query import serialize_triples

    check_iri(iri)
    triples = list(kg.store.query(f"DESCRIBE <{iri}>"))
    if not triples:
        raise UnknownActor(f"no resource {iri} in the graph")
    return serialize_triples(sorted(triples, key=str), rdf_format)


def view_html(kg, around=None, depth=1, lang="en"):
    """The network view (whole, or ``depth`` steps around the actor ``around``) as one offline HTML page.

    Built in memory by :func:`kg.view.page.page_html` from :func:`view_json`'s data, so the page and its twin
    agree. The page carries its own Content-Security-Policy (a ``<meta>``, with the hashes of its two inline
    scripts); the server sends it without a policy header of its own, which would block those scripts.

    >>> from kg.core import KnowledgeGraph
    >>> page = view_html(KnowledgeGraph(), lang="en")
    >>> page.startswith("<!DOCTYPE html>"), "script-src 'sha256-" in page, "<script src" in page
    (True, True, False)
    """
    from kg.view.page import page_html

    return page_html(view_json(kg, around, depth, lang))


def view_json(kg, around=None, depth=1, lang="en"):
    """The data the network view draws (:func:`kg.view.graph_view_data`: with sectors, communities and
    dates, for the colour switch and the date slider): its JSON twin.

    >>> from kg.core import KnowledgeGraph
    >>> view_json(KnowledgeGraph(), lang="en")["stats"]["nodesShown"] > 100
    True
    """
    from kg.view import graph_view_data

    return graph_view_data(kg, lang=lang, around=around, depth=depth)


def reader_html(data, store="memory"):
    """The reader page for a :func:`kg.serve.reader.reader_data` dict (autoescaped template ``reader.html``).

    >>> from kg.serve.reader import KINDS
    >>> page = reader_html({"source": {"id": "x", "iri": "urn:x", "title": "<t>"}, "lang": "en",
    ...     "text_found": False, "where": "no text", "segments": [], "spans": {}, "mismatches": [],
    ...     "counts": {"actor": 0, "relation": 0, "figure": 0}, "kinds": list(KINDS), "length": None})
    >>> "&lt;t&gt;" in page and "<t>" not in page
    True
    """
    return render("reader.html", data=data, store=store)


def completions_data(kg):
    """What the query page completes as you type (``/query/completions.json``, read by ``static/complete.js``).

    Three lists of ``{"label", "insert", "detail", "kind"}``: ``prefixes`` (the predeclared
    :data:`kg.namespaces.PREFIXES`), ``terms`` (the ``ikg:`` classes and properties of the ontology, by
    their prefixed names) and ``actors`` (every actor's Chinese and English name and aliases, each
    inserting the actor's IRI as ``<...>``). The ontology's terms are read from the served graph, and from
    the project's ontology files when the graph holds none (``kg serve --data`` of data without the
    ontology): queries are written in our vocabulary either way.

    >>> from kg.core import KnowledgeGraph
    >>> data = completions_data(KnowledgeGraph())
    >>> next(t for t in data["terms"] if t["label"] == "ikg:University")["kind"]
    'class'
    >>> next(a["insert"] for a in data["actors"] if a["label"] == "兰州大学")
    '<https://w3id.org/innovation-kg/id/org/lanzhou-university>'
    """
    from kg.namespaces import PREFIXES

    prefixes = [{"label": f"{prefix}:", "insert": f"{prefix}:", "detail": namespace, "kind": "prefix"}
                for prefix, namespace in PREFIXES.items()]
    terms = _ontology_terms(kg.store)
    if not terms:
        terms = _ontology_terms(_project_ontology())
    actors, seen = [], set()
    for node, data in sorted(kg.network.nodes(data=True), key=lambda item: item[0]):
        names = [data.get("label_zh"), data.get("label_en")] + list(data.get("aliases") or ())
        for name in names:
            if name and (node, name) not in seen:
                seen.add((node, name))
                actors.append({"label": name, "insert": f"<{node}>", "detail": data.get("cls") or "",
                               "kind": "actor"})
    return {"prefixes": prefixes, "terms": terms, "actors": actors}


# helpers

@functools.lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                              autoescape=select_autoescape(["html"], default=True, default_for_string=True))
    environment.globals["local_path"] = local_path
    from kg.serve.reader import span_href

    environment.globals["span_href"] = span_href
    return environment


def _reader_link(statements):
    """For an evidence record (its ``(predicate, object)`` pairs): the reader's address at its span, else None."""
    from kg.serve.reader import span_href

    values = {}
    for predicate, value in statements:
        values.setdefault(getattr(predicate, "value", str(predicate)), getattr(value, "value", str(value)))
    ikg = "https://w3id.org/innovation-kg/ontology#"
    source = values.get("http://www.w3.org/ns/prov#wasDerivedFrom")
    try:
        start, end = int(values.get(ikg + "start")), int(values.get(ikg + "end"))
    except (TypeError, ValueError):
        return None
    return span_href(source, start, end)


#: the kinds of ontology term the query page completes, by the class that declares them
_TERM_KINDS = {"http://www.w3.org/2002/07/owl#Class": "class", "http://www.w3.org/2000/01/rdf-schema#Class": "class",
               "http://www.w3.org/2002/07/owl#ObjectProperty": "property",
               "http://www.w3.org/2002/07/owl#DatatypeProperty": "property",
               "http://www.w3.org/2002/07/owl#AnnotationProperty": "property",
               "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property": "property"}


def _ontology_terms(store):
    """The ``ikg:`` classes and properties ``store`` declares, as completions sorted by prefixed name."""
    from kg.namespaces import PREFIXES, compact_iri

    if store is None:
        return []
    kinds = " ".join(f"<{iri}>" for iri in _TERM_KINDS)
    text = (f"SELECT DISTINCT ?term ?kind ?label WHERE {{ VALUES ?kind {{ {kinds} }} ?term a ?kind . "
            f"FILTER(STRSTARTS(STR(?term), \"{PREFIXES['ikg']}\")) "
            "OPTIONAL { ?term <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(lang(?label) = \"en\") } }")
    found = {}
    for term, kind, label in store.select(text):
        entry = found.setdefault(term, {"label": compact_iri(term), "insert": compact_iri(term),
                                        "detail": "", "kind": _TERM_KINDS[kind]})
        if label is not None and not entry["detail"]:
            entry["detail"] = label.value
    return sorted(found.values(), key=lambda entry: entry["label"])


@functools.lru_cache(maxsize=1)
def _project_ontology():
    """The project's ontology files in a store of their own (None when no project folder is found)."""
    from kg.errors import DataError
    from kg.stores.load import ONTOLOGY_GRAPH, default_sources, load_sources
    from kg.stores.oxigraph import OxigraphStore

    try:
        sources = [source for source in default_sources() if source.graph == ONTOLOGY_GRAPH]
    except DataError:
        return None
    store = OxigraphStore()
    load_sources(store, sources)
    return store


async def favicon(request):
    """``/favicon.ico``: the site's icon (``static/favicon.svg``), so a browser's own request finds it."""
    from starlette.responses import FileResponse

    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})
