"""A small authoring kit that turns stated facts into Turtle with evidence (used by tools/build_graph.py).

Each call states one fact and the short span of the source that states it; the span's offsets are
computed here with :func:`kg.evidence.locate`, never typed by hand. Facts are grouped into themed
graphs, written as ``graph_data/<theme>.ttl``.
"""

import sys
from collections import defaultdict
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg._atomic import atomic_write  # noqa: E402
from kg.evidence import locate, sha256_file  # noqa: E402
from kg.namespaces import DCTERMS, IKG, IKR, ORG, PROV, RDF, SCHEMA, SKOS, XSD, bind_prefixes  # noqa: E402

__all__ = ["Builder", "ikr"]


def ikr(kind, slug):
    """The IRI ``ikr:<kind>/<slug>``."""
    return IKR[f"{kind}/{slug}"]


class Builder:
    """Collects facts about one source text and writes them as themed Turtle files."""

    def __init__(self, source_path, short_id):
        self.path = Path(source_path)
        self.text = self.path.read_bytes().decode("utf-8")
        self.short_id = short_id
        self.source = ikr("source", self.path.stem)
        self.graphs = defaultdict(Graph)
        self.theme = "source"
        self.count = 0
        self.slugs = {}

    # -- low level ---------------------------------------------------------------------------------

    def add(self, s, p, o, theme=None):
        self.graphs[theme or self.theme].add((s, p, o))

    def evidence(self, s, p, o, span, ctx=None, nth=None, note=None):
        """Record that ``span`` (inside ``ctx``) states ``s p o``; returns the evidence IRI."""
        start, end = locate(self.text, span, ctx, nth)
        self.count += 1
        node = ikr("evidence", f"{self.short_id}-{self.count:04d}")
        g = self.graphs["evidence"]
        for pred, obj in [(RDF.type, IKG.Evidence), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o),
                          (IKG.span, Literal(span)), (IKG.start, Literal(start)), (IKG.end, Literal(end)),
                          (PROV.wasDerivedFrom, self.source)]:
            g.add((node, pred, obj))
        if note:
            g.add((node, SKOS.note, Literal(note, lang="en")))
        return node

    # -- facts -------------------------------------------------------------------------------------

    def actor(self, kind, slug, classes, zh, en, ctx=None, span=None, nth=None, alt_zh=(), alt_en=(),
              note=None):
        """An actor with its class(es), Chinese and English names, aliases and source."""
        iri = ikr(kind, slug)
        if iri in self.slugs:
            raise ValueError(f"actor {iri} defined twice")
        self.slugs[iri] = zh
        for cls in [classes] if isinstance(classes, URIRef) else classes:
            self.add(iri, RDF.type, cls)
        self.add(iri, SKOS.prefLabel, Literal(zh, lang="zh"))
        self.add(iri, SKOS.prefLabel, Literal(en, lang="en"))
        for alias in alt_zh:
            self.add(iri, SKOS.altLabel, Literal(alias, lang="zh"))
        for alias in alt_en:
            self.add(iri, SKOS.altLabel, Literal(alias, lang="en"))
        self.add(iri, PROV.wasDerivedFrom, self.source)
        self.evidence(iri, SKOS.prefLabel, Literal(zh, lang="zh"), span or zh, ctx, nth, note)
        return iri

    def alias_evidence(self, iri, alias, ctx=None, nth=None):
        """Evidence for a Chinese alias (skos:altLabel) the text uses."""
        self.evidence(iri, SKOS.altLabel, Literal(alias, lang="zh"), alias, ctx, nth)

    def rel(self, s, p, o, span, ctx=None, nth=None, note=None):
        """A stated relation ``s p o`` with its evidence."""
        self.add(s, p, o)
        self.evidence(s, p, o, span, ctx, nth, note)

    def lit(self, s, p, value, span, ctx=None, nth=None, lang=None, datatype=None, note=None):
        """A stated literal value with its evidence."""
        literal = Literal(value, lang=lang, datatype=datatype)
        self.add(s, p, literal)
        self.evidence(s, p, literal, span, ctx, nth, note)

    def member(self, organization, member, role, span, ctx=None, role_span=None, role_ctx=None, nth=None):
        """An org:Membership: ``member`` holds ``role`` in ``organization``."""
        iri = ikr("membership", f"{_slug(organization)}--{_slug(member)}--{_slug(role)}")
        self.add(iri, RDF.type, ORG.Membership)
        self.add(iri, ORG.organization, organization)
        self.add(iri, ORG.member, member)
        self.add(iri, ORG.role, role)
        self.add(iri, PROV.wasDerivedFrom, self.source)
        self.evidence(iri, ORG.member, member, span, ctx, nth)
        if role_span:
            self.evidence(iri, ORG.role, role, role_span, role_ctx or ctx)
        return iri

    def concept(self, kind, slug, zh, en, classes=(), counts_class=None, counts_role=None):
        """A skos:Concept (measure, sector); collective measures name what they count."""
        iri = ikr(kind, slug)
        g = self.graphs["concepts"]
        g.add((iri, RDF.type, SKOS.Concept))
        for cls in classes:
            g.add((iri, RDF.type, cls))
        if counts_class is not None or counts_role is not None:
            g.add((iri, RDF.type, IKG.CollectiveMeasure))
        if counts_class is not None:
            g.add((iri, IKG.countsClass, counts_class))
        if counts_role is not None:
            g.add((iri, IKG.countsRole, counts_role))
        g.add((iri, SKOS.prefLabel, Literal(zh, lang="zh")))
        g.add((iri, SKOS.prefLabel, Literal(en, lang="en")))
        return iri

    def figure(self, subject, measure, value, unit_text, unit, time, span, ctx=None, nth=None,
               qualifier=None, reported_by=(), note=None):
        """A dated quantity the text states about ``subject``."""
        time_literal = _time(time)
        iri = ikr("figure", f"{_slug(subject)}-{_slug(measure)}-{str(time_literal)}")
        g = self.graphs["figures"]
        value_literal = Literal(value) if isinstance(value, int) else Literal(str(value), datatype=XSD.decimal)
        for pred, obj in [(RDF.type, IKG.Figure), (IKG.subject, subject), (IKG.measure, measure),
                          (SCHEMA.value, value_literal), (SCHEMA.unitText, Literal(unit_text, lang="zh")),
                          (IKG.unit, unit), (IKG.time, time_literal), (PROV.wasDerivedFrom, self.source)]:
            g.add((iri, pred, obj))
        if qualifier:
            g.add((iri, IKG.qualifier, Literal(qualifier)))
        if note:
            g.add((iri, SKOS.note, Literal(note, lang="en")))
        for who in reported_by:
            g.add((iri, IKG.reportedBy, who))
        self.evidence(iri, SCHEMA.value, value_literal, span, ctx, nth)
        return iri

    def ambiguity(self, slug, concerns, note_en, note_zh=None):
        """An ikg:Ambiguity: what the text leaves unclear, and what was (not) modelled."""
        iri = ikr("ambiguity", slug)
        g = self.graphs["ambiguities"]
        g.add((iri, RDF.type, IKG.Ambiguity))
        for resource in concerns:
            g.add((iri, IKG.concerns, resource))
        g.add((iri, SKOS.note, Literal(note_en, lang="en")))
        if note_zh:
            g.add((iri, SKOS.note, Literal(note_zh, lang="zh")))
        g.add((iri, PROV.wasDerivedFrom, self.source))
        return iri

    def source_document(self, title, alternatives, publisher, year, creators, date_note):
        """The provenance node of the source text (hash and file name computed from the file)."""
        g = self.graphs["source"]
        s = self.source
        g.add((s, RDF.type, IKG.SourceDocument))
        g.add((s, DCTERMS.title, Literal(title, lang="zh")))
        for alternative in alternatives:
            g.add((s, DCTERMS.alternative, Literal(alternative, lang="zh")))
        g.add((s, DCTERMS.publisher, publisher))
        g.add((s, DCTERMS.date, Literal(year, datatype=XSD.gYear)))
        g.add((s, IKG.dateNote, Literal(date_note, lang="en")))
        for creator in creators:
            g.add((s, DCTERMS.creator, Literal(creator, lang="zh")))
        g.add((s, IKG.sha256, Literal(sha256_file(self.path))))
        g.add((s, IKG.fileName, Literal(self.path.name)))
        self.evidence(s, DCTERMS.title, Literal(title, lang="zh"), title)
        for alternative in alternatives:
            self.evidence(s, DCTERMS.alternative, Literal(alternative, lang="zh"), alternative)

    # -- output ------------------------------------------------------------------------------------

    def write(self, folder, header):
        """Write every themed graph to ``folder/<theme>.ttl``; returns {file name: triple count}."""
        folder = Path(folder)
        counts = {}
        for theme, graph in sorted(self.graphs.items()):
            bind_prefixes(graph)
            for kind in _KINDS:  # ikr-org:lanzhou-university reads better than the full IRI
                graph.bind(f"ikr-{kind}", IKR[f"{kind}/"])
            text = graph.serialize(format="turtle")
            assert not any(isinstance(term, BNode) for triple in graph for term in triple)
            with atomic_write(folder / f"{theme}.ttl") as handle:
                handle.write(header.format(theme=theme) + text)
            counts[f"{theme}.ttl"] = len(graph)
        return counts


# helpers

_KINDS = ("org", "person", "place", "policy", "project", "agreement", "event", "technology", "program", "figure",
          "membership", "role", "measure", "unit", "sector", "ambiguity", "facility")

def _slug(iri):
    return str(iri).rsplit("/", 1)[-1]


def _time(value):
    """'2024' -> gYear, '2024-10' -> gYearMonth, '2024-12-31' -> date."""
    value = str(value)
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=datatype)
