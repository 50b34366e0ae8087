"""The CLI's JSON shapes are a contract that scripts rely on."""

import json
import subprocess
import sys

from tests.conftest import REPO, SAMPLES
from tests.webserver import serve

ARTICLE_KEYS = {"id", "title", "outlet", "published", "url", "source", "chunks"}
HIT_KEYS = {"article_id", "chunk_id", "score", "text", "start", "end"}


def test_ingest_list_search_remove_json(cli):
    code, stdout, _ = cli("ingest", str(SAMPLES), "--json")
    report = json.loads(stdout)
    assert code == 0 and report["errors"] == []
    assert all(ARTICLE_KEYS | {"status"} <= set(a) and a["status"] == "added" for a in report["articles"])

    _, stdout, _ = cli("list", "--json")
    listing = json.loads(stdout)["articles"]
    assert {a["id"] for a in listing} == {a["id"] for a in report["articles"]}
    assert all(ARTICLE_KEYS <= set(a) for a in listing)

    _, stdout, _ = cli("search", "How much will the repairs cost?", "--k", "3", "--json")
    result = json.loads(stdout)
    assert result["query"] == "How much will the repairs cost?"
    assert len(result["hits"]) == 3 and all(HIT_KEYS == set(h) for h in result["hits"])
    assert any("million" in h["text"] for h in result["hits"])
    scores = [h["score"] for h in result["hits"]]
    assert scores == sorted(scores, reverse=True)

    victim = listing[0]["id"]
    code, stdout, _ = cli("remove", victim, "--json")
    assert code == 0 and json.loads(stdout) == {"removed": [victim], "missing": []}
    code, _, stderr = cli("remove", victim)
    assert code == 1 and "no such article" in stderr


def test_search_batch_jsonl_and_plain_lines(cli, tmp_path):
    cli("ingest", str(SAMPLES))
    jsonl = tmp_path / "queries.jsonl"
    jsonl.write_text('{"id": "q1", "text": "Who inspected the bridge?"}\n{"id": "q2", "text": "Was anyone injured?"}\n')
    _, stdout, _ = cli("search", "--batch", str(jsonl), "--k", "2", "--json")
    lines = [json.loads(line) for line in stdout.strip().splitlines()]
    assert [line["query_id"] for line in lines] == ["q1", "q2"]
    assert all(len(line["hits"]) == 2 and set(line) == {"query_id", "query", "hits"} for line in lines)

    plain = tmp_path / "queries.txt"
    plain.write_text("detour route\n\nshuttle bus\n")
    _, stdout, _ = cli("search", "--batch", str(plain), "--json")
    assert [json.loads(line)["query"] for line in stdout.strip().splitlines()] == ["detour route", "shuttle bus"]


def test_search_can_be_restricted_to_articles(cli):
    _, stdout, _ = cli("ingest", str(SAMPLES), "--json")
    ledger = next(a["id"] for a in json.loads(stdout)["articles"] if a["source"].endswith("northern-ledger.txt"))
    _, stdout, _ = cli("search", "repair cost", "--article", ledger, "--json")
    hits = json.loads(stdout)["hits"]
    assert hits and {h["article_id"] for h in hits} == {ledger}


def test_stdin_ingest(cli):
    code, stdout, _ = cli("ingest", "-", "--json", input="Pasted story\n\nA reader pasted this short story about the new ferry timetable.\n")
    assert code == 0 and json.loads(stdout)["articles"][0]["title"] == "Pasted story"


def test_url_ingest_reads_page_metadata(cli):
    html = (SAMPLES / "valley-courier.html").read_bytes()
    routes = {"/old": (301, {"Location": "/news/bridge"}, b""), "/news/bridge": (200, {"Content-Type": "text/html; charset=utf-8"}, html)}
    with serve(routes) as base:
        code, stdout, _ = cli("ingest", f"{base}/old", "--json")
    [article] = json.loads(stdout)["articles"]
    assert code == 0
    assert article["url"] == f"{base}/news/bridge" and article["source"] == f"{base}/old"
    assert (article["outlet"], article["published"]) == ("Valley Courier", "2026-03-11")


def test_if_empty_only_seeds_an_empty_library(cli):
    _, stdout, _ = cli("ingest", "--if-empty", str(SAMPLES), "--json")
    assert len(json.loads(stdout)["articles"]) == 4
    _, stdout, _ = cli("ingest", "--if-empty", str(SAMPLES), "--json")
    assert json.loads(stdout)["articles"] == []


def test_python_dash_m_bot_is_the_cli():
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert all(command in result.stdout for command in ("ingest", "list", "remove", "search"))
