"""What ``kg show`` prints for one actor: its page (names, figures, relations, claim audit) or its rows,
and a figure's amount in words (which the server's actor page shares)."""

from kg.render.words import _evidence_text, _pair, _source_mark, _words, class_name

__all__ = ["format_actor", "actor_rows", "unit_text", "figure_amount"]


#: ikg:qualifier codes in words
QUALIFIERS = {
    "approximately": {"en": "about", "zh": "约"},
    "more-than": {"en": "more than", "zh": "超过"},
    "at-least": {"en": "at least", "zh": "至少"},
    "nearly": {"en": "nearly", "zh": "近"},
}


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


# helpers

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
