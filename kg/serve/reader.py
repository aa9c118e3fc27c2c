"""The source reader: one source's whole text with every evidence span highlighted, and what each supports.

Every fact in the graph that came from a text carries an ``ikg:Evidence`` record: the short ``ikg:span``
that states it and its character offsets ``ikg:start``/``ikg:end`` into the source file (code points, so
``text[start:end] == span``). :func:`reader_data` gathers a source's records and cuts its text into
segments, each covered by none, one or several spans, so nested and overlapping spans highlight
correctly; the page ``/source/<id>`` (template ``reader.html``) draws each covered segment as a
``<mark>`` coloured by what its innermost span supports (an actor's name, a relation, a figure), and the
JSON twin ``/source/<id>.json`` is the same dict. ``#span-START-END`` anchors let any page link straight
to the sentence that states a fact (:func:`span_href`).

:func:`excerpt` is the terminal's version (``kg source ID --span START:END``): the text around one span.

>>> before, span, after = excerpt("甲乙丙丁戊己庚", 2, 4, context=1)
>>> before, span, after
('乙', '丙丁', '戊')
>>> span_href("https://w3id.org/innovation-kg/id/source/demo", 3, 7)
'/source/demo#span-3-7'
"""

from kg.errors import BadArgument, UnknownActor

__all__ = ["SOURCE_BASE", "KINDS", "source_id", "span_href", "parse_span", "excerpt", "mark_excerpt",
           "source_evidence", "literal_evidence", "segments", "reader_data"]

#: a source document's IRI is this followed by its id
SOURCE_BASE = "https://w3id.org/innovation-kg/id/source/"

#: figures' IRIs start with this
IKR_FIGURE = "https://w3id.org/innovation-kg/id/figure/"

#: what a span can support, in the order the page's legend lists them
KINDS = ("actor", "relation", "figure")

_NAME_PREDICATES = {"http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel"}
_VALUE_PREDICATE = "https://schema.org/value"
#: the words for the predicates the ontology gives no label (names, a figure's value)
_PREDICATE_WORDS = {
    "en": {"http://www.w3.org/2004/02/skos/core#prefLabel": "is named",
           "http://www.w3.org/2004/02/skos/core#altLabel": "is also called", _VALUE_PREDICATE: "has the value"},
    "zh": {"http://www.w3.org/2004/02/skos/core#prefLabel": "名称",
           "http://www.w3.org/2004/02/skos/core#altLabel": "又称", _VALUE_PREDICATE: "数值"},
}


def source_id(iri):
    """The id of the source document ``iri`` (None for anything that is not one of our sources).

    >>> source_id("https://w3id.org/innovation-kg/id/source/000_53c5d41e29162869")
    '000_53c5d41e29162869'
    >>> source_id("urn:x") is None
    True
    """
    iri = str(iri or "")
    if not iri.startswith(SOURCE_BASE):
        return None
    return iri[len(SOURCE_BASE):] or None


def span_href(source, start, end):
    """The reader's address for one span of ``source`` (an IRI or an id); None when it has no offsets.

    >>> span_href("000_x", 10, 12)
    '/source/000_x#span-10-12'
    >>> span_href("000_x", None, None) is None
    True
    """
    ident = source_id(source) or (str(source) if source and "/" not in str(source) else None)
    if ident is None or not isinstance(start, int) or not isinstance(end, int):
        return None
    from urllib.parse import quote

    return f"/source/{quote(ident)}#span-{start}-{end}"


def parse_span(text):
    """``START:END`` (or ``START-END``) as two ints, ``START < END``; :class:`~kg.errors.BadArgument` otherwise.

    >>> parse_span("310:314")
    (310, 314)
    >>> parse_span("9:3")
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: span '9:3' must be START:END with 0 <= START < END (character offsets)
    """
    parts = str(text).replace("-", ":").split(":")
    try:
        start, end = (int(part) for part in parts)
    except ValueError:
        start = end = -1
    if len(parts) != 2 or not 0 <= start < end:
        raise BadArgument(f"span {text!r} must be START:END with 0 <= START < END (character offsets)")
    return start, end


def excerpt(text, start, end, context=80):
    """``(before, span, after)``: the span ``text[start:end]`` and up to ``context`` characters each side,
    cut at a line end when there is one within the context (so the excerpt reads as whole lines).

    Raises :class:`~kg.errors.BadArgument` when the span is not inside the text.

    >>> excerpt("第一行\\n兰州大学牵头\\n第三行", 4, 8, context=10)
    ('', '兰州大学', '牵头')
    >>> excerpt("abc", 2, 9)
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: span 2:9 is outside the text (3 characters)
    """
    if not 0 <= start < end <= len(text):
        raise BadArgument(f"span {start}:{end} is outside the text ({len(text)} characters)")
    before = text[max(0, start - context):start]
    after = text[end:end + context]
    before = before[before.rfind("\n") + 1:]  # rfind gives -1 when there is no line end: keep it all
    after = after.split("\n", 1)[0]
    return before, text[start:end], after


def mark_excerpt(text, start, end, context=80, markers=("[[", "]]")):
    """One string: the excerpt with the span between ``markers`` (the terminal's form).

    >>> mark_excerpt("甲乙丙丁戊", 1, 3, context=1)
    '甲[[乙丙]]丁'
    """
    before, span, after = excerpt(text, start, end, context)
    return f"{before}{markers[0]}{span}{markers[1]}{after}"


def source_evidence(store, source_iri, lang="en"):
    """Every evidence record of ``source_iri`` in ``store``, each with the fact it supports, by offset.

    Returns a list of dicts ``iri``, ``span``, ``start``, ``end``, ``kind`` (one of :data:`KINDS`) and
    ``fact``: ``subject``, ``subject_label``, ``predicate``, ``predicate_label``, ``object`` (an IRI or a
    literal's text), ``object_label``, ``object_is_iri``, and for a figure ``figure`` (its subject,
    measure, value, unit and time as labels). Labels are in ``lang`` when the graph has them.

    >>> import kg
    >>> with kg.open() as g:
    ...     records = source_evidence(g.store, SOURCE_BASE + "000_53c5d41e29162869")
    >>> sorted({r["kind"] for r in records})
    ['actor', 'figure', 'relation']
    """
    from kg.analysis.network import local_name
    from kg.namespaces import sparql_prologue
    from kg.namespaces import check_iri

    check_iri(source_iri)
    rows = list(store.select(sparql_prologue() + f"""
SELECT ?e ?s ?p ?o ?span ?start ?end WHERE {{
  ?e prov:wasDerivedFrom <{source_iri}> ; ikg:span ?span ; ikg:start ?start ; ikg:end ?end ;
     rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
}}"""))
    iris = {value for row in rows for value in row[1:4] if isinstance(value, str) and not value.startswith("_:")}
    figures = _figures(store, {row[1] for row in rows if row[2] == _VALUE_PREDICATE or str(row[1]).startswith(IKR_FIGURE)})
    iris |= {value for figure in figures.values() for value in (figure["subject"], figure["measure"],
                                                                 figure.get("unit_iri")) if value}
    memberships = _memberships(store, {row[1] for row in rows if row[2] in _MEMBERSHIP_PREDICATES})
    iris |= {value for held in memberships.values() for value in held.values() if value}
    labels = _labels(store, iris, lang)
    labels.update(_PREDICATE_WORDS.get(lang, _PREDICATE_WORDS["en"]))
    for figure_iri, figure in figures.items():  # a figure named by what it measures, of whom, when
        measure, subject = labels.get(figure["measure"]) or local_name(figure["measure"]), labels.get(figure["subject"])
        when = f"（{figure['time']}）" if lang == "zh" else f" ({figure['time']})"
        labels.setdefault(figure_iri, (f"{subject}的{measure}" if lang == "zh" else f"the {measure} of {subject}")
                          + (when if figure["time"] else ""))
        if (lang != "zh" and figure.get("unit_iri") and labels.get(figure["unit_iri"])
                and any("\u3400" <= ch <= "\u9fff" for ch in figure["unit"] or "")):
            figure["unit"] = labels[figure["unit_iri"]]  # the unit's English name, not the article's 亿元

    def name(value):  # an IRI's label, else its local name
        return labels.get(value) or local_name(value)

    records, seen = [], set()
    for evidence, subject, predicate, value, span, start, end in rows:
        if evidence in seen:  # a record with two values for one field: keep its first row
            continue
        seen.add(evidence)
        is_iri = isinstance(value, str) and not value.startswith("_:")
        fact = {"subject": subject, "subject_label": name(subject), "predicate": predicate,
                "predicate_label": name(predicate), "object": value if is_iri else _literal_text(value),
                "object_label": name(value) if is_iri else _literal_text(value), "object_is_iri": is_iri}
        kind = "actor" if predicate in _NAME_PREDICATES else "figure" if predicate == _VALUE_PREDICATE else "relation"
        if kind == "figure" and subject in figures:
            figure = figures[subject]
            fact["figure"] = {"subject": figure["subject"], "subject_label": name(figure["subject"]),
                              "measure_label": name(figure["measure"]), "value": _literal_text(value),
                              "unit": figure["unit"], "time": figure["time"]}
        fact["parts"] = _fact_parts(fact, memberships.get(subject), name, lang)
        records.append({"iri": evidence, "span": _literal_text(span), "start": _int(start), "end": _int(end),
                        "kind": kind, "fact": fact})
    records.sort(key=lambda r: (r["start"] if r["start"] is not None else -1, r["end"] or 0, r["iri"]))
    return records


def segments(length, spans):
    """Cut ``range(length)`` at every span's ends: ``[(start, end, [span keys covering it])]``.

    ``spans`` is a list of ``(start, end, key)``; spans outside ``0..length`` are ignored. Keys are listed
    innermost (shortest) span first, so the first one says how to colour the segment.

    >>> segments(6, [(1, 4, "a"), (2, 3, "b")])
    [(0, 1, []), (1, 2, ['a']), (2, 3, ['b', 'a']), (3, 4, ['a']), (4, 6, [])]
    """
    inside = sorted((s, e, key) for s, e, key in spans if 0 <= s < e <= length)
    cuts = sorted({0, length} | {s for s, _, _ in inside} | {e for _, e, _ in inside})
    pieces, active, next_span = [], [], 0
    for a, b in zip(cuts, cuts[1:]):  # one sweep: spans join the active set at their start, leave at their end
        while next_span < len(inside) and inside[next_span][0] <= a:
            active.append(inside[next_span])
            next_span += 1
        active = [span for span in active if span[1] > a]
        covering = sorted((e - s, key) for s, e, key in active if b <= e)
        pieces.append((a, b, [key for _, key in covering]))
    return pieces


def reader_data(kg, ident, lang="en"):
    """What the reader page shows for source ``ident``: its text cut into segments, and its spans' facts.

    Returns a dict: ``source`` (``id``, ``iri``, ``title``, ``date``, ``file``), ``text_found`` (False when
    no sources folder holds the text: the page says where it looked and lists the spans anyway),
    ``where`` (that message), ``length``, ``segments`` (``text``, ``start``, ``end``, ``spans`` keys,
    ``kind`` (its colour), ``also`` (the other kinds its spans support), ``opens`` (keys of the spans
    that start here)), ``spans`` (key ``"START-END"`` -> ``start``,
    ``end``, ``span``, ``kinds``, ``facts``), ``mismatches`` (records whose span is not the text at its
    offsets: not highlighted) and ``counts`` per kind.

    Raises :class:`~kg.errors.UnknownActor` (404) when the graph has no source ``ident``.

    >>> import kg
    >>> with kg.open() as g:
    ...     data = reader_data(g, "000_53c5d41e29162869")
    >>> data["source"]["title"], data["counts"]["figure"] > 20
    ('强科技 增动能', True)
    """
    from kg.errors import DataError
    from kg.sources import check_source_id, read_source

    try:
        check_source_id(ident)
    except DataError as error:
        raise UnknownActor(str(error)) from None
    iri = SOURCE_BASE + ident
    source = _source_record(kg.store, iri, lang)
    records = source_evidence(kg.store, iri, lang)
    if source is None and not records:
        raise UnknownActor(f"the graph has no source {ident!r}")
    try:
        text, where = read_source(ident), None
    except DataError as error:
        text, where = None, str(error)
    spans, mismatches = {}, []
    for record in records:
        start, end = record["start"], record["end"]
        if text is not None and (start is None or end is None or text[start:end] != record["span"]):
            mismatches.append(record)
            continue
        key = f"{start}-{end}"
        entry = spans.setdefault(key, {"key": key, "start": start, "end": end, "span": record["span"],
                                       "kinds": [], "facts": []})
        if record["kind"] not in entry["kinds"]:
            entry["kinds"].append(record["kind"])
        entry["facts"].append({"kind": record["kind"], "evidence": record["iri"], **record["fact"]})
    for entry in spans.values():
        entry["kinds"].sort(key=KINDS.index)
    pieces = []
    if text is not None:
        opened = set()
        for a, b, keys in segments(len(text), [(s["start"], s["end"], key) for key, s in spans.items()]):
            opens = [key for key in keys if spans[key]["start"] == a and key not in opened]
            opened.update(opens)
            kind = _main_kind(spans[keys[0]]["kinds"]) if keys else None
            also = [k for k in KINDS if keys and k != kind and any(k in spans[key]["kinds"] for key in keys)]
            pieces.append({"text": text[a:b], "start": a, "end": b, "spans": keys, "kind": kind, "also": also,
                           "opens": sorted(opens, key=lambda k: -(spans[k]["end"] - spans[k]["start"]))})
    counts = {kind: sum(1 for r in records if r["kind"] == kind and r not in mismatches) for kind in KINDS}
    return {"source": source or {"id": ident, "iri": iri, "title": None, "date": None, "file": None,
                                 "publisher": None, "publisher_iri": None, "creators": [], "url": None},
            "lang": lang, "text_found": text is not None, "where": where, "length": len(text) if text else None,
            "segments": pieces, "spans": spans, "mismatches": mismatches, "counts": counts,
            "kinds": list(KINDS)}


def literal_evidence(store, subjects):
    """Subject IRI -> evidence dicts (``predicate``, ``span``, ``start``, ``end``, ``source``, ``iri``) for
    statements whose subject is one of ``subjects`` and whose object is a literal (names, a figure's value).

    >>> import kg
    >>> with kg.open() as g:
    ...     found = literal_evidence(g.store, [IKR_FIGURE + "gansu-rd-investment-growth-2024"])
    >>> [(e["span"], e["start"], e["end"]) for e in found[IKR_FIGURE + "gansu-rd-investment-growth-2024"]]
    [('8.4%', 310, 314)]
    """
    from kg.namespaces import sparql_prologue

    if not subjects:
        return {}
    query = sparql_prologue() + f"""
SELECT ?s ?p ?span ?start ?end ?source ?e WHERE {{
  VALUES ?s {{ {_values(subjects)} }}
  ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ikg:span ?span ; ikg:start ?start ; ikg:end ?end .
  OPTIONAL {{ ?e prov:wasDerivedFrom ?source }}
  FILTER(isLiteral(?o))
}}"""
    found = {}
    for subject, predicate, span, start, end, source, evidence in store.select(query):
        found.setdefault(subject, []).append({"predicate": predicate, "span": _literal_text(span), "start": _int(start),
                                              "end": _int(end), "source": source, "iri": evidence})
    for items in found.values():
        items.sort(key=lambda item: (str(item["source"]), item["start"] or 0, item["iri"]))
    return found


# helpers

_ORG = "http://www.w3.org/ns/org#"
_MEMBERSHIP_PREDICATES = {_ORG + "member", _ORG + "role", _ORG + "organization"}


def _fact_parts(fact, membership, name, lang):
    """The fact as a sentence (:mod:`kg.sentences`): strings and ``{"label", "iri"}`` actors to link.

    A statement about an ``org:Membership`` (its member, its role) reads as the membership itself: "兰州大学
    is a member unit of the consortium", never the membership's own id."""
    from kg.sentences import membership_parts, sentence_parts

    def actor(iri):
        return {"label": name(iri), "iri": iri}

    if membership and membership.get("member") and membership.get("organization"):
        role = name(membership["role"]) if membership.get("role") else ("成员" if lang == "zh" else "member")
        return membership_parts(actor(membership["member"]), role, actor(membership["organization"]), lang)
    if fact.get("figure"):
        figure = fact["figure"]
        amount = f"{figure['value']}{'' if lang == 'zh' else ' '}{figure['unit'] or ''}".strip()
        when = f"（{figure['time']}）" if lang == "zh" and figure["time"] else f" ({figure['time']})" if figure["time"] else ""
        head = actor(figure["subject"])
        words = f"的{figure['measure_label']}为" if lang == "zh" else f": {figure['measure_label']} "
        return [head, words, {"label": amount, "value": True}, when]
    obj = actor(fact["object"]) if fact["object_is_iri"] else {"label": fact["object_label"], "quoted": True}
    return sentence_parts(fact["predicate"], actor(fact["subject"]), obj, lang, label=fact["predicate_label"])


def _memberships(store, iris):
    """Membership IRI -> its ``member``, ``organization`` and ``role`` IRIs (those the graph states)."""
    if not iris:
        return {}
    found = {}
    query = f"""SELECT ?m ?p ?o WHERE {{ VALUES ?m {{ {_values(iris)} }}
  VALUES ?p {{ <{_ORG}member> <{_ORG}organization> <{_ORG}role> }} ?m ?p ?o }}"""
    for membership, predicate, value in store.select(query):
        found.setdefault(membership, {})[predicate[len(_ORG):]] = value
    return found


def _main_kind(kinds):
    """The colour of a span that supports several kinds of fact: figure, then actor, then relation (a
    name that is also a relation's evidence stays an actor's colour; the page underlines the others)."""
    for kind in ("figure", "actor", "relation"):
        if kind in kinds:
            return kind
    return "relation"


def _literal_text(value):
    if value is None:
        return None
    return str(value.value) if hasattr(value, "value") else str(value)


def _int(value):
    try:
        return int(_literal_text(value))
    except (TypeError, ValueError):
        return None


def _values(iris):
    return " ".join(f"<{iri}>" for iri in sorted(iris) if not any(c in iri for c in '<>"{}|^`\\ \n\t'))


def _labels(store, iris, lang):
    """IRI -> its label in ``lang`` (else any label): skos:prefLabel first, then rdfs:label."""
    from kg.namespaces import sparql_prologue

    if not iris:
        return {}
    best = {}
    query = sparql_prologue() + f"""
SELECT ?x ?p ?l WHERE {{ VALUES ?x {{ {_values(iris)} }} VALUES ?p {{ skos:prefLabel rdfs:label }} ?x ?p ?l }}"""
    for subject, predicate, label in store.select(query):
        language = (getattr(label, "language", None) or "").lower()
        rank = (0 if predicate.endswith("prefLabel") else 1, 0 if language.startswith(lang) else 1 if language else 2)
        if subject not in best or rank < best[subject][0]:
            best[subject] = (rank, _literal_text(label))
    return {subject: label for subject, (_, label) in best.items()}


def _figures(store, iris):
    """Figure IRI -> its subject, measure, unit text and time."""
    from kg.namespaces import sparql_prologue

    if not iris:
        return {}
    found = {}
    query = sparql_prologue() + f"""
SELECT ?f ?subject ?measure ?unit ?time ?unitIri WHERE {{
  VALUES ?f {{ {_values(iris)} }}
  ?f ikg:subject ?subject ; ikg:measure ?measure .
  OPTIONAL {{ ?f schema:unitText ?unit }}
  OPTIONAL {{ ?f ikg:time ?time }}
  OPTIONAL {{ ?f ikg:unit ?unitIri }}
}}"""
    for figure, subject, measure, unit, time, unit_iri in store.select(query):
        found.setdefault(figure, {"subject": subject, "measure": measure, "unit": _literal_text(unit),
                                  "time": _literal_text(time), "unit_iri": unit_iri})
    return found


def _source_record(store, iri, lang):
    """The source document's title, date and file name, or None when the graph does not describe it."""
    from kg.namespaces import sparql_prologue

    rows = list(store.select(sparql_prologue() + f"""
SELECT ?title ?date ?file ?publisher ?url WHERE {{
  <{iri}> a ikg:SourceDocument .
  OPTIONAL {{ <{iri}> dcterms:title ?title }}
  OPTIONAL {{ <{iri}> dcterms:date ?date }}
  OPTIONAL {{ <{iri}> ikg:fileName ?file }}
  OPTIONAL {{ <{iri}> dcterms:publisher ?publisher }}
  OPTIONAL {{ <{iri}> schema:url ?url }}
}}"""))
    if not rows:
        return None
    title, date, file, publisher, url = rows[0]
    creators = sorted(_literal_text(row[0]) for row in store.select(sparql_prologue() + f"""
SELECT ?creator WHERE {{ <{iri}> dcterms:creator ?creator }}"""))
    publisher_iri = publisher if isinstance(publisher, str) and not publisher.startswith("_:") else None
    publisher_label = (_labels(store, {publisher_iri}, lang).get(publisher_iri) if publisher_iri
                       else _literal_text(publisher))
    return {"id": source_id(iri), "iri": iri, "title": _literal_text(title), "date": _literal_text(date),
            "file": _literal_text(file), "publisher": publisher_label, "publisher_iri": publisher_iri,
            "creators": creators, "url": _literal_text(url)}
