"""Commands about the actor network: path, show, centrality, stats, view."""

import click

from kg.cli import cli, echo_json, echo_records, format_option, graph_options, lang_option, language, open_kg

from kg.analysis.collectives import COLLECTIVE_COLUMNS
from kg.formats import MEASURES

#: kg.analysis.centrality.BROKERAGE_MEASURES, named here so `kg --help` does not import networkx
BROKERAGE_MEASURES = ("brokerage", "constraint", "effective-size")

__all__ = ["as_of_options", "at_date"]


def as_of_options(function):
    """``--as-of DATE`` and ``--dated-only``: ask the question of the graph as it stood on a date."""
    import functools

    @click.option("--as-of", "as_of", metavar="DATE",
                  help="The graph as it stood on DATE (YYYY, YYYY-MM or YYYY-MM-DD): facts dated later are "
                       "left out; undated ones are kept and counted on stderr.")
    @click.option("--dated-only", is_flag=True, help="With --as-of: drop the facts the article does not date.")
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


def at_date(graph, as_of, dated_only):
    """``graph`` as of ``as_of`` (:meth:`kg.KnowledgeGraph.as_of`), saying on stderr what that left out."""
    if dated_only and not as_of:
        raise click.UsageError("--dated-only needs --as-of DATE")
    if not as_of:
        return graph
    graph = graph.as_of(as_of, dated_only=dated_only)
    report = graph.network.graph["as_of"]
    kept = ("" if report["dated_only"] else
            f"; kept {report['undated_actors']:,} actors and {report['undated_relations']:,} relations the "
            f"article does not date (--dated-only drops them)")
    click.echo(f"As of {report['date']}: left out {report['dropped_actors']:,} actors, "
               f"{report['dropped_relations']:,} relations and {report['dropped_figures']:,} figures"
               f"{' dated later or undated' if report['dated_only'] else ' dated later'}{kept}.", err=True)
    return graph


@cli.command("stats", short_help="Counts by class, relation and source; components, degrees.")
@lang_option
@format_option
@as_of_options
@graph_options
def stats_command(lang, fmt, store, data, without, allow_service, as_of, dated_only):
    """Counts and shape: actors by class, relations by kind, named graphs, components, density, degrees.

    Degrees count the distinct actors each actor is tied to (the undirected view of the network).

    \b
    Example:
      kg stats
      kg stats --format json
    """
    from kg.render import stats_rows

    graph = at_date(open_kg(store, data, without, allow_service), as_of, dated_only)
    summary = graph.stats()
    if fmt == "json":
        echo_json(summary)
        return
    echo_records(*stats_rows(summary, language(lang), graph.network.graph.get("class_labels")), fmt)


@cli.command("path", short_help="How two actors are connected, hop by hop, with evidence.")
@click.argument("source")
@click.argument("target")
@lang_option
@click.option("--all-shortest", is_flag=True, help="Every shortest path, not just one.")
@click.option("--k", "k", type=click.IntRange(min=1), metavar="N",
              help="The N shortest simple paths, shortest first.")
@click.option("--max-hops", type=click.IntRange(min=1), metavar="N", help="Longest path allowed, in hops.")
@click.option("--avoid", "avoid", multiple=True, metavar="CLASS",
              help="No intermediate actor of this class, e.g. Place (repeatable; any case).")
@format_option(extra=("text",), default="text")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--view", "view_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write an HTML view of the paths to FILE.")
@as_of_options
@graph_options
def path_command(source, target, lang, all_shortest, k, max_hops, avoid, fmt, as_json, view_path, store, data,
                 without, allow_service, as_of, dated_only):
    """How SOURCE and TARGET are connected: each hop with its relation, direction and evidence.

    SOURCE and TARGET are IRIs, prefixed names (ikr:org/lanzhou-university), Chinese or English names,
    aliases or a unique part of a name. An unknown or ambiguous name exits 2 listing candidates.

    \b
    Example:
      kg path 兰州大学 金川集团
      kg path "Lanzhou University" ikr:place/jinchang --k 3 --lang zh
      kg path 兰州大学 金川集团 --avoid place --max-hops 4 --format csv
    """
    from kg.render import format_paths, path_rows

    if all_shortest and k:
        raise click.UsageError("--all-shortest and --k exclude each other")
    lang = language(lang)
    graph = at_date(open_kg(store, data, without, allow_service), as_of, dated_only)
    mode = "all_shortest" if all_shortest else ("k_shortest" if k else "shortest")
    found = graph.path(source, target, mode=mode, k=k or 3, max_hops=max_hops, avoid=avoid)
    if view_path:
        from kg.view import render_path_view

        render_path_view(graph.network, found["paths"], view_path, lang=lang, depth=1,
                         sector_scheme=graph.sector_scheme(), dates=graph.dates())
    fmt = "json" if as_json else fmt
    if fmt == "json":
        echo_json(found)
    elif fmt == "text":
        click.echo(format_paths(found["paths"], lang))
    else:
        echo_records(*path_rows(found["paths"], lang), fmt)
    if view_path:
        click.echo(f"Wrote {view_path}", err=True)


@cli.command("show", short_help="One actor: names, figures, relations, evidence.")
@click.argument("actor")
@lang_option
@click.option("--class", "cls", metavar="CLASS", help="Look for ACTOR among actors of this class only (any case).")
@format_option(extra=("text",), default="text")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json (what the web server's actor page serves).")
@as_of_options
@graph_options
def show_command(actor, lang, cls, fmt, as_json, store, data, without, allow_service, as_of, dated_only):
    """One actor: names, classes, figures, and every relation in and out with its evidence.

    \b
    Example:
      kg show 兰州大学
      kg show ikr:org/lanzhou-university --lang zh --format json
      kg show 金昌 --class IndustrialCluster
    """
    from kg.render import actor_rows, format_actor

    lang = language(lang)
    graph = at_date(open_kg(store, data, without, allow_service), as_of, dated_only)
    iri = graph.actor(actor, cls)["iri"]
    found = graph.describe(iri)
    labels = graph.network.graph.get("class_labels")
    fmt = "json" if as_json else fmt
    if fmt == "json":
        echo_json(found)
    elif fmt == "text":
        click.echo(format_actor(found, lang, labels))
    else:
        echo_records(*actor_rows(found, lang, labels), fmt)


@cli.command("centrality", short_help="Rank actors: degree, betweenness, closeness, ...")
@click.option("--measure", "-m", "measures", multiple=True, type=click.Choice(tuple(MEASURES) + BROKERAGE_MEASURES),
              help="A measure to compute (repeatable; default: the first five). brokerage: Gould-Fernandez "
                   "brokerage over triple-helix sectors (with a column per role); constraint and effective-size: "
                   "Burt's.")
@click.option("--class", "classes", multiple=True, metavar="CLASS",
              help="Only list actors of this class, e.g. enterprise (repeatable; any case). Scores are still "
                   "computed on the whole network.")
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Only the N highest-ranked actors.")
@click.option("--collectives", is_flag=True,
              help="Add columns for groups the article counts but does not name (e.g. 64 chain enterprises): "
                   "named degree (distinct named actors tied), largest counted group (one count, with its "
                   "unit, measure and time) and the other counted groups beside it. Counts of different "
                   "kinds are never added. PageRank's random jumps land on an actor with weight 1 + its "
                   "largest counted group; the other measures are unchanged.")
@click.option("--betweenness-k", type=click.IntRange(min=1), metavar="K",
              help="Estimate betweenness from K sampled sources (seeded, so repeatable) on large graphs.")
@lang_option
@format_option
@as_of_options
@graph_options
def centrality_command(measures, classes, top, collectives, betweenness_k, lang, fmt, store, data, without,
                       allow_service, as_of, dated_only):
    """Rank actors by degree, betweenness, closeness, eigenvector centrality and PageRank.

    \b
    Example:
      kg centrality --top 10
      kg centrality -m betweenness -m pagerank --class enterprise --format csv
    """
    from kg.render import class_name

    lang = language(lang)
    graph = at_date(open_kg(store, data, without, allow_service), as_of, dated_only)
    chosen = list(measures or MEASURES)
    rows = graph.centrality(chosen, classes=list(classes) or None, top=top, collectives=collectives,
                            betweenness_k=betweenness_k, seed=0)
    if fmt == "json":
        echo_json(rows)
        return
    extra = list(COLLECTIVE_COLUMNS) if collectives else []
    if "brokerage" in chosen:  # Gould-Fernandez counts by role, after the measures
        from kg.analysis.brokerage import ROLES

        for row in rows:
            row.update(row["brokerage_roles"])
        extra = list(ROLES) + extra
    if fmt == "table":  # for reading: the name in one language, no IRI
        labels = graph.network.graph.get("class_labels")
        table = [[row[f"label_{lang}"], class_name(row["cls"], lang, labels), *(row[m] for m in chosen),
                  *(_collective_cell(row, column, lang) for column in extra)] for row in rows]
        echo_records(["actor", "class", *chosen, *(COLLECTIVE_COLUMNS.get(c, c) for c in extra)], table, fmt)
        return
    columns = ["iri", "label_zh", "label_en", "cls", *chosen]
    echo_records(columns + extra, [[row.get(c) for c in columns] + [_collective_cell(row, c, lang) for c in extra]
                                   for row in rows], fmt)


def _collective_cell(row, column, lang):
    """One --collectives cell as text: groups are written with unit, measure and time; others listed with '; '."""
    from kg.analysis.collectives import group_text

    value = row.get(column)
    if column == "counted_as":
        return group_text(value, lang)
    if column == "other_counted_groups":
        return "; ".join(group_text(group, lang) for group in value or ())
    return value


@cli.command("view", short_help="Write an interactive HTML view of the network (works offline).")
@click.option("-o", "--out", "out_path", default="out/view.html", show_default=True,
              type=click.Path(dir_okay=False), metavar="FILE", help="HTML file to write (atomically).")
@lang_option
@click.option("--size-by", default="degree", show_default=True, type=click.Choice(tuple(MEASURES)),
              help="Centrality that sizes the nodes (and picks the actors kept under --max-nodes).")
@click.option("--around", metavar="ACTOR", help="Only the actors within --depth steps of ACTOR (name, alias or IRI).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Steps around --around (edge direction ignored).")
@click.option("--consortium", metavar="NAME", help="One innovation consortium and its members (--around NAME --depth 1).")
@click.option("--cluster", metavar="NAME", help="One industrial cluster and its actors (--around NAME --depth 1).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=1500, show_default=True, metavar="N",
              help="Node budget: above it the most central actors are kept and the page says so.")
@click.option("--title", metavar="TEXT", help="Page title (default: names the view).")
@click.option("--color-by", "color_by", type=click.Choice(("class", "community", "sector")), default="class",
              show_default=True,
              help="Colouring the page opens with: class, community (Louvain on the whole network, --seed) or "
                   "triple-helix sector; the page's control panel switches between the three.")
@click.option("--seed", type=int, default=0, show_default=True, metavar="N", help="Seed of --color-by community.")
@as_of_options
@graph_options
def view_command(out_path, lang, size_by, around, depth, consortium, cluster, max_nodes, title, color_by, seed, store,
                 data, without, allow_service, as_of, dated_only):
    """Write an interactive HTML view of the actor network that works offline.

    Nodes are coloured by class and sized by centrality; hover shows names, class, figures and evidence;
    search by name or alias, filter classes, click an actor to list its relations. A control panel
    switches the colouring (class, community, sector) and a date slider shows the graph as it stood on a
    date (undated facts kept and marked, or hidden). The page loads nothing from the network. For a path
    between two actors use `kg path A B --view FILE`.

    \b
    Example:
      kg view -o out/view.html
      kg view --around 兰州大学 --depth 2 --lang en --size-by betweenness
      kg view --cluster 金昌 -o out/cluster.html
    """
    focus = [(option, name) for option, name in
             (("--around", around), ("--consortium", consortium), ("--cluster", cluster)) if name]
    if len(focus) > 1:
        raise click.UsageError(f"{' and '.join(option for option, _ in focus)} exclude each other")
    graph = at_date(open_kg(store, data, without, allow_service), as_of, dated_only)
    centre = graph.actor(around)["iri"] if around else None
    if consortium or cluster:  # the name is looked up among actors of that class only
        wanted = "InnovationConsortium" if consortium else "IndustrialCluster"
        centre, depth = graph.actor(consortium or cluster, wanted)["iri"], 1
    from kg.view import graph_view  # the page's colour switch and date slider need sectors, dates, communities

    summary = graph_view(graph, out_path, lang=language(lang), size_by=size_by, around=centre, depth=depth,
                         node_budget=max_nodes, title=title, color_by=color_by, seed=seed)
    click.echo(f"Wrote {summary.path}: {summary.nodes_shown:,} of {summary.nodes_total:,} actors, "
               f"{summary.edges_shown:,} of {summary.edges_total:,} relations")

