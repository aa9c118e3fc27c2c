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

The default graph queries see is the **merge** of the dataset's graphs, a set: a triple that several
graphs hold (every source restates an actor's type and label) is one triple there, counted once. Oxigraph's
own union (``use_default_graph_as_union``) returns it once per graph that holds it (pyoxigraph 0.5.13,
oxigraph issue 1919), and so does a ``default_graph`` list of graphs that share triples. So when the graphs
overlap, kg keeps what the largest graph lacks of the merge in a hidden graph of its own
(:data:`MERGED_REST_GRAPH`, plus :data:`MERGED_BASE_GRAPH` naming that largest graph) and answers with the
default graph [largest graph, rest], which hold no triple twice; ``GRAPH ?g`` is given the other named
graphs only, and :meth:`OxigraphStore.quads`, ``count`` and ``graph_counts`` (hence every export) leave the
hidden graphs out. Graphs that share no triple (checked with one ``ASK`` per graph but the largest, index
lookups only) get no copy: Oxigraph's union is already a set then. The copy is rebuilt before the first
query after any write that goes through kg (``load_file``, ``load_quads``, ``add_turtle``, or ``inner``
on a writable store); a persistent store is given it by its loader (:mod:`kg.stores.persistent`).

>>> store.add_turtle('<urn:a> <urn:p> "甘肃"@zh .', graph="urn:h")
>>> [int(row[0].value) for row in store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")]
[1]
>>> sorted(row[0].value for row in store.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
['urn:g', 'urn:h']
>>> store.count(), store.graph_counts()
(2, {'urn:g': 1, 'urn:h': 1})
"""

import os
import time
from pathlib import Path

from kg.errors import BadQuery, DataError, QueryTimeout
from kg.stores.base import Store

__all__ = ["OxigraphStore", "RDF_FORMATS", "manifest_signature", "StoreMoved", "MERGED_REST_GRAPH",
           "MERGED_BASE_GRAPH", "HIDDEN_GRAPHS"]

#: our format names -> pyoxigraph RdfFormat attribute names
RDF_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG",
               "json-ld": "JSON_LD", "xml": "RDF_XML", "n3": "N3"}

#: files at least this large go through Oxigraph's bulk loader (fast, not transactional)
BULK_LOAD_BYTES = 4 * 1024 * 1024

#: the hidden graph holding the triples of the merged default graph that its base graph lacks
MERGED_REST_GRAPH = "urn:x-kg:merged-default:rest"
#: the hidden graph naming the base graph (the largest): ``<urn:x-kg:merged-default> <...:base> <graph>``
MERGED_BASE_GRAPH = "urn:x-kg:merged-default:base"
#: graphs kg keeps for itself: never listed, counted, exported or seen by ``GRAPH ?g``
HIDDEN_GRAPHS = frozenset({MERGED_REST_GRAPH, MERGED_BASE_GRAPH})
_MERGED = "urn:x-kg:merged-default"
_BASE_PREDICATE = "urn:x-kg:merged-default:base"
#: names the dataset's own default graph as the base graph (a named node cannot be None)
_DEFAULT_GRAPH_NAME = "urn:x-kg:default-graph"


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
        #: whether kg wrote since the merged default graph was last made (it is made again before a query)
        self._stale = False
        self._read_merged()

    @property
    def inner(self):
        """The ``pyoxigraph.Store`` itself. On a writable store, the merged default graph is made again
        before the next query (what is written through it is seen; see the module docstring)."""
        if self.writable:
            self._stale = True
        return self._store

    @property
    def merged(self):
        """Whether queries read kg's merged copy of the default graph (the graphs share triples), after
        any write is taken in."""
        self._refresh_if_stale()
        return self._merged is not None

    def refresh_merged(self, counts=None):
        """Make the merged default graph again from the graphs as they are now (see the module docstring).

        ``counts`` (``{graph: triples}``, ``None`` for the default graph), when the caller has them, saves
        counting. Nothing is copied when no two graphs share a triple.
        """
        import pyoxigraph

        self._require_writable()
        store = self._store
        for name in HIDDEN_GRAPHS:
            store.remove_graph(pyoxigraph.NamedNode(name))
        self._merged, self._stale = None, False
        if counts is None:
            counts = self.graph_counts(include_default=True)
        filled = sorted((graph for graph, number in counts.items() if number and graph not in HIDDEN_GRAPHS),
                        key=lambda graph: (graph is None, graph or ""))
        if len(filled) < 2:
            self._read_merged()
            return
        base = max(filled, key=lambda graph: counts[graph])  # the first of the largest: copied never
        others = [graph for graph in filled if graph != base]
        if any(self._shares_triples(graph) for graph in others):
            named = " ".join(f"<{graph}>" for graph in others if graph is not None)
            parts = [f"{{ VALUES ?g {{ {named} }} GRAPH ?g {{ ?s ?p ?o }} }}"] if named else []
            if None in others:
                parts.append("{ ?s ?p ?o }")  # an update's default graph is the dataset's own
            absent = "{ ?s ?p ?o }" if base is None else f"GRAPH <{base}> {{ ?s ?p ?o }}"
            store.update(f"INSERT {{ GRAPH <{MERGED_REST_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ "
                         f"{' UNION '.join(parts)} FILTER NOT EXISTS {{ {absent} }} }}")
            store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(_MERGED), pyoxigraph.NamedNode(_BASE_PREDICATE),
                                      pyoxigraph.NamedNode(_DEFAULT_GRAPH_NAME if base is None else base),
                                      pyoxigraph.NamedNode(MERGED_BASE_GRAPH)))
        self._read_merged()

    def _shares_triples(self, graph):
        """Whether a triple of ``graph`` (None: the default graph) is in another graph too (index lookups)."""
        import pyoxigraph

        if graph is None:
            query = "ASK { ?s ?p ?o FILTER EXISTS { GRAPH ?other { ?s ?p ?o } } }"
        else:
            query = (f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} FILTER EXISTS {{ {{ ?s ?p ?o }} UNION "
                     f"{{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }} }}")
        return bool(self._store.query(query, default_graph=[pyoxigraph.DefaultGraph()]))

    def _read_merged(self):
        """Read which base graph the merged default graph has (None: no copy), and the visible named graphs."""
        import pyoxigraph

        self._merged = self._visible = None
        if self._store is None or not self._store.contains_named_graph(pyoxigraph.NamedNode(MERGED_BASE_GRAPH)):
            return
        for quad in self._store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(MERGED_BASE_GRAPH)):
            base = quad.object.value
            self._merged = pyoxigraph.DefaultGraph() if base == _DEFAULT_GRAPH_NAME else pyoxigraph.NamedNode(base)
        if self._merged is not None:
            self._visible = [graph for graph in self._store.named_graphs() if graph.value not in HIDDEN_GRAPHS]

    def _refresh_if_stale(self):
        if self._stale and self.writable:
            self.refresh_merged()

    def _run(self, text, *, shape, default_graphs, named_graphs, base_iri):
        import pyoxigraph

        self._refresh_if_stale()
        options = {}
        if default_graphs is not None or named_graphs is not None:
            if default_graphs is not None:
                options["default_graph"] = [pyoxigraph.DefaultGraph() if iri is None else pyoxigraph.NamedNode(iri)
                                            for iri in default_graphs]
            # the protocol's dataset holds the named graphs it lists: none when it lists default graphs only
            # (as FROM without FROM NAMED; Oxigraph alone would add every named graph, kg's own included)
            options["named_graphs"] = [pyoxigraph.NamedNode(iri) for iri in named_graphs or ()]
        elif shape.dataset:
            pass  # the query's own FROM / FROM NAMED (FROM alone leaves no named graph, as SPARQL says)
        elif self._merged is not None:  # the graphs share triples: the base graph and the rest of the merge
            options["default_graph"] = [self._merged, pyoxigraph.NamedNode(MERGED_REST_GRAPH)]
            options["named_graphs"] = self._visible
        else:
            # no two graphs share a triple, so Oxigraph's union is a set; it would ignore the query's own
            # FROM clauses with this option: only without them
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

        if graph in HIDDEN_GRAPHS:
            return iter(())
        if graph is not None:
            return self._store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph))
        if not self._holds_hidden():
            return iter(self._store)
        return self._visible_quads()

    def _visible_quads(self):
        import pyoxigraph

        yield from self._store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
        for graph in list(self._store.named_graphs()):
            if graph.value not in HIDDEN_GRAPHS:
                yield from self._store.quads_for_pattern(None, None, None, graph)

    def _holds_hidden(self):
        import pyoxigraph

        return any(self._store.contains_named_graph(pyoxigraph.NamedNode(name)) for name in HIDDEN_GRAPHS)

    def count(self):
        """Triples counted per graph, kg's hidden graphs left out (a triple in two graphs counts twice)."""
        if self.known_counts is not None or self._holds_hidden():
            return sum(self.graph_counts(include_default=True).values())
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
            if graph.value not in HIDDEN_GRAPHS:
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
        self._stale = True
        self._store.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE, to_graph=target)

    def load_quads(self, quads, *, replace_graphs=()):
        self._require_writable()
        import pyoxigraph

        self._stale = True
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
        self._stale = True
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
