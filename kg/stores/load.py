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
merge of all graphs as their default graph (:mod:`kg.stores.base`, :mod:`kg.stores.oxigraph`).

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

import os
from pathlib import Path

from kg.errors import BadArgument, DataError, UnknownStore
from kg.stores.sources import (GRAPH_BASE, LOCK_NAME, ONTOLOGY_GRAPH, STAMP_NAME, Source,  # noqa: F401 (re-exported)
                               _file_entry, _file_sha256, _is_rdf, _refuse_unsafe, _status_key, content_signature,
                               data_sources, default_sources, graph_iri, guess_format, load_sources, project_root,
                               read_stamp)

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

#: store name -> (opener(argument, **options) -> Store, usage shown in errors)
STORES = {}


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

    return SparqlStore(url, timeout=http_timeout(), allow_service=options.get("allow_service", ()))


def http_timeout(environ=None):
    """Seconds a ``sparql:URL`` store waits for each answer: ``$KG_HTTP_TIMEOUT``, else 60.

    A large graph's projection queries take minutes on a remote store (docs/benchmarks.md, 10M triples),
    so the wait is the user's to raise, for every command at once.

    >>> http_timeout({"KG_HTTP_TIMEOUT": "900"})
    900.0
    >>> http_timeout({"KG_HTTP_TIMEOUT": "soon"})
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: KG_HTTP_TIMEOUT must be a number of seconds above 0, not 'soon'
    """
    value = (os.environ if environ is None else environ).get("KG_HTTP_TIMEOUT", "").strip()
    if not value:
        return 60.0
    try:
        seconds = float(value)
    except ValueError:
        seconds = None
    if seconds is None or not 0 < seconds < float("inf"):
        raise BadArgument(f"KG_HTTP_TIMEOUT must be a number of seconds above 0, not {value!r}")
    return seconds


def _open_rdflib(_argument, **options):
    from kg.stores.rdflib_store import RdflibStore

    return RdflibStore(allow_service=options.get("allow_service", ()))


register_store("memory", _open_memory)
register_store("oxigraph", _open_oxigraph, "oxigraph:DIR")
register_store("sparql", _open_sparql, "sparql:URL")
register_store("rdflib", _open_rdflib)
