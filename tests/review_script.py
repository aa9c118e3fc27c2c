"""The scripted review of docs/examples/review-sample.txt, driven in Chromium by keyboard only or mouse only.

Used by tests/test_review_browser.py (the review must give docs/examples/review-sample.claims.tsv) and
bench/review_actions.py (which counts the actions). :func:`prepare_home` makes a temporary copy of the
project (ontology, graph_data) and ingests the sample into it; :func:`start_review` serves its review page
in this process; :class:`KeyboardReview` and :class:`MouseReview` do the same review, counting each key
pressed (a typed string counts its characters) and each click or drag.

The review: accept the right actors and the cooperation; join 中科院近代物理研究所 to the known Institute of
Modern Physics; reject 中科院 (a piece of that name) and the two "sub-organisation" relations the rules read into
names; reject 金川集团有限公司 as a new actor and fix the known 金川集团 to 金川集团有限公司 instead (an alias of the
known Jinchuan Group); add the consortium the rules missed (创新共同体 is no suffix they know); add its lead unit
(evidence: a selected clause) and a member unit (evidence: the sentence naming both, by default); add its R&D
spending 2.4亿元; accept all.
"""

import contextlib
import os
import shutil
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "docs" / "examples" / "review-sample.txt"
EXPECTED = ROOT / "docs" / "examples" / "review-sample.claims.tsv"
SOURCE_ID = "demo-review"
CONSORTIUM = "陇原星河新材料创新共同体"

#: the decisions on the rules' proposals, in the page's order (by position in the text)
DECISIONS = [
    ("actor", "星河稀材有限公司", "accept"),
    ("actor", "祁连光谷研究院", "accept"),
    ("actor", "兰州大学", "accept"),
    ("relation", "cooperatesWith", "accept"),
    ("actor", "河西晨光能源集团", "accept"),
    ("actor", "中科院近代物理研究所", "join"),
    ("actor", "中科院", "reject"),
    ("relation", "org:subOrganizationOf", "reject"),
    ("actor", "金川集团有限公司", "reject"),
    ("actor", "金川集团", "boundary"),
    ("relation", "金川集团有限公司 —org:subOrganizationOf→ 金川集团", "reject"),
]
JOIN_KEY = "org/institute-of-modern-physics-cas"
JOIN_QUERY = "近代物理"
BOUNDARY = "金川集团有限公司"
LEAD_EVIDENCE = "共同体由星河稀材有限公司牵头"
FIGURE = "2.4亿元"
MEASURE = "研发投入"


def prepare_home(folder):
    """A project copy in ``folder`` with the sample ingested; sets KG_HOME and KG_SOURCES (returns the old
    values, for :func:`restore_env`) and the review file's path."""
    folder = Path(folder)
    shutil.copytree(ROOT / "ontology", folder / "ontology")
    shutil.copytree(ROOT / "graph_data", folder / "graph_data")
    old = {name: os.environ.get(name) for name in ("KG_HOME", "KG_SOURCES")}
    os.environ["KG_HOME"] = str(folder)
    os.environ["KG_SOURCES"] = os.pathsep.join([str(folder / "sources"), str(ROOT.parent / "shared" / "sources")])
    import kg
    from kg.ingest import ingest

    with kg.open() as graph:
        ingest(SAMPLE, SOURCE_ID, graph=graph, date="2025-06-01", publisher="甘肃日报", place="甘肃",
               review=folder / f"{SOURCE_ID}.review.tsv")
    return old, folder / f"{SOURCE_ID}.review.tsv"


def restore_env(old):
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


class RunningReview:
    """The review page served by uvicorn in a thread of this process."""

    def __init__(self, review_path, source_id=SOURCE_ID):
        import uvicorn

        import kg
        from kg.review.serve import ReviewServer

        self.graph = kg.open()
        self.source_id = source_id
        self.server = ReviewServer({source_id: review_path}, graph=self.graph)
        self.base = f"http://127.0.0.1:{self.server.port}"
        self._uvicorn = uvicorn.Server(uvicorn.Config(self.server.app, host="127.0.0.1", port=self.server.port,
                                                      log_level="warning"))
        self._thread = threading.Thread(target=self._uvicorn.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 120
        while not self._uvicorn.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the review server did not start")
            time.sleep(0.05)

    def path(self, lang=None):
        return f"/review/{self.source_id}?token={self.server.token}" + (f"&lang={lang}" if lang else "")

    def stop(self):
        self._uvicorn.should_exit = True
        self._thread.join(timeout=30)
        self.graph.close()


class _Driver:
    """What both drivers share: the page, the action count, waiting for the server's answers."""

    def __init__(self, page):
        self.page = page
        self.keys = 0
        self.clicks = 0

    @property
    def actions(self):
        return self.keys + self.clicks

    def ready(self):
        self.page.wait_for_function("() => window.kgReview && window.kgReview.ready === true")

    @contextlib.contextmanager
    def answered(self, path="/action"):
        """A context manager waiting for the page's POST to ``path`` (the saved change) and its redraw."""
        with self.page.expect_response(lambda r: r.url.endswith(path) and r.request.method == "POST") as info:
            yield info
        self.page.wait_for_function("() => !window.kgReview.busy")

    def proposal(self, kind, label):
        """The id of the proposal the page shows as ``kind``/``label`` (for relations, its term)."""
        return self.page.evaluate("""([kind, label]) => {
            const found = window.kgReview.state.data.proposals.find((p) => p.kind === kind &&
                (p.label === label || p.relation === label));
            return found ? found.id : null; }""", [kind, label])

    def actor_mark(self, name):
        """The selector of a mark holding the actor ``name`` (its proposal not rejected)."""
        ident = self.page.evaluate("""(name) => {
            const found = window.kgReview.state.data.proposals.find((p) => (p.kind === "actor" || p.kind === "alias")
                && p.label === name && p.status !== "rejected");
            return found ? found.id : null; }""", name)
        assert ident is not None, f"no actor {name} on the page"
        return f'mark[data-ids~="{ident}"]'

    def review(self):
        self.ready()
        for kind, label, what in DECISIONS:
            getattr(self, what)(kind, label)
        self.add_actor()
        self.add_lead_unit()
        self.add_member_unit()
        self.add_figure()
        return self.accept_all()

    def settle(self):
        self.page.wait_for_function("() => document.getElementById('panel').hidden")


class KeyboardReview(_Driver):
    """The review with the keyboard alone: keys move, decide and open panels; names are typed."""

    def press(self, key):
        self.page.keyboard.press(key)
        self.keys += 1

    def type(self, text):
        self.page.keyboard.type(text)
        self.keys += len(text)

    def _current_is(self, kind, label):
        ident = self.proposal(kind, label)
        current = self.page.evaluate("() => { const s = window.kgReview.state; return s.order[s.current].id; }")
        assert current == ident, f"the current proposal is {current}, the script expects {kind} {label} ({ident})"

    def accept(self, kind, label):
        self._current_is(kind, label)
        with self.answered():
            self.press("a")

    def reject(self, kind, label):
        self._current_is(kind, label)
        with self.answered():
            self.press("x")

    def join(self, kind, label):
        self._current_is(kind, label)
        self.press("j")
        self.type(JOIN_QUERY)
        with self.answered():
            self.press("Enter")

    def boundary(self, kind, label):
        self._current_is(kind, label)
        self.press("e")
        self.type(BOUNDARY)  # the field holds the old name, selected: typing replaces it
        with self.answered():
            self.press("Enter")

    def add_actor(self):
        self.press("n")
        self.type(CONSORTIUM)
        self.press("Enter")
        self.type("consortium")
        with self.answered():
            self.press("Enter")

    def _relation(self, evidence, subject, obj, relation):
        self.press("r")
        if evidence:
            self.type(evidence)
        self.press("Enter")
        self.type(subject)
        self.press("Enter")
        self.type(obj)
        self.press("Enter")
        self.page.wait_for_selector('ul[data-for="relation"] li')
        self.type(relation)
        with self.answered():
            self.press("Enter")

    def add_lead_unit(self):
        self._relation(LEAD_EVIDENCE, "星河稀材", "创新共同体", "lead unit")

    def add_member_unit(self):
        self._relation("", "祁连光谷", "创新共同体", "member unit")

    def add_figure(self):
        self.press("f")
        self.type(FIGURE)
        self.press("Enter")
        self.type("创新共同体")
        self.press("Enter")
        self.type(MEASURE)
        with self.answered():
            self.press("Enter")

    def accept_all(self):
        with self.answered("/accept") as info:
            self.press("Control+Enter")
        return info.value.json()


class MouseReview(_Driver):
    """The review with the mouse alone: clicks on buttons, marks and options; text selected by dragging."""

    def click(self, selector):
        self.page.click(selector)
        self.clicks += 1

    def select_text(self, text, occurrence=None):
        """Drag the mouse over ``text`` in the article (its last occurrence unless ``occurrence``, 0-based)."""
        box = self.page.evaluate("""([text, occurrence]) => {
            const article = document.getElementById('text');
            const full = window.kgReview.state.data.text;
            let at = occurrence === null ? full.lastIndexOf(text) : -1;
            for (let i = 0; occurrence !== null && i <= occurrence; i++) at = full.indexOf(text, at + 1);
            const point = (offset, side) => {
                for (const node of article.children) {
                    const start = Number(node.dataset.o), length = node.textContent.length;
                    if (offset >= start && offset < start + length) {
                        const range = document.createRange();
                        range.setStart(node.firstChild, offset - start);
                        range.setEnd(node.firstChild, offset - start + 1);
                        const r = range.getClientRects()[0];
                        return { x: side === 'start' ? r.left + r.width * 0.2 : r.right - r.width * 0.2, y: r.top + r.height / 2 };
                    }
                }
                return null;
            };
            return { from: point(at, 'start'), to: point(at + text.length - 1, 'end') };
        }""", [text, occurrence])
        mouse = self.page.mouse
        mouse.move(box["from"]["x"], box["from"]["y"])
        mouse.down()
        mouse.move(box["to"]["x"], box["to"]["y"], steps=5)
        mouse.up()
        self.clicks += 1
        selected = self.page.evaluate("() => window.getSelection().toString()")
        assert selected == text, f"dragged over {selected!r}, not {text!r}"

    def _button(self, kind, label, css):
        ident = self.proposal(kind, label)
        assert ident is not None, f"no proposal {kind} {label}"
        return f"#p-{ident} {css}"

    def accept(self, kind, label):
        with self.answered():
            self.click(self._button(kind, label, ".do-accept"))

    def reject(self, kind, label):
        with self.answered():
            self.click(self._button(kind, label, ".do-reject"))

    def join(self, kind, label):
        self.click(self._button(kind, label, ".do-join"))
        option = f'ul[data-for="join"] button[data-value="{JOIN_KEY}"]'
        self.page.wait_for_selector(option)
        with self.answered():
            self.click(option)

    def boundary(self, kind, label):
        self.select_text(BOUNDARY)
        self.click(self._button(kind, label, ".do-edit"))
        with self.answered():
            self.click("#panel .panel-save")

    def add_actor(self):
        self.select_text(CONSORTIUM, occurrence=2)
        self.click("#btn-new-actor")
        with self.answered():
            self.click('ul[data-for="class"] button[data-value="InnovationConsortium"]')

    def _relation(self, subject, obj, term):
        self.click("#btn-relation")
        self.click(self.actor_mark(subject))
        self.click(self.actor_mark(obj))
        option = f'ul[data-for="relation"] button[data-value="{term}"]'
        self.page.wait_for_selector(option)
        with self.answered():
            self.click(option)

    def add_lead_unit(self):
        self.select_text(LEAD_EVIDENCE)
        self._relation("星河稀材有限公司", CONSORTIUM, "role/lead-unit")

    def add_member_unit(self):
        self._relation("祁连光谷研究院", CONSORTIUM, "role/member-unit")

    def add_figure(self):
        self.select_text(FIGURE)
        self.click("#btn-figure")
        self.click(self.actor_mark(CONSORTIUM))
        self.select_text(MEASURE)
        self.click("#panel .use-selection-measure")
        with self.answered():
            self.click("#panel .panel-save")

    def accept_all(self):
        with self.answered("/accept") as info:
            self.click("#btn-accept-all")
        return info.value.json()
