r"""Records as text: aligned tables, CSV, TSV and JSON, for every command that prints data.

One decorator, :func:`output_options`, gives each such command the same ``--format`` option (as
sqlite-utils shares ``--csv --tsv --json --table``); :func:`render_records` turns rows into the chosen
text. Tables align by display cells, so Chinese names (two cells a character) line up.

>>> print(render_records(["name", "score"], [["兰州大学", 0.5], ["Gansu", 1.25]], "table"))
name       score
--------  ------
兰州大学  0.5000
Gansu     1.2500
>>> render_records(["name", "score"], [["兰州大学", 0.5]], "tsv")
'name\tscore\n兰州大学\t0.5\n'
"""

import csv
import io
import json

from kg.errors import UnknownFormat

__all__ = [
    "RECORD_FORMATS",
    "output_options",
    "render_records",
    "text_table",
    "delimited",
    "json_records",
    "display_width",
    "MAX_CELL_WIDTH",
]

#: the formats every data-printing command offers
RECORD_FORMATS = ("table", "csv", "tsv", "json")

#: a table cell wider than this many display cells is cut, ending in "…" (tables are for reading;
#: csv, tsv and json carry every character)
MAX_CELL_WIDTH = 60


def output_options(function=None, *, formats=RECORD_FORMATS, default="table"):
    """A click decorator adding ``--format`` (one of ``formats``) to a command that prints data.

    Usable bare (``@output_options``) or with arguments (``@output_options(formats=(...))``).

    >>> import click
    >>> @click.command()
    ... @output_options
    ... def show(fmt):
    ...     click.echo(fmt)
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(show, ["--format", "json"]).output
    'json\\n'
    """
    import click

    def decorate(command):
        return click.option(
            "--format", "-f", "fmt", type=click.Choice(list(formats), case_sensitive=False), default=default,
            show_default=True, help="Output format: " + ", ".join(formats) + ".")(command)

    return decorate(function) if function is not None else decorate


def render_records(columns, rows, fmt="table", max_width=MAX_CELL_WIDTH):
    """``rows`` (sequences aligned with ``columns``) as text in ``fmt``: table, csv, tsv or json.

    ``max_width`` cuts wide table cells (None: never).

    >>> render_records(["a"], [[1]], "json")
    '[\\n  {\\n    "a": 1\\n  }\\n]'
    >>> render_records(["a"], [[1]], "yaml")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownFormat: unknown output format 'yaml'; valid formats: table, csv, tsv, json
    """
    fmt = (fmt or "table").lower()
    if fmt == "table":
        numeric = _numeric_columns(rows, len(columns))
        real = {i for i in numeric if _mostly_floats([row[i] for row in rows])}
        return text_table(columns, [[_table_cell(value, i in real) for i, value in enumerate(row)] for row in rows],
                          numeric=numeric, max_width=max_width)
    if fmt == "csv":
        return delimited(columns, rows, ",")
    if fmt == "tsv":
        return delimited(columns, rows, "\t")
    if fmt == "json":
        return json_records(columns, rows)
    raise UnknownFormat(f"unknown output format {fmt!r}; valid formats: {', '.join(RECORD_FORMATS)}")


def text_table(columns, rows, numeric=(), max_width=MAX_CELL_WIDTH):
    """An aligned plain-text table: header, a rule, then one line per row (no trailing spaces).

    ``numeric`` holds the indexes of right-aligned columns. Widths count display cells; a cell wider than
    ``max_width`` is cut and ends in "…".

    >>> print(text_table(["actor", "n"], [["甘肃省", "3"], ["x", "12"]], numeric=[1]))
    actor    n
    ------  --
    甘肃省   3
    x       12
    >>> print(text_table(["actor"], [["甘肃省科学技术厅"]], max_width=7))
    actor
    -------
    甘肃省…
    """
    header = [str(c) for c in columns]
    body = [[_cut("" if cell is None else str(cell), max_width) for cell in row] for row in rows]
    widths = [max([display_width(header[i])] + [display_width(row[i]) for row in body])
              for i in range(len(header))]
    lines = [_table_line(header, widths, numeric), _table_line(["-" * w for w in widths], widths, ())]
    lines += [_table_line(row, widths, numeric) for row in body]
    return "\n".join(lines)


def delimited(columns, rows, delimiter=","):
    """CSV (RFC 4180: CRLF line ends, quoting as needed) or, with a tab, TSV (LF line ends).

    >>> delimited(["a", "b"], [["x,y", None]])
    'a,b\\r\\n"x,y",\\r\\n'
    """
    buffer = io.StringIO()
    terminator = "\r\n" if delimiter == "," else "\n"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=terminator)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else _plain(value) for value in row])
    return buffer.getvalue()


def json_records(columns, rows):
    """A JSON array with one object per row (keys in column order; non-ASCII kept as is).

    >>> json_records(["a", "b"], [[1, "甘肃"]])
    '[\\n  {\\n    "a": 1,\\n    "b": "甘肃"\\n  }\\n]'
    """
    records = [dict(zip(columns, row)) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2, default=str)


def display_width(text):
    """How many terminal cells ``text`` takes (East Asian wide characters take two).

    >>> display_width("兰州a")
    5
    """
    from rich.cells import cell_len

    return cell_len(text)


# helpers

def _cut(text, width):
    if width is None or display_width(text) <= width:
        return text
    kept, used = [], 1  # one cell for the ellipsis
    for char in text:
        used += display_width(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _table_line(cells, widths, numeric):
    parts = []
    for index, (cell, width) in enumerate(zip(cells, widths)):
        pad = " " * (width - display_width(cell))
        parts.append(pad + cell if index in numeric else cell + pad)
    return "  ".join(parts).rstrip()


def _numeric_columns(rows, count):
    """Indexes of columns whose values are all numbers (and at least one is present)."""
    numeric = []
    for index in range(count):
        values = [row[index] for row in rows if row[index] is not None]
        if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            numeric.append(index)
    return numeric


def _mostly_floats(values):
    """A column of scores (a few of them whole numbers) prints every number with four decimals."""
    numbers = [v for v in values if v is not None]
    return sum(isinstance(v, float) for v in numbers) * 2 > len(numbers)


def _table_cell(value, real=False):
    if real and isinstance(value, (int, float)):
        return f"{value:.4f}"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    return value


def _plain(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
