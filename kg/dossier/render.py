"""A dossier written out: one self-contained HTML page (the interactive ego view in an ``<iframe srcdoc>``)
or Markdown (a static SVG of the ego network), the same bytes for the same graph every time."""

import html
from pathlib import Path

from kg.dossier.data import dossier_data
from kg.errors import BadArgument

__all__ = ["DOSSIER_FORMATS", "dossier_html", "dossier_markdown", "ego_svg", "write_dossier", "guess_dossier_format"]

#: file suffix -> format
DOSSIER_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def guess_dossier_format(path):
    """``html`` or ``markdown`` from a file name; :class:`~kg.errors.BadArgument` for any other suffix.

    >>> guess_dossier_format("out/lzu.md"), guess_dossier_format("a.HTML")
    ('markdown', 'html')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in DOSSIER_FORMATS:
        raise BadArgument(f"cannot tell the dossier's format from {str(path)!r}: name a file ending in "
                          + ", ".join(sorted(DOSSIER_FORMATS)))
    return DOSSIER_FORMATS[suffix]


def dossier_markdown(data):
    """The dossier as Markdown: footnotes ``[^n]``, the ego network as an inline SVG.

    Markdown's own characters in names are escaped (``*``, ``_``, ``[``...), and the SVG's text is
    XML-escaped, so nothing from the data becomes markup.
    """
    words = data["words"]
    lines = [f"# {_md(data['title'])}", ""]
    if data["subtitle"]:
        lines += [f"*{_md(data['subtitle'])}* · `{data['iri']}`", ""]
    lines += [_md(words["generated"]), ""]
    for section in data["sections"]:
        lines += [f"## {_md(section['title'])}", ""]
        if not section["sentences"]:
            lines += [f"*{_md(words['none'])}*", ""]
        for sentence in section["sentences"]:
            marks = "".join(f"[^{n}]" for n in sentence.get("notes") or ())
            if sentence.get("computed") or sentence.get("unsourced"):
                marks = f" *({_md(words['computed' if sentence.get('computed') else 'unsourced'])})*"
            lines.append(f"- {_md(sentence['text'])}{marks}")
        lines.append("")
    lines += [f"## {_md(words['view'])}", "", ego_svg(data["ego"]), ""]
    if data["footnotes"]:
        lines += [f"## {_md(words['notes'])}", ""]
        for note in data["footnotes"]:
            lines.append(f"[^{note['n']}]: {_md_citation(note, words)}")
    return "\n".join(lines).rstrip("\n") + "\n"


def dossier_html(data):
    """The dossier as one self-contained HTML page: footnotes as links, the interactive ego view in an
    ``<iframe srcdoc>`` (the view page with its own Content-Security-Policy, no external request)."""
    from kg.view.page import page_html

    import re

    words = data["words"]
    e = html.escape
    view = page_html(data["ego"])
    # a srcdoc frame inherits this page's policy as well as its own: allow exactly the view's scripts
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', view)
    policy = (html.unescape(found.group(1)) if found else "default-src 'none'; style-src 'unsafe-inline'")
    parts = ["<!DOCTYPE html>", f'<html lang="{e(data["lang"])}">', "<head>", '<meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{e(policy + "; frame-src about:", quote=True)}">',
             f"<title>{e(data['title'])}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
             f"<h1>{e(data['title'])}</h1>"]
    if data["subtitle"]:
        parts.append(f'<p class="sub">{e(data["subtitle"])} · <code>{e(data["iri"])}</code></p>')
    parts.append(f'<p class="note">{e(words["generated"])}</p>')
    for section in data["sections"]:
        parts.append(f'<section id="{e(section["key"])}"><h2>{e(section["title"])}</h2><ul>')
        if not section["sentences"]:
            parts.append(f'<li class="none">{e(words["none"])}</li>')
        for sentence in section["sentences"]:
            if sentence.get("computed") or sentence.get("unsourced"):
                why = words["computed" if sentence.get("computed") else "unsourced"]
                marks = f' <span class="computed">({e(why)})</span>'
            else:
                links = ",".join(f'<a href="#fn-{n}" id="ref-{n}-{e(sentence["id"])}">{n}</a>'
                                 for n in sentence.get("notes") or ())
                marks = f"<sup>{links}</sup>" if links else ""
            parts.append(f'<li id="{e(sentence["id"])}">{e(sentence["text"])}{marks}</li>')
        parts.append("</ul></section>")
    parts.append(f'<section id="view"><h2>{e(words["view"])}</h2>'
                 f'<iframe class="ego" title="{e(words["view"])}" srcdoc="{e(view, quote=True)}"></iframe>'
                 f'<div class="print-only">{ego_svg(data["ego"])}</div></section>')
    parts.append(f'<section id="footnotes"><h2>{e(words["notes"])}</h2><ol class="footnotes">')
    for note in data["footnotes"]:
        back = "".join(f' <a class="back" href="#ref-{note["n"]}-{e(by)}" title="{e(words["back"])}">↩</a>'
                       for by in note.get("cited_by") or ())
        if note["span"] is None:
            parts.append(f'<li id="fn-{note["n"]}" class="reference" data-source="{e(note["source"])}">'
                         f'{_html_source(note)} <span class="note">({e(words["reference_short"])})</span>{back}</li>')
            continue
        quoted = (f'<q lang="zh">{e(note.get("before") or "")}<mark>{e(note["span"])}</mark>{e(note.get("after") or "")}</q>')
        parts.append(f'<li id="fn-{note["n"]}" data-source="{e(note["source"])}" data-start="{note["start"]}" '
                     f'data-end="{note["end"]}">{_html_source(note)}: {quoted} '
                     f'<span class="note">({e(words["chars"])} {note["start"]}–{note["end"]})</span>{back}</li>')
    parts += ["</ol></section>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def ego_svg(ego, width=760, height=440):
    """A static SVG of an ego view's data (:func:`kg.view.view_data`): nodes at their layout positions,
    coloured by class, the centre ringed, edges as lines, every name XML-escaped.

    >>> svg = ego_svg({"nodes": [{"iri": "a", "en": "A<", "zh": "甲", "x": 0, "y": 0, "s": 10, "c": 0},
    ...                          {"iri": "b", "en": "B", "zh": "乙", "x": 100, "y": 50, "s": 10, "c": 0}],
    ...                "edges": [{"f": 0, "t": 1}], "classes": [{"color": "#336699"}], "focus": 0, "lang": "en"})
    >>> svg.startswith("<svg") and "A&lt;" in svg and svg.count("<circle") == 2, svg.count('stroke-width="3"')
    (True, 1)
    """
    nodes = ego.get("nodes") or []
    if not nodes:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>'
    xs = [n["x"] for n in nodes]
    ys = [n["y"] for n in nodes]
    pad_x, pad_y = 150, 40  # room for the names written under the outermost nodes
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    scale = min((width - 2 * pad_x) / span_x, (height - 2 * pad_y) / span_y)

    def at(node):
        return (round(pad_x + (node["x"] - min(xs)) * scale, 1), round(pad_y + (node["y"] - min(ys)) * scale, 1))

    colours = [c.get("color", "#888") for c in ego.get("classes") or []]
    focus = ego.get("focus")  # the centre: a node index in view data (or IRIs)
    focus = {nodes[i]["iri"] if isinstance(i, int) and i < len(nodes) else i
             for i in (focus if isinstance(focus, (list, tuple, set)) else [focus]) if i is not None}
    lang = ego.get("lang", "en")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">']
    for edge in ego.get("edges") or []:
        (x1, y1), (x2, y2) = at(nodes[edge["f"]]), at(nodes[edge["t"]])
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#9aa5b1" stroke-width="1"/>')
    for node in nodes:
        x, y = at(node)
        radius = 9 if node["iri"] in focus else 6
        colour = colours[node["c"]] if isinstance(node.get("c"), int) and node["c"] < len(colours) else "#888"
        ring = ' stroke="#1d3557" stroke-width="3"' if node["iri"] in focus else ' stroke="white" stroke-width="1"'
        name = html.escape(str(node.get(lang) or node.get("en") or node.get("zh") or node["iri"]), quote=True)
        out.append(f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{html.escape(colour, quote=True)}"{ring}>'
                   f'<title>{name}</title></circle>')
        out.append(f'<text x="{x}" y="{round(y + radius + 12, 1)}" text-anchor="middle">{name}</text>')
    out.append("</svg>")
    return "\n".join(out)


def write_dossier(kg, name, out, lang="en", fmt=None):
    """Write the dossier of ``name`` to ``out`` (format from its suffix unless ``fmt``); returns the path.

    Written to a temporary file beside ``out`` and renamed, so a failed run leaves no half file.
    """
    from kg._atomic import atomic_write

    fmt = fmt or guess_dossier_format(out)
    if fmt not in ("html", "markdown"):
        raise BadArgument(f"unknown dossier format {fmt!r}; valid formats: html, markdown")
    data = dossier_data(kg, name, lang)
    text = dossier_html(data) if fmt == "html" else dossier_markdown(data)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(out, encoding="utf-8") as handle:
        handle.write(text)
    return Path(out)


# helpers

_CSS = ("body{font-family:system-ui,'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;max-width:56em;margin:1em auto;"
        "padding:0 1em;color:#1d2430}h1{margin-bottom:.2em}.sub{color:#556;margin-top:0}.note{color:#556}"
        "li{margin:.3em 0}.computed{color:#667;font-size:.9em}sup a{text-decoration:none}"
        "iframe.ego{width:100%;height:32em;border:1px solid #ccd}ol.footnotes{font-size:.9em}"
        "ol.footnotes li:target,li:target{background:#ffe066}code{background:#eef;padding:0 .2em}"
        "ol.footnotes q mark{background:#fff0a8;padding:0 .1em}ol.footnotes cite{font-style:italic}"
        "a.back{text-decoration:none;margin-left:.2em}.print-only{display:none}"
        # printed or saved as PDF: the static drawing instead of the interactive view, no back-links, and
        # each note's address written out
        "@media print{body{max-width:none;margin:0;font-size:10.5pt}iframe.ego{display:none}"
        ".print-only{display:block}.print-only svg{max-width:100%;height:auto}a{color:inherit;text-decoration:none}"
        "a.back{display:none}section{break-inside:auto}h2{break-after:avoid}ol.footnotes li{break-inside:avoid}"
        "ol.footnotes a.url::after{content:' <' attr(href) '>'}}")


def _html_source(note):
    """Title (italic), publisher, date and URL of a footnote's source, escaped."""
    e = html.escape
    parts = [f"<cite>{e(note.get('title') or note['source'])}</cite>"]
    parts += [e(str(note[key])) for key in ("publisher", "date") if note.get(key)]
    if note.get("url"):
        parts.append(f'<a class="url" href="{e(note["url"], quote=True)}" rel="noreferrer">{e(note["url"])}</a>')
    return ", ".join(parts)


def _md_citation(note, words):
    """A footnote in Markdown: *title*, publisher, date, URL, then the sentence with the span in bold."""
    head = [f"*{_md(note.get('title') or note['source'])}*"]
    head += [_md(str(note[key])) for key in ("publisher", "date") if note.get(key)]
    if note.get("url"):
        head.append(f"<{note['url']}>" if not any(c in note["url"] for c in "<> ") else _md(note["url"]))
    if note["span"] is None:
        return ", ".join(head) + f" ({_md(words['reference_short'])})"
    quote = f"{_md(note.get('before') or '')}**{_md(note['span'])}**{_md(note.get('after') or '')}"
    return ", ".join(head) + f": “{quote}” ({words['chars']} {note['start']}–{note['end']})"

_MD_SPECIAL = "\\`*_{}[]<>()#+!|"


def _md(text):
    """Text with Markdown's special characters escaped (``<`` too, so no HTML gets in)."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text)).replace("\n", " ")
