"""What the view's control panel switches between: colour groups (class, community, sector) and dates.

:func:`kg.view.data.view_data` puts both in the page's data, so the browser can recolour the actors and
replay the graph in time without asking Python again:

- **colour groups** (:func:`groupings`): for each of :data:`GROUPINGS` the list of legend entries (``name``,
  ``en``, ``zh``, ``color``; ``count`` is added by the caller) and, per node, its entry's position. The
  sector of an actor is its triple-helix sector from the ontology (``ontology/sectors.ttl``, read by
  :func:`kg.analysis.helix.read_scheme`); actors of classes with no sector (people, places, policies,
  the collaborations themselves) form one "no sector" group. Without a scheme there is no sector grouping.
- **dates** (:func:`node_dates`, :func:`date_steps`): each node's date as :func:`kg.analysis.timeline.as_of`
  reads it (the earliest ``ikg:date``/``ikg:startDate``; None: undated), each edge's date the later of its
  ends' (:func:`kg.analysis.timeline.relation_date`), and the slider's steps.

The page hides a node exactly when ``as_of`` would drop it: dated after the step, compared at the coarser
precision (:func:`kg.analysis.timeline.not_after`); so a step's date means the *end* of its period, and
steps are ordered by that end ("2024-07" before "2024", which keeps everything of 2024).

>>> date_steps(["2021", "2024-07", None], ["2024"])
['2021', '2022', '2023', '2024-07', '2024']
"""

import re

__all__ = ["GROUPINGS", "AUTO_COMMUNITIES_MAX", "groupings", "sector_groups", "node_dates", "date_steps"]

#: the colourings the page can switch between, in the order its menu lists them
GROUPINGS = ("class", "community", "sector")

#: communities are found for every view of a network up to this many actors; above it only when the view
#: opens coloured by community (Louvain's time grows much faster than the rest of a view's)
AUTO_COMMUNITIES_MAX = 2000

# sector colours follow the class families: government red, academia blues, firms orange ...
_SECTOR_COLOURS = {
    "government": "#d64545", "university": "#2f6fca", "research-institute": "#1b9aaa", "enterprise": "#f08c2e",
    "intermediary": "#8e44ad", "finance": "#d4a017", "medical": "#e377c2", "foreign": "#3d7a2a",
}
_SPARE_COLOURS = ("#577590", "#43aa8b", "#f3722c", "#90be6d", "#277da1", "#9d4edd")
_NO_SECTOR = {"name": "sector-none", "en": "no sector (people, places, collaborations, policies ...)",
              "zh": "无部门（人物、地点、合作体、政策等）", "color": "#b8c0c8"}
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def groupings(shown, class_groups, community_groups=None, sector_scheme=None, G=None):
    """``({grouping: entries}, {grouping: node -> entry position})`` for the nodes ``shown``.

    ``class_groups`` and ``community_groups`` are ``(entries, group_of)`` pairs as
    :mod:`kg.view.data` builds them (``group_of(node, attrs)`` gives an entry's ``name``); the sector
    grouping is built here from ``sector_scheme``. A grouping not given (None) has entries None.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("u", classes=["urn:Uni"]); G.add_node("p", classes=[])
    >>> scheme = {"classes": {"urn:Uni": "urn:helix/university"},
    ...           "sectors": {"urn:helix/university": {"en": "university", "zh": "高校", "order": 2}}}
    >>> plain = ([{"name": "X"}], lambda node, attrs: "X")
    >>> entries, index = groupings(["u", "p"], plain, plain, scheme, G)
    >>> [e["en"][:9] for e in entries["sector"]], index["sector"]
    (['universit', 'no sector'], {'u': 0, 'p': 1})
    """
    entries, index = {}, {}
    found = {"class": class_groups}
    if community_groups is not None:
        found["community"] = community_groups
    if sector_scheme is not None:
        found["sector"] = sector_groups(G, shown, sector_scheme)
    for name in GROUPINGS:
        if name not in found:
            entries[name], index[name] = None, None
            continue
        groups, group_of = found[name]
        position = {entry["name"]: k for k, entry in enumerate(groups)}
        entries[name] = groups
        index[name] = {node: position[group_of(node, G.nodes[node] if G is not None else {})] for node in shown}
    return entries, index


def sector_groups(G, shown, scheme):
    """Legend entries for the sectors of the actors ``shown`` (in the scheme's order, "no sector" last) and
    ``group_of(node, attrs)``, as :func:`groupings` takes them.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("gov", classes=["urn:Gov"])
    >>> scheme = {"classes": {"urn:Gov": "urn:helix/government"},
    ...           "sectors": {"urn:helix/government": {"en": "government", "zh": "政府", "order": 1}}}
    >>> entries, group_of = sector_groups(G, ["gov"], scheme)
    >>> [(e["name"], e["color"]) for e in entries], group_of("gov", {})
    ([('urn:helix/government', '#d64545')], 'urn:helix/government')
    """
    from kg.analysis.helix import actor_sectors

    of = actor_sectors(G.subgraph(shown), scheme)
    names = scheme["sectors"]
    present = {of[node] for node in shown}
    ordered = sorted((s for s in present if s is not None), key=lambda s: (names.get(s, {}).get("order", 99), s))
    spare = iter(_SPARE_COLOURS * (1 + len(ordered)))
    entries = []
    for sector in ordered:
        local = sector.rsplit("/", 1)[-1]
        label = names.get(sector, {})
        entries.append({"name": sector, "en": label.get("en", local), "zh": label.get("zh", local),
                        "color": _SECTOR_COLOURS.get(local) or next(spare)})
    if None in present:
        entries.append(dict(_NO_SECTOR))
    return entries, lambda node, attrs: of[node] if of[node] is not None else _NO_SECTOR["name"]


def node_dates(G, nodes, dates=None):
    """Node -> its date (str) or None (undated), as :func:`kg.analysis.timeline.as_of` dates it.

    ``dates`` is :func:`kg.analysis.timeline.read_dates`' answer (``KnowledgeGraph.dates()``); without it
    a node's ``since`` attribute (set on a graph already cut by ``as_of``) is used, else it is undated.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("a"); G.add_node("b", since="2020")
    >>> node_dates(G, ["a", "b"], {"nodes": {"a": [{"date": "2024-07"}, {"date": "2015"}]}})
    {'a': '2015', 'b': None}
    >>> node_dates(G, ["a", "b"])
    {'a': None, 'b': '2020'}
    """
    if dates is not None:
        from kg.analysis.timeline import node_date

        return {node: node_date(dates, node) for node in nodes}
    return {node: G.nodes[node].get("since") for node in nodes}


def date_steps(node_dates, figure_times=()):
    """The slider's steps: every year from the earliest to the latest date (of actors and figures),
    and every finer date stated, ordered by the end of its period; a step whose period ends with
    another's is left out (same end, same facts kept: "2024-12" and "2024-12-31" go, "2024" stays). Empty when
    nothing is dated. Figure times that are not dates (``YYYY[-MM[-DD]]``) are ignored.

    >>> date_steps(["2015", "2017-03-05"], ["2016-12", "2017-12-31", "about 2018"])
    ['2015', '2016', '2017-03-05', '2017']
    >>> date_steps([None], [])
    []
    """
    found = {str(d) for d in list(node_dates) + list(figure_times) if d is not None and _DATE.match(str(d))}
    if not found:
        return []
    years = sorted({int(d[:4]) for d in found})
    candidates = found | {str(year) for year in range(years[0], years[-1] + 1)}
    steps, ends = [], set()
    for step in sorted(candidates, key=lambda d: (_period_end(d), len(d))):
        if _period_end(step) not in ends:
            ends.add(_period_end(step))
            steps.append(step)
    return steps


# helpers

def _period_end(date):
    """(year, month, day) of the last day a date's period may reach (a month's day 31 is enough to order)."""
    parts = [int(p) for p in date.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else 31)
