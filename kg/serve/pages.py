"""The server's human face: the data behind each page (shared by its HTML and its JSON twin) and rendering.

Data functions take the graph first, so the server runs them in a query worker (bounded by the timeout);
they return plain dicts and lists that pickle. :func:`render` fills a Jinja2 template with autoescaping on,
so nothing from the data reaches the page unescaped.

>>> cell = term_cell(IKR_BASE + "org/lanzhou-university")
>>> cell["href"], cell["text"]
('/id/org/lanzhou-university', 'ikr:org/lanzhou-university')
>>> "&lt;b&gt;" in render("error.html", status=400, message="<b>")
True
"""

import functools
import weakref
from pathlib import Path

__all__ = [
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
    "remember_projection",
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
    """An RDF term as a display cell: ``text`` (prefixed IRI or literal), ``href``, ``title``, ``note``.

    >>> from rdflib import Literal
    >>> term_cell(Literal("兰州大学", lang="zh"))["note"]
    '@zh'
    >>> term_cell(None)["text"]
    ''
    """
    if term is None:
        return {"text": "", "href": None, "title": None, "note": None}
    from rdflib import BNode, Literal

    from kg.namespaces import compact_iri

    if isinstance(term, Literal):
        note = f"@{term.language}" if term.language else (compact_iri(term.datatype) if term.datatype else None)
        return {"text": str(term), "href": None, "title": None, "note": note}
    if isinstance(term, BNode):
        return {"text": f"_:{term}", "href": None, "title": None, "note": None}
    return {"text": compact_iri(term), "href": local_path(term), "title": str(term), "note": None}


def home_data(graph):
    """The home page's data: triple count and every actor (IRI, path, names, class), by class and name.

    >>> from rdflib import Graph
    >>> home_data(Graph())["actor_count"]
    0
    """
    G = _projection(graph)
    actors = sorted(
        ({"iri": node, "path": local_path(node), "label_zh": data.get("label_zh"),
          "label_en": data.get("label_en"), "cls": data.get("cls")} for node, data in G.nodes(data=True)),
        key=lambda actor: (actor["cls"] or "", actor["label_en"] or "", actor["iri"]))
    return {"triples": len(graph), "actor_count": len(actors), "relation_count": G.number_of_edges(),
            "actors": actors}


def actor_data(graph, iri):
    """What the actor page shows: :func:`kg.analysis.describe.describe` of ``iri`` in the projection (the JSON twin
    is this dict).

    >>> from rdflib import Graph
    >>> actor_data(Graph(), IKR_BASE + "place/nowhere")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownActor: no actor has the IRI 'https://w3id.org/innovation-kg/id/place/nowhere'
    """
    from kg.analysis.describe import describe

    return describe(_projection(graph), iri)


def resource_data(graph, iri):
    """What the page at an ``/id/...`` path shows: :func:`actor_data` for an actor; for any other of our
    resources (a figure, a membership, an evidence record, a role...) its statements, as display cells.

    Returns a dict with ``page`` = ``"actor"`` (plus the :func:`actor_data` keys) or ``"resource"``
    (``iri``, ``curie``, ``outgoing`` and ``incoming`` as ``[predicate cell, term cell]`` pairs).

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef(IKR_BASE + "role/lead-unit"), URIRef("http://e/label"), Literal("牵头单位", lang="zh")))
    >>> data = resource_data(g, IKR_BASE + "role/lead-unit")
    >>> data["page"], data["outgoing"][0][1]["text"]
    ('resource', '牵头单位')
    """
    from rdflib import URIRef

    from kg.errors import UnknownActor
    from kg.namespaces import compact_iri

    try:
        return {"page": "actor", **actor_data(graph, iri)}
    except UnknownActor:
        subject = URIRef(iri)
        outgoing = sorted(graph.predicate_objects(subject), key=lambda pair: tuple(map(str, pair)))
        incoming = sorted(graph.subject_predicates(subject), key=lambda pair: tuple(map(str, pair)))
        if not outgoing and not incoming:
            raise UnknownActor(f"nothing in the graph has the IRI {iri}") from None
        return {"page": "resource", "iri": iri, "curie": compact_iri(iri),
                "outgoing": [[term_cell(p), term_cell(o)] for p, o in outgoing],
                "incoming": [[term_cell(s), term_cell(p)] for s, p in incoming]}


def actor_rdf(graph, iri, rdf_format="turtle"):
    """The actor's Concise Bounded Description as bytes in ``rdf_format`` (an rdflib serializer name).

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef(IKR_BASE + "place/gansu"), URIRef("http://e/p"), Literal(1)))
    >>> b"place/gansu" in actor_rdf(g, IKR_BASE + "place/gansu", "nt")
    True
    """
    from rdflib import URIRef

    from kg.errors import UnknownActor
    from kg.namespaces import bind_prefixes

    subject = URIRef(iri)
    if (subject, None, None) not in graph:
        raise UnknownActor(f"no resource {iri} in the graph")
    description = bind_prefixes(graph.cbd(subject))
    return description.serialize(format=rdf_format, encoding="utf-8")


def view_html(graph, around=None, depth=1, lang="zh"):
    """The network view (whole, or ``depth`` steps around the actor ``around``) as one offline HTML page.

    Built in memory by :func:`kg.view.page.page_html` from :func:`view_json`'s data, so the page and its twin
    agree. The page carries its own Content-Security-Policy (a ``<meta>``, with the hashes of its two inline
    scripts); the server sends it without a policy header of its own, which would block those scripts.

    >>> from rdflib import Graph
    >>> page = view_html(Graph(), lang="en")
    >>> page.startswith("<!DOCTYPE html>"), "script-src 'sha256-" in page, "<script src" in page
    (True, True, False)
    """
    from kg.view.page import page_html

    return page_html(view_json(graph, around, depth, lang))


def view_json(graph, around=None, depth=1, lang="zh"):
    """The data the network view draws (:func:`kg.view.view_data` of the projection): its JSON twin.

    >>> from rdflib import Graph
    >>> view_json(Graph(), lang="en")["stats"]["nodesShown"]
    0
    """
    from kg.view import view_data

    return view_data(_projection(graph), lang=lang, around=around, depth=depth)


# helpers

@functools.lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                              autoescape=select_autoescape(["html"], default=True, default_for_string=True))
    environment.globals["local_path"] = local_path
    return environment


_PROJECTIONS = weakref.WeakKeyDictionary()


def _projection(graph):
    """The network projection of ``graph``, made once per process (the served graph is read-only)."""
    if graph not in _PROJECTIONS:
        from kg.analysis.network import project

        _PROJECTIONS[graph] = project(graph)
    return _PROJECTIONS[graph]


def remember_projection(graph, G):
    """Use ``G`` as the projection of ``graph`` in this process and in workers forked from it later.

    The server projects once, before it forks its workers, so no worker projects again.

    >>> import networkx as nx
    >>> from rdflib import Graph
    >>> g, G = Graph(), nx.MultiDiGraph()
    >>> remember_projection(g, G) is G and _projection(g) is G
    True
    """
    _PROJECTIONS[graph] = G
    return G
