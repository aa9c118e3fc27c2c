"""The namespaces innovation-kg uses, defined once.

>>> from kg.namespaces import IKG, IKR
>>> str(IKG.Actor)
'https://w3id.org/innovation-kg/ontology#Actor'
>>> str(IKR["org/lanzhou-university"])
'https://w3id.org/innovation-kg/id/org/lanzhou-university'
"""

__all__ = ["IKG", "IKR", "ORG", "PROV", "SKOS", "SCHEMA", "DCTERMS", "FOAF", "RDF", "RDFS", "OWL",
           "XSD", "SH", "PREFIXES", "sparql_prologue", "bind_prefixes", "compact_iri", "iri", "check_iri"]

#: prefix -> namespace IRI; predeclared in every query and bound on every graph we write.
PREFIXES = {
    "ikg": "https://w3id.org/innovation-kg/ontology#",
    "ikr": "https://w3id.org/innovation-kg/id/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}

#: the rdflib Namespace objects (IKG, IKR, ORG, ...) are made on first use, so importing this module
#: (every command does) does not import rdflib
_NAMESPACE_PREFIX = {"IKG": "ikg", "IKR": "ikr", "ORG": "org", "PROV": "prov", "SKOS": "skos", "SCHEMA": "schema",
                     "DCTERMS": "dcterms", "FOAF": "foaf", "RDF": "rdf", "RDFS": "rdfs", "OWL": "owl", "XSD": "xsd",
                     "SH": "sh"}


def __getattr__(name):
    if name in _NAMESPACE_PREFIX:
        from rdflib import Namespace

        namespace = Namespace(PREFIXES[_NAMESPACE_PREFIX[name]])
        globals()[name] = namespace
        return namespace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def iri(curie):
    """The full IRI of a prefixed name, as a plain string.

    >>> iri("ikg:Actor")
    'https://w3id.org/innovation-kg/ontology#Actor'
    """
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


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


def check_iri(iri):
    """Refuse (:class:`~kg.errors.UnknownActor`) an IRI that could close the query it is written into.

    >>> check_iri("https://w3id.org/innovation-kg/id/place/gansu")
    >>> check_iri("urn:x> } DROP ALL {")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownActor: no resource has the IRI 'urn:x> } DROP ALL {'
    """
    import pyoxigraph

    from kg.errors import UnknownActor

    if any(c in iri for c in '<>"{}|^`\\ \n\t'):
        raise UnknownActor(f"no resource has the IRI {iri[:200]!r}")
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:  # a control character, an unpaired surrogate: no resource can have such an IRI
        raise UnknownActor(f"no resource has the IRI {iri[:200]!r}: it is not a valid IRI") from None
