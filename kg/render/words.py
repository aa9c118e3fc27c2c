"""The words and notations the plain-text pages share (``kg path``, ``kg show``, ``kg stats``, ``kg build``),
in English or Chinese: the page words, offsets, class names, name pairs and evidence."""

__all__ = ["offsets", "class_name"]


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


# helpers of the page renderers

def _words(lang):
    if lang not in WORDS:
        from kg.errors import BadArgument

        raise BadArgument(f"unknown language {lang!r}; valid languages: en, zh")
    return WORDS[lang]


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


def _source_mark(fact, words):
    """``  [1 source]`` / ``  [3 sources]`` after a fact whose sources are known and recorded, else nothing."""
    count = fact.get("source_count")
    if not count:
        return ""
    return "  [" + (words["source_one"] if count == 1 else words["source_many"].format(n=count)) + "]"
