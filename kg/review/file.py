"""A review file read as proposals, and written back: :class:`ReviewFile`, the part of
:class:`kg.review.session.Review` that loads, describes and saves (the actions live in
:mod:`kg.review.session`).

Every line of the file with an evidence span is a **proposal** (an actor or alias, a relation or
membership, a figure), numbered by its place in the file, so a number stays the same while lines are added
at the end. The file is reread before each step (a hand edit in between is kept) and written back
atomically, so it stays the one truth.
"""

import threading
from pathlib import Path

from kg.errors import BadArgument, DataError, KGError

__all__ = ["ReviewFile", "PROPOSAL_KINDS", "find_reviews", "UNDO_DEPTH"]

#: line kinds a reviewer decides on (they carry an evidence span)
PROPOSAL_KINDS = ("actor", "alias", "relation", "member", "figure")
#: actions :meth:`kg.review.session.Review.undo` can take back in one page session
UNDO_DEPTH = 200


def find_reviews(folder="."):
    """The review files in ``folder`` (``*.review.tsv``), by source id: ``{id: path}``; a file whose
    source line cannot be read is left out (a malformed file is not served)."""
    from kg.claims.format import Source, read_claims

    found = {}
    for path in sorted(Path(folder).glob("*.review.tsv")):
        try:
            source = next((c for c in read_claims(path) if isinstance(c, Source)), None)
        except KGError:
            continue
        if source is not None and source.id not in found:
            found[source.id] = path.resolve()
    return found


class ReviewFile:
    """A review file and its source text, read as proposals; the actions that change it are
    :class:`kg.review.session.Review`'s.

    Parameters
    ----------
    path : path
        The review file. It is the only file this object ever writes.
    graph : kg.KnowledgeGraph, optional
        What the graph knows (for known actors' names and classes, joins and name search).
    root : path, optional
        The project folder ``kg accept`` writes into (default :func:`kg.stores.load.project_root`).
    """

    def __init__(self, path, *, graph=None, root=None):
        from kg.claims.build import source_text
        from kg.claims.format import Source
        from kg.stores.load import project_root

        self.path = Path(path).resolve()
        self.graph = graph
        self.root = Path(root) if root else project_root()
        self._lock = threading.RLock()
        self._undo = []
        self.header, self.claims = self._read()
        source = next((c for c in self.claims if isinstance(c, Source)), None)
        if source is None:
            raise DataError(f"{self.path}: no source line: a review is about one source")
        self.source = source
        self.source_id = source.id
        self.text = source_text(source.id, self.root)
        self.accepted_into = None

    # -- reading ---------------------------------------------------------------------------------

    def proposals(self):
        """Every proposal, ordered by its place in the text: dicts with ``id`` (its line's index),
        ``kind``, ``label`` (what it says, in words), ``start``/``end``, ``status``, ``confidence``,
        ``why``, ``maybe`` (known actors it may be: ``key`` and ``name``), ``key``/``classes`` for actors,
        ``subject``/``object``/``relation`` for relations, ``line`` (in the file)."""
        with self._lock:
            self._refresh()
            items = [self._describe(index, claim) for index, claim in enumerate(self.claims)
                     if claim.KIND in PROPOSAL_KINDS]
        return sorted(items, key=lambda item: (item["start"] if item["start"] is not None else 10**9, item["id"]))

    def actors(self):
        """The actors this review names (not rejected): ``key``, ``name``, ``classes``, ``known`` (the graph
        has it already), ``id`` (the proposal naming it), ``start``."""
        with self._lock:
            self._refresh()
            found = {}
            for index, claim in enumerate(self.claims):
                if claim.KIND not in ("actor", "alias") or claim.status == "rejected":
                    continue
                name = claim.zh if claim.KIND == "actor" else claim.alias
                classes = list(claim.classes) if claim.KIND == "actor" else self._known_classes(claim.key)
                start = _int(claim.review.get("start"))
                if claim.key not in found:
                    found[claim.key] = {"key": claim.key, "name": self._label(claim.key) or name, "names": [name],
                                        "classes": classes, "known": self._known(claim.key), "id": index,
                                        "start": start}
                else:
                    found[claim.key]["names"].append(name)
            return sorted(found.values(), key=lambda item: (item["start"] if item["start"] is not None else 10**9))

    def progress(self):
        """``decided`` of ``total`` proposals, and what accepting the accepted lines adds to the graph:
        ``new_actors``, ``joins`` (names joined to actors the graph knows), ``relations``, ``figures``."""
        items = self.proposals()
        accepted = [item for item in items if item["status"] == "accepted"]
        return {"total": len(items), "decided": sum(1 for item in items if item["status"] != "proposed"),
                "accepted": len(accepted), "rejected": sum(1 for item in items if item["status"] == "rejected"),
                "new_actors": sum(1 for item in accepted if item["kind"] == "actor" and not item["known"]),
                "joins": sum(1 for item in accepted if item["kind"] in ("actor", "alias") and item["known"]),
                "relations": sum(1 for item in accepted if item["kind"] in ("relation", "member")),
                "figures": sum(1 for item in accepted if item["kind"] == "figure"),
                "accepted_into": self.accepted_into}

    def data(self):
        """Everything the page shows (its JSON twin): source, text, proposals, actors, progress."""
        from kg.review.vocab import actor_classes

        return {"source": {"id": self.source_id, "title": self.source.title, "date": self.source.date,
                           "file": self.path.name},
                "text": self.text, "proposals": self.proposals(), "actors": self.actors(),
                "progress": self.progress(), "classes": actor_classes(), "can_undo": bool(self._undo),
                "concepts": self._concepts()}

    def relations_for(self, subject, obj):
        """The ontology's relations that fit the classes of the actors ``subject`` and ``obj`` (keys)."""
        from kg.review.vocab import fitting_relations

        return fitting_relations(self._classes_of(subject), self._classes_of(obj))

    def suggestions(self, proposal_id, query=None, limit=8):
        """Known actors a proposal's name may be: its ``maybe_same_as`` first, then the reconciliation
        index's answers for ``query`` (default: the name)."""
        with self._lock:
            self._refresh()
            claim = self._claim(proposal_id, ("actor", "alias"))
            name = claim.zh if claim.KIND == "actor" else claim.alias
        found = [{"key": key, "name": self._label(key) or key, "why": "maybe the same (kg ingest)"}
                 for key in _maybe_keys(claim)]
        for item in self.search(query or name, limit):
            if item["key"] not in {f["key"] for f in found}:
                found.append(item)
        return found[:limit]

    def search(self, query, limit=8):
        """Known actors whose name fits ``query``: the reconciliation index we serve
        (:func:`kg.serve.reconcile.reconcile`), with its scores."""
        if self.graph is None or not (query or "").strip():
            return []
        from kg.serve.reconcile import reconcile

        answer = reconcile(self.graph.network, {"q0": {"query": query.strip()[:200], "limit": limit}})
        return [{"key": row["id"], "name": row["name"], "why": f"name search, score {row['score']}"}
                for row in answer["q0"]["result"] if "://" not in row["id"]]

    # -- helpers: loading, saving, describing ------------------------------------------------------

    def _read(self):
        from kg.claims.format import parse_claims

        try:
            raw = self.path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise DataError(f"{self.path}: no such review file") from None
        except UnicodeDecodeError as error:
            raise DataError(f"{self.path}: not UTF-8 text (byte {error.start})") from None
        raw = raw.removeprefix("\ufeff")
        self._last = raw
        header = [line.lstrip("#")[1:] if line.startswith("# ") else line.lstrip("#")
                  for line in raw.splitlines() if line.lstrip().startswith("#")]
        return header, parse_claims(raw, str(self.path))

    def _refresh(self):
        """Reread the file when someone changed it since (a hand edit between two clicks is kept)."""
        try:
            raw = self.path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        except (OSError, UnicodeDecodeError):
            raw = None
        if raw != self._last:
            self.header, self.claims = self._read()

    def _snapshot(self):
        return self._last

    def _save(self, before):
        from kg.claims.format import claims_text
        from kg._atomic import atomic_write

        text = claims_text(self.claims, self.header)
        with atomic_write(self.path) as handle:
            handle.write(text)
        if before is not None and before != text:
            self._undo.append(before)
            del self._undo[:-UNDO_DEPTH]
        self._last = None
        self._refresh()
        return self.progress()

    def _claim(self, proposal_id, kinds):
        try:
            index = int(proposal_id)
        except (TypeError, ValueError):
            raise BadArgument(f"{str(proposal_id)[:40]!r} is not a proposal number") from None
        if not 0 <= index < len(self.claims) or self.claims[index].KIND not in kinds:
            raise BadArgument(f"no {' or '.join(kinds)} proposal number {index}")
        return self.claims[index]

    def _describe(self, index, claim):
        start, end = _int(claim.review.get("start")), _int(claim.review.get("end"))
        if start is None or end is None or not 0 <= start < end <= len(self.text):
            start, end = self._find_span(claim)
        item = {"id": index, "kind": claim.KIND, "line": claim.line, "start": start, "end": end,
                "status": claim.status if claim.review.get("status") else "accepted",
                "confidence": _float(claim.review.get("confidence")), "why": claim.review.get("why", ""),
                "maybe": [{"key": key, "name": self._label(key) or key} for key in _maybe_keys(claim)]}
        if claim.KIND in ("actor", "alias"):
            name = claim.zh if claim.KIND == "actor" else claim.alias
            classes = list(claim.classes) if claim.KIND == "actor" else self._known_classes(claim.key)
            known = self._known(claim.key)
            item.update(key=claim.key, label=name, classes=classes, known=known,
                        en=(claim.en if claim.KIND == "actor" and claim.en != "-" else None),
                        joined=(self._label(claim.key) if claim.KIND == "alias" or known else None))
        elif claim.KIND == "relation":
            item.update(relation_label=_relation_labels(claim.relation), subject=claim.subject, relation=claim.relation, object=claim.object,
                        label=f"{self._name(claim.subject)} —{claim.relation}→ {self._name(claim.object)}",
                        span=claim.span, known=False)
        elif claim.KIND == "member":
            item.update(relation_label=_relation_labels(claim.role), subject=claim.member, relation=claim.role, object=claim.organization,
                        label=f"{self._name(claim.member)} —{claim.role}→ {self._name(claim.organization)}",
                        span=claim.span, known=False)
        else:
            item.update(subject=claim.subject, measure=claim.measure, value=claim.value, unit=claim.unit,
                        time=claim.time, span=claim.span, known=False,
                        label=f"{self._name(claim.subject)} · {self._concept(claim.measure)} "
                              f"{claim.value} {claim.unit} ({claim.time})")
        return item

    def _find_span(self, claim):
        """Offsets of a line that has none (a hand-added line): its evidence text's nth occurrence."""
        from kg.review.spans import find_occurrence

        span = getattr(claim, "span", None) or getattr(claim, "alias", None) or getattr(claim, "zh", None)
        return find_occurrence(self.text, span, getattr(claim, "nth", None) or 1)

    def _name(self, key):
        from kg.claims.format import Actor, Alias

        for claim in self.claims:
            if isinstance(claim, Actor) and claim.key == key:
                return claim.zh
        label = self._label(key)
        if label:
            return label
        for claim in self.claims:
            if isinstance(claim, Alias) and claim.key == key:
                return claim.alias
        return key

    def _concept(self, key):
        from kg.claims.format import Concept

        return next((c.zh for c in self.claims if isinstance(c, Concept) and c.key == key), key)

    def _concepts(self):
        from kg.claims.format import Concept

        return [{"key": c.key, "zh": c.zh} for c in self.claims if isinstance(c, Concept)]

    def _node(self, key):
        if self.graph is None:
            return None
        from kg.namespaces import IKR

        return self.graph.network.nodes.get(str(IKR[key]))

    def _known(self, key):
        return self._node(key) is not None

    def _label(self, key, lang="zh"):
        node = self._node(key)
        return (node or {}).get(f"label_{lang}") or None

    def _known_classes(self, key):
        node = self._node(key) or {}
        return [node["cls"]] if node.get("cls") else []

    def _classes_of(self, key):
        from kg.claims.format import Actor

        for claim in self.claims:
            if isinstance(claim, Actor) and claim.key == key and claim.status != "rejected":
                return list(claim.classes)
        return self._known_classes(key)


# helpers

def _relation_labels(term):
    """``{"en": ..., "zh": ...}`` of a relation term (the term itself where the ontology has no label)."""
    from kg.review.vocab import relations

    found = next((item for item in relations() if item["term"] == term), None)
    return {"en": (found or {}).get("en") or term, "zh": (found or {}).get("zh") or term}


def _maybe_keys(claim):
    from kg.claims.vocabulary import plain_key

    return [plain_key(part.strip()) for part in (claim.review.get("maybe_same_as") or "").split(",") if part.strip()]


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
