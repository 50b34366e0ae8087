"""Every bad input gets a one-line error naming the source, exit code 1, and the library stays intact."""

import json
import socket

import pytest

from tests.conftest import SAMPLES
from tests.pdfmaker import make_pdf
from tests.webserver import serve


@pytest.fixture
def seeded(cli):
    """A library holding the sample articles; returns its listing to compare against afterwards."""
    code, _stdout, _ = cli("ingest", str(SAMPLES), "--json")
    assert code == 0
    _, listing, _ = cli("list", "--json")
    return json.loads(listing)


def ingest_fails(cli, seeded, source: str, expect: str, input=None) -> dict:
    code, stdout, _stderr = cli("ingest", source, "--json", input=input)
    assert code == 1
    report = json.loads(stdout)
    assert report["errors"], report
    for error in report["errors"]:
        assert "\n" not in error["error"] and "Traceback" not in error["error"]
    assert any(expect in e["error"] for e in report["errors"]), report["errors"]
    assert all(e["source"].startswith(source.rstrip("/")) for e in report["errors"])
    _, listing, _ = cli("list", "--json")
    assert json.loads(listing) == seeded  # nothing already indexed was lost or changed
    return report


def test_empty_file(cli, seeded, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    ingest_fails(cli, seeded, str(tmp_path / "empty.txt"), "empty")


def test_binary_file_named_txt(cli, seeded, tmp_path):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    ingest_fails(cli, seeded, str(tmp_path / "photo.txt"), "binary")


def test_non_utf8_text_is_detected_and_ingested(cli, seeded, tmp_path):
    text = ("Café owners in Zürich protest new fees\n\nThe café owners’ association said on Tuesday that the fees, "
            "which take effect in März, would cost each member about 2 000 francs a year. « Nous refusons », a déclaré la présidente.")
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    code, stdout, _ = cli("ingest", str(tmp_path / "latin.txt"), "--json")
    assert code == 0
    [article] = json.loads(stdout)["articles"]
    assert article["title"] == "Café owners in Zürich protest new fees"


def test_oversized_file_is_refused_with_the_limit(cli, seeded, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w") as handle:
        line = "The committee met again and discussed the same agenda at length. " * 20 + "\n"
        for _ in range(50 * 2**20 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size >= 50 * 2**20
    ingest_fails(cli, seeded, str(path), "MB limit")


def test_html_without_article_text(cli, seeded, tmp_path):
    (tmp_path / "index.html").write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    ingest_fails(cli, seeded, str(tmp_path / "index.html"), "no article text")


def test_pdf_without_text(cli, seeded, tmp_path):
    (tmp_path / "scan.pdf").write_bytes(make_pdf([]))
    ingest_fails(cli, seeded, str(tmp_path / "scan.pdf"), "no extractable text")


def test_malformed_jsonl_line_is_reported_and_the_rest_indexed(cli, seeded, tmp_path):
    good = {"id": "j1", "title": "Good line", "text": "A valid article body with enough words to keep after cleaning."}
    good2 = {"id": "j2", "title": "Also good", "text": "Another valid article body with enough words to be indexed."}
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps(good2) + "\n")
    code, stdout, _ = cli("ingest", str(path), "--json")
    report = json.loads(stdout)
    assert code == 1
    assert [e["source"] for e in report["errors"]] == [f"{path} line 2"]
    assert sorted(a["id"] for a in report["articles"]) == ["j1", "j2"]


def test_unreachable_url(cli, seeded):
    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ingest_fails(cli, seeded, f"http://127.0.0.1:{port}/story", "could not reach")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/story.txt"])
def test_other_schemes(cli, seeded, url):
    ingest_fails(cli, seeded, url, "not supported")


def test_redirect_loop(cli, seeded):
    routes = {"/a": (302, {"Location": "/b"}, b""), "/b": (302, {"Location": "/a"}, b"")}
    with serve(routes) as base:
        ingest_fails(cli, seeded, f"{base}/a", "redirect")


def test_folder_with_good_and_bad_files(cli, seeded, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Ferry fares rise\n\nThe harbor authority raised ferry fares by ten percent on Monday.")
    (folder / "empty.md").write_text("")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    code, stdout, _ = cli("ingest", str(folder), "--json")
    report = json.loads(stdout)
    assert code == 1
    assert [a["title"] for a in report["articles"]] == ["Ferry fares rise"]
    assert sorted(e["source"].rsplit("/", 1)[-1] for e in report["errors"]) == ["broken.pdf", "empty.md"]


def test_cli_error_is_one_line_without_traceback(cli, tmp_path):
    code, stdout, stderr = cli("ingest", str(tmp_path / "missing.txt"))
    assert code == 1
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "no such file" in lines[0]
    assert "Traceback" not in stderr + stdout


def test_a_repeated_jsonl_id_fails_that_line_alone(cli, seeded, tmp_path):
    """The second record with an id already given in the ingest is an error naming the file and line; nothing else is lost."""
    first = {"id": "r1", "title": "Ferry fares rise", "text": "The harbor authority raised ferry fares by ten percent on Monday morning."}
    other = {"id": "r2", "title": "Tunnel reopens", "text": "The rail tunnel reopened on Tuesday after three weeks of repairs to its lining."}
    again = {"id": "r1", "title": "Ferry fares fall", "text": "The harbor authority cut ferry fares by five percent on Friday after complaints."}
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (first, other, again)) + "\n")
    code, stdout, _ = cli("ingest", str(SAMPLES), str(path), "--json")
    report = json.loads(stdout)
    assert code == 1
    [error] = report["errors"]
    assert error["source"] == f"{path} line 3 (id r1)"
    assert error["error"] == f"the id r1 was already given to {path} line 1 (id r1), with other content; give each article its own id (the first one was kept)"
    assert {a["id"]: a["status"] for a in report["articles"] if a["id"] in ("r1", "r2")} == {"r1": "added", "r2": "added"}
    assert {a["status"] for a in report["articles"] if a["id"] not in ("r1", "r2")} == {"unchanged"}
    _, listing, _ = cli("list", "--json")
    titles = {a["id"]: a["title"] for a in json.loads(listing)["articles"]}
    assert len(titles) == len(seeded["articles"]) + 2 and titles["r1"] == "Ferry fares rise"


@pytest.mark.parametrize("port", ["99999", "0", "http"])
def test_a_bad_port_is_named(cli, seeded, port):
    report = ingest_fails(cli, seeded, f"http://127.0.0.1:{port}/story", "invalid host or port")
    assert "LocationParseError" not in json.dumps(report) and "check the file" not in json.dumps(report)
