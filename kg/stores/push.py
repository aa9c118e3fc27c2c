"""Hand the graph over to a triple store: the SPARQL 1.1 Graph Store HTTP Protocol, in batches, verified.

:func:`push` writes every named graph of the store into the graph of the same name in a remote store
(or, given ``graph_iri``, everything into that one graph) -- the first batch of each graph by ``PUT``
(replacing what the named graph held), the others by ``POST`` (adding), each as N-Triples -- and then
asks the store's query endpoint how many triples each named graph holds. A different count is an error.

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

__all__ = ["PushResult", "push", "guess_query_url", "count_triples", "check_iri", "DEFAULT_BATCH_SIZE",
           "DEFAULT_GRAPH"]

DEFAULT_BATCH_SIZE = 5000
#: where triples of a store's default graph go (named graphs keep their names)
DEFAULT_GRAPH = "https://w3id.org/innovation-kg/graph/main"


@dataclasses.dataclass(frozen=True)
class PushResult:
    """What :func:`push` did: where to, how many triples in how many requests, and the store's count.

    ``graph_iri`` is the one target graph, or None when every named graph went to its own; ``graphs``
    maps each target graph to its triple count.
    """

    url: str
    graph_iri: str
    triples: int
    batches: int
    remote_count: int
    seconds: float
    graphs: dict = dataclasses.field(default_factory=dict)


def push(store, url, *, graph_iri=None, batch_size=DEFAULT_BATCH_SIZE, query_url=None, progress=None,
         timeout=120.0):
    """Write ``store`` into the Graph Store at ``url``, graph by graph, then verify the counts.

    Parameters
    ----------
    store : kg.stores.base.Store or rdflib.Graph
        What to send.
    url : str
        The Graph Store endpoint (Virtuoso: ``http://HOST:8890/sparql-graph-crud``); each request goes to
        ``url?graph=<graph>``.
    graph_iri : str, optional
        Put everything into this one named graph; by default each named graph keeps its name (triples
        in the store's default graph go to :data:`DEFAULT_GRAPH`). What a target graph held is replaced.
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
    >>> from kg.stores.oxigraph import OxigraphStore
    >>> store = OxigraphStore(); store.add_turtle("<urn:a> <urn:b> <urn:c> .", graph="urn:g")
    >>> push(store, "http://127.0.0.1:9/store")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: cannot reach http://127.0.0.1:9/store?graph=urn%3Ag: [Errno 111] Connection refused
    """
    from kg.stores import as_store
    from kg.stores.remote import http_request

    if batch_size < 1:
        raise KGError(f"batch size must be at least 1, not {batch_size}")
    if graph_iri is not None:
        check_iri(graph_iri)
    started = time.perf_counter()
    targets = _by_target(as_store(store), graph_iri)
    plan = [(target, _batches(triples, batch_size)) for target, triples in targets.items()]
    total = sum(len(triples) for triples in targets.values())
    sent = requests = 0
    for target, batches in plan:
        address = f"{url}{'&' if '?' in url else '?'}graph={quote(target, safe='')}"
        for number, batch in enumerate(batches or [[]]):
            # PUT first: the named graph ends up holding exactly this graph, whatever it held before
            http_request("PUT" if number == 0 else "POST", address, body=_ntriples(batch), timeout=timeout,
                         headers={"Content-Type": "application/n-triples"})
            sent += len(batch)
            requests += 1
            if progress is not None:
                progress(sent, total)
    counts = {}
    for target, triples in targets.items():
        counts[target] = count_triples(query_url or guess_query_url(url), target, timeout=timeout)
        if counts[target] != len(triples):
            raise KGError(f"pushed {len(triples)} triples into <{target}> but the store holds {counts[target]}")
    return PushResult(url=url, graph_iri=graph_iri, triples=total, batches=max(requests, 1),
                      remote_count=sum(counts.values()), seconds=time.perf_counter() - started,
                      graphs={target: len(triples) for target, triples in targets.items()})


def check_iri(iri):
    """Refuse an IRI that could not be written between ``<`` and ``>`` in SPARQL (nothing is spliced raw).

    >>> check_iri("urn:g> { ?s ?p ?o } } # ")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: not an IRI: 'urn:g> { ?s ?p ?o } } # ' (an IRI has a scheme and no spaces, quotes or angle brackets)
    """
    import re

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|^`\\]*", str(iri or "")):
        raise KGError(f"not an IRI: {str(iri)[:200]!r} (an IRI has a scheme and no spaces, quotes or angle brackets)")
    return iri


def count_triples(query_url, graph_iri, *, timeout=60.0):
    """How many triples the named graph ``graph_iri`` holds, asked of the SPARQL endpoint ``query_url``.

    Sent by GET (a raw POST body makes Virtuoso hang).
    """
    import json
    from urllib.parse import urlencode

    from kg.stores.remote import RESULT_ACCEPT, http_request

    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{check_iri(graph_iri)}> {{ ?s ?p ?o }} }}"
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

def _by_target(store, graph_iri):
    """Target graph -> its triples (pyoxigraph Triples, de-duplicated)."""
    import pyoxigraph

    targets = {}
    for quad in store.quads():
        if graph_iri is not None:
            target = graph_iri
        elif type(quad.graph_name).__name__ == "DefaultGraph":
            target = DEFAULT_GRAPH
        else:
            target = quad.graph_name.value
        targets.setdefault(target, set()).add(pyoxigraph.Triple(quad.subject, quad.predicate, quad.object))
    return {target: targets[target] for target in sorted(targets)}


def _batches(triples, size):
    """The triples in requests of ``size``, those with blank nodes together in the last one.

    Sorted, so the same graph is always sent the same way.
    """
    plain, with_blank = [], []
    for triple in triples:
        blank = type(triple.subject).__name__ == "BlankNode" or type(triple.object).__name__ == "BlankNode"
        (with_blank if blank else plain).append(triple)
    plain.sort(key=str)
    with_blank.sort(key=str)
    batches = [plain[i:i + size] for i in range(0, len(plain), size)]
    if with_blank:
        batches.append(with_blank)
    return batches


def _ntriples(triples):
    """N-Triples bytes (pyoxigraph's writer: escapes newlines and quotes as the format requires)."""
    import pyoxigraph

    return pyoxigraph.serialize(list(triples), format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
