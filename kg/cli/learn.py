"""``kg retrain``: train the recommender on what people accepted (:mod:`kg.learn`)."""

import click

from kg.cli import cli

__all__ = ["retrain_command"]


@cli.command("retrain", short_help="Train the recommender on the accepted claims; write model/ beside graph_data/.")
@click.option("--out", "folder", metavar="DIR", type=click.Path(file_okay=False),
              help="Where the model goes [default: model/ in the project folder, or $KG_MODEL].")
@click.option("--no-eval", "dev", is_flag=True, flag_value=False, default=True,
              help="Learn from the sources' accepted claims only, not from the evaluation's development gold.")
def retrain_command(folder, dev):
    """Train the recommender that kg ingest merges with its rules: a character tagger for organisation
    names and a classifier of the relations between two names of a sentence. It learns from the
    accepted claims of every source in graph_data/ (their texts from the sources folders) and from the
    development articles of eval/ (the dev split of eval/articles.tsv, where their texts are present;
    never val, test or blind), and writes tagger.crfsuite,
    relations.json and meta.json (what it learnt from, with SHA-256s). The same inputs give the same
    files. docs/learn.md says how well it does.

    \b
    Example:
      kg retrain
      kg retrain --no-eval --out /tmp/model
    """
    from kg.learn import retrain

    result = retrain(folder=folder, dev=dev)
    click.echo("\n".join(result.lines()))
