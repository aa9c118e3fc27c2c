"""Answer a query in a child process that can be stopped: ``kg query``'s time limit, and a crash that
stays a one-line error.

Neither engine can be interrupted from Python (pyoxigraph has no query timeout; rdflib's loop holds the
interpreter), and an engine that overflows its stack takes the whole process with it. So
:func:`answer_apart` forks after the store is open (the child inherits it, copy-on-write), runs the query
there and reads the serialized answer back through a pipe. A child that runs past ``timeout`` is killed
(:class:`~kg.errors.QueryTimeout`); one killed by a signal becomes a :class:`~kg.errors.BadQuery` naming
the signal; an error the child raises comes back as the same ``kg.errors`` class with the same message.
Where ``os.fork`` is missing, or ``timeout`` is None, the query runs in this process.

>>> from kg.stores.oxigraph import OxigraphStore
>>> answer_apart(OxigraphStore(), "ASK { }", "json", timeout=30)
b'{"head":{},"boolean":true}'
>>> answer_apart(OxigraphStore(), "ASK { ?s ?p }", "json", timeout=30)
Traceback (most recent call last):
...
kg.errors.BadQuery: syntax error at line 1, column 7 (near '?s ?p }')
"""

import json
import os
import selectors
import signal
import time

from kg import errors

__all__ = ["answer_apart", "DEFAULT_TIMEOUT"]

#: seconds ``kg query`` lets a query run by default (the same as ``kg serve --timeout``)
DEFAULT_TIMEOUT = 10.0


def answer_apart(graph, text, fmt="table", *, timeout=DEFAULT_TIMEOUT, default_graphs=None, named_graphs=None):
    """The answer to ``text`` on ``graph`` (a :class:`kg.KnowledgeGraph` or a store) in ``fmt`` (``table``
    or a SPARQL results format, :data:`kg.query.RESULT_FORMATS`), as UTF-8 bytes, computed in a child
    process stopped after ``timeout`` seconds (None: no limit, in this process).

    Raises
    ------
    QueryTimeout
        The query ran past ``timeout``; the child was killed.
    BadQuery
        The query does not parse, is refused, or made the engine crash (the signal is named).
    """
    dataset = dict(default_graphs=default_graphs, named_graphs=named_graphs)
    if timeout is None or not hasattr(os, "fork"):
        return _answer(graph, text, fmt, dataset)
    getattr(graph, "store", None)  # open (or load) the store here, once: the child inherits it
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, hand the bytes over, leave without running the parent's exit code
        os.close(reader)
        status = 0
        try:
            payload = b"0" + _answer(graph, text, fmt, dataset)
        except errors.KGError as error:
            payload = b"1" + json.dumps({"class": type(error).__name__, "message": str(error)}).encode("utf-8")
        except BaseException as error:  # noqa: BLE001 - anything else still reaches the parent as one line
            payload = b"1" + json.dumps({"class": "KGError", "message": f"the query failed: {type(error).__name__}: "
                                         f"{error}"}).encode("utf-8")
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(writer, view):]
        except OSError:
            status = 1
        os._exit(status)
    os.close(writer)
    try:
        data = _read_until(reader, time.monotonic() + float(timeout))
    except TimeoutError:
        _stop(pid)
        raise errors.QueryTimeout(f"the query ran past the {float(timeout):g} s time limit and was stopped "
                                  "(--timeout SECONDS allows longer)") from None
    except BaseException:  # Ctrl-C: the child must not outlive us
        _stop(pid)
        raise
    finally:
        os.close(reader)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise errors.BadQuery(f"the query engine crashed on this query ({name}); nothing was answered: the "
                              "query is probably too large or too deeply nested")
    if data[:1] == b"0":
        return data[1:]
    if data[:1] == b"1":
        found = json.loads(data[1:].decode("utf-8"))
        kind = getattr(errors, found["class"], errors.KGError)
        raise (kind if isinstance(kind, type) and issubclass(kind, errors.KGError) else errors.KGError)(found["message"])
    raise errors.KGError("the query process ended without an answer")


# helpers

def _answer(graph, text, fmt, dataset):
    from kg.query import query_bytes, run_query, serialize

    store = getattr(graph, "store", graph)
    if fmt == "table":
        return serialize(run_query(store, text, **dataset), "table").encode("utf-8")
    return query_bytes(store, text, fmt, **dataset)


def _read_until(descriptor, deadline):
    """Everything from ``descriptor`` up to its end; TimeoutError once ``deadline`` (monotonic) passes."""
    chunks = []
    with selectors.DefaultSelector() as selector:
        selector.register(descriptor, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise TimeoutError
            chunk = os.read(descriptor, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _stop(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
