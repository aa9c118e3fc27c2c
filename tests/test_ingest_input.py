"""Bad input to `kg ingest`: one clear error each, nothing stored."""

import pytest

from kg.errors import IngestError
from kg.ingest import read_article, store_article

SENTENCE = "兰州大学与金川集团签订合作协议。"


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\t ", "only white space"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    (SENTENCE.encode("gb18030"), "GBK/GB18030"),
    (SENTENCE.encode("utf-16"), "UTF-16"),
    (SENTENCE.encode("utf-16-le"), "UTF-16"),
    ("Lanzhou University signs with Jinchuan Group.".encode("utf-16-be"), "UTF-16"),
    (b"\xff\xfe\xfd not text", "UTF-16"),
    (b"caf\xe9 \xff\xff\xff", "not UTF-8"),
])
def test_what_is_not_an_article_is_refused_with_one_line(tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message) as caught:
        read_article(path)
    assert "\n" not in str(caught.value)


def test_a_file_far_too_large_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as stream:
        stream.truncate(50_000_000)  # 50 MB, sparse: nothing is written
    with pytest.raises(IngestError, match="50.0 MB"):
        read_article(path)


def test_utf8_with_a_bom_reads_without_it(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode())
    assert read_article(path) == SENTENCE


def test_a_stored_text_is_kept_once_and_never_replaced_by_another(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_SOURCES", str(tmp_path / "sources"))
    path, digest = store_article(SENTENCE, "test-one")
    assert path.read_text(encoding="utf-8") == SENTENCE and len(digest) == 64
    assert store_article(SENTENCE, "test-one") == (path, digest)  # the same text again: fine
    with pytest.raises(IngestError, match="exists with another text"):
        store_article(SENTENCE + "又", "test-one")
    assert path.read_text(encoding="utf-8") == SENTENCE


def test_an_id_that_is_not_a_folder_name_is_refused(tmp_path, monkeypatch):
    from kg.errors import DataError

    monkeypatch.setenv("KG_SOURCES", str(tmp_path))
    with pytest.raises(DataError, match="is not a source id"):
        store_article(SENTENCE, "../escape")
    assert list(tmp_path.iterdir()) == []
