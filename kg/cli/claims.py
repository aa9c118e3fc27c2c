"""``kg accept``: merge a reviewed claims file into its source's claims (:mod:`kg.claims.accept`)."""

import click

from kg.cli import cli, graph_options, open_kg, progress

__all__ = ["accept_command", "ingest_command"]


@cli.command("accept", short_help="Merge a reviewed claims file into graph_data/<id>/claims.tsv and claims.ttl.")
@click.argument("review", metavar="REVIEW.tsv")
@click.option("--only", metavar="KINDS", default=None,
              help="Keep only these claim kinds: actors, relations, figures (comma-separated). Source, concept, "
                   "note and ambiguity lines are always kept.")
@click.option("--status", "statuses", metavar="STATUSES", default="accepted,proposed", show_default=True,
              help="Keep lines with these statuses (accepted, proposed); rejected lines are never kept.")
@click.option("--source-id", "source_id", metavar="ID", default=None,
              help="The source the review is about [default: the review's source line].")
def accept_command(review, only, statuses, source_id):
    """Merge the kept lines of REVIEW.tsv into the source's claims, validate, then write.

    REVIEW.tsv is a claims file (docs/claims.md) whose lines carry status=proposed|accepted|rejected (as
    kg ingest writes it). The kept lines are appended to graph_data/<id>/claims.tsv (a new folder for a
    new source), compiled with their evidence located in the source text, and the whole graph is checked
    against the SHACL shapes; only then are claims.tsv and claims.ttl written, each atomically. Any
    problem is one Error line and nothing is written.

    \b
    Example:
      kg accept review.tsv
      kg accept review.tsv --only actors,relations --status accepted
      kg accept review.tsv --source-id gsrb-2025-03-01
    """
    from kg.claims.accept import accept

    result = accept(review, only=only, statuses=statuses, source_id=source_id)
    click.echo("\n".join(result.lines()))


@cli.command("ingest", short_help="Read a new article: store its text, write a review file of proposed claims.")
@click.argument("article", metavar="ARTICLE.txt", type=click.Path(dir_okay=False))
@click.option("--id", "source_id", required=True, metavar="ID",
              help="The source's id (letters, digits, _ . -): names graph_data/<id>/ and its named graph.")
@click.option("--title", metavar="TEXT", help="Its title, as the text writes it [default: the first line].")
@click.option("--date", metavar="DATE", help="Its date: YYYY, YYYY-MM or YYYY-MM-DD (the year of undated figures) "
                                            "[default: unknown, to fill in the review file].")
@click.option("--publisher", metavar="NAME", help="Who published it: a known actor's name, else kept as text "
                                                  "[default: the known media the text names, else unknown].")
@click.option("--url", metavar="URL", help="Where it was published.")
@click.option("--place", metavar="REGION", help="Its region, e.g. 甘肃: 省科技厅 then may be 甘肃省科技厅.")
@click.option("--review", "review_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Where the review file goes [default: ID.review.tsv here].")
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON instead of the summary.")
@click.option("--model/--no-model", "model", default=None,
              help="Merge the recommender's proposals (kg retrain makes its model; docs/learn.md) "
                   "[default: off, as its cross-validation decided].")
@graph_options
def ingest_command(article, source_id, title, date, publisher, url, place, review_path, as_json, model, store,
                   data, without, allow_service):
    """Read ARTICLE.txt (UTF-8), keep its text under the sources folder with its SHA-256, and write a
    review file in the claims format (docs/claims.md): every actor, relation and figure the rules find,
    status=proposed, with its confidence, its evidence span and offsets, and why it was proposed. Names
    the graph knows are joined to their actors; a name that may be a known actor written another way is
    marked maybe_same_as, never merged. A missing --date or --publisher is recorded as unknown, with a
    warning, for you to fill in the review file. Review the file, then kg accept it.

    \b
    Example:
      kg ingest article.txt --id gsrb-2025-03-01 --date 2025-03-01 --publisher 甘肃日报 --place 甘肃
      kg ingest article.txt --id gsrb-2025-03-02
      kg accept gsrb-2025-03-01.review.tsv
    """
    import json

    from kg.ingest import ingest

    graph = open_kg(store, data, without, allow_service)
    with progress("ingesting"):
        result = ingest(article, source_id, graph=graph, title=title, date=date, publisher=publisher, url=url,
                        place=place, review=review_path, model=model)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    known = sum(1 for actor in result.candidates.actors if actor.get("known"))
    maybe = sum(1 for actor in result.candidates.actors if actor.get("maybe_same_as"))
    from kg.claims.accept import _shown

    click.echo(f"Stored {_shown(result.text_path)} (sha256 {result.sha256[:12]}…)")
    click.echo(f"Proposed {result.counts['actors']} actors ({known} known, {maybe} maybe the same as a known one), "
               f"{result.counts['relations']} relations, {result.counts['figures']} figures")
    if result.left_out:
        click.echo(f"Not proposed: {len(result.left_out)} (listed at the top of the review file)")
    click.echo(f"Wrote {result.review_path}: review it, then: kg accept {result.review_path}")
