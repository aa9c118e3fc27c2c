"""Atomic file output: write to a temporary file beside the target, then rename over it.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_write(target) as handle:
...     _ = handle.write("hello")
>>> target.read_text()
'hello'
>>> oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_current_umask())
True
"""

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write"]


@contextlib.contextmanager
def atomic_write(path, mode="w", encoding="utf-8"):
    """Open a temporary file for writing; on success rename it to ``path``, on error remove it.

    The reader of ``path`` sees either the old file or the whole new one, never half of it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    binary = "b" in mode
    try:
        with os.fdopen(handle, mode, **({} if binary else {"encoding": encoding, "newline": ""})) as stream:
            yield stream
        # mkstemp makes the file private (0600); give it the permissions a plain open() would
        os.chmod(temporary, 0o666 & ~_current_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


# helpers

def _current_umask():
    """The process's umask (reading it means setting it, so set it back at once)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask
