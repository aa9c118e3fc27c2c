"""Share the query workers fairly between clients, in an asyncio server: :class:`FairGate` and its :class:`Turn`.

Each client (an IP address) may hold at most a few workers at once, waiting requests are served
round-robin by client, and a bounded queue answers 503 with ``Retry-After`` rather than wait without end.
So two clients sending endless queries cannot starve the others. A request that has run its budget while
others wait gives its worker up (:meth:`Turn.pause`, called from :meth:`kg.serve.worker.WorkerPool.call`).
"""

import asyncio
import collections
import concurrent.futures
import contextlib
import time

from kg.serve.worker import QUEUE_TIMEOUT, WorkerBusy

__all__ = ["FairGate", "Turn", "MAX_WAITING", "PATIENCE"]

#: requests that may wait for a worker at once, all clients together (beyond: 503 at once)
MAX_WAITING = 256

#: a paused query resumes ahead of new requests once it has waited this many times the time it has run:
#: under any load a long query keeps at least 1/(1 + PATIENCE) of a worker (it finishes, if its timeout
#: allows), and a client's endless queries never take more
PATIENCE = 4.0


class FairGate:
    """Share ``capacity`` slots (the workers) fairly between clients and requests, in an asyncio server.

    A client (an IP address) holds at most ``per_client`` slots at once; when a slot frees, waiting
    requests are served in turn (round-robin by client, first come first served within a client). A
    request that has run its budget while others wait gives its slot up (:meth:`Turn.pause`, see
    :meth:`~kg.serve.worker.WorkerPool.call`) and waits for one again *behind* every new request, paused requests in the
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
        :class:`Turn`, for :meth:`~kg.serve.worker.WorkerPool.call` to pause and resume."""
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
    :meth:`~kg.serve.worker.WorkerPool.call`). Its methods are called from the pool's thread."""

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
