"""A dossier's footnotes: numbered in the order first cited, one per distinct quoted span (a reference
dataset's evidence cited by its source alone), each completed as a citation: the source's title,
publisher, date and URL, and the sentence of the source around the span."""

__all__ = ["Footnotes", "cite"]


class Footnotes:
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


def _source_name(iri):
    """How a footnote names a source: a source document's id, else its path under ``ikr:`` (a reference
    dataset such as ``reference/mca-administrative-divisions``), else the IRI; None without one."""
    from kg.serve.reader import SOURCE_BASE

    iri = str(iri or "")
    if not iri:
        return None
    base = "https://w3id.org/innovation-kg/id/"
    return iri[len(SOURCE_BASE):] if iri.startswith(SOURCE_BASE) else iri[len(base):] if iri.startswith(base) else iri


def cite(store, notes, lang):
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
