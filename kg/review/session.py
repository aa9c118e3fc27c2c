"""One review file as proposals a person decides on, each decision saved to the file at once.

:class:`Review` reads a review file (the claims format with review fields, as ``kg ingest`` writes it;
docs/claims.md) and its source text. Every line with an evidence span is a **proposal** (an actor or
alias, a relation or membership, a figure), numbered by its place in the file, so a number stays the same
while lines are added at the end. Each action -- :meth:`~Review.accept`, :meth:`~Review.reject`,
:meth:`~Review.edit` (a new boundary, class, English name, relation, value), :meth:`~Review.join` (an
actor is a known one), :meth:`~Review.add_actor`, :meth:`~Review.add_relation`, :meth:`~Review.add_figure`,
:meth:`~Review.undo` -- rereads the file (a hand edit in between is kept), changes it and writes it back
atomically (:func:`kg.claims.write_claims`), so the file stays the one truth: readable, editable by hand,
and a page opened on it later resumes where the reviewer stopped. :meth:`~Review.accept_all` runs
``kg accept`` (:func:`kg.claims.accept`) on the accepted lines and turns what it refuses into problems
against their lines. Reading the file as proposals and writing it back is :mod:`kg.review.file`'s.

>>> import tempfile, pathlib, os
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "demo.txt").write_text("兰州大学与金川集团签约。", encoding="utf-8")
>>> os.environ["KG_SOURCES"] = str(folder)
>>> _ = (folder / "demo.review.tsv").write_text(
...     "source\\tdemo\\t兰州大学与金川集团签约\\t2025\\t甘肃日报\\tstatus=proposed\\n"
...     "actor\\torg/demo-001\\tUniversity\\t兰州大学\\t-\\tstatus=proposed\\tstart=0\\tend=4\\n", encoding="utf-8")
>>> review = Review(folder / "demo.review.tsv")
>>> [(p["id"], p["label"], p["status"]) for p in review.proposals()]
[(1, '兰州大学', 'proposed')]
>>> _ = review.accept(1)
>>> review.progress()["decided"], review.progress()["total"]
(1, 1)
>>> "status=accepted" in (folder / "demo.review.tsv").read_text(encoding="utf-8")
True
>>> del os.environ["KG_SOURCES"]
"""

import dataclasses
import re
from pathlib import Path

from kg.errors import BadArgument, KGError
from kg.review.file import PROPOSAL_KINDS, UNDO_DEPTH, ReviewFile, _int, find_reviews

__all__ = ["Review", "PROPOSAL_KINDS", "find_reviews", "UNDO_DEPTH"]

#: a figure's number and unit as selected in the text (Chinese numerals are not read here: type the value)
_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(.*?)\s*$")


class Review(ReviewFile):
    """A review file and its source text (:class:`~kg.review.file.ReviewFile`: the parameters, loading,
    saving and the proposals read), and the actions that change it (each one saved at once).
    """

    # -- actions (each saved at once) -----------------------------------------------------------

    def accept(self, proposal_id):
        """Mark a proposal accepted."""
        return self._set_status(proposal_id, "accepted")

    def reject(self, proposal_id):
        """Mark a proposal rejected (``kg accept`` drops it)."""
        return self._set_status(proposal_id, "rejected")

    def edit(self, proposal_id, *, start=None, end=None, text=None, near=None, cls=None, en=None, relation=None,
             value=None, unit=None, time=None):
        """Change a proposal and accept it: a new boundary (``start``/``end``, or ``text`` found nearest
        to the proposal), an actor's class or English name, a relation's term, a figure's value, unit or
        time. An actor the graph knows whose name changes becomes an alias of it."""
        from kg.claims.format import Actor, Alias, Figure, Member, Relation

        with self._lock:
            self._refresh()
            before = self._snapshot()
            claim = self._claim(proposal_id, PROPOSAL_KINDS)
            old_start = _int(claim.review.get("start"))
            if text is not None or start is not None:
                start, end = self._locate(start, end, text, near if near is not None else old_start)
                span = self.text[start:end]
                nth = self._nth(span, start)
                if isinstance(claim, Actor):
                    if self._known(claim.key) and span != self._label(claim.key):
                        claim = Alias(claim.key, span, nth=nth, review=claim.review)
                    else:
                        claim = dataclasses.replace(claim, zh=span, nth=nth, span=None, context=None)
                elif isinstance(claim, Alias):
                    claim = dataclasses.replace(claim, alias=span, nth=nth, context=None)
                else:
                    claim = dataclasses.replace(claim, span=span, nth=nth, context=None)
                claim.review.update(start=str(start), end=str(end))
            if cls is not None:
                if not isinstance(claim, Actor):
                    raise BadArgument("only an actor has a class")
                claim = dataclasses.replace(claim, classes=(self._check_class(cls),))
            if en is not None:
                if not isinstance(claim, Actor):
                    raise BadArgument("only an actor line has an English name")
                claim = dataclasses.replace(claim, en=_one_line(en) or "-")
            if relation is not None:
                claim = self._with_relation(claim, relation)
            if any(v is not None for v in (value, unit, time)):
                if not isinstance(claim, Figure):
                    raise BadArgument("only a figure has a value, unit and time")
                claim = dataclasses.replace(claim, value=_number(value) if value is not None else claim.value,
                                            unit=_one_line(unit) if unit is not None else claim.unit,
                                            time=_year(time) if time is not None else claim.time)
            claim.review["status"] = "accepted"
            self.claims[proposal_id] = claim
            return self._save(before)

    def join(self, proposal_id, key):
        """The actor a proposal names is the known actor ``key``: its line becomes an alias of ``key``
        (or that actor's name line), accepted, and every line naming the old key names ``key``."""
        from kg.claims.format import Actor, Alias
        from kg.claims.vocabulary import plain_key

        key = plain_key(str(key))
        with self._lock:
            self._refresh()
            before = self._snapshot()
            claim = self._claim(proposal_id, ("actor", "alias"))
            if not self._known(key) and key not in {c.key for c in self.claims if isinstance(c, Actor)}:
                raise BadArgument(f"{key!r} is no actor the graph or this review knows")
            name = claim.zh if isinstance(claim, Actor) else claim.alias
            review = dict(claim.review, status="accepted")
            review.pop("maybe_same_as", None)
            review["why"] = (review.get("why", "") + f"; joined to {key} in review").lstrip("; ")
            old = claim.key
            if name == self._label(key):
                known_classes = tuple(self._known_classes(key)) or ("Actor",)
                en = self._label(key, "en") or "-"
                replacement = Actor(key, known_classes, name, en, nth=claim.nth, review=review)
            else:
                replacement = Alias(key, name, nth=claim.nth, review=review)
            self.claims[proposal_id] = replacement
            if old != key and not self._known(old):
                # a key this review made up for the name: the lines that named it name the known actor now
                # (a known key stays: other lines may mean that actor)
                self._rekey(old, key)
            return self._save(before)

    def add_actor(self, *, start=None, end=None, text=None, near=None, cls="Organization", en=None):
        """A new actor the rules missed, named by the text at ``start:end`` (or ``text``), of class ``cls``;
        accepted. Returns the new proposal's id."""
        from kg.claims.format import Actor

        with self._lock:
            self._refresh()
            before = self._snapshot()
            start, end = self._locate(start, end, text, near)
            name = self.text[start:end]
            cls = self._check_class(cls)
            key = self._new_key(cls)
            review = {"status": "accepted", "why": "added in review", "start": str(start), "end": str(end)}
            self.claims.append(Actor(key, (cls,), name, _one_line(en) or "-", nth=self._nth(name, start),
                                     review=review))
            self._save(before)
            return len(self.claims) - 1

    def add_relation(self, subject, relation, obj, *, start=None, end=None, text=None, near=None):
        """A relation between two actors of this review (keys), its evidence the text at ``start:end`` (or
        ``text``), by default the sentence that names both; accepted. A role term (``role/lead-unit``)
        makes a membership: ``subject`` holds the role in ``obj``. Returns the new proposal's id."""
        from kg.claims.format import Member, Relation

        with self._lock:
            self._refresh()
            before = self._snapshot()
            keys = {item["key"] for item in self.actors()}
            for key in (subject, obj):
                if key not in keys:
                    raise BadArgument(f"{key!r} is not an actor of this review")
            if subject == obj:
                raise BadArgument("a relation needs two different actors")
            term = self._check_relation(relation, subject, obj)
            if start is None and not text:
                start, end = self._sentence_of(subject, obj)
            else:
                start, end = self._locate(start, end, text, near)
            span = self.text[start:end]
            review = {"status": "accepted", "why": "added in review", "start": str(start), "end": str(end)}
            nth = self._nth(span, start)
            if term.startswith("role/"):
                claim = Member(obj, subject, term, span, nth=nth, review=review)
            else:
                claim = Relation(subject, term, obj, span, nth=nth, review=review)
            self.claims.append(claim)
            self._save(before)
            return len(self.claims) - 1

    def add_figure(self, subject, measure, *, start=None, end=None, text=None, near=None, value=None, unit=None,
                   time=None):
        """A figure the rules missed: the number with its unit at ``start:end`` (or ``text``; ``value`` and
        ``unit`` read from it unless given), about ``subject`` (a key), ``measure`` a measure's label (a
        new one gets a concept line) or key, ``time`` a year (default the source's). Returns its id."""
        from kg.claims.format import Concept, Figure

        with self._lock:
            self._refresh()
            before = self._snapshot()
            if subject not in {item["key"] for item in self.actors()}:
                raise BadArgument(f"{subject!r} is not an actor of this review")
            start, end = self._locate(start, end, text, near)
            span = self.text[start:end]
            match = _NUMBER.match(span)
            if value is None:
                if not match:
                    raise BadArgument(f"{span!r} does not start with a number: select the number with its unit")
                value = match.group(1)
            if unit is None:
                unit = match.group(2) if match else ""
            unit = _one_line(unit)
            unit_key = self._unit_key(unit, measure)
            measure = _one_line(measure)
            if not measure:
                raise BadArgument("name the measure (研发投入, 营业收入 ...)")
            concepts = {c.zh: c.key for c in self.claims if isinstance(c, Concept)}
            keys = set(concepts.values())
            if measure in keys:
                measure_key = measure
            elif measure in concepts:
                measure_key = concepts[measure]
            else:
                measure_key = self._new_measure_key()
                self.claims.append(Concept(measure_key, measure, "-", review={"status": "accepted"}))
            time = _year(time) if time else (self.source.date or "")[:4]
            review = {"status": "accepted", "why": "added in review", "start": str(start), "end": str(end)}
            self.claims.append(Figure(subject, measure_key, _number(value), unit, time, span, unit_key=unit_key,
                                      nth=self._nth(span, start), review=review))
            self._save(before)
            return len(self.claims) - 1

    def undo(self):
        """Take back the last action of this session (the file as it was before it)."""
        from kg._atomic import atomic_write

        with self._lock:
            if not self._undo:
                raise BadArgument("nothing to undo")
            text = self._undo.pop()
            with atomic_write(self.path) as handle:
                handle.write(text)
            self._last = None
            self._refresh()
            return self.progress()

    def accept_all(self):
        """Run ``kg accept`` on the accepted lines (with the SHACL shapes; nothing is written unless all
        holds): ``{"ok": True, "lines": [...]}`` or ``{"ok": False, "problems": [{"line", "id", "message"}]}``."""
        from kg.claims.accept import accept
        from kg.claims.format import Concept, Figure, Source
        from kg.errors import ValidationFailed

        with self._lock:
            self._refresh()
            before = self._snapshot()
            used = {c.measure for c in self.claims if isinstance(c, Figure) and c.status == "accepted"}
            changed = False
            for claim in self.claims:  # the source and the measures of kept figures go with them
                wanted = isinstance(claim, Source) or (isinstance(claim, Concept) and claim.key in used)
                if wanted and claim.status == "proposed":
                    claim.review["status"] = "accepted"
                    changed = True
            if changed:
                self._save(before)
            try:
                # the id it was opened for: a source line edited since cannot send the lines to another source
                result = accept(self.path, statuses=("accepted",), root=self.root, source_id=self.source_id)
            except ValidationFailed as error:
                report = getattr(error, "report", None)
                violations = report.violations if report is not None else []
                problems = [self._problem(v.focus, v.line()) for v in violations] or \
                    [{"line": None, "id": None, "message": str(error)}]
                return {"ok": False, "problems": problems}
            except KGError as error:
                return {"ok": False, "problems": [self._problem_from_message(str(error))]}
            try:
                self.accepted_into = str(Path(result.claims_path).relative_to(self.root))
            except ValueError:
                self.accepted_into = str(result.claims_path)
            return {"ok": True, "lines": result.lines(), "claims": str(result.claims_path),
                    "added": result.added}

    # -- helpers -----------------------------------------------------------------------------------

    def _set_status(self, proposal_id, status):
        with self._lock:
            self._refresh()
            before = self._snapshot()
            claim = self._claim(proposal_id, PROPOSAL_KINDS)
            claim.review["status"] = status
            return self._save(before)

    def _check_class(self, cls):
        from kg.review.vocab import actor_classes

        names = {item["name"] for item in actor_classes()}
        cls = str(cls or "").strip()
        if cls not in names:
            raise BadArgument(f"unknown class {cls[:40]!r}: pick one of the ontology's actor classes")
        return cls

    def _check_relation(self, relation, subject, obj):
        from kg.review.vocab import relations

        relation = str(relation or "").strip()
        if relation not in {item["term"] for item in relations()}:
            raise BadArgument(f"unknown relation {relation[:60]!r}: pick one of the ontology's relations")
        if relation not in {item["term"] for item in self.relations_for(subject, obj)}:
            raise BadArgument(f"{relation} does not fit the classes of {subject} and {obj}")
        return relation

    def _with_relation(self, claim, relation):
        from kg.claims.format import Member, Relation

        if isinstance(claim, Relation):
            subject, obj = claim.subject, claim.object
        elif isinstance(claim, Member):
            subject, obj = claim.member, claim.organization
        else:
            raise BadArgument("only a relation or membership has a relation term")
        term = self._check_relation(relation, subject, obj)
        if term.startswith("role/"):
            return Member(obj, subject, term, claim.span, nth=claim.nth, review=claim.review)
        return Relation(subject, term, obj, claim.span, nth=claim.nth, review=claim.review)

    def _locate(self, start, end, text, near):
        from kg.review.spans import locate

        return locate(self.text, start, end, text, near)

    def _nth(self, span, start):
        from kg.review.spans import occurrence

        return occurrence(self.text, span, start)

    def _names_of(self, key):
        from kg.claims.format import Actor, Alias

        names = {c.zh for c in self.claims if isinstance(c, Actor) and c.key == key and c.status != "rejected"}
        names |= {c.alias for c in self.claims if isinstance(c, Alias) and c.key == key and c.status != "rejected"}
        label = self._label(key)
        if label:
            names.add(label)
        return {name for name in names if name}

    def _sentence_of(self, subject, obj):
        from kg.review.spans import sentence_naming

        return sentence_naming(self.text, self._names_of(subject), self._names_of(obj))

    def _new_key(self, cls):
        from kg.ingest import _KEY_KINDS

        kind = _KEY_KINDS.get(cls, "org")
        slug = re.sub(r"[^a-z0-9-]+", "-", self.source_id.lower()).strip("-") or "source"
        taken = {getattr(c, "key", None) for c in self.claims}
        number = 1
        while f"{kind}/{slug}-{number:03d}" in taken or self._known(f"{kind}/{slug}-{number:03d}"):
            number += 1
        return f"{kind}/{slug}-{number:03d}"

    def _new_measure_key(self):
        slug = re.sub(r"[^a-z0-9-]+", "-", self.source_id.lower()).strip("-") or "source"
        taken = {getattr(c, "key", None) for c in self.claims}
        number = 1
        while f"measure/{slug}-m{number:02d}" in taken:
            number += 1
        return f"measure/{slug}-m{number:02d}"

    def _unit_key(self, unit, measure):
        from kg.claims.vocabulary import vocabulary
        from kg.ingest import _unit

        found = _unit(vocabulary(), unit, measure or "")
        if found is False:
            raise BadArgument(f"unit {unit[:20]!r} is not in the ontology: select the number with its unit "
                              "(亿元, 万元, %, 家, 个 ...)")
        return found

    def _rekey(self, old, new):
        """Every line that names the actor ``old`` names ``new`` instead (after a join)."""
        from kg.claims.format import Figure, Member, Relation

        for index, claim in enumerate(self.claims):
            if isinstance(claim, Relation):
                self.claims[index] = dataclasses.replace(claim, subject=new if claim.subject == old else claim.subject,
                                                         object=new if claim.object == old else claim.object)
            elif isinstance(claim, Member):
                self.claims[index] = dataclasses.replace(
                    claim, organization=new if claim.organization == old else claim.organization,
                    member=new if claim.member == old else claim.member)
            elif isinstance(claim, Figure) and claim.subject == old:
                self.claims[index] = dataclasses.replace(claim, subject=new)

    def _problem(self, focus, message):
        """A violation against the line that made its node (by key), else against no line."""
        from kg.claims.vocabulary import plain_key

        key = plain_key(focus)
        for index, claim in enumerate(self.claims):
            keys = {getattr(claim, name, None) for name in ("key", "subject", "object", "organization", "member")}
            if key in keys and claim.KIND in PROPOSAL_KINDS:
                return {"line": claim.line, "id": index, "message": message}
        return {"line": None, "id": None, "message": message}

    def _problem_from_message(self, message):
        match = re.search(r":(\d+): ", message)
        if match:
            line = int(match.group(1))
            index = next((i for i, c in enumerate(self.claims) if c.line == line), None)
            return {"line": line, "id": index, "message": message}
        return {"line": None, "id": None, "message": message}


# helpers

def _one_line(text):
    return " ".join(str(text or "").split())


def _number(value):
    text = str(value).strip()
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise BadArgument(f"{text[:20]!r} is not a number")
    return text


def _year(value):
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise BadArgument(f"{text[:20]!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    return text
