"""``kg accept``: merge a reviewed claims file into its source's claims (:mod:`kg.claims.accept`)."""

import click

from kg.cli import cli

__all__ = ["accept_command"]


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
