"""Cross-validation over articles: the rules alone against the rules merged with the recommender.

Leave one article out: the model is trained on every other document, and the held-out article is
read with a gazetteer of the training documents' names (what the graph would know), by the rules
alone and by the rules merged with the model (:func:`kg.learn.merge`). Never within one article: no
sentence of the held-out text is ever trained on.

Scores (per article and pooled over all articles, from counts):

- organisations: precision = proposed non-person names that are an accepted organisation's name (or
  alias) / proposed non-person names; recall = accepted organisations proposed under one of their
  names / accepted organisations;
- relations: precision = proposed relations that match an accepted one (same relation, subject and
  object through the aliases; cooperates-with either way round; approved-by, recommended-by and
  operates count as the gold's ``other``: :data:`AS_GOLD`) / proposed relations; recall = accepted relations proposed / accepted
  relations. ``relation_precision_gold_ends`` counts only proposals whose two ends are accepted names
  (issue 20's definition: a pair is wrong when both ends are gold names the gold does not relate).
"""

from kg.extract.extract import extract

__all__ = ["AS_GOLD", "cross_validate", "score"]

#: what the evaluation gold (eval/README.md) calls the extractor's relations it has no term for; one
#: table for the cross-validation here and bench/ingest_eval.py
AS_GOLD = {"approved-by": "other", "recommended-by": "other", "operates": "other"}


def cross_validate(documents, *, region="甘肃", thresholds=((0.5, 0.5),), rule_features=True, progress=None,
                   folds=None, relation_rule_features=True):
    """Cross-validated scores of the rules alone and of the rules with the model, by article.

    ``folds``: ``None`` leaves one article out at a time; a number ``k`` splits the documents into ``k``
    groups by their position (document ``i`` is held out in group ``i % k``), so each model is trained
    on the other groups and scored on every article of its own. Never within one article.

    ``thresholds`` are ``(actor, relation)`` confidence thresholds to score the model's proposals at
    (each fold's model is trained once, and proposes once per actor threshold: the relation thresholds
    filter those proposals). Returns ``{"folds": [...], "total": {...}}``; each fold names the held-out
    document and the ids it was trained on.
    """
    from kg.learn.recommend import merge, propose
    from kg.learn.train import leave_out_gazetteer, train

    groups = [[d] for d in documents] if not folds else \
        [[d for i, d in enumerate(documents) if i % folds == k] for k in range(min(folds, len(documents)))]
    actor_levels = sorted({a for a, _ in thresholds})
    out = []
    variants = ["rules"] + [_variant(t) for t in thresholds]
    totals = {name: _Counts() for name in variants}
    by_origin = {}  # the eval gold lists every name; a source's accepted claims may not
    for number, held_out in enumerate(groups):
        if progress:
            progress(number, len(groups))
        training = [d for d in documents if all(d is not h for h in held_out)]
        model = train(training, region=region, rule_features=rule_features,
                      relation_rule_features=relation_rule_features)
        for held in held_out:
            gazetteer = leave_out_gazetteer(training + [held], held)
            rules = extract(held.text, gazetteer, region=region)
            fold = {"held_out": held.id, "origin": held.origin, "group": number,
                    "trained_on": [d.id for d in training], "rules": score(held, rules)}
            totals["rules"].add(fold["rules"])
            origin = by_origin.setdefault(held.origin, {name: _Counts() for name in variants})
            origin["rules"].add(fold["rules"])
            for actor_t in actor_levels:  # the model as kg ingest would run it at these thresholds
                model.meta["thresholds"] = {"actor": actor_t, "relation": 0.0}
                proposed = propose(held.text, gazetteer, model=model, region=region)
                for relation_t in sorted({r for a, r in thresholds if a == actor_t}):
                    kept = [r for r in proposed.relations if r["confidence"] >= relation_t]
                    merged = merge(rules, type(proposed)(actors=proposed.actors, relations=kept, figures=[]))
                    name = _variant((actor_t, relation_t))
                    fold[name] = score(held, merged)
                    fold[name + ":added"] = _added(rules, merged)
                    totals[name].add(fold[name])
                    origin[name].add(fold[name])
            out.append(fold)
    return {"folds": out, "total": {name: counts.ratios() for name, counts in totals.items()},
            "total_by_origin": {o: {name: c.ratios() for name, c in counts.items()} for o, counts in by_origin.items()}}


def score(document, candidates):
    """The counts and ratios of one document's candidates against what it accepts (see the module)."""
    groups = document.group_of()
    org_groups = {i for i, (kind, _) in enumerate(document.groups) if kind == "org"}
    org_names = document.org_names()
    proposed = {a["name"] for a in candidates.actors if a.get("class") != "Person"}
    found = {groups[name] for name in proposed if name in groups} & org_groups
    eval_gold = document.origin == "eval-dev"

    def canon(name):
        return groups.get(name, name)

    def key(subject, relation, obj):
        if eval_gold:
            relation = AS_GOLD.get(relation, relation)
        s, o = canon(subject), canon(obj)
        return (min(s, o, key=str), relation, max(s, o, key=str)) if relation == "cooperates-with" else (s, relation, o)

    gold = {(s, r, o) if r != "cooperates-with" else (min(s, o, key=str), r, max(s, o, key=str))
            for s, r, o in document.relations}
    got = {key(r["subject"], r["relation"], r["object"]) for r in candidates.relations}
    with_gold_ends = {t for t in got if isinstance(t[0], int) and isinstance(t[2], int)}
    return {
        "orgs_gold": len(org_groups), "orgs_proposed": len(proposed), "orgs_right": len(proposed & org_names),
        "orgs_found": len(found),
        "relations_gold": len(gold), "relations_proposed": len(got), "relations_right": len(got & gold),
        "relations_proposed_gold_ends": len(with_gold_ends), "relations_right_gold_ends": len(with_gold_ends & gold),
    }


# helpers

def _added(rules, merged):
    """What the model adds to the rules: names and relations (for reading a fold, not for scoring)."""
    return {"actors": [(a["name"], a["confidence"]) for a in merged.actors if a.get("by") == "model"],
            "relations": [(r["subject"], r["relation"], r["object"], r["confidence"])
                          for r in merged.relations if r.get("by") == "model"]}


def _variant(thresholds):
    return f"rules+model@{thresholds[0]:g}/{thresholds[1]:g}"


class _Counts:
    def __init__(self):
        self.sums = {}

    def add(self, counts):
        for name, value in counts.items():
            self.sums[name] = self.sums.get(name, 0) + value

    def ratios(self):
        s = self.sums

        def ratio(a, b):
            return round(s.get(a, 0) / s[b], 3) if s.get(b) else None

        return dict(s, org_precision=ratio("orgs_right", "orgs_proposed"), org_recall=ratio("orgs_found", "orgs_gold"),
                    relation_precision=ratio("relations_right", "relations_proposed"),
                    relation_recall=ratio("relations_right", "relations_gold"),
                    relation_precision_gold_ends=ratio("relations_right_gold_ends", "relations_proposed_gold_ends"))
