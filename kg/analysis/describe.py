"""One actor, everything the graph says about it: names, classes, figures, and every relation in and
out with its evidence, audited by source.

The claim audit counts, for every fact, the distinct source documents whose evidence states it
(``sources``, ``source_count``; "independent" here means distinct documents: the graph cannot tell
whether one copied another), marks the facts that rest on one source (``single_source``), and lists
the figures sources disagree on (same subject, measure and time, different values: ``disagreements``).
A figure's sources are not in the projection; pass them as ``figure_sources`` (:func:`figure_sources`
reads them from a store) to have figures counted too.

Built from the projection (:func:`kg.analysis.network.project`), so it reads the same from every store. The
dict :func:`describe` returns is the one ``kg show --json`` prints and the web server's actor page and
its JSON twin render; :func:`kg.render.format_actor` is the plain-text form ``kg show`` prints.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:x:lzu", label_zh="兰州大学", label_en="Lanzhou University", aliases=["兰大"],
...            classes=["urn:c#University", "urn:c#Actor"], cls="University")
>>> G.add_node("urn:x:lz", label_zh="兰州市", label_en="Lanzhou", aliases=[], classes=["urn:c#City"], cls="City")
>>> G.add_edge("urn:x:lzu", "urn:x:lz", key="urn:p#locatedIn", relation="urn:p#locatedIn",
...            label_en="located in", label_zh="位于",
...            evidence=[{"span": "兰州", "start": 10, "end": 12, "source": "urn:s"}])
'urn:p#locatedIn'
>>> from kg.render import format_actor
>>> print(format_actor(describe(G, "urn:x:lzu")))
Lanzhou University (兰州大学)
urn:x:lzu · University
Also called: 兰大
Classes: urn:c#University, urn:c#Actor
Relations out (1):
  -> located in -> Lanzhou [City]  evidence: "兰州" @10-12  [1 source]
Relations in: none
Claim audit: 1 fact with recorded sources, 1 resting on one source; sources (1): urn:s
"""

from kg.errors import UnknownActor

__all__ = ["describe", "figure_sources", "disagreements"]


def describe(G, iri, figure_sources=None):
    """Everything projection ``G`` holds about actor ``iri``, as a JSON-ready dict.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    iri : str
        A node of ``G`` (resolve a typed name first with :func:`kg.analysis.resolve.resolve`).
    figure_sources : dict, optional
        Figure IRI -> the source IRIs that state it (:func:`figure_sources`); without it figures are
        not counted (their ``sources`` is None), though disagreements among them are still found.

    Returns
    -------
    dict
        ``iri``, ``curie``, ``label_zh``, ``label_en``, ``aliases``, ``cls``, ``classes`` (prefixed,
        most specific first), ``figures``, ``collectives``, ``collective_weight``, ``outgoing`` and
        ``incoming`` (lists of relation dicts: ``relation``, ``relation_curie``, ``label_en``,
        ``label_zh``, ``kind``, ``via``, ``evidence``, and the other actor as ``actor``, ``actor_curie``,
        ``actor_label_zh``, ``actor_label_en``, ``actor_cls``), sorted by relation then actor. Each
        relation and figure carries ``sources`` (source IRIs, sorted), ``source_count`` and
        ``single_source``; ``disagreements`` (:func:`disagreements`) and ``audit`` (``facts``,
        ``single_source``, ``unsourced``, ``sources``) sum them up.

    Raises
    ------
    UnknownActor
        ``iri`` is not a node of ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("urn:x", label_zh="甲", label_en="A", cls="Place")
    >>> describe(G, "urn:x")["incoming"]
    []
    >>> describe(G, "urn:y")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownActor: no actor has the IRI 'urn:y'
    """
    from kg.namespaces import compact_iri

    if iri not in G:
        raise UnknownActor(f"no actor has the IRI {iri!r}")
    data = G.nodes[iri]
    outgoing = [_relation(G, key, edge, other) for _, other, key, edge in G.out_edges(iri, keys=True, data=True)]
    incoming = [_relation(G, key, edge, other) for other, _, key, edge in G.in_edges(iri, keys=True, data=True)]
    figures = [_with_sources(dict(f), (figure_sources or {}).get(f.get("iri")) if figure_sources is not None
                             else None) for f in data.get("figures") or []]
    outgoing = sorted(outgoing, key=_order)
    incoming = sorted(incoming, key=_order)
    return {
        "iri": iri,
        "curie": compact_iri(iri),
        "label_zh": data.get("label_zh"),
        "label_en": data.get("label_en"),
        "aliases": list(data.get("aliases") or []),
        "cls": data.get("cls"),
        "classes": [compact_iri(c) for c in data.get("classes") or []],
        "figures": figures,
        "collectives": [dict(c) for c in data.get("collectives") or []],
        "collective_weight": data.get("collective_weight", 0),
        "outgoing": outgoing,
        "incoming": incoming,
        "disagreements": disagreements(figures),
        "audit": _audit(outgoing + incoming, figures),
    }


def figure_sources(store, figures=None):
    """Figure IRI -> sorted source IRIs (``prov:wasDerivedFrom`` of the figure or of its value's evidence).

    The projection keeps figures as node attributes without their provenance; this is the one store
    read the claim audit needs. ``figures`` (IRIs) limits the answer to those.

    >>> import kg
    >>> with kg.open() as g:
    ...     found = figure_sources(g.store)
    >>> found["https://w3id.org/innovation-kg/id/figure/gansu-rd-investment-growth-2024"]
    ['https://w3id.org/innovation-kg/id/source/000_53c5d41e29162869']
    """
    from kg.namespaces import sparql_prologue

    wanted = sorted(str(f) for f in figures or () if not any(c in str(f) for c in '<>"{}|^`\\ \n\t'))
    values = f"VALUES ?f {{ {' '.join(f'<{f}>' for f in wanted)} }}" if figures is not None else ""
    query = sparql_prologue() + f"""
SELECT DISTINCT ?f ?source WHERE {{
  {values}
  ?f a ikg:Figure .
  {{ ?f prov:wasDerivedFrom ?source }} UNION
  {{ ?e rdf:subject ?f ; rdf:predicate schema:value ; prov:wasDerivedFrom ?source }}
}}"""
    found = {}
    for figure, source in store.select(query):
        found.setdefault(figure, set()).add(source)
    return {figure: sorted(sources) for figure, sources in found.items()}


def disagreements(figures):
    """Groups of figures with the same measure and time (one actor's) whose values differ.

    Returns a list of dicts ``measure``, ``measure_en``, ``measure_zh``, ``time`` and ``figures`` (the
    differing figures, by value), sorted by measure and time.

    >>> rows = [dict(iri="f1", measure="m", measure_en="growth", measure_zh="增长", value=8.4, time="2024"),
    ...         dict(iri="f2", measure="m", measure_en="growth", measure_zh="增长", value=8.1, time="2024"),
    ...         dict(iri="f3", measure="m", measure_en="growth", measure_zh="增长", value=7.0, time="2023")]
    >>> [[f["value"] for f in d["figures"]] for d in disagreements(rows)]
    [[8.1, 8.4]]
    """
    groups = {}
    for figure in figures:
        groups.setdefault((figure.get("measure"), str(figure.get("time"))), []).append(figure)
    found = []
    for (measure, time), rows in sorted(groups.items(), key=lambda item: (str(item[0][0]), item[0][1])):
        if len({(_number(r.get("value")), r.get("unit"), r.get("qualifier")) for r in rows}) > 1:
            found.append({"measure": measure, "measure_en": rows[0].get("measure_en"),
                          "measure_zh": rows[0].get("measure_zh"), "time": rows[0].get("time"),
                          "figures": sorted(rows, key=lambda r: (str(_number(r.get("value"))), r.get("iri") or ""))})
    return found


def _relation(G, key, edge, other):
    from kg.namespaces import compact_iri

    node = G.nodes[other]
    relation = edge.get("relation", key)
    evidence = [dict(e) for e in edge.get("evidence") or []]
    return {
        "relation": relation,
        "relation_curie": compact_iri(relation),
        "label_en": edge.get("label_en"),
        "label_zh": edge.get("label_zh"),
        "kind": edge.get("kind", "relation"),
        "via": edge.get("via"),
        "evidence": evidence,
        **_source_count(sorted({str(e["source"]) for e in evidence if e.get("source")})),
        "actor": other,
        "actor_curie": compact_iri(other),
        "actor_label_zh": node.get("label_zh"),
        "actor_label_en": node.get("label_en"),
        "actor_cls": node.get("cls"),
    }


def _order(relation):
    return (relation["label_en"] or relation["relation"], relation["actor_label_en"] or "", relation["actor"])




def _source_count(sources):
    """The audit keys of one fact stated by ``sources`` (None: not known)."""
    if sources is None:
        return {"sources": None, "source_count": None, "single_source": None}
    return {"sources": list(sources), "source_count": len(sources), "single_source": len(sources) == 1}


def _with_sources(figure, sources):
    figure.update(_source_count(sorted(sources) if sources is not None else None))
    return figure


def _audit(relations, figures):
    """The sums of the claim audit over an actor's relations and figures (those whose sources are known)."""
    facts = [fact for fact in relations + figures if fact.get("sources") is not None]
    return {"facts": len(facts), "single_source": sum(1 for f in facts if f["source_count"] == 1),
            "unsourced": sum(1 for f in facts if f["source_count"] == 0),
            "sources": sorted({s for f in facts for s in f["sources"]})}


def _number(value):
    """Numbers compare as numbers (8.0 == 8), anything else as text."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)
