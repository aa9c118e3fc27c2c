"""Accept a reviewed claims file: merge what the reviewer kept into its source's claims, all or nothing.

:func:`accept` reads a review file (the claims format with ``status=proposed|accepted|rejected``, as
``kg ingest`` writes it; docs/claims.md), keeps the lines the rule says, appends them to
``graph_data/<id>/claims.tsv`` (creating the folder for a new source), compiles the result, validates
the whole graph with the SHACL shapes, and only then writes ``claims.tsv`` and ``claims.ttl``, each
atomically. Any error -- a malformed line, a span not in the text, an unknown source, a shape violation
-- raises before anything is written.

Which lines are kept: never ``status=rejected``; a line with no status counts as accepted; lines whose
status is in ``statuses`` (default accepted and proposed); with ``only``, only the claim kinds named
(``actors``: actor and alias lines, ``relations``: relation, attribute and member lines, ``figures``:
figure lines), while source, concept, note and ambiguity lines are always kept. Lines already in
claims.tsv (the same claim, review fields aside) are skipped, so accepting the same review twice
changes nothing.

>>> sorted(ONLY_GROUPS)
['actors', 'figures', 'relations']
"""

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import BadArgument, DataError, ValidationFailed

__all__ = ["AcceptResult", "accept", "ONLY_GROUPS", "ALWAYS_KEPT"]

#: ``--only`` names -> the line kinds they keep
ONLY_GROUPS = {"actors": ("actor", "alias"), "relations": ("relation", "attribute", "member"), "figures": ("figure",)}
#: line kinds kept whatever ``--only`` says (they hold no claim about the text, or the source itself)
ALWAYS_KEPT = ("source", "concept", "note", "ambiguity")


@dataclass
class AcceptResult:
    """What :func:`accept` did: the lines added and skipped, and the files written."""

    source_id: str
    claims_path: Path
    turtle_path: Path
    added: int = 0
    already: int = 0
    dropped: dict = field(default_factory=dict)
    triples: int = 0
    new_source: bool = False
    written: bool = False

    def lines(self):
        """The summary ``kg accept`` prints.

        >>> print("\\n".join(AcceptResult("demo", Path("g/claims.tsv"), Path("g/claims.ttl"), added=2, already=1,
        ...                               dropped={"rejected": 1}, triples=40, written=True).lines()))
        Accepted 2 lines into g/claims.tsv (1 already there; dropped: 1 rejected)
        Wrote g/claims.ttl (40 triples)
        """
        skipped = []
        if self.already:
            skipped.append(f"{self.already} already there")
        drops = ", ".join(f"{count} {why}" for why, count in self.dropped.items() if count)
        if drops:
            skipped.append(f"dropped: {drops}")
        detail = f" ({'; '.join(skipped)})" if skipped else ""
        plural = "s" if self.added != 1 else ""
        lines = [f"Accepted {self.added} line{plural} into {_shown(self.claims_path)}{detail}"]
        lines.append(f"Wrote {_shown(self.turtle_path)} ({self.triples} triples)" if self.written
                     else "Nothing new: no file written")
        return lines


def accept(review, *, only=None, statuses=("accepted", "proposed"), source_id=None, root=None):
    """Merge the kept lines of the review file ``review`` into ``graph_data/<id>/claims.tsv``.

    Parameters
    ----------
    review : path
        A claims file with review fields (``status=``, ``confidence=``, ``why=``, ``start=``/``end=``...).
    only : str or list of str, optional
        Claim kinds to keep: ``actors``, ``relations``, ``figures`` (a comma-separated string or a list).
    statuses : str or list of str
        Statuses to keep (``accepted``, ``proposed``); ``rejected`` lines are always dropped.
    source_id : str, optional
        The source the review is about; default the review's source line. Both given must agree.
    root : path, optional
        The project folder (default :func:`kg.stores.load.project_root`).

    Returns
    -------
    AcceptResult

    Raises
    ------
    DataError
        A bad line (``path:LINE: ...``), an unknown source id, a missing source text.
    ValidationFailed
        The merged graph violates the SHACL shapes. In every case nothing is written.
    BadArgument
        ``only`` or ``statuses`` names something unknown.

    Examples
    --------
    >>> import os, tempfile, shutil, pathlib
    >>> from kg.stores.load import project_root
    >>> home = pathlib.Path(tempfile.mkdtemp())
    >>> _ = shutil.copytree(project_root() / "ontology", home / "ontology")
    >>> (home / "graph_data").mkdir(); (home / "sources").mkdir()
    >>> _ = (home / "sources" / "demo.txt").write_text("示范日报：兰州大学与金川集团签约。", encoding="utf-8")
    >>> _ = (home / "review.tsv").write_text(
    ...     "source\\tdemo\\t兰州大学与金川集团签约\\t2025\\torg/demo-daily\\n"
    ...     "actor\\torg/demo-daily\\tMediaOrganization\\t示范日报\\tDemo Daily\\n"
    ...     "actor\\torg/lanzhou-university\\tUniversity\\t兰州大学\\tLanzhou University\\tcontext=：兰州大学\\tstatus=proposed\\n"
    ...     "actor\\torg/jinchuan\\tEnterprise\\t金川\\tJinchuan\\tstatus=rejected\\n", encoding="utf-8")
    >>> os.environ["KG_HOME"] = str(home)
    >>> result = accept(home / "review.tsv", root=home)
    >>> (result.added, result.dropped, result.new_source)
    (3, {'rejected': 1}, True)
    >>> (home / "graph_data" / "demo" / "claims.ttl").is_file()
    True
    >>> del os.environ["KG_HOME"]
    """
    from kg.claims.format import read_claims
    from kg.stores.load import project_root

    groups = _only_kinds(only)
    keep_statuses = _statuses(statuses)
    root = Path(root) if root else project_root()
    review = Path(review)
    review_claims = read_claims(review)
    if not review_claims:
        raise DataError(f"{review}: no claims in the file (only comments or blank lines)")
    source_id, review_source = _source_id(review, review_claims, source_id)
    folder = root / "graph_data" / source_id
    claims_path = folder / "claims.tsv"
    existing = read_claims(claims_path) if claims_path.is_file() else []
    if not existing and review_source is None:
        raise DataError(f"unknown source id {source_id!r}: {claims_path} does not exist and {review} has no "
                        "source line to start it with")
    from kg.claims.build import COMPILED_FILE, source_text

    text = source_text(source_id, root)
    result = AcceptResult(source_id, claims_path, folder / COMPILED_FILE, new_source=not existing,
                          dropped={"rejected": 0, "not in --status": 0, "not in --only": 0})
    new = _kept(review, review_claims, existing, claims_path, groups, keep_statuses, result)
    result.dropped = {why: count for why, count in result.dropped.items() if count}
    result.added = len(new)
    if not new:
        return result
    graph, turtle = _compile_and_validate(root, source_id, claims_path, existing, new, text)
    result.triples = len(graph)
    _write(claims_path, result.turtle_path, existing, new, turtle, source_id)
    result.written = True
    return result


# helpers

def _shown(path):
    """A path as the user reads it: relative to the current folder when it lies inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return Path(path)


def _only_kinds(only):
    if only is None:
        return None
    names = [name.strip() for name in (only.split(",") if isinstance(only, str) else only) if name.strip()]
    unknown = [name for name in names if name not in ONLY_GROUPS]
    if unknown or not names:
        raise BadArgument(f"--only {','.join(unknown) or only}: use one or more of {', '.join(ONLY_GROUPS)}")
    return {kind for name in names for kind in ONLY_GROUPS[name]} | set(ALWAYS_KEPT)


def _statuses(statuses):
    names = [name.strip() for name in (statuses.split(",") if isinstance(statuses, str) else statuses) if name.strip()]
    bad = [name for name in names if name not in ("accepted", "proposed")]
    if bad or not names:
        raise BadArgument(f"--status {','.join(bad) or statuses}: use accepted, proposed or both "
                          "(rejected lines are never accepted)")
    return set(names)


def _source_id(review, claims, given):
    from kg.claims.format import Source
    from kg.sources import check_source_id

    sources = [claim for claim in claims if isinstance(claim, Source) and claim.status != "rejected"]
    if len(sources) > 1:
        raise DataError(f"{review}:{sources[1].line}: a second source line (the first is line {sources[0].line}); "
                        "a review is about one source")
    line = sources[0] if sources else None
    if given is not None and line is not None and line.id != given:
        raise DataError(f"{review}:{line.line}: the source line names {line.id!r}, not --source-id {given!r}")
    source_id = given if given is not None else (line.id if line else None)
    if source_id is None:
        raise DataError(f"{review}: names no source: give --source-id or a source line")
    return check_source_id(source_id), line


def _kept(review, review_claims, existing, claims_path, groups, statuses, result):
    """The review's lines to add, each remembering where it came from; counts what was dropped."""
    from kg.claims.format import Source, format_claim

    have = {format_claim(claim.without_review()) for claim in existing}
    existing_source = next((claim for claim in existing if isinstance(claim, Source)), None)
    new, seen = [], set()
    for claim in review_claims:
        if claim.status == "rejected":
            result.dropped["rejected"] += 1
            continue
        if claim.status not in statuses:
            result.dropped["not in --status"] += 1
            continue
        if groups is not None and claim.KIND not in groups:
            result.dropped["not in --only"] += 1
            continue
        plain = format_claim(claim.without_review())
        if plain in have or plain in seen:
            result.already += 1
            continue
        if isinstance(claim, Source) and existing_source is not None:
            raise DataError(f"{review}:{claim.line}: this source line differs from the one in "
                            f"{claims_path}:{existing_source.line}; edit claims.tsv to change the source")
        seen.add(plain)
        claim.origin = f"{review}:{claim.line}"  # errors name the review file's line
        new.append(claim)
    return new


def _compile_and_validate(root, source_id, claims_path, existing, new, text):
    """The merged claims compiled, and the whole graph with them checked against the shapes."""
    from rdflib import Graph, URIRef

    from kg.claims.build import COMPILED_FILE, claims_turtle
    from kg.claims.compile import compile_claims, defined_iris
    from kg.claims.format import read_claims
    from kg.stores.load import default_sources, parse_into
    from kg.validate import validate

    others = Graph()
    this_folder = claims_path.parent
    for source in default_sources(root):
        if source.path.parent == this_folder and source.path.name == COMPILED_FILE:
            continue  # replaced by what is compiled here
        parse_into(others, source.path)
    known = {term for term in others.subjects() if isinstance(term, URIRef)}
    for path in sorted((root / "graph_data").glob("*/claims.tsv")):
        if path != claims_path:
            known |= defined_iris(read_claims(path), str(path))
    graph = compile_claims(existing + new, text, path=str(claims_path), known=known)
    report = validate(others + graph)
    if not report.conforms:
        raise ValidationFailed(f"nothing written: the accepted claims would break the shapes: {report.summary()}",
                               report=report)
    return graph, claims_turtle(graph)


def _write(claims_path, turtle_path, existing, new, turtle, source_id):
    """Append the new lines (review fields dropped) to claims.tsv and write claims.ttl, each atomically."""
    from kg._atomic import atomic_write
    from kg.claims.format import format_claim

    if existing:
        old = claims_path.read_bytes().decode("utf-8")
        text = old if old.endswith("\n") else old + "\n"
    else:
        text = (f"# Claims of source {source_id}, started by kg accept. One claim a line, tab-separated "
                "(docs/claims.md).\n# Evidence is numbered in file order: add new lines at the end.\n")
    text += "".join(format_claim(claim.without_review()) + "\n" for claim in new)
    with contextlib.ExitStack() as stack:
        claims_out = stack.enter_context(atomic_write(claims_path))
        turtle_out = stack.enter_context(atomic_write(turtle_path))
        claims_out.write(text)
        turtle_out.write(turtle)
