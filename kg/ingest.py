"""``kg ingest``: a new article in, a review file of proposed claims out.

The steps, each a function a Python user can call too:

1. :func:`read_article` reads the file as UTF-8 text and refuses what is not an article (empty, binary,
   another encoding, far too large) with one clear error;
2. :func:`store_article` keeps the text under the sources folder (:func:`kg.sources.store_dir`) with
   its SHA-256, never overwriting another source's text;
3. :func:`ingest` runs the rules (:func:`kg.extract.extract`) with a gazetteer of every actor the graph
   knows, and writes the candidates as a review file in the claims format (:mod:`kg.claims`), every line
   ``status=proposed`` with its confidence, evidence span, offsets and the reason it was proposed.

``kg accept REVIEW`` then merges what the user kept into the source's named graph.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes("兰州大学与金川集团签约。".encode("gb18030"))
>>> read_article(path)
Traceback (most recent call last):
...
kg.errors.IngestError: ... is not UTF-8: it reads as GBK/GB18030; convert it first (iconv -f GB18030 -t UTF-8 ...)
"""

from pathlib import Path

from kg.errors import IngestError

__all__ = ["read_article", "store_article", "MAX_BYTES"]

#: the largest article accepted (a long feature is 20-50 KB of UTF-8; 2 MB is a book chapter)
MAX_BYTES = 2_000_000


def read_article(path, *, max_bytes=MAX_BYTES):
    """The text of the article at ``path`` (UTF-8, a leading BOM dropped), or an :class:`IngestError`
    that says what is wrong and how to fix it."""
    path = Path(path)
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{path} is empty")
    if size > max_bytes:
        raise IngestError(f"{path} is {size / 1e6:.1f} MB: an article is far smaller (the limit is "
                          f"{max_bytes / 1e6:.0f} MB); split it or pass --max-bytes")
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_like_utf16(data):
        raise IngestError(f"{path} is UTF-16 text; convert it first (iconv -f UTF-16 -t UTF-8 {path})")
    if b"\x00" in data:
        raise IngestError(f"{path} is a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _looks_like_utf16_cjk(data):
            raise IngestError(f"{path} is UTF-16 text; convert it first (iconv -f UTF-16 -t UTF-8 {path})") from None
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise IngestError(f"{path} is not UTF-8 text (byte {error.start})") from None
        raise IngestError(f"{path} is not UTF-8: it reads as GBK/GB18030; convert it first "
                          f"(iconv -f GB18030 -t UTF-8 {path})") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise IngestError(f"{path} holds only white space")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > len(text) // 100:
        raise IngestError(f"{path} is a binary file, not text")
    return text


def store_article(text, source_id, *, folder=None):
    """Keep ``text`` as ``<folder>/<source_id>.txt`` (default :func:`kg.sources.store_dir`); returns
    ``(path, sha256)``. The same text stored again is fine; another text under the same id is an error."""
    from kg._atomic import atomic_write
    from kg.sources import check_source_id, source_path, store_dir, text_sha256

    check_source_id(source_id)
    digest = text_sha256(text)
    existing = source_path(source_id)
    if existing is not None:
        if text_sha256(existing.read_text(encoding="utf-8")) == digest:
            return existing, digest
        raise IngestError(f"source {source_id!r} exists with another text ({existing}); choose another --id")
    folder = Path(folder) if folder else store_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source_id}.txt"
    with atomic_write(target, mode="w", encoding="utf-8") as stream:  # newlines kept as they are
        stream.write(text)
    return target, digest


def _looks_like_utf16_cjk(data):
    """Chinese in UTF-16 without a byte-order mark has no NUL bytes: decode it both ways and see whether
    it reads as Chinese (GBK bytes read as UTF-16 land in Hangul, private use or surrogates instead)."""
    if len(data) % 2:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                       or "\uff00" <= ch <= "\uffef" or " " <= ch <= "~" or ch in "\n\r\t")
        if readable >= 0.9 * len(text):
            return True
    return False


def _looks_like_utf16(data):
    """UTF-16 without a byte-order mark: NUL bytes on every other position (ASCII and CJK text alike)."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return len(sample) >= 8 and max(even, odd) >= len(sample) // 8 and min(even, odd) == 0
