"""Sources: which files hold the dataset, which named graph each goes to, and what a stamp keeps of them.

The dataset: every source document's facts live in their own named graph, ``ikr:graph/<source-id>``;
the ontology in ``ikr:graph/ontology``; a file given with ``--data`` keeps the graphs it names (TriG,
N-Quads) or, holding plain triples, goes into a graph named by its own ``file:`` IRI. On disk
(docs/data-model.md, "The dataset on disk"): ``ontology/*.ttl`` (``shapes.ttl`` is rules, not facts,
and is not loaded) and ``graph_data/<source-id>/`` with the source's files.

Split from :mod:`kg.stores.load` (which re-exports all of it) so that :mod:`kg.stores.persistent` can
use it without importing the store registry that imports it back (issue 24: no import circles).

>>> graph_iri("reference-admin")
'https://w3id.org/innovation-kg/id/graph/reference-admin'
"""

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError

__all__ = ["Source", "guess_format", "project_root", "graph_iri", "default_sources", "data_sources",
           "content_signature", "load_sources", "read_stamp", "ONTOLOGY_GRAPH", "GRAPH_BASE", "STAMP_NAME",
           "LOCK_NAME"]

#: named graphs of the dataset are ``GRAPH_BASE + <source-id>``
GRAPH_BASE = "https://w3id.org/innovation-kg/id/graph/"
#: the named graph the ontology is loaded into
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
#: the stamp a persistent store's folder holds: what was loaded into it
STAMP_NAME = ".kg-stamp.json"
#: the lock file loaders of a persistent store take (fcntl.flock), in its folder
LOCK_NAME = ".kg-lock"

@dataclass(frozen=True)
class Source:
    """One file to load, and the named graph its triples go to (None: its own graphs, or its file IRI)."""

    path: Path
    graph: str = None

    @property
    def format(self):
        """Its format name (from the suffix)."""
        return guess_format(self.path)


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
