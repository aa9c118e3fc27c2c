"""Run the review page: ``kg review ID`` (one review) and ``kg serve --review`` (every pending review
beside the read-only endpoint). Loopback only, a random port unless one is given, a random token in the
URL printed (like Jupyter).

>>> path = locate_review("demo", folder="/nonexistent")
Traceback (most recent call last):
...
kg.errors.DataError: no review file demo.review.tsv in /nonexistent: run kg ingest ARTICLE --id demo first, or pass --file
"""

import secrets
import socket
from pathlib import Path

from kg.errors import DataError, KGError

__all__ = ["locate_review", "review_url", "free_port", "ReviewServer", "with_reviews", "HOST"]

#: the only address review pages listen on: they write files
HOST = "127.0.0.1"


def locate_review(source_id, *, file=None, folder="."):
    """The review file of ``source_id``: ``file``, else ``<folder>/<id>.review.tsv``; its source line must
    name ``source_id``."""
    from kg.claims.format import Source, read_claims
    from kg.sources import check_source_id

    check_source_id(source_id)
    path = Path(file) if file else Path(folder) / f"{source_id}.review.tsv"
    if not path.is_file():
        if file:
            raise DataError(f"{path}: no such review file")
        raise DataError(f"no review file {path.name} in {folder}: run kg ingest ARTICLE --id {source_id} first, "
                        "or pass --file")
    source = next((c for c in read_claims(path) if isinstance(c, Source)), None)
    if source is None or source.id != source_id:
        named = source.id if source else "no source"
        raise DataError(f"{path} is the review of {named!r}, not of {source_id!r}")
    return path.resolve()


def free_port():
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def review_url(port, token, source_id=None, lang=None):
    """The address to open: the review's page (or the list of reviews) with the token.

    >>> review_url(8123, "abc", "demo")
    'http://127.0.0.1:8123/review/demo?token=abc'
    """
    from urllib.parse import quote

    path = f"/review/{quote(source_id)}" if source_id else "/review/"
    lang_part = f"&lang={lang}" if lang else ""
    return f"http://{HOST}:{port}{path}?token={token}{lang_part}"


class ReviewServer:
    """The review app for ``reviews`` (``{id: path}``) on ``port`` (0: a free one), with a new token."""

    def __init__(self, reviews, *, graph=None, root=None, port=0, token=None):
        from kg.review.app import create_app

        self.port = int(port) or free_port()
        _check_port(self.port)
        self.token = token or secrets.token_urlsafe(24)
        self.reviews = dict(reviews)
        self.app = create_app(self.reviews, token=self.token, graph=graph, root=root, port=self.port)

    def url(self, source_id=None, lang=None):
        return review_url(self.port, self.token, source_id, lang)

    def run(self):
        """Serve until stopped (Ctrl-C)."""
        from kg.serve.server import run

        run(self.app, HOST, self.port)


def with_reviews(app, review_app):
    """One ASGI app: ``/review...`` goes to ``review_app`` (token, CSRF, writes), the rest to ``app`` (the
    read-only endpoint, unchanged: its lifespan, Host check and read-only SPARQL)."""

    async def dispatch(scope, receive, send):
        path = scope.get("path", "") if scope["type"] in ("http", "websocket") else ""
        if path == "/review" or path.startswith("/review/"):
            return await review_app(scope, receive, send)
        return await app(scope, receive, send)

    return dispatch


def open_browser(url):
    """Open ``url`` in the user's browser a moment after the server starts (in the background)."""
    import threading
    import webbrowser

    threading.Timer(1.0, lambda: webbrowser.open(url)).start()


def _check_port(port):
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError as error:
            raise KGError(f"cannot listen on {HOST}:{port}: {error.strerror or error}") from None
