"""Run work on the graph in worker processes that can be stopped: the server's hard query timeout.

rdflib (and Oxigraph through rdflib) cannot be interrupted from a thread, so every query runs in a
forked worker process that inherited the loaded graph. A worker that runs past the time limit is killed
and a fresh one is forked in its place; the server keeps serving. A worker dies with its server, even
one killed with ``kill -9`` (the kernel's parent-death signal, and a watcher of the parent's pid), and a
worker found dead while idle is replaced before a query is sent to it.

:class:`FairGate` shares the workers between clients: each client (an IP address) may hold at most a
few workers at once, waiting requests are served round-robin by client, and a bounded queue answers
503 with ``Retry-After`` rather than wait without end. So two clients sending endless queries cannot
starve the others.

>>> pool = WorkerPool([], size=1, timeout=5)
>>> pool.call(len)
0
>>> pool.close()
"""

import asyncio
import collections
import concurrent.futures
import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time

from kg.errors import KGError, QueryTimeout

__all__ = ["WorkerPool", "WorkerBusy", "WorkerCrashed", "FairGate", "Turn", "QUEUE_TIMEOUT", "MAX_WAITING", "BUDGET",
           "PATIENCE",
           "default_workers", "answer_query"]

#: seconds a call may wait for a free worker, at least
QUEUE_TIMEOUT = 30.0

#: requests that may wait for a worker at once, all clients together (beyond: 503 at once)
MAX_WAITING = 256

#: CPU seconds a query runs before it gives its worker up to waiting requests (paused, resumed later)
BUDGET = 0.25

#: a paused query resumes ahead of new requests once it has waited this many times the time it has run:
#: under any load a long query keeps at least 1/(1 + PATIENCE) of a worker (it finishes, if its timeout
#: allows), and a client's endless queries never take more
PATIENCE = 4.0


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
        not a lambda. ``turn`` (a :class:`FairGate` turn) lets a call that has run the pool's ``budget``
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


class FairGate:
    """Share ``capacity`` slots (the workers) fairly between clients and requests, in an asyncio server.

    A client (an IP address) holds at most ``per_client`` slots at once; when a slot frees, waiting
    requests are served in turn (round-robin by client, first come first served within a client). A
    request that has run its budget while others wait gives its slot up (:meth:`Turn.pause`, see
    :meth:`WorkerPool.call`) and waits for one again *behind* every new request, paused requests in the
    order of the time they have run (least first): so short queries are served whoever sends them, and a
    client's endless queries -- from another address or from the same one as everyone else -- get a
    budget's worth of a worker now and then until their timeout stops them. At most ``max_waiting``
    new requests wait at once, each at most ``wait_timeout`` seconds; beyond either, :class:`WorkerBusy`
    (HTTP 503 with ``Retry-After``).

    Examples
    --------
    >>> import asyncio
    >>> gate = FairGate(capacity=2, per_client=1, wait_timeout=5)
    >>> async def two_from_one_client():
    ...     async with gate.slot("10.0.0.1"):
    ...         first = gate.running("10.0.0.1")
    ...         async with gate.slot("10.0.0.2"):    # another client gets the second slot at once
    ...             return first, gate.running("10.0.0.2"), gate.free
    >>> asyncio.run(two_from_one_client())
    (1, 1, 0)
    """

    def __init__(self, capacity, *, per_client=None, max_waiting=MAX_WAITING, wait_timeout=QUEUE_TIMEOUT):
        self.capacity = int(capacity)
        self.per_client = max(1, int(per_client if per_client is not None else max(1, self.capacity // 2)))
        self.max_waiting = int(max_waiting)
        self.wait_timeout = float(wait_timeout)
        self.free = self.capacity
        self._running = collections.Counter()
        self._waiting = collections.OrderedDict()  # client -> deque of futures, in turn order
        self._paused = []  # [seconds run, sequence, client, future] of paused requests waiting to resume
        self._sequence = 0

    def running(self, client):
        """How many slots ``client`` holds now."""
        return self._running[client]

    @property
    def waiting(self):
        """How many new requests wait for a slot now."""
        return sum(len(queue_) for queue_ in self._waiting.values())

    @property
    def paused(self):
        """How many paused requests wait to resume now."""
        return len(self._paused)

    @contextlib.asynccontextmanager
    async def slot(self, client):
        """Hold one slot for ``client`` while the block runs (waiting for it first); yields the
        :class:`Turn`, for :meth:`WorkerPool.call` to pause and resume."""
        await self._acquire(client)
        turn = Turn(self, client, asyncio.get_running_loop())
        try:
            yield turn
        finally:
            if turn.held:
                self._release(client)

    # helpers

    async def _acquire(self, client):
        if self.free > 0 and self._running[client] < self.per_client and not self._waiting.get(client):
            self._grant(client)
            return
        if self.waiting >= self.max_waiting:
            raise WorkerBusy(f"{self.waiting} requests are waiting for a query worker already; try again later")
        future = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(client, collections.deque()).append(future)
        try:
            await asyncio.wait_for(asyncio.shield(future), self.wait_timeout)
        except (asyncio.TimeoutError, asyncio.CancelledError) as error:
            if future.done() and not future.cancelled():
                self._release(client)  # granted just as the wait ended: give the slot back
            else:
                future.cancel()
                self._forget(client, future)
            if isinstance(error, asyncio.CancelledError):
                raise
            raise WorkerBusy(f"no query worker came free for {self.wait_timeout:g} s (the server is busy); "
                             "try again later") from None

    async def _pause(self, client, seconds_run, limit):
        """Give the slot up, then wait (at most ``limit`` seconds) to get one back; True when it was."""
        future = asyncio.get_running_loop().create_future()
        self._sequence += 1
        entry = [seconds_run, self._sequence, client, future, time.monotonic() + PATIENCE * seconds_run]
        self._paused.append(entry)
        self._release(client)
        try:
            await asyncio.wait_for(asyncio.shield(future), max(limit, 0.001))
            return True
        except asyncio.TimeoutError:
            if future.done() and not future.cancelled():
                return True  # granted just as the wait ended: the caller holds it again
            future.cancel()
            with contextlib.suppress(ValueError):
                self._paused.remove(entry)
            return False

    def _contended(self, seconds_run):
        """Whether a request that has run ``seconds_run`` should give its slot up: new requests wait, or
        paused ones that have run less (read from the pool's thread: a hint, not a decision)."""
        try:
            if any(list(self._waiting.values())):
                return True
        except RuntimeError:  # the event loop changed the queue while we looked: yield, the gate decides
            return True
        now = time.monotonic()
        return any(entry[0] < seconds_run or entry[4] <= now for entry in list(self._paused))

    def _grant(self, client):
        self.free -= 1
        self._running[client] += 1

    def _release(self, client):
        self.free += 1
        self._running[client] -= 1
        if self._running[client] <= 0:
            del self._running[client]
        self._dispatch()

    def _forget(self, client, future):
        waiting = self._waiting.get(client)
        if waiting is not None:
            with contextlib.suppress(ValueError):
                waiting.remove(future)
            if not waiting:
                del self._waiting[client]

    def _dispatch(self):
        """Give free slots to paused requests that have waited :data:`PATIENCE` times the time they have
        run, then to new requests in turn by client (a client served goes to the end of the line), then
        to the other paused ones, least run first."""
        while self.free > 0:
            if self._paused and self._resume_one(due=True):
                continue
            for client in list(self._waiting):
                if self._running[client] < self.per_client:
                    break
            else:
                # paused requests resume only when no new one waits, even one its client's share holds
                # back: a free slot then stays free, and its CPU goes to the queries that are running
                if self._waiting or not self._resume_one():
                    return
                continue
            waiting = self._waiting[client]
            future = waiting.popleft()
            if not waiting:
                del self._waiting[client]
            else:
                self._waiting.move_to_end(client)
            if future.done():  # cancelled while it waited
                continue
            self._grant(client)
            future.set_result(True)

    def _resume_one(self, due=False):
        now = time.monotonic()
        ready = [entry for entry in self._paused if self._running[entry[2]] < self.per_client
                 and (not due or entry[4] <= now)]
        if not ready:
            return False
        entry = min(ready, key=lambda item: (item[4], item[1]) if due else (item[0], item[1]))
        self._paused.remove(entry)
        if not entry[3].done():
            self._grant(entry[2])
            entry[3].set_result(True)
        return True


class Turn:
    """One request's hold on a :class:`FairGate` slot, for a worker call that may pause (see
    :meth:`WorkerPool.call`). Its methods are called from the pool's thread."""

    def __init__(self, gate, client, loop):
        self.gate, self.client, self.loop = gate, client, loop
        self.held = True
        self.ran = 0.0  # seconds run in earlier slices

    def contended(self, seconds_run):
        """Whether the request, having run ``seconds_run`` more, should give its slot up now."""
        return self.gate._contended(self.ran + seconds_run)

    def pause(self, seconds_run, limit):
        """Give the slot up and block until the gate gives one back (True) or ``limit`` seconds pass."""
        self.ran += seconds_run
        self.held = False
        future = asyncio.run_coroutine_threadsafe(self.gate._pause(self.client, self.ran, limit), self.loop)
        try:
            self.held = future.result(limit + 5)
        except (concurrent.futures.TimeoutError, concurrent.futures.CancelledError):
            future.cancel()
            self.held = False
        return self.held


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
        answer["body"] = _html_table(result, store)
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


def _html_table(result, store=None):
    """A query answer as display cells for the query page (the template escapes them). An evidence
    record in the answer also links to the source reader at its span: one click to the sentence."""
    from kg.serve.pages import term_cell

    if result.kind == "ask":
        return {"boolean": bool(result.boolean), "vars": [], "rows": []}
    columns, rows = result.table_view()
    cells = [[term_cell(term) for term in row] for row in rows]
    spans = _evidence_spans(store, {c["title"] for row in cells for c in row if _is_evidence(c.get("title"))})
    for row in cells:
        for cell in row:
            cell["reader"] = spans.get(cell.get("title"))
    return {"boolean": None, "vars": list(columns), "rows": cells}


def _is_evidence(iri):
    from kg.namespaces import PREFIXES

    return bool(iri) and iri.startswith(PREFIXES["ikr"] + "evidence/")


def _evidence_spans(store, iris):
    """Evidence record IRI -> the reader's address at its span, for the records among ``iris``."""
    if store is None or not iris:
        return {}
    from kg.namespaces import sparql_prologue
    from kg.serve.reader import span_href
    from kg.stores.terms import lit_value

    values = " ".join(f"<{iri}>" for iri in sorted(iris) if ">" not in iri)
    text = sparql_prologue() + f"""SELECT ?e ?start ?end ?source WHERE {{
  VALUES ?e {{ {values} }} ?e ikg:start ?start ; ikg:end ?end ; prov:wasDerivedFrom ?source }}"""
    found = {}
    for e, start, end, source in store.select(text):  # IRIs as str, literals as Lit
        href = span_href(source, lit_value(start), lit_value(end))
        if href:
            found[e] = href
    return found
