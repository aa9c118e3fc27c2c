"""kg.analysis.timeline, KnowledgeGraph.as_of and `--as-of`, `kg timeline`: the graph in time."""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analysis.timeline import as_of, not_after, parse_date, read_dates, relation_date, timeline
from kg.cli import cli
from kg.errors import BadArgument

ID = "https://w3id.org/innovation-kg/id/"
YAZHOU = ID + "agreement/gansu-yazhou-bay-national-laboratory-strategic-cooperation-agreement"  # 2024-07
POINTS = ID + "policy/enterprise-innovation-points-system"  # began 2020


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def dates(article_kg):
    return read_dates(article_kg.store)


def test_dates_are_read_with_their_evidence(dates, article_text):
    assert dates["nodes"][YAZHOU][0]["date"] == "2024-07"
    assert dates["nodes"][POINTS][0] == {"predicate": "startDate", "date": "2020",
                                         "evidence": dates["nodes"][POINTS][0]["evidence"]}
    from kg.sources import source_path

    texts = {}

    def text_of(item):  # each span is checked in its own source's text, where that text is here
        source = str(item.get("source") or "").rsplit("/", 1)[-1] or "000_53c5d41e29162869"
        if source not in texts:
            path = source_path(source)
            texts[source] = path.read_text(encoding="utf-8") if path else None
        return texts[source]

    checked = 0
    for facts in dates["nodes"].values():
        for fact in facts:
            assert fact["evidence"], fact
            for item in fact["evidence"]:
                if text_of(item) is not None:
                    assert text_of(item)[item["start"]:item["end"]] == item["span"]
                    checked += 1
    for items in dates["figures"].values():
        for item in items:
            if text_of(item) is not None:
                assert text_of(item)[item["start"]:item["end"]] == item["span"]
                checked += 1
    assert checked > 0


def test_dates_compare_at_the_coarser_precision():
    assert not_after("2024", "2024-06") and not_after("2024-06-30", "2024-06")
    assert not not_after("2024-07", "2024-06-30") and not not_after("2025", "2024-12-31")
    with pytest.raises(BadArgument, match="not a date"):
        parse_date("2024-13")


def test_as_of_drops_what_came_later_and_flags_the_undated(article_kg, dates):
    G = article_kg.network
    before = as_of(G, dates, "2024-06")
    assert YAZHOU in G and YAZHOU not in before  # signed in July 2024
    assert POINTS in before and before.nodes[POINTS]["since"] == "2020" and not before.nodes[POINTS]["undated"]
    undated = [n for n, d in before.nodes(data=True) if d["undated"]]
    assert undated and all(node_date is None for node_date in (before.nodes[n]["since"] for n in undated))
    report = before.graph["as_of"]
    assert report["dropped_actors"] == len(G) - len(before) and report["undated_actors"] == len(undated)
    # no figure dated after the date survives, undated figures are kept
    for _, data in before.nodes(data=True):
        assert all(f["time"] is None or not_after(f["time"], "2024-06") for f in data["figures"])
    # a relation is dated by its later end; the report counts the kept relations between undated ends
    undated_relations = 0
    for u, v in before.edges():
        ends = [d for d in (before.nodes[u]["since"], before.nodes[v]["since"]) if d]
        assert relation_date(before.nodes[u]["since"], before.nodes[v]["since"]) == (max(ends) if ends else None)
        undated_relations += not ends
    assert report["undated_relations"] == undated_relations > 0
    assert report["dropped_relations"] == G.number_of_edges() - before.number_of_edges() > 0
    assert len(as_of(G, dates, "2030")) == len(G)


def test_dated_only_keeps_only_dated_facts(article_kg, dates):
    H = as_of(article_kg.network, dates, "2030", dated_only=True)
    assert set(H) == set(dates["nodes"]) & set(article_kg.network)
    assert all(not d["undated"] for _, d in H.nodes(data=True))
    assert all(relation_date(H.nodes[u]["since"], H.nodes[v]["since"]) for u, v in H.edges())
    assert H.graph["as_of"]["undated_relations"] == 0 and H.number_of_edges() > 0


def test_as_of_flows_through_every_question(article_kg, tmp_path):
    then = article_kg.as_of("2024-06")
    assert YAZHOU not in {row["iri"] for row in then.centrality(["degree"])}
    assert sum(c["size"] for c in then.communities()["communities"]) == len(then.network)
    stats, now = then.stats(), article_kg.stats()
    assert stats["actors"] == len(then.network) < now["actors"] and stats["figures"] < now["figures"]
    assert YAZHOU not in {row["collaboration"] for row in then.helix()["mix"]}
    written = then.export("graphml", tmp_path / "then.graphml")[0]
    back = nx.read_graphml(written)
    assert YAZHOU not in back and back.nodes[POINTS]["since"] == "2020" and back.nodes[POINTS]["undated"] is False
    for u, v, data in back.edges(data=True):  # each relation with its date, from its ends'
        since = relation_date(back.nodes[u]["since"] or None, back.nodes[v]["since"] or None)
        assert data["since"] == (since or "") and data["undated"] is (since is None)
    with pytest.raises(BadArgument, match="graphml, gexf or csv"):
        then.export("turtle", tmp_path / "then.ttl")
    assert YAZHOU in article_kg.network  # the graph itself is untouched


def test_timeline_in_order_with_evidence(article_kg, dates):
    facts = article_kg.timeline()
    keys = [f["date"] for f in facts]
    assert keys == sorted(keys) and keys[0] == "2015"
    assert all(f["evidence"] for f in facts)
    assert len([f for f in facts if f["kind"] != "figure"]) == sum(len(v) for v in dates["nodes"].values())
    mine = article_kg.timeline("企业创新积分制")
    assert {f["actor"] for f in mine} == {POINTS} and mine[0]["kind"] == "startDate"
    assert [f["value"] for f in mine if f["kind"] == "figure"] == [1700, 3.2, 2.04]


def test_timeline_of_one_actor_includes_its_dated_neighbours():
    G = nx.MultiDiGraph()
    G.add_node("firm", label_en="Firm", figures=[])
    G.add_node("agreement", label_en="Agreement", figures=[{"iri": "f", "time": "2024", "value": 1}])
    G.add_edge("agreement", "firm", key="urn:party")
    dates = {"nodes": {"agreement": [{"predicate": "date", "date": "2024-07", "evidence": []}]}, "figures": {}}
    facts = timeline(G, dates, "firm")
    assert [(f["actor"], f["kind"]) for f in facts] == [("agreement", "date")]  # not the agreement's own figures


def test_cli_as_of_and_timeline(dates):
    result = run("centrality", "-m", "degree", "--as-of", "2024-06", "-f", "json")
    assert result.exit_code == 0 and result.stderr.startswith("As of 2024-06: left out 2 actors")
    assert YAZHOU not in {row["iri"] for row in json.loads(result.stdout)}
    shown = run("show", YAZHOU, "--as-of", "2024-06")
    assert shown.exit_code == 2 and "Error: " in shown.stderr
    assert run("show", YAZHOU, "--as-of", "2024-07").exit_code == 0
    bad = run("stats", "--as-of", "June 2024")
    assert bad.exit_code == 1 and bad.stderr.strip() == (
        "Error: 'June 2024' is not a date; give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-07)")
    assert run("stats", "--dated-only").exit_code == 2  # --dated-only needs --as-of
    lines = run("timeline", "企业创新积分制", "--evidence").stdout.splitlines()
    assert lines[2].startswith("2020") and lines[2].endswith("2020年 [709-714]")
    assert "近1700" in run("timeline", "企业创新积分制", "--lang", "zh").stdout
    communities = run("communities", "--as-of", "2024-06", "--dated-only", "--actors", "-f", "json")
    kept = set(json.loads(communities.stdout)["membership"])
    assert kept and kept <= set(dates["nodes"]) and YAZHOU not in kept


def test_dynamic_gexf_starts_dated_facts_on_their_day(article_kg, dates, tmp_path):
    written = article_kg.export("gexf", tmp_path / "dynamic.gexf", dynamic=True)[0]
    back = nx.read_gexf(written)
    assert back.graph["mode"] == "dynamic" and 'timeformat="date"' in written.read_text(encoding="utf-8")[:2000]
    starts = {node: data["start"] for node, data in back.nodes(data=True) if "start" in data}
    assert starts[YAZHOU] == "2024-07-01" and starts[POINTS] == "2020-01-01"
    assert set(starts) == set(dates["nodes"]) & set(article_kg.network)  # undated actors are there throughout
    assert len(back) == len(article_kg.network) and not any("end" in d for _, d in back.nodes(data=True))
    for u, v, data in back.edges(data=True):  # a relation starts when its later end does
        ends = [starts[n] for n in (u, v) if n in starts]
        assert data.get("start") == (max(ends) if ends else None)
    with pytest.raises(Exception, match="GEXF only"):
        article_kg.export("graphml", tmp_path / "dynamic.graphml", dynamic=True)


def test_kg_export_takes_as_of_and_dynamic(tmp_path):
    """The command line reaches KnowledgeGraph.as_of(...).export(...) and export(..., dynamic=True)."""
    import networkx as nx
    from click.testing import CliRunner

    from kg.cli import cli

    runner = CliRunner()
    now, then = tmp_path / "now.graphml", tmp_path / "then.graphml"
    assert runner.invoke(cli, ["export", "-o", str(now)]).exit_code == 0
    result = runner.invoke(cli, ["export", "-o", str(then), "--as-of", "2023"])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(then).number_of_nodes() < nx.read_graphml(now).number_of_nodes()
    dynamic = tmp_path / "t.gexf"
    assert runner.invoke(cli, ["export", "-o", str(dynamic), "--dynamic"]).exit_code == 0
    assert 'mode="dynamic"' in dynamic.read_text(encoding="utf-8")
    refused = runner.invoke(cli, ["export", "-f", "turtle", "-o", str(tmp_path / "x.ttl"), "--as-of", "2023"])
    assert refused.exit_code != 0 and refused.output.strip().splitlines()[-1].startswith("Error:")


def test_dates_are_cached_beside_the_projection_and_follow_its_content(root, tmp_path, monkeypatch):
    """A second process (here: a second KnowledgeGraph) on the same store reads the dates from the cache;
    a change of content makes them be read again."""
    import kg
    import kg.analysis.timeline as timeline_module

    store = f"oxigraph:{tmp_path / 'store'}"
    mini = root / "tests" / "data" / "mini.ttl"
    first = kg.open(store, data=[mini])
    expected = first.dates()
    first.close()
    calls = []
    real = timeline_module.read_dates
    monkeypatch.setattr(timeline_module, "read_dates", lambda s: calls.append(1) or real(s))
    again = kg.open(store)
    assert again.dates() == expected and calls == []  # from the cache
    again.close()
    dated = tmp_path / "dated.ttl"
    dated.write_text('@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .\n'
                     '<urn:x:event> a ikg:Event ; ikg:date "2023"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n',
                     encoding="utf-8")
    changed = kg.open(store, data=[mini, dated])
    found = changed.dates()
    changed.close()
    assert calls == [1] and "urn:x:event" in found["nodes"]


def _snapshot(G):
    """Everything as_of could touch, compared by value."""
    return (sorted((n, sorted(d.items(), key=str)) for n, d in G.nodes(data=True)),
            sorted((u, v, k, sorted(d.items(), key=str)) for u, v, k, d in G.edges(keys=True, data=True)),
            dict(G.graph))


@pytest.mark.parametrize("when,dated_only", [("2024-06", False), ("2020", False), ("2030", True), ("2015", True)])
def test_in_place_filter_equals_the_filtered_copy(article_kg, dates, when, dated_only):
    G = article_kg.network
    original = _snapshot(G)
    copied = as_of(G, dates, when, dated_only=dated_only)
    assert _snapshot(G) == original  # the copy's filter changes nothing of G, not even shared lists
    mine = article_kg._projection()[0]  # a private projection, as a view reads it
    assert mine is not G
    assert as_of(mine, dates, when, dated_only=dated_only, copy=False) is mine
    assert _snapshot(mine) == _snapshot(copied)


def test_a_view_reads_its_own_projection_and_leaves_the_origin_alone(article_kg):
    origin = _snapshot(article_kg.network)
    then = article_kg.as_of("2024-06")
    assert then.network is not article_kg.network and YAZHOU not in then.network
    assert _snapshot(article_kg.network) == origin
    later = then.as_of("2024-07")  # asked of the origin again, not of the earlier view
    assert YAZHOU in later.network and later.network.graph["as_of"]["date"] == "2024-07"
    with pytest.raises(BadArgument, match="not a date"):
        article_kg.as_of("mid 2024")  # refused at once, before anything is read


def test_as_of_without_a_cache_filters_a_copy_of_the_origin(article_kg):
    """A store handed over (from_store) has no cache: the view copies the origin's network."""
    from kg import KnowledgeGraph

    given = KnowledgeGraph.from_store(article_kg.store)
    assert given._cache_key() == (None, None)
    G = given.network
    before = _snapshot(G)
    then = given.as_of("2024-06")
    assert YAZHOU not in then.network and YAZHOU in G and _snapshot(G) == before


def test_as_of_path_on_the_light_projection(root, tmp_path):
    """With no full projection cached, a path as of a date runs on the projection without evidence,
    filtered: it still avoids what came later and still shows the evidence of its hops."""
    import kg

    store = f"oxigraph:{tmp_path / 'store'}"
    with kg.open(store) as g:
        g.store  # loaded; nothing projected yet
        then = g.as_of("2024-06")
        G, _, light = then._path_network()
        assert light and YAZHOU not in G and "as_of" in G.graph
        found = then.path("兰州大学", "甘肃省科技厅")
        assert found["paths"] and all(hop["evidence"] for hop in found["paths"][0])
        assert YAZHOU not in {hop["target"] for hop in found["paths"][0]}
