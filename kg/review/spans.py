"""Where things are in the article: a selection or a typed text as offsets, which occurrence a span is,
the sentence that names two actors. Offsets count code points, as the claims compiler does.

>>> text = "甲公司与乙公司签约。甲公司投资。"
>>> locate(text, None, None, "甲公司", near=10)
(10, 13)
>>> occurrence(text, "甲公司", 10), occurrence(text, "乙公司", 4)
(2, None)
>>> sentence_naming(text, {"甲公司"}, {"乙公司"})
(0, 10)
"""

import re

from kg.errors import BadArgument

__all__ = ["locate", "occurrence", "find_occurrence", "sentence_naming"]


def locate(text, start=None, end=None, typed=None, near=None):
    """``(start, end)``: the selection ``start:end`` without white space at its ends, else the occurrence
    of ``typed`` nearest to ``near`` (the first when two are as near); :class:`BadArgument` otherwise.

    >>> locate("甲 乙", 0, 3)
    (0, 3)
    >>> locate("甲乙", None, None, "丙")
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: '丙' is not in the text
    """
    if start is not None and end is not None:
        start, end = int(start), int(end)
        if not 0 <= start < end <= len(text):
            raise BadArgument(f"offsets {start}-{end} are outside the text (0-{len(text)})")
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            raise BadArgument("the selection holds only white space")
        return start, end
    typed = (typed or "").strip()
    if not typed:
        raise BadArgument("select the text in the article (or type it)")
    positions = [match.start() for match in re.finditer(re.escape(typed), text)]
    if not positions:
        raise BadArgument(f"{typed[:60]!r} is not in the text")
    near = int(near) if near is not None else 0
    best = min(positions, key=lambda position: (abs(position - near), position))
    return best, best + len(typed)


def occurrence(text, span, start):
    """Which occurrence of ``span`` starts at ``start`` (a claim's ``nth``); None when the span occurs
    once (no ``nth`` needed) or not at ``start``."""
    if text.count(span) <= 1:
        return None
    position, number = text.find(span), 1
    while position != -1 and position < start:
        position = text.find(span, position + 1)
        number += 1
    return number if position == start else None


def find_occurrence(text, span, nth=1):
    """``(start, end)`` of the ``nth`` occurrence of ``span``, or ``(None, None)``.

    >>> find_occurrence("甲乙甲", "甲", 2)
    (2, 3)
    """
    if not span:
        return None, None
    position = -1
    for _ in range(nth):
        position = text.find(span, position + 1)
        if position < 0:
            return None, None
    return position, position + len(span)


def sentence_naming(text, first, second):
    """``(start, end)`` of the first sentence holding one of the names ``first`` and one of ``second``."""
    from kg.extract.text import sentence_spans

    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if any(name in sentence for name in first) and any(name in sentence for name in second):
            return start, end
    raise BadArgument("no sentence names both actors: select the words that state the relation")
