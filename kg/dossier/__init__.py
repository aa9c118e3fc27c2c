"""Dossiers: one actor (a consortium, a cluster, any actor) as a single file to attach to a report.

:func:`dossier_data` gathers who the actor is, its memberships and roles, its relations, its figures with
their times and its place in the network (centrality ranks, community), as sentences; every sentence
that restates the graph carries footnotes, each a source id, the quoted span and its offsets, so a
reader can check it in the source (``kg source ID --span START:END``). Sentences the graph does not state
but kg computes (ranks, community) say so instead of citing a source. :func:`write_dossier` writes it as
self-contained HTML (the interactive ego view embedded in an ``<iframe srcdoc>``, no external request)
or Markdown (a static SVG of the ego network drawn by :func:`ego_svg`), in Chinese or English, the same
bytes for the same graph every time.

- :mod:`kg.dossier.data`: what the dossier says (its sections' sentences, :func:`dossier_data`);
- :mod:`kg.dossier.notes`: its footnotes, numbered, and their citations (source, sentence around the span);
- :mod:`kg.dossier.render`: the dossier written as HTML or Markdown, the ego network's SVG, :func:`write_dossier`.

>>> import kg
>>> with kg.open() as g:
...     found = dossier_data(g, "兰州大学", lang="en")
>>> found["title"]
'Lanzhou University'
>>> all(note["span"] for note in found["footnotes"])
True
"""

from kg.dossier import data, render
from kg.dossier.data import dossier_data
from kg.dossier.render import (DOSSIER_FORMATS, dossier_html, dossier_markdown, ego_svg, guess_dossier_format,
                               write_dossier)

__all__ = data.__all__ + render.__all__
