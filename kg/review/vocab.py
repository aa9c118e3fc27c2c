"""The ontology's words a reviewer picks from: actor classes (zh and en, searchable) and the relations
that fit two actors' classes (the properties' ``rdfs:domain`` and ``rdfs:range``, through subclasses).

>>> names = [c["name"] for c in actor_classes()]
>>> "University" in names and "Enterprise" in names
True
>>> [c["name"] for c in search_classes("高校")][:1]
['University']
>>> terms = [r["term"] for r in fitting_relations(["University"], ["City"])]
>>> "locatedIn" in terms, "role/lead-unit" in terms
(True, False)
>>> "role/lead-unit" in [r["term"] for r in fitting_relations(["Enterprise"], ["InnovationConsortium"])]
True
"""

import functools

__all__ = ["actor_classes", "search_classes", "relations", "fitting_relations", "superclasses", "ROLE_TERMS"]

#: the membership roles offered as relations (the subject holds the role in the object, an organisation)
ROLE_TERMS = ("role/lead-unit", "role/member-unit", "role/supporting-unit", "role/cooperating-unit",
              "role/chain-leader", "role/chain-enterprise")


def actor_classes():
    """Every class an actor line may name (``ikg:Actor`` and its subclasses), sorted by English label:
    a list of dicts ``name`` (as a claims line writes it), ``en``, ``zh``."""
    return list(_ontology().classes)


def search_classes(query, limit=None):
    """The classes whose name or label (zh or en) contains ``query`` (case folded); exact and prefix
    matches first."""
    words = (query or "").strip().lower()
    if not words:
        return actor_classes()[:limit] if limit else actor_classes()
    found = []
    for item in actor_classes():
        labels = [item["name"].lower(), item["en"].lower(), item["zh"]]
        if any(words in label for label in labels):
            rank = 0 if words in (item["name"].lower(), item["en"].lower(), item["zh"]) else \
                1 if any(label.startswith(words) for label in labels) else 2
            found.append((rank, item["en"], item))
    found.sort(key=lambda row: row[:2])
    items = [row[2] for row in found]
    return items[:limit] if limit else items


def superclasses(names):
    """``names`` (class names as claims write them) with every superclass, as a set of names."""
    onto = _ontology()
    result = set()
    for name in names:
        result |= onto.closure.get(name, {name})
    return result


def relations():
    """Every relation a reviewer may add: ``term`` (as a claims line writes it), ``en``, ``zh``, ``domain``,
    ``range`` (each a tuple of class names: several for an ``owl:unionOf`` or ``schema:rangeIncludes``; None
    for any actor) and
    ``role`` (True for a membership role)."""
    return list(_ontology().relations)


def fitting_relations(subject_classes, object_classes):
    """The relations whose domain the subject's classes and whose range the object's classes meet (a
    relation with no domain or range fits any); classes unknown to the ontology count as ``Actor``."""
    subject = superclasses(subject_classes or ["Actor"]) | {"Actor"}
    obj = superclasses(object_classes or ["Actor"]) | {"Actor"}
    return [item for item in relations()
            if (item["domain"] is None or subject & set(item["domain"]))
            and (item["range"] is None or obj & set(item["range"]))]


# helpers

class _Ontology:
    def __init__(self, graph):
        from rdflib import OWL, RDF, RDFS, URIRef

        from kg.claims.vocabulary import short_term
        from kg.namespaces import IKG, IKR, ORG, SCHEMA, SKOS

        def label(term, lang):
            for predicate in (RDFS.label, SKOS.prefLabel):
                for value in graph.objects(term, predicate):
                    if getattr(value, "language", None) == lang:
                        return str(value)
            return ""

        def class_names(prop, formal, listed):
            """A property's domain or range as a tuple of class names: its ``rdfs:domain``/``rdfs:range``
            (one class, or the members of an ``owl:unionOf``), else the classes ``schema:domainIncludes``/
            ``schema:rangeIncludes`` list; None when it has neither (any actor)."""
            term = graph.value(prop, formal)
            if isinstance(term, URIRef):
                return (short_term(term),)
            members = graph.value(term, OWL.unionOf) if term is not None else None
            found = graph.items(members) if members is not None else graph.objects(prop, listed)
            return tuple(sorted(short_term(cls) for cls in found if isinstance(cls, URIRef))) or None

        names = {}
        for cls in set(graph.subjects(RDF.type, OWL.Class)):
            if isinstance(cls, URIRef) and str(cls).startswith(str(IKG)):
                names[cls] = short_term(cls)
        self.closure = {}
        for cls, name in names.items():
            ups = {short_term(up) for up in graph.transitive_objects(cls, RDFS.subClassOf) if isinstance(up, URIRef)}
            self.closure[name] = ups
        actor = IKG.Actor
        self.classes = sorted(({"name": name, "en": label(cls, "en") or name, "zh": label(cls, "zh")}
                               for cls, name in names.items() if actor in set(graph.transitive_objects(cls, RDFS.subClassOf))),
                              key=lambda item: item["en"].lower())
        actors = {item["name"] for item in self.classes}
        rows = []
        for prop in set(graph.subjects(RDF.type, OWL.ObjectProperty)):
            if not isinstance(prop, URIRef) or not (str(prop).startswith(str(IKG)) or prop in (ORG.subOrganizationOf,
                                                                                                 ORG.memberOf)):
                continue
            domain_names = class_names(prop, RDFS.domain, SCHEMA.domainIncludes)
            range_names = class_names(prop, RDFS.range, SCHEMA.rangeIncludes)
            if range_names and not set(range_names) <= set(self.closure):
                continue  # a literal-like or non-actor range (a role, a concept): not a relation between actors
            if domain_names and not set(domain_names) <= set(self.closure):
                domain_names = None  # a foreign class (foaf:Agent ...): any actor
            if (domain_names and not set(domain_names) <= actors) or (range_names and not set(range_names) <= actors):
                continue  # about a figure, an ambiguity ...: not a relation between two actors
            rows.append({"term": short_term(prop), "en": label(prop, "en") or short_term(prop),
                         "zh": label(prop, "zh"), "domain": domain_names, "range": range_names, "role": False})
        for term in ROLE_TERMS:
            role = IKR[term]
            if (role, RDF.type, ORG.Role) in graph:
                rows.append({"term": term, "en": label(role, "en") or term, "zh": label(role, "zh"),
                             "domain": None, "range": ("Organization",), "role": True})
        self.relations = sorted(rows, key=lambda item: (item["role"], item["en"].lower()))


@functools.lru_cache(maxsize=2)
def _ontology(path=None):
    from pathlib import Path

    from rdflib import Graph

    from kg.stores.load import parse_into, project_root

    graph = Graph()
    parse_into(graph, Path(path) if path else project_root() / "ontology" / "innovation.ttl")
    return _Ontology(graph)
