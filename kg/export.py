"""Export the graph: RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) or the actor network
(GraphML, GEXF, CSV).

Formats are named once, in :data:`kg.formats.EXPORT_FORMATS`, or guessed from the output file's
suffix. RDF formats write every triple of the store with Oxigraph's serializers: Turtle, N-Triples,
JSON-LD and RDF/XML the union of the graphs (the project's prefixes bound), N-Quads and TriG every
named graph as it is. Network formats write the projection (:func:`kg.analysis.network.project`) with
every attribute flattened to a string or number, so Gephi and Cytoscape open the files:

- ``aliases`` and ``classes`` become text joined with `` | ``;
- ``largest_counted_group`` is the single largest count of a group the article counts but does not
  name (0 when none), ``counted_as`` that count with its unit, measure and time (counts of different
  kinds are never added, :mod:`kg.analysis.collectives`);
- ``figures``, ``collectives`` and edge ``evidence`` become JSON text (``evidence_spans`` lists the
  spans alone, joined with `` | ``);
- ``community`` is the actor's community (Louvain, seed 0, unless given; 1 is the largest) and
  ``community_name`` names it by its most central members;
- a network taken as of a date (``kg.KnowledgeGraph.as_of``) adds ``since`` (the date, or empty) and
  ``undated`` (true for facts the article does not date) on nodes and edges;
- ``label`` is the Chinese name (the article's), ``label_en`` the English one;
- edges get plain ids ``e0``, ``e1``, ... and keep their relation IRI in ``relation``.

CSV writes two files: ``OUT-nodes.csv`` and ``OUT-edges.csv`` beside ``OUT.csv``, or ``nodes.csv`` and
``edges.csv`` inside a folder. Every file is written atomically: a failed export leaves nothing behind,
and an output that cannot be written is one :class:`~kg.errors.KGError` naming it.

>>> import tempfile, pathlib
>>> from kg.stores.oxigraph import OxigraphStore
>>> store = OxigraphStore()
>>> store.add_turtle('''@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
... <urn:x:a> a ikg:Actor ; ikg:partner <urn:x:b> . <urn:x:b> a ikg:Actor .''', graph="urn:g")
>>> out = export(store, None, pathlib.Path(tempfile.mkdtemp()) / "net.graphml")
>>> out.name, len(nx.read_graphml(out))
('net.graphml', 2)
"""

import csv
import json
from pathlib import Path

import networkx as nx

from kg._atomic import atomic_write
from kg.analysis.collectives import counted_groups, group_text, largest_group
from kg.analysis.timeline import relation_date
from kg.errors import KGError, UnknownFormat

__all__ = ["EXPORT_FORMATS", "SUFFIXES", "export", "guess_export_format", "output_paths", "flat_network"]


from kg.formats import EXPORT_FORMATS as _FORMATS  # noqa: E402

#: export format name -> (kind, description), from kg.formats.EXPORT_FORMATS
EXPORT_FORMATS = {name: (f.kind, f.description) for name, f in _FORMATS.items()}

#: file suffix -> format name
SUFFIXES = {suffix: f.name for f in _FORMATS.values() for suffix in f.suffixes}


def export(store, fmt, out_path, *, G=None, communities=None, dynamic=False):
    """Write ``store`` (or its projection ``G``) to ``out_path`` in format ``fmt``.

    Parameters
    ----------
    store : kg.stores.base.Store or rdflib.Graph
        The graph (needed for RDF formats; for network formats only when ``G`` is not given).
    fmt : str or None
        A name from :data:`EXPORT_FORMATS` (or an alias: ``ttl``, ``jsonld``...); None guesses it from
        the suffix.
    out_path : str or pathlib.Path
        The file to write; for ``csv``, ``OUT.csv`` (giving ``OUT-nodes.csv``, ``OUT-edges.csv``) or a
        folder (giving ``nodes.csv``, ``edges.csv``).
    G : networkx.MultiDiGraph or callable, optional
        The projection of ``store`` (or a function returning it), to avoid projecting again.
    communities : dict or callable, optional
        For network formats: :func:`kg.analysis.communities.find_communities`'s answer (or a function
        returning it) to write as the ``community`` attribute; by default Louvain with seed 0.
    dynamic : bool
        GEXF only: a dynamic graph, each dated node and edge with its ``start`` (its ``since`` attribute,
        :func:`kg.analysis.timeline.as_of`, as a day: 2024-07 starts on 2024-07-01), so Gephi's timeline
        plays it. The article states no end dates, so nothing ends; undated facts are there throughout.

    Returns
    -------
    pathlib.Path
        The file written (for ``csv``: the nodes file; :func:`output_paths` names both).

    Examples
    --------
    >>> export(None, "pdf", "x.pdf")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownFormat: unknown export format 'pdf'; valid formats: turtle, nt, nquads, trig, json-ld, xml, graphml, gexf, csv
    """
    name = guess_export_format(out_path) if fmt is None else _canonical(fmt)
    paths = output_paths(name, out_path)
    _check_writable(name, paths)
    kind = EXPORT_FORMATS[name][0]
    if kind == "network":
        G = G() if callable(G) else G
        if G is None:
            from kg.analysis.network import project

            G = project(store)
        if dynamic and name != "gexf":
            raise KGError(f"a dynamic export is GEXF only, not {name}")
        found = communities() if callable(communities) else communities
        _WRITERS[name](flat_network(G, communities=found, dynamic=dynamic), *paths)
    else:
        from kg.stores import as_store

        if store is None:
            raise KGError(f"exporting {name} needs the RDF graph, not only its projection")
        _write_rdf(as_store(store), name, paths[0])
    return paths[0]


def guess_export_format(out_path):
    """The export format for a file name, from its suffix (a suffix-less path is a CSV folder; ``.json``
    is JSON-LD).

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


def flat_network(G, *, communities=None, dynamic=False):
    """A copy of a projection whose attributes are all strings or numbers (for GraphML, GEXF, CSV).

    Every node gets ``community`` (the id of its community, 1 the largest) and ``community_name`` (its
    most central members' names), from ``communities`` (:func:`kg.analysis.communities.find_communities`'s
    answer) or, when it is None, from Louvain with seed 0 on the undirected view.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", aliases=["甲", "A"], figures=[], collective_weight=0)
    >>> G.add_edge("a", "a", key="urn:r", evidence=[{"span": "甲", "start": 0, "end": 1}])
    'urn:r'
    >>> F = flat_network(G)
    >>> F.nodes["a"]["aliases"], list(F.edges(keys=True)), F.edges["a", "a", "e0"]["evidence_spans"]
    ('甲 | A', [('a', 'a', 'e0')], '甲')
    >>> F.nodes["a"]["community"], F.nodes["a"]["community_name"]  # a node without labels is named by its IRI
    (1, 'a')
    """
    F = nx.MultiDiGraph(name=str(G.graph.get("name") or "innovation-kg"))
    if communities is None:
        from kg.analysis.communities import find_communities
        from kg.analysis.network import undirected

        communities = find_communities(undirected(G), "louvain", seed=0, lang="zh")
    community = communities["membership"]
    community_names = {c["id"]: c["name"] for c in communities["communities"]}
    largest = {node: largest_group(counted_groups(data)) for node, data in G.nodes(data=True)}
    counts = [group["count"] for group in largest.values() if group]
    number = int if all(float(c).is_integer() for c in counts) else float
    for node, data in G.nodes(data=True):
        label_zh = data.get("label_zh") or data.get("label_en") or node
        group = largest[node]  # one count of one kind: counts of different kinds are never added
        F.add_node(node, label=label_zh, label_zh=label_zh, label_en=data.get("label_en") or label_zh,
                   cls=data.get("cls") or "", classes=_joined(data.get("classes")),
                   aliases=_joined(data.get("aliases")), figures=_json(data.get("figures")),
                   collectives=_json(data.get("collectives")),
                   largest_counted_group=number(group["count"]) if group else 0,
                   counted_as=group_text(group, "zh"), community=int(community.get(node, 0)),
                   community_name=community_names.get(community.get(node), ""),
                   **_dated(data, dynamic))
    for index, (s, o, key, data) in enumerate(G.edges(keys=True, data=True)):
        evidence = data.get("evidence") or []
        F.add_edge(s, o, key=f"e{index}", relation=str(data.get("relation", key)),
                   label=data.get("label_en") or str(key), label_en=data.get("label_en") or str(key),
                   label_zh=data.get("label_zh") or str(key), kind=data.get("kind") or "",
                   via=data.get("via") or "", evidence=_json(evidence),
                   evidence_spans=_joined([str(e.get("span")) for e in evidence]),
                   **_dated(_relation_dates(G, s, o), dynamic))
    return F


# helpers

def _canonical(fmt):
    from kg.formats import format_named

    return format_named("export", fmt)


def _check_writable(name, paths):
    """One clear error before anything is written: an output that is a folder, or a folder that is a file."""
    for path in paths:
        if path.is_dir():
            raise KGError(f"cannot write {path}: it is a folder" + ("" if name != "csv" else
                          "; give a new folder or a name ending in .csv"))
        parent = path.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if parent.exists() and not parent.is_dir():
            raise KGError(f"cannot write {path}: {parent} is a file, not a folder")


def _dated(data, dynamic=False):
    """``since`` and ``undated`` of a network taken as of a date (kg.analysis.timeline.as_of), else nothing;
    with ``dynamic``, also GEXF's ``start`` (the first day of ``since``) on dated nodes and edges."""
    if "undated" not in data:
        return {}
    found = {"since": str(data.get("since") or ""), "undated": bool(data["undated"])}
    if dynamic and data.get("since"):
        since = str(data["since"])
        found["start"] = since + "-01-01"[len(since) - 4:] if len(since) < 10 else since
    return found


def _relation_dates(G, source, target):
    """``since`` and ``undated`` of a relation of a network taken as of a date: from its ends' dates."""
    ends = G.nodes[source], G.nodes[target]
    if "undated" not in ends[0]:
        return {}
    since = relation_date(ends[0].get("since"), ends[1].get("since"))
    return {"since": since, "undated": since is None}


def _joined(items):
    return " | ".join(str(item) for item in items or ())


def _json(value):
    return json.dumps(value or [], ensure_ascii=False, sort_keys=True)


def _write_rdf(store, name, path):
    """Every triple of ``store`` in an RDF format (Oxigraph's serializers; prefixes for Turtle and TriG)."""
    import pyoxigraph

    from kg.formats import RDF_FORMATS
    from kg.namespaces import PREFIXES

    spec = RDF_FORMATS[name]
    rdf_format = getattr(pyoxigraph.RdfFormat, spec.pyoxigraph)
    options = {"prefixes": dict(PREFIXES)} if name in ("turtle", "trig") else {}
    with atomic_write(path, "wb") as handle:
        if spec.datasets:  # never the store's own dump: its order is the store's (memory and RocksDB differ)
            pyoxigraph.serialize(_sorted_quads(store.quads()), handle, rdf_format, **options)
            return
        triples = _sorted({pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store.quads()})
        pyoxigraph.serialize(triples, handle, rdf_format, **options)


def _sorted(items):
    """Triples in one order whatever the store or the hash seed: the same input, the same bytes."""
    return sorted(items, key=str)


def _sorted_quads(quads):
    """Quads in one order whatever the store: graph by graph (the default graph first, then the named
    graphs by IRI), so TriG writes each graph as one block, and each graph's triples sorted."""
    return sorted(quads, key=lambda q: (type(q.graph_name).__name__ != "DefaultGraph", str(q.graph_name),
                                         str(q.subject), str(q.predicate), str(q.object)))


def _write_graphml(F, path):
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(F, handle, encoding="utf-8", prettyprint=True)


def _write_gexf(F, path):
    with atomic_write(path, "wb") as handle:
        nx.write_gexf(F, handle, encoding="utf-8", prettyprint=True)


_NODE_COLUMNS = ["iri", "label_zh", "label_en", "cls", "classes", "aliases", "largest_counted_group", "counted_as",
                 "community", "community_name", "figures", "collectives"]
_EDGE_COLUMNS = ["source", "target", "relation", "label_en", "label_zh", "kind", "via", "evidence_spans",
                 "evidence"]


def _write_csv(F, nodes_path, edges_path):
    with atomic_write(nodes_path) as nodes_file, atomic_write(edges_path) as edges_file:
        nodes = csv.writer(nodes_file)
        nodes.writerow(_NODE_COLUMNS)
        for node, data in F.nodes(data=True):
            nodes.writerow([node] + [data[c] for c in _NODE_COLUMNS[1:]])
        edges = csv.writer(edges_file)
        edges.writerow(_EDGE_COLUMNS)
        for s, o, data in F.edges(data=True):
            edges.writerow([s, o] + [data[c] for c in _EDGE_COLUMNS[2:]])


_WRITERS = {
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "csv": _write_csv,
}
