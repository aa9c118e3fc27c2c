"""Counted-but-unnamed groups, counted honestly: one count of one kind, never a sum of unlike counts.

The article counts some groups without naming their members ("64 chain enterprises", "2,600 trainees
from 130 countries"). The projection keeps each such figure on the node that counts it (the node
attribute ``collectives``, :mod:`kg.analysis.network`). A count is a fact of one **kind**: its measure,
the class or role of what it counts, its unit, its time and its source. Two counts of different kinds
are never added: 2,600 people and 130 countries are not 2,730 of anything, and Gansu's 2,442 high-tech
enterprises and 244 SMEs may overlap. So each actor gets

- its **named degree**: how many distinct named actors it is tied to (the network's own count);
- its **largest counted group**: the single largest count, shown with its unit, measure and time;
- every other counted group listed beside it, not summed.

>>> attrs = {"collectives": [
...     {"count": 130, "unit": "个", "measure": "urn:m:countries", "measure_en": "countries", "time": "2025"},
...     {"count": 2600, "unit": "名", "measure": "urn:m:trained", "measure_en": "people trained", "time": "2025"}]}
>>> largest = largest_group(counted_groups(attrs))
>>> largest["count"], largest["unit"]
(2600, '名')
>>> group_text(largest)
'2,600 名 people trained (2025)'
"""

__all__ = ["counted_groups", "largest_group", "group_text", "group_kind", "collective_columns", "QUALIFIER_WORDS",
           "COLLECTIVE_COLUMNS"]

#: the columns ``kg centrality --collectives`` adds, in order: JSON key -> table header
COLLECTIVE_COLUMNS = {
    "named_degree": "named degree",
    "largest_counted_group": "largest counted group",
    "counted_as": "counted as",
    "other_counted_groups": "other counted groups",
}


def group_kind(group):
    """What makes two counts the same kind: ``(measure, class, role, unit, time, source)``.

    Counts of the same kind may replace one another (a later statement of the same figure); counts of
    different kinds are never added.

    >>> group_kind({"measure": "urn:m", "unit": "家", "time": "2024"})
    ('urn:m', None, None, '家', '2024', None)
    """
    return tuple(group.get(key) for key in ("measure", "class", "role", "unit", "time", "source"))


def counted_groups(attrs):
    """The counted groups of one node's attributes, one per kind, largest first.

    Counts that are not numbers are dropped (they cannot be compared); the same kind stated twice (two
    records of one figure) is kept once, at its larger count. Ties are broken by measure IRI and time so
    the order never depends on the store.

    Parameters
    ----------
    attrs : dict
        A node's attribute dict from the projection (only ``collectives`` is read).

    Returns
    -------
    list of dict
        Copies of the collective dicts: ``count``, ``unit``, ``measure``, ``measure_en``, ``measure_zh``,
        ``class``, ``role``, ``time``, ``qualifier`` (the figure's: ``more-than``, ``approximately``...; or
        ``None``), and ``figure`` when present.

    Examples
    --------
    >>> counted_groups({"collectives": [{"count": 64, "measure": "urn:m", "time": "2024"},
    ...                                 {"count": 50, "measure": "urn:m", "time": "2023"},
    ...                                 {"count": "many", "measure": "urn:n"}]})[1]["count"]
    50
    >>> counted_groups({})
    []
    """
    qualifiers = {f.get("iri"): f.get("qualifier") for f in attrs.get("figures") or () if f.get("qualifier")}
    by_kind = {}
    for group in attrs.get("collectives") or ():
        count = group.get("count")
        if isinstance(count, bool) or not isinstance(count, (int, float)):
            continue
        kind = group_kind(group)
        if kind not in by_kind or count > by_kind[kind]["count"]:
            by_kind[kind] = dict(group, qualifier=group.get("qualifier") or qualifiers.get(group.get("figure")))
    return sorted(by_kind.values(), key=lambda g: (-g["count"], str(g.get("measure")), str(g.get("time"))))


def largest_group(groups):
    """The single largest counted group of :func:`counted_groups`, or ``None`` when there is none.

    >>> largest_group([{"count": 3}, {"count": 2442}])["count"]
    2442
    >>> largest_group([]) is None
    True
    """
    return max(groups, key=lambda g: g["count"], default=None) if groups else None


def group_text(group, lang="en"):
    """One counted group as text: the count with its unit, what is counted, and when.

    >>> group_text({"count": 64, "unit": "家", "measure_zh": "链上企业", "measure_en": "chain enterprises",
    ...             "time": "2024"}, "zh")
    '64 家 链上企业 (2024)'
    >>> group_text({"count": 130, "unit": "个", "measure_en": "countries", "qualifier": "more-than"})
    'more than 130 个 countries'
    >>> group_text(None)
    ''
    """
    if not group:
        return ""
    count = group["count"]
    number = f"{count:,}" if isinstance(count, int) else f"{count:,.6g}"
    qualifier = group.get("qualifier")
    if qualifier:
        number = QUALIFIER_WORDS.get(lang, QUALIFIER_WORDS["en"]).get(qualifier, qualifier + " ") + number
    unit = f" {group['unit']}" if group.get("unit") else ""
    other = "en" if lang == "zh" else "zh"
    what = group.get(f"measure_{lang}") or group.get(f"measure_{other}") or group.get("measure") or ""
    when = f" ({group['time']})" if group.get("time") else ""
    return f"{number}{unit} {what}{when}".strip()


def collective_columns(U, node):
    """The columns ``--collectives`` adds for one actor of the undirected network ``U``.

    Returns a dict with the keys of :data:`COLLECTIVE_COLUMNS`: ``named_degree`` (int, distinct named
    neighbours), ``largest_counted_group`` (the largest single count, or ``None``), ``counted_as`` (that
    group: ``count``, ``unit``, ``measure``, ``measure_en``, ``measure_zh``, ``time``, or ``None``) and
    ``other_counted_groups`` (the other groups, the same way, each on its own: never added to anything).
    :func:`group_text` writes a group for reading.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("programme", "university")])
    >>> U.nodes["programme"]["collectives"] = [
    ...     {"count": 130, "unit": "个", "measure_en": "countries", "measure": "urn:m:c", "time": "2025"},
    ...     {"count": 2600, "unit": "名", "measure_en": "trainees", "measure": "urn:m:t", "time": "2025"}]
    >>> row = collective_columns(U, "programme")
    >>> row["named_degree"], row["largest_counted_group"], group_text(row["counted_as"])
    (1, 2600, '2,600 名 trainees (2025)')
    >>> [group_text(group) for group in row["other_counted_groups"]]
    ['130 个 countries (2025)']
    """
    groups = [_plain_group(group) for group in counted_groups(U.nodes[node])]
    largest = groups[0] if groups else None
    return {
        "named_degree": U.degree(node),
        "largest_counted_group": largest["count"] if largest else None,
        "counted_as": largest,
        "other_counted_groups": groups[1:],
    }


# helpers

_GROUP_KEYS = ("count", "unit", "measure", "measure_en", "measure_zh", "class", "role", "time", "qualifier")

#: how a figure's qualifier is written before its number
QUALIFIER_WORDS = {
    "en": {"approximately": "about ", "more-than": "more than ", "at-least": "at least ", "nearly": "nearly "},
    "zh": {"approximately": "约", "more-than": "超过", "at-least": "至少", "nearly": "近"},
}


def _plain_group(group):
    return {key: group.get(key) for key in _GROUP_KEYS}
