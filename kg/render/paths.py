"""What ``kg path`` prints: each path, one line per hop with its evidence, or one row per hop."""

from kg.render.words import _evidence_brackets, _evidence_text, _words

__all__ = ["format_path", "format_paths", "path_rows"]


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
