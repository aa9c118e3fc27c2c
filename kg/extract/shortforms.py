"""Short forms of names: the ones a text defines (以下简称…) and the contractions it uses without defining
them (营养所 for 某某食物与营养发展研究所), read against the names the suffix rules find.

>>> from kg.extract.names import Mention
>>> full = Mention("某某食物与营养发展研究所", "ResearchInstitute", 0, 12, "suffix", 0.8, "")
>>> [(short, f.name) for short, f, _, _ in contractions("某某食物与营养发展研究所。营养所称", [full])]
[('营养所', '某某食物与营养发展研究所')]
"""

import re

from kg.extract import lexicon
from kg.extract.names import (_COUNTED, CJK, MAX_NAME, _cut_before_place, _read_left, specific,
                              suffix_names)

__all__ = ["contractions", "mention_ending_at", "suffix_name_ending_at", "defined_name_ending_at"]


def contractions(folded, mentions):
    """``(short, full, start, end)`` for each 2-3 character word + 所/院 in the text whose characters stand,
    in order, in the stem of a longer institute's name found in the same text (营养所: 食物与营养发展研究所)."""
    fulls = [m for m in mentions if m.source == "suffix" and len(m.name) >= 6 and m.name.endswith(("研究所", "研究院"))]
    found = []
    for match in re.finditer(r"[所院]", folded):
        end = match.end()
        for size in (3, 2):
            start = match.start() - size
            word = folded[start:match.start()] if start >= 0 else ""
            if not CJK.fullmatch(word[:1] or "a") or not all(CJK.match(c) for c in word) \
                    or word[-1] in "研究" or word[0] in "的在和与及由为是":
                continue
            full = next((f for f in fulls if f.name.endswith(match.group()) and _in_order(word, f.name[:-3])
                         and word + match.group() != f.name and not f.start <= start < f.end), None)
            if full is not None:
                found.append((word + match.group(), full, start, end))
                break
    return found


def _in_order(word, name):
    """Whether the characters of ``word`` stand in ``name`` in this order, and say which body it is."""
    at = 0
    for ch in word:
        at = name.find(ch, at)
        if at < 0:
            return False
        at += 1
    return specific(word)  # 科学院, 研究院: a kind, not a contraction


def mention_ending_at(mentions, pos):
    """The name of the mention that ends at ``pos``, if any."""
    for mention in mentions:
        if mention.end == pos:
            return mention.name
    return None


def suffix_name_ending_at(folded, pos):
    """The name the suffix rules read ending at ``pos`` (the one a 简称 in brackets defines), if any."""
    for start, end, _, _, _ in suffix_names(folded[:pos], None):
        if end == pos:
            return folded[start:end]
    return None


def defined_name_ending_at(folded, pos, short):
    """``(start, end)`` of the name a ``(简称…)`` at ``pos`` defines when no suffix rule reads one there: the run
    of name characters before the bracket (read leftwards as a suffix name is), taken as a name because the
    text gives it a short form, when the short form's characters stand in it in order (示范基地 for
    某某测试应用示范基地) and it says which body it is. ``None`` otherwise."""
    start = _read_left(folded, pos, None)
    while folded[start:start + 1] in lexicon.SOFT_JOINERS and start < pos:
        start += 1
    start = _cut_before_place(folded, start, pos)
    name = folded[start:pos]
    if not 4 <= len(name) <= MAX_NAME or not CJK.match(name[0]) or not _in_order(short, name) or len(short) >= len(name):
        return None
    if not specific(name) or name[0] in "该本各其这我贵此全每" or _COUNTED.search(folded[:start]):
        return None
    return start, pos
