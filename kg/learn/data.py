"""What the recommender learns from: texts with the organisation names and relations people accepted.

Two kinds of input, each read into :class:`Document` (the text, every accepted actor as a group of the
names the text gives it, and the accepted relations between those groups):

- the accepted claims of every source (``graph_data/<id>/claims.tsv``, lines without ``status`` or with
  ``status=accepted``; the text from :func:`kg.sources.read_source`);
- the evaluation corpus's development gold (``eval/gold/g01`` … ``g10`` with ``eval/articles/<id>.txt``,
  whose SHA-256 must match ``eval/articles.tsv``). Only those ten ids are ever read: the test and blind
  sets (g11 and later, b…) are kept for scoring and never seen here.

>>> doc = Document("demo", "兰州大学与甲乙科技有限公司签约。", groups=[("org", ("兰州大学",)),
...                ("org", ("甲乙科技有限公司",))], relations=[(0, "cooperates-with", 1)])
>>> doc.org_spans()
[(0, 4), (5, 13)]
"""

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Document", "DEV_IDS", "source_documents", "dev_documents", "training_documents",
           "relation_name", "ORG_CLASSES"]

#: the evaluation articles the recommender may learn from (the development set); nothing else of eval/
DEV_IDS = tuple(f"g{number:02d}" for number in range(1, 11))

#: ontology classes (local names) of organisations: the names the character tagger learns
ORG_CLASSES = {"GovernmentBody", "University", "ResearchInstitute", "Academy", "Enterprise",
               "InnovationConsortium", "IndustrialChain", "IndustrialCluster", "HighTechZone", "Park",
               "Laboratory", "NationalPlatform", "Facility", "Hospital", "Bank", "MediaOrganization",
               "Organization", "TestingInstitute", "Team"}

# claims-file relation terms (kg.ingest writes them) -> the review vocabulary (kg.extract.relations)
_TERMS = {"locatedIn": "located-in", "org:subOrganizationOf": "sub-organization",
          "affiliatedWith": "sub-organization", "establishedBy": "established-by",
          "cooperatesWith": "cooperates-with", "visited": "visited", "issuedBy": "issued-by",
          "pilotedIn": "piloted-in", "org:memberOf": "affiliated-with", "supportedBy": "supported-by",
          "approvedBy": "approved-by", "recommendedBy": "recommended-by"}
# member lines name a role; those the extractor proposes
_ROLES = {"role/lead-unit": "lead-unit", "role/member-unit": "member-unit",
          "role/cooperating-unit": "cooperating-unit", "role/supporting-unit": "supporting-unit",
          "role/chain-leader": "chain-leader"}
# the gold's class codes that are not organisations
_NOT_ORG_CODES = {"person"}


@dataclass
class Document:
    """One text and what people accepted in it.

    ``groups`` is a list of ``(kind, names)``: ``kind`` is ``org``, ``person`` or ``other``, ``names``
    every form of the actor's name that occurs in the text. ``relations`` are ``(subject group index,
    relation, object group index)`` with a relation name of the review vocabulary.
    """

    id: str
    text: str
    groups: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    origin: str = ""

    def org_spans(self):
        """``(start, end)`` of every occurrence of an organisation's name, longest first, not overlapping."""
        return _occurrences(self.text, [n for kind, names in self.groups if kind == "org" for n in names])

    def person_spans(self):
        """``(start, end)`` of every occurrence of a person's name (not inside an organisation's)."""
        taken = self.org_spans()
        return [(s, e) for s, e in _occurrences(self.text, [n for kind, names in self.groups if kind == "person"
                                                            for n in names])
                if not any(a < e and s < b for a, b in taken)]

    def group_of(self):
        """``name -> group index`` for every name of every group."""
        found = {}
        for index, (_, names) in enumerate(self.groups):
            for name in names:
                found.setdefault(name, index)
        return found

    def org_names(self):
        """Every organisation name the document accepts (a set)."""
        return {name for kind, names in self.groups if kind == "org" for name in names}


def relation_name(term):
    """The review vocabulary's name for a claims-file relation term or role (``None`` when it has none).

    >>> relation_name("locatedIn"), relation_name("role/lead-unit"), relation_name("sector")
    ('located-in', 'lead-unit', None)
    """
    return _TERMS.get(term) or _ROLES.get(term)


def source_documents(root):
    """A :class:`Document` for every source of ``root/graph_data`` whose claims and text can be read,
    and the list of sources left out (with the reason)."""
    from kg.claims.format import read_claims
    from kg.errors import KGError
    from kg.sources import read_source

    root = Path(root)
    documents, skipped = [], []
    for path in sorted((root / "graph_data").glob("*/claims.tsv")):
        source_id = path.parent.name
        try:
            claims = read_claims(path)
            text = read_source(source_id, root)
        except KGError as error:
            skipped.append(f"{source_id}: {error}")
            continue
        documents.append(_from_claims(source_id, text, claims))
    return documents, skipped


def dev_documents(root):
    """A :class:`Document` for every development article of ``root/eval`` whose text is present and
    matches its SHA-256, and the list left out (with the reason). Only :data:`DEV_IDS` are read."""
    root = Path(root)
    table = root / "eval" / "articles.tsv"
    if not table.is_file():
        return [], []
    rows = {row["id"]: row for row in csv.DictReader(table.open(encoding="utf-8"), delimiter="\t")}
    documents, skipped = [], []
    for article_id in DEV_IDS:
        row, text_path = rows.get(article_id), root / "eval" / "articles" / f"{article_id}.txt"
        gold = root / "eval" / "gold" / f"{article_id}.tsv"
        if row is None or not gold.is_file():
            continue
        if not text_path.is_file():
            skipped.append(f"{article_id}: no text at {text_path} (eval/README.md says how to rebuild it)")
            continue
        data = text_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            skipped.append(f"{article_id}: its text differs from the SHA-256 in eval/articles.tsv")
            continue
        documents.append(_from_gold(article_id, data.decode("utf-8"), gold))
    return documents, skipped


def training_documents(root, *, dev=True):
    """Every document :func:`kg.learn.train` learns from: the sources, then (``dev``) the development
    articles; ``(documents, skipped)``."""
    documents, skipped = source_documents(root)
    if dev:
        more, left = dev_documents(root)
        documents += more
        skipped += left
    return documents, skipped


# helpers

def _from_claims(source_id, text, claims):
    from kg.claims.format import Actor, Alias, Member, Relation

    names, kinds = {}, {}
    for claim in claims:
        if claim.status != "accepted":
            continue
        if isinstance(claim, Actor):
            names.setdefault(claim.key, []).extend([claim.zh, *claim.alias_zh])
            classes = set(claim.classes)
            kinds[claim.key] = "person" if "Person" in classes else "org" if classes & ORG_CLASSES else "other"
        elif isinstance(claim, Alias) and claim.lang == "zh":
            names.setdefault(claim.key, []).append(claim.alias)
    index, groups = {}, []
    for key in sorted(names):
        present = tuple(dict.fromkeys(n for n in names[key] if n and n in text))
        if present and key in kinds:
            index[key] = len(groups)
            groups.append((kinds[key], present))
    relations = set()
    for claim in claims:
        if claim.status != "accepted":
            continue
        if isinstance(claim, Member):
            triple = (claim.member, _ROLES.get(claim.role), claim.organization)
        elif isinstance(claim, Relation):
            triple = (claim.subject, _TERMS.get(claim.relation), claim.object)
        else:
            continue
        subject, relation, obj = triple
        if relation and subject in index and obj in index:
            relations.add((index[subject], relation, index[obj]))
    return Document(source_id, text, groups, sorted(relations), origin="graph_data")


def _from_gold(article_id, text, path):
    groups, index, relations = [], {}, set()
    rows = list(csv.DictReader(Path(path).open(encoding="utf-8"), delimiter="\t"))
    for row in rows:
        if row["kind"] != "actor":
            continue
        names = tuple(dict.fromkeys(n for n in [row["name"], *(row["aliases"] or "").split("|")] if n and n in text))
        if not names:
            continue
        kind = "person" if row["class"] in _NOT_ORG_CODES else "org"
        for name in names:
            index.setdefault(name, len(groups))
        groups.append((kind, names))
    for row in rows:
        if row["kind"] != "relation":
            continue
        subject, obj = row["name"], row["object"]
        for name in (subject, obj):  # a place or a policy at one end: a group of its own
            if name and name in text and name not in index:
                index[name] = len(groups)
                groups.append(("other", (name,)))
        if subject in index and obj in index:
            relations.add((index[subject], row["relation"], index[obj]))
    return Document(article_id, text, groups, sorted(relations), origin="eval-dev")


def _occurrences(text, names):
    """Every occurrence of ``names`` in ``text``, longest names first, none overlapping another."""
    taken = [False] * len(text)
    spans = []
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        if len(name) < 2:
            continue
        for match in re.finditer(re.escape(name), text):
            s, e = match.span()
            if not any(taken[s:e]):
                spans.append((s, e))
                for i in range(s, e):
                    taken[i] = True
    return sorted(spans)
