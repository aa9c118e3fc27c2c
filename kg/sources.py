"""Where source texts live, and how to read one by its id.

A source is a document the graph's facts come from (a news article, a press release); its id names its
folder in ``graph_data/<id>/`` and its named graph ``ikr:graph/<id>``, and its text is a UTF-8 file
``<id>.txt`` in a sources folder. The texts are other people's sentences, so they are not in git: the
folders searched, in order, are

1. every folder in ``KG_SOURCES`` (``os.pathsep``-separated),
2. ``sources/`` in the project folder (git-ignored; ``kg ingest`` stores new texts there),
3. ``../shared/sources/`` beside the project folder (where the seed article is kept).

>>> import os, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "demo.txt").write_text("兰州大学与金川集团签约。", encoding="utf-8")
>>> os.environ["KG_SOURCES"] = str(folder)
>>> source_path("demo") == folder / "demo.txt"
True
>>> read_source("demo")[:4]
'兰州大学'
>>> del os.environ["KG_SOURCES"]
"""

import hashlib
import os
import re
from pathlib import Path

from kg.errors import DataError

__all__ = ["source_dirs", "source_path", "read_source", "source_text", "store_dir", "text_sha256", "check_source_id"]

_SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")


def check_source_id(source_id):
    """``source_id`` if it is a usable id (letters, digits, ``_ . -``; it names a folder and an IRI).

    >>> check_source_id("gsrb-2025-03-01")
    'gsrb-2025-03-01'
    >>> check_source_id("../etc")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: '../etc' is not a source id: use letters, digits, '_', '.' and '-' (it names a folder)
    """
    if not isinstance(source_id, str) or not _SOURCE_ID.match(source_id) or ".." in source_id:
        raise DataError(f"{source_id!r} is not a source id: use letters, digits, '_', '.' and '-' "
                        "(it names a folder)")
    return source_id


def source_dirs(root=None):
    """The folders searched for ``<id>.txt``, in order (existing or not).

    A relative root is resolved first: ``../shared/sources`` lies beside the project folder, and ``.``
    has no parent of its own.

    >>> source_dirs(".")[-1] == Path.cwd().parent / "shared" / "sources"
    True
    """
    from kg.stores.load import project_root

    folders = [Path(p) for p in os.environ.get("KG_SOURCES", "").split(os.pathsep) if p]
    try:
        root = Path(root).resolve() if root else project_root()
    except DataError:
        return folders
    return folders + [root / "sources", root.parent / "shared" / "sources"]


def store_dir(root=None):
    """Where new texts go: the first ``KG_SOURCES`` folder, else ``sources/`` in the project folder."""
    from kg.stores.load import project_root

    first = [p for p in os.environ.get("KG_SOURCES", "").split(os.pathsep) if p]
    return Path(first[0]) if first else Path(root or project_root()) / "sources"


def source_path(source_id, root=None):
    """The text file of ``source_id``, or None when no sources folder holds it."""
    check_source_id(source_id)
    for folder in source_dirs(root):
        candidate = folder / f"{source_id}.txt"
        if candidate.is_file():
            return candidate
    return None


def read_source(source_id, root=None):
    """The text of ``source_id`` (UTF-8); a :class:`~kg.errors.DataError` naming the folders searched when
    it is not found."""
    path = source_path(source_id, root)
    if path is None:
        where = ", ".join(str(folder) for folder in source_dirs(root)) or "no folder"
        raise DataError(f"no text for source {source_id!r}: looked for {source_id}.txt in {where} "
                        "(set KG_SOURCES to the folder that holds it)")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataError(f"{path} is not UTF-8 text (byte {error.start})") from None


def source_text(source_id, root=None):
    """The text of ``source_id`` exactly as stored (UTF-8 bytes decoded, line ends kept: offsets count them)."""
    found = source_path(source_id, root)
    if found is None:
        read_source(source_id, root)  # raises the DataError that names the folders searched
    try:
        return found.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(f"{found} is not UTF-8 text (byte {error.start})") from None


def text_sha256(text):
    """The SHA-256 of a text's UTF-8 bytes, as recorded in ``ikg:sha256``.

    >>> text_sha256("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
