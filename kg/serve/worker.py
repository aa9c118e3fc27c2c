"""Run work on the graph in worker processes that can be stopped: the server's hard query timeout.

rdflib (and Oxigraph through rdflib) cannot be interrupted from a thread, so every query runs in a
forked worker process that inherited the loaded graph. A worker that runs past the time limit is killed
and a fresh one is forked in its place; the server keeps serving.

>>> pool = WorkerPool([], size=1, timeout=5)
>>> pool.call(len)
0
>>> pool.close()
"""

import contextlib
import multiprocessing
import os
import queue
import signal
import threading

from kg.errors import KGError, QueryTimeout

__all__ = ["WorkerPool", "WorkerBusy", "WorkerCrashed", "QUEUE_TIMEOUT", "answer_query"]

#: seconds a call may wait for a free worker, at least
QUEUE_TIMEOUT = 30.0


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

    def __init__(self, graph, *, size=2, timeout=10.0, queue_timeout=None):
        self.graph = graph
        self.size = size
        self.timeout = float(timeout)
        self.queue_timeout = float(queue_timeout) if queue_timeout is not None else max(self.timeout, QUEUE_TIMEOUT)
        self._context = multiprocessing.get_context("fork")
        self._idle = queue.Queue()
        self._lock = threading.Lock()
        self._workers = []
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def call(self, function, *args, timeout=None):
        """Run ``function(graph, *args)`` in a worker; return its result or raise its ``KGError``.

        ``function`` and its result travel through a pipe, so the result must pickle. A call that runs
        past ``timeout`` (default: the pool's) raises :class:`~kg.errors.QueryTimeout`. ``function`` is
        sent by reference: a module-level function, not a lambda.
        """
        limit = self.timeout if timeout is None else float(timeout)
        if self._closed:
            raise WorkerCrashed("the query workers are shut down")
        try:
            worker = self._idle.get(timeout=self.queue_timeout)
        except queue.Empty:
            raise WorkerBusy(f"all {self.size} query workers stayed busy for {self.queue_timeout:g} s; "
                             "try again") from None
        try:
            worker.connection.send((function, args))
            if not worker.connection.poll(limit):
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

    def _spawn(self):
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(target=_work, args=(self.graph, child_end), daemon=True,
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


# jobs: module-level functions a worker runs as ``function(graph, *args)``; their results pickle

def answer_query(kg, text, accept=None, format=None, max_rows=10000, html=False, default_graphs=None,
                 named_graphs=None):
    """Run a query and answer it in the negotiated format, at most ``max_rows`` rows (or triples).

    Returns a dict: ``kind``, ``format`` (a :data:`~kg.serve.protocol.RESULT_FORMATS` or
    :data:`~kg.serve.protocol.GRAPH_FORMATS` name, or ``html``), ``media_type``, ``body`` (bytes; for
    ``html`` the table as a dict instead), ``total`` (rows before the cap) and ``truncated``.

    >>> from kg.stores.oxigraph import OxigraphStore
    >>> answer = answer_query(OxigraphStore(), "ASK { ?s ?p ?o }", "text/csv")
    >>> answer["media_type"], answer["body"]
    ('text/csv', b'false')
    """
    import dataclasses

    from kg.query import run_query, serialize_triples, to_csv, to_json, to_tsv, to_xml
    from kg.serve.protocol import RDFLIB_FORMATS, negotiate

    store = getattr(kg, "store", kg)
    result = run_query(store, text, default_graphs=default_graphs, named_graphs=named_graphs)
    chosen = negotiate(result.kind, accept, format, html=html)
    total = len(result.triples) if result.triples is not None else len(result.rows)
    truncated = total > max_rows
    if truncated and result.triples is not None:
        result = dataclasses.replace(result, triples=sorted(result.triples, key=str)[:max_rows])
    elif truncated:
        result = dataclasses.replace(result, rows=result.rows[:max_rows])
    answer = {"kind": result.kind, "format": chosen.name, "media_type": chosen.media_type, "total": total,
              "truncated": truncated}
    if chosen.name == "html":
        answer["body"] = _html_table(result)
    elif result.triples is not None:
        answer["body"] = serialize_triples(sorted(result.triples, key=str), RDFLIB_FORMATS[chosen.name])
    else:
        serializer = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[chosen.name]
        answer["body"] = serializer(result).encode("utf-8")
    return answer


# helpers

class _Worker:
    __slots__ = ("process", "connection")

    def __init__(self, process, connection):
        self.process = process
        self.connection = connection


def _work(graph, connection):
    """A worker's loop: receive ``(function, args)``, send back ``("ok", result)`` or ``("error", ...)``."""
    # Ctrl-C reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
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


def _html_table(result):
    """A query answer as display cells for the query page (the template escapes them)."""
    from kg.serve.pages import term_cell

    if result.kind == "ask":
        return {"boolean": bool(result.boolean), "vars": [], "rows": []}
    columns, rows = result.table_view()
    return {"boolean": None, "vars": list(columns),
            "rows": [[term_cell(term) for term in row] for row in rows]}
