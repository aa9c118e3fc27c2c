"""The projection, cached by the content it was made from, so a second command does not project again.

Projecting (:func:`kg.analysis.network.project`) reads the whole store; reading a pickle back takes a
fraction of that. A cached projection is keyed by a **content signature** and by a hash of the
projection's code, so it is never stale:

- ``memory`` (and ``rdflib``): the signature is a hash of the input files' bytes and the graphs they go
  to (:func:`kg.stores.load.content_signature`); the cache lives in :func:`cache_dir`
  (``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/innovation-kg``, else ``~/.cache/innovation-kg``), one file
  per signature, the oldest removed beyond :data:`KEEP`;
- ``oxigraph:DIR``: the signature is the store folder's manifest (names, sizes and times of its data
  files: any write to the store changes it, whoever makes it; :func:`kg.stores.oxigraph.manifest_signature`);
  the cache is ``DIR/.kg-projection.pickle``;
- ``sparql:URL``: nothing tells when a remote store changes: projected every time.

The triple count rides along (``meta``), so ``kg stats`` needs no store either when the cache is fresh.

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
import os
import pickle
from pathlib import Path

from kg._atomic import atomic_write

__all__ = ["cache_dir", "memory_cache_path", "store_cache_path", "read", "write", "code_signature", "KEEP",
           "FREEZE", "CACHE_NAME"]

#: cached projections kept in the user's cache folder (the newest)
KEEP = 8
#: Freeze what a read brings in (``gc.freeze``): set by a process that keeps it until it exits (the
#: ``kg`` command). Left to itself, the cyclic collector walks a million-object projection again at every
#: older-generation collection (0.1 s each at 1M triples), though nothing in it is ever garbage; a
#: library caller that drops graphs leaves it off, so they stay collectable.
FREEZE = False
#: the projection cache inside an oxigraph:DIR store folder
CACHE_NAME = ".kg-projection.pickle"
_FORMAT = 2


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
_CODE_FILES = ("analysis/network.py", "stores/load.py", "stores/oxigraph.py", "stores/base.py", "stores/terms.py",
               "stores/remote.py", "stores/rdflib_store.py")


def read(path, signature):
    """``(G, meta)`` from the cache file ``path`` when it was written for ``signature``; None otherwise."""
    key = (_FORMAT, signature, code_signature())
    try:
        with open(path, "rb") as stream:
            if pickle.load(stream) != key:
                return None
            meta = pickle.load(stream)
            # a projection is millions of small dicts and lists: the cyclic collector would walk them
            # again and again while they are created, for nothing
            enabled = gc.isenabled()
            gc.disable()
            try:
                G = pickle.load(stream)
                if FREEZE:
                    gc.freeze()
            finally:
                if enabled:
                    gc.enable()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return G, meta


def write(path, signature, G, meta=None):
    """Cache ``G`` (and ``meta``) in ``path`` for ``signature``; a folder that cannot be written is skipped."""
    key = (_FORMAT, signature, code_signature())
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, mode="wb") as stream:
            pickle.dump(key, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(dict(meta or {}), stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(G, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # a read-only folder: the projection is still right, only not kept
        return
    if path.parent == cache_dir():
        _prune(path.parent)


# helpers

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
