"""Brokerage: Gould–Fernandez roles over sectors, Burt's constraint and effective size.

All three run on the simple undirected view (:func:`kg.analysis.network.undirected`). A **broker** is the
middle actor ``b`` of an open triad ``a – b – c`` (``a`` and ``c`` not tied directly). Gould and
Fernandez (1989) name its role by the groups (here: triple-helix sectors, :mod:`kg.analysis.helix`) of
the three:

=================================  =====================================================
role                               groups
=================================  =====================================================
``coordinator``                    a, b and c in one group
``gatekeeper_representative``      b shares its group with one of a and c only
``itinerant``                      a and c in one group, b in another
``liaison``                        a, b and c in three groups
=================================  =====================================================

Gatekeeper and representative differ only by the direction of the flow (``a → b → c``: gatekeeper when
b is in c's group, representative when in a's). The network's directions are modelling conventions (a
member points to its consortium), not flows, so the two are counted together. Only triads whose two
ends both have a sector count; a broker without a sector (a consortium, a person) is in a group of its
own, so it can be itinerant or liaison, never coordinator.

Burt's **constraint** (low: an actor whose contacts are not tied to each other) and **effective size**
(the number of contacts less their redundancy) are networkx's, unweighted.

>>> import networkx as nx
>>> U = nx.Graph([("uni", "hub"), ("firm", "hub"), ("firm2", "hub")])
>>> sectors = {"uni": "university", "firm": "enterprise", "firm2": "enterprise"}
>>> gould_fernandez(U, sectors)["hub"]
{'coordinator': 0, 'gatekeeper_representative': 0, 'itinerant': 1, 'liaison': 2, 'total': 3}
"""

import math

import networkx as nx

__all__ = ["ROLES", "gould_fernandez", "constraint", "effective_size"]

#: Gould–Fernandez roles, in the order rows list them
ROLES = ("coordinator", "gatekeeper_representative", "itinerant", "liaison")


def gould_fernandez(U, sectors, nodes=None):
    """Gould–Fernandez brokerage counts of every actor (or of ``nodes``) over ``sectors``.

    Parameters
    ----------
    U : networkx.Graph
        The undirected actor network.
    sectors : dict
        Node -> group (a sector IRI, or any hashable); nodes missing or mapped to None have no group.
    nodes : iterable, optional
        Brokers to count for (default: all).

    Returns
    -------
    dict
        Node -> ``{role: count, ..., "total": count}`` with the roles of :data:`ROLES`.

    Examples
    --------
    >>> U = nx.Graph([("a", "b"), ("b", "c"), ("a", "c")])  # a closed triad brokers nothing
    >>> gould_fernandez(U, {"a": 1, "b": 1, "c": 1})["b"]["total"]
    0
    >>> gould_fernandez(nx.Graph([("a", "b"), ("b", "c")]), {"a": 1, "b": 1, "c": 1})["b"]["coordinator"]
    1
    """
    # Every pair of the broker's ends is counted by sector arithmetic (how many ends of each sector), then
    # the closed pairs (ends tied to each other) are taken away, counted sector by sector with C-speed set
    # intersections instead of a Python loop over every pair of neighbours.
    found = {}
    adjacency = {n: set(neighbours) - {n} for n, neighbours in U.adjacency()}  # a self-loop ties nothing
    for broker in (U if nodes is None else nodes):
        own = sectors.get(broker)
        groups = {}  # sector -> the broker's ends in it
        for n in adjacency[broker]:
            sector = sectors.get(n)
            if sector is not None:
                groups.setdefault(sector, set()).add(n)
        sizes = {sector: len(ends) for sector, ends in groups.items()}
        total, mine = sum(sizes.values()), sizes.get(own, 0) if own is not None else 0
        same_other = sum(c * (c - 1) // 2 for sector, c in sizes.items() if sector != own or own is None)
        counts = {"coordinator": mine * (mine - 1) // 2,
                  "gatekeeper_representative": mine * (total - mine),
                  "itinerant": same_other,
                  "liaison": (total - mine) * (total - mine - 1) // 2 - same_other}
        if total > 1:
            closed = dict.fromkeys(ROLES, 0)
            for group_a, ends_a in groups.items():
                for group_c, ends_c in groups.items():
                    tied = sum(len(adjacency[a] & ends_c) for a in ends_a)
                    if tied:
                        closed[_role(group_a, own, group_c)] += tied
            for role in ROLES:
                counts[role] -= closed[role] // 2  # each closed pair was seen from both of its ends
        counts["total"] = sum(counts[role] for role in ROLES)
        found[broker] = counts
    return found


def constraint(U):
    """Burt's constraint of every actor (networkx's, unweighted); ``None`` for an isolated actor.

    >>> constraint(nx.Graph([("a", "b"), ("a", "c")]))["a"]
    0.5
    """
    return {node: (None if _missing(value) else value) for node, value in nx.constraint(U).items()}


def effective_size(U):
    """Burt's effective size of every actor (networkx's, unweighted); ``None`` for an isolated actor.

    >>> effective_size(nx.Graph([("a", "b"), ("a", "c"), ("b", "c"), ("a", "d")]))["a"]
    2.3333333333333335
    """
    return {node: (None if _missing(value) else value) for node, value in nx.effective_size(U).items()}


# helpers

def _role(group_a, group_b, group_c):
    if group_b is not None and group_a == group_b == group_c:
        return "coordinator"
    if group_a == group_c:
        return "itinerant"
    if group_b is not None and group_b in (group_a, group_c):
        return "gatekeeper_representative"
    return "liaison"


def _missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))
