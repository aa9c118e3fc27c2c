"""``kg serve``: a SPARQL 1.1 Protocol endpoint with a human face (query page, actor pages, network view).

Starlette and uvicorn are imported only when a server is built, so ``import kg`` stays light.

>>> from kg.serve import protocol
>>> protocol.negotiate("DESCRIBE", "application/ld+json").name
'json-ld'
"""

__all__ = ["create_app"]


def create_app(graph, **settings):
    """Build the ASGI app that serves ``graph`` (see :func:`kg.serve.app.create_app`)."""
    from kg.serve.app import create_app as _create_app

    return _create_app(graph, **settings)
