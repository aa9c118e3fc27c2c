"""Who approves: the body written after 被/经/获 before a naming cue (确定为, 认定, 批准 …)."""

from kg.extract import Gazetteer, extract


def approvals(text):
    found = extract(text, Gazetteer(), region="甘肃").to_json()["relations"]
    return {(r["subject"], r["object"]) for r in found if r["relation"] == "approved-by"}


def test_a_unit_named_after_a_ministry_approves_itself_not_the_ministry_inside_its_name():
    text = "祁连某某高新区被科技部火炬中心确定为创新型产业集群试点。"
    assert approvals(text) == {("祁连某某高新区", "科技部火炬中心")}


def test_the_ministry_written_alone_still_approves():
    assert approvals("祁连某某高新区被科技部确定为创新型产业集群试点。") == {("祁连某某高新区", "科技部")}


def test_a_body_that_decides_nothing_approves_nothing():
    """A university is no approving body: 被兰州某某大学确定为… states no approval."""
    assert approvals("祁连某某高新区被兰州某某大学确定为合作试点。") == set()
