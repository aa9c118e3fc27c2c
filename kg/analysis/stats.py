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

__all__ = ["stats", "source_summary", "read_sources", "DEGREE_BUCKETS"]

#: (label, low, high) ranges of the degree histogram, high inclusive (None: no upper bound)
DEGREE_BUCKETS = (("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3-4", 3, 4), ("5-9", 5, 9), ("10-19", 10, 19),
                  ("20+", 20, None))


def stats(graph, G, *, U=None, sources=None):
    """Counts and shape of the knowledge graph.

    Parameters
    ----------
    graph : int or sized
        The triple count, or anything whose ``len()`` is (a store).
    G : networkx.MultiDiGraph
        Its projection.
    U : networkx.Graph, optional
        ``undirected(G)`` when the caller has it already.
    sources : tuple, optional
        ``(documents, derived)`` as :func:`read_sources` gives them: adds ``source_documents`` and
        ``actors_in_two_or_more_sources`` (:func:`source_summary`).

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
    extra = {}
    if sources is not None:
        extra = source_summary(*sources, G)
    return {
        "triples": graph if isinstance(graph, int) else len(graph),
        "actors": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "figures": sum(len(data.get("figures") or []) for _, data in G.nodes(data=True)),
        "actors_by_class": classes,
        "relations_by_kind": kinds,
        "sources": by_source,
        "relations_in_two_or_more_sources": corroborated,
        **extra,
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


def source_summary(documents, derived, G):
    """Each source document with what it states, and how many actors two sources or more state.

    Parameters
    ----------
    documents : dict
        Source IRI -> ``{"title", "date", "publisher"}`` (strings; missing ones ``None``).
    derived : dict
        Actor IRI -> the source IRIs it was derived from (``prov:wasDerivedFrom``).
    G : networkx.MultiDiGraph
        The projection: only its actors count, and a relation counts under every source of its evidence.

    Returns
    -------
    dict
        ``source_documents``: one dict per source (``source`` compacted, ``title``, ``date``, ``publisher``,
        ``actors``, ``relations``), by date then id; ``actors_in_two_or_more_sources``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", relation="r", evidence=[{"source": "urn:s1"}, {"source": "urn:s2"}])
    0
    >>> docs = {"urn:s1": {"title": "一", "date": "2024", "publisher": "甲报"}, "urn:s2": {"title": "二", "date": "2023", "publisher": None}}
    >>> summary = source_summary(docs, {"a": {"urn:s1", "urn:s2"}, "b": {"urn:s2"}, "gone": {"urn:s1"}}, G)
    >>> [(d["source"], d["actors"], d["relations"]) for d in summary["source_documents"]]
    [('urn:s2', 2, 1), ('urn:s1', 1, 1)]
    >>> summary["actors_in_two_or_more_sources"]
    1
    """
    from kg.namespaces import compact_iri

    actors = {source: 0 for source in documents}
    several = 0
    for actor, sources in derived.items():
        if actor not in G:
            continue
        for source in sources:
            if source in actors:
                actors[source] += 1
        several += len(set(sources) & set(documents)) >= 2
    relations = {source: 0 for source in documents}
    for _, _, data in G.edges(data=True):
        for source in {item.get("source") for item in data.get("evidence") or ()}:
            if source in relations:
                relations[source] += 1
    rows = [{"source": compact_iri(source), "title": info.get("title"), "date": info.get("date"),
             "publisher": info.get("publisher"), "actors": actors[source], "relations": relations[source]}
            for source, info in documents.items()]
    rows.sort(key=lambda row: (str(row["date"] or ""), row["source"]))
    return {"source_documents": rows, "actors_in_two_or_more_sources": several}


def read_sources(store):
    """``(documents, derived)`` for :func:`source_summary`, read from a store: every ``ikg:SourceDocument``
    with its title, date and publisher (a publisher that is an actor by its Chinese name), and the sources
    that state each thing: it was derived from them (``prov:wasDerivedFrom``), or they give evidence for one
    of its names (an alias joined to a known actor in review adds only that)."""
    from kg.namespaces import sparql_prologue

    documents = {}
    query = ("SELECT ?s ?title ?date ?publisher ?name WHERE { ?s a ikg:SourceDocument . "
             "OPTIONAL { ?s dcterms:title ?title } OPTIONAL { ?s dcterms:date ?date } "
             "OPTIONAL { ?s dcterms:publisher ?publisher "
             "OPTIONAL { ?publisher skos:prefLabel ?name FILTER(lang(?name) = 'zh') } } }")
    for source, title, date, publisher, name in store.select(sparql_prologue() + query):
        documents.setdefault(source, {"title": _text(title), "date": _text(date),
                                      "publisher": _text(name) or _text(publisher)})
    derived = {}
    query = ("SELECT DISTINCT ?x ?s WHERE { ?s a ikg:SourceDocument . { ?x prov:wasDerivedFrom ?s } UNION "
             "{ ?e a ikg:Evidence ; rdf:subject ?x ; rdf:predicate ?p ; prov:wasDerivedFrom ?s "
             "VALUES ?p { skos:prefLabel skos:altLabel } } }")
    for thing, source in store.select(sparql_prologue() + query):
        derived.setdefault(thing, set()).add(source)
    return documents, derived


def _text(value):
    return None if value is None else str(getattr(value, "value", value))


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
