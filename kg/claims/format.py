"""Read and write claims files: one claim a line, tab-separated (docs/claims.md).

Each kind of line is a small dataclass (:class:`Actor`, :class:`Relation`, :class:`Figure`, ...); its
columns come first in a fixed order, then optional ``name=value`` fields. :func:`read_claims` gives the
claims of a file with their line numbers; :func:`write_claims` writes claims back (what ``kg ingest`` and
``kg accept`` use). A malformed line is a :class:`~kg.errors.DataError` naming ``path:LINE``.

>>> claims = parse_claims("actor\\torg/lzu\\tUniversity\\t兰州大学\\tLanzhou University\\talias_en=LZU\\n", "x.tsv")
>>> claims[0]
Actor(key='org/lzu', classes=('University',), zh='兰州大学', en='Lanzhou University', alias_zh=(), alias_en=('LZU',), span=None, context=None, nth=None, note=None)
>>> claims[0].line, claims[0].review
(1, {})
>>> format_claim(claims[0])
'actor\\torg/lzu\\tUniversity\\t兰州大学\\tLanzhou University\\talias_en=LZU'
"""

import dataclasses
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path

from kg.errors import DataError

__all__ = ["Claim", "Source", "Actor", "Alias", "Relation", "Attribute", "Member", "Figure", "Concept", "Note",
           "Ambiguity", "KINDS", "REVIEW_FIELDS", "STATUSES", "parse_claims", "read_claims", "format_claim",
           "write_claims", "claims_text"]

#: fields a review file may carry on any line; never compiled into the graph
REVIEW_FIELDS = ("status", "confidence", "why", "maybe_same_as", "start", "end")
STATUSES = ("proposed", "accepted", "rejected")


@dataclass
class Claim:
    """Base of the line kinds: ``line`` is the 1-based line number it was read from (0 when made in Python),
    ``review`` the review fields (``status``, ``confidence``, ``why``, ``maybe_same_as``, ``start``, ``end``)."""

    KIND = None
    COLUMNS = ()
    LISTS = ()
    INTS = ("nth",)

    # keyword-only, so every kind's own columns come first and these two are declared once, here
    _: KW_ONLY
    line: int = field(default=0, compare=False, repr=False)
    review: dict = field(default_factory=dict, repr=False)

    @property
    def status(self):
        """The review status: ``accepted`` when the line has none."""
        return self.review.get("status", "accepted")

    def without_review(self):
        """The same claim with no review fields and no line number (as it goes into claims.tsv)."""
        return dataclasses.replace(self, review={}, line=0)


@dataclass
class Source(Claim):
    """The source document: ``source ID TITLE DATE PUBLISHER``.

    >>> Source("demo", "标题", "2025", "org/demo-daily").KIND
    'source'
    """

    KIND = "source"
    COLUMNS = ("id", "title", "date", "publisher")
    LISTS = ("alternative", "creator")
    id: str
    title: str
    date: str
    publisher: str
    alternative: tuple = ()
    creator: tuple = ()
    date_note: str = None
    url: str = None
    text: str = None
    sha256: str = None
    evidence_prefix: str = None
    nth: int = None  # which occurrence of the title is its evidence, when the text repeats it


@dataclass
class Actor(Claim):
    """An actor (organisation, person, place, programme, technology...): ``actor KEY CLASSES ZH EN``.

    >>> Actor("org/lzu", ("University",), "兰州大学", "Lanzhou University").key
    'org/lzu'
    """

    KIND = "actor"
    COLUMNS = ("key", "classes", "zh", "en")
    LISTS = ("classes", "alias_zh", "alias_en")
    key: str
    classes: tuple
    zh: str
    en: str
    alias_zh: tuple = ()
    alias_en: tuple = ()
    span: str = None
    context: str = None
    nth: int = None
    note: str = None


@dataclass
class Alias(Claim):
    """An alias the text uses for an actor, with its evidence: ``alias KEY ALIAS``."""

    KIND = "alias"
    COLUMNS = ("key", "alias")
    key: str
    alias: str
    lang: str = "zh"
    context: str = None
    nth: int = None
    note: str = None


@dataclass
class Relation(Claim):
    """A relation between two things: ``relation SUBJECT RELATION OBJECT SPAN``.

    >>> Relation("org/a", "locatedIn", "place/b", "兰州").relation
    'locatedIn'
    """

    KIND = "relation"
    COLUMNS = ("subject", "relation", "object", "span")
    subject: str
    relation: str
    object: str
    span: str
    context: str = None
    nth: int = None
    note: str = None


@dataclass
class Attribute(Claim):
    """A literal value of a thing (a title, a date, a distinction): ``attribute SUBJECT PROPERTY VALUE SPAN``."""

    KIND = "attribute"
    COLUMNS = ("subject", "property", "value", "span")
    subject: str
    property: str
    value: str
    span: str
    lang: str = None
    datatype: str = None
    context: str = None
    nth: int = None
    note: str = None


@dataclass
class Member(Claim):
    """A membership with a role (lead unit of a consortium, reporter of a paper):
    ``member ORGANIZATION MEMBER ROLE SPAN``."""

    KIND = "member"
    COLUMNS = ("organization", "member", "role", "span")
    organization: str
    member: str
    role: str
    span: str
    context: str = None
    nth: int = None
    role_span: str = None
    role_context: str = None
    note: str = None


@dataclass
class Figure(Claim):
    """A dated quantity stated about a thing: ``figure SUBJECT MEASURE VALUE UNIT TIME SPAN``.

    >>> Figure("place/gansu", "measure/rd-growth", "8.4", "%", "2024", "8.4%").unit
    '%'
    """

    KIND = "figure"
    COLUMNS = ("subject", "measure", "value", "unit", "time", "span")
    LISTS = ("reported_by",)
    subject: str
    measure: str
    value: str
    unit: str
    time: str
    span: str
    unit_key: str = None
    qualifier: str = None
    reported_by: tuple = ()
    context: str = None
    nth: int = None
    note: str = None


@dataclass
class Concept(Claim):
    """A measure or a sector: ``concept KEY ZH EN`` (no evidence: it is a label, not a claim)."""

    KIND = "concept"
    COLUMNS = ("key", "zh", "en")
    key: str
    zh: str
    en: str
    counts_class: str = None
    counts_role: str = None


@dataclass
class Note(Claim):
    """A note on a thing, with no evidence: ``note SUBJECT TEXT``."""

    KIND = "note"
    COLUMNS = ("subject", "text")
    subject: str
    text: str
    lang: str = "en"


@dataclass
class Ambiguity(Claim):
    """What the text leaves unclear, and what was (not) modelled: ``ambiguity SLUG CONCERNS NOTE``."""

    KIND = "ambiguity"
    COLUMNS = ("slug", "concerns", "note")
    LISTS = ("concerns",)
    slug: str
    concerns: tuple
    note: str
    note_zh: str = None


#: kind name -> dataclass
KINDS = {cls.KIND: cls for cls in (Source, Actor, Alias, Relation, Attribute, Member, Figure, Concept, Note, Ambiguity)}

#: a field's name in the file when it differs from the attribute's (``unit`` is taken by the column)
_FILE_NAMES = {"unit_key": "unit"}
_ATTRIBUTE_NAMES = {value: key for key, value in _FILE_NAMES.items()}


def parse_claims(text, path="<claims>"):
    """The claims in ``text`` (a claims file's content), each with its line number.

    >>> parse_claims("# a comment\\n\\nnote\\torg/x\\tA note.\\tlang=en\\n")[0].line
    3
    >>> parse_claims("actor\\torg/x\\n", "r.tsv")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: r.tsv:1: an actor line needs 4 columns (key, classes, zh, en); it has 1
    >>> parse_claims("frob\\tx\\n", "r.tsv")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: r.tsv:1: unknown kind 'frob' (known: actor, alias, ambiguity, attribute, concept, figure, member, note, relation, source)
    """
    claims = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        claims.append(_parse_line(raw, number, path))
    return claims


def read_claims(path):
    """The claims of the file ``path`` (UTF-8); a missing or unreadable file is a :class:`DataError`."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: no such claims file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder, not a claims file") from None
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 text (byte {error.start})") from None
    if "\0" in text:
        raise DataError(f"{path}: a binary file, not a claims file")
    # a spreadsheet saving "UTF-8 text" may put a byte-order mark first; it is not part of the first kind
    return parse_claims(text.removeprefix("\ufeff"), str(path))


def format_claim(claim):
    """One claim as a line of the file (no line end): columns, then the fields that are set.

    >>> format_claim(Relation("org/a", "locatedIn", "place/b", "兰州", context="位于兰州", review={"status": "proposed"}))
    'relation\\torg/a\\tlocatedIn\\tplace/b\\t兰州\\tcontext=位于兰州\\tstatus=proposed'
    """
    cells = [claim.KIND] + [_cell(getattr(claim, name)) for name in claim.COLUMNS]
    for spec in dataclasses.fields(claim):
        if spec.name in claim.COLUMNS or spec.name in ("line", "review"):
            continue
        value = getattr(claim, spec.name)
        default = spec.default_factory() if spec.default_factory is not dataclasses.MISSING else spec.default
        if value is None or value == default:
            continue
        cells.append(f"{_FILE_NAMES.get(spec.name, spec.name)}={_cell(value)}")
    for name in REVIEW_FIELDS:
        if claim.review.get(name) is not None:
            cells.append(f"{name}={_cell(claim.review[name])}")
    return "\t".join(cells)


def claims_text(claims, header=()):
    """The whole file: ``header`` lines as ``#`` comments, then one line per claim."""
    lines = [f"# {line}".rstrip() for line in header] + [format_claim(claim) for claim in claims]
    return "\n".join(lines) + "\n"


def write_claims(claims, path, header=()):
    """Write ``claims`` to ``path`` atomically (a temporary file renamed over it); returns the path.

    ``header`` is a list of comment lines written first. This is how ``kg ingest`` writes a review file:

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "review.tsv"
    >>> proposed = Actor("org/x", ("Enterprise",), "甲公司", "Company X",
    ...                  review={"status": "proposed", "confidence": 0.8, "why": "suffix 公司", "start": 0, "end": 3})
    >>> _ = write_claims([proposed], path, header=["review file for demo"])
    >>> print(path.read_text(encoding="utf-8").replace("\\t", " | "), end="")
    # review file for demo
    actor | org/x | Enterprise | 甲公司 | Company X | status=proposed | confidence=0.8 | why=suffix 公司 | start=0 | end=3
    >>> read_claims(path)[0].review["confidence"]
    '0.8'
    """
    from kg._atomic import atomic_write

    path = Path(path)
    with atomic_write(path) as handle:
        handle.write(claims_text(claims, header))
    return path


# helpers

def _parse_line(raw, number, path):
    cells = raw.split("\t")
    while cells and not cells[-1].strip():  # a spreadsheet pads rows with empty cells
        cells.pop()
    kind = cells[0].strip()
    cls = KINDS.get(kind)
    where = f"{path}:{number}"
    if cls is None:
        raise DataError(f"{where}: unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    columns = cells[1:1 + len(cls.COLUMNS)]
    if len(columns) < len(cls.COLUMNS) or any(not c.strip() for c in columns):
        missing = [name for name, cell in zip(cls.COLUMNS, columns + [""] * len(cls.COLUMNS)) if not cell.strip()]
        article = "an" if kind[0] in "aeiou" else "a"
        if len(columns) < len(cls.COLUMNS):
            raise DataError(f"{where}: {article} {kind} line needs {len(cls.COLUMNS)} columns "
                            f"({', '.join(cls.COLUMNS)}); it has {len(columns)}")
        raise DataError(f"{where}: empty column {missing[0]!r} in {article} {kind} line")
    values = {name: _unescape(cell.strip(), where) for name, cell in zip(cls.COLUMNS, columns)}
    allowed = {spec.name for spec in dataclasses.fields(cls)} - set(cls.COLUMNS) - {"line", "review"}
    review = {}
    for cell in cells[1 + len(cls.COLUMNS):]:
        if not cell.strip():
            continue
        name, equals, value = cell.partition("=")
        name = name.strip()
        if not equals or not name:
            raise DataError(f"{where}: extra cell {cell!r} is not a name=value field "
                            f"(a {kind} line has {len(cls.COLUMNS)} columns: {', '.join(cls.COLUMNS)})")
        value = _unescape(value, where)
        attribute = _ATTRIBUTE_NAMES.get(name, name)
        if name in REVIEW_FIELDS:
            if name in review:
                raise DataError(f"{where}: field {name!r} given twice")
            review[name] = value
        elif attribute in allowed:
            if attribute in values:
                raise DataError(f"{where}: field {name!r} given twice")
            values[attribute] = value
        else:
            names = sorted({_FILE_NAMES.get(a, a) for a in allowed} | set(REVIEW_FIELDS))
            raise DataError(f"{where}: unknown field {name!r} on {kind} line (known: {', '.join(names)})")
    for name in cls.LISTS:
        if name in values:
            values[name] = tuple(part.strip() for part in values[name].split("|") if part.strip())
    for name in cls.INTS:
        if name in values:
            try:
                values[name] = int(values[name])
            except ValueError:
                raise DataError(f"{where}: {name}={values[name]!r} is not a whole number") from None
            if values[name] < 1:
                raise DataError(f"{where}: {name} counts from 1")
    _check_review(review, where)
    return cls(**values, line=number, review=review)


def _check_review(review, where):
    status = review.get("status")
    if status is not None and status not in STATUSES:
        raise DataError(f"{where}: status={status!r}; use one of {', '.join(STATUSES)}")
    if "confidence" in review:
        try:
            confidence = float(review["confidence"])
        except ValueError:
            confidence = -1
        if not 0 <= confidence <= 1:
            raise DataError(f"{where}: confidence={review['confidence']!r} is not a number from 0 to 1")
    for name in ("start", "end"):
        if name in review and not review[name].isdigit():
            raise DataError(f"{where}: {name}={review[name]!r} is not an offset (a whole number)")


def _cell(value):
    if isinstance(value, (tuple, list)):
        value = "|".join(str(item) for item in value)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _unescape(text, where):
    if "\\" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            following = text[i + 1:i + 2]
            if following not in ("\\", "t", "n", "r"):
                raise DataError(f"{where}: unknown escape '\\{following}' (use \\t, \\n, \\r or \\\\)")
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}[following])
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)
