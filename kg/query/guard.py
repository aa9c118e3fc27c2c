"""Look at a SPARQL text before any engine parses it: its form, dataset clauses, SERVICE calls, and what
an engine's parser would recurse on.

Engines are not safe to hand everything: rdflib and Oxigraph both follow ``SERVICE <url>`` with an HTTP
request, and pyoxigraph's parser overflows its stack (a segfault that kills the process) on a few
thousand nested ``(`` or ``{``, a run of 10,000 ``!``, a chain of 10,000 ``||`` terms or a few thousand
OPTIONAL or BIND clauses; long property paths and deeply quoted triples take minutes to plan (400 path
steps: 11 s). :func:`inspect` reads the text with a small lexer that skips comments, strings and IRIs, so
a keyword inside a string or an IRI is never taken for one, after undoing SPARQL's ``\\uXXXX`` escapes as
every parser does first (``\\u0053ERVICE`` is SERVICE); :func:`check` refuses what must not run, with a
one-line :class:`~kg.errors.BadQuery`. An allowed SERVICE endpoint is compared as a parsed URL
(:func:`service_allowed`), never as a text prefix.

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

__all__ = ["QueryShape", "inspect", "check", "service_allowed", "unescape", "MAX_DEPTH", "MAX_TERMS",
           "MAX_UNARY", "MAX_PATH_STEPS", "MAX_QUOTED", "UPDATE_KEYWORDS"]

#: nesting of ( { [ allowed at most (pyoxigraph 0.5 crashes at about 5,000; real queries stay under 30)
MAX_DEPTH = 200
#: operators and clauses (``|| && = + * / |``..., FILTER, OPTIONAL, BIND, UNION, MINUS, ...) a query may
#: hold in all: pyoxigraph's parser recurses once for each in a chain and crashes between 4,000 and
#: 10,000 (the project's 26 named queries hold 132 together); long lists belong in VALUES or IN, which
#: are not counted
MAX_TERMS = 1000
#: unary operators in a row (``!!!!x``): each is a level of the parser's recursion
MAX_UNARY = 50
#: property path steps (``/`` and ``^``) a query may hold: planning a path costs far more than linear
#: time (200 steps: 0.7 s, 400: 11 s)
MAX_PATH_STEPS = 200
#: quoted triples nested in each other (``<< << ... >> >>``): planning cost grows as fast as for paths
MAX_QUOTED = 32
#: the keywords that each add a clause to a group, counted with the operators against MAX_TERMS
_CLAUSES = frozenset({"FILTER", "OPTIONAL", "BIND", "UNION", "MINUS", "GRAPH", "SERVICE", "VALUES", "EXISTS"})

#: the keywords an UPDATE request starts with (after its prologue)
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

@dataclass(frozen=True)
class QueryShape:
    """What :func:`inspect` read: the first keyword after the prologue (``form``: SELECT, ASK, CONSTRUCT,
    DESCRIBE, an update keyword, or ''), whether the text names its own dataset (``FROM``/``FROM NAMED``),
    the IRIs of its ``SERVICE`` calls (``'?var'`` for a variable endpoint), its deepest nesting, and the
    counts :func:`check` bounds: operators and clauses (``terms``), the longest run of unary operators,
    property path steps, and the deepest nesting of quoted triples."""

    form: str
    dataset: bool
    services: tuple
    depth: int
    terms: int = 0
    unary: int = 0
    path_steps: int = 0
    quoted: int = 0

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
    >>> inspect(r"SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }").services
    ('<http://127.0.0.1:9/>',)
    """
    form, dataset, services, depth, deepest = "", False, [], 0, 0
    terms = unary = run = steps = quoted = deepest_quoted = 0
    expect_service = False
    operand_before = False  # whether the token before could end an operand (then + and - are binary)
    for kind, value in _tokens(unescape(text or "")):
        if kind == "op":
            if value in ("!", "+", "-") and (value == "!" or not operand_before):
                run += 1
                unary = max(unary, run)
            else:
                run = 0
                terms += 1
                if value in ("/", "^"):
                    steps += 1
            operand_before = False
            continue
        run = 0
        if kind == "quote":
            quoted = quoted + 1 if value == "<<" else max(quoted - 1, 0)
            deepest_quoted = max(deepest_quoted, quoted)
            operand_before = value == ">>"
            continue
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            operand_before = False
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
            operand_before = True
            continue
        operand_before = kind in ("iri", "var", "prefixed", "string", "number", "word")
        word = value.upper() if kind == "word" else ""
        if word in _CLAUSES:
            terms += 1
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
    return QueryShape(form, dataset, tuple(services), deepest, terms, unary, steps, deepest_quoted)


def check(text, *, allow_service=(), max_depth=MAX_DEPTH):
    """Refuse, as :class:`~kg.errors.BadQuery`, a text nested deeper than ``max_depth``, over one of the
    bounds above (:data:`MAX_TERMS`, :data:`MAX_UNARY`, :data:`MAX_PATH_STEPS`, :data:`MAX_QUOTED`) or
    calling a ``SERVICE`` that none of ``allow_service`` allows (:func:`service_allowed`); return its
    :class:`QueryShape`.

    >>> check("SELECT * WHERE { SERVICE <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }",
    ...       allow_service=["http://127.0.0.1:8890/"]).services
    ('<http://127.0.0.1:8890/sparql>',)
    >>> check("SELECT * WHERE " + "{" * 300 + "}" * 300)
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: the query nests brackets 300 deep; at most 200 are allowed
    >>> check("ASK { FILTER(" + "!" * 10000 + "true) }")
    Traceback (most recent call last):
    ...
    kg.errors.BadQuery: the query has 10000 unary operators in a row; at most 50 are allowed
    """
    shape = inspect(text)
    if shape.depth > max_depth:
        raise BadQuery(f"the query nests brackets {shape.depth} deep; at most {max_depth} are allowed")
    if shape.unary > MAX_UNARY:
        raise BadQuery(f"the query has {shape.unary} unary operators in a row; at most {MAX_UNARY} are allowed")
    if shape.terms > MAX_TERMS:
        raise BadQuery(f"the query has {shape.terms} operators and clauses; at most {MAX_TERMS} are allowed "
                       "(the parser recurses on each): put long lists in VALUES or IN ( ... )")
    if shape.path_steps > MAX_PATH_STEPS:
        raise BadQuery(f"the query has {shape.path_steps} property path steps; at most {MAX_PATH_STEPS} are "
                       "allowed")
    if shape.quoted > MAX_QUOTED:
        raise BadQuery(f"the query nests quoted triples (<< >>) {shape.quoted} deep; at most {MAX_QUOTED} are "
                       "allowed")
    for service in shape.services:
        iri = service[1:-1] if service.startswith("<") else None
        if iri is None or not service_allowed(iri, allow_service):
            shown = service if len(service) <= 80 else service[:77] + "..."
            hint = ("start it with --allow-service URL to allow that endpoint" if iri is not None and allow_service
                    is not None else "an endpoint chosen by a variable is never allowed"
                    if service.startswith(("?", "$")) else "start it with --allow-service URL to allow that "
                    "endpoint, and name it by its full IRI")
            raise BadQuery(f"federated queries (SERVICE {shown}) are off: this query would make the server "
                           f"send a request to another host; {hint}")
    return shape


def service_allowed(iri, allowed):
    """Whether a SERVICE call to ``iri`` is allowed by one of the URLs ``allowed``: the same scheme, host
    and port (the scheme's default when none is written), and a path under the allowed path, on ``/``
    boundaries. Never a text prefix: ``http://127.0.0.1:31900`` does not allow ``http://127.0.0.1:319000/``,
    nor ``http://127.0.0.1:31900@evil.example/``; ``/sparql`` does not allow ``/sparql-admin``.

    >>> service_allowed("http://127.0.0.1:8890/sparql", ["http://127.0.0.1:8890"])
    True
    >>> service_allowed("http://127.0.0.1:319000/sparql", ["http://127.0.0.1:31900"])
    False
    >>> service_allowed("http://127.0.0.1:8890/sparql-admin", ["http://127.0.0.1:8890/sparql"])
    False
    >>> service_allowed("HTTP://LOCALHOST/sparql/x", ["http://localhost:80/sparql/"])
    True
    """
    wanted = _endpoint(iri)
    if wanted is None:
        return False
    for entry in allowed or ():
        granted = _endpoint(str(entry))
        if granted is None or granted[:3] != wanted[:3]:
            continue
        base = granted[3].rstrip("/")
        if not base or wanted[3] == base or wanted[3].startswith(base + "/"):
            return True
    return False


def unescape(text):
    """``text`` with SPARQL's codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) undone, as a parser does
    before it reads the grammar.

    >>> unescape(r"\\u0053ERVICE")
    'SERVICE'
    """
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_unescaped, text)


# helpers

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _unescaped(match):
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if code <= 0x10FFFF else match.group(0)


def _endpoint(url):
    """``(scheme, host, port, path)`` of an absolute http(s) URL, lower-cased where case does not count;
    None for anything else (a relative IRI, a bad port, user information that could hide the host)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc:
        return None
    return scheme, parts.hostname.lower(), port or _DEFAULT_PORTS[scheme], parts.path or "/"


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$))
  | (?P<string>'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?)
  | (?P<quote><<|>>)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u00c0-\uffff]+)
  | (?P<prefixed>(?:[A-Za-z][\w.\-]*)?:(?:[\w\-.:%\u00b7\u00c0-\uffff]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[A-Za-z_][\w]*)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<datatype>\^\^)
  | (?P<op>\|\||&&|!=|<=|>=|[!+\-*/|^=<>])
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
