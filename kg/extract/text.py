"""Read an article's text for extraction: check it, fold full-width forms, split it into sentences.

Every function here keeps character offsets: the folded text has exactly the length of the text as
given, so an offset found in the folded text points at the same characters of the original.

>>> fold("ＡＢＣ１２３，（甲）")
'ABC123,(甲)'
>>> [s for s, e in sentence_spans("甲。乙!丙")]
[0, 2, 4]
"""

import re
import unicodedata

from kg.errors import IngestError

__all__ = ["check_text", "fold", "sentence_spans", "MAX_CHARS"]

#: the longest text extract() accepts (characters); a news article is a few thousand
MAX_CHARS = 2_000_000

# sentence ends: Chinese and ASCII full stops, question and exclamation marks, semicolons, line breaks
_SENTENCE_END = re.compile(r"[。!?;！？；\n]+")


def check_text(text):
    """The text as ``str``, or :class:`~kg.errors.IngestError` when it is not readable article text.

    Bytes are decoded as UTF-8 (a byte-order mark is dropped); NUL or other control characters, an
    empty text, a text of only spaces, and a text over :data:`MAX_CHARS` are refused.

    >>> check_text("兰州大学".encode("utf-8"))
    '兰州大学'
    >>> check_text(b"\\x00\\x01\\x02")
    Traceback (most recent call last):
    ...
    kg.errors.IngestError: the text is binary (it holds control characters such as NUL), not an article
    """
    if isinstance(text, (bytes, bytearray)):
        if b"\x00" in text:
            raise IngestError("the text is binary (it holds control characters such as NUL), not an article")
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise IngestError(f"the text is not UTF-8 (byte {error.start} cannot be decoded); "
                              "convert it first, e.g. iconv -f GBK -t UTF-8") from None
    if not isinstance(text, str):
        raise IngestError(f"expected the article's text, got {type(text).__name__}")
    if not text.strip():
        raise IngestError("the text is empty")
    if len(text) > MAX_CHARS:
        raise IngestError(f"the text has {len(text):,} characters; the extractor reads at most {MAX_CHARS:,}")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text[:100_000]):
        raise IngestError("the text is binary (it holds control characters such as NUL), not an article")
    return text


def fold(text):
    """``text`` with full-width letters, digits and punctuation (and the ideographic space) made ASCII.

    NFKC, applied one character at a time and only where it gives one character, so the result has
    the same length as ``text`` (offsets stay valid). Curly quotes, 、 and 。 are left alone.

    >>> fold("中核４０４有限公司　（试行）")
    '中核404有限公司 (试行)'
    >>> len(fold("㈱①")) == len("㈱①")
    True
    """
    out = []
    for ch in text:
        if ord(ch) < 0x2000:
            out.append(ch)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def sentence_spans(text):
    """``(start, end)`` of each sentence of ``text``: split after 。!?; and at line breaks, blanks dropped.

    >>> text = "甲与乙签约。\\n丙;丁"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['甲与乙签约。', '丙;', '丁']
    """
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        piece_end = match.start() + len(match.group().rstrip("\n"))  # a line break is not part of a sentence
        if text[start:piece_end].strip():
            spans.append((start, piece_end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
