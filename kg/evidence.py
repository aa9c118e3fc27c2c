"""Evidence spans: find where a short span of a source text states a fact, and check recorded spans.

Offsets are Python ``str`` indices (code points) into the whole file decoded as UTF-8, so
``text[start:end] == span``. To point at the occurrence that states a fact rather than the first one,
name a ``context``: a longer string that occurs once in the text and contains the span.

>>> text = "兰州大学与兰州大学附属第一医院"
>>> locate(text, "兰州大学", context="兰州大学附属")
(5, 9)
>>> locate(text, "兰州大学")
Traceback (most recent call last):
...
kg.errors.DataError: span '兰州大学' occurs 2 times in the text; give a context that occurs once
"""

import hashlib
from pathlib import Path

from kg.errors import DataError

__all__ = ["locate", "sha256_file", "read_source", "span_mismatches"]


def locate(text, span, context=None, nth=None, *, source=None):
    """The ``(start, end)`` offsets of ``span`` in ``text``.

    Parameters
    ----------
    text : str
        The whole source text.
    span : str
        The short string that states the fact.
    context : str, optional
        A longer string that occurs exactly once in ``text`` and contains ``span``; the span is looked
        for inside it (first occurrence within the context).
    nth : int, optional
        Without a context: take the n-th occurrence (1-based) of ``span``. Without either, ``span``
        must occur exactly once.
    source : str, optional
        The source's id, named when the span is not found.

    Raises
    ------
    DataError
        When the span or context is missing, or the choice is not unique.

    Examples
    --------
    >>> locate("2442家、增长16.2%", "16.2%")
    (8, 13)
    >>> locate("甲乙甲乙", "乙", nth=2)
    (3, 4)
    """
    if not span:
        raise DataError("empty evidence span")
    if context is not None:
        count = text.count(context)
        if count != 1:
            what = "not found in the text" if count == 0 else f"occurs {count} times in the text; it must occur once"
            raise DataError(f"context {context!r} {what}")
        inner = context.find(span)
        if inner < 0:
            raise DataError(f"span {span!r} is not inside its context {context!r}")
        start = text.find(context) + inner
        return start, start + len(span)
    positions = _occurrences(text, span)
    if not positions:
        raise DataError(f"span {span!r} not found in the text" + (f" of {source}" if source else ""))
    if nth is None:
        if len(positions) != 1:
            raise DataError(f"span {span!r} occurs {len(positions)} times in the text; "
                            "give a context that occurs once")
        nth = 1
    if not 1 <= nth <= len(positions):
        raise DataError(f"span {span!r} occurs {len(positions)} times; there is no occurrence nth={nth}")
    start = positions[nth - 1]
    return start, start + len(span)


def sha256_file(path):
    """Hex SHA-256 of a file's bytes.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_file(p)[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_source(path):
    """A source text decoded as UTF-8; a missing or undecodable file raises :class:`DataError`."""
    path = Path(path)
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: no such source file") from None
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 text (byte {error.start})") from None


def span_mismatches(graph, text, source_iri):
    """Evidence nodes of ``source_iri`` in ``graph`` whose span is not ``text[start:end]``.

    Returns a list of ``(evidence_iri, span, start, end, found)``; empty when every span matches.

    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
    ... @prefix prov: <http://www.w3.org/ns/prov#> .
    ... <urn:e1> a ikg:Evidence ; ikg:span "乙" ; ikg:start 1 ; ikg:end 2 ; prov:wasDerivedFrom <urn:s> .
    ... <urn:e2> a ikg:Evidence ; ikg:span "乙" ; ikg:start 0 ; ikg:end 1 ; prov:wasDerivedFrom <urn:s> .
    ... ''')
    >>> span_mismatches(g, "甲乙", "urn:s")
    [('urn:e2', '乙', 0, 1, '甲')]
    """
    from rdflib import URIRef

    from kg.namespaces import IKG, PROV

    bad = []
    for evidence in sorted(graph.subjects(PROV.wasDerivedFrom, URIRef(source_iri))):
        span = graph.value(evidence, IKG.span)
        start, end = graph.value(evidence, IKG.start), graph.value(evidence, IKG.end)
        if span is None or start is None or end is None:
            continue
        start, end = int(start), int(end)
        found = text[start:end]
        if found != str(span):
            bad.append((str(evidence), str(span), start, end, found))
    return bad


# helpers

def _occurrences(text, span):
    positions, at = [], text.find(span)
    while at >= 0:
        positions.append(at)
        at = text.find(span, at + 1)
    return positions
