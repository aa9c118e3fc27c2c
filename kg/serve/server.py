"""Run the app under uvicorn with limits a public endpoint needs: slow or huge requests cannot hold it.

uvicorn has no timeout for a request that never finishes its headers (a "slowloris" client can hold a
connection forever) and answers a request line over h11's buffer with a bare "Invalid HTTP request
received.". :class:`GuardedH11Protocol` adds both: a request (headers and body) must arrive within
``read_timeout`` seconds of its first byte (408, then the connection is closed), and a request line or
header block over :data:`MAX_REQUEST_HEAD` bytes gets a 414 (431 for headers) that says to POST long
queries. :func:`run` also sets uvicorn's connection limit (503 beyond), a limit per client address (a
connection beyond :data:`MAX_PER_ADDRESS` gets 503 at once and is closed) and the keep-alive timeout.

>>> config = uvicorn_config(object(), "127.0.0.1", 8000)
>>> config.http is GuardedH11Protocol, config.h11_max_incomplete_event_size == MAX_REQUEST_HEAD
(True, True)
"""

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import STATUS_PHRASES, H11Protocol

from kg.serve.protocol import MAX_REQUEST_LINE, uri_too_long_message

__all__ = ["run", "uvicorn_config", "GuardedH11Protocol", "MAX_REQUEST_HEAD", "READ_TIMEOUT", "MAX_CONNECTIONS",
           "MAX_PER_ADDRESS", "KEEP_ALIVE"]

#: bytes the request line and headers may take together (a GET query longer than this must be POSTed;
#: a complete request line over the limit that h11 still read is refused by the app, with the same 414)
MAX_REQUEST_HEAD = MAX_REQUEST_LINE
#: seconds a client may take to send one whole request (headers and body), from its first byte
READ_TIMEOUT = 10.0
#: connections held at once; requests beyond get 503
MAX_CONNECTIONS = 1000
#: connections one address may hold at once; a connection beyond gets 503 and is closed
MAX_PER_ADDRESS = 128
#: seconds a connection refused for its address waits for its 503 (it is not read, and counts for nothing)
REFUSAL_DELAY = 1.0
#: refused connections that wait so at once; beyond, the 503 is sent at once
MAX_HELD_REFUSALS = 1024
#: seconds an idle keep-alive connection stays open
KEEP_ALIVE = 5


def uvicorn_config(app, host, port, *, read_timeout=READ_TIMEOUT, max_connections=MAX_CONNECTIONS,
                   max_per_address=MAX_PER_ADDRESS, keep_alive=KEEP_ALIVE, max_body=1_000_000):
    """The ``uvicorn.Config`` :func:`run` uses (exposed for tests and for servers started in-process)."""
    protocol = GuardedH11Protocol
    if (read_timeout, max_body, max_per_address) != (protocol.read_timeout, protocol.max_body,
                                                     protocol.max_per_address):
        protocol = type("GuardedH11Protocol", (GuardedH11Protocol,),
                        {"read_timeout": float(read_timeout), "max_body": int(max_body),
                         "max_per_address": int(max_per_address)})
    return uvicorn.Config(app, host=host, port=port, log_level="warning", http=protocol,
                          h11_max_incomplete_event_size=MAX_REQUEST_HEAD, limit_concurrency=max_connections,
                          timeout_keep_alive=keep_alive)


def run(app, host, port, **limits):
    """Serve ``app`` on ``host:port`` until stopped (Ctrl-C, SIGTERM); ``limits`` as :func:`uvicorn_config`."""
    uvicorn.Server(uvicorn_config(app, host, port, **limits)).run()


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a whole-request read timeout and a 414/431 for oversized heads."""

    read_timeout = READ_TIMEOUT
    max_body = 1_000_000
    max_per_address = MAX_PER_ADDRESS

    def connection_made(self, transport):
        self._read_timer = None
        super().connection_made(transport)
        address = self.client[0] if self.client else None
        if address is not None:
            held = sum(1 for other in self.server_state.connections
                       if getattr(other, "client", None) and other.client[0] == address)
            if held > self.max_per_address:
                # one address cannot take every connection (slow clients re-opening each one closed); a
                # connection refused stops counting at once, not when its close is seen a loop turn later,
                # or a flood of refused ones would still fill uvicorn's total and starve everyone else
                self.server_state.connections.discard(self)
                self._refuse(f"Error: {held - 1} connections from your address are open already (at most "
                             f"{self.max_per_address}); close some and try again\n")
                return
        self._arm_read_timer()

    def _refuse(self, text):
        """Answer 503 and close, :data:`REFUSAL_DELAY` seconds from now: a client that re-opens every
        connection refused then costs the server one connection a second, not thousands (at most
        :data:`MAX_HELD_REFUSALS` wait so; beyond, the answer is at once)."""
        self._refusal = None
        self.transport.pause_reading()
        held = getattr(self.server_state, "kg_refusals_held", 0)
        if held >= MAX_HELD_REFUSALS:
            self._send_and_close(503, text, retry_after=True)
            return
        self.server_state.kg_refusals_held = held + 1
        self._refusal = self.loop.call_later(REFUSAL_DELAY, self._refuse_now, text)

    def _refuse_now(self, text):
        self._refusal = None
        self.server_state.kg_refusals_held -= 1
        if not self.transport.is_closing():
            self._send_and_close(503, text, retry_after=True)

    def data_received(self, data):
        if self._read_timer is None and self.conn.their_state is h11.IDLE:
            self._arm_read_timer()  # the first byte of the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._disarm_read_timer()

    def connection_lost(self, exc):
        self._disarm_read_timer()
        refusal, self._refusal = getattr(self, "_refusal", None), None
        if refusal is not None:  # a refused client that left before its answer
            refusal.cancel()
            self.server_state.kg_refusals_held -= 1
        super().connection_lost(exc)

    def send_400_response(self, msg):
        buffered, _ = self.conn.trailing_data
        if len(buffered) <= MAX_REQUEST_HEAD:
            return super().send_400_response(msg)
        if b"\n" in buffered:
            status, text = 431, f"Error: the request's headers are over {MAX_REQUEST_HEAD} bytes\n"
        else:
            status, text = 414, f"Error: {uri_too_long_message(self.max_body)}\n"
        self._send_and_close(status, text)

    # helpers

    def _arm_read_timer(self):
        self._disarm_read_timer()
        self._read_timer = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm_read_timer(self):
        timer, self._read_timer = getattr(self, "_read_timer", None), None
        if timer is not None:
            timer.cancel()

    def _read_timed_out(self):
        self._read_timer = None
        if self.transport.is_closing() or self.conn.their_state is h11.DONE:
            return
        if self.cycle is None or self.cycle.response_complete:  # still reading headers: say so
            self._send_and_close(408, f"Error: the request did not arrive within {self.read_timeout:g} s\n")
        else:  # headers read, the body is late: the app sees a disconnect
            self.transport.close()

    def _send_and_close(self, status, text, retry_after=False):
        """Write a whole plain-text response (with its own state machine: ours may be in ERROR) and close."""
        try:
            conn = h11.Connection(h11.SERVER)
            conn.receive_data(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            conn.next_event()
            body = text.encode("utf-8")
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
                       (b"content-length", str(len(body)).encode())]
            if retry_after:
                headers.append((b"retry-after", b"5"))
            output = conn.send(h11.Response(status_code=status, headers=headers, reason=STATUS_PHRASES[status]))
            output += conn.send(h11.Data(data=body)) + conn.send(h11.EndOfMessage())
            self.transport.write(output)
        finally:
            self.transport.close()
