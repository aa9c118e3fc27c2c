"""The graph in numbers: triples, actors by class, relations by kind, components, density, degrees.

Counts of actors and relations come from the projection (:func:`kg.analysis.network.project`), so they are the
same on every store; degrees and density are those of its simple undirected view
(:func:`kg.analysis.network.undirected`: how many distinct actors each actor is tied to).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", cls="University"); G.add_node("b", cls="City"); G.add_node("c", cls="City")
>>> _ = G.add_edge("a", "b", key="urn:p#locatedIn", relation="urn:p#locatedIn")
>>> summary = stats([None] * 40, G)
>>> summary["actors_by_class"], summary["components"]
({'City': 2, 'University': 1}, {'count': 2, 'largest': 2, 'isolated': 1})
"""

import statistics

__all__ = ["stats", "DEGREE_BUCKETS"]

#: (label, low, high) ranges of the degree histogram, high inclusive (None: no upper bound)
DEGREE_BUCKETS = (("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3-4", 3, 4), ("5-9", 5, 9), ("10-19", 10, 19),
                  ("20+", 20, None))


def stats(graph, G, *, U=None):
    """Counts and shape of the knowledge graph.

    Parameters
    ----------
    graph : int or sized
        The triple count, or anything whose ``len()`` is (a store).
    G : networkx.MultiDiGraph
        Its projection.
    U : networkx.Graph, optional
        ``undirected(G)`` when the caller has it already.

    Returns
    -------
    dict
        ``triples``, ``actors``, ``relations`` (edges of the projection), ``figures`` (dated quantities
        on actors), ``actors_by_class`` (most specific class -> count), ``relations_by_kind`` (prefixed
        relation or role IRI -> count), ``components`` (``count``, ``largest``, ``isolated``: weakly
        connected), ``density`` (of the undirected view), ``degree`` (``min``, ``max``, ``mean``,
        ``median``, ``histogram``, ``top``: the five best-connected actors). Dicts are sorted by count,
        largest first, then by name.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="r", relation="r")
    'r'
    >>> d = stats([], G)
    >>> d["degree"]["max"], d["density"], d["relations_by_kind"]
    (1, 1.0, {'r': 1})
    """
    import networkx as nx

    from kg.namespaces import compact_iri
    from kg.analysis.network import undirected

    classes = _count(data.get("cls") or "Actor" for _, data in G.nodes(data=True))
    kinds = _count(compact_iri(data.get("relation", key)) for _, _, key, data in G.edges(keys=True, data=True))
    U = U if U is not None else undirected(G)
    degrees = sorted(d for _, d in U.degree())
    components = [len(c) for c in nx.weakly_connected_components(G)] if len(G) else []
    top = sorted(U.degree(), key=lambda item: (-item[1], item[0]))[:5]
    by_source, corroborated = _relations_by_source(G)
    return {
        "triples": graph if isinstance(graph, int) else len(graph),
        "actors": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "figures": sum(len(data.get("figures") or []) for _, data in G.nodes(data=True)),
        "actors_by_class": classes,
        "relations_by_kind": kinds,
        "sources": by_source,
        "relations_in_two_or_more_sources": corroborated,
        "components": {
            "count": len(components),
            "largest": max(components, default=0),
            "isolated": sum(1 for size in components if size == 1),
        },
        "density": round(nx.density(U), 6) if len(U) > 1 else 0.0,
        "degree": {
            "min": degrees[0] if degrees else 0,
            "max": degrees[-1] if degrees else 0,
            "mean": round(statistics.fmean(degrees), 3) if degrees else 0.0,
            "median": statistics.median(degrees) if degrees else 0,
            "histogram": _histogram(degrees),
            "top": [{"actor": node, "label_en": G.nodes[node].get("label_en"),
                     "label_zh": G.nodes[node].get("label_zh"), "degree": degree} for node, degree in top],
        },
    }


def _relations_by_source(G):
    """(source -> relations its evidence supports, relations supported by two sources or more).

    A relation two sources state is one edge with evidence from both: it counts once under each."""
    from kg.namespaces import compact_iri

    per_source, corroborated = {}, 0
    for _, _, data in G.edges(data=True):
        sources = {item.get("source") for item in data.get("evidence") or () if item.get("source")}
        for source in sources:
            per_source[compact_iri(source)] = per_source.get(compact_iri(source), 0) + 1
        corroborated += len(sources) >= 2
    return dict(sorted(per_source.items(), key=lambda item: (-item[1], item[0]))), corroborated


def _count(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _histogram(degrees):
    histogram = {}
    for label, low, high in DEGREE_BUCKETS:
        histogram[label] = sum(1 for d in degrees if d >= low and (high is None or d <= high))
    return histogram
