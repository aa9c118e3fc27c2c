"""kg.analysis.describe: one actor from the projection, as the dict the CLI and the server share and as text."""

from pathlib import Path
import json

import pytest
from rdflib import Graph

from kg.analysis.describe import describe
from kg.render import format_actor
from kg.errors import UnknownActor
from kg.analysis.network import project

SMALL_TTL = (Path(__file__).parent / "data" / "small.ttl").read_text(encoding="utf-8")

IKR = "https://w3id.org/innovation-kg/id/"
LZU = IKR + "org/lanzhou-university"


@pytest.fixture(scope="module")
def G():
    return project(Graph().parse(data=SMALL_TTL, format="turtle"))


def test_names_classes_and_relations_both_ways(G):
    actor = describe(G, LZU)
    assert (actor["iri"], actor["curie"], actor["label_zh"], actor["label_en"]) == (
        LZU, "ikr:org/lanzhou-university", "兰州大学", "Lanzhou University")
    assert actor["aliases"] == ["兰大"]
    assert actor["cls"] == "University"
    assert actor["classes"] == ["ikg:University", "ikg:Organization", "ikg:Actor"]
    assert [(r["relation_curie"], r["actor_curie"], r["kind"]) for r in actor["outgoing"]] == [
        ("ikg:locatedIn", "ikr:place/lanzhou", "relation"),
        ("ikr:role/member-unit", "ikr:org/ion-consortium", "membership"),
    ]
    assert actor["outgoing"][1]["via"] == IKR + "membership/ion--lzu--member"
    assert [e["span"] for e in actor["outgoing"][0]["evidence"]] == ["兰州大学"]
    assert actor["incoming"] == []


def test_incoming_relation_names_the_other_actor(G):
    city = describe(G, IKR + "place/lanzhou")
    assert [(r["label_zh"], r["actor_label_zh"], r["actor_cls"]) for r in city["incoming"]] == [
        ("位于", "兰州大学", "University")]


def test_figures_and_collectives(G):
    firm = describe(G, IKR + "org/jinchuan")
    assert [(f["measure_en"], f["value"], f["unit"], f["time"]) for f in firm["figures"]] == [
        ("chain enterprise count", 64, "家", "2024")]
    assert firm["collective_weight"] == 64 and firm["collectives"][0]["count"] == 64


def test_figure_qualifiers_read_as_words():
    from kg.render.actor import _figure_line

    figure = {"measure_en": "output value", "measure_zh": "产值", "value": 800, "unit": "亿元", "time": "2024",
              "qualifier": "more-than"}
    assert _figure_line(figure, "en") == "output value: more than 800 亿元 (2024)"
    assert _figure_line(figure, "zh") == "产值: 超过 800 亿元 (2024)"


def test_dict_is_json_ready(G):
    for node in G:
        assert json.loads(json.dumps(describe(G, node), ensure_ascii=False)) == describe(G, node)


def test_unknown_iri(G):
    with pytest.raises(UnknownActor, match="no actor has the IRI 'urn:nope'"):
        describe(G, "urn:nope")


def test_text_in_english(G):
    assert format_actor(describe(G, LZU)) == "\n".join([
        "Lanzhou University (兰州大学)",
        "ikr:org/lanzhou-university · University",
        "Also called: 兰大",
        "Classes: ikg:University, ikg:Organization, ikg:Actor",
        "Relations out (2):",
        '  -> located in -> Lanzhou [City]  evidence: "兰州大学" @5-9',
        '  -> member unit -> Ion Therapy Consortium [InnovationConsortium]  evidence: "兰州大学等" @20-25',
        "Relations in: none",
    ])


def test_text_in_chinese_with_figures(G):
    labels = {"Enterprise": {"zh": "企业", "en": "Enterprise"}}
    assert format_actor(describe(G, IKR + "org/jinchuan"), lang="zh", class_labels=labels) == "\n".join([
        "金川集团 (Jinchuan Group)",
        "ikr:org/jinchuan · 企业",
        "类别: ikg:Enterprise, ikg:Organization, ikg:Actor",
        "数据 (1):",
        "  链上企业数: 64 家 (2024)",
        "只计数未列名的群体:",
        "  链上企业数: 64 (2024)",
        "关系（出）: 无",
        "关系（入）: 无",
    ])


def test_english_text_gives_units_and_classes_in_english(article_kg):
    from kg.render import format_actor

    text = format_actor(article_kg.describe("金昌有色金属新材料产业集群"), "en")
    assert "64 enterprises (2024)" in text or "64 家" not in text
    zh = format_actor(article_kg.describe("金昌有色金属新材料产业集群"), "zh",
                      article_kg.network.graph["class_labels"])
    assert "64 家 (2024)" in zh and "IndustrialCluster" not in zh.splitlines()[1]


def test_every_article_actor_describes(article_graph):
    G = project(article_graph)
    if len(G) == 0:
        pytest.skip("graph_data/ holds no actors yet")
    for node in G:
        actor = describe(G, node)
        assert len(actor["outgoing"]) == G.out_degree(node) and len(actor["incoming"]) == G.in_degree(node)
        assert format_actor(actor, "zh").startswith(actor["label_zh"])
