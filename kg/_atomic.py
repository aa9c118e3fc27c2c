"""Atomic file output: write to a temporary file beside the target, then rename over it.

The temporary file is hidden and names its writer: ``.<target name>.<pid>.<random>.tmp``. A writer
killed before it renames (kill -9, a power cut) leaves that file behind; the next :func:`atomic_write`
into the same folder removes it (:func:`remove_stale_temporaries`), so leftovers never pile up.

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
import re
import tempfile
import time
from pathlib import Path

__all__ = ["atomic_write", "remove_stale_temporaries", "LEGACY_STALE_AFTER"]

#: seconds after which a temporary file that names no writer (made before writers were named) is stale
LEGACY_STALE_AFTER = 600

_START_MARGIN = 60  # seconds: see _writer_may_be_running

# .<name>.<pid>.<8 random characters of mkstemp>.tmp, and the older .<name>.<random>.tmp
_TEMPORARY = re.compile(r"\.(?P<name>.+?)(?:\.(?P<pid>[0-9]+))?\.[a-z0-9_]{8}\.tmp")


@contextlib.contextmanager
def atomic_write(path, mode="w", encoding="utf-8"):
    """Open a temporary file for writing; on success rename it to ``path``, on error remove it.

    The reader of ``path`` sees either the old file or the whole new one, never half of it. Before
    writing, the temporary files that killed writers left in ``path``'s folder are removed
    (:func:`remove_stale_temporaries`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
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


def remove_stale_temporaries(folder):
    """Remove the temporary files of :func:`atomic_write` in ``folder`` whose writer is gone.

    A temporary file is stale when the process it names is not running, or is a later process that
    reuses the number (one that started over a minute after the file was last written). One that names
    no process, from an older version, is stale once untouched for :data:`LEGACY_STALE_AFTER` seconds.
    Files of a writer still at work, and every file not named like a temporary of ours, are left alone.
    Writers are assumed to share this machine's process ids (not another host writing to a shared
    folder).

    Returns
    -------
    list of pathlib.Path
        The files removed, in name order.

    Examples
    --------
    >>> import subprocess, sys, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> ended = subprocess.Popen([sys.executable, "-c", "pass"]); _ = ended.wait()  # a writer that is gone
    >>> for pid in (ended.pid, os.getpid()):
    ...     _ = (folder / f".graph.nt.{pid}.abcd1234.tmp").write_text("half")
    >>> _ = (folder / ".notes.tmp").write_text("not ours")
    >>> [p.name == f".graph.nt.{ended.pid}.abcd1234.tmp" for p in remove_stale_temporaries(folder)]
    [True]
    >>> sorted(p.name for p in folder.iterdir()) == sorted([".notes.tmp", f".graph.nt.{os.getpid()}.abcd1234.tmp"])
    True
    """
    removed = []
    try:
        with os.scandir(folder) as listing:
            entries = [entry for entry in listing if entry.name.startswith(".") and entry.name.endswith(".tmp")]
    except OSError:  # an unreadable folder: the write itself will say what is wrong
        return removed
    now = time.time()
    for entry in sorted(entries, key=lambda entry: entry.name):
        found = _TEMPORARY.fullmatch(entry.name)
        if not found:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            modified = entry.stat(follow_symlinks=False).st_mtime
        except OSError:  # removed meanwhile by another writer's sweep
            continue
        pid = found["pid"]
        if pid is None:
            stale = now - modified > LEGACY_STALE_AFTER
        else:
            stale = not _writer_may_be_running(int(pid), modified)
        if stale:
            try:
                os.unlink(entry.path)
            except OSError:  # gone already, or not ours to remove: cleaning up must never stop a write
                continue
            removed.append(Path(entry.path))
    return removed


# helpers

def _writer_may_be_running(pid, modified):
    """Whether process ``pid`` could be the one that last wrote a file at time ``modified``."""
    if pid <= 0:  # os.kill(0, ...) would signal our own process group
        return False
    try:
        os.kill(pid, 0)  # signal 0 sends nothing: it only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else (PermissionError), or we cannot tell
        return True
    started = _start_time(pid)
    # a process started after the file was last written cannot have written it: the number was reused.
    # The margin is wide because a start time is derived from the boot time, which moves when the clock
    # is set: a clock step must not make a live writer look like a newcomer and lose its file.
    return started is None or started <= modified + _START_MARGIN


def _start_time(pid):
    """When process ``pid`` started, in seconds since the epoch (Linux /proc), or None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat_file:
            fields = stat_file.read().rsplit(b")", 1)[1].split()  # the name in (...) may hold spaces
        with open("/proc/stat", "rb") as system_file:
            boot = next(int(line.split()[1]) for line in system_file if line.startswith(b"btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 of stat: start, in ticks after boot
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _current_umask():
    """The process's umask (reading it means setting it, so set it back at once)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask
