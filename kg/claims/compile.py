"""Compile claims (docs/claims.md) into RDF: the same IRIs and vocabulary as the rest of the graph.

:func:`compile_claims` turns the claims of one source and its text into an rdflib ``Graph``; every
claim's span is located in the text here (offsets computed, never typed), so a span that is missing or
ambiguous, an unknown class or relation, a key nothing defines, is a :class:`~kg.errors.DataError`
naming ``path:LINE``. :func:`compile_file` does the same for a file on disk and finds the source's text
by its id (:mod:`kg.sources`); :func:`claims_turtle` writes the compiled graph as Turtle.

>>> from kg.claims.format import parse_claims
>>> text = "兰州大学与金川集团签约。"
>>> claims = parse_claims('''source\\tdemo\\t兰州大学与金川集团签约\\t2025\\torg/jinchuan-group
... actor\\torg/lanzhou-university\\tUniversity\\t兰州大学\\tLanzhou University
... actor\\torg/jinchuan-group\\tEnterprise\\t金川集团\\tJinchuan Group
... relation\\torg/lanzhou-university\\taffiliatedWith\\torg/jinchuan-group\\t签约
... ''', "demo.tsv")
>>> graph = compile_claims(claims, text, path="demo.tsv")
>>> from kg.namespaces import IKG, IKR
>>> (IKR["org/lanzhou-university"], IKG.affiliatedWith, IKR["org/jinchuan-group"]) in graph
True
>>> sorted(int(o) for o in graph.objects(None, IKG.start))  # 签约, 兰州大学, 金川集团, the title
[0, 0, 5, 9]
>>> claims.append(parse_claims("relation\\torg/jinchuan-group\\tlocatedIn\\tplace/lanzhou\\t兰州\\n", "demo.tsv")[0])
>>> compile_claims(claims, text, path="demo.tsv")
Traceback (most recent call last):
...
kg.errors.DataError: demo.tsv:1: place/lanzhou is not defined by any line (an actor, concept, member or figure line) nor by the ontology
"""

import re

from kg.claims.vocabulary import KEY_KINDS, key_iri, plain_key, vocabulary
from kg.errors import DataError

__all__ = ["compile_claims", "compile_file", "defined_iris", "source_line"]

_TIME = {4: "gYear", 7: "gYearMonth", 10: "date"}
_TIME_SHAPE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QUALIFIERS = ("approximately", "more-than", "at-least", "nearly")  # the shapes' sh:in list for ikg:qualifier
_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def compile_claims(claims, text, *, path="<claims>", known=(), vocab=None):
    """The RDF graph that ``claims`` (of one source whose text is ``text``) state.

    Parameters
    ----------
    claims : list of kg.claims.format.Claim
        The lines of one claims file, in file order (evidence is numbered in this order). Lines with
        ``status=rejected`` are left out.
    text : str
        The source's whole text; every span is located in it.
    path : str
        The file's name, for error messages (``path:LINE: ...``).
    known : iterable of IRIs
        Keys that other sources define (so a line may refer to an actor another source introduced).
    vocab : Vocabulary, optional
        The ontology terms allowed (default: the project's ontology).

    Returns
    -------
    rdflib.Graph

    Raises
    ------
    DataError
        The first bad line, as ``path:LINE: what is wrong``.
    """
    from rdflib import Graph

    from kg.namespaces import bind_prefixes

    vocab = vocab or vocabulary()
    claims = [claim for claim in claims if claim.status != "rejected"]
    compiler = _Compiler(claims, text, path, set(known), vocab)
    graph = compiler.run()
    bind_prefixes(graph)
    for kind in KEY_KINDS:  # ikr-org:lanzhou-university reads better than the full IRI
        graph.bind(f"ikr-{kind}", f"https://w3id.org/innovation-kg/id/{kind}/")
    return graph


def compile_file(path, *, known=(), text=None):
    """Compile the claims file ``path``; its text is found by the source line's id unless ``text`` is given.

    Raises :class:`DataError` when the file is bad or the source text cannot be found.
    """
    from kg.claims.format import read_claims

    claims = read_claims(path)
    if text is None:
        from kg.sources import source_text

        text = source_text(source_line(claims, str(path)).id)
    return compile_claims(claims, text, path=str(path), known=known)


def defined_iris(claims, path="<claims>"):
    """The IRIs the claims of one file define (actors, concepts, memberships, figures, ambiguities, the
    source), as a set: what other sources' lines may refer to.

    >>> from kg.claims.format import parse_claims
    >>> sorted(defined_iris(parse_claims("source\\td\\tT\\t2025\\torg/p\\nactor\\torg/p\\tEnterprise\\t甲\\tP\\n")))[0]
    rdflib.term.URIRef('https://w3id.org/innovation-kg/id/org/p')
    """
    claims = [claim for claim in claims if claim.status != "rejected"]
    return set(_Compiler(claims, "", path, set(), None).definitions())


def source_line(claims, path):
    """The one source line of a file's claims (none, or two, is a :class:`DataError`)."""
    from kg.claims.format import Source

    sources = [claim for claim in claims if isinstance(claim, Source)]
    if not sources:
        raise DataError(f"{path}: no source line (source ID TITLE DATE PUBLISHER) names the text these claims are from")
    if len(sources) > 1:
        raise DataError(f"{path}:{sources[1].line}: a second source line (the first is line {sources[0].line}); "
                        "one file holds one source's claims")
    return sources[0]


# helpers

def _slug(iri):
    return str(iri).rsplit("/", 1)[-1]


class _Compiler:
    """One pass over the claims of one file, in order, numbering the evidence as it goes."""

    def __init__(self, claims, text, path, known, vocab):
        from rdflib import Graph

        self.claims, self.text, self.path, self.known, self.vocab = claims, text, path, known, vocab
        self.graph = Graph()
        self.count = 0

    def where(self, claim):
        # a line merged in from a review file (kg accept) says where it came from
        return getattr(claim, "origin", None) or f"{self.path}:{claim.line}"

    def run(self):
        from kg.namespaces import IKR

        source = source_line(self.claims, self.path)
        self.source_claim = source
        from kg.sources import check_source_id, text_sha256

        try:
            check_source_id(source.id)
        except DataError as error:
            raise DataError(f"{self.where(source)}: {error}") from None
        self.source = IKR[f"source/{source.id}"]
        self.prefix = source.evidence_prefix or source.id
        if source.sha256 and source.sha256 != text_sha256(self.text):
            raise DataError(f"{self.where(source)}: the text of {source.id} has changed since these claims were "
                            f"written (sha256 {text_sha256(self.text)[:12]}…, the source line says "
                            f"{source.sha256[:12]}…): check the spans, then update sha256=")
        self.defined = self.definitions()
        for claim in self.claims:
            getattr(self, f"_{claim.KIND}")(claim)
        return self.graph

    # -- keys --------------------------------------------------------------------------------------

    def definitions(self):
        """Every IRI this file defines, with the line that defines it (a key defined twice is an error)."""
        from kg.namespaces import IKR

        source = source_line(self.claims, self.path)
        defined = {IKR[f"source/{source.id}"]: source.line}
        for claim in self.claims:
            iri = None
            if claim.KIND in ("actor", "concept"):
                iri = key_iri(claim.key, self.where(claim))
            elif claim.KIND == "member":
                iri = self._membership_iri(claim)
            elif claim.KIND == "figure":
                iri = self._figure_iri(claim)
            elif claim.KIND == "ambiguity":
                iri = IKR[f"ambiguity/{claim.slug}"]
            if iri is None:
                continue
            if iri in defined:
                raise DataError(f"{self.where(claim)}: {plain_key(str(iri))} is already defined on line "
                                f"{defined[iri]}")
            defined[iri] = claim.line
        return defined

    def ref(self, key, claim):
        """The IRI of a key that this file, another source or the ontology defines."""
        iri = key_iri(key, self.where(claim))
        if iri not in self.defined and iri not in self.known and iri not in self.vocab.individuals:
            raise DataError(f"{self.where(claim)}: {plain_key(key)} is not defined by any line (an actor, concept, "
                            "member or figure line) nor by the ontology")
        return iri

    def _membership_iri(self, claim):
        from kg.namespaces import IKR

        parts = [_slug(key_iri(k, self.where(claim))) for k in (claim.organization, claim.member, claim.role)]
        return IKR["membership/" + "--".join(parts)]

    def _figure_iri(self, claim):
        from kg.namespaces import IKR

        where = self.where(claim)
        if not _TIME_SHAPE.match(claim.time):
            raise DataError(f"{where}: time {claim.time!r} is not a year, year-month or date (2024, 2024-10, 2024-12-31)")
        iri = IKR[f"figure/{_slug(key_iri(claim.subject, where))}-{_slug(key_iri(claim.measure, where))}-{claim.time}"]
        if iri in self.known:  # another source states a figure of the same subject, measure and time:
            # this source's figure is its own node, so two sources that disagree are both kept
            iri = IKR[f"{iri[len(str(IKR)):]}--{re.sub(r'[^a-z0-9_-]+', '-', _slug(self.source).lower())}"]
        return iri

    # -- evidence ----------------------------------------------------------------------------------

    def locate(self, claim, span, context=None, nth=None):
        """``(start, end)`` of ``span`` in the text (:func:`kg.evidence.locate`); errors name the line."""
        from kg.evidence import locate

        try:
            return locate(self.text, span, context, nth, source=self.source_claim.id)
        except DataError as error:
            raise DataError(f"{self.where(claim)}: {error}") from None

    def evidence(self, claim, s, p, o, span, context=None, nth=None, note=None, check_review=True):
        from rdflib import Literal
        from rdflib.namespace import RDF

        from kg.namespaces import IKG, IKR, PROV, SKOS

        start, end = self.locate(claim, span, context, nth)
        if check_review:
            self._check_offsets(claim, start, end)
        self.count += 1
        node = IKR[f"evidence/{self.prefix}-{self.count:04d}"]
        for pred, obj in [(RDF.type, IKG.Evidence), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o),
                          (IKG.span, Literal(span)), (IKG.start, Literal(start)), (IKG.end, Literal(end)),
                          (PROV.wasDerivedFrom, self.source)]:
            self.graph.add((node, pred, obj))
        if note:
            self.graph.add((node, SKOS.note, Literal(note, lang="en")))
        return node

    def _check_offsets(self, claim, start, end):
        review = claim.review
        if "start" in review and int(review["start"]) != start or "end" in review and int(review["end"]) != end:
            raise DataError(f"{self.where(claim)}: start={review.get('start')} end={review.get('end')} do not match "
                            f"where the span is in the text ({start}-{end}); remove them or fix the span")

    def add(self, s, p, o):
        self.graph.add((s, p, o))

    # -- the kinds ---------------------------------------------------------------------------------

    def _source(self, claim):
        from rdflib import Literal, URIRef
        from rdflib.namespace import RDF, RDFS

        from kg.namespaces import DCTERMS, IKG
        from kg.sources import text_sha256

        s = self.source
        title = Literal(claim.title, lang="zh")
        self.add(s, RDF.type, IKG.SourceDocument)
        self.add(s, DCTERMS.title, title)
        for alternative in claim.alternative:
            self.add(s, DCTERMS.alternative, Literal(alternative, lang="zh"))
        if "/" in claim.publisher or claim.publisher.startswith(("http://", "https://")):
            self.add(s, DCTERMS.publisher, self.ref(claim.publisher, claim))
        else:  # a publisher the graph does not know as an actor (and the text may not name): its name
            self.add(s, DCTERMS.publisher, Literal(claim.publisher, lang="zh"))
        self.add(s, DCTERMS.date, self._time_literal(claim.date, claim))
        if claim.date_note:
            self.add(s, IKG.dateNote, Literal(claim.date_note, lang="en"))
        for creator in claim.creator:
            self.add(s, DCTERMS.creator, Literal(creator, lang="zh"))
        if claim.url:  # the ontology has no URL property of its own; rdfs:seeAlso is the built-in pointer
            if not re.match(r"^https?://\S+$", claim.url):
                raise DataError(f"{self.where(claim)}: url={claim.url!r} is not an http(s) address")
            self.add(s, RDFS.seeAlso, URIRef(claim.url))
        self.add(s, IKG.sha256, Literal(text_sha256(self.text)))
        self.add(s, IKG.fileName, Literal(claim.text or f"{claim.id}.txt"))
        self.evidence(claim, s, DCTERMS.title, title, claim.title, nth=claim.nth)
        for alternative in claim.alternative:
            self.evidence(claim, s, DCTERMS.alternative, Literal(alternative, lang="zh"), alternative)

    def _actor(self, claim):
        from rdflib import Literal
        from rdflib.namespace import RDF

        from kg.namespaces import PROV, SKOS

        where = self.where(claim)
        iri = key_iri(claim.key, where)
        for name in claim.classes:
            self.add(iri, RDF.type, self.vocab.term(name, self.vocab.classes, "class", where))
        self.add(iri, SKOS.prefLabel, Literal(claim.zh, lang="zh"))
        if claim.en and claim.en != "-":  # "-" or empty: no English name yet (a reviewer may add one)
            self.add(iri, SKOS.prefLabel, Literal(claim.en, lang="en"))
        for alias in claim.alias_zh:
            self.add(iri, SKOS.altLabel, Literal(alias, lang="zh"))
        for alias in claim.alias_en:
            self.add(iri, SKOS.altLabel, Literal(alias, lang="en"))
        self.add(iri, PROV.wasDerivedFrom, self.source)
        self.evidence(claim, iri, SKOS.prefLabel, Literal(claim.zh, lang="zh"), claim.span or claim.zh,
                      claim.context, claim.nth, claim.note)

    def _alias(self, claim):
        from rdflib import Literal

        from kg.namespaces import SKOS

        iri = self.ref(claim.key, claim)
        label = Literal(claim.alias, lang=self._lang(claim.lang, claim))
        self.add(iri, SKOS.altLabel, label)
        self.evidence(claim, iri, SKOS.altLabel, label, claim.alias, claim.context, claim.nth, claim.note)

    def _relation(self, claim):
        where = self.where(claim)
        s, o = self.ref(claim.subject, claim), self.ref(claim.object, claim)
        p = self.vocab.term(claim.relation, self.vocab.properties, "relation", where)
        self.add(s, p, o)
        self.evidence(claim, s, p, o, claim.span, claim.context, claim.nth, claim.note)

    def _attribute(self, claim):
        from rdflib import Literal

        from kg.namespaces import PREFIXES

        where = self.where(claim)
        s = self.ref(claim.subject, claim)
        p = self.vocab.term(claim.property, self.vocab.properties, "property", where)
        if claim.lang and claim.datatype:
            raise DataError(f"{where}: give lang= or datatype=, not both")
        datatype = None
        if claim.datatype:
            prefix, colon, local = claim.datatype.partition(":")
            if not colon or prefix not in PREFIXES:
                raise DataError(f"{where}: datatype {claim.datatype!r} is not a prefixed name such as xsd:gYear")
            datatype = PREFIXES[prefix] + local
        value = Literal(claim.value, lang=self._lang(claim.lang, claim) if claim.lang else None, datatype=datatype)
        if datatype and getattr(value, "ill_typed", False):
            raise DataError(f"{where}: {claim.value!r} is not a valid {claim.datatype}")
        self.add(s, p, value)
        self.evidence(claim, s, p, value, claim.span, claim.context, claim.nth, claim.note)

    def _member(self, claim):
        from rdflib.namespace import RDF

        from kg.namespaces import ORG, PROV

        iri = self._membership_iri(claim)
        organization, member = self.ref(claim.organization, claim), self.ref(claim.member, claim)
        role = self.ref(claim.role, claim)
        for p, o in [(RDF.type, ORG.Membership), (ORG.organization, organization), (ORG.member, member),
                     (ORG.role, role), (PROV.wasDerivedFrom, self.source)]:
            self.add(iri, p, o)
        self.evidence(claim, iri, ORG.member, member, claim.span, claim.context, claim.nth, claim.note)
        if claim.role_span:
            self.evidence(claim, iri, ORG.role, role, claim.role_span, claim.role_context or claim.context,
                          check_review=False)

    def _figure(self, claim):
        from rdflib import Literal, XSD
        from rdflib.namespace import RDF

        from kg.namespaces import IKG, PROV, SCHEMA, SKOS

        where = self.where(claim)
        iri = self._figure_iri(claim)
        subject, measure = self.ref(claim.subject, claim), self.ref(claim.measure, claim)
        if _INTEGER.match(claim.value):
            value = Literal(int(claim.value))
        elif _DECIMAL.match(claim.value):
            value = Literal(claim.value, datatype=XSD.decimal)
        else:
            raise DataError(f"{where}: value {claim.value!r} is not a number (write 8.4, not 8.4% or 八)")
        unit = self._unit(claim)
        for p, o in [(RDF.type, IKG.Figure), (IKG.subject, subject), (IKG.measure, measure), (SCHEMA.value, value),
                     (SCHEMA.unitText, Literal(claim.unit, lang="zh")), (IKG.unit, unit),
                     (IKG.time, self._time_literal(claim.time, claim)), (PROV.wasDerivedFrom, self.source)]:
            self.add(iri, p, o)
        if claim.qualifier:
            if claim.qualifier not in _QUALIFIERS:
                raise DataError(f"{where}: qualifier {claim.qualifier!r}; use {', '.join(_QUALIFIERS)}")
            self.add(iri, IKG.qualifier, Literal(claim.qualifier))
        if claim.note:
            self.add(iri, SKOS.note, Literal(claim.note, lang="en"))
        for who in claim.reported_by:
            self.add(iri, IKG.reportedBy, self.ref(who, claim))
        self.evidence(claim, iri, SCHEMA.value, value, claim.span, claim.context, claim.nth)

    def _unit(self, claim):
        where = self.where(claim)
        if claim.unit_key:
            iri = key_iri(claim.unit_key, where)
            if iri not in self.vocab.individuals:
                raise DataError(f"{where}: unit {claim.unit_key!r} is not a unit of the ontology")
            return iri
        units = self.vocab.units_by_label.get(claim.unit, [])
        if len(units) == 1:
            return units[0]
        if not units:
            known = ", ".join(sorted(self.vocab.units_by_label))
            raise DataError(f"{where}: unknown unit {claim.unit!r}; give unit=unit/... (the ontology's units: {known})")
        choices = " or ".join(f"unit={plain_key(str(u))}" for u in sorted(units))
        raise DataError(f"{where}: unit {claim.unit!r} is ambiguous: give {choices}")

    def _concept(self, claim):
        from rdflib import Literal
        from rdflib.namespace import RDF

        from kg.namespaces import IKG, SKOS

        where = self.where(claim)
        iri = key_iri(claim.key, where)
        self.add(iri, RDF.type, SKOS.Concept)
        if claim.counts_class or claim.counts_role:
            self.add(iri, RDF.type, IKG.CollectiveMeasure)
        if claim.counts_class:
            self.add(iri, IKG.countsClass, self.vocab.term(claim.counts_class, self.vocab.classes, "class", where))
        if claim.counts_role:
            self.add(iri, IKG.countsRole, self.ref(claim.counts_role, claim))
        self.add(iri, SKOS.prefLabel, Literal(claim.zh, lang="zh"))
        if claim.en and claim.en != "-":
            self.add(iri, SKOS.prefLabel, Literal(claim.en, lang="en"))

    def _note(self, claim):
        from rdflib import Literal

        from kg.namespaces import SKOS

        self.add(self.ref(claim.subject, claim), SKOS.note, Literal(claim.text, lang=self._lang(claim.lang, claim)))

    def _ambiguity(self, claim):
        from rdflib import Literal
        from rdflib.namespace import RDF

        from kg.namespaces import IKG, IKR, PROV, SKOS

        iri = IKR[f"ambiguity/{claim.slug}"]
        key_iri(f"ambiguity/{claim.slug}", self.where(claim))
        self.add(iri, RDF.type, IKG.Ambiguity)
        for key in claim.concerns:
            self.add(iri, IKG.concerns, self.ref(key, claim))
        self.add(iri, SKOS.note, Literal(claim.note, lang="en"))
        if claim.note_zh:
            self.add(iri, SKOS.note, Literal(claim.note_zh, lang="zh"))
        self.add(iri, PROV.wasDerivedFrom, self.source)

    # -- literals ----------------------------------------------------------------------------------

    def _time_literal(self, value, claim):
        from rdflib import Literal, XSD

        if not _TIME_SHAPE.match(value):
            raise DataError(f"{self.where(claim)}: {value!r} is not a year, year-month or date (2024, 2024-10, 2024-12-31)")
        return Literal(value, datatype=XSD[_TIME[len(value)]])

    def _lang(self, lang, claim):
        if not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", lang or ""):
            raise DataError(f"{self.where(claim)}: lang={lang!r} is not a language tag (zh, en)")
        return lang
