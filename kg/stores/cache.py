"""The projection, cached by the content it was made from, so a second command does not project again.

Projecting (:func:`kg.analysis.network.project`) reads the whole store; reading a pickle back takes a
fraction of that. A cached projection is keyed by a **content signature** and by a hash of the
projection's code, so it is never stale:

- ``memory`` (and ``rdflib``): the signature is a hash of the input files' bytes and the graphs they go
  to (:func:`kg.stores.load.content_signature`); the cache lives in :func:`cache_dir`
  (``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/innovation-kg``, else ``~/.cache/innovation-kg``), one file
  per signature, the oldest removed beyond :data:`KEEP`;
- ``oxigraph:DIR``: the signature is the stamp of kg's current load (its token and data folder: every
  load changes them; a read-write open by another tool that writes nothing does not), or for a folder
  another tool keeps, its manifest (:func:`kg.stores.persistent.store_signature`); the cache is
  ``DIR/.kg-projection.pickle``;
- ``sparql:URL``: nothing tells when a remote store changes: projected every time.

The triple count rides along (``meta``), so ``kg stats`` needs no store either when the cache is fresh.

**Nothing is unpickled that this user did not write.** A pickle runs code as it loads, and store folders
get copied and shared, so each file carries an HMAC-SHA256 of its bytes under a secret key of the user's
own, kept outside every store (:func:`key_path`: ``$KG_CONFIG_DIR``, else
``$XDG_CONFIG_HOME/innovation-kg``, else ``~/.config/innovation-kg``; the file ``cache-key``, created
0600 on first use). The tag is checked, over the bytes read once, before anything is unpickled; a file
without a valid tag (someone else's, an older version's, a crafted one) is ignored and the projection
made again, as if there were no cache.

>>> import networkx as nx, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> G = nx.MultiDiGraph(); G.add_node("urn:a")
>>> write(folder / "p.pickle", "sig-1", G, {"triples": 3})
>>> read(folder / "p.pickle", "sig-1")[1]
{'triples': 3}
>>> read(folder / "p.pickle", "sig-2") is None
True
"""

import gc
import hashlib
import hmac
import os
import pickle
import secrets
from pathlib import Path

from kg._atomic import atomic_write

__all__ = ["cache_dir", "memory_cache_path", "store_cache_path", "read", "read_views", "write", "code_signature",
           "key_path",
           "KEEP", "FREEZE", "CACHE_NAME"]

#: cached projections kept in the user's cache folder (the newest)
KEEP = 8
#: Freeze what a read brings in (``gc.freeze``): set by a process that keeps it until it exits (the
#: ``kg`` command). Left to itself, the cyclic collector walks a million-object projection again at every
#: older-generation collection (0.1 s each at 1M triples), though nothing in it is ever garbage; and what
#: is read is kept (never freed, not even at exit: the process ends instead). A library caller that drops
#: graphs leaves it off, so they stay collectable.
FREEZE = False
#: the projection cache inside an oxigraph:DIR store folder
CACHE_NAME = ".kg-projection.pickle"
_FORMAT = 5
#: a cache file starts with this, then the 32-byte HMAC-SHA256 of everything after it
_MAGIC = b"KG-PROJECTION-5\n"
_TAG_SIZE = 32


def cache_dir():
    """The folder cached projections of in-memory graphs live in (created on first write).

    >>> import os
    >>> os.environ["KG_CACHE_DIR"] = "/tmp/kg-doc-cache"
    >>> str(cache_dir())
    '/tmp/kg-doc-cache'
    >>> del os.environ["KG_CACHE_DIR"]
    """
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "innovation-kg"


def key_path():
    """The file holding this user's secret key for the cache tags (see the module docstring).

    >>> import os
    >>> os.environ["KG_CONFIG_DIR"] = "/tmp/kg-doc-config"
    >>> key_path().as_posix()
    '/tmp/kg-doc-config/cache-key'
    >>> del os.environ["KG_CONFIG_DIR"]
    """
    if os.environ.get("KG_CONFIG_DIR"):
        return Path(os.environ["KG_CONFIG_DIR"]) / "cache-key"
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "innovation-kg" / "cache-key"


def memory_cache_path(signature):
    """Where the projection of in-memory content with ``signature`` is cached."""
    return cache_dir() / f"projection-{signature}.pickle"


def store_cache_path(directory):
    """Where the projection of the ``oxigraph:DIR`` store in ``directory`` is cached.

    >>> store_cache_path("/data/kg").as_posix()
    '/data/kg/.kg-projection.pickle'
    """
    return Path(directory) / CACHE_NAME


def code_signature():
    """A hash of the code that reads the store and projects it: a new version never reads an old projection."""
    global _CODE
    if _CODE is None:
        here = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256()
        for name in _CODE_FILES:
            try:
                digest.update((here / name).read_bytes())
            except OSError:
                digest.update(name.encode())
        _CODE = digest.hexdigest()[:16]
    return _CODE


_CODE = None
_CODE_FILES = ("analysis/network.py", "analysis/undirected.py", "stores/load.py", "stores/sources.py",
               "stores/oxigraph.py", "stores/base.py", "stores/terms.py", "stores/remote.py", "stores/rdflib_store.py")


def read(path, signature):
    """``(G, meta)`` from the cache file ``path`` when this user wrote it for ``signature``; None otherwise
    (a file whose tag does not check out is never unpickled)."""
    found = read_views(path, signature, lazy=True)
    return None if found is None else (found[0], found[1])


def read_views(path, signature, *, lazy=False):
    """``(G, meta, U)``: :func:`read`, and the undirected view of ``G`` written with it (None when it was
    not). One pickle stream holds both, ``U`` after ``G``, so ``U`` shares ``G``'s node dicts as
    :func:`kg.analysis.network.undirected` makes it, and unpickling it costs less than half of making it
    again (issue 24).

    With ``lazy``, ``U`` is a function that unpickles the view on its first call (None when there is
    none): a command that never needs the view (one shortest path) does not pay for it. The bytes it
    reads were checked with the rest; the function drops them once called.
    """
    import io

    key = (_FORMAT, signature, code_signature())
    secret = _secret(create=False)
    if secret is None:
        return None
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError:
        return None
    body = memoryview(data)[len(_MAGIC) + _TAG_SIZE:]
    if not data.startswith(_MAGIC) or not hmac.compare_digest(
            hmac.digest(secret, body, "sha256"), data[len(_MAGIC):len(_MAGIC) + _TAG_SIZE]):
        return None
    stream = io.BytesIO(data)  # shares the bytes (no copy of a projection's hundreds of megabytes)
    stream.seek(len(_MAGIC) + _TAG_SIZE)
    # one unpickler for G and U: its memo is what lets U's records point at G's objects
    unpickler = pickle.Unpickler(stream)
    try:
        if unpickler.load() != key:
            return None
        meta = unpickler.load()
        G = _load_quietly(unpickler)
        has_view = unpickler.load()
    except _BROKEN:
        return None
    if not has_view:
        return G, meta, (lambda: None) if lazy else None
    if not lazy:
        try:
            return G, meta, _load_quietly(unpickler)
        except _BROKEN:
            return None
    pending = [unpickler]

    def view():
        if not pending:
            raise RuntimeError("the cached undirected view was read already")
        try:
            return _load_quietly(pending.pop())
        except _BROKEN:
            return None

    return G, meta, view


def write(path, signature, G, meta=None, U=None):
    """Cache ``G`` (and ``meta``, and ``U``, its undirected view) in ``path`` for ``signature``; a folder that
    cannot be written is skipped."""
    import io

    key = (_FORMAT, signature, code_signature())
    path = Path(path)
    secret = _secret(create=True)
    if secret is None:  # no key can be kept (a read-only home): nothing is cached, nothing trusted
        return
    body = io.BytesIO()
    pickler = pickle.Pickler(body, protocol=pickle.HIGHEST_PROTOCOL)  # one memo: U refers to G's objects
    pickler.dump(key)
    pickler.dump(dict(meta or {}))
    pickler.dump(G)
    pickler.dump(U is not None)
    if U is not None:
        pickler.dump(U)
    body = body.getbuffer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, mode="wb") as stream:
            stream.write(_MAGIC)
            stream.write(hmac.digest(secret, body, "sha256"))
            stream.write(body)
    except OSError:  # a read-only folder: the projection is still right, only not kept
        return
    if path.parent == cache_dir():
        _prune(path.parent)


# helpers

#: what a damaged or foreign pickle raises while it loads
_BROKEN = (EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError)


def _load_quietly(unpickler):
    """The next object of ``unpickler``, the cyclic collector off meanwhile (and what it brought frozen
    when :data:`FREEZE`): a projection is millions of small dicts and lists, which the collector would
    walk again and again while they are created, for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        found = unpickler.load()
        if FREEZE:
            # a cycle only the collector could free, frozen with the rest: nothing read is ever freed,
            # not even at exit, where freeing a projection object by object costs a fifth of a warm path
            keeper = [found]
            keeper.append(keeper)
            gc.freeze()
        return found
    finally:
        if enabled:
            gc.enable()


def _secret(create):
    """This user's cache key (bytes), made on first use when ``create``; None when there is none to trust.

    A key file that is not the user's own, or that others may read or write, is not trusted: whoever can
    read it could sign a pickle.
    """
    path = key_path()
    try:
        status = path.stat()
    except FileNotFoundError:
        if not create:
            return None
        return _new_secret(path)
    except OSError:
        return None
    if status.st_mode & 0o077 or (hasattr(os, "getuid") and status.st_uid != os.getuid()):
        return None
    try:
        secret = path.read_bytes()
    except OSError:
        return None
    return secret if len(secret) >= 32 else None


def _new_secret(path):
    """Write a fresh random key to ``path`` (0600), or read the one a concurrent process wrote first."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(secrets.token_bytes(32))
        try:
            os.link(draft, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    except OSError:
        return None
    return _secret(create=False)


def _prune(folder):
    """Keep the :data:`KEEP` newest cached projections in the user's cache folder."""
    try:
        entries = sorted(folder.glob("projection-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for stale in entries[KEEP:]:
        try:
            stale.unlink()
        except OSError:
            pass
