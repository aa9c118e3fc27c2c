"""Claims: one source's facts as lines a person can edit, compiled into the graph (docs/claims.md).

- :mod:`kg.claims.format` -- the line kinds (small dataclasses), :func:`read_claims`, :func:`write_claims`;
- :mod:`kg.claims.vocabulary` -- keys (``org/lanzhou-university``) and the ontology's terms, as checked;
- :mod:`kg.claims.compile` -- claims and the source text to RDF (:func:`compile_claims`), offsets computed;
- :mod:`kg.claims.build` -- every ``graph_data/<id>/claims.tsv`` compiled into ``claims.ttl`` (``kg build``);
- :mod:`kg.claims.accept` -- merge a reviewed file into ``graph_data/<id>/claims.tsv`` (:func:`accept`).

>>> from kg.claims import Actor, format_claim
>>> format_claim(Actor("org/lanzhou-university", ("University",), "兰州大学", "Lanzhou University"))
'actor\\torg/lanzhou-university\\tUniversity\\t兰州大学\\tLanzhou University'
"""

from kg.claims.format import (KINDS, REVIEW_FIELDS, STATUSES, Actor, Alias, Ambiguity, Attribute, Claim, Concept,
                              Figure, Member, Note, Relation, Source, claims_text, format_claim, parse_claims,
                              read_claims, write_claims)
from kg.claims.vocabulary import key_iri
from kg.claims.compile import compile_claims, compile_file
from kg.claims.build import build_claims, claims_turtle, source_text
from kg.claims.accept import AcceptResult, accept

__all__ = ["Claim", "Source", "Actor", "Alias", "Relation", "Attribute", "Member", "Figure", "Concept", "Note",
           "Ambiguity", "KINDS", "REVIEW_FIELDS", "STATUSES", "parse_claims", "read_claims", "format_claim",
           "claims_text", "write_claims", "compile_claims", "compile_file", "claims_turtle", "key_iri", "source_text",
           "accept", "AcceptResult", "build_claims"]
