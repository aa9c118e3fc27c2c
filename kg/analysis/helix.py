"""The triple helix: each actor's sector, the sector mix of collaborations, cross-sector ties, E-I index,
and how much a collaboration's members depend on its leader.

Sectors come from the ontology, not from code: ``ontology/sectors.ttl`` gives classes an
``ikg:helixSector`` (subclasses inherit; the most specific class that has one wins) and marks leader
roles with ``ikg:leaderRole`` (牵头单位, 链主). :func:`read_scheme` reads them from a store; everything
else is a pure function of the projection and that scheme.

Collaborations
    Actors of class InnovationConsortium, IndustrialCluster, IndustrialChain, Project or Agreement.
    Their **members** are the actors tied to them by a membership (``org:Membership``, by its role:
    牵头单位, 成员单位, 合作成员单位, 链主...) or, for projects and agreements, by a participation
    relation (party, participant, led by, commissioned by, supported by), the relation standing for the role.

Cross-sector ties and the E-I index
    A tie is an edge of the undirected view between two actors that both have a sector. External (E):
    the sectors differ; internal (I): the same sector. E-I index = (E - I) / (E + I), from -1 (ties only
    within sectors) to +1 (only across).

Chain-leader dependence
    For a collaboration with a member in a leader role, over its other members: the share of their ties
    (to anyone but the collaboration itself) that go to the leader, and, with the collaboration node
    removed (through it, every pair of members is two steps apart), the mean share of shortest paths
    between two members that pass through the leader.

>>> import networkx as nx
>>> U = nx.Graph([("gov", "uni"), ("uni", "firm"), ("firm", "firm2")])
>>> ei = ei_index(U, {"gov": "G", "uni": "U", "firm": "E", "firm2": "E"})
>>> ei["external"], ei["internal"], ei["index"]
(2, 1, 0.3333333333333333)
"""

from collections import Counter, defaultdict

from kg.analysis.network import SMALL_NETWORK
from kg.namespaces import iri

__all__ = ["COLLABORATION_CLASSES", "PARTICIPATION_RELATIONS", "read_scheme", "actor_sectors", "members",
           "sector_mix", "ei_index", "cross_sector_ties", "leader_dependence"]

#: the classes whose members' sectors are mixed (local names)
COLLABORATION_CLASSES = ("InnovationConsortium", "IndustrialCluster", "IndustrialChain", "Project", "Agreement")

#: relations from a project or agreement to the actors taking part in it
PARTICIPATION_RELATIONS = tuple(iri(f"ikg:{name}") for name in
                                ("party", "participant", "ledBy", "commissionedBy", "supportedBy"))

_Q_SCHEME = """
SELECT ?cls ?sector ?zh ?en ?notation WHERE {
  { ?cls ikg:helixSector ?sector } UNION { ?scheme ikg:foreignSector ?sector }
  OPTIONAL { ?sector skos:prefLabel ?zh . FILTER(langMatches(lang(?zh), "zh")) }
  OPTIONAL { ?sector skos:prefLabel ?en . FILTER(langMatches(lang(?en), "en")) }
  OPTIONAL { ?sector skos:notation ?notation }
}"""

_Q_LEADERS = """SELECT ?role WHERE { ?role ikg:leaderRole true }"""

_Q_FOREIGN = """SELECT ?sector ?home WHERE { ?scheme ikg:foreignSector ?sector ; ikg:homeCountry ?home }"""

_LOCATED_IN = iri("ikg:locatedIn")
_COUNTRY = iri("ikg:Country")
_NEVER_FOREIGN = (iri("ikg:Place"), iri("ikg:Person"))  # places and people have no sector, abroad or not


def read_scheme(store):
    """The sector scheme the ontology defines: ``{"classes": {class IRI: sector IRI}, "sectors": {sector
    IRI: {"en", "zh", "order"}}, "leader_roles": [role IRIs], "foreign": {"sector": IRI, "home": [country
    IRIs]} or None}``.

    >>> import kg
    >>> with kg.open() as g:
    ...     scheme = read_scheme(g.store)
    >>> scheme["classes"]["https://w3id.org/innovation-kg/ontology#Academy"].rsplit("/", 1)[1]
    'research-institute'
    >>> [scheme["sectors"][s]["en"] for s in sorted(scheme["sectors"], key=lambda s: scheme["sectors"][s]["order"])][:3]
    ['government', 'university', 'research institute']
    >>> scheme["foreign"]["home"], scheme["sectors"][scheme["foreign"]["sector"]]["zh"]
    (['https://w3id.org/innovation-kg/id/place/china'], '境外')
    """
    from kg.namespaces import sparql_prologue
    from kg.stores import as_store

    store = as_store(store)
    classes, sectors = {}, {}
    for cls, sector, zh, en, notation in store.select(sparql_prologue() + _Q_SCHEME):
        if cls is not None:  # None: the foreign sector, which no class carries
            classes[cls] = sector
        text = getattr(notation, "value", notation)
        sectors[sector] = {"en": getattr(en, "value", en) or sector.rsplit("/", 1)[-1],
                           "zh": getattr(zh, "value", zh) or sector.rsplit("/", 1)[-1],
                           "order": int(text) if text and str(text).isdigit() else 99}
    leaders = sorted(role for role, in store.select(sparql_prologue() + _Q_LEADERS))
    foreign = None
    for sector, home in store.select(sparql_prologue() + _Q_FOREIGN):
        foreign = foreign or {"sector": sector, "home": []}
        foreign["home"] = sorted(set(foreign["home"]) | {home})
    return {"classes": classes, "sectors": sectors, "leader_roles": leaders, "foreign": foreign}


def actor_sectors(G, scheme):
    """Node -> sector IRI (or None): the sector of the most specific of its classes that has one, or the
    scheme's foreign sector for an actor located (``ikg:locatedIn``, followed through places) in a
    country other than the scheme's home country. Places and people have no sector, abroad or not.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("a", classes=["urn:Academy", "urn:Organization"]); G.add_node("p", classes=[])
    >>> actor_sectors(G, {"classes": {"urn:Academy": "urn:helix/research", "urn:Organization": "urn:other"}})
    {'a': 'urn:helix/research', 'p': None}

    A university in Russia, seen from China:

    >>> from kg.namespaces import iri
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ru", classes=[iri("ikg:Country"), iri("ikg:Place")]); G.add_node("u", classes=["urn:University"])
    >>> _ = G.add_edge("u", "ru", key=iri("ikg:locatedIn"))
    >>> actor_sectors(G, {"classes": {"urn:University": "urn:helix/university"},
    ...                   "foreign": {"sector": "urn:helix/foreign", "home": ["cn"]}})
    {'ru': None, 'u': 'urn:helix/foreign'}
    """
    mapping = scheme["classes"]
    foreign = scheme.get("foreign")
    found = {}
    for node, classes in G.nodes(data="classes"):
        sector = next((mapping[c] for c in classes or () if c in mapping), None)
        if foreign:
            country = _country_of(G, node)
            if (country is not None and country not in foreign["home"]
                    and not any(c in _NEVER_FOREIGN for c in classes or ())):
                sector = foreign["sector"]
        found[node] = sector
    return found


def _country_of(G, node, limit=8):
    """The country ``node`` is in (itself if it is one), following ikg:locatedIn up to ``limit`` steps;
    None when the chain reaches no country."""
    seen = set()
    for _ in range(limit):
        if _COUNTRY in (G.nodes[node].get("classes") or ()):
            return node
        seen.add(node)
        nxt = sorted(v for _, v, key in G.out_edges(node, keys=True) if key == _LOCATED_IN and v not in seen)
        if not nxt:
            return None
        node = nxt[0]
    return None


def members(G, collaboration):
    """The members of one collaboration: ``(member, role IRI, role label_en, role label_zh, evidence)``
    tuples, sorted (memberships into it; for projects and agreements, participation relations out of it).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("firm", "consortium", key="urn:role/lead", kind="membership", label_en="lead unit",
    ...            label_zh="牵头单位", evidence=[])
    'urn:role/lead'
    >>> [m[:2] for m in members(G, "consortium")]
    [('firm', 'urn:role/lead')]
    """
    found = set()
    for member, _, key, data in G.in_edges(collaboration, keys=True, data=True):
        if data.get("kind") == "membership" and member != collaboration:
            found.add((member, key, data.get("label_en") or key, data.get("label_zh") or key,
                       _spans(data.get("evidence"))))
    for _, member, key, data in G.out_edges(collaboration, keys=True, data=True):
        if key in PARTICIPATION_RELATIONS and member != collaboration:
            found.add((member, key, data.get("label_en") or key, data.get("label_zh") or key,
                       _spans(data.get("evidence"))))
    return [(m, role, en, zh, [dict(e) for e in ev]) for m, role, en, zh, ev in sorted(found, key=lambda t: t[:2])]


def sector_mix(G, sectors, scheme=None):
    """The sector mix of every collaboration, by role: a list of dicts ``collaboration``, ``label_en``,
    ``label_zh``, ``cls``, ``role``, ``role_en``, ``role_zh``, ``members`` (count), ``sectors`` (sector
    IRI or None -> count), ``evidence`` (the memberships' spans).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", cls="InnovationConsortium", classes=["urn:x#InnovationConsortium"])
    >>> for firm in ("f1", "f2"):
    ...     _ = G.add_edge(firm, "c", key="urn:role/member", kind="membership", label_en="member unit")
    >>> [(row["role_en"], row["sectors"]) for row in sector_mix(G, {"f1": "enterprise", "f2": "enterprise"})]
    [('member unit', {'enterprise': 2})]
    """
    rows = []
    for node, data in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
        if data.get("cls") not in COLLABORATION_CLASSES:
            continue
        by_role = defaultdict(list)
        for member, role, en, zh, evidence in members(G, node):
            by_role[(role, en, zh)].append((member, evidence))
        for (role, en, zh), found in sorted(by_role.items(), key=lambda item: item[0][1]):
            rows.append(dict(collaboration=node, label_en=data.get("label_en", node),
                             label_zh=data.get("label_zh", node), cls=data.get("cls"), role=role, role_en=en,
                             role_zh=zh, members=len(found),
                             sectors=dict(sorted(Counter(sectors.get(m) for m, _ in found).items(),
                                                 key=lambda item: str(item[0]))),
                             member_iris=[m for m, _ in found],
                             evidence=[e for _, evidence in found for e in evidence]))
    return rows


def ei_index(U, sectors, nodes=None):
    """Krackhardt and Stern's E-I index over the ties among actors that have a sector.

    ``nodes`` limits it to the ties between those actors (a community). Returns ``external``,
    ``internal``, ``index`` (None without ties) and ``ties`` (the pairs counted).

    >>> import networkx as nx
    >>> ei_index(nx.Graph([("a", "b")]), {"a": "G", "b": "G"})["index"]
    -1.0
    >>> ei_index(nx.Graph([("a", "b")]), {"a": "G"})["index"] is None
    True
    """
    keep = None if nodes is None else set(nodes)
    # a community's ties are among its members' edges: no pass over the whole network for each one
    edges = U.edges() if keep is None else ((u, v) for u, v in U.edges(keep) if v in keep)
    external = internal = 0
    ties = []
    for u, v in edges:
        su, sv = sectors.get(u), sectors.get(v)
        if su is None or sv is None:
            continue
        ties.append((u, v))
        if su == sv:
            internal += 1
        else:
            external += 1
    total = external + internal
    return {"external": external, "internal": internal, "index": (external - internal) / total if total else None,
            "ties": ties}


def cross_sector_ties(U, sectors):
    """Tie counts between every pair of sectors: ``{(sector a, sector b): count}`` with a <= b.

    >>> import networkx as nx
    >>> cross_sector_ties(nx.Graph([("a", "b"), ("b", "c")]), {"a": "G", "b": "U", "c": "U"})
    {('G', 'U'): 1, ('U', 'U'): 1}
    """
    counts = Counter()
    for u, v in U.edges():
        su, sv = sectors.get(u), sectors.get(v)
        if su is not None and sv is not None:
            counts[tuple(sorted((su, sv)))] += 1
    return dict(sorted(counts.items()))


def leader_dependence(G, U, leader_roles, *, engine=None):
    """How much each collaboration's members depend on its leader (module docstring).

    Returns a list of dicts: ``collaboration``, ``leader``, ``leader_role`` (and ``leader_role_zh``),
    ``members`` (the others),
    ``member_ties``, ``ties_to_leader``, ``tie_share`` (None without ties), ``pairs``, ``pairs_connected``
    (without the collaboration node), ``path_share`` (mean share of shortest member-to-member paths
    through the leader, over connected pairs; None when none) and ``evidence`` (spans of the memberships
    and of the ties counted).

    The path share is the leader's betweenness over the member pairs. ``engine``: ``"python"`` (breadth-
    first path counts), ``"igraph"`` (its C betweenness with the members as sources and targets; the
    same figures, tested) or None: igraph when it is installed and the network has 2,000 actors or more.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", cls="InnovationConsortium")
    >>> _ = G.add_edge("lead", "c", key="urn:lead", kind="membership")
    >>> for m in ("m1", "m2"):
    ...     _ = G.add_edge(m, "c", key="urn:member", kind="membership")
    ...     _ = G.add_edge(m, "lead", key="urn:partner", kind="relation")
    >>> from kg.analysis.network import undirected
    >>> row = leader_dependence(G, undirected(G), ["urn:lead"])[0]
    >>> row["leader"], row["tie_share"], row["path_share"]
    ('lead', 1.0, 1.0)
    """
    if engine not in (None, "python", "igraph"):
        raise ValueError(f"unknown engine {engine!r}: None, 'python' or 'igraph'")
    leaders = set(leader_roles)
    paths = None  # made once, when a collaboration has a leader
    rows = []
    for node, data in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
        if data.get("cls") not in COLLABORATION_CLASSES:
            continue
        found = members(G, node)
        for leader, role, role_en, role_zh, lead_evidence in found:
            if role not in leaders:
                continue
            others = sorted({m for m, *_ in found} - {leader})
            evidence = list(lead_evidence) + [e for m, *_, ev in found if m != leader for e in ev]
            ties = to_leader = 0
            for m in others:
                for neighbour in U[m]:
                    if neighbour == node:
                        continue
                    ties += 1
                    if neighbour == leader:
                        to_leader += 1
                        evidence += _spans(_undirected_evidence(U, m, leader))
            if paths is None:
                paths = _IgraphPaths(U) if _use_igraph(U, engine) else _PythonPaths(U)
            pairs, connected, share_sum = paths.through(node, leader, others)
            rows.append(dict(collaboration=node, label_en=data.get("label_en", node),
                             label_zh=data.get("label_zh", node), cls=data.get("cls"), leader=leader,
                             leader_en=G.nodes[leader].get("label_en", leader),
                             leader_zh=G.nodes[leader].get("label_zh", leader), leader_role=role_en,
                             leader_role_zh=role_zh,
                             members=len(others), member_ties=ties, ties_to_leader=to_leader,
                             tie_share=to_leader / ties if ties else None, pairs=pairs,
                             pairs_connected=connected, path_share=share_sum / connected if connected else None,
                             evidence=_unique(evidence)))
    return rows


# helpers

def _use_igraph(U, engine):
    if engine == "python" or (engine is None and len(U) < SMALL_NETWORK):
        return False
    try:
        import igraph  # noqa: F401
    except ImportError:
        if engine == "igraph":
            raise
        return False
    return True


class _PythonPaths:
    """Member pairs' shortest paths through a leader, by breadth-first path counts.

    A shortest a-b path runs through the leader L when d(a, L) + d(L, b) == d(a, b); such paths number
    sigma(a, L) * sigma(L, b) of the sigma(a, b) shortest ones: one search per member, not one per pair.
    """

    def __init__(self, U):
        self.adjacency = {n: list(neighbours) for n, neighbours in U.adjacency()}

    def through(self, skip, leader, others):
        """(pairs, connected pairs, sum of their shares through ``leader``), never entering ``skip``."""
        dist_l, sigma_l = _path_counts(self.adjacency, leader, skip=skip, targets=others)
        pairs = connected = 0
        total = 0.0
        for i, a in enumerate(others):
            dist_a, sigma_a = _path_counts(self.adjacency, a, skip=skip, targets=[leader, *others[i + 1:]])
            for b in others[i + 1:]:
                pairs += 1
                if b not in dist_a:
                    continue
                connected += 1
                if leader in dist_a and b in dist_l and dist_a[leader] + dist_l[b] == dist_a[b]:
                    total += sigma_a[leader] * sigma_l[b] / sigma_a[b]
        return pairs, connected, total


class _IgraphPaths:
    """The same with igraph: the leader's betweenness with the members as sources and targets, on the
    network less the collaboration node (a C copy and deletion for each collaboration)."""

    def __init__(self, U):
        from kg.analysis.network import to_igraph

        self.graph, _, self.index = to_igraph(U)

    def through(self, skip, leader, others):
        removed = self.index[skip]

        def at(node):  # indices shift down past the deleted vertex
            i = self.index[node]
            return i - (i > removed)

        graph = self.graph.copy()
        graph.delete_vertices([removed])
        ends = [at(m) for m in others]
        n = len(ends)
        pairs = n * (n - 1) // 2
        if not n:
            return 0, 0, 0.0
        distances = graph.distances(source=ends, target=ends)
        connected = sum(1 for i in range(n) for j in range(i + 1, n) if distances[i][j] != float("inf"))
        share = graph.betweenness(vertices=[at(leader)], directed=False, sources=ends, targets=ends)
        return pairs, connected, share[0] if isinstance(share, list) else share

def _path_counts(adjacency, source, skip, targets=None):
    """Breadth-first search from ``source`` that never enters ``skip``, over ``adjacency`` (node -> its
    neighbours): (distance, number of shortest paths) to every node reached. With ``targets``, it stops
    after the level at which the last of them is reached (their counts are final then), so members near
    each other do not make it walk the whole network.

    >>> import networkx as nx
    >>> _path_counts(nx.to_dict_of_lists(nx.cycle_graph(4)), 0, skip=None)
    ({0: 0, 1: 1, 3: 1, 2: 2}, {0: 1, 1: 1, 3: 1, 2: 2})
    >>> _path_counts(nx.to_dict_of_lists(nx.path_graph(5)), 0, skip=None, targets=[1])[0]  # stops at level 1
    {0: 0, 1: 1}
    """
    dist, sigma = {source: 0}, {source: 1}
    frontier = [source]
    missing = None if targets is None else {t for t in targets if t != source}
    while frontier and missing != set():
        following = []
        for u in frontier:
            step, paths = dist[u] + 1, sigma[u]
            for v in adjacency[u]:
                if v == skip:
                    continue
                if v not in dist:
                    dist[v], sigma[v] = step, paths
                    following.append(v)
                    if missing:
                        missing.discard(v)
                elif dist[v] == step:
                    sigma[v] += paths
        frontier = following
    return dist, sigma


def _spans(evidence):
    """Evidence dicts reduced to what a reader checks: span, start, end, source (hashable tuples)."""
    return tuple(tuple((key, e.get(key)) for key in ("span", "start", "end", "source")) for e in evidence or ())


def _undirected_evidence(U, a, b):
    return [e for relation in U[a][b].get("relations", ()) for e in relation.get("evidence") or ()]


def _unique(evidence):
    seen, found = set(), []
    for item in evidence:
        item = tuple(item) if not isinstance(item, dict) else tuple(item.items())
        if item not in seen:
            seen.add(item)
            found.append(dict(item))
    return sorted(found, key=lambda e: (e.get("start") if isinstance(e.get("start"), int) else -1, str(e.get("span"))))
