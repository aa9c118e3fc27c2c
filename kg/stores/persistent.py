"""``oxigraph:DIR``: a persistent store that is complete or not used, and never stale.

The folder DIR holds:

- ``.kg-lock`` -- the lock loaders take (an exclusive ``fcntl.flock``; created before anything else, so
  a second process always finds it); the kernel releases it when its holder dies;
- ``.kg-data-<token>/`` -- one complete load: the RocksDB files. A load is built in
  ``.kg-build-<token>/`` (Oxigraph's bulk loader is not transactional), renamed to ``.kg-data-<token>``
  when every triple is in and flushed, and only then named by the stamp;
- ``.kg-stamp.json`` -- the stamp, written last and atomically: which data folder is current, and which
  sources it holds (path, graph, SHA-256 of the bytes). Writing it is the commit: a load killed at any
  moment before it leaves the previous load (or none) in use, and the next command loads again. While a
  load runs, the stamp also lists the ``--data`` files it reads (``loading``): a command that finds the
  load interrupted finishes it even when it names no ``--data`` itself.

A store is **current** when its sources are what the stamp lists: the same set of files (for a store
loaded from the project: the ontology and every ``graph_data/<id>/`` folder as they are *now*, so a new
source folder is loaded and a removed one dropped; plus the ``--data`` files it was given, while they
exist) with the same bytes (the SHA-256 of each file; the hash is taken again whenever the file's
device, inode, size, mtime or ctime differ from those recorded with it, and no write leaves ctime as it
was: an edit whose mtime was restored is hashed and seen). A store that is not current is reloaded: the
current load is copied into a new build folder (a RocksDB checkpoint: hard links, cheap), the changed
graphs replaced and the removed ones emptied there, and the result committed as above.

Readers take no lock: a current store is opened read-only, its data folder pinned with a shared
``flock`` so a later loader does not delete it while it is read. A reader that finds the store not
current becomes a loader: it waits for the lock (at most :data:`WAIT_S` seconds, ``$KG_STORE_WAIT``) and
then reads what the loader before it committed, or loads itself.

Every load ends by making the merged default graph (:meth:`kg.stores.oxigraph.OxigraphStore.refresh_merged`:
a hidden copy of what the largest graph lacks of the merge, when graphs share triples), and the stamp says
so (``merged_default``: :data:`MERGED_LAYOUT`). A load an older kg made has no such copy, and Oxigraph's
union would count a triple once per graph that holds it: it is not current, and the next command copies it
and makes the copy (``--no-rebuild`` refuses it, saying so).

A folder with RocksDB files of its own (``DIR/CURRENT``) and no stamp was filled by another tool: it is
read as it is, and ``--data`` files loaded into it go into a new load copied from it (its files are never
changed). A stamp written by an older ``kg`` (RocksDB files in DIR itself) is read the same way.
"""

import json
import os
import secrets
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError, UnknownStore
from kg.stores.sources import (LOCK_NAME, STAMP_NAME, Source, _file_sha256, _status_key, data_sources,
                            default_sources, load_sources, read_stamp)

__all__ = ["LoadPlan", "plan_load", "check_current", "load_persistent", "store_directory", "data_folder",
           "store_signature", "stamp_counts", "WAIT_S", "DATA_PREFIX", "BUILD_PREFIX", "MERGED_LAYOUT"]

#: the folders that hold one complete load each: ``DATA_PREFIX + token``
DATA_PREFIX = ".kg-data-"
#: a load being built (never read; removed by the next loader when its builder died)
BUILD_PREFIX = ".kg-build-"
#: how long a command waits for another process's load of the same store before giving up, in seconds
WAIT_S = 600.0
#: the stamp's ``merged_default``: the load keeps the merged default graph (kg.stores.oxigraph) up to date;
#: a load an older kg made (no such key) may hold graphs that share triples without it, and is made again
MERGED_LAYOUT = 1


@dataclass
class LoadPlan:
    """What loading ``oxigraph:DIR`` would do now (:func:`plan_load`)."""

    #: the stamp as read (``{}``: none)
    stamp: dict
    #: the folder holding the store's current load, or None (never loaded, or an older load unusable)
    base: Path = None
    #: sources to read (every file of each graph one of whose files is new or changed)
    load: list = field(default_factory=list)
    #: graphs to empty (their sources are gone)
    drop: list = field(default_factory=list)
    #: stamp entries of the sources kept as they are
    keep: list = field(default_factory=list)
    #: whether the store follows the project's sources (it was first loaded without ``--data``)
    project: bool = True
    #: inputs that changed, were added or removed (paths, for messages)
    changed: list = field(default_factory=list)
    #: the sources that are ``--data`` files, not the project's (their paths)
    data_keys: set = field(default_factory=set)
    #: the load was made by an older kg, without the merged default graph (:data:`MERGED_LAYOUT`)
    unmerged: bool = False

    @property
    def current(self):
        """Whether the store can be read as it is."""
        return self.base is not None and not self.load and not self.drop and not self.unmerged


def store_directory(spec):
    """The folder an ``oxigraph:DIR`` spec names; an empty DIR (``oxigraph:``) or a file is refused.

    >>> store_directory("oxigraph:/tmp/kg").as_posix()
    '/tmp/kg'
    >>> store_directory("oxigraph:")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownStore: store 'oxigraph' needs a folder: oxigraph:DIR (an empty DIR is refused rather than taken as the current folder)
    """
    argument = (spec or "").partition(":")[2]
    if not argument.strip():
        raise UnknownStore("store 'oxigraph' needs a folder: oxigraph:DIR (an empty DIR is refused rather than "
                           "taken as the current folder)")
    directory = Path(argument)
    if directory.exists() and not directory.is_dir():
        raise DataError(f"oxigraph:{directory} is a file, not a store folder")
    return directory


def data_folder(directory, stamp=None):
    """The folder holding the current complete load of the store in ``directory``, or None.

    >>> import tempfile
    >>> data_folder(tempfile.mkdtemp()) is None
    True
    """
    directory = Path(directory)
    stamp = read_stamp(directory) if stamp is None else stamp
    if not stamp:
        return directory if (directory / "CURRENT").is_file() else None  # another tool's store
    if not stamp.get("complete"):
        return None  # an older kg's interrupted load: unusable
    name = stamp.get("data")
    if name is None:
        return directory if (directory / "CURRENT").is_file() else None  # an older kg's layout
    if not (isinstance(name, str) and name.startswith(DATA_PREFIX) and "/" not in name and name != DATA_PREFIX):
        return None
    folder = directory / name
    return folder if (folder / "CURRENT").is_file() else None


def store_signature(directory, folder=None):
    """A string that changes whenever a load changes the content of the store in ``directory`` (its data
    folder ``folder``, default the current one); ``''`` for no store.

    A load kg made is named by its stamp: the stamp's token and the data folder it names change with every
    load, and nothing else kg does writes triples. File names and times are not used for it: opening the
    data folder read-write with plain pyoxigraph (to run one's own query) renews RocksDB's CURRENT,
    MANIFEST and OPTIONS files and may compact its tables, and that cost the next command a whole
    projection (14 s at 1M triples, issue 24). Triples written into kg's data folder by another tool are
    therefore not seen by the projection cache: load through ``kg load`` (docs/data-model.md). A folder
    another tool keeps (no stamp) is keyed on its files, as nothing better tells
    (:func:`kg.stores.oxigraph.manifest_signature`).

    >>> import tempfile
    >>> store_signature(tempfile.mkdtemp())
    ''
    """
    from kg.stores.oxigraph import manifest_signature

    directory = Path(directory)
    stamp = read_stamp(directory)
    folder = data_folder(directory, stamp) if folder is None else Path(folder)
    if folder is None:
        return ""
    if stamp.get("complete") and stamp.get("token") and stamp.get("data") == folder.name and folder.parent == directory:
        return f"stamp:{stamp['token']}:{folder.name}"
    return manifest_signature(folder)


def plan_load(directory, data=None, *, skip=()):
    """What a command reading ``oxigraph:DIR`` must load first (a :class:`LoadPlan`; ``.current``: nothing).

    Without ``data``: a store first loaded from the project follows the project's sources as they are now
    (minus ``skip``) and keeps the ``--data`` files it was given later; a store first loaded from
    ``--data`` files keeps those. With ``data``: those files are added to (or replace their graphs in)
    what the store holds.
    """
    directory = Path(directory)
    stamp = read_stamp(directory)
    base = data_folder(directory, stamp)
    if base is not None and not stamp and _is_empty(base):
        base = None  # RocksDB files and no triples: what an older kg's first load left when killed
    usable = bool(stamp) and base is not None
    entries = [entry for entry in stamp.get("sources", []) if isinstance(entry, dict) and "path" in entry]
    if stamp:
        project = stamp.get("project")
        if project is None:  # an older kg's stamp: project sources have a graph, --data files none
            project = any(entry.get("graph") is not None for entry in entries) or not entries and not data
    else:  # a store loaded first from --data files, or another tool's, follows no project
        project = not data and base is None
    wanted, data_keys = {}, set()
    if project:
        for source in default_sources(skip=skip):
            wanted[_key(source.path)] = source
    for entry in entries:
        if (not project or _origin(entry) == "data") and Path(entry["path"]).is_file():
            wanted.setdefault(entry["path"], Source(Path(entry["path"]), entry.get("graph")))
            data_keys.add(entry["path"])
    for entry in stamp.get("loading", []):  # --data files an interrupted load was reading: it is finished
        if isinstance(entry, dict) and "path" in entry and Path(entry["path"]).is_file():
            wanted.setdefault(entry["path"], Source(Path(entry["path"]), entry.get("graph")))
            data_keys.add(entry["path"])
    for source in data_sources(data or ()):
        wanted[_key(source.path)] = source
        data_keys.add(_key(source.path))
    loaded = {entry["path"]: entry for entry in entries if usable and not entry.get("pending")}
    changed = [key for key, source in wanted.items()
               if key not in loaded or loaded[key].get("graph") != source.graph or not _same_bytes(source.path, loaded[key])]
    removed = [key for key in loaded if key not in wanted]
    if not usable:  # nothing usable yet (or another tool's store to add --data to): load everything wanted
        changed = list(wanted)
    # a graph is replaced whole: when one of its files changed, all of them are read again
    dirty = {_target(wanted[key]) for key in changed}
    load = [source for source in wanted.values() if _target(source) in dirty]
    reloaded = {_key(source.path) for source in load}
    filled = {_target(source) for source in wanted.values()}
    drop = sorted({graph for key in removed for graph in (loaded[key].get("graphs") or [])
                   if graph is not None and graph not in filled})
    keep = [entry for key, entry in loaded.items() if key in wanted and key not in reloaded]
    unmerged = usable and stamp.get("merged_default") != MERGED_LAYOUT
    return LoadPlan(stamp=stamp, base=base, load=load, drop=drop, keep=keep, project=project,
                    changed=changed + removed, data_keys=data_keys, unmerged=unmerged)


def check_current(spec, data=None, *, skip=()):
    """Raise :class:`DataError` when ``spec`` names an ``oxigraph:DIR`` store loaded before that would have to
    be loaded again: an input changed, was added or removed since, or its last load was interrupted
    (what ``--no-rebuild`` refuses). A store never loaded, and every other kind of store, pass.

    >>> import tempfile
    >>> check_current("oxigraph:" + tempfile.mkdtemp())
    >>> check_current("memory")
    """
    if (spec or "memory").partition(":")[0] != "oxigraph":
        return
    directory = store_directory(spec)
    plan = plan_load(directory, data, skip=skip)
    if not plan.stamp or plan.current:
        return
    if plan.base is None or plan.stamp.get("loading"):
        raise DataError(f"the store in {directory} was left half-loaded (a load was interrupted); run the command "
                        "again without --no-rebuild to finish loading it")
    if plan.unmerged and not plan.changed and not plan.load and not plan.drop:
        raise DataError(f"the store in {directory} was loaded by an older kg (its default graph may count a triple "
                        "once per graph that holds it); run without --no-rebuild to update it")
    changed = plan.changed or [str(source.path) for source in plan.load]
    shown = ", ".join(changed[:3]) + (" ..." if len(changed) > 3 else "")
    raise DataError(f"the store in {directory} is out of date: {len(changed)} input file(s) changed, added or "
                    f"removed since it was loaded ({shown}); run without --no-rebuild to reload them")


def load_persistent(spec, data=None, *, allow_service=(), skip=()):
    """Open ``oxigraph:DIR`` read-only, loading it first when it is not current (see the module docstring)."""
    directory = store_directory(spec)
    for _attempt in range(20):  # a loader may replace the data folder between our look and our open
        store = _read_if_current(directory, data, skip=skip, allow_service=allow_service)
        if store is not None:
            return store
        with _loader_lock(directory):
            _remove_leftovers(directory)
            plan = plan_load(directory, data, skip=skip)  # whoever held the lock may have loaded it
            if not plan.current:
                _build(directory, plan)
        store = _read_if_current(directory, data, skip=skip, allow_service=allow_service)
        if store is not None:
            return store
    raise DataError(f"the store in {directory} keeps changing while it is read (other processes keep loading "
                    "it); try again")


# helpers

def _key(path):
    return str(Path(path).resolve())


def _target(source):
    return source.graph or Path(source.path).resolve().as_uri()


#: (path, (device, inode, size, mtime, ctime)) -> SHA-256: a file is hashed once per process while untouched
_HASHES = {}


def _same_bytes(path, entry):
    """Whether ``path`` holds the bytes ``entry`` hashed: its status vouches for them while device, inode,
    size, mtime and ctime are all as recorded (a write always moves ctime, and ctime cannot be set back,
    so an edit whose mtime was restored is hashed again); otherwise the file is hashed."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    key = _status_key(status)
    if entry.get("status") is not None and list(key) == list(entry["status"]):
        return True
    if (str(path), key) not in _HASHES:
        _HASHES[(str(path), key)] = _file_sha256(path)
    return _HASHES[(str(path), key)] == entry.get("sha256")


def _read_if_current(directory, data, *, skip, allow_service):
    """The store opened read-only (its data folder pinned) when it is current; else None."""
    from kg.stores.oxigraph import OxigraphStore, StoreMoved

    plan = plan_load(directory, data, skip=skip)
    if not plan.current:
        return None
    try:
        store = OxigraphStore(directory, read_only=True, allow_service=allow_service, data_directory=plan.base,
                              pinned=plan.base != directory)
    except StoreMoved:
        return None  # replaced by a newer load just now: look again
    store.known_counts = stamp_counts(plan.stamp, plan.base)
    return store


def stamp_counts(stamp, folder):
    """``{graph: triples}`` (``None``: the default graph) the stamp recorded for the load in ``folder``, while
    that stamp names that folder (a load kg made; see :func:`store_signature`); else None.

    >>> stamp_counts({}, "/nonexistent") is None
    True
    """
    recorded = stamp.get("counts") if isinstance(stamp, dict) else None
    if not isinstance(recorded, dict) or folder is None or stamp.get("data") != Path(folder).name:
        return None
    pairs = recorded.get("graphs")
    if not isinstance(pairs, list):
        return None
    try:
        return {graph: int(count) for graph, count in pairs}
    except (TypeError, ValueError):
        return None


def _build(directory, plan):
    """Make the load ``plan`` asks for in a build folder, rename it into place, then commit the stamp."""
    import pyoxigraph

    from kg.stores.oxigraph import OxigraphStore

    token = secrets.token_hex(8)
    build = directory / (BUILD_PREFIX + token)
    # say what is being loaded before the first triple is written: a command that finds this load
    # interrupted finishes it, even without the --data that asked for it
    loading = [{"path": _key(source.path), "graph": source.graph} for source in plan.load
               if _key(source.path) in plan.data_keys]
    if loading:
        intent = dict(plan.stamp) if plan.stamp else {"complete": False, "project": plan.project, "sources": []}
        _write_json(directory / STAMP_NAME, dict(intent, loading=loading))
    try:
        if plan.base is not None:  # reload what changed on a copy of the current load (hard links: cheap)
            try:
                pyoxigraph.Store.read_only(str(plan.base)).backup(str(build))
            except (OSError, RuntimeError) as error:
                raise DataError(f"cannot copy the store in {plan.base}: {error}") from None
        store = OxigraphStore(directory, data_directory=build)
        try:
            for graph in plan.drop:
                store.inner.remove_graph(pyoxigraph.NamedNode(graph))
            entries = load_sources(store, plan.load)
            counts = _count_graphs(store, plan, entries)
            store.refresh_merged(counts)
            store.flush()
        finally:
            store.close()
    except BaseException:
        # a file that does not parse (or Ctrl-C): the store stays as it was, and the next command does not
        # try this load again unasked (only a kill, which runs nothing, leaves the intent to finish it)
        shutil.rmtree(build, ignore_errors=True)
        if loading and plan.stamp.get("data"):
            _write_json(directory / STAMP_NAME, {k: v for k, v in plan.stamp.items() if k != "loading"})
        elif loading:
            (directory / STAMP_NAME).unlink(missing_ok=True)
        raise
    for entry in entries:
        entry["origin"] = "data" if entry["path"] in plan.data_keys else "project"
    final = directory / (DATA_PREFIX + token)
    os.rename(build, final)
    _fsync_directory(directory)
    recorded = {"graphs": [[graph, count] for graph, count in counts.items()]}
    _write_stamp(directory, list(plan.keep) + entries, data=final.name, project=plan.project, counts=recorded)
    _remove_leftovers(directory)


def _count_graphs(store, plan, entries):
    """``{graph: triples}`` of the new load, default graph included: the graphs kept as they were take their
    counts from the stamp (when it still describes the base load), the others are counted by Oxigraph."""
    import pyoxigraph

    before = stamp_counts(plan.stamp, plan.base) if plan.base is not None else {}
    touched = {graph for entry in entries for graph in entry.get("graphs") or []}
    if before is None or None in touched:
        return store.graph_counts(include_default=True)
    counts = {graph: n for graph, n in before.items() if graph not in touched and graph not in plan.drop}
    if touched:
        values = " ".join(f"<{graph}>" for graph in sorted(touched))
        query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        for graph, number in store.inner.query(query):
            counts[graph.value] = int(number.value)
    return dict(sorted(counts.items(), key=lambda item: (item[0] is None, item[0] or "")))


def _origin(entry):
    return entry.get("origin") or ("data" if entry.get("graph") is None else "project")


def _is_empty(folder):
    import pyoxigraph

    try:
        return len(pyoxigraph.Store.read_only(str(folder))) == 0
    except (OSError, RuntimeError):
        return True  # unreadable: nothing to keep


def _write_stamp(directory, entries, *, data, project, counts=None):
    stamp = {"token": secrets.token_hex(16), "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "complete": True,
             "data": data, "project": project, "merged_default": MERGED_LAYOUT, "sources": list(entries)}
    if counts is not None:
        stamp["counts"] = counts
    _write_json(Path(directory) / STAMP_NAME, stamp)
    return stamp


def _write_json(path, value):
    from kg._atomic import atomic_write

    with atomic_write(path) as stream:
        json.dump(value, stream, ensure_ascii=False, indent=1)
        stream.flush()
        os.fsync(stream.fileno())


def _fsync_directory(directory):
    descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_leftovers(directory):
    """Remove build folders (their builders died: we hold the lock) and data folders no stamp names and
    no reader pins (a reader's shared flock makes our exclusive one fail: the folder is left for later)."""
    import fcntl

    current = read_stamp(directory).get("data")
    for entry in os.scandir(directory):
        if not entry.is_dir(follow_symlinks=False):
            continue
        if entry.name.startswith(BUILD_PREFIX):
            shutil.rmtree(entry.path, ignore_errors=True)
        elif entry.name.startswith(DATA_PREFIX) and entry.name != current:
            descriptor = os.open(entry.path, os.O_RDONLY | os.O_DIRECTORY)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(entry.path, ignore_errors=True)
            except BlockingIOError:
                pass  # a reader has it open: left for a later loader
            finally:
                os.close(descriptor)


class _loader_lock:
    """Hold ``DIR/.kg-lock`` (an exclusive ``fcntl.flock``): one loader at a time; the kernel releases it
    when its holder dies, so a killed loader never blocks the next one. Waits :data:`WAIT_S` seconds at
    most (``$KG_STORE_WAIT``), then fails with one line."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.stream = None

    def __enter__(self):
        import fcntl

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self.stream = open(self.directory / LOCK_NAME, "a+b")
        except OSError as error:
            raise DataError(f"cannot create the store in {self.directory}: {error.strerror or error}") from None
        try:
            fcntl.flock(self.stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return self
        except BlockingIOError:
            pass
        sys.stderr.write(f"kg: waiting for another process that is loading the store in {self.directory} ...\n")
        sys.stderr.flush()
        limit = _wait_limit()
        deadline = time.monotonic() + limit
        while True:
            try:
                fcntl.flock(self.stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.stream.close()
                    raise DataError(f"the store in {self.directory} is still being loaded by another process after "
                                    f"{limit:g} s; try again when it is done") from None
                time.sleep(0.05)

    def __exit__(self, *exc_info):
        import fcntl

        fcntl.flock(self.stream, fcntl.LOCK_UN)
        self.stream.close()


def _wait_limit():
    text = os.environ.get("KG_STORE_WAIT")
    if not text:
        return WAIT_S
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"KG_STORE_WAIT={text!r} is not a number of seconds") from None
    if not value >= 0:
        raise DataError(f"KG_STORE_WAIT={text!r} is not a number of seconds")
    return value
