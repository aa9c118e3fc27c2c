"""The recommender's proposals, and how they merge with the rules' (:mod:`kg.extract`).

:func:`propose` runs the tagger over a text and the relation classifier over the pairs of mentions of
each sentence, and returns :class:`~kg.extract.Candidates` of the same JSON shape as the rules', each
entry marked ``by: "model"`` with its confidence. :func:`merge` keeps one entry per name and per
relation: the rules' entry (``by: "rules"``, or ``"rules+model"`` when the model proposes the same),
then what only the model proposes. Where the two disagree the rules win: a model name that overlaps a
rules' name, or a model relation for a pair the rules already relate, is left out.

>>> from kg.extract import Candidates
>>> rules = Candidates(actors=[{"name": "兰州大学", "start": 0, "end": 4, "confidence": 0.8}])
>>> model = Candidates(actors=[{"name": "兰州大学", "start": 0, "end": 4, "confidence": 0.9, "by": "model"},
...                            {"name": "甲乙公司", "start": 5, "end": 9, "confidence": 0.7, "by": "model"}])
>>> [(a["name"], a["by"], a["confidence"]) for a in merge(rules, model).actors]
[('兰州大学', 'rules+model', 0.9), ('甲乙公司', 'model', 0.7)]
"""

import re

from kg.extract import lexicon
from kg.extract.extract import Candidates
from kg.extract.mentions import Gazetteer, find_mentions
from kg.extract.relations import find_relations
from kg.extract.text import check_text, fold, sentence_spans
from kg.learn.features import pair_features
from kg.learn.relations import NONE
from kg.learn.tagger import tag_spans

__all__ = ["propose", "merge", "recommend", "pair_rows", "rule_org_spans", "without_rule_features", "DEFAULT_ON"]

#: whether ``kg ingest`` merges the model's proposals when neither ``--model`` nor ``--no-model`` is
#: given: decided by the cross-validation of docs/learn.md (bench/learn_cv.py)
DEFAULT_ON = False

#: at most this many mentions of one sentence are paired (a list of 40 names is not 780 relations)
MAX_MENTIONS = 30
_NOT_PAIRED = {"Place"}


def propose(text, gazetteer=None, *, model=None, region=None, mentions=None):
    """The recommender's candidates for ``text`` (actors and relations; no figures).

    Parameters
    ----------
    text : str
        The article.
    gazetteer : kg.extract.Gazetteer, optional
        Known names, as for :func:`kg.extract.extract`.
    model : kg.learn.Model, optional
        The trained model; :func:`kg.learn.load_model` by default (a :class:`~kg.errors.DataError`
        when there is none).
    region : str, optional
        The source's province, as for :func:`kg.extract.extract`.
    mentions : list, optional
        The rules' mentions of ``text`` (:func:`kg.extract.mentions.find_mentions`), when already found.
    """
    from kg.learn.model import load_model

    text = check_text(text)
    model = model if model is not None else load_model()
    gazetteer = gazetteer if gazetteer is not None else Gazetteer()
    if mentions is None:
        mentions = find_mentions(text, gazetteer, region=region)
    thresholds = model.thresholds
    uses_rules = model.meta.get("settings", {}).get("rule_features", True)
    spans = tag_spans(model.tagger, text, gazetteer, rule_org_spans(mentions) if uses_rules else [])

    rule_spans = {(m.start, m.end) for m in mentions}
    taken = [(m.start, m.end) for m in mentions if not m.is_place]
    actors, tagged, seen = [], [], {}
    for start, end, confidence in spans:
        name = text[start:end]
        if not _plausible(name):
            continue
        if round(confidence, 2) < thresholds["actor"]:  # as the review file shows it
            continue
        if (start, end) not in rule_spans:
            # a name the rules miss: only where it does not cut into one of theirs (the rules win there
            # anyway) and it looks like an organisation: a suffix of the lexicon, or a name the graph knows
            if any(s < end and start < e for s, e in taken) or not _organisation_like(name, gazetteer):
                continue
            tagged.append((start, end, _class_of(name, gazetteer), name))  # an end of a relation, too
        cls = _class_of(name, gazetteer)
        if name in seen:
            entry = actors[seen[name]]
            entry["confidence"] = max(entry["confidence"], round(confidence, 2))
            continue
        known = gazetteer.lookup(name)
        seen[name] = len(actors)
        actors.append({"name": name, "class": cls, "start": start, "end": end, "known": known[0] if known else None,
                       "confidence": round(confidence, 2), "why": "the recommender's name tagger (kg.learn)",
                       "maybe_same_as": [], "by": "model"})

    relations, keys = [], set()
    relation_rules = model.meta.get("settings", {}).get("relation_rule_features", True)
    for first, second, row in pair_rows(text, mentions, tagged):
        label, probability = model.relations.best_relation(row if relation_rules else without_rule_features(row))
        if label == NONE or round(probability, 2) < thresholds["relation"]:
            continue  # NONE: a model that never saw a relation
        relation, direction = label[:-1], label[-1]
        subject, obj = (first, second) if direction == ">" else (second, first)
        if not _fits(relation, subject[2], obj[2]):
            continue
        key = (subject[3], relation, obj[3])
        if relation == "cooperates-with":
            key = (min(subject[3], obj[3]), relation, max(subject[3], obj[3]))
        if key in keys:
            continue
        keys.add(key)
        relations.append({"subject": subject[3], "relation": relation, "object": obj[3],
                          "start": min(first[0], second[0]), "end": max(first[1], second[1]),
                          "confidence": round(probability, 2),
                          "why": "the recommender's relation classifier (kg.learn)",
                          "cue": None, "by": "model"})  # no cue word: the classifier weighs the whole pair
    return Candidates(actors=actors, relations=relations, figures=[])


def merge(rule_candidates, model_candidates):
    """One entry per name and per relation, from the rules' candidates and the model's.

    A name or relation both propose is the rules' entry marked ``by: "rules+model"`` with the higher
    confidence; the rules' other entries are marked ``by: "rules"``; the model's own entries follow,
    except a name overlapping one of the rules' names and a relation between two names the rules
    already relate (the rules win a disagreement). Figures are the rules'.
    """
    model_actors = {a["name"]: a for a in model_candidates.actors}
    actors, names, spans = [], set(), []
    for actor in rule_candidates.actors:
        entry = dict(actor, by="rules")
        twin = model_actors.get(actor["name"])
        if twin is not None:
            entry["by"] = "rules+model"
            entry["confidence"] = max(actor.get("confidence", 0), twin.get("confidence", 0))
            entry["why"] = _agrees(actor.get("why"), twin)
        actors.append(entry)
        names.add(actor["name"])
        spans.append((actor["start"], actor["end"]))
    for actor in model_candidates.actors:
        if actor["name"] in names or any(s < actor["end"] and actor["start"] < e for s, e in spans):
            continue
        actors.append(dict(actor, by="model"))
        names.add(actor["name"])

    model_relations = {_relation_key(r): r for r in model_candidates.relations}
    relations, keys, pairs = [], set(), set()
    for relation in rule_candidates.relations:
        key = _relation_key(relation)
        entry = dict(relation, by="rules")
        twin = model_relations.get(key)
        if twin is not None:
            entry["by"] = "rules+model"
            entry["confidence"] = max(relation.get("confidence", 0), twin.get("confidence", 0))
            entry["why"] = _agrees(relation.get("why"), twin)
        relations.append(entry)
        keys.add(key)
        pairs.add(frozenset((relation["subject"], relation["object"])))
    for relation in model_candidates.relations:
        key = _relation_key(relation)
        if key in keys or frozenset((relation["subject"], relation["object"])) in pairs:
            continue
        relations.append(dict(relation, by="model"))
        keys.add(key)
    return Candidates(actors=actors, relations=relations, figures=list(rule_candidates.figures))


def recommend(rule_candidates, text, gazetteer=None, *, region=None, use=None, model=None):
    """``rule_candidates`` merged with the model's proposals for ``text``: what ``kg ingest`` calls.

    ``use``: ``True`` (``--model``) merges them and raises the model's :class:`~kg.errors.DataError`
    when it is missing or damaged; ``False`` (``--no-model``) returns ``rule_candidates`` as they are;
    ``None`` follows :data:`DEFAULT_ON`, falling back to the rules alone when there is no usable model.

    >>> from kg.extract import Candidates
    >>> rules = Candidates(actors=[{"name": "兰州大学", "start": 0, "end": 4, "confidence": 0.8}])
    >>> recommend(rules, "兰州大学。", use=False) is rules
    True
    """
    from kg.errors import DataError
    from kg.learn.model import load_model

    if use is False or (use is None and not DEFAULT_ON):
        return rule_candidates
    if model is None:
        try:
            model = load_model()
        except DataError:
            if use:
                raise
            return rule_candidates
    return merge(rule_candidates, propose(text, gazetteer, model=model, region=region))


def rule_org_spans(mentions):
    """``(start, end)`` of the rules' organisation mentions, the outermost only."""
    spans = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.is_person or m.is_place:
            continue
        if spans and m.start < spans[-1][1]:
            continue
        spans.append((m.start, m.end))
    return spans


def without_rule_features(row):
    """A pair's features without what the rules say of it: a classifier that judges the pair on its own."""
    return [name for name in row if not name.startswith("rule=")]


def pair_rows(text, mentions, extra=()):
    """``(first, second, features)`` for every pair of mentions of each sentence of ``text``.

    ``mentions`` are the rules' (:class:`~kg.extract.mentions.Mention`); ``extra`` more mentions as
    ``(start, end, class, name)`` (the tagger's names), kept where no rules' mention has the same span.
    ``first`` and ``second`` are ``(start, end, class, name)``, ``first`` the earlier in the text.
    """
    folded = fold(text)
    said = {}
    for relation in find_relations(text, mentions):
        said.setdefault((relation.subject, relation.object), relation.relation)
    pool = {(m.start, m.end): (m.start, m.end, m.cls, m.name) for m in mentions}
    for start, end, cls, name in extra:
        pool.setdefault((start, end), (start, end, cls, name))
    ordered = sorted(pool.values(), key=lambda m: (m[0], -m[1]))
    for s_start, s_end in sentence_spans(folded):
        inside = [m for m in ordered if s_start <= m[0] and m[1] <= s_end][:MAX_MENTIONS]
        for i, first in enumerate(inside):
            for second in inside[i + 1:]:
                if first[3] == second[3] or (first[2] in _NOT_PAIRED and second[2] in _NOT_PAIRED):
                    continue
                rule = said.get((first[3], second[3]))
                rule = f"{rule}>" if rule else (f"{said[(second[3], first[3])]}<"
                                                if (second[3], first[3]) in said else None)
                yield first, second, pair_features(folded, first[:3], second[:3], rule)


# helpers

def _agrees(why, twin):
    """The rules' reason, and that the model proposes the same (the review file shows ``why``)."""
    agreed = f"the recommender (kg.learn) proposes it too, confidence {twin.get('confidence', 0):.2f}"
    return f"{why}; {agreed}" if why else agreed


def _relation_key(relation):
    subject, name, obj = relation["subject"], relation["relation"], relation["object"]
    if name == "cooperates-with":
        return (min(subject, obj), name, max(subject, obj))
    return (subject, name, obj)


def _class_of(name, gazetteer):
    known = gazetteer.lookup(name) if gazetteer is not None else None
    return (known[1] if known else None) or lexicon.suffix_class(name) or "Organization"


def _organisation_like(name, gazetteer):
    """A name the graph knows, or one with an organisation suffix of the rules' lexicon that neither
    opens with a function word (与集团公司: the 与 of a clause) nor holds half a pair of quotes or brackets."""
    if gazetteer is not None and gazetteer.lookup(name) is not None:
        return True
    if lexicon.suffix_class(name) is None or name[0] in _FUNCTION_CHARACTERS:
        return False
    return all(name.count(a) == name.count(b) for a, b in ("“”", "()", "《》", "‘’", "()"))


#: characters that open a clause's grammar, never a name (与, 了, 的 …)
_FUNCTION_CHARACTERS = set("与和及了的在将为对由是把被从向于以等并也就而或")


def _fits(relation, subject_class, object_class):
    """Whether the classes of the two ends can carry ``relation``: a person is affiliated with an
    organisation (and may visit one); every other relation joins organisations (a place may be the
    object of located-in and piloted-in)."""
    if relation == "affiliated-with":
        return subject_class == "Person" and object_class not in ("Person", "Place")
    if "Person" in (subject_class, object_class):
        return relation == "visited" and object_class != "Person"
    if object_class == "Place":
        return relation in ("located-in", "piloted-in")
    return subject_class != "Place"


def _plausible(name):
    """A tagged stretch that can be a name: two or more characters, some of them Chinese or letters,
    no sentence punctuation inside."""
    return len(name) >= 2 and re.search(r"[\u3400-\u9fffA-Za-z]", name) is not None and \
        not re.search(r"[,。;:!?、\n]", name)
