"""``kg ingest``: a new article in, a review file of proposed claims out.

The steps, each a function a Python user can call too:

1. :func:`read_article` reads the file as UTF-8 text and refuses what is not an article (empty, binary,
   another encoding, far too large) with one clear error;
2. :func:`store_article` keeps the text under the sources folder (:func:`kg.sources.store_dir`) with
   its SHA-256, never overwriting another source's text;
3. :func:`ingest` runs the rules (:func:`kg.extract.extract`) with a gazetteer of every actor the graph
   knows, and writes the candidates as a review file in the claims format (:mod:`kg.claims`), every line
   ``status=proposed`` with its confidence, evidence span, offsets and the reason it was proposed.

``kg accept REVIEW`` then merges what the user kept into the source's named graph.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes("兰州大学与金川集团签约。".encode("gb18030"))
>>> read_article(path)
Traceback (most recent call last):
...
kg.errors.IngestError: ... is not UTF-8: it reads as GBK/GB18030; convert it first (iconv -f GB18030 -t UTF-8 ...)
"""

import dataclasses
import re
from pathlib import Path

from kg.errors import IngestError

__all__ = ["read_article", "store_article", "ingest", "review_claims", "check_date", "IngestResult", "MAX_BYTES",
           "UNKNOWN"]

#: the largest article accepted (a long feature is 20-50 KB of UTF-8; 2 MB is a book chapter)
MAX_BYTES = 2_000_000

#: what the review file says for a date or publisher nobody gave
UNKNOWN = "unknown"


def read_article(path, *, max_bytes=MAX_BYTES):
    """The text of the article at ``path`` (UTF-8, a leading BOM dropped), or an :class:`IngestError`
    that says what is wrong and how to fix it."""
    path = Path(path)
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{path} is empty")
    if size > max_bytes:
        raise IngestError(f"{path} is {size / 1e6:.1f} MB: an article is far smaller (the limit is "
                          f"{max_bytes / 1e6:.0f} MB); split it or pass --max-bytes")
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_like_utf16(data):
        raise IngestError(f"{path} is UTF-16 text; convert it first (iconv -f UTF-16 -t UTF-8 {path})")
    if b"\x00" in data:
        raise IngestError(f"{path} is a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _looks_like_utf16_cjk(data):
            raise IngestError(f"{path} is UTF-16 text; convert it first (iconv -f UTF-16 -t UTF-8 {path})") from None
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise IngestError(f"{path} is not UTF-8 text (byte {error.start})") from None
        raise IngestError(f"{path} is not UTF-8: it reads as GBK/GB18030; convert it first "
                          f"(iconv -f GB18030 -t UTF-8 {path})") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise IngestError(f"{path} holds only white space")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > len(text) // 100:
        raise IngestError(f"{path} is a binary file, not text")
    return text


def store_article(text, source_id, *, folder=None):
    """Keep ``text`` as ``<folder>/<source_id>.txt`` (default :func:`kg.sources.store_dir`); returns
    ``(path, sha256)``. The same text stored again is fine; another text under the same id is an error."""
    from kg._atomic import atomic_write
    from kg.sources import check_source_id, source_path, store_dir, text_sha256

    check_source_id(source_id)
    digest = text_sha256(text)
    existing = source_path(source_id)
    if existing is not None:
        if text_sha256(existing.read_text(encoding="utf-8")) == digest:
            return existing, digest
        raise IngestError(f"source {source_id!r} exists with another text ({existing}); choose another --id")
    folder = Path(folder) if folder else store_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source_id}.txt"
    with atomic_write(target, mode="w", encoding="utf-8") as stream:  # newlines kept as they are
        stream.write(text)
    return target, digest


def _looks_like_utf16_cjk(data):
    """Chinese in UTF-16 without a byte-order mark has no NUL bytes: decode it both ways and see whether
    it reads as Chinese (GBK bytes read as UTF-16 land in Hangul, private use or surrogates instead)."""
    if len(data) % 2:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                       or "\uff00" <= ch <= "\uffef" or " " <= ch <= "~" or ch in "\n\r\t")
        if readable >= 0.9 * len(text):
            return True
    return False


def _looks_like_utf16(data):
    """UTF-16 without a byte-order mark: NUL bytes on every other position (ASCII and CJK text alike)."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return len(sample) >= 8 and max(even, odd) >= len(sample) // 8 and min(even, odd) == 0


# -- from candidates to a review file ----------------------------------------------------------------

#: the first part of a new actor's key, by its class
_KEY_KINDS = {"Person": "person", "Province": "place", "City": "place", "District": "place", "County": "place",
              "Country": "place", "Place": "place", "Policy": "policy", "Program": "program", "Project": "project",
              "Technology": "technology", "Event": "event", "Agreement": "agreement"}


@dataclasses.dataclass
class IngestResult:
    """What :func:`ingest` did: the stored text and its hash, the review file, the candidates, and what
    the review proposes (``counts``: actors, relations, figures; ``left_out``: candidates it could not
    turn into claims, with the reason)."""

    source_id: str
    text_path: Path
    sha256: str
    review_path: Path
    candidates: object
    counts: dict
    left_out: list
    warnings: list = dataclasses.field(default_factory=list)

    def to_json(self):
        """The candidates, as ``kg ingest --json`` prints them."""
        return self.candidates.to_json()


def ingest(path, source_id, *, graph=None, title=None, date=None, publisher=None, url=None, place=None,
           review=None, max_bytes=MAX_BYTES, model=None):
    """Read, store and extract one article, and write its review file.

    Parameters
    ----------
    path : path
        The article, UTF-8 text.
    source_id : str
        Its id: names ``graph_data/<id>/``, the named graph and the stored text ``<id>.txt``.
    graph : kg.KnowledgeGraph, optional
        What is known already (its actors make the gazetteer); ``kg.open()`` by default.
    title, date, publisher, url, place : str, optional
        The source's metadata. ``title`` must occur in the text (it is the title's evidence; default:
        the text's first line); ``date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the year of undated
        figures); ``publisher`` a known actor's name, else a name kept as text; ``place`` the region
        (甘肃) for region-prefixed names. A missing date or publisher (and no known media named in the
        text) is recorded as ``unknown``, with a warning in :attr:`IngestResult.warnings` and at the top of
        the review file; a malformed date is an error and nothing is written.
    review : path, optional
        Where the review file goes (default ``<source_id>.review.tsv`` in the current folder).
    model : bool, optional
        Merge the recommender's proposals (:func:`kg.learn.recommend`): ``True`` requires its model,
        ``False`` uses the rules alone, ``None`` follows ``kg.learn.DEFAULT_ON``.

    Returns
    -------
    IngestResult
    """
    import kg as _kg
    from kg.claims.format import write_claims
    from kg.extract.extract import extract
    from kg.extract.mentions import Gazetteer
    from kg.sources import check_source_id
    from kg.stores.load import project_root

    check_source_id(source_id)
    if (project_root() / "graph_data" / source_id).exists():
        raise IngestError(f"source {source_id!r} exists already (graph_data/{source_id}/); choose another --id")
    text = read_article(path, max_bytes=max_bytes)
    title = _title(text, title)
    if date is not None:
        check_date(date)
    graph = graph if graph is not None else _kg.open()
    gazetteer = Gazetteer.from_graph(graph)
    candidates = extract(text, gazetteer, region=place, date=date, graph=graph)
    if model is not False:  # the recommender's proposals merged in (docs/learn.md); None: its default
        from kg.learn import recommend
        candidates = recommend(candidates, text, gazetteer, region=place, use=model)
    claims, counts, left_out = review_claims(candidates, text, source_id, graph=graph, gazetteer=gazetteer,
                                            title=title, date=date, publisher=publisher, url=url)
    source = claims[0]
    warnings = []
    if source.date == UNKNOWN:
        warnings.append(f"no --date: the source's date is recorded as {UNKNOWN}; write it (YYYY[-MM[-DD]]) in the "
                        "source line of the review file before kg accept")
    if source.publisher == UNKNOWN:
        warnings.append(f"no --publisher and no known media named in the text: the publisher is recorded as "
                        f"{UNKNOWN}; write it in the source line of the review file")
    text_path, digest = store_article(text, source_id)
    review_path = Path(review) if review else Path(f"{source_id}.review.tsv")
    header = [f"review of source {source_id} ({text_path.name}, sha256 {digest[:12]}...), written by kg ingest",
              "every line is status=proposed: set status=rejected to drop one, edit a line to fix it, then",
              f"  kg accept {review_path.name}",
              "actors without an English name leave that column '-': fill it in when you know it"]
    header += [f"to fill in: {warning}" for warning in warnings]
    header += [f"not proposed: {item}" for item in left_out]
    write_claims(claims, review_path, header=header)
    return IngestResult(source_id, text_path, digest, review_path, candidates, counts, left_out, warnings)


def check_date(date):
    """``date`` when it is a real ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, else :class:`IngestError`.

    >>> check_date("2024-02-29")
    '2024-02-29'
    >>> check_date("2024-02-30")
    Traceback (most recent call last):
    ...
    kg.errors.IngestError: --date '2024-02-30': not a real date; give the source's date as YYYY, YYYY-MM or YYYY-MM-DD
    """
    import datetime

    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(date))
    try:
        if not match:
            raise ValueError
        year, month, day = (int(part) if part else 1 for part in match.groups())
        datetime.date(year, month, day)
    except ValueError:
        raise IngestError(f"--date {date!r}: {'not a real date; ' if match else ''}give the source's date as "
                          "YYYY, YYYY-MM or YYYY-MM-DD") from None
    return date


def review_claims(candidates, text, source_id, *, graph, gazetteer, title, date=None, publisher=None, url=None):
    """The candidates as claims (status=proposed, with confidence, why, offsets and maybe-same-as):
    ``(claims, counts, left_out)``."""
    from kg.claims.format import Actor, Alias, Concept, Figure, Member, Relation, Source
    from kg.claims.vocabulary import vocabulary
    from kg.extract.relations import RELATIONS
    from kg.namespaces import IKR
    from kg.sources import text_sha256

    slug = re.sub(r"[^a-z0-9-]+", "-", source_id.lower()).strip("-") or "source"
    vocab = vocabulary()
    keys, claims, left_out = {}, [], []
    counts = {"actors": 0, "relations": 0, "figures": 0}

    def review(confidence, why, start, end, maybe=None):
        fields = {"status": "proposed", "confidence": f"{confidence:.2f}", "why": why, "start": str(start),
                  "end": str(end)}
        if maybe:
            fields["maybe_same_as"] = maybe
        return fields

    def occurrence(span, start):
        """``nth`` for the span that starts at ``start`` (None when the span occurs once)."""
        if text.count(span) <= 1:
            return None
        return text.count(span, 0, start) + 1 if text.find(span, start) == start else None

    def known_key(iri):
        return iri[len(str(IKR)):] if iri and iri.startswith(str(IKR)) else None

    # an unknown date or publisher is recorded as such: the review file asks for it, kg accept needs the date
    publisher_key = _publisher(publisher, gazetteer) or _media_in_text(candidates) or UNKNOWN
    # the text's SHA-256 on the source line: kg build refuses the claims if the stored text changes under them
    claims.append(Source(source_id, title, date or UNKNOWN, publisher_key, url=url, text=f"{source_id}.txt",
                         sha256=text_sha256(text), nth=1 if text.count(title) > 1 else None,
                         review={"status": "proposed"}))

    for number, actor in enumerate(candidates.actors, 1):
        name, start, end = actor["name"], actor["start"], actor["end"]
        maybe = ",".join(item["iri"] for item in actor.get("maybe_same_as") or () if item.get("iri")) or None
        why = actor["why"] + "".join(f"; maybe the same as {item['name']} ({item['reason']})"
                                     for item in actor.get("maybe_same_as") or ())
        fields = review(actor["confidence"], why, start, end, maybe)
        key = known_key(actor.get("known"))
        if key:
            data = graph.network.nodes[actor["known"]]
            if name == data.get("label_zh"):
                claims.append(Actor(key, (data.get("cls") or "Actor",), name, data.get("label_en") or "-",
                                    nth=occurrence(name, start), review=fields))
            else:
                claims.append(Alias(key, name, nth=occurrence(name, start), review=fields))
        else:
            cls = actor.get("class") or "Organization"
            key = f"{_KEY_KINDS.get(cls, 'org')}/{slug}-{number:03d}"
            claims.append(Actor(key, (cls,), name, "-", nth=occurrence(name, start), review=fields))
        keys[name] = key
        counts["actors"] += 1

    def key_of(name):
        if name in keys:
            return keys[name]
        found = gazetteer.lookup(name) if name else None
        return known_key(found[0]) if found else None

    for relation in candidates.relations:
        span, start = text[relation["start"]:relation["end"]], relation["start"]
        subject, obj = key_of(relation["subject"]), key_of(relation["object"])
        code = relation["relation"]
        if subject is None or obj is None:
            missing = relation["subject"] if subject is None else relation["object"]
            left_out.append(f"{relation['subject']} {code} {relation['object']} ({missing} is not an actor)")
            continue
        fields = review(relation["confidence"], relation["why"], start, relation["end"])
        term = _claims_term(RELATIONS.get(code))
        if term and term.startswith("role/"):  # the subject holds a role in the object (牵头, 成员单位, 链主 ...)
            claims.append(Member(obj, subject, term, span, nth=occurrence(span, start), review=fields))
        elif term and _in_ontology(vocab, term):
            claims.append(Relation(subject, term, obj, span, nth=occurrence(span, start), review=fields))
        else:
            left_out.append(f"{relation['subject']} {code} {relation['object']} (no relation of the ontology for it)")
            continue
        counts["relations"] += 1

    measures = {}
    for figure in candidates.figures:
        span, start = text[figure["start"]:figure["end"]], figure["start"]
        subject = key_of(figure["subject"])
        time = figure.get("time") or (date[:4] if date else None)
        label = f"{figure['value']:g} {figure['unit']} ({figure['measure']})"
        unit = _unit(vocab, figure["unit"], figure["measure"])
        if subject is None or time is None or unit is False:
            reason = ("no subject" if subject is None else "no time" if time is None
                      else f"unit {figure['unit']} is not in the ontology")
            left_out.append(f"figure {label}: {reason}")
            continue
        measure = measures.get(figure["measure"])
        if measure is None:
            measure = measures[figure["measure"]] = f"measure/{slug}-m{len(measures) + 1:02d}"
            claims.append(Concept(measure, figure["measure"], "-", review={"status": "proposed"}))
        value = f"{figure['value']:g}" if figure["value"] != int(figure["value"]) else str(int(figure["value"]))
        claims.append(Figure(subject, measure, value, figure["unit"], time, span, unit_key=unit or None,
                             nth=occurrence(span, start),
                             review=review(figure["confidence"], figure["why"], start, figure["end"])))
        counts["figures"] += 1
    return claims, counts, left_out


def _title(text, title):
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = title or first
    if not title or text.count(title) == 0:
        raise IngestError(f"the title {title!r} does not occur in the text: it is the title's evidence "
                          "(leave --title out to use the first line)")
    return title


def _publisher(publisher, gazetteer):
    """A known publisher's key, else its name (kept as text), else None."""
    from kg.namespaces import IKR

    if not publisher:
        return None
    found = gazetteer.lookup(publisher)
    if found and found[0].startswith(str(IKR)):
        return found[0][len(str(IKR)):]
    return publisher.strip()


def _claims_term(iri):
    """A relation IRI of :data:`kg.extract.relations.RELATIONS` as the claims format writes it: a role
    key (``role/lead-unit``), an ``ikg:`` name (``locatedIn``) or a prefixed name (``org:memberOf``)."""
    from kg.namespaces import IKG, IKR, ORG

    if not iri:
        return None
    for base, prefix in ((str(IKR), ""), (str(IKG), ""), (str(ORG), "org:")):
        if iri.startswith(base):
            return prefix + iri[len(base):]
    return None


def _in_ontology(vocab, relation):
    from kg.namespaces import IKG, ORG

    prefix, _, name = relation.rpartition(":")
    return ({"org": ORG}.get(prefix, IKG))[name] in vocab.properties


def _media_in_text(candidates):
    """The key of the one known media organisation the text names (its byline), else None."""
    from kg.namespaces import IKR

    media = {a["known"] for a in candidates.actors if a.get("class") == "MediaOrganization" and a.get("known")}
    if len(media) == 1:
        (iri,) = media
        return iri[len(str(IKR)):] if iri.startswith(str(IKR)) else None
    return None


def _unit(vocab, written, measure):
    """``None`` when the written unit names one unit of the ontology, the unit key when it names several
    (家: enterprises or organisations, by the measure), ``False`` when it names none."""
    units = vocab.units_by_label.get(written, [])
    if len(units) == 1:
        return None
    if not units:
        return False
    keys = sorted(str(u).rsplit("/unit/", 1)[1] for u in units)
    wanted = "enterprise" if "企业" in measure and "enterprise" in keys else keys[0]
    return f"unit/{wanted}"
