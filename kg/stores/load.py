"""Sources and stores: where triples come from and where they are kept.

Stores are chosen by name through one registry, as rdflib chooses its plugins:

- ``memory`` -- an in-memory rdflib graph (the default; right for small graphs);
- ``oxigraph:DIR`` -- an embedded, persistent Oxigraph store in DIR (fast; survives the process);
- ``sparql:URL`` -- any remote SPARQL 1.1 endpoint, read through the protocol (read-only).

Every store is handed out as an ``rdflib.Graph``, so the rest of the package has one API to code against.

>>> g = open_store("memory")
>>> len(g)
0
>>> open_store("nosuch")
Traceback (most recent call last):
...
kg.errors.UnknownStore: unknown store 'nosuch'; valid stores: memory, oxigraph:DIR, sparql:URL
"""

import os
from pathlib import Path

from kg.errors import DataError, UnknownFormat, UnknownStore

__all__ = [
    "STORES",
    "FORMATS",
    "open_store",
    "register_store",
    "guess_format",
    "parse_into",
    "project_root",
    "default_sources",
    "load_graph",
    "GRAPH_IRI",
]

#: the named graph the project's data goes into (stores that have named graphs)
GRAPH_IRI = "https://w3id.org/innovation-kg/graph/main"

#: file suffix -> rdflib parser name
FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".owl": "xml",
}

#: store name -> (opener(argument) -> rdflib.Graph, usage shown in errors)
STORES = {}


def register_store(name, opener, usage=None):
    """Register a store opener under ``name``; ``opener(argument)`` returns an ``rdflib.Graph``."""
    STORES[name] = (opener, usage or name)


def open_store(spec="memory"):
    """Open the store that ``spec`` names (``memory``, ``oxigraph:DIR``, ``sparql:URL``).

    >>> open_store("memory").store.__class__.__name__
    'Memory'
    """
    name, _, argument = (spec or "memory").partition(":")
    if name not in STORES:
        valid = ", ".join(usage for _, usage in STORES.values())
        raise UnknownStore(f"unknown store {spec!r}; valid stores: {valid}")
    opener, usage = STORES[name]
    if usage != name and not argument:
        raise UnknownStore(f"store {name!r} needs an argument: {usage}")
    return opener(argument)


def guess_format(path):
    """The rdflib parser name for a file, from its suffix.

    >>> guess_format("graph_data/actors.ttl")
    'turtle'
    >>> guess_format("x.csv")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownFormat: cannot tell the RDF format of 'x.csv' from its suffix; known suffixes: .json, .jsonld, .nq, .nt, .ntriples, .owl, .rdf, .trig, .ttl, .turtle
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise UnknownFormat(f"cannot tell the RDF format of {str(path)!r} from its suffix; known suffixes: {known}")
    return FORMATS[suffix]


def parse_into(graph, path, format=None):
    """Parse one RDF file into ``graph``; a bad file raises :class:`DataError` naming file and line."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    fmt = format or guess_format(path)
    try:
        graph.parse(str(path), format=fmt)
    except Exception as error:  # rdflib raises many unrelated types for bad syntax
        raise DataError(f"{path}: {_describe_parse_error(error)}") from None
    return graph


def project_root():
    """The folder that holds ``ontology/`` and ``graph_data/``.

    ``KG_HOME`` wins; then the checkout this package was installed from (editable installs); then the
    current folder.
    """
    candidates = [os.environ.get("KG_HOME"), Path(__file__).resolve().parent.parent.parent, Path.cwd()]
    for candidate in candidates:
        if candidate and (Path(candidate) / "graph_data").is_dir():
            return Path(candidate)
    raise DataError("cannot find graph_data/: run from the project folder or set KG_HOME")


def default_sources(root=None, shapes=False):
    """The ontology and data files the project ships, in load order.

    ``ontology/shapes.ttl`` (SHACL) is left out unless ``shapes`` is true: shapes are rules, not facts.
    """
    root = Path(root) if root else project_root()
    ontology = sorted(p for p in (root / "ontology").glob("*.ttl") if shapes or p.name != "shapes.ttl")
    return ontology + sorted((root / "graph_data").glob("*.ttl"))


def load_graph(paths=None, store="memory"):
    """Load ``paths`` (default: the ontology and graph_data) into the store that ``store`` names.

    A persistent store that already holds triples is returned as it is when no paths are given, so a
    second command does not parse the Turtle again. An ``oxigraph:DIR`` store loads files with Oxigraph's
    own parsers (small files in one transaction, large ones with its bulk loader), skips files it has
    already loaded unchanged, and writes a stamp that :mod:`kg.stores.cache` keys the cached projection on.
    """
    graph = open_store(store)
    oxigraph = store.startswith("oxigraph:") and hasattr(graph.store, "_inner")
    if paths is None:
        if not _is_empty(graph):
            return graph
        if _is_remote(graph):
            raise DataError(f"the remote store {store.partition(':')[2]} is empty: push the graph to it "
                            "first (kg push URL)")
        paths = default_sources()
    elif _is_remote(graph):
        raise DataError("a sparql: store is read-only: --data files cannot be loaded into it")
    if not oxigraph:
        for path in paths:
            parse_into(graph, path)
        return graph
    # Oxigraph: parse in Rust straight into the store, never through rdflib's term objects.
    import pyoxigraph

    from kg.stores import cache

    directory = store.partition(":")[2]
    stamp = cache.read_stamp(directory)
    loaded = {entry["path"]: entry for entry in stamp.get("sources", [])}
    formats = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
               "json-ld": pyoxigraph.RdfFormat.JSON_LD, "xml": pyoxigraph.RdfFormat.RDF_XML}
    target = pyoxigraph.NamedNode(GRAPH_IRI)
    changed = False
    for path in map(Path, paths):
        if not path.is_file():
            raise DataError(f"{path}: no such file")
        fmt = guess_format(path)
        signature = cache.file_signature(path)
        if loaded.get(signature["path"]) == signature:
            continue  # this very file is in the store already: loading it again would add nothing
        if fmt not in formats:  # TriG, N-Quads: named graphs; rdflib's path keeps their meaning
            parse_into(graph, path)
        else:
            # one transaction (all or nothing) for small files; the bulk loader (much faster, not
            # transactional) for large ones
            small = path.stat().st_size < cache.BULK_LOAD_BYTES
            load = graph.store._inner.load if small else graph.store._inner.bulk_load
            try:
                load(path=str(path), format=formats[fmt], base_iri=path.resolve().as_uri(), to_graph=target)
            except (SyntaxError, ValueError, OSError) as error:
                partial = "" if small else f" (the store in {directory} may hold part of the file)"
                raise DataError(f"{path}: {_describe_parse_error(error)}{partial}") from None
        loaded[signature["path"]] = signature
        changed = True
    if changed:
        cache.write_stamp(directory, list(loaded.values()))
    return graph


# helpers

def _is_remote(graph):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    return isinstance(graph.store, SPARQLStore)


def _is_empty(graph):
    """True when the store holds no triple; asks for one triple only (len() scans, a remote dump is huge)."""
    if _is_remote(graph):
        return not graph.query("ASK { ?s ?p ?o }").askAnswer
    return next(iter(graph.triples((None, None, None))), None) is None


def _describe_parse_error(error):
    """One line from a parse error, with the line it is on.

    rdflib's Turtle parser (``BadSyntax``) miscounts lines at the end of a file, so its line is computed
    here from the offset it stopped at; other errors keep their own text.
    """
    text, offset = getattr(error, "_str", None), getattr(error, "_i", None)
    if isinstance(text, bytes) and isinstance(offset, int):
        line = text[:offset].count(b"\n") + 1
        start = text.rfind(b"\n", 0, offset) + 1
        near = text[start:offset].decode("utf-8", "replace").strip()[-60:]
        return f"line {line}: bad syntax ({error._why})" + (f" after {near!r}" if near else "")
    text = " ".join(str(error).split())
    return text if len(text) < 400 else text[:397] + "..."


def _open_memory(_argument):
    from rdflib import Graph

    from kg.namespaces import bind_prefixes

    return bind_prefixes(Graph())


def _open_oxigraph(directory):
    from rdflib import Graph, URIRef

    from kg.namespaces import bind_prefixes

    graph = Graph(store="Oxigraph", identifier=URIRef(GRAPH_IRI))
    Path(directory).mkdir(parents=True, exist_ok=True)
    try:
        graph.open(str(directory))
    except OSError as error:
        if "lock" not in str(error).lower():
            raise DataError(f"cannot open the Oxigraph store in {directory}: {error}") from None
        # another process (kg serve, a second kg command) holds the store's write lock: read a snapshot
        import pyoxigraph
        from oxrdflib.store import OxigraphStore

        import time

        for attempt in range(5):  # the holder may be rewriting its files just now (RocksDB compaction)
            try:
                snapshot = OxigraphStore(store=pyoxigraph.Store.read_only(str(directory)))
                break
            except (OSError, RuntimeError) as second:
                failure = second
                time.sleep(0.2 * (attempt + 1))
        else:
            raise DataError(f"cannot open the Oxigraph store in {directory}: another process holds it "
                            f"and a read-only snapshot failed ({failure})") from None
        graph = Graph(store=snapshot, identifier=URIRef(GRAPH_IRI))
    return bind_prefixes(graph)


def _open_sparql(url):
    from rdflib import Graph

    from kg.namespaces import bind_prefixes
    from kg.stores.remote import RemoteStore

    # RemoteStore: fixed Accept, GET/form POST, language-tag case, cut results refused (see kg.stores.remote)
    return bind_prefixes(Graph(store=RemoteStore(url)))


register_store("memory", _open_memory)
register_store("oxigraph", _open_oxigraph, "oxigraph:DIR")
register_store("sparql", _open_sparql, "sparql:URL")
