"""Interactive, self-contained HTML views of the actor network.

- :mod:`kg.view.data` chooses what a view shows (neighbourhood, path, node budget, sizes, colours): the
  page's data, which is also its JSON twin;
- :mod:`kg.view.legend` holds the legend and palettes: class families and their shades, community and
  relation colours;
- :mod:`kg.view.layout` computes positions in Python, so the browser draws at once with physics off;
- :mod:`kg.view.page` makes the escaped, CSP-locked page (vis-network inlined from pyvis);
- :mod:`kg.view.controls` gives the control panel its choices: colour groups (class, community, sector) and
  each actor's and relation's date for the date slider;
- :mod:`kg.view.knowledge` views a whole :class:`kg.KnowledgeGraph` (sectors, dates and communities from it).
"""

from kg.view.data import (LANGUAGES, SIZE_MEASURES, ViewSummary, path_view_data, render, render_path_view,
                          view_data)
from kg.view.knowledge import graph_view, graph_view_data
from kg.view.page import page_html, vis_network

__all__ = ["SIZE_MEASURES", "LANGUAGES", "ViewSummary", "view_data", "path_view_data", "page_html",
           "vis_network", "render", "render_path_view", "graph_view", "graph_view_data"]
