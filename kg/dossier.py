"""Dossiers: one actor (a consortium, a cluster, any actor) as a single file to attach to a report.

:func:`dossier_data` gathers who the actor is, its memberships and roles, its relations, its figures with
their times and its place in the network (centrality ranks, community), as sentences; every sentence
that restates the graph carries footnotes, each a source id, the quoted span and its offsets, so a
reader can check it in the source (``kg source ID --span START:END``). Sentences the graph does not state
but kg computes (ranks, community) say so instead of citing a source. :func:`write_dossier` writes it as
self-contained HTML (the interactive ego view embedded in an ``<iframe srcdoc>``, no external request)
or Markdown (a static SVG of the ego network drawn by :func:`ego_svg`), in Chinese or English, the same
bytes for the same graph every time.

>>> import kg
>>> with kg.open() as g:
...     found = dossier_data(g, "兰州大学", lang="en")
>>> found["title"]
'Lanzhou University'
>>> all(note["span"] for note in found["footnotes"])
True
"""

import html
from pathlib import Path

from kg.errors import BadArgument

__all__ = ["DOSSIER_FORMATS", "dossier_data", "dossier_html", "dossier_markdown", "ego_svg", "write_dossier",
           "guess_dossier_format"]

#: file suffix -> format
DOSSIER_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}

_NAMES = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel")
_WORDS = {
    "en": {"who": "Who it is", "members": "Memberships and roles", "relations": "Relations", "figures": "Figures",
           "place": "Place in the network", "view": "Its neighbourhood", "notes": "Sources",
           "is": "{name}: {cls}", "also": "{name} is also called {aliases}",
           "member": "{subject} is a {role} of {object}", "relation": "{subject} {label} {object}",
           "figure": "{subject}: {measure} {value} ({time})", "figure_untimed": "{subject}: {measure} {value}",
           "rank": "Among the {n} actors of the graph, {name} ranks {ranks}",
           "rank_item": "{rank} by {measure}", "community": "Its community (modularity) has {size} actors; the most "
           "central of the others: {others}", "computed": "computed by kg from the graph, not stated in a source",
           "unsourced": "no evidence span recorded", "reference": "a reference dataset: no quoted span",
           "none": "none recorded", "quote": "“{span}”", "chars": "characters", "no_notes": "no footnotes",
           "is_in": "{name} is a {cls}", "located": " in {place}", "parent": ", part of {parent}",
           "counts": "The graph records {n} relations of {name}: {items}", "count_item": "{count} {label}",
           "span_dates": "Its dated facts run from {first} to {last}", "one_date": "Its one dated fact is of {first}",
           "back": "back to the text", "reference_short": "a reference dataset: no quoted span",
           "generated": "A dossier made by innovation-kg from its knowledge graph. Every footnote quotes the span "
           "of the source that states the sentence, with its character offsets into the source text."},
    "zh": {"who": "概况", "members": "成员与角色", "relations": "关系", "figures": "数据", "place": "在网络中的位置",
           "view": "关系网络", "notes": "来源",
           "is": "{name}：{cls}", "also": "{name}又称{aliases}",
           "member": "{subject}是{object}的{role}", "relation": "{subject}（{label}）{object}",
           "figure": "{subject}：{time}{measure}{value}", "figure_untimed": "{subject}：{measure}{value}",
           "rank": "在图中 {n} 个行动者里，{name}的排名：{ranks}", "rank_item": "{measure}第 {rank} 位",
           "community": "其所在社区（模块度划分）有 {size} 个行动者；其中其他最核心的是：{others}",
           "computed": "由 kg 根据图计算，并非来源原文", "unsourced": "未记录证据片段", "none": "无记录",
           "reference": "参考数据集，无原文片段",
           "quote": "“{span}”", "chars": "字符",
           "no_notes": "无脚注",
           "is_in": "{name}是{place}{cls}", "located": "{place}的", "parent": "，隶属于{parent}",
           "counts": "图中记录了{name}的 {n} 条关系：{items}", "count_item": "{label} {count} 条",
           "span_dates": "其有日期的事实始于 {first}，止于 {last}", "one_date": "其唯一有日期的事实在 {first}",
           "back": "返回正文", "reference_short": "参考数据集，无原文片段",
           "generated": "本档案由 innovation-kg 根据其知识图谱生成。每个脚注引用原文中陈述该句的片段及其字符位置。"},
}
_MEASURE_NAMES = {"en": {"degree": "degree", "betweenness": "betweenness (brokerage)", "pagerank": "PageRank"},
                  "zh": {"degree": "度中心性", "betweenness": "中介中心性（桥接）", "pagerank": "PageRank"}}
_QUALIFIERS = {"approximately": {"en": "about ", "zh": "约"}, "more-than": {"en": "more than ", "zh": "超过"},
               "at-least": {"en": "at least ", "zh": "至少"}, "nearly": {"en": "nearly ", "zh": "近"}}


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


def dossier_data(kg, name, lang="en"):
    """The dossier of the actor ``name`` designates, as plain data.

    Returns a dict: ``iri``, ``title``, ``subtitle``, ``lang``, ``sections`` (each ``key``, ``title``,
    ``sentences``: ``text`` and ``notes``, footnote numbers, or ``computed`` True), ``footnotes`` (``n``,
    ``source``, ``span``, ``start``, ``end``) and ``ego`` (the ego view's data, :func:`kg.view.view_data`).
    """
    from kg.analysis.describe import describe, figure_sources
    from kg.sentences import membership_sentence, sentence as relation_sentence

    if lang not in _WORDS:
        raise BadArgument(f"unknown language {lang!r}; valid languages: en, zh")
    words = _WORDS[lang]
    actor = kg.actor(name)
    iri = actor["iri"]
    G = kg.network
    figures = [f["iri"] for f in G.nodes[iri].get("figures") or ()]
    found = describe(G, iri, figure_sources=figure_sources(kg.store, figures))
    from kg.serve.reader import literal_evidence

    evidence = literal_evidence(kg.store, [iri] + figures)
    notes = _Footnotes()
    label = _label(found, lang)
    class_labels = G.graph.get("class_labels") or {}

    def cls_name(cls):
        return (class_labels.get(cls) or {}).get(lang) or cls or ""

    who = _who(kg, found, label, cls_name(found["cls"]), evidence.get(iri, []), lang)
    members, relations = [], []
    for direction in ("outgoing", "incoming"):
        for relation in found[direction]:
            other = _pair_label(relation, lang)
            subject, obj = (label, other) if direction == "outgoing" else (other, label)
            relation_label = relation.get(f"label_{lang}") or relation["relation_curie"]
            sentence = {"evidence": relation["evidence"]}
            if relation["kind"] == "membership":
                sentence["text"] = membership_sentence(subject, relation_label, obj, lang)
                members.append(sentence)
            else:
                sentence["text"] = relation_sentence(relation["relation"], subject, obj, lang, label=relation_label)
                relations.append(sentence)
    figure_sentences = []
    for figure in found["figures"]:
        measure = figure.get(f"measure_{lang}") or figure.get("measure")
        unit = figure.get("unit_zh" if lang == "zh" else "unit_en") or figure.get("unit") or ""
        qualifier = _QUALIFIERS.get(figure.get("qualifier"), {}).get(lang, "")
        value = f"{qualifier}{figure['value']}" + (("" if lang == "zh" else " ") + unit if unit else "")
        key = "figure" if figure.get("time") else "figure_untimed"
        figure_sentences.append({"text": words[key].format(subject=label, measure=measure, value=value,
                                                           time=figure.get("time")),
                                 "evidence": evidence.get(figure["iri"], [])})
    sections = [
        {"key": "who", "title": words["who"], "sentences": who},
        {"key": "members", "title": words["members"], "sentences": members},
        {"key": "relations", "title": words["relations"], "sentences": relations},
        {"key": "figures", "title": words["figures"], "sentences": figure_sentences},
        {"key": "place", "title": words["place"], "sentences": _place(kg, iri, label, lang)},
    ]
    for section in sections:  # footnotes numbered in reading order; a sentence's marks in rising order
        for number, sentence in enumerate(section["sentences"], 1):
            sentence["id"] = f"{section['key']}-{number}"
            if not sentence.get("computed"):
                sentence["notes"] = sorted(notes.add(sentence.pop("evidence", ()), sentence["id"]))
                sentence["unsourced"] = not sentence["notes"]  # said so on the page, never hidden
    _cite(kg.store, notes.items, lang)
    from kg.view import view_data

    ego = view_data(G, lang=lang, around=iri, depth=1)
    other = found["label_en"] if lang == "zh" else found["label_zh"]
    return {"iri": iri, "title": label, "subtitle": other if other and other != label else None, "lang": lang,
            "cls": cls_name(found["cls"]), "sections": sections, "footnotes": notes.items, "ego": ego,
            "words": {k: words[k] for k in ("view", "notes", "computed", "unsourced", "reference", "none", "generated",
                                            "chars", "back", "reference_short")}}


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


def _source_name(iri):
    """How a footnote names a source: a source document's id, else its path under ``ikr:`` (a reference
    dataset such as ``reference/mca-administrative-divisions``), else the IRI; None without one."""
    from kg.serve.reader import SOURCE_BASE

    iri = str(iri or "")
    if not iri:
        return None
    base = "https://w3id.org/innovation-kg/id/"
    return iri[len(SOURCE_BASE):] if iri.startswith(SOURCE_BASE) else iri[len(base):] if iri.startswith(base) else iri


class _Footnotes:
    """Numbered footnotes, one per distinct (source, start, end, span), in the order first cited; evidence
    from a reference dataset (no span, no offsets) is cited by its source alone."""

    def __init__(self):
        self.items = []
        self._numbers = {}

    def add(self, evidence, cited_by=None):
        numbers = []
        for item in evidence:
            source = _source_name(item.get("source"))
            if source is None:
                continue
            iri = str(item.get("source") or "")
            if item.get("span") is None or item.get("start") is None:  # a reference list: cited, nothing quoted
                item = {"span": None, "start": None, "end": None}
            key = (source, item.get("start"), item.get("end"), item.get("span"))
            if key not in self._numbers:
                self._numbers[key] = len(self.items) + 1
                self.items.append({"n": self._numbers[key], "source": source, "span": item["span"],
                                   "start": item["start"], "end": item["end"], "iri": iri,
                                   "cited_by": []})
            note = self.items[self._numbers[key] - 1]
            if cited_by and cited_by not in note["cited_by"]:
                note["cited_by"].append(cited_by)
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
        return numbers


def _place(kg, iri, label, lang):
    """The computed sentences: centrality ranks and the actor's community."""
    import networkx as nx

    words = _WORDS[lang]
    rows = kg.centrality(["degree", "betweenness", "pagerank"])
    ranks = []
    for measure in ("degree", "betweenness", "pagerank"):
        ordered = sorted(rows, key=lambda row: (-row[measure], row["iri"]))
        rank = next(i for i, row in enumerate(ordered, 1) if row["iri"] == iri)
        ranks.append(words["rank_item"].format(rank=rank, measure=_MEASURE_NAMES[lang][measure]))
    separator = "，" if lang == "zh" else ", "
    sentences = [{"text": words["rank"].format(n=len(rows), name=label, ranks=separator.join(ranks)), "computed": True}]
    U = kg.undirected
    if U.number_of_edges():
        communities = nx.algorithms.community.greedy_modularity_communities(U)  # deterministic: no seed needed
        mine = next((c for c in communities if iri in c), None)
        if mine and len(mine) > 1:
            score = {row["iri"]: row["pagerank"] for row in rows}
            others = sorted((n for n in mine if n != iri), key=lambda n: (-score.get(n, 0), n))[:5]
            names = separator.join(_node_label(kg.network, n, lang) for n in others)
            sentences.append({"text": words["community"].format(size=len(mine), others=names), "computed": True})
    return sentences


_PLACE_RELATIONS = ("locatedIn", "partOfPlace")
_PARENT_RELATIONS = ("subOrganizationOf", "affiliatedWith")


def _who(kg, found, label, cls, name_evidence, lang):
    """"Who it is": class, place and parent (with their evidence), aliases, relations counted by kind, and
    the span of its dated facts (the last two computed by kg)."""
    words = _WORDS[lang]
    evidence = [e for e in name_evidence if e["predicate"] == _NAMES[0]]

    def first(kinds):
        for relation in found["outgoing"]:
            if relation["relation"].rsplit("#", 1)[-1].rsplit("/", 1)[-1] in kinds:
                return relation
        return None

    place, parent = first(_PLACE_RELATIONS), first(_PARENT_RELATIONS)
    located = words["located"].format(place=_pair_label(place, lang)) if place else ""
    text = words["is_in"].format(name=label, cls=cls, place=located)
    if lang != "zh":
        text = words["is_in"].format(name=label, cls=cls, place="") + located
        text = text.replace(" is a ", " is an ", 1) if cls[:1].lower() in "aeiou" else text
    if parent:
        text += words["parent"].format(parent=_pair_label(parent, lang))
    for relation in (place, parent):
        if relation:
            evidence = evidence + list(relation["evidence"])
    who = [{"text": text, "evidence": evidence}]
    if found["aliases"]:
        who.append({"text": words["also"].format(name=label, aliases="、".join(found["aliases"])),
                    "evidence": [e for e in name_evidence if e["predicate"] == _NAMES[1]]})
    counts = {}
    for relation in found["outgoing"] + found["incoming"]:
        key = relation.get(f"label_{lang}") or relation["relation_curie"]
        counts[key] = counts.get(key, 0) + 1
    if counts:
        separator = "，" if lang == "zh" else ", "
        items = separator.join(words["count_item"].format(count=n, label=key)
                               for key, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        who.append({"text": words["counts"].format(n=sum(counts.values()), name=label, items=items), "computed": True})
    dated = _dated(kg, found)
    if dated:
        key = "one_date" if dated[0] == dated[-1] else "span_dates"
        who.append({"text": words[key].format(first=dated[0], last=dated[-1]), "computed": True})
    return who


def _dated(kg, found):
    """The dates of the actor's dated facts, sorted: its own dates, its figures' times, and its relations'
    dates (the later of the two actors' dates, as kg.analysis.timeline dates a relation)."""
    from kg.analysis.timeline import node_date, relation_date

    dates = kg.dates()
    own = node_date(dates, found["iri"])
    found_dates = [own] if own else []
    found_dates += [str(f["time"]) for f in found["figures"] if f.get("time")]
    for relation in found["outgoing"] + found["incoming"]:
        when = relation_date(own, node_date(dates, relation["actor"]))
        if when:
            found_dates.append(str(when))
    return sorted(set(found_dates), key=lambda d: (d[:4], d))


def _cite(store, notes, lang):
    """Each footnote as a bibliography entry: the source's title, publisher, date and URL, and for a quoted
    span the sentence of the source that holds it (``before`` and ``after`` the span)."""
    from kg.errors import DataError
    from kg.serve.reader import _source_record, source_id
    from kg.sources import read_source

    records, texts = {}, {}
    for note in notes:
        iri = note.get("iri") or ""
        if iri not in records:
            records[iri] = (_source_record(store, iri, lang) if source_id(iri) else _reference_record(store, iri, lang)) or {}
        record = records[iri]
        note.update(title=record.get("title") or note["source"], publisher=record.get("publisher"),
                    date=record.get("date"), url=record.get("url"), reference=not source_id(iri),
                    before="", after="")
        if note["span"] is None or note["start"] is None:
            continue
        ident = source_id(iri)
        if ident not in texts:
            try:
                texts[ident] = read_source(ident)
            except DataError:
                texts[ident] = None
        text = texts[ident]
        if text is not None and text[note["start"]:note["end"]] == note["span"]:
            note["before"], note["after"] = _sentence_around(text, note["start"], note["end"])


def _sentence_around(text, start, end, most=90):
    """The text of the sentence that holds ``text[start:end]``, before and after it (at most ``most``
    characters each side, cut with an ellipsis).

    >>> _sentence_around("第一句。兰州大学牵头组建。第三句", 4, 8)
    ('', '牵头组建。')
    """
    stops = "。！？!?\n"
    left = max(text.rfind(stop, 0, start) for stop in stops) + 1
    right = min((i for i in (text.find(stop, end) for stop in stops) if i >= 0), default=len(text))
    right = min(right + 1, len(text)) if right < len(text) and text[right] != "\n" else right
    closing = "”’」』）)"
    while right < len(text) and text[right] in closing:  # the quote a sentence ends inside closes with it
        right += 1
    while left < start and text[left] in closing:
        left += 1
    before, after = text[left:start], text[end:right]
    if len(before) > most:
        before = "…" + before[-most:]
    if len(after) > most:
        after = after[:most] + "…"
    return before.lstrip(), after.rstrip()


def _reference_record(store, iri, lang):
    """A reference dataset's title (in ``lang`` first), publisher and URL (its dcterms:source)."""
    if not iri or any(c in iri for c in '<>"{}|^`\\ '):
        return None
    rows = list(store.select(f"""SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"""))
    if not rows:
        return None
    found = {}
    for predicate, value in rows:
        key = str(predicate).rsplit("/", 1)[-1]
        language = (getattr(value, "language", None) or "")
        text = str(getattr(value, "value", value))
        if key in ("title", "publisher") and (key not in found or language.startswith(lang)):
            found[key] = text
        elif key == "source":
            found["url"] = text
    return found


def _node_label(G, node, lang):
    data = G.nodes[node]
    return data.get(f"label_{lang}") or data.get("label_en") or data.get("label_zh") or node


def _label(actor, lang):
    return actor.get(f"label_{lang}") or actor.get("label_en") or actor.get("label_zh") or actor["iri"]


def _pair_label(relation, lang):
    return relation.get(f"actor_label_{lang}") or relation.get("actor_label_en") or relation["actor"]


_MD_SPECIAL = "\\`*_{}[]<>()#+!|"


def _md(text):
    """Text with Markdown's special characters escaped (``<`` too, so no HTML gets in)."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text)).replace("\n", " ")

