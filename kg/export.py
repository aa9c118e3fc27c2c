"""Export the graph: RDF (Turtle, N-Triples, JSON-LD) or the actor network (GraphML, GEXF, CSV).

Formats are chosen by name through one registry, :data:`EXPORT_FORMATS`, or guessed from the output
file's suffix. RDF formats write every triple of the graph with the project's prefixes bound; network
formats write the projection (:func:`kg.analysis.network.project`) with every attribute flattened to a string or
number, so Gephi and Cytoscape open the files:

- ``aliases`` and ``classes`` become text joined with `` | ``;
- ``figures``, ``collectives`` and edge ``evidence`` become JSON text (``evidence_spans`` lists the
  spans alone, joined with `` | ``);
- ``label`` is the Chinese name (the article's), ``label_en`` the English one;
- edges get plain ids ``e0``, ``e1``, ... and keep their relation IRI in ``relation``.

CSV writes two files: ``OUT-nodes.csv`` and ``OUT-edges.csv`` beside ``OUT.csv``, or ``nodes.csv`` and
``edges.csv`` inside a folder. Every file is written atomically: a failed export leaves nothing behind.

>>> import tempfile, pathlib
>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
... <urn:x:a> a ikg:Actor ; ikg:partner <urn:x:b> . <urn:x:b> a ikg:Actor .
... ''')
>>> out = export(g, None, pathlib.Path(tempfile.mkdtemp()) / "net.graphml")
>>> out.name, len(nx.read_graphml(out))
('net.graphml', 2)
"""

import csv
import json
from pathlib import Path

import networkx as nx

from kg._atomic import atomic_write
from kg.errors import KGError, UnknownFormat

__all__ = ["EXPORT_FORMATS", "ALIASES", "SUFFIXES", "export", "guess_export_format", "output_paths",
           "flat_network"]

#: export format name -> (kind, description); the writers are registered below, under helpers
EXPORT_FORMATS = {
    "turtle": ("rdf", "Turtle (.ttl), prefixes bound"),
    "nt": ("rdf", "N-Triples (.nt)"),
    "json-ld": ("rdf", "JSON-LD (.jsonld), compacted with the project's prefixes"),
    "graphml": ("network", "GraphML (.graphml) of the actor network, for Gephi, Cytoscape, yEd"),
    "gexf": ("network", "GEXF (.gexf) of the actor network, for Gephi"),
    "csv": ("network", "two CSV files: actors (nodes) and relations (edges)"),
}

#: other names accepted for a format
ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "jsonld": "json-ld", "json": "json-ld"}

#: file suffix -> format name
SUFFIXES = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
            ".graphml": "graphml", ".gexf": "gexf", ".csv": "csv"}


def export(graph, fmt, out_path, *, G=None):
    """Write ``graph`` (or its projection ``G``) to ``out_path`` in format ``fmt``.

    Parameters
    ----------
    graph : rdflib.Graph
        The RDF graph (needed for RDF formats; for network formats only when ``G`` is not given).
    fmt : str or None
        A name from :data:`EXPORT_FORMATS` (or :data:`ALIASES`); None guesses it from the suffix.
    out_path : str or pathlib.Path
        The file to write; for ``csv``, ``OUT.csv`` (giving ``OUT-nodes.csv``, ``OUT-edges.csv``) or a
        folder (giving ``nodes.csv``, ``edges.csv``).
    G : networkx.MultiDiGraph, optional
        An existing projection of ``graph``, to avoid projecting again.

    Returns
    -------
    pathlib.Path
        The file written (for ``csv``: the nodes file; :func:`output_paths` names both).

    Examples
    --------
    >>> export(None, "pdf", "x.pdf")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownFormat: unknown export format 'pdf'; valid formats: turtle, nt, json-ld, graphml, gexf, csv
    """
    name = guess_export_format(out_path) if fmt is None else _canonical(fmt)
    paths = output_paths(name, out_path)
    kind = EXPORT_FORMATS[name][0]
    if kind == "network" and G is None:
        from kg.analysis.network import project

        G = project(graph)
    _WRITERS[name](graph if kind == "rdf" else G, *paths)
    return paths[0]


def guess_export_format(out_path):
    """The export format for a file name, from its suffix (a suffix-less path is a CSV folder).

    >>> guess_export_format("actors.gexf"), guess_export_format("out/tables")
    ('gexf', 'csv')
    """
    suffix = Path(out_path).suffix.lower()
    if not suffix:
        return "csv"
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise UnknownFormat(f"cannot tell the export format of {str(out_path)!r} from its suffix; known "
                            f"suffixes: {known}; valid formats: {', '.join(EXPORT_FORMATS)}")
    return SUFFIXES[suffix]


def output_paths(fmt, out_path):
    """The files an export writes, in order (two for ``csv``, one otherwise).

    >>> [p.name for p in output_paths("csv", "out/net.csv")]
    ['net-nodes.csv', 'net-edges.csv']
    >>> [p.name for p in output_paths("csv", "out/tables")]
    ['nodes.csv', 'edges.csv']
    """
    name, out_path = _canonical(fmt), Path(out_path)
    if name != "csv":
        return [out_path]
    if out_path.suffix.lower() == ".csv" and not out_path.is_dir():
        stem = out_path.with_suffix("")
        return [stem.parent / f"{stem.name}-nodes.csv", stem.parent / f"{stem.name}-edges.csv"]
    return [out_path / "nodes.csv", out_path / "edges.csv"]


def flat_network(G):
    """A copy of a projection whose attributes are all strings or numbers (for GraphML, GEXF, CSV).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", aliases=["甲", "A"], figures=[], collective_weight=0)
    >>> G.add_edge("a", "a", key="urn:r", evidence=[{"span": "甲", "start": 0, "end": 1}])
    'urn:r'
    >>> F = flat_network(G)
    >>> F.nodes["a"]["aliases"], list(F.edges(keys=True)), F.edges["a", "a", "e0"]["evidence_spans"]
    ('甲 | A', [('a', 'a', 'e0')], '甲')
    """
    F = nx.MultiDiGraph(name=str(G.graph.get("name") or "innovation-kg"))
    weights = [d.get("collective_weight") or 0 for _, d in G.nodes(data=True)]
    number = int if all(float(w).is_integer() for w in weights) else float
    for node, data in G.nodes(data=True):
        label_zh = data.get("label_zh") or data.get("label_en") or node
        F.add_node(node, label=label_zh, label_zh=label_zh, label_en=data.get("label_en") or label_zh,
                   cls=data.get("cls") or "", classes=_joined(data.get("classes")),
                   aliases=_joined(data.get("aliases")), figures=_json(data.get("figures")),
                   collectives=_json(data.get("collectives")),
                   collective_weight=number(data.get("collective_weight") or 0))
    for index, (s, o, key, data) in enumerate(G.edges(keys=True, data=True)):
        evidence = data.get("evidence") or []
        F.add_edge(s, o, key=f"e{index}", relation=str(data.get("relation", key)),
                   label=data.get("label_en") or str(key), label_en=data.get("label_en") or str(key),
                   label_zh=data.get("label_zh") or str(key), kind=data.get("kind") or "",
                   via=data.get("via") or "", evidence=_json(evidence),
                   evidence_spans=_joined([str(e.get("span")) for e in evidence]))
    return F


# helpers

def _canonical(fmt):
    name = ALIASES.get(str(fmt).lower(), str(fmt).lower())
    if name not in EXPORT_FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r}; valid formats: {', '.join(EXPORT_FORMATS)}")
    return name


def _joined(items):
    return " | ".join(str(item) for item in items or ())


def _json(value):
    return json.dumps(value or [], ensure_ascii=False, sort_keys=True)


def _rdf_writer(rdflib_format, oxigraph_format=None, **options):
    def write(graph, path):
        from kg.namespaces import PREFIXES, bind_prefixes

        if graph is None:
            raise KGError(f"exporting {rdflib_format} needs the RDF graph, not only its projection")
        direct = _oxigraph_source(graph) if oxigraph_format else None
        with atomic_write(path, "wb") as handle:
            if direct is not None:  # Oxigraph writes its own store far faster than rdflib walks it
                store, from_graph = direct
                prefixes = dict(PREFIXES) if oxigraph_format.name == "TURTLE" else None
                store.dump(handle, oxigraph_format.resolve(), from_graph=from_graph, prefixes=prefixes)
                return
            bind_prefixes(graph)
            extra = dict(options, context=dict(PREFIXES)) if rdflib_format == "json-ld" else options
            graph.serialize(destination=handle, format=rdflib_format, encoding="utf-8", **extra)

    return write


def _oxigraph_source(graph):
    """(pyoxigraph.Store, graph name) behind an oxrdflib graph, or None."""
    from kg.analysis.network import _oxigraph_store

    found = _oxigraph_store(graph)
    if found is None or "default_graph" not in found[1]:
        return None
    return found[0], found[1]["default_graph"]


def _write_graphml(G, path):
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(flat_network(G), handle, encoding="utf-8", prettyprint=True)


def _write_gexf(G, path):
    with atomic_write(path, "wb") as handle:
        nx.write_gexf(flat_network(G), handle, encoding="utf-8", prettyprint=True)


_NODE_COLUMNS = ["iri", "label_zh", "label_en", "cls", "classes", "aliases", "collective_weight", "figures",
                 "collectives"]
_EDGE_COLUMNS = ["source", "target", "relation", "label_en", "label_zh", "kind", "via", "evidence_spans",
                 "evidence"]


def _write_csv(G, nodes_path, edges_path):
    F = flat_network(G)
    with atomic_write(nodes_path) as nodes_file, atomic_write(edges_path) as edges_file:
        nodes = csv.writer(nodes_file)
        nodes.writerow(_NODE_COLUMNS)
        for node, data in F.nodes(data=True):
            nodes.writerow([node] + [data[c] for c in _NODE_COLUMNS[1:]])
        edges = csv.writer(edges_file)
        edges.writerow(_EDGE_COLUMNS)
        for s, o, data in F.edges(data=True):
            edges.writerow([s, o] + [data[c] for c in _EDGE_COLUMNS[2:]])


class _OxFormat:
    """A pyoxigraph RdfFormat named lazily, so importing this module does not import pyoxigraph."""

    def __init__(self, name):
        self.name = name

    def resolve(self):
        from pyoxigraph import RdfFormat

        return getattr(RdfFormat, self.name)


_WRITERS = {
    "turtle": _rdf_writer("turtle", _OxFormat("TURTLE")),
    "nt": _rdf_writer("nt", _OxFormat("N_TRIPLES")),
    "json-ld": _rdf_writer("json-ld", auto_compact=True),
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "csv": _write_csv,
}
