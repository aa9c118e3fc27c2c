"""Text in, reviewable candidates out: the actors, relations and figures an article states.

:func:`extract` runs the rules of :mod:`kg.extract.mentions`, :mod:`kg.extract.relations` and
:mod:`kg.extract.figures` and returns :class:`Candidates`; ``Candidates.to_json()`` is the shape
``kg ingest --json`` prints. Every start/end is a character offset into the text as given
(``text[start:end]`` is the evidence). Nothing here touches the graph: known names come in as a
:class:`~kg.extract.mentions.Gazetteer`, and the resolver (:mod:`kg.analysis.resolve`) says which
new names may be known actors written another way (``maybe_same_as``), never merging them.

>>> c = extract("由兰州大学牵头组建的甘肃省沙漠治理创新联合体近日成立,集聚12家单位。", date="2024-05-01")
>>> [a["name"] for a in c.to_json()["actors"]]
['兰州大学', '甘肃省沙漠治理创新联合体']
>>> [(r["subject"], r["relation"], r["object"]) for r in c.to_json()["relations"]]
[('兰州大学', 'lead-unit', '甘肃省沙漠治理创新联合体')]
>>> [(f["value"], f["unit"], f["time"]) for f in c.to_json()["figures"]]
[(12.0, '家', '2024')]
"""

import json
from dataclasses import dataclass, field

from kg.extract.figures import find_figures
from kg.extract.mentions import Gazetteer, find_mentions
from kg.extract.relations import find_relations
from kg.extract.text import check_text

__all__ = ["extract", "Candidates", "BY"]

#: who proposed a candidate (``by``): these rules; a later proposer (a learned model) marks its own
BY = "rules"


@dataclass
class Candidates:
    """What :func:`extract` proposes for one text: ``actors``, ``relations``, ``figures`` (lists of dicts)."""

    actors: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    figures: list = field(default_factory=list)

    def to_json(self):
        """The candidates as plain JSON-ready data (the ``kg ingest --json`` shape)."""
        return {"actors": list(self.actors), "relations": list(self.relations), "figures": list(self.figures)}

    def dumps(self):
        """:meth:`to_json` as a JSON string (UTF-8 names kept readable)."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


def extract(text, gazetteer=None, *, region=None, date=None, graph=None):
    """The candidate actors, relations and figures of ``text``.

    Parameters
    ----------
    text : str or bytes
        The article. Bytes are read as UTF-8; empty, binary or non-UTF-8 input raises
        :class:`~kg.errors.IngestError`.
    gazetteer : Gazetteer, optional
        Known names (:meth:`Gazetteer.from_graph`); none by default, so every actor is new.
    region : str, optional
        The source's province (甘肃): 省科技厅 then maybe-matches 甘肃省科技厅.
    date : str, optional
        The article's date (``YYYY-MM-DD``): the year of 今年, 前三季度 and the like.
    graph : kg.KnowledgeGraph or networkx graph, optional
        Where ``maybe_same_as`` looks for known actors written another way; by default the graph the
        gazetteer was built from, if any.

    Examples
    --------
    >>> extract("")
    Traceback (most recent call last):
    ...
    kg.errors.IngestError: the text is empty
    """
    text = check_text(text)
    gazetteer = gazetteer if gazetteer is not None else Gazetteer()
    mentions = find_mentions(text, gazetteer, region=region)
    relations = find_relations(text, mentions)
    figures = find_figures(text, mentions, date=date)
    network = _network(graph if graph is not None else getattr(gazetteer, "graph", None))

    actors, seen = [], set()
    for m in mentions:
        if m.is_place or m.name in seen:
            continue
        seen.add(m.name)
        known, maybe = m.known, []
        if network is not None:
            known, maybe = _same_as(network, m, region, known)
        why = m.why
        if m.alias_of:
            why += f"; short form of {m.alias_of}"
            if m.alias_of not in [x.get("name") for x in maybe]:
                maybe.append({"name": m.alias_of, "iri": None, "reason": f"the text defines {m.name} as short for it"})
        actors.append({"name": m.name, "class": m.cls, "start": m.start, "end": m.end, "known": known,
                       "confidence": round(m.confidence, 2), "why": why, "by": BY, "maybe_same_as": maybe})
    return Candidates(
        actors=actors,
        relations=[{"subject": r.subject, "relation": r.relation, "object": r.object, "start": r.start,
                    "end": r.end, "confidence": round(r.confidence, 2), "why": r.why, "cue": r.cue, "by": BY}
                   for r in relations],
        figures=[{"subject": f.subject, "measure": f.measure, "value": f.value, "unit": f.unit, "time": f.time,
                  "start": f.start, "end": f.end, "confidence": round(f.confidence, 2), "why": f.why, "by": BY}
                 for f in figures],
    )


def _network(graph):
    if graph is None:
        return None
    return graph.network if hasattr(graph, "network") else graph


def _same_as(network, mention, region, known):
    """The known IRI (exact name or alias only) and the maybe-same actors with their reasons."""
    from kg.analysis.resolve import same_as_candidates

    maybe = []
    for iri, how, reason in same_as_candidates(network, mention.name, region=region):
        if how == "exact" and known is None:
            known = iri
        elif how == "maybe":
            label = network.nodes[iri].get("label_zh") or network.nodes[iri].get("label_en")
            maybe.append({"name": label, "iri": iri, "reason": reason})
    return known, maybe
