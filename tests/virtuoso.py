"""A throw-away Virtuoso server for the hand-over tests (Debian ``virtuoso-opensource-7-bin``).

:func:`virtuoso_server` writes its own ``virtuoso.ini`` into a temporary folder (free loopback ports for
SQL and HTTP, ``DirsAllowed`` including the folder), starts ``virtuoso-t +foreground``, waits for HTTP,
grants unauthenticated SPARQL/Graph Store writes with ``isql-vt`` (checking its output: it exits 0 on SQL
errors), yields the server and stops it by PID. Without ``virtuoso-t`` the tests skip, saying why.

Use it as a fixture::

    from tests.virtuoso import virtuoso  # noqa: F401  (the fixture)

    def test_x(virtuoso):
        virtuoso.sparql_url, virtuoso.graph_store_url
"""

import contextlib
import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

__all__ = ["VirtuosoServer", "virtuoso_server", "virtuoso", "isql"]

START_TIMEOUT = 60.0

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadCleanupInterval = 0
ResourcesCleanupInterval = 0
DirsAllowed = ., {dir}
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 5
ServerThreads = 5
DavRoot = DAV
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DeferInferenceRulesInit = 0
"""


@dataclasses.dataclass
class VirtuosoServer:
    """A running server: its folder, ports and endpoints."""

    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self):
        return f"{self.base_url}/sparql"

    @property
    def graph_store_url(self):
        return f"{self.base_url}/sparql-graph-crud"

    def log(self):
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace") if path.exists() else ""


def isql(server, sql):
    """Run SQL through ``isql-vt`` as dba; return its output, raising when it reports ``*** Error``."""
    completed = subprocess.run(
        ["isql-vt", f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={sql}"],
        capture_output=True, text=True, timeout=60)
    output = completed.stdout + completed.stderr
    # isql-vt exits 0 even when the statement fails: its output is the only witness
    if completed.returncode != 0 or "*** Error" in output:
        raise RuntimeError(f"isql-vt failed on {sql!r}: {output.strip()}")
    return output


@contextlib.contextmanager
def virtuoso_server():
    """Start a private Virtuoso on free loopback ports; yield a :class:`VirtuosoServer`; stop it."""
    binary = shutil.which("virtuoso-t")
    if binary is None or shutil.which("isql-vt") is None:
        pytest.skip("virtuoso-t / isql-vt not installed (Debian package virtuoso-opensource-7-bin; .ci/run "
                    "installs it)")
    folder = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    sql_port, http_port = _free_port(), _free_port()
    (folder / "virtuoso.ini").write_text(_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    server = VirtuosoServer(folder, sql_port, http_port, process)
    try:
        _wait_for_http(server)
        isql(server, 'GRANT SPARQL_UPDATE TO "SPARQL";')
        yield server
    finally:
        _stop(process)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def virtuoso():
    """A running private Virtuoso for one test module."""
    with virtuoso_server() as server:
        yield server


# helpers

def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_http(server):
    deadline = time.monotonic() + START_TIMEOUT
    last = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {server.process.returncode}:\n{server.log()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.sparql_url}?query=ASK%7B%7D", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError as error:
            last = error
        time.sleep(0.3)
    raise RuntimeError(f"Virtuoso did not answer HTTP within {START_TIMEOUT:g} s ({last}):\n{server.log()[-2000:]}")


def _stop(process):
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
