r"""What the command line prints: aligned tables, CSV, TSV and JSON records, and the plain-text pages of
``kg path``, ``kg show``, ``kg stats`` and ``kg build`` in English or Chinese.

The library returns data; this module turns it into text (the renderers live here, out of the library
modules).

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

__all__ = ["figure_amount", 
    "RECORD_FORMATS",
    "output_options",
    "render_records",
    "text_table",
    "delimited",
    "json_records",
    "display_width",
    "MAX_CELL_WIDTH",
    "offsets",
    "class_name",
    "unit_text",
    "format_path",
    "format_paths",
    "path_rows",
    "format_actor",
    "actor_rows",
    "stats_rows",
    "build_lines",
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


# -- what the commands print --------------------------------------------------------------------

#: ikg:qualifier codes in words
QUALIFIERS = {
    "approximately": {"en": "about", "zh": "约"},
    "more-than": {"en": "more than", "zh": "超过"},
    "at-least": {"en": "at least", "zh": "至少"},
    "nearly": {"en": "nearly", "zh": "近"},
}

#: the words of the plain-text pages, in each language
WORDS = {
    "en": {"also": "Also called", "classes": "Classes", "figures": "Figures", "out": "Relations out",
           "in": "Relations in", "none": "none", "evidence": "evidence", "no_evidence": "no evidence",
           "groups": "Counted but unnamed groups", "path": "Path", "hop": "hop", "hops": "hops",
           "also_rel": "also", "sources": "sources", "source_one": "1 source", "source_many": "{n} sources",
           "disagree": "Figures the sources disagree on", "audit": "Claim audit",
           "audit_line": "{facts} with recorded sources, {single} resting on one source; sources ({n}): {names}"},
    "zh": {"also": "又称", "classes": "类别", "figures": "数据", "out": "关系（出）", "in": "关系（入）",
           "none": "无", "evidence": "证据", "no_evidence": "无证据", "groups": "只计数未列名的群体",
           "path": "路径", "hop": "步", "hops": "步", "also_rel": "另有", "sources": "来源", "source_one": "1 个来源",
           "source_many": "{n} 个来源", "disagree": "各来源说法不一的数据", "audit": "来源核查",
           "audit_line": "{facts} 条事实有来源记录，其中 {single} 条只有一个来源；来源（{n}）：{names}"},
}


def offsets(start, end):
    """The one notation for character offsets into a source, everywhere: ``@start-end``.

    >>> offsets(2511, 2515)
    '@2511-2515'
    """
    return f"@{start}-{end}"


def class_name(cls, lang="en", labels=None):
    """A class's name in ``lang``: its ontology label (``labels``: local name -> {zh, en}) or its local name.

    >>> class_name("University", "zh", {"University": {"zh": "大学", "en": "University"}})
    '大学'
    >>> class_name("University", "en")
    'University'
    """
    found = (labels or {}).get(cls or "Actor") or {}
    if lang == "zh" and found.get("zh"):
        return found["zh"]
    return cls or "Actor"


def unit_text(figure, lang="en"):
    """A figure's unit in ``lang``: the article's own unit for ``zh``, the unit's English name for ``en``.

    >>> unit_text({"unit": "家", "unit_en": "enterprises", "unit_zh": "家"}, "en")
    'enterprises'
    >>> unit_text({"unit": "%", "unit_en": "%"}, "zh")
    '%'
    """
    if lang == "en" and figure.get("unit_en"):
        return figure["unit_en"]
    return figure.get("unit") or figure.get("unit_zh") or ""


def format_path(path, lang="en"):
    """One line per hop: ``actor —relation→ actor [evidence "span" @start-end]``.

    A backward hop (the RDF edge points from the later actor to the earlier one) reads
    ``actor ←relation— actor``. ``lang`` is ``"en"`` or ``"zh"``.

    >>> hop = dict(source="urn:a", target="urn:b", source_label_en="Alpha", target_label_en="Beta",
    ...            label_en="lead unit", direction="forward", parallel=[],
    ...            evidence=[dict(span="甲牵头", start=10, end=13)])
    >>> print(format_path([hop]))
    Alpha —lead unit→ Beta [evidence "甲牵头" @10-13]
    >>> print(format_path([dict(hop, direction="backward", evidence=[])]))
    Alpha ←lead unit— Beta [no evidence]
    """
    from kg.analysis.network import local_name

    words = _words(lang)
    lines = []
    for hop in path:
        start = hop.get(f"source_label_{lang}") or local_name(hop["source"])
        end = hop.get(f"target_label_{lang}") or local_name(hop["target"])
        relation = hop.get(f"label_{lang}") or local_name(hop.get("relation", "?"))
        arrow = f"—{relation}→" if hop["direction"] == "forward" else f"←{relation}—"
        line = f"{start} {arrow} {end} {_evidence_brackets(hop.get('evidence') or [], words)}"
        others = [p.get(f"label_{lang}") or local_name(p["relation"]) for p in hop.get("parallel") or []]
        if others:
            line += f" ({words['also_rel']}: " + ", ".join(others) + ")"
        lines.append(line)
    return "\n".join(lines)


def format_paths(paths, lang="en"):
    """Every path, numbered, as ``kg path`` prints them."""
    words = _words(lang)
    blocks = []
    for number, path in enumerate(paths, 1):
        unit = words["hop"] if len(path) == 1 else words["hops"]
        blocks.append(f"{words['path']} {number} ({len(path)} {unit}):\n{format_path(path, lang)}")
    return "\n\n".join(blocks)


def path_rows(paths, lang="en"):
    """``(columns, rows)``: one row per hop of every path, for ``kg path --format csv|tsv|table``.

    >>> hop = dict(source="urn:a", target="urn:b", source_label_en="A", target_label_en="B", relation="urn:r",
    ...            label_en="leads", direction="forward", evidence=[dict(span="甲", start=1, end=2, source="urn:s")])
    >>> path_rows([[hop]])[1][0][:6]
    [1, 1, 'A', 'leads', 'forward', 'B']
    """
    columns = ["path", "hop", "from", "relation", "direction", "to", "evidence", "from_iri", "to_iri", "relation_iri"]
    rows = []
    for number, path in enumerate(paths, 1):
        for index, hop in enumerate(path, 1):
            rows.append([number, index, hop.get(f"source_label_{lang}") or hop["source"],
                         hop.get(f"label_{lang}") or hop.get("relation"), hop["direction"],
                         hop.get(f"target_label_{lang}") or hop["target"],
                         "; ".join(_evidence_text(e) for e in hop.get("evidence") or []),
                         hop["source"], hop["target"], hop.get("relation")])
    return columns, rows


def format_actor(actor, lang="en", class_labels=None):
    """The plain-text page ``kg show`` prints for a :func:`kg.analysis.describe.describe` dict, in ``lang``.

    >>> print(format_actor({"iri": "urn:x", "curie": "urn:x", "label_zh": "甲", "label_en": "A",
    ...                     "cls": "Place", "outgoing": [], "incoming": []}, lang="zh"))
    甲 (A)
    urn:x · Place
    关系（出）: 无
    关系（入）: 无
    """
    words = _words(lang)
    primary, secondary = _pair(actor.get("label_zh"), actor.get("label_en"), lang)
    lines = [primary + (f" ({secondary})" if secondary else ""),
             f"{actor['curie']} · {class_name(actor.get('cls'), lang, class_labels)}"]
    if actor.get("aliases"):
        lines.append(f"{words['also']}: " + ", ".join(actor["aliases"]))
    if actor.get("classes"):
        lines.append(f"{words['classes']}: " + ", ".join(actor["classes"]))
    if actor.get("sources"):
        lines.append(f"{words['sources']}: " + ", ".join(actor["sources"]))
    if actor.get("figures"):
        lines.append(f"{words['figures']} ({len(actor['figures'])}):")
        lines += ["  " + _figure_line(figure, lang) for figure in actor["figures"]]
    if actor.get("collectives"):
        lines.append(f"{words['groups']}:")
        lines += ["  " + _collective_line(group, lang) for group in actor["collectives"]]
    for key, arrow, relations in (("out", "->", actor.get("outgoing") or []), ("in", "<-", actor.get("incoming") or [])):
        if not relations:
            lines.append(f"{words[key]}: {words['none']}")
            continue
        lines.append(f"{words[key]} ({len(relations)}):")
        lines += ["  " + _relation_line(relation, arrow, lang, class_labels) for relation in relations]
    lines += _audit_lines(actor, lang)
    return "\n".join(lines)


def actor_rows(actor, lang="en", class_labels=None):
    """``(columns, rows)`` of a describe dict: one row per name, figure and relation, for ``--format``."""
    columns = ["section", "relation", "value", "class", "evidence", "iri"]
    rows = [["name", "zh", actor.get("label_zh"), class_name(actor.get("cls"), lang, class_labels), "", actor["iri"]],
            ["name", "en", actor.get("label_en"), class_name(actor.get("cls"), lang, class_labels), "", actor["iri"]]]
    rows += [["alias", "", alias, "", "", ""] for alias in actor.get("aliases") or []]
    for figure in actor.get("figures") or []:
        rows.append(["figure", figure.get(f"measure_{lang}") or figure.get("measure"), _figure_value(figure, lang),
                     "", "", figure.get("iri")])
    for key, relations in (("out", actor.get("outgoing") or []), ("in", actor.get("incoming") or [])):
        for relation in relations:
            other, _ = _pair(relation.get("actor_label_zh"), relation.get("actor_label_en"), lang)
            rows.append([key, relation.get(f"label_{lang}") or relation["relation_curie"], other,
                         class_name(relation.get("actor_cls"), lang, class_labels),
                         "; ".join(_evidence_text(e) for e in relation.get("evidence") or []), relation["actor"]])
    return columns, rows


def stats_rows(summary, lang="en", class_labels=None):
    """``(columns, rows)`` of a :func:`kg.analysis.stats.stats` dict, one ``section, name, value`` row per number.

    >>> columns, rows = stats_rows({"triples": 3, "actors_by_class": {"City": 2}})
    >>> columns, rows
    (['section', 'name', 'value'], [['graph', 'triples', 3], ['actors by class', 'City', 2]])
    """
    rows = []
    for key in ("triples", "actors", "relations", "figures"):
        if key in summary:
            rows.append(["graph", key, summary[key]])
    for name, count in summary.get("actors_by_class", {}).items():
        rows.append(["actors by class", class_name(name, lang, class_labels), count])
    for name, count in summary.get("relations_by_kind", {}).items():
        rows.append(["relations by kind", name, count])
    for item in summary.get("source_documents", ()):
        about = " · ".join(str(part) for part in (item["source"].split("/")[-1], item["date"], item["publisher"]) if part)
        rows.append(["sources", about, f"{item['actors']} actors, {item['relations']} relations"])
    if "actors_in_two_or_more_sources" in summary:
        rows.append(["sources", "actors stated by 2+ sources", summary["actors_in_two_or_more_sources"]])
    for name, count in summary.get("sources", {}).items():
        rows.append(["relations by source", name, count])
    if "relations_in_two_or_more_sources" in summary:
        rows.append(["relations by source", "stated by 2+ sources", summary["relations_in_two_or_more_sources"]])
    for name, value in summary.get("components", {}).items():
        rows.append(["components", name, value])
    if "density" in summary:
        rows.append(["shape", "density", summary["density"]])
    degree = summary.get("degree", {})
    for key in ("min", "median", "mean", "max"):
        if key in degree:
            rows.append(["degree", key, degree[key]])
    for bucket, count in degree.get("histogram", {}).items():
        rows.append(["degree histogram", bucket, count])
    for item in degree.get("top", []):
        name = item.get("label_zh") if lang == "zh" else item.get("label_en")
        rows.append(["best connected", name or item["actor"], item["degree"]])
    return ["section", "name", "value"], rows


def build_lines(result, lang="en", class_labels=None):
    """The summary ``kg build`` prints for a :class:`kg.build.BuildResult`, one line per item.

    >>> from pathlib import Path
    >>> from kg.build import BuildResult
    >>> print("\\n".join(build_lines(BuildResult(Path("out"), [Path("out/graph.ttl")], 10, 2, 1,
    ...                                          {"City": 2}, {"ikg:partOfPlace": 1}))))
    Validated: conforms to the shapes (0 violations)
    Triples: 10
    Actors: 2
      City  2
    Relations: 1
      ikg:partOfPlace  1
    Wrote:
      out/graph.ttl
    """
    lines = [f"Validated: conforms to the shapes ({result.violations} violations)",
             f"Triples: {result.triples}", f"Actors: {result.actors}"]
    lines += _indented_counts({class_name(k, lang, class_labels): v for k, v in result.actors_by_class.items()})
    lines.append(f"Relations: {result.relations}")
    lines += _indented_counts(result.relations_by_kind)
    lines.append("Wrote:")
    lines += [f"  {path}" for path in result.files]
    return lines


# helpers of the page renderers

def _words(lang):
    if lang not in WORDS:
        from kg.errors import BadArgument

        raise BadArgument(f"unknown language {lang!r}; valid languages: en, zh")
    return WORDS[lang]


def _indented_counts(counts):
    if not counts:
        return []
    table = text_table(["", ""], [[name, str(count)] for name, count in counts.items()], numeric=[1])
    return ["  " + line for line in table.splitlines()[2:]]


def _pair(zh, en, lang):
    """(name in lang, the other name when it differs)."""
    first, second = (zh, en) if lang == "zh" else (en, zh)
    first = first or second or ""
    return first, (second if second and second != first else "")


def _evidence_text(evidence):
    if evidence.get("span") is None and evidence.get("start") is None and evidence.get("source"):
        # background knowledge: a citation of a reference a user can check, not a span of a text
        from kg.namespaces import compact_iri

        return f"reference {compact_iri(evidence['source'])}"
    where = f" {offsets(evidence['start'], evidence['end'])}" if evidence.get("start") is not None else ""
    return f"\"{evidence.get('span') or ''}\"{where}"


def _evidence_brackets(evidence, words):
    if not evidence:
        return f"[{words['no_evidence']}]"
    return f"[{words['evidence']} " + "; ".join(_evidence_text(e) for e in evidence) + "]"


def _relation_line(relation, arrow, lang, class_labels=None):
    words = _words(lang)
    label = (relation.get("label_zh") if lang == "zh" else relation.get("label_en")) or relation["relation_curie"]
    other, _ = _pair(relation.get("actor_label_zh"), relation.get("actor_label_en"), lang)
    line = f"{arrow} {label} {arrow} {other} [{class_name(relation.get('actor_cls'), lang, class_labels)}]"
    if relation.get("evidence"):
        line += f"  {words['evidence']}: " + "; ".join(_evidence_text(e) for e in relation["evidence"])
    else:
        line += f"  ({words['no_evidence']})"
    return line + _source_mark(relation, words)


def _source_mark(fact, words):
    """``  [1 source]`` / ``  [3 sources]`` after a fact whose sources are known and recorded, else nothing."""
    count = fact.get("source_count")
    if not count:
        return ""
    return "  [" + (words["source_one"] if count == 1 else words["source_many"].format(n=count)) + "]"


def _short_source(iri):
    """A source's id (the last part of its IRI)."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _audit_lines(actor, lang):
    """The claim audit's lines: disagreements side by side, then one summary line (only when facts have
    recorded sources, so a graph without provenance prints as before)."""
    words, lines = _words(lang), []
    for group in actor.get("disagreements") or []:
        if not lines:
            lines.append(f"{words['disagree']}:")
        measure = (group.get("measure_zh") if lang == "zh" else group.get("measure_en")) or group.get("measure")
        sides = []
        for figure in group["figures"]:
            shown = _figure_value(dict(figure, time=None), lang)
            where = ", ".join(_short_source(s) for s in figure.get("sources") or ())
            sides.append(shown + (f" [{where}]" if where else ""))
        lines.append(f"  {measure} ({group.get('time')}): " + "  |  ".join(sides))
    audit = actor.get("audit") or {}
    if audit.get("sources"):
        facts = audit["facts"]
        if lang == "en":
            facts = f"{facts} fact" + ("" if facts == 1 else "s")
        names = ", ".join(_short_source(s) for s in audit["sources"])
        lines.append(f"{words['audit']}: " + words["audit_line"].format(
            facts=facts, n=len(audit["sources"]), names=names, single=audit["single_source"]))
    return lines


def figure_amount(figure, lang):
    """A figure's amount in words, qualifier and unit included, as ``kg show`` prints it (no time).

    >>> figure_amount({"qualifier": "more-than", "value": 800, "unit": "亿元", "unit_en": "hundred million yuan"}, "en")
    'more than 800 hundred million yuan'
    >>> figure_amount({"qualifier": "more-than", "value": 800, "unit": "亿元"}, "zh")
    '超过800亿元'
    """
    qualifier = figure.get("qualifier")
    qualifier = QUALIFIERS.get(qualifier, {}).get(lang, qualifier) if qualifier else ""
    unit = unit_text(figure, lang)
    if lang == "zh":
        return f"{qualifier}{figure.get('value')}{unit or ''}"
    return f"{qualifier + ' ' if qualifier else ''}{figure.get('value')}{' ' + unit if unit else ''}"


def _figure_value(figure, lang):
    time = f" ({figure['time']})" if figure.get("time") else ""
    if lang == "zh":  # kg show's Chinese keeps a space between the qualifier, the number and the unit
        qualifier = figure.get("qualifier")
        qualifier = f"{QUALIFIERS.get(qualifier, {}).get(lang, qualifier)} " if qualifier else ""
        unit = unit_text(figure, lang)
        return f"{qualifier}{figure.get('value')}{' ' + unit if unit else ''}{time}"
    return f"{figure_amount(figure, lang)}{time}"


def _figure_line(figure, lang):
    measure = (figure.get("measure_zh") if lang == "zh" else figure.get("measure_en")) or figure.get("measure")
    return f"{measure}: {_figure_value(figure, lang)}{_source_mark(figure, _words(lang))}"


def _collective_line(group, lang):
    measure = (group.get("measure_zh") if lang == "zh" else group.get("measure_en")) or group.get("measure")
    time = f" ({group['time']})" if group.get("time") else ""
    return f"{measure}: {group.get('count')}{time}"
