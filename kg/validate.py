"""Check a graph against the project's SHACL shapes and its ontology, with results in plain words.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
... @prefix owl: <http://www.w3.org/2002/07/owl#> .
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... ikg:Actor a owl:Class .
... <https://w3id.org/innovation-kg/id/org/x> a ikg:Actor ; skos:prefLabel "X"@en .
... ''')
>>> report = validate(g)
>>> report.conforms
False
>>> print(report.lines()[0])
ikr:org/x — prov:wasDerivedFrom: needs a source document (prov:wasDerivedFrom an ikg:SourceDocument), found 0
"""

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError, ValidationFailed
from kg.namespaces import IKG, OWL, RDF, RDFS, SH
from kg.namespaces import compact_iri as curie

__all__ = ["Violation", "ValidationReport", "validate", "check", "undeclared_terms", "default_shapes_path", "curie"]


@dataclass(frozen=True, order=True)
class Violation:
    """One shape violation: the node, the property path, the rule broken (plain words), its severity."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def line(self):
        """``node — property: message`` on one line.

        >>> Violation("ikr:org/x", "skos:prefLabel", "needs exactly one Chinese (@zh) name, found 0").line()
        'ikr:org/x — skos:prefLabel: needs exactly one Chinese (@zh) name, found 0'
        """
        where = f"{self.focus} — {self.path}" if self.path else self.focus
        prefix = "" if self.severity == "Violation" else f"[{self.severity}] "
        return f"{prefix}{where}: {self.message}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the sorted list of :class:`Violation`."""

    conforms: bool
    violations: list = field(default_factory=list)

    def lines(self):
        """One plain line per violation, sorted by node, property and message."""
        return [violation.line() for violation in self.violations]

    def summary(self):
        """One line: conforms, or the count and the first violation.

        >>> ValidationReport(True).summary()
        'the graph conforms to the shapes'
        """
        if self.conforms:
            return "the graph conforms to the shapes"
        count = len(self.violations)
        first = self.violations[0].line() if self.violations else "no detail"
        more = f" (and {count - 1} more)" if count > 1 else ""
        return f"{count} shape violation{'s' if count != 1 else ''}: {first}{more}"


def default_shapes_path():
    """The project's ``ontology/shapes.ttl`` (beside this package's checkout, or under ``KG_HOME``)."""
    from kg.stores.load import project_root

    return Path(project_root()) / "ontology" / "shapes.ttl"


def validate(graph, shapes_path=None):
    """Validate ``graph`` (the ontology and data loaded together) against the SHACL shapes.

    Parameters
    ----------
    graph : kg.stores.base.Store or rdflib.Graph
        Data and ontology; ``sh:targetClass`` reaches subclasses through the graph's ``rdfs:subClassOf``.
        A store is read into memory first (the union of its graphs): pyshacl walks triple by triple.
        When the graph lacks the ontology and the project's shapes are used, ``ontology/innovation.ttl``
        is mixed in (into a copy; ``graph`` is never changed).
    shapes_path : path, optional
        A SHACL Turtle file; default :func:`default_shapes_path`.

    Returns
    -------
    ValidationReport
        See the module example.
    """
    import pyshacl
    from rdflib import Graph

    shapes = _parse(shapes_path or default_shapes_path())
    data = graph if _in_memory(graph) else _copy(graph)
    if shapes_path is None and (IKG.Actor, RDF.type, OWL.Class) not in data:
        # data loaded without the ontology (kg validate --data mine.ttl): validate a copy with the ontology
        # (classes, roles, units) added, so class targets reach subclasses and shared terms are known
        data = _copy(data, _parse(Path(default_shapes_path()).with_name("innovation.ttl")))
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                            allow_warnings=True)
    violations = sorted({_violation(results, result, data, shapes)
                         for result in results.subjects(RDF.type, SH.ValidationResult)})
    return ValidationReport(bool(conforms), violations)


def check(graph, shapes_path=None):
    """Validate and raise :class:`~kg.errors.ValidationFailed` (one-line summary) unless ``graph`` conforms.

    Returns the report when it conforms.

    >>> from rdflib import Graph
    >>> check(Graph()).conforms
    True
    """
    report = validate(graph, shapes_path)
    if not report.conforms:
        raise ValidationFailed(report.summary(), report=report)
    return report


def undeclared_terms(graph, ontology_graph):
    """Classes and properties ``graph`` uses that ``ontology_graph`` does not declare, as sorted CURIEs.

    A class counts as declared when typed ``owl:Class`` or ``rdfs:Class``; a property when typed
    ``owl:ObjectProperty``, ``owl:DatatypeProperty``, ``owl:AnnotationProperty`` or ``rdf:Property``.
    The RDF/RDFS/OWL/SHACL built-ins (``rdf:type``, ``rdfs:label``, ``owl:Class``...) need no declaration.

    >>> from rdflib import Graph
    >>> onto = Graph().parse(format="turtle", data='''
    ... @prefix owl: <http://www.w3.org/2002/07/owl#> .
    ... <https://w3id.org/innovation-kg/ontology#Actor> a owl:Class .''')
    >>> data = Graph().parse(format="turtle", data='''
    ... @prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
    ... <urn:a> a ikg:Actor, ikg:Ghost ; ikg:knows <urn:b> .''')
    >>> undeclared_terms(data, onto)
    ['ikg:Ghost', 'ikg:knows']
    """
    classes = set()
    for kind in (OWL.Class, RDFS.Class):
        classes.update(ontology_graph.subjects(RDF.type, kind))
    properties = set()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property):
        properties.update(ontology_graph.subjects(RDF.type, kind))
    missing = set()
    for s, p, o in graph:
        if p == RDF.type:
            if o not in classes and not _builtin(o):
                missing.add(o)
        elif p not in properties and not _builtin(p):
            missing.add(p)
    return sorted(curie(term) for term in missing)




# helpers

_BUILTIN_PREFIXES = (str(RDFS), str(OWL), str(SH))
_BUILTIN_RDF = {RDF.type, RDF.first, RDF.rest, RDF.nil, RDF.List, RDF.Property, RDF.langString}


def _builtin(term):
    return term in _BUILTIN_RDF or str(term).startswith(_BUILTIN_PREFIXES)


def _violation(results, result, data, shapes):
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    message = results.value(result, SH.resultMessage)
    severity = results.value(result, SH.resultSeverity)
    source_shape = results.value(result, SH.sourceShape)
    text = str(message) if message is not None else "breaks a shape rule"
    if path is not None and focus is not None and _is_count_rule(shapes, source_shape):
        text += f", found {_count(data, focus, path, shapes, source_shape)}"
    return Violation(curie(focus) if focus is not None else "?", curie(path) if path is not None else "",
                     text, curie(severity).split("#")[-1].replace("sh:", "") if severity is not None else "Violation")


def _is_count_rule(shapes, shape):
    if shape is None:
        return False
    counted = (SH.minCount, SH.maxCount, SH.qualifiedMinCount, SH.qualifiedMaxCount)
    return any(shapes.value(shape, rule) is not None for rule in counted)


def _count(data, focus, path, shapes, shape):
    """How many values the rule counted: those in the qualified shape's languages, else all."""
    values = list(data.objects(focus, path))
    qualified = shapes.value(shape, SH.qualifiedValueShape)
    languages = shapes.value(qualified, SH.languageIn) if qualified is not None else None
    if languages is not None:
        from rdflib.collection import Collection

        wanted = {str(tag) for tag in Collection(shapes, languages)}
        values = [value for value in values if getattr(value, "language", None) in wanted]
    return len(values)


def _in_memory(graph):
    store = getattr(graph, "store", None)
    return store is not None and store.__class__.__name__ == "Memory" and not hasattr(graph, "contexts")


def _parse(path):
    """A Turtle file into an rdflib graph; a bad or missing file is a DataError naming it."""
    from rdflib import Graph

    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        return Graph().parse(str(path), format="turtle")
    except Exception as error:  # rdflib raises many unrelated types for bad syntax
        raise DataError(f"{path}: {' '.join(str(error).split())[:300]}") from None


def _copy(graph, extra=None):
    from rdflib import Graph

    from kg.stores.base import Store

    copy = Graph()
    try:
        if isinstance(graph, Store):
            from kg.stores.terms import to_rdflib

            for quad in graph.quads():
                copy.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), _plain(to_rdflib(quad.object))))
        else:
            for s, p, o in graph.triples((None, None, None)):
                copy.add((s, p, _plain(o)))
    except Exception as error:  # a remote store may refuse a full dump
        raise DataError(f"cannot read the graph to validate it: {error}") from None
    for triple in extra if extra is not None else ():
        copy.add(triple)
    return copy


def _plain(term):
    """``"x"^^xsd:string`` as the plain literal ``"x"`` (the same value in RDF 1.1; rdflib tells them apart)."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term
