"""The one RDF-to-network projection: actors become nodes, relations between them become edges.

Every network view of the knowledge graph (paths, centrality, the HTML view, GraphML/GEXF/CSV export)
starts from :func:`project`; nothing else walks the RDF to build a network.

What becomes a node
    Every IRI with an ``rdf:type`` that is ``ikg:Actor`` or a class below it (``rdfs:subClassOf*``,
    read from the ontology loaded with the data). The node key is the IRI string. Blank nodes never
    become nodes.

Node attributes
    ``label_zh``, ``label_en``
        the ``skos:prefLabel`` in that language (a language tag ``zh-*``/``en-*`` counts; tags are
        compared case-insensitively because some stores lowercase them). When one is missing the other
        stands in, then an untagged label, then the IRI's local name, so every node has a name to show.
    ``aliases``
        every ``skos:altLabel`` (Chinese first, then English, then others; duplicates dropped).
    ``classes``
        the node's actor classes, asserted and inherited, up to and including ``ikg:Actor``: most
        specific first (deepest below ``ikg:Actor``), ties by IRI.
    ``cls``
        the local name of ``classes[0]`` (e.g. ``"University"``).
    ``figures``
        the dated quantities whose ``ikg:subject`` is this node: dicts with ``iri``, ``measure``,
        ``measure_en``, ``measure_zh``, ``value`` (int or float), ``unit`` (the article's unit text),
        ``unit_en``, ``unit_zh``, ``time``, ``qualifier`` (``None`` when absent); sorted by measure, time.
    ``collectives``
        the figures among those whose measure is an ``ikg:CollectiveMeasure`` (a counted but unnamed
        group, e.g. 64 chain enterprises): dicts with ``count``, ``role``, ``class`` (IRIs or ``None``),
        ``measure``, ``measure_en``, ``measure_zh``, ``unit``, ``time``, ``figure``.
    ``collective_weight``
        the sum of the counts, taking for each measure only its latest figure (so a count stated for
        2023 and again for 2024 is not added twice). No member is ever minted as a node.

What becomes an edge (``networkx.MultiDiGraph``, direction as in the RDF)
    (a) every triple ``s p o`` whose subject and object are both nodes, except predicates in the
        ``rdf:``, ``rdfs:``, ``owl:``, ``prov:`` and ``skos:`` namespaces (types, labels, provenance,
        mappings: not facts about how actors relate). Key: the predicate IRI.
    (b) every W3C ORG membership (``?m org:organization ?o ; org:member ?x ; org:role ?r``): an edge
        member -> organization with key = the role IRI (``org:memberOf`` when the membership has no
        role) and ``via`` = the membership IRI. One edge per role.

Edge attributes
    ``relation`` (the key), ``label_en``, ``label_zh`` (the property's ``rdfs:label`` or the role's
    ``skos:prefLabel``; local name when missing), ``kind`` (``"relation"`` or ``"membership"``),
    ``evidence`` (list of dicts ``span``, ``start``, ``end``, ``source``, ``iri``, sorted by ``start``;
    for a membership: the evidence on any of its statements), ``via`` (memberships only).

Left out, and why
    Types, labels, figures and collectives (node attributes, not nodes), evidence nodes, the source
    document, concepts (sectors, measures, units, roles), memberships as nodes, ambiguity notes, literal
    values and blank nodes. So a path never runs through the source document, a class, a concept, a
    figure or an evidence record: two actors are joined only by what the article says about them.

How it is read
    A few SPARQL SELECT queries, each answered by the store's own engine (Oxigraph for memory and
    oxigraph:DIR, the endpoint for sparql:URL) as rows of plain values, then assembled in Python. Rows are sorted before insertion, so node and edge order, and therefore
    path tie-breaking, do not depend on the store.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... ikg:University rdfs:subClassOf ikg:Actor .
... <urn:x:a> a ikg:University ; skos:prefLabel "甲大学"@zh, "A University"@en ; ikg:partner <urn:x:b> .
... <urn:x:b> a ikg:Actor ; skos:prefLabel "B"@en .
... ''')
>>> G = project(g)
>>> sorted(G.nodes)
['urn:x:a', 'urn:x:b']
>>> G.nodes["urn:x:a"]["cls"], G.nodes["urn:x:b"]["label_zh"]
('University', 'B')
>>> list(G.edges(keys=True))
[('urn:x:a', 'urn:x:b', 'https://w3id.org/innovation-kg/ontology#partner')]
"""

import gc
from collections import defaultdict

import networkx as nx

from kg.analysis.undirected import _relation_order, to_igraph, undirected  # noqa: F401 (re-exported)
from kg.errors import UnknownClass
from kg.namespaces import iri, sparql_prologue

__all__ = ["project", "undirected", "fetch_evidence", "attach_evidence", "local_name", "class_filter",
           "node_classes_index", "to_igraph", "SMALL_NETWORK"]

#: below this many actors the analyses stay in pure Python: quicker than importing igraph, numpy or scipy
SMALL_NETWORK = 2000

#: predicates in these namespaces never become edges (types, labels, provenance, mappings)
EXCLUDED_NAMESPACES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
)

ACTOR = iri("ikg:Actor")
#: the steps of :func:`project` its ``progress`` callback counts
STAGES = ("actor classes", "labels", "actors and their figures", "relations and their evidence")
MEMBER_OF = iri("org:memberOf")


def project(graph, *, ontology=None, evidence=True, progress=None):
    """Project an RDF graph onto a ``networkx.MultiDiGraph`` of actors (see the module docstring).

    Parameters
    ----------
    graph : kg.stores.base.Store or rdflib.Graph
        A store (memory, Oxigraph, a SPARQL endpoint) or an rdflib graph. It should hold the
        ontology too (class hierarchy, property and role labels), as ``kg.stores.load.load_graph`` arranges.
    ontology : rdflib.Graph, optional
        A separate graph holding the ontology, when ``graph`` holds only data. Its class hierarchy and
        labels are read from it as well.
    evidence : bool
        Read every relation's evidence (the default). Without it, edges carry ``evidence=[]`` and
        ``G.graph["evidence"]`` is False: reading the evidence is half the work on a big store, and a
        path needs only its own hops' (:func:`fetch_evidence`).
    progress : callable, optional
        Called as ``progress(done, total)`` after each of the projection's :data:`STAGES` (a first
        projection of 10M triples takes tens of minutes: the CLI shows a bar).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI, edges keyed by relation IRI (role IRI for memberships).
        ``G.graph`` holds ``name``, ``actor_classes`` (every actor class IRI, sorted) and
        ``class_labels`` (class local name -> ``{"zh": ..., "en": ...}``, from the ontology's labels).

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
    ... @prefix org: <http://www.w3.org/ns/org#> .
    ... <urn:x:lab> a ikg:Actor . <urn:x:team> a ikg:Actor .
    ... <urn:x:m> org:organization <urn:x:lab> ; org:member <urn:x:team> ; org:role <urn:x:lead> .
    ... ''')
    >>> [(u, v, d["via"]) for u, v, d in project(g).edges(data=True)]
    [('urn:x:team', 'urn:x:lab', 'urn:x:m')]
    """
    enabled = gc.isenabled()
    gc.disable()  # millions of new objects and no cycles among them: see undirected()
    try:
        return _project(graph, ontology, evidence, progress or (lambda done, total: None))
    finally:
        if enabled:
            gc.enable()


def _project(graph, ontology, evidence, progress):
    from kg.stores import as_store

    total = len(STAGES)
    graph = as_store(graph)
    sources = [graph] if ontology is None else [as_store(ontology), graph]
    supers = _actor_classes(sources)
    progress(1, total)
    labels = _labels(sources)
    progress(2, total)
    class_labels = {local_name(cls): dict(zip(("zh", "en"), _names(labels.get(cls), cls)[:2])) for cls in supers}
    G = nx.MultiDiGraph(name="innovation-kg", actor_classes=sorted(supers), class_labels=class_labels)
    _add_nodes(G, graph, sources, supers, labels)
    progress(3, total)
    _add_edges(G, graph, supers, labels, evidence)
    progress(4, total)
    G.graph["evidence"] = bool(evidence)
    return G


def attach_evidence(graph, U, pairs):
    """Read the evidence of the relations between each pair of ``pairs`` (actor IRIs joined in ``U``, a
    view of a projection made with ``evidence=False``), put it on them and order them as
    :func:`undirected` would have. Returns how many relations got evidence."""
    pairs = sorted({(min(a, b), max(a, b)) for a, b in pairs})
    relations = [r for a, b in pairs for r in U[a][b]["relations"]]
    found = fetch_evidence(graph, relations)
    for r in relations:
        r["evidence"] = found.get((r["source"], r["relation"], r["target"]), [])
    for a, b in pairs:
        u = min(a, b)
        U[a][b]["relations"].sort(key=_relation_order(u))
    return sum(1 for r in relations if r["evidence"])


def local_name(iri):
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/innovation-kg/ontology#Place")
    'Place'
    """
    iri = str(iri)
    return iri[max(iri.rfind("#"), iri.rfind("/")) + 1:] or iri


def node_classes_index(G):
    """Map every class IRI and class local name to the set of nodes of that class.

    >>> G = nx.Graph(); G.add_node("x", classes=["urn:c#Place"])
    >>> node_classes_index(G)["Place"]
    {'x'}
    """
    index = defaultdict(set)
    for node, classes in G.nodes(data="classes"):
        for cls in classes or ():
            index[cls].add(node)
            index[local_name(cls)].add(node)
    return dict(index)


def class_filter(G, classes):
    """The set of nodes whose classes include any of ``classes`` (IRIs or local names such as ``"Place"``).

    An empty ``classes`` gives an empty set. A name that is no actor class raises :class:`~kg.errors.UnknownClass`
    listing the valid ones (classes with no node are valid, they simply select nothing).

    >>> G = nx.Graph(actor_classes=["urn:c#Place", "urn:c#Actor"])
    >>> G.add_node("x", classes=["urn:c#Place", "urn:c#Actor"])
    >>> class_filter(G, ["Place"])
    {'x'}
    >>> class_filter(G, ["Plaice"])
    Traceback (most recent call last):
    ...
    kg.errors.UnknownClass: unknown class 'Plaice'; valid classes: Actor, Place
    """
    index = node_classes_index(G)
    known = set(G.graph.get("actor_classes") or ())
    known |= {local_name(c) for c in known}
    folded = {name.casefold(): name for name in sorted(set(index) | known, reverse=True)}
    selected = set()
    for cls in classes:
        cls = str(cls)
        cls = cls if cls in index or cls in known else folded.get(cls.casefold(), cls)
        if cls not in index and cls not in known:
            valid = ", ".join(sorted({local_name(c) for c in known} or {local_name(c) for c in index}))
            raise UnknownClass(f"unknown class {cls!r}; valid classes: {valid}")
        selected |= index.get(cls, set())
    return selected


# helpers

from kg.stores.terms import Lit as _Literal  # noqa: E402  (plain literal values)


_Q_CLASSES = """
SELECT ?cls ?parent WHERE {
  ?cls rdfs:subClassOf* ikg:Actor .
  OPTIONAL { ?cls rdfs:subClassOf ?parent . ?parent rdfs:subClassOf* ikg:Actor . FILTER(?parent != ?cls) }
  FILTER(isIRI(?cls))
}"""

_Q_NODES = """
SELECT ?node ?cls WHERE {
  VALUES ?cls { %s }
  ?node a ?cls .
  FILTER(isIRI(?node))
}"""

_Q_LABELS = """
SELECT ?s ?p ?label WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel rdfs:label }
  ?s ?p ?label .
  FILTER(isIRI(?s) && isLiteral(?label))
}"""

_Q_LINKS = """
SELECT ?s ?p ?o WHERE {
  VALUES ?cls { %s }
  ?s a ?cls .
  ?s ?p ?o .
  FILTER(isIRI(?s) && isIRI(?o) && ?p != rdf:type)
}"""

_Q_MEMBERSHIPS = """
SELECT ?m ?organization ?member ?role WHERE {
  ?m org:organization ?organization ; org:member ?member .
  OPTIONAL { ?m org:role ?role }
  FILTER(isIRI(?organization) && isIRI(?member))
}"""

_Q_EVIDENCE = """
SELECT ?e ?s ?p ?o ?span ?start ?end ?source WHERE {
  ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(isIRI(?o))
  OPTIONAL { ?e ikg:span ?span }
  OPTIONAL { ?e ikg:start ?start }
  OPTIONAL { ?e ikg:end ?end }
  OPTIONAL { ?e prov:wasDerivedFrom ?source }
}"""

_Q_FIGURES = """
SELECT ?f ?subject ?measure ?value ?unitText ?unit ?time ?qualifier WHERE {
  ?f ikg:subject ?subject ; ikg:measure ?measure ; schema:value ?value .
  OPTIONAL { ?f schema:unitText ?unitText }
  OPTIONAL { ?f ikg:unit ?unit }
  OPTIONAL { ?f ikg:time ?time }
  OPTIONAL { ?f ikg:qualifier ?qualifier }
}"""

_Q_COLLECTIVE_KINDS = """
SELECT ?kind WHERE { ?kind rdfs:subClassOf* ikg:CollectiveMeasure . FILTER(isIRI(?kind)) }"""

_Q_COLLECTIVE_MEASURES = """
SELECT ?measure ?role ?cls WHERE {
  VALUES ?kind { %s }
  ?measure a ?kind .
  OPTIONAL { ?measure ikg:countsRole ?role }
  OPTIONAL { ?measure ikg:countsClass ?cls }
}"""

def _select(store, query):
    """Rows of a SELECT query as tuples of plain values (IRI -> str, literal -> Lit, blank -> '_:id')."""
    return store.select(sparql_prologue() + query)


def _values(iris):
    """IRIs as the body of a SPARQL VALUES clause (IRIs read from a store cannot hold '<', '>' or spaces)."""
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def _actor_classes(sources):
    """Actor class IRI -> its direct actor superclasses, ikg:Actor included."""
    supers = defaultdict(set)
    for source in sources:
        for cls, parent in _select(source, _Q_CLASSES):
            supers[cls]
            if parent is not None:
                supers[cls].add(parent)
    supers[ACTOR]
    return dict(supers)


def _add_nodes(G, graph, sources, supers, labels):
    depth = _class_depths(supers)
    asserted = defaultdict(set)
    for node, cls in _select(graph, _Q_NODES % _values(supers)):
        asserted[node].add(cls)
    kinds = {iri("ikg:CollectiveMeasure")}
    for source in sources:
        kinds.update(kind for kind, in _select(source, _Q_COLLECTIVE_KINDS))
    figures, collectives = _figures(graph, labels, set(asserted), _values(kinds))
    for node in sorted(asserted):
        classes = sorted(_ancestors(asserted[node], supers), key=lambda c: (-depth[c], c))
        zh, en, aliases = _names(labels.get(node), node)
        counted = collectives.get(node, [])
        G.add_node(node, label_zh=zh, label_en=en, aliases=aliases, classes=classes,
                   cls=local_name(classes[0]), figures=figures.get(node, []), collectives=counted,
                   collective_weight=_collective_weight(counted))


def _add_edges(G, graph, supers, labels, with_evidence=True):
    memberships = [row for row in _select(graph, _Q_MEMBERSHIPS) if row[1] in G and row[2] in G]
    evidence = _evidence(graph, {row[0] for row in memberships}) if with_evidence else {}
    edges = {}
    for s, p, o in _select(graph, _Q_LINKS % _values(supers)):
        if o in G and s in G and not p.startswith(EXCLUDED_NAMESPACES):
            edges[(s, o, p)] = dict(kind="relation", evidence=evidence.get((s, p, o), []))
    for membership, organization, member, role in memberships:
        key, found = role or MEMBER_OF, evidence.get(membership, [])
        if (member, organization, key) in edges:  # the same tie stated twice (two records, or also directly)
            merged = edges[(member, organization, key)]
            merged["evidence"] = _unique_evidence(merged["evidence"] + found)
            merged["via"] = min(merged.get("via") or membership, membership)
        else:
            edges[(member, organization, key)] = dict(kind="membership", evidence=found, via=membership)
    names = {key: _names(labels.get(key), key) for key in {key for _, _, key in edges}}
    for (s, o, key) in sorted(edges):
        zh, en, _ = names[key]
        G.add_edge(s, o, key=key, relation=key, label_en=en, label_zh=zh, **edges[(s, o, key)])


def _class_depths(supers):
    """Longest distance of each actor class below ikg:Actor (cycles in bad ontologies are cut)."""
    depth = {}

    def visit(cls, seen):
        if cls in depth:
            return depth[cls]
        if cls == ACTOR or cls in seen:
            return 0
        parents = [p for p in supers.get(cls, ()) if p in supers]
        depth[cls] = 1 + max((visit(p, seen | {cls}) for p in parents), default=0)
        return depth[cls]

    for cls in supers:
        visit(cls, frozenset())
    depth[ACTOR] = 0
    return depth


def _ancestors(classes, supers):
    found, stack = set(), list(classes)
    while stack:
        cls = stack.pop()
        if cls not in found:
            found.add(cls)
            stack.extend(supers.get(cls, ()))
    return found


def _labels(sources):
    """IRI -> {"pref": [(lang, text)], "alt": [...]} from skos:prefLabel/altLabel and rdfs:label."""
    labels = defaultdict(lambda: {"pref": [], "alt": []})
    for source in sources:
        for subject, predicate, label in _select(source, _Q_LABELS):
            slot = "alt" if predicate.endswith("altLabel") else "pref"
            labels[subject][slot].append(((label.language or "").lower(), label.value))
    return labels


def _names(found, iri):
    """(label_zh, label_en, aliases) with the fallbacks the module docstring describes."""
    if not found:
        name = local_name(iri)
        return name, name, []
    pref = sorted(set(found["pref"]))

    def pick(lang):
        return next((text for tag, text in pref if tag == lang or tag.startswith(lang + "-")), None)

    plain = pick("") if any(tag == "" for tag, _ in pref) else None
    zh, en = pick("zh"), pick("en")
    fallback = plain or (pref[0][1] if pref else local_name(iri))
    zh, en = zh or en or fallback, en or zh or fallback
    order = {"zh": 0, "en": 1}
    alts = sorted(set(found["alt"]), key=lambda item: (order.get(item[0][:2], 2), item[0], item[1]))
    aliases = []
    for _, text in alts:
        if text not in aliases:
            aliases.append(text)
    return zh, en, aliases


def _number(literal):
    from kg.stores.terms import lit_value

    return lit_value(literal)


def _text(literal):
    return None if literal is None else (literal.value if isinstance(literal, _Literal) else literal)


def _figures(graph, labels, nodes, collective_kinds):
    """node -> figure dicts, node -> collective dicts (only for figures about nodes)."""
    counted = defaultdict(lambda: {"roles": set(), "classes": set()})
    for measure, role, cls in _select(graph, _Q_COLLECTIVE_MEASURES % collective_kinds):
        counted[measure]
        if role:
            counted[measure]["roles"].add(role)
        if cls:
            counted[measure]["classes"].add(cls)
    seen, figures, collectives = set(), defaultdict(list), defaultdict(list)
    for figure, subject, measure, value, unit_text, unit, time, qualifier in _select(graph, _Q_FIGURES):
        if subject not in nodes or figure in seen:  # several optional values: keep the first row
            continue
        seen.add(figure)
        measure_zh, measure_en, _ = _names(labels.get(measure), measure)
        unit_zh, unit_en, _ = _names(labels.get(unit), unit) if unit else (None, None, None)
        row = dict(iri=figure, measure=measure, measure_en=measure_en, measure_zh=measure_zh,
                   value=_number(value), unit=_text(unit_text), unit_en=unit_en, unit_zh=unit_zh,
                   time=_text(time), qualifier=_text(qualifier))
        figures[subject].append(row)
        if measure in counted:
            kinds = counted[measure]
            collectives[subject].append(dict(
                count=row["value"], role=min(kinds["roles"], default=None),
                **{"class": min(kinds["classes"], default=None)}, measure=measure, measure_en=measure_en,
                measure_zh=measure_zh, unit=row["unit"], time=row["time"], figure=figure))
    for rows in list(figures.values()) + list(collectives.values()):
        rows.sort(key=lambda r: (r["measure"], str(r["time"]), r.get("iri") or r.get("figure")))
    return figures, collectives


def _collective_weight(collectives):
    """Sum of counts, one (the latest) figure per measure; non-numeric counts are ignored."""
    latest = {}
    for row in collectives:
        if isinstance(row["count"], (int, float)):
            key = (str(row["time"]), row["count"])
            if row["measure"] not in latest or key > latest[row["measure"]][0]:
                latest[row["measure"]] = (key, row["count"])
    return sum(count for _, count in latest.values())


def fetch_evidence(graph, relations):
    """The evidence of chosen relations only, read from the store: what a projection made with
    ``evidence=False`` leaves out.

    ``relations`` are dicts as in :func:`undirected`'s ``relations`` lists (``source``, ``relation``,
    ``target``, ``via``); returns ``{(source, relation, target): [evidence dicts]}``, the same lists
    :func:`project` would have put on those edges.
    """
    relations = list(relations)
    if not relations:
        return {}
    memberships = {r["via"] for r in relations if r.get("via")}
    triples = {(r["source"], r["relation"], r["target"]) for r in relations if not r.get("via")}
    rows = []
    if triples:
        values = " ".join(f"(<{s}> <{p}> <{o}>)" for s, p, o in sorted(triples))
        rows += _select(graph, _Q_EVIDENCE.replace("WHERE {", "WHERE { VALUES (?s ?p ?o) { %s }" % values, 1))
    if memberships:
        values = " ".join(f"<{m}>" for m in sorted(memberships))
        rows += _select(graph, _Q_EVIDENCE.replace("WHERE {", "WHERE { VALUES ?s { %s }" % values, 1))
    found = _evidence_rows(rows, memberships)
    return {(r["source"], r["relation"], r["target"]): found.get(r["via"] if r.get("via") else
                                                                 (r["source"], r["relation"], r["target"]), [])
            for r in relations}


def _evidence(graph, memberships):
    """(s, p, o) -> evidence dicts, and membership IRI -> evidence dicts on any of its statements."""
    return _evidence_rows(_select(graph, _Q_EVIDENCE), memberships)


def _evidence_rows(rows, memberships):
    found = defaultdict(list)
    for iri, s, p, o, span, start, end, source in rows:
        item = dict(span=_text(span), start=_number(start), end=_number(end), source=source, iri=iri)
        found[(s, p, o)].append(item)
        if s in memberships:  # a membership collects the evidence of its org:member/org:role triples
            found[s].append(item)
    return {key: items if len(items) == 1 else _unique_evidence(items) for key, items in found.items()}


def _unique_evidence(items):
    unique = {item["iri"]: item for item in items}
    return sorted(unique.values(), key=lambda e: (e["start"] if isinstance(e["start"], int) else -1, e["iri"]))
