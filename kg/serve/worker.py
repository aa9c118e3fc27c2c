"""Run work on the graph in worker processes that can be stopped: the server's hard query timeout.

rdflib (and Oxigraph through rdflib) cannot be interrupted from a thread, so every query runs in a
forked worker process that inherited the loaded graph. A worker that runs past the time limit is killed
and a fresh one is forked in its place; the server keeps serving. A worker dies with its server, even
one killed with ``kill -9`` (the kernel's parent-death signal, and a watcher of the parent's pid), and a
worker found dead while idle is replaced before a query is sent to it.

:class:`kg.serve.gate.FairGate` shares the workers between clients; :mod:`kg.serve.jobs` holds what the
workers run.

>>> pool = WorkerPool([], size=1, timeout=5)
>>> pool.call(len)
0
>>> pool.close()
"""

import concurrent.futures
import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time

from kg.errors import KGError, QueryTimeout

__all__ = ["WorkerPool", "WorkerBusy", "WorkerCrashed", "QUEUE_TIMEOUT", "BUDGET", "default_workers"]

#: seconds a call may wait for a free worker, at least
QUEUE_TIMEOUT = 30.0

#: CPU seconds a query runs before it gives its worker up to waiting requests (paused, resumed later)
BUDGET = 0.25


def default_workers():
    """How many worker processes a server runs by default: the CPUs this process may use (at least 2).

    >>> default_workers() >= 2
    True
    """
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 2
    return max(2, count)


class WorkerBusy(KGError):
    """Every worker stayed busy for longer than the time limit (HTTP 503)."""

    http_status = 503


class WorkerCrashed(KGError):
    """A worker died or raised an unexpected error (HTTP 500)."""

    http_status = 500


class WorkerPool:
    """A fixed set of forked processes that each hold ``graph`` and run ``function(graph, *args)``.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph the workers inherit (fork: no copy, no pickling).
    size : int
        How many calls may run at once.
    timeout : float
        Seconds a call may run before its worker is killed and :class:`~kg.errors.QueryTimeout` raised.
    queue_timeout : float, optional
        Seconds a call may wait for a free worker before :class:`WorkerBusy` (default: the longer of
        ``timeout`` and :data:`QUEUE_TIMEOUT`): waiting is not failing, so this is generous.

    Examples
    --------
    >>> with WorkerPool([], size=1, timeout=5) as pool:
    ...     pool.call(len)
    0
    """

    def __init__(self, graph, *, size=2, timeout=10.0, queue_timeout=None, budget=None, max_paused=None):
        self.graph = graph
        self.size = size
        self.budget = float(budget) if budget else None
        self.max_paused = int(max_paused) if max_paused is not None else max(2, 2 * size)
        self.timeout = float(timeout)
        self.queue_timeout = float(queue_timeout) if queue_timeout is not None else max(self.timeout, QUEUE_TIMEOUT)
        self._context = multiprocessing.get_context("fork")
        self._idle = queue.Queue()
        self._lock = threading.Lock()
        self._workers = []
        self._paused = 0  # calls paused now (their workers stopped), see _wait_for_answer
        self._closed = False
        # Workers are forked from this one long-lived thread: Linux sends the parent-death signal when
        # the *thread* that forked a child ends, so forking from a short-lived request thread would
        # kill its worker with that thread.
        self._forker = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="kg-serve-fork")
        for _ in range(size):
            self._idle.put(self._spawn())

    def call(self, function, *args, timeout=None, turn=None):
        """Run ``function(graph, *args)`` in a worker; return its result or raise its ``KGError``.

        ``function`` and its result travel through a pipe, so the result must pickle. A call that runs
        past ``timeout`` (default: the pool's; paused time included) raises
        :class:`~kg.errors.QueryTimeout`. ``function`` is sent by reference: a module-level function,
        not a lambda. ``turn`` (a :class:`~kg.serve.gate.FairGate` turn) lets a call that has run the pool's ``budget``
        while other requests wait be paused (its worker stopped with SIGSTOP, its slot given up) and
        resumed (SIGCONT) when the gate gives it a slot again: long queries cannot hold workers that
        short ones are waiting for.
        """
        limit = self.timeout if timeout is None else float(timeout)
        if self._closed:
            raise WorkerCrashed("the query workers are shut down")
        worker = self._idle_worker()
        try:
            worker = self._send(worker, (function, args))
            if not self._wait_for_answer(worker, limit, turn):
                self._replace(worker)
                worker = None
                raise QueryTimeout(f"the query ran past the {limit:g} s time limit and was stopped")
            status, payload = worker.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._replace(worker)
                worker = None
            raise WorkerCrashed("the query worker died while running the query") from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "ok":
            return payload
        error_class, message = payload
        raise _rebuild(error_class, message)

    def close(self):
        """Stop every worker (idempotent)."""
        self._closed = True
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            _stop(worker)
        self._forker.shutdown(wait=False)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @property
    def pids(self):
        """The process ids of the current workers."""
        with self._lock:
            return [worker.process.pid for worker in self._workers]

    # helpers

    def _wait_for_answer(self, worker, limit, turn):
        """Wait until ``worker`` answers (True) or ``limit`` seconds pass (False), pausing it whenever it
        has run a budget while ``turn``'s gate has requests waiting (see :meth:`call`)."""
        started = time.monotonic()
        deadline = started + limit
        if turn is None or not self.budget:
            return worker.connection.poll(limit)
        slice_started, cpu_started = started, _cpu_seconds(worker.process.pid)
        while True:
            now = time.monotonic()
            if now >= deadline:
                return False
            ran = now - slice_started
            step = self.budget - ran if ran < self.budget else 0.05
            if worker.connection.poll(max(0.001, min(step, deadline - now))):
                return True
            now = time.monotonic()
            if now - slice_started < self.budget:
                continue
            # the cost is the CPU time the query took, not the time it waited for a CPU on a busy machine
            cpu = _cpu_seconds(worker.process.pid)
            used = cpu - cpu_started if cpu is not None and cpu_started is not None else now - slice_started
            if used < self.budget or not turn.contended(used):
                continue
            with self._lock:
                if self._paused >= self.max_paused:
                    continue  # enough stopped workers already: this one runs on
                self._paused += 1
            try:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker.process.pid, signal.SIGSTOP)
                resumed = turn.pause(used, deadline - now)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker.process.pid, signal.SIGCONT)
            finally:
                with self._lock:
                    self._paused -= 1
            if not resumed:
                return worker.connection.poll(0)  # it may have answered just before it was stopped
            slice_started, cpu_started = time.monotonic(), _cpu_seconds(worker.process.pid)

    def _idle_worker(self):
        """An idle worker that is alive: one that died while idle (killed, out of memory) is replaced.

        While calls are paused their workers are not idle: the pool then forks more, up to ``size`` plus
        ``max_paused``, so a paused call never takes a slot's worker with it."""
        deadline = time.monotonic() + self.queue_timeout
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                worker = None
                with self._lock:
                    grow = len(self._workers) < self.size + self._paused
                if grow:
                    return self._spawn()
            if worker is not None:
                if worker.process.is_alive():
                    return worker
                self._replace(worker)
                continue
            try:
                worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                raise WorkerBusy(f"all {self.size} query workers stayed busy for {self.queue_timeout:g} s; "
                                 "try again") from None
            if worker.process.is_alive():
                return worker
            self._replace(worker)

    def _send(self, worker, message):
        """Send a job to ``worker``; one that died since it was checked is replaced and the job resent
        (it had not started, so sending it again cannot run it twice). Returns the worker used."""
        try:
            worker.connection.send(message)
            return worker
        except (OSError, BrokenPipeError):
            self._replace(worker)
        worker = self._idle_worker()
        try:
            worker.connection.send(message)
        except (OSError, BrokenPipeError):
            self._replace(worker)
            raise WorkerCrashed("the query workers keep dying; see the server's log") from None
        return worker

    def _spawn(self):
        if threading.current_thread().name.startswith("kg-serve-fork"):
            return self._spawn_here()
        return self._forker.submit(self._spawn_here).result()

    def _spawn_here(self):
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(target=_work, args=(self.graph, child_end, os.getpid()), daemon=True,
                                        name="kg-serve-worker")
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        with self._lock:
            self._workers.append(worker)
        return worker

    def _replace(self, worker):
        """Kill a stuck or dead worker and put a fresh one in the idle queue."""
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
        _stop(worker, kill=True)
        if not self._closed:
            self._idle.put(self._spawn())


# helpers

class _Worker:
    __slots__ = ("process", "connection")

    def __init__(self, process, connection):
        self.process = process
        self.connection = connection


def _work(graph, connection, parent_pid):
    """A worker's loop: receive ``(function, args)``, send back ``("ok", result)`` or ``("error", ...)``."""
    # Ctrl-C reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent_pid)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        function, args = message
        try:
            reply = ("ok", function(graph, *args))
        except KGError as error:
            # rebuilt from (class, message) on the other side: some KGErrors take extra arguments
            reply = ("error", (type(error), str(error)))
        except Exception as error:  # an engine bug must not kill the worker or leak a traceback
            reply = ("error", (WorkerCrashed, f"the query engine failed: {type(error).__name__}: {error}"))
        try:
            connection.send(reply)
        except Exception as error:  # e.g. a result that does not pickle
            connection.send(("error", (WorkerCrashed, f"cannot send the result back: {error}")))


def _cpu_seconds(pid):
    """CPU time (user and system) process ``pid`` has used, in seconds; None where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            fields = stream.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return None


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _die_with_parent(parent_pid):
    """Make this worker end when the server does, however it ends (``kill -9`` included).

    Linux: the kernel sends SIGKILL when the parent's forking thread ends (``PR_SET_PDEATHSIG``), even
    while a query runs in Rust holding the GIL. Everywhere: a thread checks the parent's pid each second.
    """
    with contextlib.suppress(Exception):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the signal was asked for
        os._exit(0)

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _rebuild(error_class, message):
    """The worker's error again, from its class and message (an error that needs more keeps its status)."""
    try:
        return error_class(message)
    except TypeError:
        error = KGError(message)
        error.http_status = getattr(error_class, "http_status", 500)
        error.exit_code = getattr(error_class, "exit_code", 1)
        return error


def _stop(worker, kill=False):
    with contextlib.suppress(Exception):
        if not kill:
            worker.connection.send(None)
            worker.process.join(0.5)
    if worker.process.is_alive():
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.join(2)
    with contextlib.suppress(Exception):
        worker.connection.close()
