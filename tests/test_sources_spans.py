"""Every source's evidence sits where it says: ``text[start:end] == span`` in its text, when the text is here.

The texts are other people's articles, kept out of git (``sources/``, ``../shared/sources/``, ``KG_SOURCES``):
a clean clone has only the compiled ``claims.ttl``, so each source's test skips, naming the file it looked
for, when its text is absent.
"""

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.namespaces import IKG, IKR, PROV, RDF

ROOT = Path(__file__).resolve().parent.parent
SOURCE_IDS = sorted(path.parent.name for path in (ROOT / "graph_data").glob("*/claims.ttl"))


def test_the_graph_holds_many_sources():
    assert len(SOURCE_IDS) >= 16 and "000_53c5d41e29162869" in SOURCE_IDS


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_spans_sit_at_their_offsets(source_id):
    from kg.sources import source_dirs, source_path, text_sha256

    path = source_path(source_id, ROOT)
    if path is None:
        folders = ", ".join(str(folder) for folder in source_dirs(ROOT))
        pytest.skip(f"the text of {source_id} ({source_id}.txt) is not in {folders}: its spans cannot be checked")
    text = path.read_text(encoding="utf-8")
    graph = Graph().parse(ROOT / "graph_data" / source_id / "claims.ttl", format="turtle")
    source = URIRef(IKR[f"source/{source_id}"])
    assert str(graph.value(source, IKG.sha256)) == text_sha256(text), f"{path} is not the text the claims were made on"
    evidence = [e for e in graph.subjects(RDF.type, IKG.Evidence) if (e, PROV.wasDerivedFrom, source) in graph]
    assert len(evidence) >= 5
    wrong = []
    for node in evidence:
        start, end, span = graph.value(node, IKG.start), graph.value(node, IKG.end), graph.value(node, IKG.span)
        if start is None or end is None or span is None:
            wrong.append((str(node), "no start, end or span"))
        elif text[int(start):int(end)] != str(span):
            wrong.append((str(node), int(start), int(end), str(span), text[int(start):int(end)]))
    assert wrong == []
