"""The view of a :class:`kg.KnowledgeGraph`, with everything its control panel switches between.

:func:`kg.view.render` works on a bare projection; a KnowledgeGraph also knows what the projection does
not carry: the triple-helix sector scheme of its ontology (``sector_scheme()``), the dates its sources
state (``dates()``) and its communities (``communities(seed=)``, on the whole network; above
:data:`kg.view.controls.AUTO_COMMUNITIES_MAX` actors only when the view opens coloured by them).
:func:`graph_view` hands all three to :func:`kg.view.view_data`, so the page can colour by class,
community or sector and replay the graph in time with its date slider. ``kg view`` calls it.

>>> import kg, tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "view.html"
>>> with kg.open() as g:
...     summary = graph_view(g, out, color_by="sector")
>>> summary.nodes_shown == summary.nodes_total, '"colorBy":"sector"' in out.read_text(encoding="utf-8")
(True, True)
"""

from kg.errors import BadArgument
from kg.view.controls import AUTO_COMMUNITIES_MAX, GROUPINGS
from kg.view.data import page_html, render, view_data

__all__ = ["graph_view", "graph_view_data"]


def graph_view_data(graph, *, lang="en", size_by="degree", around=None, depth=1, highlight=None, node_budget=1500,
                    title=None, color_by="class", seed=0):
    """:func:`kg.view.view_data` for a KnowledgeGraph: ``around`` is an actor's name (or IRI), communities
    are Louvain's with ``seed`` on the whole network, sectors and dates come from the graph's store.

    ``color_by`` is one of :data:`kg.view.controls.GROUPINGS`: the colouring the page opens with.

    >>> import kg
    >>> with kg.open() as g:
    ...     data = graph_view_data(g)
    ...     near = graph_view_data(g, around="兰州大学")  # around it, only 2024 is dated: a one-step slider
    >>> sorted(name for name, groups in data["groupings"].items() if groups), data["dates"]["steps"][:1]
    (['class', 'community', 'sector'], ['2015'])
    >>> near["dates"]["steps"], len(near["nodes"]) < len(data["nodes"])
    (['2024'], True)
    >>> graph_view_data(kg.open(), color_by="size")
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: unknown colouring 'size'; valid: class, community, sector
    """
    if color_by not in GROUPINGS:
        raise BadArgument(f"unknown colouring {color_by!r}; valid: {', '.join(GROUPINGS)}")
    centre = graph.actor(around)["iri"] if around else None
    return view_data(graph.network, **_options(graph, lang, size_by, centre, depth, highlight, node_budget, title,
                                               color_by, seed))


def graph_view(graph, out=None, *, lang="en", size_by="degree", around=None, depth=1, highlight=None,
               node_budget=1500, title=None, color_by="class", seed=0):
    """Write the view of ``graph`` to ``out`` (returns a :class:`kg.view.ViewSummary`), or return the page's
    HTML when ``out`` is None. Parameters as for :func:`graph_view_data`.

    >>> import kg
    >>> with kg.open() as g:
    ...     page = graph_view(g, color_by="community")
    >>> '<select id="color-by">' in page, '"colorBy":"community"' in page
    (True, True)
    """
    if out is None:
        return page_html(graph_view_data(graph, lang=lang, size_by=size_by, around=around, depth=depth,
                                         highlight=highlight, node_budget=node_budget, title=title,
                                         color_by=color_by, seed=seed))
    if color_by not in GROUPINGS:
        raise BadArgument(f"unknown colouring {color_by!r}; valid: {', '.join(GROUPINGS)}")
    centre = graph.actor(around)["iri"] if around else None
    return render(graph.network, out, **_options(graph, lang, size_by, centre, depth, highlight, node_budget, title,
                                                 color_by, seed))


# helpers

def _options(graph, lang, size_by, centre, depth, highlight, node_budget, title, color_by, seed):
    wanted = color_by == "community" or len(graph.network) <= AUTO_COMMUNITIES_MAX  # see AUTO_COMMUNITIES_MAX
    return dict(lang=lang, size_by=size_by, around=centre, depth=depth, highlight=highlight, node_budget=node_budget,
                title=title, communities=graph.communities(seed=seed, lang=lang) if wanted else None,
                color_by=color_by, sector_scheme=graph.sector_scheme(), dates=graph.dates())
