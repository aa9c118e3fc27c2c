"""A path found without the full projection (evidence read for its hops only) is the path found with it."""

import pytest


@pytest.fixture()
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


PAIRS = [("兰州大学", "金川集团"), ("俄罗斯沃罗涅日国立农业大学", "甘肃省科技厅"), ("甘肃省科技厅", "甘肃省人民政府")]


@pytest.mark.parametrize("mode", ["shortest", "all_shortest", "k_shortest"])
@pytest.mark.parametrize("a, b", PAIRS)
def test_light_and_full_paths_agree_hop_for_hop_with_their_evidence(fresh_cache, mode, a, b):
    import kg

    light = kg.open()
    found = light.path(a, b, mode=mode)
    assert light._network is None and light._light is not None, "the light projection was not used"
    full = kg.open()
    full.network  # the full projection, evidence and all
    assert found == full.path(a, b, mode=mode), (a, b, mode)
    assert all(hop["evidence"] for path in found["paths"] for hop in path), "a hop lost its evidence"


def test_a_cached_full_projection_is_preferred_and_the_light_one_is_cached_too(fresh_cache):
    import kg

    kg.open().path("兰州大学", "金川集团")  # cold: the light projection, cached
    assert any("-light" in p.name for p in fresh_cache.iterdir())
    again = kg.open()
    again.path("兰州大学", "金川集团")
    assert again._light is not None and again._network is None
    kg.open().network  # now the full projection is cached as well
    third = kg.open()
    third.path("兰州大学", "金川集团")
    assert third._network is not None and third._light is None


def test_the_light_projection_on_an_oxigraph_store(tmp_path, fresh_cache):
    import kg

    spec = f"oxigraph:{tmp_path / 'store'}"
    with kg.open(store=spec) as light:
        found = light.path("兰州大学", "金川集团", mode="all_shortest")
        assert light._light is not None
    assert (tmp_path / "store" / ".kg-projection-light.pickle").is_file()
    with kg.open(store=spec) as full:
        full.network
        assert full.path("兰州大学", "金川集团", mode="all_shortest") == found
