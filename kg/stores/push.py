"""Hand the graph over to a triple store: the SPARQL 1.1 Graph Store HTTP Protocol, in batches, verified.

:func:`push` writes the graph into one named graph of a remote store -- the first batch by ``PUT``
(replacing what the named graph held), the others by ``POST`` (adding), each as N-Triples -- and then
asks the store's query endpoint how many triples the named graph holds. A different count is an error.

Triples that share a blank node go in the same request (a blank node's label means something only
inside one document), so a graph with blank nodes keeps its shape.

>>> guess_query_url("http://127.0.0.1:8890/sparql-graph-crud")
'http://127.0.0.1:8890/sparql'
>>> guess_query_url("http://localhost:3030/ds/data")
'http://localhost:3030/ds/sparql'
"""

import dataclasses
import time
from urllib.parse import quote

from kg.errors import KGError

__all__ = ["PushResult", "push", "guess_query_url", "count_triples", "DEFAULT_BATCH_SIZE"]

DEFAULT_BATCH_SIZE = 5000


@dataclasses.dataclass(frozen=True)
class PushResult:
    """What :func:`push` did: where to, how many triples in how many requests, and the store's count."""

    url: str
    graph_iri: str
    triples: int
    batches: int
    remote_count: int
    seconds: float


def push(graph, url, *, graph_iri, batch_size=DEFAULT_BATCH_SIZE, query_url=None, progress=None, timeout=120.0):
    """Write ``graph`` into the named graph ``graph_iri`` of the Graph Store at ``url``, then verify it.

    Parameters
    ----------
    graph : rdflib.Graph
        What to send (any store).
    url : str
        The Graph Store endpoint (Virtuoso: ``http://HOST:8890/sparql-graph-crud``); each request goes to
        ``url?graph=<graph_iri>``.
    graph_iri : str
        The named graph to fill; what it held before is replaced.
    batch_size : int
        Triples per request (Virtuoso takes a few thousand comfortably).
    query_url : str, optional
        The store's SPARQL query endpoint for the count; default :func:`guess_query_url` of ``url``.
    progress : callable, optional
        Called as ``progress(sent, total)`` after each request.

    Returns
    -------
    PushResult

    Raises
    ------
    KGError
        A request failed (the store's status and message are in the error), or the store holds another
        number of triples than were sent.

    Examples
    --------
    >>> from rdflib import Graph
    >>> push(Graph(), "http://127.0.0.1:9/store", graph_iri="urn:g")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: cannot reach http://127.0.0.1:9/store?graph=urn%3Ag: [Errno 111] Connection refused
    """
    from kg.stores.remote import http_request

    if batch_size < 1:
        raise KGError(f"batch size must be at least 1, not {batch_size}")
    started = time.perf_counter()
    target = f"{url}{'&' if '?' in url else '?'}graph={quote(graph_iri, safe='')}"
    batches = _batches(graph, batch_size)
    total = sum(len(batch) for batch in batches) or 0
    sent = 0
    for number, batch in enumerate(batches or [[]]):
        body = _ntriples(batch)
        # PUT first: the named graph ends up holding exactly this graph, whatever it held before
        http_request("PUT" if number == 0 else "POST", target, body=body, timeout=timeout,
                     headers={"Content-Type": "application/n-triples"})
        sent += len(batch)
        if progress is not None:
            progress(sent, total)
    remote_count = count_triples(query_url or guess_query_url(url), graph_iri, timeout=timeout)
    if remote_count != total:
        raise KGError(f"pushed {total} triples into <{graph_iri}> but the store holds {remote_count}")
    return PushResult(url=url, graph_iri=graph_iri, triples=total, batches=max(len(batches), 1),
                      remote_count=remote_count, seconds=time.perf_counter() - started)


def count_triples(query_url, graph_iri, *, timeout=60.0):
    """How many triples the named graph ``graph_iri`` holds, asked of the SPARQL endpoint ``query_url``.

    Sent by GET (a raw POST body makes Virtuoso hang).
    """
    import json
    from urllib.parse import urlencode

    from kg.stores.remote import RESULT_ACCEPT, http_request

    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    joiner = "&" if "?" in query_url else "?"
    _, _, body = http_request("GET", f"{query_url}{joiner}{urlencode({'query': query})}", timeout=timeout,
                              headers={"Accept": RESULT_ACCEPT})
    try:
        bindings = json.loads(body)["results"]["bindings"]
        return int(bindings[0]["n"]["value"]) if bindings else 0
    except (ValueError, KeyError, IndexError) as error:
        raise KGError(f"{query_url} answered the triple count with something unreadable: {error}") from None


def guess_query_url(url):
    """The SPARQL query endpoint that usually sits beside the Graph Store endpoint ``url``.

    Virtuoso ``/sparql-graph-crud`` -> ``/sparql``; Fuseki ``/ds/data`` -> ``/ds/sparql``; Oxigraph
    server ``/store`` -> ``/query``; anything else: ``url`` itself.

    >>> guess_query_url("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    """
    base = url.split("?")[0].rstrip("/")
    for suffix, replacement in (("/sparql-graph-crud-auth", "/sparql"), ("/sparql-graph-crud", "/sparql"),
                                ("/data", "/sparql"), ("/store", "/query")):
        if base.endswith(suffix):
            return base[: -len(suffix)] + replacement
    return base


# helpers

def _batches(graph, size):
    """The triples in requests of ``size``, those with blank nodes together in the last one.

    Sorted, so the same graph is always sent the same way.
    """
    from rdflib import BNode

    plain, with_blank = [], []
    for triple in graph:
        (with_blank if isinstance(triple[0], BNode) or isinstance(triple[2], BNode) else plain).append(triple)
    plain.sort(key=lambda t: tuple(map(str, t)))
    with_blank.sort(key=lambda t: tuple(map(str, t)))
    batches = [plain[i:i + size] for i in range(0, len(plain), size)]
    if with_blank:
        batches.append(with_blank)
    return batches


def _ntriples(triples):
    """N-Triples bytes (rdflib's writer: escapes newlines and quotes as the format requires)."""
    from rdflib import Graph

    batch = Graph()
    for triple in triples:
        batch.add(triple)
    return batch.serialize(format="nt", encoding="utf-8")
