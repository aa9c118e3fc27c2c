"""The graph in time: dated facts in order, and the network as it stood on a date.

What is dated
    An actor with ``ikg:date`` (an event held, an agreement signed) or ``ikg:startDate`` (a mechanism,
    pilot or cooperation begun); a figure with its ``ikg:time`` (the period it holds for). A relation
    is dated by its ends: it cannot hold before both of them exist, so its date is the later of its
    ends' dates; between two undated actors it is undated. Everything else is **undated**: the article
    states it, but not when it became true.

As of a date (:func:`as_of`)
    Kept: what was true or stated by then. An actor, relation or figure dated after the date is left
    out; undated ones are kept and flagged (node attribute ``undated``; a relation is undated when both
    its ends are, :func:`relation_date`), or dropped with ``dated_only``. Dates of different precision
    are compared at the coarser one: a fact of "2024" is kept as of "2024-06" (its year has begun), a
    fact of "2024-07" is not kept as of "2024-06-30".

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("agreement", figures=[], collectives=[]); G.add_node("firm", figures=[], collectives=[])
>>> G.add_edge("agreement", "firm", key="urn:party")
'urn:party'
>>> dates = {"nodes": {"agreement": [{"predicate": "date", "date": "2024-07", "evidence": []}]}, "figures": {}}
>>> sorted(as_of(G, dates, "2024-06"))
['firm']
>>> sorted(as_of(G, dates, "2024"))
['agreement', 'firm']
>>> sorted(as_of(G, dates, "2025", dated_only=True))
['agreement']
"""

import calendar
import gc
import itertools
import re

import networkx as nx

from kg.errors import BadArgument

__all__ = ["parse_date", "not_after", "read_dates", "node_date", "relation_date", "as_of", "timeline"]

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

_Q_DATES = """
SELECT ?node ?p ?date WHERE {
  VALUES ?p { ikg:date ikg:startDate }
  ?node ?p ?date .
  FILTER(isIRI(?node))
}"""

_Q_DATE_EVIDENCE = """
SELECT ?e ?s ?p ?span ?start ?end ?source WHERE {
  VALUES ?p { ikg:date ikg:startDate schema:value ikg:time }
  ?e rdf:subject ?s ; rdf:predicate ?p ; ikg:span ?span .
  OPTIONAL { ?e ikg:start ?start }
  OPTIONAL { ?e ikg:end ?end }
  OPTIONAL { ?e prov:wasDerivedFrom ?source }
}"""


def parse_date(text):
    """A date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a clear error otherwise).

    >>> parse_date(" 2024-07 ")
    '2024-07'
    >>> parse_date("July 2024")
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: 'July 2024' is not a date; give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-07)
    >>> parse_date("2023-02-29")
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: '2023-02-29' is not a date: 2023-02 has no day 29
    """
    value = str(text or "").strip()
    if not _DATE.match(value):
        raise BadArgument(f"{text!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-07)")
    year, month, day = (int(part) for part in (value.split("-") + ["1", "1"])[:3])
    if year == 0:  # the calendar has no year 0 (1 BC is followed by AD 1)
        raise BadArgument(f"{text!r} is not a date: there is no year 0000")
    if day > calendar.monthrange(year, month)[1]:
        raise BadArgument(f"{text!r} is not a date: {year:04d}-{month:02d} has no day {day}")
    return value


def not_after(date, when):
    """True when ``date`` is not after ``when``, compared at the coarser of their precisions.

    >>> not_after("2024", "2024-06"), not_after("2024-07", "2024-06-30"), not_after("2023-12-31", "2024")
    (True, False, True)
    """
    date, when = str(date), str(when)
    size = min(len(date), len(when))
    return date[:size] <= when[:size]


def read_dates(store):
    """The dated facts of a store: ``{"nodes": {IRI: [{"predicate", "date", "evidence"}]}, "figures":
    {figure IRI: [evidence]}}`` (``predicate`` is ``date`` or ``startDate``; evidence dicts ``span``,
    ``start``, ``end``, ``source``).

    >>> import kg
    >>> with kg.open() as g:
    ...     found = read_dates(g.store)
    >>> found["nodes"]["https://w3id.org/innovation-kg/id/agreement/gansu-yazhou-bay-national-laboratory-strategic-cooperation-agreement"][0]["date"]
    '2024-07'
    """
    from kg.namespaces import sparql_prologue
    from kg.stores import as_store

    store = as_store(store)
    evidence = {}
    for _, subject, predicate, span, start, end, source in store.select(sparql_prologue() + _Q_DATE_EVIDENCE):
        evidence.setdefault((subject, predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]), []).append(
            dict(span=_value(span), start=_number(start), end=_number(end), source=source))
    nodes = {}
    for node, predicate, date in store.select(sparql_prologue() + _Q_DATES):
        name = predicate.rsplit("#", 1)[-1]
        nodes.setdefault(node, []).append(dict(predicate=name, date=str(_value(date)),
                                               evidence=_sorted(evidence.get((node, name), []))))
    for found in nodes.values():
        found.sort(key=lambda item: (item["date"], item["predicate"]))
    figures = {}
    for (subject, name), items in evidence.items():
        if name in ("value", "time"):
            figures.setdefault(subject, []).extend(items)
    return {"nodes": nodes, "figures": {k: _sorted(v) for k, v in figures.items()}}


def node_date(dates, node):
    """The earliest date stated for ``node`` (when it began or took place), or None.

    >>> node_date({"nodes": {"a": [{"date": "2015"}, {"date": "2020"}]}}, "a"), node_date({"nodes": {}}, "b")
    ('2015', None)
    """
    found = dates["nodes"].get(node)
    return min(item["date"] for item in found) if found else None


def relation_date(source_date, target_date):
    """A relation's date from its ends' dates: the later one (it cannot hold before both exist), None
    between undated ends. Of a graph taken :func:`as_of` a date, ``relation_date(G.nodes[u]["since"],
    G.nodes[v]["since"])``.

    >>> relation_date("2015", "2024-07"), relation_date(None, "2020"), relation_date(None, None)
    ('2024-07', '2020', None)
    """
    if source_date is None:
        return target_date
    return source_date if target_date is None else max(source_date, target_date)


def as_of(G, dates, when, *, dated_only=False, copy=True):
    """The projection ``G`` as it stood on ``when`` (module docstring): a filtered copy, or ``G`` itself
    filtered in place with ``copy=False`` (for a projection its caller owns, fresh from the cache).

    Nodes get ``since`` (their date or None) and ``undated`` (bool); a relation's date follows from its
    ends' (:func:`relation_date`), so edges are left as they are and exports write it out. Node
    ``figures`` and ``collectives`` keep only those not after ``when`` (undated figures too, unless
    ``dated_only``). ``G.graph["as_of"]`` says what was done: ``date``, ``dated_only``,
    ``dropped_actors``, ``dropped_relations``, ``dropped_figures``, ``undated_actors``,
    ``undated_relations`` (kept).

    Only the dated actors are looked up and only the later ones removed; the one pass is over the
    nodes, whose flags it sets. Writing a flag into every edge too doubled the filter's cost at 1M
    triples (every edge's attribute dict grows), and in place the filter now adds a few percent to
    reading the projection, where a copy doubles it (bench/commands.py as-of).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", figures=[{"iri": "f1", "time": "2023"}, {"iri": "f2", "time": "2025"}], collectives=[])
    >>> H = as_of(G, {"nodes": {}, "figures": {}}, "2024")
    >>> [f["iri"] for f in H.nodes["a"]["figures"]], H.nodes["a"]["undated"], H.graph["as_of"]["dropped_figures"]
    (['f1'], True, 1)
    >>> len(G.nodes["a"]["figures"]), "undated" in G.nodes["a"]  # the copy's filter left G alone
    (2, False)
    >>> as_of(G, {"nodes": {}, "figures": {}}, "2024", copy=False) is G, len(G.nodes["a"]["figures"])
    (True, 1)
    """
    when = parse_date(when)
    enabled = gc.isenabled()
    gc.disable()  # new lists and values for every node and no cycles: collecting meanwhile is waste at 1M
    try:
        return _as_of(G.copy() if copy else G, dates, when, bool(dated_only))
    finally:
        if enabled:
            gc.enable()


def _as_of(G, dates, when, dated_only):
    since = {node: node_date(dates, node) for node in dates["nodes"] if node in G}
    drop = [node for node, date in since.items() if not not_after(date, when)]
    if dated_only:
        drop += [node for node in G if node not in since]
    gone = set(drop)
    dropped_relations = _relations_of(G, drop, gone)  # they go with their ends
    G.remove_nodes_from(drop)
    report = dict(date=when, dated_only=dated_only, dropped_actors=len(drop), dropped_relations=dropped_relations,
                  dropped_figures=0, undated_actors=0, undated_relations=0)
    for node, data in G.nodes(data=True):
        date = since.get(node)
        data["since"], data["undated"] = date, date is None
        report["undated_actors"] += date is None
        figures, collectives = data.get("figures") or (), data.get("collectives") or ()
        if figures or collectives:  # new lists, never the old ones changed: a copy shares them with G
            kept_figures = [f for f in figures if _keep_figure(f, when, dated_only)]
            kept = {f.get("iri") for f in kept_figures}
            data["collectives"] = [c for c in collectives if c.get("figure") in kept or
                                   (c.get("figure") is None and _keep_figure(c, when, dated_only))]
            data["figures"] = kept_figures
            report["dropped_figures"] += len(figures) - len(kept_figures)
    relations = sum(map(len, itertools.chain.from_iterable(neighbours.values() for _, neighbours in G.adjacency())))
    dated_relations = _relations_of(G, [node for node in since if node not in gone], since)
    report["undated_relations"] = relations - dated_relations
    G.graph["as_of"] = report
    return G


def _relations_of(G, nodes, among):
    """How many relations of multigraph ``G`` have an end in ``nodes`` (all of them in ``among``), each
    counted once: the out-edges of ``nodes``, and their in-edges from outside ``among``."""
    return (sum(len(keys) for node in nodes for keys in G.succ[node].values()) +
            sum(len(keys) for node in nodes for other, keys in G.pred[node].items() if other not in among))


def timeline(G, dates, actor=None):
    """Dated facts in order (earliest first), each with its evidence: actors' dates and figures.

    ``actor`` (an IRI) keeps the facts about it and about its direct neighbours' dated events and
    agreements it takes part in. Returns dicts ``date``, ``kind`` (``date``, ``startDate`` or
    ``figure``), ``actor``, ``label_en``, ``label_zh``, ``what_en``, ``what_zh``, ``value``, ``unit``,
    ``qualifier``, ``figure`` (IRI or None) and ``evidence``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", label_en="Event", figures=[{"iri": "f", "time": "2024-10", "value": 10, "unit": "位",
    ...                                            "measure_en": "experts"}])
    >>> dates = {"nodes": {"e": [{"predicate": "date", "date": "2024-10", "evidence": []}]}, "figures": {}}
    >>> [(f["date"], f["kind"], f["what_en"]) for f in timeline(G, dates)]
    [('2024-10', 'date', 'date'), ('2024-10', 'figure', 'experts')]
    """
    keep = None
    if actor is not None:
        keep = {actor} | {n for n in nx.all_neighbors(G, actor) if n in dates["nodes"]}
    facts = []
    for node, data in G.nodes(data=True):
        if keep is not None and node not in keep:
            continue
        names = dict(actor=node, label_en=data.get("label_en", node), label_zh=data.get("label_zh", node))
        for item in dates["nodes"].get(node, ()):
            what_zh = "起始" if item["predicate"] == "startDate" else "日期"
            facts.append(dict(date=item["date"], kind=item["predicate"], **names, what_en=_words(item["predicate"]),
                              what_zh=what_zh, value=None, unit=None, qualifier=None, figure=None,
                              evidence=item["evidence"]))
        if keep is not None and node != actor:
            continue  # a neighbour's own figures are its story, not this actor's
        for figure in data.get("figures") or ():
            if figure.get("time") is None:
                continue
            facts.append(dict(date=str(figure["time"]), kind="figure", **names, what_en=figure.get("measure_en"),
                              what_zh=figure.get("measure_zh"), value=figure.get("value"), unit=figure.get("unit"),
                              qualifier=figure.get("qualifier"), figure=figure.get("iri"),
                              evidence=dates["figures"].get(figure.get("iri"), [])))
    order = {"startDate": 0, "date": 1, "figure": 2}
    facts.sort(key=lambda f: (f["date"], order[f["kind"]], str(f["actor"]), str(f["figure"])))
    return facts


# helpers

def _keep_figure(figure, when, dated_only):
    time = figure.get("time")
    return (not dated_only) if time is None else not_after(time, when)


def _words(name):
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _value(term):
    return getattr(term, "value", term)


def _number(term):
    value = _value(term)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return value


def _sorted(evidence):
    unique = {(e["span"], e["start"], e["end"], e["source"]): e for e in evidence}
    return sorted(unique.values(), key=lambda e: (e["start"] if isinstance(e["start"], int) else -1, str(e["span"])))
