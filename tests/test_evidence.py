"""Evidence spans: each equals the source text at its offsets, is short, and points at the stating occurrence."""

import pytest
from rdflib import URIRef

from kg.errors import DataError
from kg.evidence import locate, read_source, sha256_file, span_mismatches
from kg.namespaces import IKG, IKR, ORG, RDF, SCHEMA

SOURCE = IKR["source/000_53c5d41e29162869"]


def _evidence(graph):
    rows = []
    for e in graph.subjects(RDF.type, IKG.Evidence):
        rows.append((str(e), str(graph.value(e, IKG.span)), int(graph.value(e, IKG.start)),
                     int(graph.value(e, IKG.end))))
    return sorted(rows)


def _offsets(graph, s, p, o=None):
    found = []
    for e in graph.subjects(RDF.subject, s):
        if graph.value(e, RDF.predicate) == p and (o is None or graph.value(e, RDF.object) == o):
            found.append((int(graph.value(e, IKG.start)), int(graph.value(e, IKG.end)), str(graph.value(e, IKG.span))))
    return sorted(found)


def test_every_span_equals_the_source_text_at_its_offsets(article_rdflib, article_text):
    assert span_mismatches(article_rdflib, article_text, SOURCE) == []
    assert len(_evidence(article_rdflib)) >= 300


def test_document_hash_and_file_name_match_the_source_file(article_rdflib, article_text, root):
    article = root.parent / "shared" / "sources" / "000_53c5d41e29162869.txt"
    assert str(article_rdflib.value(SOURCE, IKG.sha256)) == sha256_file(article)
    assert str(article_rdflib.value(SOURCE, IKG.fileName)) == article.name
    assert len(article_text) == 4366


def test_spans_are_short_and_offsets_consistent(article_rdflib):
    from rdflib.namespace import DCTERMS

    for iri, span, start, end in _evidence(article_rdflib):
        assert end - start == len(span), iri
        # a source's title is its own evidence, whatever its length; a fact's span is short
        title = article_rdflib.value(URIRef(iri), RDF.predicate) in (DCTERMS.title, DCTERMS.alternative)
        assert 0 < len(span) <= (200 if title else 45), (iri, span)


def test_evidence_numbers_run_without_gaps(article_rdflib):
    # each source numbers its own evidence (ikr:evidence/<prefix>-0001, ...)
    by_prefix = {}
    for iri, *_ in _evidence(article_rdflib):
        prefix, number = iri.rsplit("-", 1)
        by_prefix.setdefault(prefix, []).append(int(number))
    assert len(by_prefix) >= 2
    for prefix, numbers in by_prefix.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), prefix


def test_member_evidence_points_into_the_member_list(article_rdflib, article_text):
    consortium = "gansu-ion-radiotherapy-technology-innovation-consortium"
    membership = IKR[f"membership/{consortium}--lanzhou-university--member-unit"]
    [(start, end, span)] = _offsets(article_rdflib, membership, ORG.member)
    members_from = article_text.index("成员单位包括中国科学院")
    cooperating_from = article_text.index("合作成员单位包括")
    assert span == "兰州大学" and members_from < start < cooperating_from


def test_figure_evidence_is_not_a_substring_of_another_figure(article_rdflib, article_text):
    figure = IKR["figure/state-key-laboratory-restructuring-and-construction-plan-support-funding-2024"]
    [(start, end, span)] = _offsets(article_rdflib, figure, SCHEMA.value)
    assert span == "4亿元"
    assert article_text[start - 4:end] == "支持经费4亿元"


def test_a_name_credited_several_times_has_evidence_at_each_credit(article_rdflib, article_text):
    membership = IKR["membership/gansu-daily--ding-kai--reporter"]
    starts = [start for start, _, _ in _offsets(article_rdflib, membership, ORG.member)]
    expected, at = [], article_text.find("丁凯")
    while at >= 0:
        expected.append(at)
        at = article_text.find("丁凯", at + 1)
    assert starts == expected and len(starts) == 3


def test_locate_uses_context_and_refuses_unclear_choices():
    text = "省科技厅和甘肃省科技厅、省科技厅"
    assert locate(text, "省科技厅", context="甘肃省科技厅") == (7, 11)
    assert locate(text, "省科技厅", nth=3) == (12, 16)
    with pytest.raises(DataError, match="occurs 3 times"):
        locate(text, "省科技厅")
    with pytest.raises(DataError, match="not inside its context"):
        locate(text, "兰州", context="甘肃省科技厅")
    with pytest.raises(DataError, match="context '省科技厅' occurs 3 times"):
        locate(text, "科技", context="省科技厅")
    with pytest.raises(DataError, match="no occurrence nth=4"):
        locate(text, "省科技厅", nth=4)


def test_read_source_reports_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(DataError, match="no such source file"):
        read_source(tmp_path / "nope.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("甘肃".encode("gbk"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_source(bad)


def test_kg_locate_prints_offsets_and_fails_in_one_line(article_text, root):
    from click.testing import CliRunner

    from kg.cli import cli

    article = str(root.parent / "shared" / "sources" / "000_53c5d41e29162869.txt")
    runner = CliRunner()
    found = runner.invoke(cli, ["locate", article, "兰州大学", "--context", "兰州大学、金川"])
    assert found.exit_code == 0, found.output
    start, end, span = found.output.rstrip("\n").split("\t")
    assert span == "兰州大学" and article_text[int(start):int(end)] == span
    unclear = runner.invoke(cli, ["locate", article, "兰州大学"])
    assert unclear.exit_code == 1
    assert unclear.output.strip().startswith("Error: span '兰州大学' occurs")
    assert len(unclear.output.strip().splitlines()) == 1
