"""One exception hierarchy for innovation-kg.

::

    KGError                      base; the CLI prints str(error) on one line
    ├── DataError                unreadable or malformed input data (file and line in the message)
    ├── ValidationFailed         the data violates the SHACL shapes
    ├── UnknownFormat            a format name that no registry knows (message lists the valid ones)
    ├── UnknownStore             a store spec that no registry knows (message lists the valid ones)
    ├── BadArgument              an option value that makes no sense (an unknown measure, a negative k)
    ├── BadQuery                 SPARQL that does not parse, or an UPDATE where only reads are allowed
    ├── QueryTimeout             a query ran past its time limit
    │   └── UnknownClass         a class name the ontology does not know (message lists the valid ones)
    ├── UnknownActor             a name that resolves to nothing (message lists the closest candidates)
    ├── AmbiguousActor           a name that resolves to several actors (message lists them)
    └── NoPath                   two actors with no path between them under the given constraints

The CLI maps every ``KGError`` to exit code ``error.exit_code`` (1, or 2 for bad names and classes); the server maps
them to 4xx responses by ``error.http_status``.
"""

__all__ = [
    "KGError",
    "DataError",
    "ValidationFailed",
    "UnknownFormat",
    "UnknownStore",
    "BadArgument",
    "BadQuery",
    "QueryTimeout",
    "UnknownClass",
    "UnknownActor",
    "AmbiguousActor",
    "NoPath",
    "IngestError",
]


class KGError(Exception):
    """Base of every error innovation-kg raises on purpose."""

    exit_code = 1
    http_status = 400


class DataError(KGError):
    """Input data that cannot be read or parsed."""


class ValidationFailed(KGError):
    """The graph does not conform to the SHACL shapes."""

    def __init__(self, message, report=None):
        super().__init__(message)
        self.report = report


class UnknownFormat(KGError):
    """A format name that no registry knows."""


class UnknownStore(KGError):
    """A store spec that no registry knows."""


class BadArgument(KGError, ValueError):
    """An option value that makes no sense; the message names the valid values."""


class UnknownClass(BadArgument):
    """A class name that is no actor class of the ontology (exit 2, like an unknown name)."""

    exit_code = 2


class BadQuery(KGError):
    """SPARQL that does not parse, or an update sent where only reads are allowed."""


class QueryTimeout(KGError):
    """A query ran past its time limit."""

    http_status = 503


class UnknownActor(KGError):
    """A name that resolves to no actor."""

    exit_code = 2
    http_status = 404

    def __init__(self, message, candidates=()):
        super().__init__(message)
        self.candidates = list(candidates)


class AmbiguousActor(KGError):
    """A name that resolves to more than one actor."""

    exit_code = 2
    http_status = 409

    def __init__(self, message, candidates=()):
        super().__init__(message)
        self.candidates = list(candidates)


class NoPath(KGError):
    """No path joins two actors under the given constraints."""

    http_status = 404


class IngestError(DataError):
    """An article that cannot be ingested (empty, binary, not UTF-8, too large) or a review file that
    cannot be accepted."""
