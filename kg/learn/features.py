"""Features of the recommender: per character for the name tagger, per pair of mentions for relations.

Both read the folded text (:func:`kg.extract.text.fold`, same length as the text), the lexicon of the
rules (:mod:`kg.extract.lexicon`: organisation suffixes, stop words, places) and the gazetteer of known
names; the rules' own mentions are a feature too, so the model learns where to trust them.

>>> from kg.extract.mentions import Gazetteer
>>> rows = char_features("由兰州大学牵头", Gazetteer(), [])
>>> len(rows), "c0=兰" in rows[1], "sfx_end=2" in rows[4]
(7, True, True)
"""

import re

from kg.extract import lexicon

__all__ = ["char_features", "pair_features", "CUE_WORDS", "char_kind"]

#: words that say how two actors of a sentence are related (the rules' cues and their neighbours)
CUE_WORDS = sorted({
    "牵头", "由", "联合", "共同", "组建", "共建", "建成", "成立", "发起", "成员单位", "合作单位", "成员企业",
    "签订", "签约", "签署", "协议", "合作", "战略合作", "携手", "与", "和", "及", "、", "等", "依托", "链主",
    "龙头企业", "走进", "参访", "考察", "参观", "走访", "视察", "调研", "赴", "印发", "出台", "发布", "颁布",
    "试点", "落户", "位于", "坐落", "在", "支持", "对口支持", "批复", "同意", "批准", "推荐", "认定", "旗下",
    "下属", "所属", "的", "设立", "设在", "挂牌", "揭牌", "入驻", "承建", "为", "提供", "参与", "邀请", "应",
    "主任", "院长", "校长", "董事长", "书记", "部长", "厅长", "记者", "研究员", "教授", "负责人", "介绍",
    "表示", "举办", "主办", "承办", "授牌", "获批", "成为", "加入", "牵手", "对接", "帮助", "服务",
}, key=len, reverse=True)

_CUE_PATTERN = re.compile("|".join(re.escape(w) for w in CUE_WORDS))
_SUFFIXES = lexicon.suffixes_longest_first()
_PLACES = sorted(set(lexicon.PROVINCES) | set(lexicon.PROVINCES.values()) | set(lexicon.CITIES), key=len,
                 reverse=True)
_PLACE_PATTERN = re.compile("|".join(re.escape(p) for p in _PLACES))
_STOP_PATTERN = re.compile("|".join(re.escape(w) for w in lexicon.STOP_WORDS if len(w) >= 2))
_KNOWN_PATTERN = re.compile("|".join(re.escape(w) for w in sorted(lexicon.KNOWN_BODIES, key=len, reverse=True)))
_GENERIC = set(lexicon.GENERIC_WORDS)


def char_kind(ch):
    """``cjk``, ``digit``, ``latin``, ``space``, ``open``/``close`` (brackets, quotes) or ``punct``.

    >>> [char_kind(c) for c in "兰3a (,"]
    ['cjk', 'digit', 'latin', 'space', 'open', 'punct']
    """
    if "\u3400" <= ch <= "\u9fff":
        return "cjk"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if ch.isspace():
        return "space"
    if ch in "(“《[{‘":
        return "open"
    if ch in ")”》]}’":
        return "close"
    return "punct"


def char_features(folded, gazetteer, rule_spans):
    """One list of feature strings per character of ``folded`` (a sentence or a whole text).

    ``rule_spans`` are ``(start, end)`` of the rules' organisation mentions in the same string.
    """
    n = len(folded)
    marks = [[] for _ in range(n)]
    # where an organisation suffix ends (and how long it is), and the characters inside it
    for suffix in _SUFFIXES:
        for match in re.finditer(re.escape(suffix), folded):
            s, e = match.span()
            marks[e - 1].append(f"sfx_end={len(suffix)}")
            marks[e - 1].append(f"sfx_cls={lexicon.ORG_SUFFIXES[suffix]}")
            if len(suffix) == 1:
                marks[e - 1].append("sfx_weak")
            for i in range(s, e - 1):
                marks[i].append("in_sfx")
            if e < n:
                marks[e].append("after_sfx")
    for pattern, name in ((_PLACE_PATTERN, "place"), (_STOP_PATTERN, "stop"), (_KNOWN_PATTERN, "known")):
        for match in pattern.finditer(folded):
            s, e = match.span()
            marks[s].append(f"{name}_B")
            for i in range(s + 1, e):
                marks[i].append(f"{name}_I")
            if e < n:
                marks[e].append(f"after_{name}")
    for s, e, _ in gazetteer.matches(folded) if gazetteer is not None else ():
        marks[s].append("gaz_B")
        for i in range(s + 1, e):
            marks[i].append("gaz_I")
    for s, e in rule_spans:
        marks[s].append("rule_B")
        for i in range(s + 1, e):
            marks[i].append("rule_I")
        if e - 1 > s:
            marks[e - 1].append("rule_E")
    rows = []
    for i, ch in enumerate(folded):
        prev1 = folded[i - 1] if i >= 1 else "^"
        prev2 = folded[i - 2] if i >= 2 else "^"
        next1 = folded[i + 1] if i + 1 < n else "$"
        next2 = folded[i + 2] if i + 2 < n else "$"
        row = ["bias", f"c0={ch}", f"c-1={prev1}", f"c+1={next1}", f"c-2={prev2}", f"c+2={next2}",
               f"c-1c0={prev1}{ch}", f"c0c+1={ch}{next1}", f"c-2c-1={prev2}{prev1}", f"c+1c+2={next1}{next2}",
               f"k0={char_kind(ch)}", f"k-1={char_kind(prev1)}", f"k+1={char_kind(next1)}"]
        if prev1 + ch in _GENERIC or ch + next1 in _GENERIC:
            row.append("generic")
        row.extend(marks[i])
        rows.append(row)
    return rows


def pair_features(folded, first, second, rule_relation=None):
    """Feature strings for two mentions of one sentence, ``first`` before ``second`` in the text.

    ``first`` and ``second`` are ``(start, end, kind)`` with ``kind`` a class name (``Person``,
    ``Place``, ``Enterprise`` …); ``rule_relation`` is what the rules say of the pair (e.g.
    ``lead-unit:fwd``), if anything.

    >>> f = pair_features("由兰州大学牵头组建甲创新联合体", (1, 5, "University"), (9, 15, "InnovationConsortium"))
    >>> "cue=牵头" in f, "classes=University>InnovationConsortium" in f
    (True, True)
    """
    s1, e1, k1 = first
    s2, e2, k2 = second
    nested = s2 < e1
    between = "" if nested else folded[e1:s2]
    distance = len(between)
    feats = ["bias", f"c1={k1}", f"c2={k2}", f"classes={k1}>{k2}", f"dist={_bucket(distance)}"]
    if nested:
        feats.append("nested")
        if s1 == s2:
            feats.append("nested_prefix")
    for match in _CUE_PATTERN.finditer(between):
        word = match.group()
        feats.append(f"cue={word}")
        feats.append(f"cue={word}|{k1}>{k2}")
    if re.search(r"[,;:]", between):
        feats.append("clause_break")
    if between in ("、", "和", "与", "及", ",", "以及"):
        feats.append(f"coordinated={between}")
    if distance <= 12:
        for i in range(len(between) - 1):
            feats.append(f"bi={between[i:i + 2]}")
    if between:
        feats.append(f"first_after={between[:2]}")
        feats.append(f"second_before={between[-2:]}")
    before = folded[max(0, s1 - 3):s1]
    after = folded[e2:e2 + 3]
    feats.append(f"before={before[-2:]}")
    feats.append(f"before1={before[-1:]}")
    feats.append(f"after={after[:2]}")
    feats.append(f"after1={after[:1]}")
    for match in _CUE_PATTERN.finditer(folded[max(0, s1 - 6):s1]):
        feats.append(f"cue_before={match.group()}")
    for match in _CUE_PATTERN.finditer(folded[e2:e2 + 6]):
        feats.append(f"cue_after={match.group()}")
    if rule_relation:
        feats.append(f"rule={rule_relation}")
    return feats


def _bucket(distance):
    for limit in (0, 1, 2, 5, 10, 20, 40):
        if distance <= limit:
            return str(limit)
    return "far"
