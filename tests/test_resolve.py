"""kg.analysis.resolve: names, aliases, IRIs and parts of names to one actor; unknown and ambiguous names."""

import networkx as nx
import pytest

from kg.errors import AmbiguousActor, UnknownActor
from kg.analysis.resolve import (actor_names, describe_candidate, name_variants, resolve, same_as_candidates,
                                 to_simplified)

IKR = "https://w3id.org/innovation-kg/id/"
LZU = IKR + "org/lanzhou-university"
LANZHOU = IKR + "place/lanzhou"
LZNA = IKR + "place/lanzhou-new-area"
JINCHUAN = IKR + "org/jinchuan-group"
TWIN_A = IKR + "org/taiji-a"
TWIN_B = IKR + "org/taiji-b"


@pytest.fixture(scope="module")
def G():
    G = nx.MultiDiGraph()
    G.add_node(LZU, label_zh="兰州大学", label_en="Lanzhou University", aliases=["兰大", "LZU"], cls="University")
    G.add_node(LANZHOU, label_zh="兰州市", label_en="Lanzhou", aliases=["兰州"], cls="City")
    G.add_node(LZNA, label_zh="兰州新区", label_en="Lanzhou New Area", aliases=[], cls="District")
    G.add_node(JINCHUAN, label_zh="金川集团股份有限公司", label_en="Jinchuan Group Co., Ltd.",
               aliases=["金川集团"], cls="Enterprise")
    G.add_node(TWIN_A, label_zh="兰州科近泰基新技术有限责任公司", label_en="Taiji A", aliases=["泰基公司"],
               cls="Enterprise")
    G.add_node(TWIN_B, label_zh="兰州泰基离子技术有限公司", label_en="Taiji B", aliases=["泰基公司"],
               cls="Enterprise")
    return G


@pytest.mark.parametrize("name, expected", [
    (LZU, LZU),                                   # full IRI
    ("ikr:org/lanzhou-university", LZU),         # prefixed name
    ("兰州大学", LZU),                              # Chinese name
    ("lanzhou university", LZU),                  # English name, any case
    ("  Lanzhou   University ", LZU),             # runs of spaces
    ("ＬＡＮＺＨＯＵ University", LZU),             # full-width letters
    ("兰大", LZU),                                  # Chinese alias
    ("lzu", LZU),                                  # English alias
    ("兰州", LANZHOU),                             # exact alias beats being part of 兰州大学 and 兰州新区
    ("Lanzhou", LANZHOU),                          # exact English name beats substrings
    ("金川", JINCHUAN),                             # unique substring
    ("兰州大", LZU),                                # unique substring of a Chinese name
    ("jinchuan group", JINCHUAN),                  # unique substring, folded case
])
def test_resolves(G, name, expected):
    assert resolve(G, name) == expected


def test_exact_name_of_two_actors_is_ambiguous(G):
    with pytest.raises(AmbiguousActor) as caught:
        resolve(G, "泰基公司")
    error = caught.value
    assert error.exit_code == 2
    assert error.candidates == [TWIN_A, TWIN_B]
    assert str(error) == (
        "'泰基公司' matches 2 actors: 兰州科近泰基新技术有限责任公司 / Taiji A (Enterprise, ikr:org/taiji-a); "
        "兰州泰基离子技术有限公司 / Taiji B (Enterprise, ikr:org/taiji-b); give more of the name or the IRI")


def test_substring_of_several_lists_the_shortest_names_first(G):
    with pytest.raises(AmbiguousActor) as caught:
        resolve(G, "新")
    assert caught.value.candidates == [LZNA, TWIN_A]
    with pytest.raises(AmbiguousActor) as caught:
        resolve(G, "Taiji")
    assert caught.value.candidates == [TWIN_A, TWIN_B]


def test_unknown_lists_the_closest_names(G):
    with pytest.raises(UnknownActor) as caught:
        resolve(G, "Lanzhou Univresity")
    error = caught.value
    assert error.exit_code == 2
    assert error.candidates[0] == LZU
    assert str(error).startswith("no actor is named 'Lanzhou Univresity'; closest: "
                                 "兰州大学 / Lanzhou University (University, ikr:org/lanzhou-university)")


def test_unknown_with_nothing_close(G):
    with pytest.raises(UnknownActor, match=r"^no actor is named 'qqqqqqqq' \(and no name is close to it\)$"):
        resolve(G, "qqqqqqqq")


def test_unknown_prefixed_name_is_unknown(G):
    with pytest.raises(UnknownActor):
        resolve(G, "ikr:org/no-such-org")


def test_empty_name(G):
    with pytest.raises(UnknownActor, match="no actor name given"):
        resolve(G, "   ")


def test_actor_names_and_candidate_description(G):
    assert (LZU, "兰大") in actor_names(G)
    assert describe_candidate(G, LANZHOU) == "兰州市 / Lanzhou (City, ikr:place/lanzhou)"


def test_resolves_names_in_the_article(article_graph):
    from kg.analysis.network import project

    G = project(article_graph)
    if len(G) == 0:
        pytest.skip("graph_data/ holds no actors yet")
    for node, data in list(G.nodes(data=True))[:50]:
        for name in (data["label_zh"], data["label_en"]):
            try:
                assert resolve(G, name) == node
            except AmbiguousActor as error:  # a name two actors share must list both
                assert node in error.candidates


# -- issue 9: the same actor across sources ------------------------------------------------------

DEPT = IKR + "org/gansu-st-department"


@pytest.fixture(scope="module")
def G2(G):
    H = G.copy()
    H.add_node(DEPT, label_zh="甘肃省科学技术厅", label_en="Gansu S&T Department", aliases=["甘肃省科技厅"],
               cls="GovernmentBody")
    return H


@pytest.mark.parametrize("name", ["蘭州大學", "蘭大", "ＬＺＵ"])
def test_traditional_and_full_width_forms_resolve(G, name):
    assert resolve(G, name) == LZU


def test_to_simplified_leaves_simplified_and_latin_alone():
    assert to_simplified("金川集團") == "金川集团"
    assert to_simplified("金川集团") == "金川集团" and to_simplified("Jinchuan") == "Jinchuan"


def test_region_prefixed_form_resolves_for_a_lookup(G2):
    # a lookup has no source region: 省科技厅 is read with the 省 prefix only when one actor fits
    assert same_as_candidates(G2, "省科技厅", region="甘肃") == [
        (DEPT, "maybe", "region-prefixed form in a 甘肃 source: 省科技厅 = 甘肃省科技厅")]
    assert same_as_candidates(G2, "省科技厅", region="青海") == []
    assert same_as_candidates(G2, "省科技厅") == []


def test_legal_suffix_variants_are_maybe_never_exact(G):
    assert same_as_candidates(G, "金川集团股份有限公司") == [(JINCHUAN, "exact", "name 金川集团股份有限公司")]
    maybe = same_as_candidates(G, "金川集团有限公司")
    assert maybe == [(JINCHUAN, "maybe", "the same name with 股份有限公司 for 有限公司")]


def test_zhongguo_prefix_is_a_variant():
    assert ("科学院兰州分院", "the same name without 中国") in name_variants("中国科学院兰州分院")


def test_exact_and_alias_are_exact(G2):
    assert same_as_candidates(G2, "甘肃省科技厅") == [(DEPT, "exact", "alias 甘肃省科技厅")]
    assert same_as_candidates(G2, "甘肅省科學技術廳") == [(DEPT, "exact", "name 甘肃省科学技术厅")]


def test_unrelated_name_has_no_candidates(G2):
    assert same_as_candidates(G2, "祁连某某研究院", region="甘肃") == []


def test_variant_lookup_of_a_legal_name(G):
    assert resolve(G, "金川集团有限公司") == JINCHUAN


def test_kg_show_finds_a_traditional_name():
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["show", "蘭州大學"])
    assert result.exit_code == 0, result.output
    assert "兰州大学" in result.output


def test_the_table_of_traditional_characters_agrees_with_zhconv():
    """to_simplified skips zhconv for names without a character of kg/analysis/traditional.txt: the
    table must list every character zhconv changes (scripts/traditional_chars.py writes it)."""
    import random

    import zhconv

    from kg.analysis import resolve

    listed = resolve._TRADITIONAL
    assert len(listed) > 2000
    assert all(zhconv.convert(ch, "zh-cn") != ch for ch in sorted(listed)[:500])
    others = [chr(cp) for cp in random.Random(0).sample(range(0x4E00, 0xA000), 3000) if chr(cp) not in listed]
    assert all(zhconv.convert(ch, "zh-cn") == ch for ch in others)
    assert resolve.to_simplified("蘭州大學") == "兰州大学" and resolve.to_simplified("兰州大学") == "兰州大学"
