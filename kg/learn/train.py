"""Train the recommender on what people accepted, and write it beside the data (``kg retrain``).

For each training document the rules run first, with a gazetteer of the *other* documents' names (what
the graph would know had they been accepted before): the tagger learns from the rules' names and the
known names as features, and from the names people accepted as labels; the relation classifier
learns, for every pair of mentions of a sentence, which accepted relation (if any) joins them.

Nothing random: the documents are read in a fixed order, both learners start from zeros, the
classifier's weights are rounded, and ``meta.json`` holds no time stamp, so the same inputs give the
same model files byte for byte.
"""

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.extract import lexicon
from kg.extract.mentions import Gazetteer, find_mentions
from kg.extract.relations import RELATIONS
from kg.learn.data import training_documents
from kg.learn.model import Model, model_dir, save_model
from kg.learn.recommend import pair_rows, rule_org_spans, without_rule_features
from kg.learn.relations import NONE, RelationModel
from kg.learn.tagger import TAGGER_PARAMS, train_tagger

__all__ = ["train", "retrain", "RetrainResult", "leave_out_gazetteer", "THRESHOLDS"]

#: the least confidence a proposal needs (kept in meta.json), chosen by cross-validation over articles on
#: dev (python bench/learn_cv.py, 5 folds; never on val): the lowest thresholds at which the merged
#: proposals keep the rules' precision on the eval articles (docs/learn.md, notes of round 4)
THRESHOLDS = {"actor": 0.9, "relation": 0.6}


@dataclass
class RetrainResult:
    """What :func:`retrain` did: where the model went, what it learnt from, what it left out."""

    folder: Path
    documents: list
    skipped: list
    meta: dict

    def lines(self):
        """A short report, one line each (what ``kg retrain`` prints)."""
        counts = self.meta["counts"]
        out = [f"Trained on {len(self.documents)} texts ({', '.join(d.id for d in self.documents)}): "
               f"{counts['org_names']} organisation names, {counts['relations']} relations, "
               f"{counts['pairs']} mention pairs",
               f"Wrote {self.folder} (tagger {self.meta['sizes']['tagger.crfsuite']:,} bytes, "
               f"relations {self.meta['sizes']['relations.json']:,} bytes)"]
        out += [f"Not used: {item}" for item in self.skipped]
        return out


def train(documents, *, region=None, rule_features=True, partial_labels=True, relation_rule_features=True):
    """A :class:`~kg.learn.Model` trained on ``documents`` (:class:`~kg.learn.data.Document`)."""
    if not documents:
        from kg.errors import DataError

        raise DataError("nothing to train on: no source with accepted claims and a readable text")
    tagger_examples, rows, labels = [], [], []
    org_names = relation_count = 0
    for document in documents:
        gazetteer = leave_out_gazetteer(documents, document)
        mentions = find_mentions(document.text, gazetteer, region=region)
        spans = document.org_spans()
        tagger_examples.append((document.text, spans, gazetteer, rule_org_spans(mentions) if rule_features else []))
        org_names += len(document.org_names())
        relation_count += len(document.relations)
        groups = document.group_of()
        for first, second, row in pair_rows(document.text, mentions, _accepted_mentions(document, gazetteer)):
            label = _label(document, first[3], second[3])
            if label == NONE and partial_labels and document.origin == "graph_data" and \
                    not (first[3] in groups and second[3] in groups):
                continue  # a source's reviewer accepts some of its names: a pair with another end is unknown
            rows.append(row if relation_rule_features else without_rule_features(row))
            labels.append(label)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "tagger.crfsuite"
        train_tagger(tagger_examples, path)
        tagger = path.read_bytes()
    classifier = RelationModel.fit(rows, labels)
    meta = {
        "inputs": [{"id": d.id, "origin": d.origin, "sha256": hashlib.sha256(d.text.encode("utf-8")).hexdigest(),
                    "accepted": hashlib.sha256(repr((d.groups, d.relations)).encode("utf-8")).hexdigest()}
                   for d in documents],
        "counts": {"texts": len(documents), "org_names": org_names, "relations": relation_count,
                   "pairs": len(rows), "related_pairs": sum(1 for label in labels if label != NONE)},
        "settings": {"tagger": TAGGER_PARAMS, "region": region, "rule_features": rule_features,
                     "partial_labels": partial_labels, "relation_rule_features": relation_rule_features},
        "thresholds": dict(THRESHOLDS),
    }
    return Model(tagger, classifier, meta)


def retrain(root=None, *, folder=None, dev=True, region="甘肃"):
    """Train on every source's accepted claims (and ``dev``: the evaluation's development gold) and
    write the model to ``folder`` (default :func:`~kg.learn.model.model_dir`)."""
    from kg.stores.load import project_root

    root = Path(root) if root else project_root()
    documents, skipped = training_documents(root, dev=dev)
    model = train(documents, region=region)
    folder = Path(folder) if folder else model_dir(root)
    save_model(model, folder)
    meta = dict(model.meta, sizes={name: (folder / name).stat().st_size
                                   for name in ("tagger.crfsuite", "relations.json")})
    return RetrainResult(folder, documents, skipped, meta)


def leave_out_gazetteer(documents, left_out):
    """A gazetteer of the organisation names of every document but ``left_out``."""
    names = {}
    for document in documents:
        if document is left_out:
            continue
        for index, (kind, forms) in enumerate(document.groups):
            if kind != "org":
                continue
            iri = f"urn:kg-learn:{document.id}:{index}"
            cls = next((lexicon.suffix_class(f) for f in forms if lexicon.suffix_class(f)), None) or "Organization"
            for number, form in enumerate(forms):
                names.setdefault(form, (iri, cls, "name" if number == 0 else "alias"))
    return Gazetteer(names)


# helpers

def _accepted_mentions(document, gazetteer):
    """The accepted names as mentions ``(start, end, class, name)``: organisations, people, the rest."""
    out = []
    for start, end in document.org_spans():
        name = document.text[start:end]
        known = gazetteer.lookup(name)
        out.append((start, end, (known[1] if known else None) or lexicon.suffix_class(name) or "Organization", name))
    for start, end in document.person_spans():
        out.append((start, end, "Person", document.text[start:end]))
    taken = [(s, e) for s, e, _, _ in out]
    for kind, forms in document.groups:
        if kind != "other":
            continue
        for form in forms:
            at = document.text.find(form)
            while at >= 0:
                end = at + len(form)
                if not any(s < end and at < e for s, e in taken):
                    out.append((at, end, "Place" if form in _PLACES else "Other", form))
                at = document.text.find(form, end)
    return out


_PLACES = set(lexicon.PROVINCES) | set(lexicon.PROVINCES.values()) | set(lexicon.CITIES)


def _label(document, first, second):
    """The accepted relation between two names (by the groups they belong to), with its direction."""
    groups = document.group_of()
    a, b = groups.get(first), groups.get(second)
    if a is None or b is None:
        return NONE
    for subject, relation, obj in document.relations:
        if relation not in RELATIONS:  # the gold's "other" (an invitation, a certification): no term to propose
            continue
        if (subject, obj) == (a, b):
            return f"{relation}>"
        if (subject, obj) == (b, a):
            return f"{relation}>" if relation == "cooperates-with" else f"{relation}<"
    return NONE
