"""kg.review: the library (a review file as proposals, each action saved) and the page's safety rules."""

import re
import shutil

import pytest

from kg.errors import BadArgument
from tests.review_script import SOURCE_ID, prepare_home, restore_env


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with the sample article ingested; the review file's first text kept."""
    import kg

    folder = tmp_path_factory.mktemp("review") / "project"
    old, review_path = prepare_home(folder)
    graph = kg.open()
    original = review_path.read_text(encoding="utf-8")
    yield folder, review_path, original, graph
    graph.close()
    restore_env(old)


@pytest.fixture
def review(project):
    """A fresh :class:`kg.review.Review` on the ingested review file (as kg ingest wrote it)."""
    from kg.review import Review

    folder, path, original, graph = project
    path.write_text(original, encoding="utf-8")
    shutil.rmtree(folder / "graph_data" / SOURCE_ID, ignore_errors=True)
    return Review(path, graph=graph)


def _find(review, kind, label):
    return next(p["id"] for p in review.proposals() if p["kind"] == kind and (p["label"] == label or p.get("relation") == label))


def _lines(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


# -- the library ---------------------------------------------------------------------------------

def test_proposals_are_ordered_by_position_with_confidence_and_rule(review):
    items = review.proposals()
    starts = [p["start"] for p in items]
    assert starts == sorted(starts) and len(items) == 11
    first = items[0]
    assert (first["kind"], first["label"], first["status"]) == ("actor", "星河稀材有限公司", "proposed")
    assert all(p["why"] for p in items) and all(p["confidence"] for p in items if p["kind"] != "alias")
    assert all(review.text[p["start"]:p["end"]] == (p["label"] if p["kind"] in ("actor", "alias") else p["span"])
               for p in items)


def test_a_decision_is_saved_at_once_and_a_new_session_resumes(review):
    from kg.review import Review

    ident = _find(review, "actor", "兰州大学")
    review.reject(ident)
    line = next(line for line in _lines(review.path) if "\t兰州大学\t" in line and line.startswith("actor"))
    assert "status=rejected" in line
    again = Review(review.path, graph=review.graph)
    assert next(p for p in again.proposals() if p["id"] == ident)["status"] == "rejected"
    assert again.progress()["decided"] == 1


def test_a_hand_edit_between_two_clicks_is_kept(review):
    text = review.path.read_text(encoding="utf-8").replace("河西晨光能源集团\t-", "河西晨光能源集团\tHexi Chenguang Energy")
    review.path.write_text(text, encoding="utf-8")
    review.accept(_find(review, "actor", "兰州大学"))
    assert "河西晨光能源集团\tHexi Chenguang Energy" in review.path.read_text(encoding="utf-8")


def test_undo_gives_back_the_file_as_it_was(review):
    before = review.path.read_text(encoding="utf-8")
    review.accept(_find(review, "actor", "兰州大学"))
    review.add_actor(text="祁连光谷", cls="Organization")
    review.undo()
    review.undo()
    assert review.path.read_text(encoding="utf-8") == before
    with pytest.raises(BadArgument, match="nothing to undo"):
        review.undo()


def test_a_new_boundary_renames_a_new_actor_and_makes_a_known_one_an_alias(review):
    new = _find(review, "actor", "祁连光谷研究院")
    review.edit(new, text="祁连光谷研究院", cls="Laboratory", en="Qilian Optics Valley Institute")
    line = next(line for line in _lines(review.path) if "祁连光谷研究院" in line and line.startswith("actor"))
    assert "\tLaboratory\t" in line and "Qilian Optics Valley Institute" in line and "status=accepted" in line
    known = _find(review, "actor", "金川集团")
    review.edit(known, text="金川集团有限公司")
    item = next(p for p in review.proposals() if p["id"] == known)
    assert (item["kind"], item["label"], item["key"]) == ("alias", "金川集团有限公司", "org/jinchuan-group")
    assert review.text[item["start"]:item["end"]] == "金川集团有限公司"
    with pytest.raises(BadArgument, match="unknown class"):
        review.edit(new, cls="Spaceship")
    with pytest.raises(BadArgument, match="not in the text"):
        review.edit(new, text="不在文中的名字")


def test_a_join_makes_an_alias_and_moves_the_lines_that_named_the_old_key(review):
    ident = _find(review, "actor", "中科院近代物理研究所")
    assert "org/institute-of-modern-physics-cas" in [s["key"] for s in review.suggestions(ident, "近代物理")]
    review.join(ident, "org/institute-of-modern-physics-cas")
    text = review.path.read_text(encoding="utf-8")
    assert "alias\torg/institute-of-modern-physics-cas\t中科院近代物理研究所" in text
    sub = next(p for p in review.proposals() if p.get("relation") == "org:subOrganizationOf")
    assert sub["subject"] == "org/institute-of-modern-physics-cas"
    assert review.progress()["joins"] == 1
    with pytest.raises(BadArgument, match="no actor"):
        review.join(ident, "org/no-such-actor")


def test_a_relation_gets_the_sentence_naming_both_and_must_fit_the_classes(review):
    consortium = review.proposals()[0]  # not an actor: adding one first
    ident = review.add_actor(text="陇原星河新材料创新共同体", near=30, cls="InnovationConsortium")
    key = next(p["key"] for p in review.proposals() if p["id"] == ident)
    rel = review.add_relation("org/demo-review-002", "role/member-unit", key)
    item = next(p for p in review.proposals() if p["id"] == rel)
    sentence = review.text[item["start"]:item["end"]]
    assert "陇原星河新材料创新共同体" in sentence and "祁连光谷研究院" in sentence and "\n" not in sentence
    with pytest.raises(BadArgument, match="does not fit"):
        review.add_relation(key, "locatedIn", "org/demo-review-001")  # an enterprise is no place
    member = review.add_relation("org/demo-review-001", "role/lead-unit", key, text="共同体由星河稀材有限公司牵头")
    assert f"member\t{key}\torg/demo-review-001\trole/lead-unit\t共同体由星河稀材有限公司牵头" in \
        review.path.read_text(encoding="utf-8")
    assert consortium["id"] != member
    with pytest.raises(BadArgument, match="not an actor of this review"):
        review.add_relation("org/nobody", "cooperatesWith", key)


def test_a_figure_reads_its_number_and_unit_and_names_its_measure(review):
    review.add_figure("org/demo-review-001", "研发投入", text="2.4亿元")
    text = review.path.read_text(encoding="utf-8")
    assert "concept\tmeasure/demo-review-m01\t研发投入\t-" in text
    assert "figure\torg/demo-review-001\tmeasure/demo-review-m01\t2.4\t亿元\t2025\t2.4亿元" in text
    with pytest.raises(BadArgument, match="does not start with a number"):
        review.add_figure("org/demo-review-001", "研发投入", text="共同体")


def test_accept_all_writes_nothing_while_a_line_breaks_the_graph(review):
    review.reject(_find(review, "actor", "中科院"))
    sub = _find(review, "relation", "org:subOrganizationOf")
    review.accept(sub)
    outcome = review.accept_all()
    assert not outcome["ok"]
    assert any(problem["id"] == sub and problem["line"] for problem in outcome["problems"])
    assert not (review.root / "graph_data" / SOURCE_ID).exists()
    review.reject(sub)
    outcome = review.accept_all()
    assert outcome["ok"] and (review.root / "graph_data" / SOURCE_ID / "claims.ttl").is_file()


def test_the_relations_offered_fit_both_classes():
    from kg.review.vocab import fitting_relations, search_classes

    between_firms = {r["term"] for r in fitting_relations(["Enterprise"], ["Enterprise"])}
    assert "cooperatesWith" in between_firms and "locatedIn" not in between_firms
    assert "locatedIn" in {r["term"] for r in fitting_relations(["Enterprise"], ["City"])}
    assert [c["name"] for c in search_classes("创新联合体")][0] == "InnovationConsortium"
    assert [c["name"] for c in search_classes("consortium")][0] == "InnovationConsortium"


# -- the page's safety ---------------------------------------------------------------------------

@pytest.fixture
def client(review):
    from starlette.testclient import TestClient

    from kg.review.app import create_app

    app = create_app({SOURCE_ID: review.path}, token="secret-token", csrf="csrf-token", graph=review.graph,
                     root=review.root, port=8765)
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:
        yield test_client


WRITE = {"X-CSRF-Token": "csrf-token"}


def test_every_request_needs_the_token(client):
    for path in (f"/review/{SOURCE_ID}", f"/review/{SOURCE_ID}.json", "/review/", "/review/static/review.js",
                 f"/review/{SOURCE_ID}/suggest?id=1"):
        assert client.get(path).status_code == 403, path
        assert client.get(path + ("&" if "?" in path else "?") + "token=wrong").status_code == 403, path
    page = client.get(f"/review/{SOURCE_ID}?token=secret-token")
    assert page.status_code == 200
    assert "HttpOnly" in page.headers["set-cookie"] and "SameSite=Strict" in page.headers["set-cookie"]
    assert client.get(f"/review/{SOURCE_ID}.json").status_code == 200  # the cookie now carries the token
    assert 'name="csrf-token" content="csrf-token"' in page.text


def test_foreign_host_origin_and_referer_are_refused(client):
    client.get("/review/?token=secret-token")
    assert client.get("/review/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/review/", headers={"Host": "evil.example:8765"}).status_code == 400
    for header in ({"Origin": "http://evil.example"}, {"Origin": "http://127.0.0.1:9999"}, {"Origin": "null"},
                   {"Referer": "http://evil.example/page"}):
        assert client.get("/review/", headers=header).status_code == 403, header
        answer = client.post(f"/review/{SOURCE_ID}/action", json={"action": "accept", "id": 2}, headers={**WRITE, **header})
        assert answer.status_code == 403, header
    assert client.get("/review/", headers={"Origin": "http://127.0.0.1:8765"}).status_code == 200


def test_every_write_needs_the_csrf_token_and_json(client, review):
    client.get("/review/?token=secret-token")
    before = review.path.read_bytes()
    url = f"/review/{SOURCE_ID}/action"
    assert client.post(url, json={"action": "accept", "id": 2}).status_code == 403
    assert client.post(url, json={"action": "accept", "id": 2}, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    assert client.post(url, data={"action": "accept", "id": "2"}, headers=WRITE).status_code == 415
    assert client.post(f"/review/{SOURCE_ID}/accept", json={}).status_code == 403
    assert client.post(url, json={"action": "accept", "id": 2}, headers={**WRITE, "Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert review.path.read_bytes() == before
    answer = client.post(url, json={"action": "accept", "id": 2}, headers=WRITE)
    assert answer.status_code == 200 and answer.json()["data"]["progress"]["decided"] == 1
    assert review.path.read_bytes() != before


def test_only_the_review_file_of_its_own_source_is_written(client, review, tmp_path):
    client.get("/review/?token=secret-token")
    folder = review.path.parent
    before = {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}
    for ident in ("..%2F..%2Fetc%2Fpasswd", "%2Ftmp%2Fx.review.tsv", "..", "000_53c5d41e29162869",
                  f"{SOURCE_ID}%2F..%2F{SOURCE_ID}", f"{SOURCE_ID}.review.tsv"):
        answer = client.post(f"/review/{ident}/action", json={"action": "accept", "id": 2}, headers=WRITE)
        assert answer.status_code in (403, 404, 405), ident  # ".." is normalised away: no cookie, no token
    assert {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()} == before
    answer = client.post(f"/review/{SOURCE_ID}/action", json={"action": "add_actor", "text": "祁连光谷", "cls": "Organization"},
                         headers=WRITE)
    assert answer.status_code == 200
    changed = [path for path in folder.rglob("*") if path.is_file() and before.get(path) != path.stat().st_mtime_ns]
    assert changed == [review.path]


def test_bad_actions_are_one_line_errors(client):
    client.get("/review/?token=secret-token")
    for body in ({"action": "frob"}, {"action": "accept", "id": 999}, {"action": "accept", "id": "x"},
                 {"action": "edit", "id": 2, "start": 5, "end": 10**6}, {"action": "add_actor", "text": "x", "cls": "Nope"}):
        answer = client.post(f"/review/{SOURCE_ID}/action", json=body, headers=WRITE)
        assert answer.status_code == 400, body
        assert answer.json()["ok"] is False and "\n" not in answer.json()["error"]


def test_data_is_escaped_in_the_page(project, tmp_path):
    """A name holding <script> reaches the page as text: autoescaped in HTML, \\u003c in the JSON block."""
    from starlette.testclient import TestClient

    from kg.review.app import create_app

    folder, _, _, graph = project
    hostile = "<script>alert(1)</script>研究院"
    (folder / "sources" / "hostile.txt").write_text(f"标题\n{hostile}与兰州大学签约。\n", encoding="utf-8")
    path = tmp_path / "hostile.review.tsv"
    path.write_text(f"source\thostile\t标题\t2025\t甘肃日报\tstatus=proposed\n"
                    f"actor\torg/hostile-001\tResearchInstitute\t{hostile}\t-\tstatus=proposed\tstart=3\tend={3 + len(hostile)}"
                    f"\twhy=<img src=x onerror=alert(2)>\n", encoding="utf-8")
    app = create_app({"hostile": path}, token="t", graph=graph, root=folder, port=8766)
    with TestClient(app, base_url="http://127.0.0.1:8766") as test_client:
        page = test_client.get("/review/hostile?token=t").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "\\u003cscript\\u003ealert(1)" in page
    assert page.count("<script") == 3  # the page's own: review.js and the two JSON blocks


def test_kg_serve_review_refuses_another_host():
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--review", "--host", "0.0.0.0", "--port", "8767"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: --review serves pages that write files: it listens on 127.0.0.1 only")


def test_kg_review_without_a_review_file_is_one_error_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["review", "nothing-here", "--no-browser"])
    assert result.exit_code == 1
    assert result.output == ("Error: no review file nothing-here.review.tsv in .: run kg ingest ARTICLE --id "
                             "nothing-here first, or pass --file\n")
    result = CliRunner().invoke(cli, ["review", "../etc", "--no-browser"])
    assert result.exit_code == 1 and result.output.startswith("Error: '../etc' is not a source id")


# -- the commands, as processes --------------------------------------------------------------------

def _read_line(process, limit=180):
    """The first line the process prints (its URL), waiting up to ``limit`` seconds."""
    import select
    import time

    deadline, buffer = time.monotonic() + limit, b""
    while b"\n" not in buffer and time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            buffer += os_read(process.stdout.fileno())
    return buffer.decode("utf-8")


def os_read(fd):
    import os

    return os.read(fd, 4096)


def test_kg_review_listens_on_loopback_only_behind_a_printed_token(project):
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    import psutil

    from tests.servers import stop_server

    folder = project[0]
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "review", SOURCE_ID, "--no-browser"], cwd=folder,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        line = _read_line(process)
        match = re.search(r"at (http://127\.0\.0\.1:(\d+)/review/demo-review\?token=([A-Za-z0-9_-]{20,}))", line)
        assert match, line
        url, port = match.group(1), int(match.group(2))
        import time

        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    assert response.status == 200
                break
            except urllib.error.URLError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        listening = [c for c in psutil.Process(process.pid).net_connections() if c.status == psutil.CONN_LISTEN]
        assert listening and all(c.laddr.ip == "127.0.0.1" and c.laddr.port == port for c in listening)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url.split("?")[0], timeout=10)
        assert refused.value.code == 403
    finally:
        stop_server(process)


def test_kg_serve_review_keeps_the_sparql_endpoint_read_only(project, monkeypatch):
    import urllib.error
    import urllib.parse
    import urllib.request

    from tests.servers import start_server, stop_server

    folder = project[0]
    base, process = start_server("--review", "--workers", "1", cwd=folder)
    try:
        update = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(base + "/sparql", data=update), timeout=30)
        assert refused.value.code == 400
        query = urllib.parse.urlencode({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(base + "/sparql", data=query), timeout=30)
        assert refused.value.code == 400
        ask = urllib.parse.quote("ASK { <urn:a> <urn:b> <urn:c> }")
        with urllib.request.urlopen(f"{base}/sparql?query={ask}", timeout=30) as response:
            assert b"false" in response.read()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/review/", timeout=30)
        assert refused.value.code == 403
    finally:
        stop_server(process)
    printed = process.stdout.read().decode("utf-8")
    match = re.search(r"Reviews \(1 here\): (http://127\.0\.0\.1:\d+/review/\?token=\S+)", printed)
    assert match, printed


def test_joining_a_known_actor_leaves_the_lines_that_name_it(review):
    ident = review.add_actor(text="陇原星河新材料创新共同体", near=30, cls="InnovationConsortium")
    key = next(p["key"] for p in review.proposals() if p["id"] == ident)
    review.add_relation("org/lanzhou-university", "role/member-unit", key)
    review.join(_find(review, "actor", "兰州大学"), "org/institute-of-modern-physics-cas")
    text = review.path.read_text(encoding="utf-8")
    assert f"member\t{key}\torg/lanzhou-university\trole/member-unit\t" in text
    assert "alias\torg/institute-of-modern-physics-cas\t兰州大学" in text


def test_news_relations_fit_the_classes_news_gives_them():
    """A person or a body visits, a body is approved, a company sits in a zone: the review page offers each
    (with the old domains and ranges, events only visited, only technologies were approved, only places
    held anything)."""
    from kg.review.vocab import fitting_relations

    def terms(subject, obj):
        return {r["term"] for r in fitting_relations([subject], [obj])}

    assert "visited" in terms("Person", "Enterprise") and "visited" in terms("GovernmentBody", "University")
    assert "approvedBy" in terms("Laboratory", "GovernmentBody")
    assert "locatedIn" in terms("Enterprise", "HighTechZone") and "locatedIn" in terms("Enterprise", "City")
    assert "locatedIn" not in terms("Enterprise", "University")
