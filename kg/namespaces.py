"""The namespaces innovation-kg uses, defined once.

>>> from kg.namespaces import IKG, IKR
>>> str(IKG.Actor)
'https://w3id.org/innovation-kg/ontology#Actor'
>>> str(IKR["org/lanzhou-university"])
'https://w3id.org/innovation-kg/id/org/lanzhou-university'
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

__all__ = ["IKG", "IKR", "ORG", "PROV", "SKOS", "SCHEMA", "DCTERMS", "FOAF", "RDF", "RDFS", "OWL",
           "XSD", "SH", "PREFIXES", "sparql_prologue", "bind_prefixes", "compact_iri"]

IKG = Namespace("https://w3id.org/innovation-kg/ontology#")
IKR = Namespace("https://w3id.org/innovation-kg/id/")
SCHEMA = SDO
SH = Namespace("http://www.w3.org/ns/shacl#")

#: prefix -> namespace IRI; predeclared in every query and bound on every graph we write.
PREFIXES = {
    "ikg": str(IKG),
    "ikr": str(IKR),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
}


def sparql_prologue():
    """The PREFIX lines that predeclare :data:`PREFIXES` in a SPARQL query.

    >>> sparql_prologue().splitlines()[0]
    'PREFIX ikg: <https://w3id.org/innovation-kg/ontology#>'
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def bind_prefixes(graph):
    """Bind :data:`PREFIXES` on an rdflib graph (for readable Turtle output); returns the graph."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def compact_iri(iri):
    """A short name for an IRI using :data:`PREFIXES` (the longest namespace that fits; the IRI itself
    when none does).

    >>> compact_iri("https://w3id.org/innovation-kg/id/org/lanzhou-university")
    'ikr:org/lanzhou-university'
    >>> compact_iri("http://example.org/x")
    'http://example.org/x'
    """
    text = str(iri)
    best = None
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and (best is None or len(namespace) > len(PREFIXES[best])):
            best = prefix
    return f"{best}:{text[len(PREFIXES[best]):]}" if best else text
