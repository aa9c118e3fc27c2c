"""Sources and stores: where triples come from, which named graph they go to, and where they are kept.

Stores are chosen by name through one registry, as rdflib chooses its plugins:

- ``memory`` -- an Oxigraph store in this process (the default; the data is read again by each command);
- ``oxigraph:DIR`` -- a persistent Oxigraph store in DIR (loaded once, then only re-read when an input
  changes; a load is complete or not used, see :mod:`kg.stores.persistent`);
- ``sparql:URL`` -- any remote SPARQL 1.1 endpoint, read through the protocol (read-only);
- ``rdflib`` -- an in-memory rdflib Dataset with rdflib's own engine (slow; a second engine to compare).

The dataset: every source document's facts live in their own named graph, ``ikr:graph/<source-id>``;
the ontology in ``ikr:graph/ontology``; a file given with ``--data`` keeps the graphs it names (TriG,
N-Quads) or, holding plain triples, goes into a graph named by its own ``file:`` IRI. Queries see the
union of all graphs as their default graph (:mod:`kg.stores.base`).

On disk (docs/data-model.md, "The dataset on disk"): ``ontology/*.ttl`` (``shapes.ttl`` is rules, not
facts, and is not loaded) and ``graph_data/<source-id>/`` with the source's files; the folder's name is
the source id.

>>> store = open_store("memory")
>>> store.count()
0
>>> open_store("nosuch")
Traceback (most recent call last):
...
kg.errors.UnknownStore: unknown store 'nosuch'; valid stores: memory, oxigraph:DIR, sparql:URL, rdflib
"""

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError, UnknownStore

__all__ = [
    "STORES",
    "Source",
    "open_store",
    "register_store",
    "guess_format",
    "project_root",
    "default_sources",
    "data_sources",
    "graph_iri",
    "load",
    "load_graph",
    "parse_into",
    "load_sources",
    "content_signature",
    "read_stamp",
    "check_current",
    "ONTOLOGY_GRAPH",
    "GRAPH_BASE",
    "STAMP_NAME",
]

#: named graphs of the dataset are ``GRAPH_BASE + <source-id>``
GRAPH_BASE = "https://w3id.org/innovation-kg/id/graph/"
#: the named graph the ontology is loaded into
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
#: the stamp a persistent store's folder holds: what was loaded into it
STAMP_NAME = ".kg-stamp.json"
#: the lock file loaders of a persistent store take (fcntl.flock), in its folder
LOCK_NAME = ".kg-lock"

#: store name -> (opener(argument, **options) -> Store, usage shown in errors)
STORES = {}


@dataclass(frozen=True)
class Source:
    """One file to load, and the named graph its triples go to (None: its own graphs, or its file IRI)."""

    path: Path
    graph: str = None

    @property
    def format(self):
        """Its format name (from the suffix)."""
        return guess_format(self.path)


def register_store(name, opener, usage=None):
    """Register a store opener under ``name``; ``opener(argument, **options)`` returns a :class:`~kg.stores.base.Store`."""
    STORES[name] = (opener, usage or name)


def open_store(spec="memory", **options):
    """Open the store that ``spec`` names (``memory``, ``oxigraph:DIR``, ``sparql:URL``, ``rdflib``).

    ``options`` go to the store (``read_only``, ``allow_service``).

    >>> open_store("memory").spec
    'memory'
    >>> open_store("oxigraph")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownStore: store 'oxigraph' needs an argument: oxigraph:DIR
    """
    name, _, argument = (spec or "memory").partition(":")
    if name not in STORES:
        valid = ", ".join(usage for _, usage in STORES.values())
        raise UnknownStore(f"unknown store {spec!r}; valid stores: {valid}")
    opener, usage = STORES[name]
    if usage != name and not argument:
        raise UnknownStore(f"store {name!r} needs an argument: {usage}")
    return opener(argument, **options)


def guess_format(path):
    """The RDF format name of a file, from its suffix (see :data:`kg.formats.RDF_FORMATS`).

    >>> guess_format("graph_data/actors.ttl")
    'turtle'
    >>> guess_format("x.csv")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownFormat: cannot tell the RDF format of 'x.csv' from its suffix; known suffixes: .json, .jsonld, .n3, .nq, .nt, .ntriples, .owl, .rdf, .trig, .ttl, .turtle
    """
    from kg.formats import rdf_format_for

    return rdf_format_for(path)


def project_root():
    """The folder that holds ``ontology/`` and ``graph_data/``.

    ``KG_HOME`` wins; then the checkout this package was installed from (editable installs); then the
    copy of the data inside the installed package (``kg/_data``); then the current folder.
    """
    here = Path(__file__).resolve().parent.parent
    candidates = [os.environ.get("KG_HOME"), here.parent, here / "_data", Path.cwd()]
    for candidate in candidates:
        if candidate and (Path(candidate) / "graph_data").is_dir() and (Path(candidate) / "ontology").is_dir():
            return Path(candidate)
    if os.environ.get("KG_HOME"):
        raise DataError(f"KG_HOME={os.environ['KG_HOME']} holds no graph_data/ and ontology/ folders")
    raise DataError("cannot find graph_data/ and ontology/: run from the project folder or set KG_HOME")


def graph_iri(source_id):
    """The named graph of a source: ``ikr:graph/<source-id>``.

    >>> graph_iri("000_53c5d41e29162869")
    'https://w3id.org/innovation-kg/id/graph/000_53c5d41e29162869'
    """
    return GRAPH_BASE + source_id


def default_sources(root=None, *, skip=()):
    """The ontology and every source's data files the project ships, in load order.

    ``skip`` names source ids (folders of ``graph_data/``) to leave out, e.g. ``reference-admin``.
    """
    root = Path(root) if root else project_root()
    sources = [Source(path, ONTOLOGY_GRAPH) for path in sorted((root / "ontology").glob("*.ttl"))
               if path.name != "shapes.ttl"]
    for folder in sorted(p for p in (root / "graph_data").iterdir() if p.is_dir()):
        if folder.name in skip or folder.name.startswith("."):
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and _is_rdf(path):
                sources.append(Source(path, graph_iri(folder.name)))
    return sources


def data_sources(paths):
    """``--data`` files as sources: each keeps its own graphs, or goes into its ``file:`` graph."""
    return [Source(Path(path), None) for path in paths]


def content_signature(sources):
    """A hash of what ``sources`` hold (each file's bytes) and where each goes: a cache key.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.ttl"
    >>> _ = p.write_text("<urn:a> <urn:b> <urn:c> .")
    >>> first = content_signature([Source(p, "urn:g")])
    >>> _ = p.write_text("<urn:a> <urn:b> <urn:d> .")
    >>> first == content_signature([Source(p, "urn:g")])
    False
    """
    digest = hashlib.sha256()
    for source in sources:
        digest.update(f"{source.graph}\0{_file_sha256(source.path)}\n".encode())
    return digest.hexdigest()[:32]


def load(spec="memory", data=None, *, allow_service=(), skip=()):
    """Open the store ``spec`` and make sure it holds the graph: ``data`` files, else the project's.

    - ``memory`` and ``rdflib``: the files are read into it.
    - ``oxigraph:DIR``: an empty store gets the files; a store loaded before gets again only the files
      that changed since (each one replacing its own named graphs) and loses the graphs of sources that
      are gone, so a store is never stale; given ``data``, those files are loaded (replacing their
      graphs) and the rest is kept. A load is complete or not used: it is built in a folder of its own
      and the stamp names it only once it is whole, so a load killed half-way is redone by the next
      command instead of being read. Loaders take a lock (``DIR/.kg-lock``): a second process waits
      (saying so on stderr) and then reads the finished store (:mod:`kg.stores.persistent`).
    - ``sparql:URL``: nothing is loaded; ``data`` is refused; an empty endpoint is an error that says
      how to fill it.

    Returns the :class:`~kg.stores.base.Store`.
    """
    name = (spec or "memory").partition(":")[0]
    if name == "sparql":
        if data:
            raise DataError("a sparql: store is read-only: --data files cannot be loaded into it")
        store = open_store(spec, allow_service=allow_service)
        if store.is_empty():
            raise DataError(f"the remote store {spec.partition(':')[2]} is empty: push the graph to it first "
                            "(kg push URL)")
        return store
    if name != "oxigraph":
        store = open_store(spec, allow_service=allow_service)
        sources = data_sources(data) if data else default_sources(skip=skip)
        load_sources(store, sources)
        return store
    from kg.stores.persistent import load_persistent

    return load_persistent(spec, data, allow_service=allow_service, skip=skip)


def load_graph(paths=None, store="memory"):
    """:func:`load` with the arguments in the older order: ``paths`` (default: the project's), ``store``."""
    return load(store, list(paths) if paths else None)


def parse_into(graph, path, format=None):
    """Parse one RDF file into an rdflib ``graph``; a bad file raises :class:`DataError` naming file and line.

    For code that needs rdflib objects (the claims compiler reads the ontology so); stores load files
    with Oxigraph's parsers instead.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    fmt = format or guess_format(path)
    _refuse_unsafe(path, fmt)
    try:
        graph.parse(str(path), format=fmt)
    except Exception as error:  # rdflib raises many unrelated types for bad syntax
        raise DataError(f"{path}: {_describe_parse_error(error)}") from None
    return graph


def load_sources(store, sources, *, progress=None):
    """Load ``sources`` into ``store``; returns their stamp entries.

    A named graph is the unit of replacement: the first file that fills a graph empties it, the other
    files of the same graph in ``sources`` add to it. So loading a source's files again replaces its
    statements, and callers reload every file of a graph when one of them changed.
    """
    entries, filled = [], set()
    for number, source in enumerate(sources, 1):
        path = Path(source.path)
        if not path.is_file():
            raise DataError(f"{path}: no such file")
        _refuse_unsafe(path, source.format)
        target = source.graph or path.resolve().as_uri()
        replace = target not in filled
        graphs = store.load_file(path, source.format, graph=source.graph, replace=replace)
        filled.update(graphs)
        entries.append(dict(_file_entry(path), graph=source.graph, graphs=graphs))
        if progress is not None:
            progress(number, len(sources))
    return entries


def read_stamp(directory):
    """The stamp ``kg`` wrote in a store folder (``{}`` when there is none or it is unreadable).

    >>> import tempfile
    >>> read_stamp(tempfile.mkdtemp())
    {}
    """
    try:
        return json.loads((Path(directory) / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# helpers

def _describe_parse_error(error):
    """One line from an rdflib parse error, with the line it is on.

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


_RDF_SUFFIXES = (".ttl", ".turtle", ".nt", ".ntriples", ".nq", ".trig", ".jsonld", ".rdf", ".owl", ".n3")


def _is_rdf(path):
    return path.suffix.lower() in _RDF_SUFFIXES


def _file_sha256(path):
    if not Path(path).is_file():
        raise DataError(f"{path}: no such file")
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise DataError(f"{path}: cannot read it ({error.strerror or error})") from None
    return digest.hexdigest()


def _file_entry(path):
    """What a stamp keeps of a loaded file: its hash, and the status that vouches for it while it stays the
    same (device, inode, size, mtime and ctime; no write leaves ctime as it was, and it cannot be set back)."""
    path = Path(path).resolve()
    before = path.stat()
    entry = {"path": str(path), "size": before.st_size, "mtime_ns": before.st_mtime_ns, "sha256": _file_sha256(path)}
    after = path.stat()
    if _status_key(before) == _status_key(after):  # not written to while it was hashed
        entry["status"] = list(_status_key(after))
    return entry


def _status_key(status):
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _refuse_unsafe(path, fmt):
    """Refuse what a parser would turn into requests or runaway work (see kg.stores.safety)."""
    from kg.stores import safety

    safety.check_file(path, fmt)


def check_current(spec, data=None, *, skip=()):
    """Refuse (:class:`DataError`) an ``oxigraph:DIR`` store that would have to be loaded again
    (:func:`kg.stores.persistent.check_current`: what ``--no-rebuild`` refuses).

    >>> check_current("memory")
    """
    from kg.stores.persistent import check_current as _check

    _check(spec, data, skip=skip)


def _open_memory(_argument, **options):
    from kg.stores.oxigraph import OxigraphStore

    return OxigraphStore(allow_service=options.get("allow_service", ()))


def _open_oxigraph(directory, **options):
    """The store in ``directory`` as it is, never loaded: kg's current load (pinned), or RocksDB files of
    the folder's own (another tool's store, created when missing unless ``read_only``)."""
    from kg.stores.oxigraph import OxigraphStore
    from kg.stores.persistent import data_folder, store_directory

    path = store_directory(f"oxigraph:{directory}")
    folder = data_folder(path) if path.is_dir() else None
    return OxigraphStore(path, read_only=options.get("read_only", False),
                         allow_service=options.get("allow_service", ()), data_directory=folder,
                         pinned=folder is not None and folder != path)


def _open_sparql(url, **options):
    from kg.stores.remote import SparqlStore

    return SparqlStore(url, allow_service=options.get("allow_service", ()))


def _open_rdflib(_argument, **options):
    from kg.stores.rdflib_store import RdflibStore

    return RdflibStore(allow_service=options.get("allow_service", ()))


register_store("memory", _open_memory)
register_store("oxigraph", _open_oxigraph, "oxigraph:DIR")
register_store("sparql", _open_sparql, "sparql:URL")
register_store("rdflib", _open_rdflib)
