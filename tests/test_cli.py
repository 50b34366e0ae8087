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
    assert all(set(a) >= ARTICLE_KEYS for a in listing)

    _, stdout, _ = cli("search", "How much will the repairs cost?", "--k", "3", "--json")
    result = json.loads(stdout)
    assert result["query"] == "How much will the repairs cost?"
    assert len(result["hits"]) == 3 and all(set(h) == HIT_KEYS for h in result["hits"])
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


def _run(home, *args: str, **env: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "MANYSIDES_HOME": str(home), "COLUMNS": "80", **env})


def test_commands_print_whole_ids_take_prefixes_and_log_nothing(isolated_home):
    assert _run(isolated_home, "ingest", str(SAMPLES)).stderr == ""
    listing = _run(isolated_home, "list")
    ids = [a["id"] for a in json.loads(_run(isolated_home, "list", "--json").stdout)["articles"]]
    assert listing.stderr == "" and all(i in listing.stdout for i in ids)  # whole ids at 80 columns, never "a65fb556ac…"
    search = _run(isolated_home, "search", "bridge repairs", "--k", "2")  # builds the BM25 index: no library log lines
    assert search.returncode == 0 and search.stderr == ""
    removed = _run(isolated_home, "remove", ids[0][:6])
    assert removed.returncode == 0 and removed.stdout.split() == ["removed", ids[0]]
    ambiguous = _run(isolated_home, "remove", "a")
    assert ambiguous.returncode == 1 and "type more of the id" in ambiguous.stderr


def test_an_invalid_setting_is_one_line_naming_the_variable(isolated_home):
    result = _run(isolated_home, "list", MANYSIDES_EMBEDDING_BACKEND="gpu")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "MANYSIDES_EMBEDDING_BACKEND='gpu'" in result.stderr and "'onnx-int8'" in result.stderr
    assert "pydantic" not in result.stderr


def test_a_read_only_library_opens_for_reading(isolated_home):
    import shutil

    if not shutil.which("unshare") or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        import pytest

        pytest.skip("needs `unshare -m` to mount the library read-only (root or user namespaces)")
    assert _run(isolated_home, "ingest", str(SAMPLES)).returncode == 0
    victim = json.loads(_run(isolated_home, "list", "--json").stdout)["articles"][0]["id"]
    before = sorted(p.name for p in isolated_home.rglob("*"))
    script = (f"mount --bind {isolated_home} {isolated_home} && mount -o remount,bind,ro {isolated_home} && "
              f"{sys.executable} -m bot list --json && {sys.executable} -m bot search 'bridge repairs' --k 2 --json && "
              f"{{ {sys.executable} -m bot remove {victim}; echo remove-exit=$?; }}")
    import os

    result = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "MANYSIDES_HOME": str(isolated_home)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(json.loads(lines[0])["articles"]) == 4 and len(json.loads(lines[1])["hits"]) == 2
    assert lines[-1] == "remove-exit=1" and "is read-only" in result.stderr
    assert sorted(p.name for p in isolated_home.rglob("*")) == before


def test_article_takes_an_id_prefix_everywhere_and_an_unknown_one_fails(isolated_home):
    assert _run(isolated_home, "ingest", str(SAMPLES)).returncode == 0
    articles = json.loads(_run(isolated_home, "list", "--json").stdout)["articles"]
    ledger = next(a["id"] for a in articles if a["source"].endswith("northern-ledger.txt"))
    prefix = next(ledger[:n] for n in range(2, len(ledger)) if sum(a["id"].startswith(ledger[:n]) for a in articles) == 1)
    search = _run(isolated_home, "search", "repair cost", "--article", prefix, "--json")
    assert search.returncode == 0 and {h["article_id"] for h in json.loads(search.stdout)["hits"]} == {ledger}
    ask = _run(isolated_home, "ask", "Which businesses are affected by the closure?", "--article", prefix, "--json")
    answer = json.loads(ask.stdout)
    assert ask.returncode == 0 and answer["answerable"] and {s["id"] for s in answer["sources"]} == {ledger}
    for command in (["search", "bridge"], ["ask", "What happened?"], ["summarize"], ["compare"]):
        unknown = _run(isolated_home, *command, "--article", "zzz")
        assert unknown.returncode == 1 and unknown.stderr == "error: zzz: no such article; see `manysides list`\n", unknown.stderr
    ambiguous = _run(isolated_home, "ask", "What happened?", "--article", "a")
    assert ambiguous.returncode == 1 and ambiguous.stderr.count("\n") == 1 and "type more of the id" in ambiguous.stderr


def test_escape_codes_in_a_file_name_never_reach_the_terminal_or_a_report(isolated_home, samples_copy):
    hostile = samples_copy / "\x1b]0;pwned\x07\x1b[5;31m blink-news\x9b2J.txt"
    (samples_copy / "northern-ledger.txt").rename(hostile)
    outputs = [_run(isolated_home, "ingest", str(samples_copy))]
    outputs += [_run(isolated_home, *args) for args in (["list"], ["list", "--json"], ["search", "bridge repairs"], ["ask", "How much will the repairs cost?"],
                                                        ["compare"], ["compare", "--format", "markdown"], ["summarize", "--compare"])]
    assert all(result.returncode == 0 for result in outputs), [r.stderr for r in outputs]
    for result in outputs:
        assert not any(ch in result.stdout + result.stderr for ch in "\x1b\x07\x9b\x9c\x9d"), result.stdout
    [record] = [a for a in json.loads(outputs[2].stdout)["articles"] if "blink-news" in a["source"]]
    assert record["source"] == f"{samples_copy}/ blink-news.txt"
    assert "Blink News" in outputs[1].stdout  # the file-name label, as every other command shows it


def test_list_labels_an_article_without_an_outlet_as_other_commands_do(isolated_home):
    assert _run(isolated_home, "ingest", str(SAMPLES)).returncode == 0
    records = json.loads(_run(isolated_home, "list", "--json").stdout)["articles"]
    [ledger] = [r for r in records if r["source"].endswith("northern-ledger.txt")]
    assert ledger["outlet"] == ""  # the article names no outlet: its file name does
    listing = _run(isolated_home, "list", COLUMNS="200").stdout
    search = _run(isolated_home, "search", "bridge repairs", "--article", ledger["id"]).stdout
    assert "1. [" in search and "] Northern Ledger - " in search
    assert f"│ {ledger['id']} │ Northern Ledger " in listing


def test_an_infinite_or_invalid_number_is_a_settings_error(isolated_home):
    for value in ("inf", "nan", "-1"):
        result = _run(isolated_home, "list", MANYSIDES_MAX_SOURCE_MB=value)
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"error: MANYSIDES_MAX_SOURCE_MB='{value}' is invalid") and "unexpected" not in result.stderr
    bad_port = _run(isolated_home, "list", MANYSIDES_CHROMA_URL="http://127.0.0.1:99999")
    assert bad_port.returncode == 1 and "MANYSIDES_CHROMA_URL='http://127.0.0.1:99999' is not an http(s)://host:port address" in bad_port.stderr


def test_a_first_run_prints_no_progress_bar(isolated_home, tmp_path):
    """A fresh model cache (the ONNX export) and the torch backend load weights without a progress bar on stderr."""
    fresh = _run(isolated_home, "ingest", str(SAMPLES / "metro-wire.txt"), MANYSIDES_CACHE_DIR=str(tmp_path / "cache"))
    assert fresh.returncode == 0 and fresh.stderr == ""
    torch = _run(tmp_path / "torch-home", "ingest", str(SAMPLES / "metro-wire.txt"), MANYSIDES_EMBEDDING_BACKEND="torch")
    assert torch.returncode == 0 and torch.stderr == ""
