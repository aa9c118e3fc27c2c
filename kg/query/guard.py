"""Look at a SPARQL text before any engine parses it: its form, dataset clauses, SERVICE calls, nesting.

Engines are not safe to hand everything: rdflib and Oxigraph both follow ``SERVICE <url>`` with an HTTP
request, and pyoxigraph's parser overflows its stack (a segfault) on a few thousand nested ``(`` or
``{``. :func:`inspect` reads the text with a small lexer that skips comments, strings and IRIs, so a
keyword inside a string or an IRI is never taken for one; :func:`check` refuses what must not run.

>>> shape = inspect('PREFIX x: <urn:x#> SELECT * FROM <urn:g> WHERE { ?s ?p "SERVICE" }')
>>> shape.form, shape.dataset, shape.services, shape.depth
('SELECT', True, (), 1)
>>> check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.BadQuery: federated queries (SERVICE <http://example.org/sparql>) are off: this query would make the server send a request to another host; start it with --allow-service URL to allow that endpoint
"""

import re
from dataclasses import dataclass

from kg.errors import BadQuery

__all__ = ["QueryShape", "inspect", "check", "MAX_DEPTH", "UPDATE_KEYWORDS"]

#: nesting of ( { [ allowed at most (pyoxigraph 0.5 crashes at about 5,000; real queries stay under 30)
MAX_DEPTH = 200

#: the keywords an UPDATE request starts with (after its prologue)
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

@dataclass(frozen=True)
class QueryShape:
    """What :func:`inspect` read: the first keyword after the prologue (``form``: SELECT, ASK, CONSTRUCT,
    DESCRIBE, an update keyword, or ''), whether the text names its own dataset (``FROM``/``FROM NAMED``),
    the IRIs of its ``SERVICE`` calls (``'?var'`` for a variable endpoint) and its deepest nesting."""

    form: str
    dataset: bool
    services: tuple
    depth: int

    @property
    def is_update(self):
        """Whether the text is an UPDATE request."""
        return self.form in UPDATE_KEYWORDS


def inspect(text):
    """Read ``text`` (see the module docstring) without parsing it as SPARQL.

    >>> inspect("# just a comment").form
    ''
    >>> inspect("ASK { FILTER(?x < 3 && ?y > 2) }").form
    'ASK'
    >>> inspect("insert data { <urn:a> <urn:b> 1 }").is_update
    True
    """
    form, dataset, services, depth, deepest = "", False, [], 0, 0
    expect_service = False
    for kind, value in _tokens(text):
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
            continue
        word = value.upper() if kind == "word" else ""
        if expect_service:
            if word == "SILENT":
                continue
            services.append(value)
            expect_service = False
        if not form and kind == "word" and word not in ("PREFIX", "BASE"):
            form = word
        if word == "FROM":
            dataset = True
        elif word == "SERVICE":
            expect_service = True
    return QueryShape(form, dataset, tuple(services), deepest)


def check(text, *, allow_service=(), max_depth=MAX_DEPTH):
    """Refuse, as :class:`~kg.errors.BadQuery`, a text nested deeper than ``max_depth`` or calling a
    ``SERVICE`` whose IRI starts with none of ``allow_service``; return its :class:`QueryShape`.

    >>> check("SELECT * WHERE { SERVICE <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }",
    ...       allow_service=["http://127.0.0.1:8890/"]).services
    ('<http://127.0.0.1:8890/sparql>',)
    >>> check("SELECT * WHERE " + "{" * 300 + "}" * 300)
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: the query nests brackets 300 deep; at most 200 are allowed
    """
    shape = inspect(text)
    if shape.depth > max_depth:
        raise BadQuery(f"the query nests brackets {shape.depth} deep; at most {max_depth} are allowed")
    allowed = tuple(str(prefix) for prefix in allow_service or ())
    for service in shape.services:
        iri = service[1:-1] if service.startswith("<") else None
        if iri is None or not allowed or not iri.startswith(allowed):
            shown = service if len(service) <= 80 else service[:77] + "..."
            hint = ("start it with --allow-service URL to allow that endpoint" if iri is not None else
                    "an endpoint chosen by a variable is never allowed")
            raise BadQuery(f"federated queries (SERVICE {shown}) are off: this query would make the server "
                           f"send a request to another host; {hint}")
    return shape


# helpers

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$))
  | (?P<string>'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u00c0-\uffff]+)
  | (?P<prefixed>[A-Za-z][\w.\-]*:[^\s(){}\[\],;]*|:[^\s(){}\[\],;]*)
  | (?P<word>[A-Za-z_][\w]*)
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def _tokens(text):
    """``(kind, text)`` for every significant token (comments, space and string contents skipped)."""
    for match in _TOKEN.finditer(text or ""):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield ("string" if kind == "long" else kind), match.group(kind)
