"""Commands researchers otherwise compute by hand: communities (and, as they come, helix, timeline)."""

import click

from kg.cli import cli, echo_json, echo_records, format_option, graph_options, lang_option, language, open_kg

__all__ = []

_METHODS = ("louvain", "label-propagation", "leiden")  # kg.analysis.communities.METHODS, without importing networkx


@cli.command("communities", short_help="Communities of the actor network (Louvain, label propagation, Leiden).")
@click.option("--method", type=click.Choice(_METHODS), default="louvain", show_default=True,
              help="Community method; leiden needs the packages igraph and leidenalg.")
@click.option("--seed", type=int, default=0, show_default=True, metavar="N",
              help="Seed of the method's random choices: the same seed gives the same communities.")
@click.option("--resolution", type=float, default=None, metavar="R",
              help="Modularity resolution for louvain and leiden [default: 1.0]; above 1, more and smaller "
                   "communities.")
@click.option("--actors", "by_actor", is_flag=True, help="One row per actor (its community) instead of one per community.")
@lang_option
@format_option
@graph_options
def communities_command(method, seed, resolution, by_actor, lang, fmt, store, data, without, allow_service):
    """Communities of the undirected actor network, each named by its most central members.

    Every actor is in one community; communities are numbered from the largest down. The modularity of
    the partition is printed after the table (on stderr for csv and tsv; a key of the JSON).

    \b
    Example:
      kg communities
      kg communities --method label-propagation --seed 3 --format json
      kg communities --resolution 1.5 --actors --format csv
    """
    lang = language(lang)
    graph = open_kg(store, data, without, allow_service)
    found = graph.communities(method, seed=seed, resolution=resolution, lang=lang)
    if fmt == "json":
        echo_json(found)
        return
    if by_actor:
        U = graph.undirected
        names = {c["id"]: c["name"] for c in found["communities"]}
        columns = ["community", "community name", "actor", "iri"]
        rows = [[c["id"], names[c["id"]], U.nodes[n].get(f"label_{lang}") or n, n]
                for c in found["communities"] for n in c["members"]]
    else:
        columns = ["community", "size", "name", "internal ties", "external ties"]
        rows = [[c["id"], c["size"], c["name"], c["internal_ties"], c["external_ties"]] for c in found["communities"]]
    echo_records(columns, rows, fmt)
    click.echo(_summary(found), err=fmt != "table")


# helpers

def _summary(found):
    modularity = "none (no ties)" if found["modularity"] is None else f"{found['modularity']:.4f}"
    resolution = "" if found["resolution"] is None else f", resolution {found['resolution']:g}"
    return (f"modularity {modularity}: {len(found['communities'])} communities ({found['method']}, "
            f"seed {found['seed']}{resolution})")
