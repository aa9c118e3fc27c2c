"""Writing the synthetic ecosystem of :mod:`kg.synth`: N-Triples (and Turtle on request) as facts are
made, one evidence node per stated fact pointing into the synthetic source texts written beside them.

Split from :mod:`kg.synth` (issue 24): that module decides what the ecosystem holds; this one how its
triples and texts are written.

>>> _lit("甘肃", "zh"), _short(_RDF + "type")
('"甘肃"@zh', 'a')
"""

import hashlib

from kg._atomic import atomic_write

_IKG = "https://w3id.org/innovation-kg/ontology#"
_IKR = "https://w3id.org/innovation-kg/id/"
_ORG = "http://www.w3.org/ns/org#"
_PROV = "http://www.w3.org/ns/prov#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SCHEMA = "https://schema.org/"
_DCT = "http://purl.org/dc/terms/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"

#: the evidence sentences put between the two names (subject first), per relation
_CONNECTORS = {
    "locatedIn": "位于", "partOfPlace": "隶属", "issuedBy": "由", "appliesTo": "适用于",
    "implementedBy": "的实施单位为", "pilotedIn": "试点于", "subOrganizationOf": "隶属于",
    "affiliatedWith": "归属", "operates": "运行", "ledBy": "由", "participant": "的参与单位包括",
    "supportedBy": "获得支持自", "partOfProgram": "纳入", "party": "的签约方包括",
    "developedBy": "研发单位为", "supportsConsortium": "支撑",
}

_NT_PREFIXES = {"ikg": _IKG, "ikr": _IKR, "org": _ORG, "prov": _PROV, "skos": _SKOS, "schema": _SCHEMA,
                "dcterms": _DCT, "rdf": _RDF, "xsd": _XSD}


class _nothing:
    """A context manager that yields None (no Turtle stream)."""

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _lit(text, lang=None, datatype=None):
    """An N-Triples literal (our names never hold quotes, backslashes or newlines)."""
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{_XSD}{datatype}>'
    return f'"{text}"'


class _Writer:
    """Streams triples to N-Triples (and Turtle), synthetic source texts, and evidence nodes."""

    def __init__(self, nt, ttl, source_dir, source_size):
        self.nt, self.ttl, self.source_dir, self.source_size = nt, ttl, source_dir, source_size
        self.triples, self.counts, self.source_files = 0, {}, []
        self.evidence_count, self.source_index, self.publisher = 0, 0, None
        self.text, self.text_length, self.sentences = None, 0, 0
        self.hasher = None
        if ttl is not None:
            ttl.write("".join(f"@prefix {p}: <{iri}> .\n" for p, iri in _NT_PREFIXES.items()) + "\n")
        self._open_source()

    def block(self, subject, pairs):
        """Write ``subject`` with its (predicate IRI, object term) pairs."""
        s = f"<{subject}>"
        self.nt.write("".join(f"{s} <{p}> {o} .\n" for p, o in pairs))
        self.triples += len(pairs)
        if self.ttl is not None:
            body = " ;\n    ".join(f"{_short(p)} {_short_term(o)}" for p, o in pairs)
            self.ttl.write(f"{s} {body} .\n")

    def actor(self, iri, cls, zh, en, extra=()):
        """An actor: type, names, provenance, evidence on its Chinese name, and ``extra`` pairs."""
        self.counts[cls] = self.counts.get(cls, 0) + 1
        self._rotate_if_full()
        source = self.source_iri
        self.block(iri, [(_RDF + "type", f"<{_IKG}{cls}>"), (_SKOS + "prefLabel", _lit(zh, "zh")),
                         (_SKOS + "prefLabel", _lit(en, "en")), (_PROV + "wasDerivedFrom", f"<{source}>"),
                         *extra])
        self.evidence(iri, _SKOS + "prefLabel", _lit(zh, "zh"), f"{zh}。", zh)

    def relation(self, subject, relation, obj, subject_zh, object_zh):
        """A stated triple between actors, with its evidence sentence."""
        predicate = relation if ":" in relation else _IKG + relation
        self.block(subject, [(predicate, f"<{obj}>")])
        connector = _CONNECTORS.get(predicate.rsplit("#", 1)[-1], "与")
        self.evidence(subject, predicate, f"<{obj}>", f"{subject_zh}{connector}{object_zh}。", object_zh)

    def evidence(self, subject, predicate, obj, sentence, span):
        """An ikg:Evidence node whose span lies in ``sentence``, appended to the current source text."""
        self._rotate_if_full()
        start = self.text_length + sentence.rindex(span)
        self._append(sentence)
        self.evidence_count += 1
        iri = f"{_IKR}evidence/synth-{self.evidence_count:08d}"
        self.block(iri, [(_RDF + "type", f"<{_IKG}Evidence>"), (_RDF + "subject", f"<{subject}>"),
                         (_RDF + "predicate", f"<{predicate}>"), (_RDF + "object", obj),
                         (_IKG + "span", _lit(span)), (_IKG + "start", _lit(start, datatype="integer")),
                         (_IKG + "end", _lit(start + len(span), datatype="integer")),
                         (_PROV + "wasDerivedFrom", f"<{self.source_iri}>")])

    def close(self):
        self._close_source()

    def current_source(self):
        """The source document the next statements come from (a new one when the current is full)."""
        self._rotate_if_full()
        return self.source_iri

    def _rotate_if_full(self):
        if self.sentences >= self.source_size:
            self._close_source()
            self._open_source()

    def _append(self, sentence):
        self.text.write(sentence)
        self.hasher.update(sentence.encode("utf-8"))
        self.text_length += len(sentence)
        self.sentences += 1

    def _open_source(self):
        self.source_index += 1
        name = f"synth-{self.source_index:04d}"
        self.source_iri = f"{_IKR}source/{name}"
        self.source_path = self.source_dir / f"{name}.txt"
        self._text_context = atomic_write(self.source_path)
        self.text = self._text_context.__enter__()
        self.text_length, self.sentences, self.hasher = 0, 0, hashlib.sha256()

    def _close_source(self):
        self._text_context.__exit__(None, None, None)
        self.source_files.append(self.source_path)
        name = self.source_path.stem
        self.block(self.source_iri, [
            (_RDF + "type", f"<{_IKG}SourceDocument>"),
            (_DCT + "title", _lit(f"合成语料 {name}", "zh")),
            (_DCT + "date", _lit("2024", datatype="gYear")),
            (_IKG + "sha256", _lit(self.hasher.hexdigest())),
            (_IKG + "fileName", _lit(self.source_path.name)),
            *([(_DCT + "publisher", f"<{self.publisher}>")] if self.publisher else [])])


def _short(iri):
    for prefix, namespace in _NT_PREFIXES.items():
        if iri.startswith(namespace) and "/" not in iri[len(namespace):]:
            local = iri[len(namespace):]
            return "a" if iri == _RDF + "type" else f"{prefix}:{local}"
    return f"<{iri}>"


def _short_term(term):
    if term.startswith("<") and term.endswith(">"):
        return _short(term[1:-1])
    if "^^<" in term:
        lexical, _, datatype = term.partition("^^<")
        return f"{lexical}^^{_short(datatype[:-1])}"
    return term
