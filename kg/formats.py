"""Every format innovation-kg reads or writes, named once: RDF, query results, records, network exports.

One registry, as rdflib's plugin registry names its parsers and serializers: loading, export, the query
writers, the server's content negotiation and the CLI's ``--format`` choices all read these tables, so a
format is added in one place. Nothing heavy is imported here (the CLI reads it for its help).

>>> rdf_format_for("data/x.trig"), RDF_FORMATS["trig"].media_type
('trig', 'application/trig')
>>> [f.name for f in RESULT_FORMATS.values()][:3]
['table', 'csv', 'tsv']
>>> format_named("export", "ttl")
'turtle'
>>> format_named("export", "pdf")
Traceback (most recent call last):
...
kg.errors.UnknownFormat: unknown export format 'pdf'; valid formats: turtle, nt, nquads, trig, json-ld, xml, graphml, gexf, csv
"""

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UnknownFormat

__all__ = ["Format", "RDF_FORMATS", "RESULT_FORMATS", "RECORD_FORMATS", "EXPORT_FORMATS", "MEASURES",
           "LANGUAGES", "rdf_format_for", "format_named", "names"]


@dataclass(frozen=True)
class Format:
    """One format: its ``name``, file ``suffixes``, ``media_type``, other names (``aliases``), the names
    pyoxigraph and rdflib give it, whether it holds named graphs, and what it is for."""

    name: str
    suffixes: tuple = ()
    media_type: str = ""
    aliases: tuple = ()
    pyoxigraph: str = ""
    rdflib: str = ""
    datasets: bool = False
    kind: str = ""
    description: str = ""
    extra_media_types: tuple = field(default=(), compare=False)


def _table(*formats):
    return {f.name: f for f in formats}


#: RDF syntaxes (loading, export, graph answers)
RDF_FORMATS = _table(
    Format("turtle", (".ttl", ".turtle"), "text/turtle", ("ttl",), "TURTLE", "turtle", kind="rdf",
           description="Turtle, the project's prefixes bound", extra_media_types=("application/x-turtle",)),
    Format("nt", (".nt", ".ntriples"), "application/n-triples", ("n-triples", "ntriples"), "N_TRIPLES", "nt",
           kind="rdf", description="N-Triples, one triple a line"),
    Format("nquads", (".nq", ".nquads"), "application/n-quads", ("n-quads",), "N_QUADS", "nquads",
           datasets=True, kind="rdf", description="N-Quads: every triple with its named graph"),
    Format("trig", (".trig",), "application/trig", (), "TRIG", "trig", datasets=True, kind="rdf",
           description="TriG: Turtle with the named graphs"),
    Format("json-ld", (".jsonld", ".json"), "application/ld+json", ("jsonld",), "JSON_LD", "json-ld", kind="rdf",
           description="JSON-LD"),
    Format("xml", (".rdf", ".owl"), "application/rdf+xml", ("rdfxml", "rdf+xml", "rdf"), "RDF_XML", "xml",
           kind="rdf", description="RDF/XML"),
    Format("n3", (".n3",), "text/n3", (), "N3", "n3", kind="rdf", description="Notation3 (read only)"),
)

#: SPARQL result formats (kg query --format, the endpoint's answers to SELECT and ASK)
RESULT_FORMATS = _table(
    Format("table", (), "text/plain; charset=utf-8", (), kind="result", description="an aligned table, for reading"),
    Format("csv", (".csv",), "text/csv", (), "CSV", kind="result", description="SPARQL 1.1 CSV results"),
    Format("tsv", (".tsv",), "text/tab-separated-values", (), "TSV", kind="result",
           description="SPARQL 1.1 TSV results"),
    Format("json", (".srj", ".json"), "application/sparql-results+json", ("srj",), "JSON", kind="result",
           description="SPARQL 1.1 Query Results JSON", extra_media_types=("application/json",)),
    Format("xml", (".srx", ".xml"), "application/sparql-results+xml", ("srx",), "XML", kind="result",
           description="SPARQL Query Results XML", extra_media_types=("application/xml", "text/xml")),
)

#: the formats every command that prints records offers (--format)
RECORD_FORMATS = _table(
    Format("table", description="an aligned table, for reading"),
    Format("csv", (".csv",), "text/csv", description="CSV (RFC 4180)"),
    Format("tsv", (".tsv",), "text/tab-separated-values", description="TSV"),
    Format("json", (".json",), "application/json", description="JSON"),
)

#: kg export: the RDF formats that can be written, and the actor network's formats
EXPORT_FORMATS = _table(
    *(f for f in RDF_FORMATS.values() if f.name != "n3"),
    Format("graphml", (".graphml",), "application/graphml+xml", kind="network",
           description="GraphML of the actor network, for Gephi, Cytoscape, yEd"),
    Format("gexf", (".gexf",), "application/gexf+xml", kind="network", description="GEXF of the actor network, for Gephi"),
    Format("csv", (".csv",), "text/csv", kind="network", description="two CSV files: actors (nodes) and relations (edges)"),
)

#: centrality measures: name -> what it says (kg.analysis.centrality computes them)
MEASURES = {
    "degree": "share of the other actors tied directly to this one",
    "betweenness": "share of shortest paths between other actors that run through this one",
    "closeness": "inverse mean distance to the actors this one can reach (Wasserman-Faust for split graphs)",
    "eigenvector": "ties to well-tied actors count more (leading eigenvector of the adjacency matrix)",
    "pagerank": "random-surfer share of time spent at this actor (damping 0.85)",
}

#: languages names and labels are shown in
LANGUAGES = ("en", "zh")

_TABLES = {"rdf": RDF_FORMATS, "result": RESULT_FORMATS, "record": RECORD_FORMATS, "export": EXPORT_FORMATS}


def names(table):
    """The format names of one table (``rdf``, ``result``, ``record``, ``export``), in order.

    >>> names("record")
    ('table', 'csv', 'tsv', 'json')
    """
    return tuple(_TABLES[table])


def format_named(table, name):
    """The canonical name for ``name`` (or one of its aliases) in ``table``; unknown names list the valid ones."""
    formats = _TABLES[table]
    wanted = str(name or "").strip().lower()
    if wanted in formats:
        return wanted
    for candidate in formats.values():
        if wanted in candidate.aliases:
            return candidate.name
    raise UnknownFormat(f"unknown {table} format {name!r}; valid formats: {', '.join(formats)}")


def rdf_format_for(path):
    """The RDF format of a file, from its suffix."""
    suffix = Path(path).suffix.lower()
    for candidate in RDF_FORMATS.values():
        if suffix in candidate.suffixes:
            return candidate.name
    known = ", ".join(sorted(s for f in RDF_FORMATS.values() for s in f.suffixes if s != ".nquads"))
    raise UnknownFormat(f"cannot tell the RDF format of {str(path)!r} from its suffix; known suffixes: {known}")
