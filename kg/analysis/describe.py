"""One actor, everything the graph says about it: names, classes, figures, and every relation in and
out with its evidence.

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
  -> located in -> Lanzhou [City]  evidence: "兰州" @10-12
Relations in: none
"""

from kg.errors import UnknownActor

__all__ = ["describe"]


def describe(G, iri):
    """Everything projection ``G`` holds about actor ``iri``, as a JSON-ready dict.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    iri : str
        A node of ``G`` (resolve a typed name first with :func:`kg.analysis.resolve.resolve`).

    Returns
    -------
    dict
        ``iri``, ``curie``, ``label_zh``, ``label_en``, ``aliases``, ``cls``, ``classes`` (prefixed,
        most specific first), ``figures``, ``collectives``, ``collective_weight``, ``outgoing`` and
        ``incoming`` (lists of relation dicts: ``relation``, ``relation_curie``, ``label_en``,
        ``label_zh``, ``kind``, ``via``, ``evidence``, and the other actor as ``actor``, ``actor_curie``,
        ``actor_label_zh``, ``actor_label_en``, ``actor_cls``), sorted by relation then actor.

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
    return {
        "iri": iri,
        "curie": compact_iri(iri),
        "label_zh": data.get("label_zh"),
        "label_en": data.get("label_en"),
        "aliases": list(data.get("aliases") or []),
        "cls": data.get("cls"),
        "classes": [compact_iri(c) for c in data.get("classes") or []],
        "figures": [dict(f) for f in data.get("figures") or []],
        "collectives": [dict(c) for c in data.get("collectives") or []],
        "collective_weight": data.get("collective_weight", 0),
        "outgoing": sorted(outgoing, key=_order),
        "incoming": sorted(incoming, key=_order),
    }


def _relation(G, key, edge, other):
    from kg.namespaces import compact_iri

    node = G.nodes[other]
    relation = edge.get("relation", key)
    return {
        "relation": relation,
        "relation_curie": compact_iri(relation),
        "label_en": edge.get("label_en"),
        "label_zh": edge.get("label_zh"),
        "kind": edge.get("kind", "relation"),
        "via": edge.get("via"),
        "evidence": [dict(e) for e in edge.get("evidence") or []],
        "actor": other,
        "actor_curie": compact_iri(other),
        "actor_label_zh": node.get("label_zh"),
        "actor_label_en": node.get("label_en"),
        "actor_cls": node.get("cls"),
    }


def _order(relation):
    return (relation["label_en"] or relation["relation"], relation["actor_label_en"] or "", relation["actor"])


