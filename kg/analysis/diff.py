"""What changed between two versions of the graph: actors, relations and figures, and the triples under them.

Two projections (:func:`kg.analysis.network.project`) are compared item by item, each item keyed by what
stays the same when its content changes:

Actors (:func:`diff_actors`)
    keyed by IRI. *Added* or *removed* when the IRI is on one side only; *changed* when its names
    (``label_zh``, ``label_en``, ``aliases``) or its classes differ. An actor whose IRI changed is one
    removed and one added: nothing guesses that two IRIs mean the same actor.
Relations (:func:`diff_relations`)
    keyed by (source, relation, target), the edges of the projection; *added* or *removed*. A relation's
    evidence is shown, not compared.
Figures (:func:`diff_figures`)
    keyed by (subject, measure, time); *changed* when the value, its unit or its qualifier
    ("nearly", "more than") differs, else *added* or *removed*. Only figures about actors are in a
    projection.

Below the network, :func:`diff_rdf` compares the triples themselves with :mod:`rdflib.compare` (blank
nodes matched by structure, not by their labels), named graph by named graph when both sides have
named graphs, else as the union of all triples.

>>> import networkx as nx
>>> old, new = nx.MultiDiGraph(), nx.MultiDiGraph()
>>> old.add_node("urn:a", label_zh="甲", label_en="A", aliases=[], classes=["urn:c#Actor"])
>>> new.add_node("urn:a", label_zh="甲", label_en="A Inc.", aliases=[], classes=["urn:c#Actor"])
>>> [(row["change"], row["iri"], sorted(row["fields"])) for row in diff_networks(old, new)["actors"]]
[('changed', 'urn:a', ['label_en'])]
"""

__all__ = ["CHANGES", "ACTOR_FIELDS", "diff_networks", "diff_actors", "diff_relations", "diff_figures",
           "diff_rdf"]

#: the kinds of change, in the order results list them
CHANGES = ("removed", "added", "changed")

#: the node attributes whose difference makes an actor *changed*
ACTOR_FIELDS = ("label_zh", "label_en", "aliases", "classes")


def diff_networks(old, new):
    """Actors, relations and figures that differ between two projections, with counts.

    Parameters
    ----------
    old, new : networkx.MultiDiGraph
        Two projections (:func:`kg.analysis.network.project`), e.g. two builds of the graph.

    Returns
    -------
    dict
        ``actors`` (:func:`diff_actors`), ``relations`` (:func:`diff_relations`), ``figures``
        (:func:`diff_figures`), and ``counts``: for each of the three, how many items of each kind of
        change (``{"removed": n, "added": n, "changed": n}``; relations are never *changed*).

    Examples
    --------
    >>> import networkx as nx
    >>> old = nx.MultiDiGraph(); old.add_edge("urn:a", "urn:b", key="urn:p")
    'urn:p'
    >>> diff_networks(old, old)["counts"]["relations"]
    {'removed': 0, 'added': 0}
    >>> diff_networks(old, nx.MultiDiGraph())["counts"]["actors"]
    {'removed': 2, 'added': 0, 'changed': 0}
    """
    found = {"actors": diff_actors(old, new), "relations": diff_relations(old, new),
             "figures": diff_figures(old, new)}
    counts = {}
    for part, rows in found.items():
        kinds = CHANGES[:2] if part == "relations" else CHANGES
        counts[part] = {kind: sum(1 for row in rows if row["change"] == kind) for kind in kinds}
    found["counts"] = counts
    return found


def diff_actors(old, new):
    """Actors added, removed or changed (names, classes) between two projections.

    Parameters
    ----------
    old, new : networkx graph
        Projections whose nodes are actors keyed by IRI.

    Returns
    -------
    list of dict
        One per actor that differs, removed first, then added, then changed, each by IRI: ``change``,
        ``iri``, ``label_zh``, ``label_en``, ``cls`` (from the new side, the old one for a removed
        actor) and ``fields``: for a changed actor, ``{field: {"old": value, "new": value}}`` for each
        of :data:`ACTOR_FIELDS` that differs (classes as local names, most specific first); empty
        otherwise.

    Examples
    --------
    >>> import networkx as nx
    >>> old, new = nx.Graph(), nx.Graph()
    >>> old.add_node("urn:x", label_zh="兰大", label_en="LZU", classes=["urn:c#University"])
    >>> new.add_node("urn:x", label_zh="兰州大学", label_en="LZU", classes=["urn:c#University"])
    >>> new.add_node("urn:y", label_zh="乙", label_en="Y", classes=["urn:c#Company"])
    >>> [(row["change"], row["iri"], row["cls"]) for row in diff_actors(old, new)]
    [('added', 'urn:y', 'Company'), ('changed', 'urn:x', 'University')]
    >>> diff_actors(old, new)[1]["fields"]
    {'label_zh': {'old': '兰大', 'new': '兰州大学'}}
    """
    rows = []
    for iri in sorted(set(old) | set(new)):
        if iri not in new:
            rows.append(_actor_row("removed", iri, old.nodes[iri], {}))
        elif iri not in old:
            rows.append(_actor_row("added", iri, new.nodes[iri], {}))
        else:
            before, after = _actor_fields(old.nodes[iri]), _actor_fields(new.nodes[iri])
            fields = {name: {"old": before[name], "new": after[name]} for name in ACTOR_FIELDS
                      if before[name] != after[name]}
            if fields:
                rows.append(_actor_row("changed", iri, new.nodes[iri], fields))
    return sorted(rows, key=lambda row: (CHANGES.index(row["change"]), row["iri"]))


def diff_relations(old, new):
    """Relations (edges of the projection) added or removed between two projections.

    Parameters
    ----------
    old, new : networkx.MultiDiGraph
        Projections; an edge is identified by (source, key, target), its key being the relation IRI.

    Returns
    -------
    list of dict
        Removed first, then added, each sorted by (source, relation, target): ``change``, ``source``,
        ``relation``, ``target``, ``label_en``, ``label_zh`` (the relation's), ``kind``, ``via``,
        ``source_label_en``, ``source_label_zh``, ``target_label_en``, ``target_label_zh`` and
        ``evidence`` (from the side it is on).

    Examples
    --------
    >>> import networkx as nx
    >>> old = nx.MultiDiGraph()
    >>> old.add_node("urn:a", label_en="A"); old.add_node("urn:b", label_en="B")
    >>> old.add_edge("urn:a", "urn:b", key="urn:partner", label_en="partner", evidence=[])
    'urn:partner'
    >>> new = old.copy(); new.remove_edge("urn:a", "urn:b", key="urn:partner")
    >>> [(r["change"], r["source_label_en"], r["label_en"], r["target_label_en"]) for r in diff_relations(old, new)]
    [('removed', 'A', 'partner', 'B')]
    """
    before, after = _edges(old), _edges(new)
    rows = [_relation_row("removed", key, before[key], old) for key in sorted(set(before) - set(after))]
    rows += [_relation_row("added", key, after[key], new) for key in sorted(set(after) - set(before))]
    return rows


def diff_figures(old, new):
    """Figures whose value changed, and figures added or removed, between two projections.

    A figure is identified by its subject, measure and time (its IRI may change with its value); its
    value is the number with its unit and qualifier.

    Parameters
    ----------
    old, new : networkx graph
        Projections whose nodes carry ``figures`` (lists of dicts as :func:`kg.analysis.network.project`
        makes them).

    Returns
    -------
    list of dict
        Removed, added, then changed, each by (subject, measure, time): ``change``, ``subject``,
        ``subject_label_en``, ``subject_label_zh``, ``measure``, ``measure_en``, ``measure_zh``, ``time``,
        ``old`` and ``new`` (each ``{"value", "unit", "qualifier", "iri"}``, or None on the side the
        figure is missing from).

    Examples
    --------
    >>> import networkx as nx
    >>> figure = dict(iri="urn:f", measure="urn:m", measure_en="output", measure_zh="产值", value=800,
    ...               unit="亿元", time="2024", qualifier="more-than")
    >>> old, new = nx.Graph(), nx.Graph()
    >>> old.add_node("urn:cluster", label_en="Cluster", figures=[figure])
    >>> new.add_node("urn:cluster", label_en="Cluster", figures=[dict(figure, value=900)])
    >>> [(row["change"], row["old"]["value"], row["new"]["value"]) for row in diff_figures(old, new)]
    [('changed', 800, 900)]
    >>> diff_figures(old, old)
    []
    """
    before, after = _figures(old), _figures(new)
    rows = []
    for key in sorted(set(before) | set(after), key=_sort_key):
        olds, news = list(before.get(key, ())), list(after.get(key, ()))
        for figure in list(olds):  # the same value stated on both sides (perhaps under a new IRI) is no change
            match = next((other for other in news if _value(other) == _value(figure)), None)
            if match is not None:
                olds.remove(figure)
                news.remove(match)
        olds.sort(key=_value_order)
        news.sort(key=_value_order)
        paired = min(len(olds), len(news))
        graph = new if key[0] in new else old
        for figure, other in zip(olds[:paired], news[:paired]):
            rows.append(_figure_row("changed", key, graph, figure, other))
        rows += [_figure_row("removed", key, old, figure, None) for figure in olds[paired:]]
        rows += [_figure_row("added", key, new, None, figure) for figure in news[paired:]]
    order = {change: index for index, change in enumerate(CHANGES)}
    return sorted(rows, key=lambda row: (order[row["change"]],) + _sort_key((row["subject"], row["measure"], row["time"])))


def diff_rdf(old, new, *, sample=5):
    """Triples only in ``old``, only in ``new`` and in both, per named graph when both sides have them.

    Blank nodes are matched by structure (:func:`rdflib.compare.graph_diff` on the canonical forms of
    the two graphs). A graph without blank nodes is compared as a set of triples: with no blank node to
    match, that is the same answer, and it spares canonicalising every triple.

    Parameters
    ----------
    old, new : kg.stores.base.Store or rdflib graph
        The two sides (an rdflib ``Dataset`` keeps its named graphs; any other graph is one default graph).
    sample : int
        How many of the triples only on one side to list for each graph (in N-Triples, sorted).

    Returns
    -------
    dict
        ``by_graph`` (True when both sides have named graphs), ``only_old`` and ``only_new`` (totals) and
        ``graphs``: one dict per graph compared (``graph``: its IRI, or None for the default graph or,
        when not ``by_graph``, for the union of everything), with ``old``, ``new`` (triple counts),
        ``both``, ``only_old``, ``only_new``, ``only_old_sample``, ``only_new_sample`` and ``method``
        (``"rdflib.compare"`` or ``"set"``).

    Examples
    --------
    >>> from rdflib import Graph
    >>> a = Graph().parse(format="turtle", data="<urn:x> <urn:p> [ <urn:q> 1 ] . <urn:x> <urn:r> 2 .")
    >>> b = Graph().parse(format="turtle", data="<urn:x> <urn:p> [ <urn:q> 1 ] . <urn:x> <urn:r> 3 .")
    >>> found = diff_rdf(a, b)
    >>> found["by_graph"], found["only_old"], found["only_new"], found["graphs"][0]["method"]
    (False, 1, 1, 'rdflib.compare')
    >>> found["graphs"][0]["only_new_sample"]
    ['<urn:x> <urn:r> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .']
    """
    from kg.stores import as_store

    if sample < 0:
        from kg.errors import BadArgument

        raise BadArgument(f"sample must be 0 or more, not {sample}")
    before, after = _graphs(as_store(old)), _graphs(as_store(new))
    by_graph = any(name is not None for name in before) and any(name is not None for name in after)
    if not by_graph:
        before, after = _union(before), _union(after)
    rows = []
    for name in sorted(set(before) | set(after), key=lambda name: (name is None, name or "")):
        rows.append(dict(graph=name, **_compare(before.get(name, set()), after.get(name, set()), sample)))
    return {"by_graph": by_graph, "only_old": sum(row["only_old"] for row in rows),
            "only_new": sum(row["only_new"] for row in rows), "graphs": rows}


# helpers

def _local(iri):
    from kg.analysis.network import local_name

    return local_name(iri)


def _actor_fields(data):
    return {"label_zh": data.get("label_zh"), "label_en": data.get("label_en"),
            "aliases": list(data.get("aliases") or ()), "classes": [_local(c) for c in data.get("classes") or ()]}


def _actor_row(change, iri, data, fields):
    classes = data.get("classes") or ()
    cls = data.get("cls") or (_local(classes[0]) if classes else None)
    return {"change": change, "iri": iri, "label_zh": data.get("label_zh"), "label_en": data.get("label_en"),
            "cls": cls, "fields": fields}


def _edges(G):
    """(source, relation, target) -> edge data, for a multigraph (keys) or a simple graph (``relation``)."""
    if G.is_multigraph():
        return {(u, key, v): data for u, v, key, data in G.edges(keys=True, data=True)}
    return {(u, data.get("relation"), v): data for u, v, data in G.edges(data=True)}


def _relation_row(change, key, data, G):
    source, relation, target = key
    ends = {}
    for end, node in (("source", source), ("target", target)):
        for lang in ("en", "zh"):
            ends[f"{end}_label_{lang}"] = G.nodes[node].get(f"label_{lang}") or node
    return dict(change=change, source=source, relation=relation, target=target,
                label_en=data.get("label_en") or _local(relation), label_zh=data.get("label_zh") or _local(relation),
                kind=data.get("kind"), via=data.get("via"), **ends, evidence=list(data.get("evidence") or ()))


def _figures(G):
    """(subject, measure, time) -> the figures about one actor of one measure for one time."""
    found = {}
    for node, figures in G.nodes(data="figures"):
        for figure in figures or ():
            found.setdefault((node, figure.get("measure"), figure.get("time")), []).append(figure)
    return found


def _value(figure):
    return (figure.get("value"), figure.get("unit"), figure.get("qualifier"))


def _value_order(figure):
    return tuple(str(part) for part in _value(figure)) + (str(figure.get("iri")),)


def _sort_key(key):
    return tuple("" if part is None else str(part) for part in key)


def _figure_row(change, key, G, before, after):
    subject, measure, time = key
    data = G.nodes[subject]
    shown = after or before

    def side(figure):
        if figure is None:
            return None
        return {"value": figure.get("value"), "unit": figure.get("unit"), "qualifier": figure.get("qualifier"),
                "iri": figure.get("iri")}

    return {"change": change, "subject": subject, "subject_label_en": data.get("label_en") or subject,
            "subject_label_zh": data.get("label_zh") or subject, "measure": measure,
            "measure_en": shown.get("measure_en") or _local(measure), "measure_zh": shown.get("measure_zh") or _local(measure),
            "time": time, "old": side(before), "new": side(after)}


def _graphs(store):
    """Graph IRI (None: the default graph) -> set of its triples as N-Triples lines.

    Each graph is written by Oxigraph's serializer (a store of another kind is copied into an Oxigraph
    store first), so both sides spell equal terms alike and the lines compare as the triples do, without
    a Python object per term. A store whose default graph answers with the union of every graph (a
    SPARQL endpoint may) would list every named triple again under None: only triples in no named graph
    are kept there.
    """
    import pyoxigraph

    from kg.stores.oxigraph import HIDDEN_GRAPHS

    inner = getattr(store, "inner", None)
    if not isinstance(inner, pyoxigraph.Store):
        inner = pyoxigraph.Store()
        inner.extend(store.quads())
    graphs = {}
    # kg's own copy of the merged default graph is no graph of the data (kg.stores.oxigraph)
    for name in [None] + sorted(graph.value for graph in inner.named_graphs() if graph.value not in HIDDEN_GRAPHS):
        target = pyoxigraph.DefaultGraph() if name is None else pyoxigraph.NamedNode(name)
        text = inner.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=target).decode("utf-8")
        if text:
            graphs[name] = set(text.splitlines())
    if None in graphs:
        graphs[None] -= set().union(*(lines for name, lines in graphs.items() if name is not None))
        if not graphs[None]:
            del graphs[None]
    return graphs


def _union(graphs):
    return {None: set().union(*graphs.values())} if graphs else {}


def _has_blank(lines):
    """Whether any line may hold a blank node (a literal that reads like one only costs the slower path)."""
    return any("_:" in line and (line.startswith("_:") or " _:" in line) for line in lines)


def _compare(before, after, sample):
    """Counts (and a sample) of the triples of one graph only on one side, and in both."""
    if _has_blank(before) or _has_blank(after):
        from rdflib.compare import graph_diff

        both, only_old, only_new = graph_diff(_rdflib(before), _rdflib(after))
        method, shared = "rdflib.compare", len(both)
        old_lines = [" ".join(term.n3() for term in triple) + " ." for triple in only_old]
        new_lines = [" ".join(term.n3() for term in triple) + " ." for triple in only_new]
    else:
        method, shared = "set", len(before & after)
        old_lines, new_lines = before - after, after - before
    return {"old": len(before), "new": len(after), "both": shared, "only_old": len(old_lines),
            "only_new": len(new_lines), "only_old_sample": sorted(old_lines)[:sample],
            "only_new_sample": sorted(new_lines)[:sample], "method": method}


def _rdflib(lines):
    from rdflib import Graph

    return Graph().parse(data="\n".join(lines), format="nt")
