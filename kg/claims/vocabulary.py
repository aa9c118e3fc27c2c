"""Keys and ontology terms as the claims compiler checks them.

A **key** names a thing of the graph: ``org/lanzhou-university`` is ``ikr:org/lanzhou-university``. A
**term** is a class or property of the ontology: a bare name is an ``ikg:`` term (``locatedIn``), others
carry their prefix (``org:member``). :func:`vocabulary` reads ``ontology/innovation.ttl`` once.

>>> vocabulary().term("locatedIn", vocabulary().properties, "relation", "x.tsv:1")
rdflib.term.URIRef('https://w3id.org/innovation-kg/ontology#locatedIn')
"""

import functools
import re
from pathlib import Path

from kg.errors import DataError

__all__ = ["key_iri", "plain_key", "short_term", "Vocabulary", "vocabulary", "KEY_KINDS"]

_KEY = re.compile(r"^([a-z]+)/([A-Za-z0-9][A-Za-z0-9_.\-]*)$")
#: the kinds of thing a key may name (the first part of ``kind/slug``)
KEY_KINDS = ("org", "person", "place", "policy", "project", "agreement", "event", "technology", "program",
             "facility", "measure", "sector", "role", "unit", "figure", "membership", "ambiguity", "source")


def key_iri(key, where="<claims>"):
    """The IRI a key names: ``org/lanzhou-university`` (or ``ikr:org/...``, or the full IRI) is
    ``https://w3id.org/innovation-kg/id/org/lanzhou-university``.

    >>> str(key_iri("org/lanzhou-university"))
    'https://w3id.org/innovation-kg/id/org/lanzhou-university'
    >>> key_iri("Lanzhou University", "x.tsv:3")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: x.tsv:3: 'Lanzhou University' is not a key: write kind/slug, e.g. org/lanzhou-university
    """
    from kg.namespaces import IKR

    plain = plain_key(key)
    match = _KEY.match(plain)
    if not match:
        raise DataError(f"{where}: {key!r} is not a key: write kind/slug, e.g. org/lanzhou-university")
    if match.group(1) not in KEY_KINDS:
        raise DataError(f"{where}: {key!r} has an unknown kind {match.group(1)!r} "
                        f"(known: {', '.join(KEY_KINDS)})")
    return IKR[plain]


class Vocabulary:
    """The ontology's classes, properties, roles and units, as the claims compiler checks them."""

    def __init__(self, graph):
        from rdflib import OWL, RDF, RDFS, URIRef

        from kg.namespaces import ORG, SKOS

        self.classes = set(graph.subjects(RDF.type, OWL.Class)) | set(graph.subjects(RDF.type, RDFS.Class))
        self.properties = {p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                                          RDF.Property) for p in graph.subjects(RDF.type, kind)}
        self.individuals = set(graph.subjects(RDF.type, ORG.Role)) | set(graph.subjects(RDF.type, SKOS.Concept))
        self.units_by_label = {}
        for unit in graph.subjects(RDF.type, SKOS.Concept):
            if isinstance(unit, URIRef) and "/unit/" in str(unit):
                for label in graph.objects(unit, SKOS.prefLabel):
                    if label.language == "zh":
                        self.units_by_label.setdefault(str(label), []).append(unit)

    def term(self, name, known, what, where):
        """The IRI of ``name`` (``locatedIn`` is ``ikg:locatedIn``; ``org:member``) among ``known``."""
        from kg.namespaces import PREFIXES

        prefix, colon, local = name.partition(":")
        if not colon:
            prefix, local = "ikg", name
        if prefix not in PREFIXES or not local:
            raise DataError(f"{where}: unknown {what} {name!r} (prefixes: {', '.join(sorted(PREFIXES))})")
        from rdflib import URIRef

        iri = URIRef(PREFIXES[prefix] + local)
        if iri not in known:
            near = sorted(short_term(t) for t in known if short_term(t).lower().startswith(name.lower()[:4]))[:6]
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise DataError(f"{where}: unknown {what} {name!r}: the ontology has no {short_term(iri)}{hint}")
        return iri


@functools.lru_cache(maxsize=4)
def vocabulary(ontology_path=None):
    """The :class:`Vocabulary` of ``ontology/innovation.ttl`` (read once per process)."""
    from rdflib import Graph

    from kg.stores.load import parse_into, project_root

    path = Path(ontology_path) if ontology_path else project_root() / "ontology" / "innovation.ttl"
    graph = Graph()
    parse_into(graph, path)
    return Vocabulary(graph)


def plain_key(key):
    """A key without ``ikr:`` or the IRI base: ``ikr:org/x`` -> ``org/x``.

    >>> plain_key("https://w3id.org/innovation-kg/id/org/x")
    'org/x'
    """
    from kg.namespaces import PREFIXES

    base = PREFIXES["ikr"]
    if key.startswith(base):
        return key[len(base):]
    if key.startswith("<" + base) and key.endswith(">"):
        return key[len(base) + 1:-1]
    return key[4:] if key.startswith("ikr:") else key


def short_term(iri):
    """A term as a claims file writes it: ``ikg:`` dropped, other prefixes kept."""
    from kg.namespaces import compact_iri

    text = compact_iri(iri)
    return text[4:] if text.startswith("ikg:") else text
