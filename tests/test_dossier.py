"""kg dossier (kg.dossier): every footnote's span is found at its offsets in its source; one deterministic,
self-contained file in Chinese or English; escaped; bad input is one Error line.

The spans are checked against the texts in ../shared/sources/ (the seed article) and
tests/data/second_source/; tests that need the article skip, saying so, when ../shared/sources/ is absent.
"""

import html
import os
import re

import pytest
from click.testing import CliRunner

from tests.conftest import ARTICLE, ROOT
from tests.test_audit import SECOND, two_source_files

ACTORS = ["甘肃省离子放射治疗技术创新联合体", "金昌有色金属新材料产业集群", "兰州大学", "甘肃省科技厅"]


def kg(*args):
    from kg.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def source_texts():
    """Source id -> text, for every source text the tests can read."""
    from kg.sources import source_path

    texts = {"test-second-source": (SECOND / "test-second-source.txt").read_text(encoding="utf-8")}
    if ARTICLE.is_file():
        texts[ARTICLE.stem] = ARTICLE.read_text(encoding="utf-8")
    for folder in sorted((ROOT / "graph_data").glob("*/claims.ttl")):
        path = source_path(folder.parent.name, ROOT)
        if path is not None:
            texts.setdefault(folder.parent.name, path.read_text(encoding="utf-8"))
    return texts


def check_notes(notes, texts):
    """Every footnote's span is the text of its source at its offsets, where that text is here (the seed's
    always is: the fixtures skip without it); returns how many were checked."""
    checked = 0
    for source, span, start, end in notes:
        assert source in SOURCES, f"footnote cites {source}, which is no source of the graph"
        if source in texts or source in ("000_53c5d41e29162869", "test-second-source"):
            assert source in texts, f"footnote cites {source}, whose text is not here"
            assert texts[source][start:end] == span, (source, span, start, end)
            checked += 1
    return checked


@pytest.fixture(scope="module")
def written(tmp_path_factory, article_text):
    """Each actor's dossier in both formats and both languages: {(actor, lang, suffix): text}."""
    folder = tmp_path_factory.mktemp("dossiers")
    files = {}
    for number, actor in enumerate(ACTORS):
        for lang in ("en", "zh"):
            for suffix in (".md", ".html"):
                out = folder / f"{number}-{lang}{suffix}"
                result = kg("dossier", actor, "--lang", lang, "-o", out)
                assert result.exit_code == 0 and result.output == f"Wrote {out}\n"
                files[(actor, lang, suffix)] = out.read_text(encoding="utf-8")
    return files


def _sources():
    """Source id -> (title, date, publisher) of every source of the project's graph (the seed and the later
    ones: a dossier cites each source that states a fact about its actor)."""
    from kg.analysis.stats import read_sources
    from kg.stores.load import load

    with load("memory") as store:
        documents, _ = read_sources(store)
    found = {iri.rsplit("/", 1)[-1]: (d["title"], d["date"], d["publisher"]) for iri, d in documents.items()}
    found["test-second-source"] = ("test-second-source", None, None)
    return found


SOURCES = _sources()
#: a source's title, as a footnote names it -> its id
TITLES = {title: ident for ident, (title, _, _) in SOURCES.items() if title}


def reference_notes(text):
    """Footnote numbers that cite a reference dataset (no span to check)."""
    markdown = re.findall(r"^\[\^(\d+)\]: .*\((?:a reference dataset|参考数据集)[^)]*\)$", text, flags=re.M)
    page = re.findall(r'<li id="fn-(\d+)" class="reference" data-source="reference/[^"]+">', text)
    return {int(n) for n in markdown + page}


def unescape_md(text):
    return re.sub(r"\\(.)", r"\1", text)


def markdown_notes(text):
    """Note number -> (source id, span, start, end), the source found from the note's title."""
    found = re.findall(r"^\[\^(\d+)\]: \*(.+?)\*, .*?: “(.*)” \((?:characters|字符) (\d+)–(\d+)\)$", text, flags=re.M)
    notes = {}
    for n, title, quote, s, e in found:
        span = re.search(r"\*\*(.*?)\*\*", quote).group(1)
        title = unescape_md(title)
        notes[int(n)] = (TITLES.get(title, title), unescape_md(span), int(s), int(e))
    return notes


def html_notes(text):
    found = re.findall(r'<li id="fn-(\d+)" data-source="([^"]+)" data-start="(\d+)" data-end="(\d+)">'
                       r'<cite>[^<]*</cite>.*?<q lang="zh">[^<]*<mark>([^<]*)</mark>', text)
    return {int(n): (html.unescape(source), html.unescape(span), int(s), int(e)) for n, source, s, e, span in found}


def test_markdown_footnotes_are_found_at_their_offsets(written):
    for (actor, lang, suffix), text in written.items():
        if suffix != ".md":
            continue
        notes = markdown_notes(text)
        cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)}
        # every mark has its note and every note is cited; a reference's note has no span to check
        assert cited and cited == set(notes) | reference_notes(text), (actor, lang)
        assert check_notes(notes.values(), source_texts()) >= 3


def test_html_footnotes_are_found_at_their_offsets(written):
    for (actor, lang, suffix), text in written.items():
        if suffix != ".html":
            continue
        notes = html_notes(text)
        body = text.split('<section id="view">')[0]
        cited = {int(n) for n in re.findall(r'<a href="#fn-(\d+)"', body)}
        everything = set(notes) | reference_notes(text)
        assert cited and cited == everything == set(range(1, len(everything) + 1)), (actor, lang)
        assert check_notes(notes.values(), source_texts()) >= 3


def test_every_sentence_is_footnoted_or_says_why_not(article_kg, article_text):
    from kg.dossier import dossier_data

    for actor in ACTORS:
        data = dossier_data(article_kg, actor, "en")
        for section in data["sections"]:
            for sentence in section["sentences"]:
                assert sentence.get("computed") or sentence["notes"] or sentence["unsourced"]
        place = next(s for s in data["sections"] if s["key"] == "place")
        assert place["sentences"] and all(s["computed"] for s in place["sentences"])


def test_facts_from_a_reference_dataset_cite_it(written):
    text = written[(ACTORS[3], "en", ".md")]
    references = reference_notes(text)
    assert references, "the department's place in the government comes from a reference dataset"
    line = next(line for line in text.splitlines() if "Gansu Provincial People" in line and line.startswith("- "))
    assert any(f"[^{n}]" in line for n in references)


def test_consortium_dossier_says_who_its_members_are(written):
    text = written[(ACTORS[0], "en", ".md")]
    members = text.split("## Memberships and roles")[1].split("##")[0]
    assert "Lanzhou Taiji Ion Technology Co., Ltd. is a lead unit of Gansu Ion Radiotherapy" in members
    assert members.count("\n- ") == 7
    zh = written[(ACTORS[0], "zh", ".md")]
    assert "兰州泰基离子技术有限公司是甘肃省离子放射治疗技术创新联合体的牵头单位" in zh
    assert "## 成员与角色" in zh and "## Memberships" not in zh


def test_cluster_dossier_has_its_figures_with_times(written, article_text):
    text = written[(ACTORS[1], "en", ".md")]
    figures = text.split("## Figures")[1].split("##")[0]
    line = next(line for line in figures.splitlines() if "output value" in line)
    assert "more than 800" in line and "\\(2024\\)" in line
    number = int(re.search(r"\[\^(\d+)\]", line).group(1))
    source, span, start, end = markdown_notes(text)[number]
    assert span == article_text[start:end] and "800" in span


def test_the_same_graph_gives_the_same_bytes(tmp_path, article_text):
    for suffix in (".md", ".html"):
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        kg("dossier", ACTORS[0], "-o", first)
        kg("dossier", ACTORS[0], "-o", second)
        assert first.read_bytes() == second.read_bytes()


def test_html_is_self_contained(written):
    text = written[(ACTORS[0], "en", ".html")]
    outer = re.sub(r'srcdoc="[^"]*"', "", text)
    assert not re.search(r'src="(https?:)?//', outer) and "<link" not in outer
    # the only outside addresses are the notes' URLs, links a reader may follow, never loaded
    assert all('class="url"' in tag for tag in re.findall(r'<a [^>]*href="(?:https?:)?//[^>]*>', outer))
    assert "<script" not in outer  # the page's only scripts are the view's, inside the srcdoc frame
    inner = html.unescape(re.search(r'srcdoc="([^"]*)"', text).group(1))
    assert inner.startswith("<!DOCTYPE html>") and not re.search(r'<script[^>]+src=', inner)
    assert "Content-Security-Policy" in outer


def test_markdown_has_a_static_svg_of_the_ego_network(written):
    text = written[(ACTORS[0], "en", ".md")]
    svg = re.search(r"<svg .*?</svg>", text, flags=re.S).group(0)
    assert svg.count("<circle") == 9 and svg.count('stroke-width="3"') == 1  # the consortium and its 8 neighbours
    assert "<title>Gansu Ion Radiotherapy Technology Innovation Consortium</title>" in svg


def test_two_sources_footnote_both(tmp_path):
    """With the second source loaded, the restated relation cites a span in each, each found in its text."""
    import kg as kg_module
    from kg.dossier import dossier_data

    os.environ["KG_SOURCES"] = str(SECOND)
    try:
        data = dossier_data(kg_module.open(data=two_source_files()), "兰州大学", "en")
    finally:
        del os.environ["KG_SOURCES"]
    sentence = next(s for section in data["sections"] for s in section["sentences"]
                    if "provides technical strength" in s["text"])
    notes = [data["footnotes"][n - 1] for n in sentence["notes"]]
    assert sorted(note["source"] for note in notes) == ["000_53c5d41e29162869", "test-second-source"]
    texts = source_texts()
    check_notes([(n["source"], n["span"], n["start"], n["end"]) for n in notes if n["source"] in texts], texts)


def test_names_from_the_data_are_escaped(tmp_path):
    from kg.dossier import dossier_html, dossier_markdown, dossier_data
    import kg as kg_module

    ttl = tmp_path / "evil.ttl"
    ttl.write_text('''
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/innovation-kg/id/org/x> a ikg:Organization ; skos:prefLabel "<script>x</script>[a](b)"@en .
<https://w3id.org/innovation-kg/id/org/y> a ikg:Organization ; skos:prefLabel "Y"@en ;
    ikg:partner <https://w3id.org/innovation-kg/id/org/x> .
''', encoding="utf-8")
    data = dossier_data(kg_module.open(data=[ROOT / "ontology" / "innovation.ttl", ttl]), "Y", "en")
    page = dossier_html(data)
    assert "<script>x" not in re.sub(r'srcdoc="[^"]*"', "", page)
    markdown = dossier_markdown(data)
    assert "<script>" not in markdown and "\\<script\\>x\\</script\\>\\[a\\]\\(b\\)" in markdown
    assert "&lt;script&gt;x&lt;/script&gt;" in markdown  # in the SVG's names


def test_bad_input_is_one_error_line(tmp_path):
    result = kg("dossier", ACTORS[0], "-o", tmp_path / "d.pdf")
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot tell the dossier's format")
    assert len(result.stderr.strip().splitlines()) == 1
    result = kg("dossier", "清华大学", "-o", tmp_path / "d.md")
    assert result.exit_code == 2 and result.stderr.startswith("Error: no actor is named '清华大学'")
    assert not (tmp_path / "d.md").exists() and list(tmp_path.iterdir()) == []


@pytest.mark.browser
@pytest.mark.slow
def test_html_dossier_in_chromium(written, tmp_path):
    """Opened from a file, offline: the embedded ego view draws, nothing is requested from outside."""
    from tests.browser import chromium_missing_reason, open_browser

    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    page_file = tmp_path / "dossier.html"
    page_file.write_text(written[(ACTORS[0], "zh", ".html")], encoding="utf-8")
    with open_browser() as session:
        record = session.open(page_file, wait_ready=False)
        frame = record.page.frames[1]
        frame.wait_for_function("() => window.kgView && window.kgView.ready === true", timeout=30000)
        record.page.locator('a[href="#fn-1"]').first.click()
        assert record.page.evaluate("() => location.hash") == "#fn-1"
        # and back from the note to the sentence that cites it
        back = record.page.locator("#fn-1 a.back").first
        target = back.get_attribute("href")
        back.click()
        assert record.page.evaluate("() => location.hash") == target
        assert record.page.locator(target).count() == 1
        # printed: the static drawing instead of the interactive frame, no back-links
        record.page.emulate_media(media="print")
        assert not record.page.locator("iframe.ego").is_visible()
        assert record.page.locator(".print-only svg").is_visible()
        assert not record.page.locator("a.back").first.is_visible()
    assert record.console_errors == [] and record.page_errors == [] and record.external_requests == []


def test_notes_cite_like_a_bibliography(written, article_text):
    """Regression: notes read "000_53c5d41e29162869, “兰州大学”, characters 2605-2609"."""
    for (actor, lang, suffix), text in written.items():
        notes = text.split("## Sources" if lang == "en" else "## 来源")[-1] if suffix == ".md" else \
            text.split('<ol class="footnotes">')[1]
        quoted = markdown_notes(text) if suffix == ".md" else html_notes(text)
        assert quoted, (actor, lang, suffix)
        for line in notes.splitlines():
            if not (line.startswith("[^") or line.startswith("<li id=\"fn-")) or "reference" in line or "参考" in line:
                continue
            # title, publisher, date, then the sentence, the span marked inside it
            cited = [ident for ident, (title, _, _) in SOURCES.items() if title and html.escape(title) in line
                     or title and title in unescape_md(line)]
            assert cited, line
            title, date, _ = SOURCES[cited[0]]
            assert date and date[:4] in line, line
            if cited[0] == "000_53c5d41e29162869":
                assert "2025" in line and ("Gansu Daily" in line or "甘肃日报" in line), line
            assert cited[0] not in line.split("data-end")[-1], line  # cited by its title, not its id
        texts = source_texts()
        for source, span, start, end in quoted.values():
            if source == "000_53c5d41e29162869":
                assert article_text[start:end] == span
            elif source in texts:
                assert texts[source][start:end] == span
        if suffix == ".html":  # the quoted sentence is its source's text around the span
            for source, before, span, after, start in re.findall(
                    r'data-source="([^"]+)"[^>]*>.*?<q lang="zh">([^<]*)<mark>([^<]*)</mark>([^<]*)</q> '
                    r'<span class="note">\((?:characters|字符) (\d+)', text):
                if source not in texts:
                    continue
                source_text = texts[source]
                before, span, after = (html.unescape(x).strip("…") for x in (before, span, after))
                start = int(start)
                assert source_text[start - len(before):start] == before and source_text[start:].startswith(span + after)


def test_reference_registers_are_named_by_their_title(written):
    text = written[(ACTORS[3], "en", ".md")]
    lines = [line for line in text.splitlines() if line.startswith("[^") and "reference dataset" in line]
    assert lines and all("reference/" not in line for line in lines)
    assert any("Gansu Provincial People's Government portal" in line for line in lines)


def test_footnote_marks_rise_and_notes_link_back(written):
    for (actor, lang, suffix), text in written.items():
        if suffix != ".html":
            continue
        for marks in re.findall(r"<sup>(.*?)</sup>", text.split('<section id="view">')[0]):
            numbers = [int(n) for n in re.findall(r'href="#fn-(\d+)"', marks)]
            assert numbers == sorted(numbers), (actor, lang, numbers)
        ids = set(re.findall(r' id="(ref-[^"]+)"', text))
        backs = re.findall(r'<a class="back" href="#(ref-[^"]+)"', text)
        assert backs and set(backs) <= ids


def test_relations_read_as_sentences_in_both_languages(written):
    en = written[(ACTORS[2], "en", ".md")].split("## Relations")[1].split("##")[0]
    assert "- AB-BNCT \\(accelerator-based boron neutron capture therapy\\) technology was developed by Lanzhou University" in en \
        or "was developed by Lanzhou University" in en
    assert not re.search(r"^- .* technology developed by Lanzhou University", en, flags=re.M)
    zh = written[(ACTORS[2], "zh", ".md")].split("## 关系")[1].split("##")[0]
    assert "由兰州大学研发" in zh and not re.search(r"（[^）]*）兰州大学", zh)
    members = written[(ACTORS[2], "en", ".md")].split("## Memberships and roles")[1].split("##")[0]
    assert "Lanzhou University is a member unit of Gansu Ion Radiotherapy Technology Innovation Consortium" in members


def test_who_it_is_says_what_the_graph_knows(article_kg):
    from kg.dossier import dossier_data

    data = dossier_data(article_kg, "甘肃省科技厅", "en")
    who = [s["text"] for s in data["sections"][0]["sentences"]]
    assert who[0] == ("Gansu Provincial Department of Science and Technology is a government body, part of "
                      "Gansu Provincial People's Government")
    assert any(text.startswith("Gansu Provincial Department of Science and Technology is also called") for text in who)
    counts = next(text for text in who if text.startswith("The graph records"))
    relations = sum(len(s["sentences"]) for s in data["sections"] if s["key"] in ("members", "relations"))
    assert f"records {relations} relations" in counts and "4 implemented by" in counts
    assert any(text.startswith("Its dated facts run from") for text in who)
