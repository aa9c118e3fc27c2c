"""What the command line prints: aligned tables, CSV, TSV and JSON records, and the plain-text pages of
``kg path``, ``kg show``, ``kg stats`` and ``kg build`` in English or Chinese.

The library returns data; this package turns it into text (the renderers live here, out of the library
modules), one module a command family:

- :mod:`kg.render.records`: tables, CSV, TSV and JSON for every command that prints data, and the one
  ``--format`` option;
- :mod:`kg.render.words`: the words and notations the plain-text pages share;
- :mod:`kg.render.paths`: ``kg path``;
- :mod:`kg.render.actor`: ``kg show`` (and a figure's amount in words);
- :mod:`kg.render.summary`: ``kg stats`` and ``kg build``.

Every public name is importable from ``kg.render`` itself.
"""

from kg.render import actor, paths, records, summary, words
from kg.render.records import (MAX_CELL_WIDTH, RECORD_FORMATS, delimited, display_width, json_records,
                               output_options, render_records, text_table)
from kg.render.words import class_name, offsets
from kg.render.paths import format_path, format_paths, path_rows
from kg.render.actor import actor_rows, figure_amount, format_actor, unit_text
from kg.render.summary import build_lines, stats_rows

__all__ = records.__all__ + words.__all__ + paths.__all__ + actor.__all__ + summary.__all__
