"""RDF terms as the stores hand them out: pyoxigraph's term classes, and plain Python values.

Every store answers queries with pyoxigraph terms (``NamedNode``, ``BlankNode``, ``Literal``), whatever
engine ran the query: Oxigraph's own, rdflib's (converted) or a remote endpoint's (parsed by pyoxigraph).
The projection reads plain values instead (:func:`plain`): an IRI as ``str``, a literal as a
:class:`Lit`, a blank node as ``"_:id"``.

>>> from pyoxigraph import Literal, NamedNode
>>> plain(NamedNode("urn:x")), plain(Literal("甘肃", language="zh"))
('urn:x', Lit(value='甘肃', language='zh', datatype=None))
>>> n3(Literal("a\\"b")), n3(Literal("2", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
('"a\\\\"b"', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>')
"""

from collections import namedtuple

__all__ = ["Lit", "plain", "lit_value", "n3", "kind", "XSD_STRING", "RDF_LANG_STRING", "to_rdflib", "from_rdflib",
           "python_value"]

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: a literal as plain values; ``datatype`` is None for plain strings and language-tagged text
Lit = namedtuple("Lit", "value language datatype")

_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                               "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt",
                               "unsignedLong", "unsignedShort", "unsignedByte")}
_DECIMALS = {XSD + t for t in ("decimal", "double", "float")}


def kind(term):
    """``"uri"``, ``"bnode"``, ``"literal"``, ``"triple"`` or ``None`` (unbound) for a pyoxigraph term.

    >>> from pyoxigraph import BlankNode
    >>> kind(BlankNode("b1")), kind(None)
    ('bnode', None)
    """
    if term is None:
        return None
    name = type(term).__name__
    return {"NamedNode": "uri", "BlankNode": "bnode", "Literal": "literal", "Triple": "triple"}.get(name, "uri")


def plain(term):
    """A pyoxigraph term as a plain value: IRI -> str, literal -> :class:`Lit`, blank node -> ``"_:id"``."""
    return _converter()(term)


def _converter():
    """The converter behind :func:`plain`, bound to pyoxigraph's classes once (it runs millions of times)."""
    global _CONVERT
    if _CONVERT is None:
        from pyoxigraph import Literal, NamedNode

        def convert(term):
            kind = type(term)
            if kind is NamedNode:
                return term.value
            if term is None:
                return None
            if kind is Literal:
                language = term.language
                datatype = term.datatype.value
                return Lit(term.value, language or None, None if language or datatype == XSD_STRING else datatype)
            if type(term).__name__ == "BlankNode":
                return "_:" + term.value
            return str(term)

        _CONVERT = convert
    return _CONVERT


_CONVERT = None


def python_value(term):
    """A literal's value as Python: int or float for numbers, else its text; IRIs as text.

    >>> from pyoxigraph import Literal
    >>> python_value(Literal("2.5", datatype=__import__("pyoxigraph").NamedNode(XSD + "decimal")))
    2.5
    """
    value = plain(term)
    return lit_value(value) if isinstance(value, Lit) else value


def lit_value(literal):
    """A :class:`Lit`'s value as Python: int or float for numbers, else its text (None stays None).

    >>> lit_value(Lit("7", None, XSD + "integer")), lit_value(Lit("兰州", "zh", None))
    (7, '兰州')
    """
    if literal is None:
        return None
    try:
        if literal.datatype in _INTEGERS:
            return int(literal.value)
        if literal.datatype in _DECIMALS:
            return float(literal.value)
    except ValueError:
        pass
    return literal.value


def n3(term):
    """A pyoxigraph term in N-Triples syntax ('' for unbound)."""
    if term is None:
        return ""
    return str(term)


def to_rdflib(term):
    """A pyoxigraph term (or a plain IRI string) as an rdflib term.

    >>> from pyoxigraph import Literal
    >>> to_rdflib(Literal("x", language="en")).language
    'en'
    """
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, str):
        return URIRef(term)
    name = type(term).__name__
    if name == "NamedNode":
        return URIRef(term.value)
    if name == "BlankNode":
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # normalize=False: the lexical form as Oxigraph holds it, not rdflib's own rewriting of it
    return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype), normalize=False)


def from_rdflib(term):
    """An rdflib term as a pyoxigraph term.

    >>> from rdflib import Literal
    >>> from_rdflib(Literal("兰州", lang="zh"))
    <Literal value=兰州 language=zh>
    """
    import pyoxigraph
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    return pyoxigraph.NamedNode(str(term))
