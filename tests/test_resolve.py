"""kg.analysis.resolve: names, aliases, IRIs and parts of names to one actor; unknown and ambiguous names."""

import networkx as nx
import pytest

from kg.errors import AmbiguousActor, UnknownActor
from kg.analysis.resolve import actor_names, describe_candidate, resolve

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
