"""The review page in Chromium: a whole review of docs/examples/review-sample.txt by keyboard alone and by
mouse alone (tests/review_script.py), each in a temporary copy of the project. Each run must write the
expected claims (docs/examples/review-sample.claims.tsv), after which `kg build` validates the grown graph
and `kg path` follows the new relation. Marker ``browser``."""

import pytest

from tests.review_script import (CONSORTIUM, EXPECTED, SOURCE_ID, KeyboardReview, MouseReview, RunningReview,
                                 prepare_home, restore_env)

pytestmark = pytest.mark.browser


@pytest.fixture
def home(tmp_path):
    old, review_path = prepare_home(tmp_path / "project")
    running = RunningReview(review_path)
    try:
        yield tmp_path / "project", running
    finally:
        running.stop()
        restore_env(old)


def _claims_lines(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def _review_and_check(browser, home, driver_class):
    from click.testing import CliRunner

    from kg.cli import cli

    folder, running = home
    page, record = browser.open_served(running.base, running.path(), width=1400)
    driver = driver_class(page)
    outcome = driver.review()
    assert outcome["ok"], outcome
    written = folder / "graph_data" / SOURCE_ID / "claims.tsv"
    assert _claims_lines(written) == _claims_lines(EXPECTED)
    # the page says what was added, and every proposal is decided
    progress = page.text_content("#progress")
    assert progress.startswith("17 of 17 decided"), progress
    assert "4 new actors, 4 joined to known actors, 3 relations, 1 figures" in progress
    assert record == {"console": [], "errors": [], "outside": [], "dialogs": []}

    runner = CliRunner()
    built = runner.invoke(cli, ["build", "--out", str(folder / "out"), "--no-view"], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    found = runner.invoke(cli, ["path", "星河稀材有限公司", CONSORTIUM], catch_exceptions=False)
    assert found.exit_code == 0, found.output
    assert "lead unit" in found.output and "联合体由星河稀材有限公司牵头" in found.output
    return driver


def test_a_keyboard_only_review_writes_the_expected_claims(browser, home):
    driver = _review_and_check(browser, home, KeyboardReview)
    assert driver.clicks == 0 and driver.keys > 0


def test_a_mouse_only_review_writes_the_expected_claims(browser, home):
    driver = _review_and_check(browser, home, MouseReview)
    assert driver.keys == 0 and driver.clicks > 0


def test_a_violation_is_shown_against_its_line_and_nothing_is_written(browser, home):
    """Accepting the sub-organisation relation while rejecting its object breaks the graph: the page shows
    the problem on that proposal and graph_data/ gets nothing."""
    folder, running = home
    page, record = browser.open_served(running.base, running.path(), width=1400)
    driver = KeyboardReview(page)
    driver.ready()
    rel = driver.proposal("relation", "org:subOrganizationOf")
    part = driver.proposal("actor", "中科院")
    for ident, what in ((part, "reject"), (rel, "accept")):
        with driver.answered():
            page.click(f"#p-{ident} .do-{what}")
    outcome = driver.accept_all()
    assert not outcome["ok"]
    assert not (folder / "graph_data" / SOURCE_ID).exists()
    problem = page.text_content(f"#p-{rel} .problem-text")
    assert problem and "line" in problem
    assert "problem" in page.get_attribute(f"#p-{rel}", "class")
