"""The projection of a persistent store, cached next to it, and the stamp that says when it is stale.

Projecting a large graph (``kg.analysis.network.project``) takes seconds; reading the projection back from a
pickle takes a fraction of that. For an ``oxigraph:DIR`` store the projection is kept in
``DIR/.kg-projection.pickle`` together with the store's signature at the time it was made; the next
command that needs the network reads it back when the signature still matches, and projects again
(rewriting the cache) when it does not.

The signature is cheap to compute: the stamp token that ``kg.stores.load.load_graph`` writes to
``DIR/.kg-stamp.json`` every time it adds files to the store, the number of quads in the store (a fast
count in Oxigraph, and it changes when anything outside ``kg`` adds or removes triples), and a hash of
``kg/analysis/network.py`` (a new projection code never reads an old projection). The memory store has nothing
to key a cache on and is projected every time.

>>> from kg.stores.load import load_graph
>>> import tempfile, pathlib
>>> data = pathlib.Path(tempfile.mkdtemp()) / "tiny.ttl"
>>> _ = data.write_text('''@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... ikg:University rdfs:subClassOf ikg:Actor .
... <urn:x:a> a ikg:University ; ikg:partner <urn:x:b> . <urn:x:b> a ikg:Actor .''')
>>> spec = "oxigraph:" + tempfile.mkdtemp()
>>> G = load_projection(load_graph([data], store=spec), spec)
>>> sorted(G.nodes), cache_path(spec).is_file()
(['urn:x:a', 'urn:x:b'], True)
"""

import gc
import hashlib
import json
import os
import pickle
import secrets
import time
from pathlib import Path

from kg._atomic import atomic_write

__all__ = ["load_projection", "cache_path", "store_signature", "read_stamp", "write_stamp", "file_signature",
           "BULK_LOAD_BYTES", "STAMP_NAME", "CACHE_NAME"]

#: files at least this large go through Oxigraph's bulk loader (fast, not transactional)
BULK_LOAD_BYTES = 4 * 1024 * 1024
STAMP_NAME = ".kg-stamp.json"
CACHE_NAME = ".kg-projection.pickle"
_CACHE_FORMAT = 1


def load_projection(graph, store_spec):
    """The network projection of ``graph``, read from the cache beside a persistent store when fresh.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph ``kg.stores.load.load_graph(..., store=store_spec)`` returned.
    store_spec : str
        The store's name: ``oxigraph:DIR`` caches in ``DIR/.kg-projection.pickle``; any other store
        (``memory``, ``sparql:URL``) is projected every time.

    Returns
    -------
    networkx.MultiDiGraph
        What ``kg.analysis.network.project(graph)`` returns.

    Examples
    --------
    >>> from rdflib import Graph
    >>> load_projection(Graph(), "memory").number_of_nodes()
    0
    """
    from kg.analysis.network import project

    path = cache_path(store_spec)
    if path is None:
        return project(graph)
    signature = store_signature(graph, store_spec)
    cached = _read_cache(path, signature)
    if cached is not None:
        return cached
    G = project(graph)
    try:
        with atomic_write(path, mode="wb") as stream:
            pickle.dump(signature, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(G, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # a read-only store folder: the projection is still right, only not kept
        pass
    return G


def cache_path(store_spec):
    """Where the projection of ``store_spec`` is cached, or None for stores that are not cached.

    >>> cache_path("oxigraph:/data/kg").as_posix()
    '/data/kg/.kg-projection.pickle'
    >>> cache_path("memory") is None
    True
    """
    name, _, argument = (store_spec or "memory").partition(":")
    if name != "oxigraph" or not argument:
        return None
    return Path(argument) / CACHE_NAME


def store_signature(graph, store_spec):
    """What must match for a cached projection to be reused: stamp token, quad count, projection code.

    >>> store_signature(None, "memory") is None
    True
    """
    path = cache_path(store_spec)
    if path is None:
        return None
    inner = getattr(getattr(graph, "store", None), "_inner", None)
    count = len(inner) if inner is not None else len(graph)
    return {"format": _CACHE_FORMAT, "stamp": read_stamp(path.parent).get("token"), "quads": count,
            "network": _network_code_hash()}


def read_stamp(directory):
    """The stamp ``kg.stores.load`` wrote in a store folder (``{}`` when there is none or it is unreadable).

    >>> import tempfile
    >>> read_stamp(tempfile.mkdtemp())
    {}
    """
    try:
        return json.loads((Path(directory) / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_stamp(directory, sources):
    """Write a fresh stamp (a new random token, the time, and the files loaded so far) into ``directory``.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> first = write_stamp(folder, [])["token"]
    >>> first != write_stamp(folder, [])["token"], read_stamp(folder)["sources"]
    (True, [])
    """
    stamp = {"token": secrets.token_hex(16), "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
             "sources": list(sources)}
    with atomic_write(Path(directory) / STAMP_NAME) as stream:
        json.dump(stamp, stream, ensure_ascii=False, indent=1)
    return stamp


def file_signature(path):
    """Path, size and modification time of a source file: what says it is the file loaded before.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.nt"
    >>> _ = p.write_text("")
    >>> sorted(file_signature(p))
    ['mtime_ns', 'path', 'size']
    """
    path = Path(path).resolve()
    status = path.stat()
    return {"path": str(path), "size": status.st_size, "mtime_ns": status.st_mtime_ns}


# helpers

def _read_cache(path, signature):
    """The cached projection when its signature matches; None when missing, stale or unreadable."""
    try:
        with open(path, "rb") as stream:
            if pickle.load(stream) != signature:
                return None
            # a projection is millions of small dicts and lists: the cyclic collector would walk them
            # again and again while they are created, for nothing
            enabled = gc.isenabled()
            gc.disable()
            try:
                return pickle.load(stream)
            finally:
                if enabled:
                    gc.enable()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None


def _network_code_hash():
    import kg.analysis.network

    source = Path(kg.analysis.network.__file__)
    return hashlib.sha256(source.read_bytes()).hexdigest()[:16] if source.is_file() else os.fspath(source)
