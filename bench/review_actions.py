"""The scripted review of docs/examples/review-sample.txt in the browser, counted: keys and clicks, against
the characters a person types to make the same review by editing the TSV.

Usage::

    python bench/review_actions.py                 # writes bench/results/review-actions.json
    python bench/review_actions.py --screenshots   # also docs/screenshots/review-en.png and review-zh.png

The page's counts come from tests/review_script.py's drivers, the same review the browser tests check
(keyboard only: each key pressed, a typed name counts its characters; mouse only: each click and each
drag over text). The TSV baseline is counted from the files themselves: the review file as ``kg ingest``
wrote it against the same file after the review, both with the review fields a hand editor need not touch
dropped (a proposed line is kept by ``kg accept``, so accepting costs nothing there; a changed line costs the characters inserted into it
(difflib); a new line costs its whole length). Looking up a key (org/institute-of-modern-physics-cas), a
relation term, a class name or an offset is not counted, so the baseline is a lower bound; a rejected line
counts as deleted (two keys), cheaper than typing ``rejected``.
"""

import argparse
import difflib
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.side_by_side import machine, write_json  # noqa: E402

_KEPT_FIELDS = ("status",)


def hand_typed(before, after):
    """Characters typed to turn the review file ``before`` into ``after`` by hand (see the module's text):
    ``(total, by line kind)``."""
    old, new = _comparable(before), _comparable(after)
    typed, per_kind = 0, {}

    def bill(kind, cost):
        nonlocal typed
        typed += cost
        per_kind[kind] = per_kind.get(kind, 0) + cost

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = list(old[i1:i2]), list(new[j1:j2])
        for line in added:
            twin = max(removed, key=lambda a: difflib.SequenceMatcher(a=a, b=line, autojunk=False).ratio(), default=None)
            if twin is not None and difflib.SequenceMatcher(a=twin, b=line, autojunk=False).ratio() > 0.6:
                removed.remove(twin)
                bill(line.split("\t")[0], _line_cost(twin, line))  # a line edited in place
            else:
                bill(line.split("\t")[0], len(line) + 1)  # a new line, typed whole with its line end
        for line in removed:
            bill("deleted " + line.split("\t")[0], 2)  # a rejected line deleted: two keys (dd)
    return typed, per_kind


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "review-actions.json"))
    parser.add_argument("--screenshots", action="store_true", help="also write docs/screenshots/review-*.png")
    args = parser.parse_args(argv)

    from tests.browser import open_browser
    from tests.review_script import KeyboardReview, MouseReview, RunningReview, prepare_home, restore_env

    result = {"article": "docs/examples/review-sample.txt", "machine": machine()}
    with open_browser() as browser:
        for name, driver_class in (("keyboard", KeyboardReview), ("mouse", MouseReview)):
            with tempfile.TemporaryDirectory() as work:
                old, review_path = prepare_home(Path(work) / "project")
                ingested = review_path.read_text(encoding="utf-8")
                running = RunningReview(review_path)
                try:
                    page, _ = browser.open_served(running.base, running.path(), width=1400)
                    driver = driver_class(page)
                    outcome = driver.review()
                    assert outcome["ok"], outcome
                    reviewed = review_path.read_text(encoding="utf-8")
                    result[name] = {"keys": driver.keys, "clicks": driver.clicks, "actions": driver.actions}
                    print(f"{name}: {driver.keys} keys, {driver.clicks} clicks", flush=True)
                    if name == "keyboard":
                        typed, per_kind = hand_typed(ingested, reviewed)
                        result["tsv"] = {"characters_typed": typed, "by_line_kind": per_kind}
                        print(f"tsv by hand: {typed} characters typed ({per_kind})", flush=True)
                    if args.screenshots and name == "mouse":
                        _screenshots(browser, running)
                finally:
                    running.stop()
                    restore_env(old)
    for name in ("keyboard", "mouse"):
        result[name]["ratio_to_tsv"] = round(result[name]["actions"] / result["tsv"]["characters_typed"], 3)
    write_json(args.out, result)


# helpers

def _comparable(text):
    """The file's claim lines without the review fields a hand editor leaves alone."""
    lines = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if "\tstatus=rejected" in line:
            continue  # by hand, a rejected line is deleted (cheaper than typing status=rejected)
        # kg accept keeps a proposed line, so accepting types nothing: every status field is left out
        cells = [cell for cell in line.split("\t") if not re.match(r"(status|confidence|why|start|end|maybe_same_as)=", cell)]
        lines.append("\t".join(cells))
    return lines


def _line_cost(before, after):
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    cost = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            cost += j2 - j1
        elif tag == "delete":
            cost += 2  # select and delete
    return cost


def _screenshots(browser, running):
    """The page after the review, in English (adding a relation: two actors clicked, the relations that
    fit them listed) and in Chinese (1400x900)."""
    from tests.review_script import CONSORTIUM, MouseReview

    for lang in ("en", "zh"):
        page, _ = browser.open_served(running.base, running.path(lang), width=1400, height=900)
        page.wait_for_function("() => window.kgReview && window.kgReview.ready === true")
        if lang == "en":
            driver = MouseReview(page)
            page.click("#btn-relation")
            page.click(driver.actor_mark("祁连光谷研究院"))
            page.click(driver.actor_mark(CONSORTIUM))
            page.wait_for_selector('ul[data-for="relation"] li')
        out = ROOT / "docs" / "screenshots" / f"review-{lang}.png"
        page.screenshot(path=str(out))
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
