"""Oxigraph stores: ``memory`` (the default, in this process) and ``oxigraph:DIR`` (persistent, on disk).

Both run SPARQL in Oxigraph's own engine (Rust: a hundred to a thousand times faster than rdflib's on our
queries, see docs/benchmarks.md) and parse files with its own parsers. A persistent store opens
read-only when it only needs reading (so reading never changes its files, and a server holding its
write lock does not stop a reader), and read-write to load.

>>> store = OxigraphStore()
>>> store.add_turtle('<urn:a> <urn:p> "甘肃"@zh .', graph="urn:g")
>>> [row[0].language for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['zh']
>>> store.ask("ASK { GRAPH <urn:g> { <urn:a> ?p ?o } }")
True
"""

import os
import time
from pathlib import Path

from kg.errors import BadQuery, DataError, QueryTimeout
from kg.stores.base import Store

__all__ = ["OxigraphStore", "RDF_FORMATS", "manifest_signature", "StoreMoved"]

#: our format names -> pyoxigraph RdfFormat attribute names
RDF_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG",
               "json-ld": "JSON_LD", "xml": "RDF_XML", "n3": "N3"}

#: files at least this large go through Oxigraph's bulk loader (fast, not transactional)
BULK_LOAD_BYTES = 4 * 1024 * 1024


class StoreMoved(DataError):
    """The data folder asked for is being deleted: a newer load replaced it (read the stamp again)."""


class OxigraphStore(Store):
    """An Oxigraph store in memory (``directory=None``) or in ``directory``.

    Parameters
    ----------
    directory : str or Path, optional
        The store's folder; created when missing (unless ``read_only``).
    read_only : bool
        Open a persistent store for reading only (fails when it does not exist yet).
    allow_service : iterable of str
        SERVICE endpoints queries may call (IRI prefixes); none by default.
    data_directory : str or Path, optional
        Where the RocksDB files are, when not in ``directory`` itself: ``kg`` keeps each complete load
        of ``oxigraph:DIR`` in a folder of its own inside DIR (:mod:`kg.stores.load`).
    pinned : bool
        Hold a shared lock (``flock``) on ``data_directory`` while open, so that a loader that replaced
        it with a newer load does not delete it under this reader; fails with :class:`StoreMoved` when
        that loader is deleting it just now.
    """

    def __init__(self, directory=None, *, read_only=False, allow_service=(), data_directory=None, pinned=False):
        super().__init__(allow_service=allow_service)
        import pyoxigraph

        self.directory = Path(directory) if directory is not None else None
        self.data_directory = Path(data_directory) if data_directory is not None else self.directory
        self.persistent = self.directory is not None
        self.spec = f"oxigraph:{self.directory}" if self.persistent else "memory"
        self.read_only = bool(read_only)
        self._pin = _pin(self.data_directory) if self.persistent and pinned else None
        try:
            if not self.persistent:
                self._store = pyoxigraph.Store()
            elif read_only:
                self._store = _open_read_only(self.data_directory)
            else:
                self._store = _open_writable(self.data_directory)
        except BaseException:
            self._unpin()
            raise
        self.writable = not self.read_only
        #: ``{graph: count}`` known without counting (kg's stamp), or None: set by the loader
        self.known_counts = None

    @property
    def inner(self):
        """The ``pyoxigraph.Store`` itself."""
        return self._store

    def _run(self, text, *, shape, default_graphs, named_graphs, base_iri):
        import pyoxigraph

        options = {}
        if default_graphs is not None or named_graphs is not None:
            if default_graphs is not None:
                options["default_graph"] = [pyoxigraph.DefaultGraph() if iri is None else pyoxigraph.NamedNode(iri)
                                            for iri in default_graphs]
            if named_graphs is not None:
                options["named_graphs"] = [pyoxigraph.NamedNode(iri) for iri in named_graphs]
        elif not shape.dataset:
            # Oxigraph would ignore the query's own FROM clauses with this option: only without them
            options["use_default_graph_as_union"] = True
        if base_iri:
            options["base_iri"] = base_iri
        try:
            return self._store.query(text, **options)
        except SyntaxError as error:
            raise BadQuery(" ".join(str(error).split())) from None
        except OSError as error:
            raise DataError(f"the store in {self.directory or 'memory'} failed to answer: {error}") from None
        except RuntimeError as error:  # pragma: no cover - Oxigraph's evaluation errors
            raise QueryTimeout(str(error)) if "timeout" in str(error).lower() else BadQuery(str(error)) from None

    def quads(self, graph=None):
        import pyoxigraph

        if graph is None:
            return iter(self._store)
        return self._store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph))

    def count(self):
        return len(self._store)

    def graph_counts(self, include_default=False):
        """``{graph IRI: triple count}``, counted by Oxigraph (one ``GROUP BY ?g`` query: 0.4 s at 1M triples,
        where walking the quads in Python took 7 s); a persistent store loaded by kg answers from the
        counts its stamp keeps while its data is what they were counted on (``known_counts``)."""
        known = self.known_counts
        if known is not None:  # counted with the default graph
            counts = dict(known)
            if not include_default:
                counts.pop(None, None)
            return counts
        counts = {}
        for graph, number in self._store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
            counts[graph.value] = int(number.value)
        if include_default:
            import pyoxigraph

            rows = list(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                          default_graph=[pyoxigraph.DefaultGraph()]))
            default = int(rows[0][0].value) if rows else 0
            if default:
                counts[None] = default
        return dict(sorted(counts.items(), key=lambda item: (item[0] is None, item[0] or "")))

    def add_turtle(self, text, graph=None):
        """Add Turtle ``text`` (to the named graph ``graph``, else the default graph): for tests and examples."""
        import pyoxigraph

        target = pyoxigraph.NamedNode(graph) if graph else pyoxigraph.DefaultGraph()
        self._store.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE, to_graph=target)

    def load_quads(self, quads, *, replace_graphs=()):
        self._require_writable()
        import pyoxigraph

        quads = list(quads)
        for name in replace_graphs:
            self._store.remove_graph(pyoxigraph.NamedNode(name) if name else pyoxigraph.DefaultGraph())
        self._store.extend(quads)

    def load_file(self, path, fmt, *, graph=None, replace=True):
        self._require_writable()
        import pyoxigraph

        path = Path(path)
        rdf_format = getattr(pyoxigraph.RdfFormat, RDF_FORMATS[fmt])
        base = path.resolve().as_uri()
        if not rdf_format.supports_datasets:
            target = pyoxigraph.NamedNode(graph or base)
            if replace:
                self._store.remove_graph(target)
            try:
                if path.stat().st_size >= BULK_LOAD_BYTES:
                    self._store.bulk_load(path=str(path), format=rdf_format, base_iri=base, to_graph=target)
                else:
                    self._store.load(path=str(path), format=rdf_format, base_iri=base, to_graph=target)
            except (SyntaxError, ValueError) as error:
                raise DataError(f"{path}: {describe_parse_error(error)}") from None
            return [target.value]
        try:  # a dataset file: read it first, to know (and replace) the graphs it fills
            quads = list(pyoxigraph.parse(path=str(path), format=rdf_format, base_iri=base))
        except (SyntaxError, ValueError) as error:
            raise DataError(f"{path}: {describe_parse_error(error)}") from None
        names = sorted({_graph_name(quad.graph_name) for quad in quads}, key=lambda n: (n is None, n or ""))
        if replace:
            for name in names:
                self._store.remove_graph(pyoxigraph.NamedNode(name) if name else pyoxigraph.DefaultGraph())
        self._store.extend(quads)
        return names

    def flush(self):
        """Write what was loaded to disk (persistent stores)."""
        if self.persistent and not self.read_only:
            self._store.flush()

    def signature(self):
        if not self.persistent:
            return None
        return manifest_signature(self.data_directory)

    def close(self):
        store, self._store = getattr(self, "_store", None), None
        if store is not None and self.persistent and not self.read_only:
            try:
                store.flush()
            except OSError:
                pass
        del store
        self._unpin()

    def _unpin(self):
        pin, self._pin = getattr(self, "_pin", None), None
        if pin is not None:
            os.close(pin)  # closing the descriptor releases its flock

    def _require_writable(self):
        if self.read_only:
            raise DataError(f"the store in {self.directory} is open read-only (another process may hold it)")


def manifest_signature(directory):
    """Names, sizes and times of a store folder's data files: they change with every write to the store.

    RocksDB's own log files (``LOG*``) and the stamp and caches kg keeps there are left out. For a store
    another tool keeps (no kg stamp) nothing better tells when its data changed; a store kg loads is
    keyed on its stamp instead (:func:`kg.stores.persistent.store_signature`), because a read-write open
    that writes nothing still renews RocksDB's files (and may compact its tables).

    >>> import tempfile
    >>> manifest_signature(tempfile.mkdtemp())
    ''
    """
    import hashlib

    entries = []
    try:
        listing = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return ""
    for entry in listing:
        if entry.name.startswith(("LOG", ".kg-", "LOCK")) or not entry.is_file():
            continue
        status = entry.stat()
        entries.append(f"{entry.name}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()[:32] if entries else ""


def describe_parse_error(error):
    """One line from a parser's error (pyoxigraph says where: line and column)."""
    text = " ".join(str(error).split())
    return text if len(text) < 400 else text[:397] + "..."


# helpers

def _graph_name(term):
    return None if type(term).__name__ == "DefaultGraph" else term.value


def _pin(directory):
    """A descriptor of ``directory`` holding a shared flock on it (see ``pinned``), or StoreMoved."""
    import fcntl

    try:
        descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        raise StoreMoved(f"{directory} is gone") from None
    except OSError as error:
        raise DataError(f"cannot open the Oxigraph store in {directory}: {error.strerror or error}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        if os.fstat(descriptor).st_nlink == 0:  # deleted between open and flock
            raise StoreMoved(f"{directory} is gone")
    except BlockingIOError:
        os.close(descriptor)
        raise StoreMoved(f"{directory} is being removed") from None
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _open_writable(directory):
    import pyoxigraph

    directory.mkdir(parents=True, exist_ok=True)
    try:
        return pyoxigraph.Store(str(directory))
    except OSError as error:
        if "lock" not in str(error).lower():
            raise DataError(f"cannot open the Oxigraph store in {directory}: {error}") from None
        raise DataError(f"the Oxigraph store in {directory} is held by another process (kg serve, or a "
                        "load still running); wait for it, or read it without --data") from None


def _open_read_only(directory):
    import pyoxigraph

    if not Path(directory).is_dir():
        raise DataError(f"no Oxigraph store in {directory}")
    failure = None
    for attempt in range(5):  # the holder may be rewriting its files just now (RocksDB compaction)
        try:
            return pyoxigraph.Store.read_only(str(directory))
        except (OSError, RuntimeError) as error:
            failure = error
            time.sleep(0.2 * (attempt + 1))
    raise DataError(f"cannot open the Oxigraph store in {directory} for reading: {failure}") from None
