"""A real ``kg serve`` for the tests that need a socket: a free loopback port, a wait until it answers,
and a stop that takes its query workers with it. Used as::

    base, process = start_server("--data", "tests/data/mini.ttl")
    try:
        ...  # requests to base + "/sparql"
    finally:
        stop_server(process)
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(*args, cwd=ROOT, limit=180):
    """``kg serve --port FREE ARGS`` in its own session: ``(base URL, process)`` once it answers a query.

    The limit is generous: a busy 2-core machine can take a minute to start Python and load a graph."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), *map(str, args)],
                               cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, limit)
    except BaseException:
        stop_server(process)
        raise
    return base, process


def wait_until_up(base, process, limit=180):
    """Return when ``base`` answers ``ASK {}``; raise when the process exits or ``limit`` seconds pass."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited with {process.returncode}: {process.stdout.read().decode()}")
        try:
            with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"kg serve did not answer within {limit} s")


def children(pid):
    """The processes ``pid`` started (its query workers), or [] when it is gone."""
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def stop_server(process):
    """SIGTERM, then (after 15 s) SIGKILL to the server and every process it started."""
    if process.poll() is not None:
        return
    started = children(process.pid)
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        for proc in [process, *started]:
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait(timeout=5)
