"""The `manysides` command line: ingest, list, remove, search, ask, chat, summarize and compare."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Column, Table

from bot.runtime import configure_runtime

app = typer.Typer(help="Manysides: read one news story through many outlets.", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


class _State:
    home: Path | None = None
    warned = False


def _library():
    from bot.library import open_library

    library = open_library(home=_State.home)
    if library.warning and not _State.warned:  # e.g. opened read-only because the disk is full
        err.print(f"warning: {library.warning}", markup=False)
        _State.warned = True
    return library


def _chosen(library, given: list[str] | None) -> list[str] | None:
    """The articles `--article` names, by whole id or any unique beginning (as `remove` and `edit` take them); None: all.

    An unknown or ambiguous id is a one-line error, never a silent empty selection."""
    if given is None:
        return None
    from bot.library import resolve_ids

    ids, problems = resolve_ids(library, given)
    if problems:
        raise _fail("; ".join(problems))
    return ids


def _print_json(payload: dict) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def _fail(message: str) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(1)


@app.callback()
def main_options(
    home: Annotated[Path | None, typer.Option("--home", help="Library folder (default: $MANYSIDES_HOME or a per-user data folder).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    configure_runtime(verbose)
    _State.home = home


class _Bar:
    """Rich progress bar for ingest; hidden when stderr is not a terminal."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task = progress.add_task("Embedding", total=0)

    def planned(self, chunks: int) -> None:
        total = self._progress.tasks[0].total or 0
        self._progress.update(self._task, total=total + chunks)

    def encoded(self, chunks: int) -> None:
        self._progress.advance(self._task, chunks)


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for stdin.")],
    if_empty: Annotated[bool, typer.Option("--if-empty", help="Do nothing when the library already has articles.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Add articles to the library (re-ingesting an unchanged article does nothing)."""
    from index import ManysidesError

    try:
        library = _library()
        if if_empty and library.articles():
            if as_json:
                _print_json({"articles": [], "errors": [], "skipped": "library is not empty"})
            else:
                out.print("The library already has articles; nothing to do.")
            return
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("chunks"),
                            TimeRemainingColumn(), console=err, transient=True, disable=as_json or not err.is_terminal)
        with progress:
            report = library.ingest(sources, progress=_Bar(progress))
    except ManysidesError as error:
        raise _fail(str(error)) from None
    if as_json:
        _print_json(report.to_json())
    else:
        for item in report.articles:
            record = item.record
            note = (f"  (copy of {record.duplicate_of})" if record.duplicate_of
                    else f"  (not an article: {record.not_article}; left out of comparisons)" if record.not_article else "")
            out.print(f"{item.status:<9} {record.id}  {record.title}  [{record.chunks} chunk{'s' * (record.chunks != 1)}]{note}", markup=False)
        for failure in report.errors:  # a failure of the whole store (a lost server, a full disk) names no source
            err.print(f"error: {failure.source}: {failure.error}" if failure.source else f"error: {failure.error}", markup=False)
    if not report.ok:
        raise typer.Exit(1)


@app.command("list")
def list_articles(as_json: JsonOption = False) -> None:
    """List the articles in the library."""
    from index import ManysidesError

    try:
        records = _library().articles()
    except ManysidesError as error:
        raise _fail(str(error)) from None
    if as_json:
        _print_json({"articles": [r.to_json() for r in records]})
        return
    if not records:
        out.print("The library is empty. Add articles with: manysides ingest FILE_OR_URL ...")
        return
    from bot.compare import outlet_label

    # Whole ids, never cut: they are what `remove` and `--article` take. The outlet is labelled as every other command
    # labels it (from the file name or address when the article names none).
    table = Table(Column("id", no_wrap=True, min_width=max(len(r.id) for r in records)), "outlet", "published", "title", "chunks", "note")
    for r in records:
        table.add_row(r.id, outlet_label(r, records), r.published, r.title, str(r.chunks), f"copy of {r.duplicate_of}" if r.duplicate_of else "")
    out.print(table)


@app.command()
def remove(ids: Annotated[list[str], typer.Argument(help="Article ids, or any unique beginning of one (see `manysides list`).")],
           as_json: JsonOption = False) -> None:
    """Remove articles from the library."""
    from bot.library import resolve_ids
    from index import ManysidesError

    try:
        library = _library()
        chosen, problems = resolve_ids(library, ids)
        removed, missing = library.remove(chosen)
    except ManysidesError as error:
        raise _fail(str(error)) from None
    problems += [f"{article_id}: no such article; see `manysides list`" for article_id in missing]
    if as_json:
        _print_json({"removed": removed, "missing": missing + [p.split(":")[0] for p in problems if p not in missing]})
    else:
        for article_id in removed:
            out.print(f"removed   {article_id}", markup=False)
        for problem in problems:
            err.print(f"error: {problem}", markup=False)
    if problems:
        raise typer.Exit(1)


@app.command()
def edit(
    article_id: Annotated[str, typer.Argument(help="Article id, or any unique beginning of one (see `manysides list`).")],
    outlet: Annotated[str | None, typer.Option("--outlet", help="The outlet's name as readers know it.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The headline.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Set an article's outlet or title (no re-embedding); every view shows the new name."""
    from bot.library import resolve_ids
    from index import ManysidesError

    if outlet is None and title is None:
        raise _fail("nothing to change; give --outlet NAME and/or --title HEADLINE")
    try:
        library = _library()
        chosen, problems = resolve_ids(library, [article_id])
        if problems:
            raise _fail(problems[0])
        record = library.edit(chosen[0], outlet=outlet, title=title)
    except ManysidesError as error:
        raise _fail(str(error)) from None
    if record is None:
        raise _fail(f"{article_id}: no such article; see `manysides list`")
    if as_json:
        _print_json({"article": record.to_json()})
    else:
        out.print(f"edited    {record.id}  {record.outlet} — {record.title}", markup=False)


def _read_batch(path: Path) -> list[tuple[str, str]]:
    """Queries from a file: JSONL `{id, text}` lines, or one query per line."""
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
                queries.append((str(record.get("id", number)), str(record["text"])))
                continue
            except (json.JSONDecodeError, KeyError, AttributeError):
                raise _fail(f'{path} line {number}: expected {{"id", "text"}} JSON or a plain query; fix that line') from None
        queries.append((str(number), line.strip()))
    return queries


@app.command()
def search(
    query: Annotated[str | None, typer.Argument(help="What to look for.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, help="How many passages.")] = 5,
    batch: Annotated[Path | None, typer.Option("--batch", help="File of queries: JSONL {id, text} or one per line.")] = None,
    article: Annotated[list[str] | None, typer.Option("--article", help="Search only these article ids or unique id beginnings.")] = None,
    mode: Annotated[str, typer.Option("--mode", help="hybrid (dense + BM25, diversified), dense or bm25.")] = "hybrid",
    as_json: JsonOption = False,
) -> None:
    """Find the passages that best match a query."""
    from index import ManysidesError

    if (query is None) == (batch is None):
        raise _fail("give a QUERY or --batch FILE (one of them)")
    if mode not in ("hybrid", "dense", "bm25"):
        raise _fail(f"unknown --mode {mode!r}; use hybrid, dense or bm25")
    if batch is not None and not batch.is_file():
        raise _fail(f"{batch}: no such file; give a JSONL or text file of queries")
    try:
        from bot.retrieval import HybridRetriever

        library = _library()
        article = _chosen(library, article)
        retriever = HybridRetriever(library)
        queries = _read_batch(batch) if batch is not None else [("", query or "")]
        for query_id, text in queries:
            hits = retriever.search(text, k=k, article_ids=article, mode=mode)
            if as_json:
                payload = {"query": text, "hits": [h.to_json() for h in hits]}
                _print_json({"query_id": query_id, **payload} if batch is not None else payload)
                continue
            out.print(f"\n{text}" if batch is not None else "", markup=False)
            from bot.compare import article_label

            titles = {r.id: r for r in library.articles()}
            for rank, hit in enumerate(hits, start=1):
                record = titles.get(hit.article_id)
                label = article_label(record, list(titles.values())) if record else hit.article_id
                out.print(f"{rank}. [{hit.score:.3f}] {label}", markup=False)
                out.print(f"   {hit.text[:400]}", markup=False)
    except ManysidesError as error:
        raise _fail(str(error)) from None


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question about the articles.")],
    article: Annotated[list[str] | None, typer.Option("--article", help="Answer only from these article ids or unique id beginnings.")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="Answer engine (default $MANYSIDES_LLM or extractive).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Answer a question; every sentence is cited to exact source sentences. A request for the gist ("What happened?",
    "summarize") gets the cited summary and a comparative request ("where do they disagree?") the comparison's answer,
    as in the chat on the page."""
    from bot.chat import ChatSession
    from bot.engines import get_engine
    from index import ManysidesError

    if not question.strip():
        raise _fail("the question is empty; ask something, e.g. manysides ask \"What happened?\"")
    try:
        library = _library()
        article = _chosen(library, article)
        engine = get_engine(library, llm)
        answer = ChatSession(engine, article).ask(question).answer
    except ManysidesError as error:
        raise _fail(str(error)) from None
    if as_json:
        _print_json(answer.to_json())
    else:
        _print_answer(answer)


def _print_answer(answer) -> None:
    """An answer with [n] markers after each sentence, a flag on unsupported ones, and the numbered sources."""
    from bot.compare import article_label

    if notice := getattr(answer, "notice", ""):
        err.print(f"warning: {notice}", markup=False)
    if not getattr(answer, "answerable", True) and not answer.sentences:
        out.print(answer.text, markup=False)
        return
    if not getattr(answer, "answerable", True):  # the refusal, then the nearest sentences, cited
        out.print(answer.text.split(answer.sentences[0].text)[0].rstrip(), markup=False)
    keys = {record.id: number for number, record in enumerate(answer.sources, start=1)}
    for sentence in answer.sentences:
        marks = "".join(f"[{keys.get(c.article_id, '?')}]" for c in sentence.citations)
        flag = "" if sentence.supported else "  (unsupported: no source sentence backs this)"
        out.print(f"{sentence.text} {marks}{flag}", markup=False)
    out.print("")
    for record in answer.sources:
        out.print(f"[{keys[record.id]}] {article_label(record, answer.sources)}" + (f" ({record.published})" if record.published else ""),
                  markup=False)


FormatOption = Annotated[str, typer.Option("--format", help="text (default) or markdown (a report with footnote citations).")]
StoryOption = Annotated[int, typer.Option("--story", min=1, help="When the chosen articles hold several stories, which one to compare (1: the one with most articles).")]


def _chat_model(llm: str | None):
    """The chat model an --llm spec (or else MANYSIDES_LLM) names, or None for the extractive default."""
    from bot.backends import configured_chat_model

    return configured_chat_model(llm)


def _comparing(as_json: bool) -> Progress:
    """A progress bar for the pairs a long comparison judges; hidden when stderr is not a terminal."""
    return Progress(TextColumn("Comparing"), BarColumn(), MofNCompleteColumn(), TextColumn("pairs"), TimeRemainingColumn(),
                    console=err, transient=True, disable=as_json or not err.is_terminal)


def _progress_of(progress: Progress):
    task = progress.add_task("Comparing", total=None)
    return lambda done, total: progress.update(task, completed=done, total=total)


def _check_format(output_format: str) -> None:
    if output_format not in {"text", "markdown"}:
        raise _fail(f"unknown --format {output_format!r}; use text or markdown")


@app.command()
def summarize(
    article: Annotated[list[str] | None, typer.Option("--article", help="Summarize only these article ids or unique id beginnings (default: all).")] = None,
    words: Annotated[int | None, typer.Option("--words", help="Word budget; whole sentences only (default 100, 150 with --compare).")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="Rewrite with an LLM (default $MANYSIDES_LLM or extractive).")] = None,
    comparative: Annotated[bool, typer.Option("--compare", help="A comparative summary: what all outlets report, what each adds, "
                                              "where they conflict, by outlet name.")] = False,
    story: StoryOption = 1,
    as_json: JsonOption = False,
    output_format: FormatOption = "text",
) -> None:
    """One cited summary of the story across the chosen articles; with --compare, how the outlets' accounts differ."""
    from bot.report import summary_markdown
    from bot.summarize import summarize as summarize_articles
    from index import ManysidesError

    _check_format(output_format)
    if words is not None and words < 1:  # checked before any work: a comparison can take minutes
        raise _fail(f"--words must be at least 1 (got {words})")
    try:
        library, chat_model = _library(), _chat_model(llm)
        article = _chosen(library, article)
        if comparative:
            from bot.comparative import DEFAULT_WORDS, comparative_summary
            from bot.compare import compare as compare_articles
            from bot.judge import get_judge

            with _comparing(as_json) as progress:  # the LLM phrases nothing here, but judges when MANYSIDES_JUDGE=llm
                comparison = compare_articles(library, article, story=story - 1, on_progress=_progress_of(progress),
                                              judge=get_judge(chat_model, name=llm or ""))
            summary = comparative_summary(library, comparison, words=DEFAULT_WORDS if words is None else words, chat_model=chat_model)
        else:
            summary = summarize_articles(library, article, words=100 if words is None else words, chat_model=chat_model)
    except ManysidesError as error:
        raise _fail(str(error)) from None
    if as_json:
        _print_json(summary.to_json())
    elif output_format == "markdown":
        sys.stdout.write(summary_markdown(summary))
    else:
        _print_answer(summary)


@app.command()
def compare(
    article: Annotated[list[str] | None, typer.Option("--article", help="Compare only these article ids or unique id beginnings (default: all).")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="Phrase consensus lines with an LLM (default $MANYSIDES_LLM or extractive).")] = None,
    story: StoryOption = 1,
    as_json: JsonOption = False,
    output_format: FormatOption = "text",
) -> None:
    """What the outlets agree on, what each adds alone, where they differ, and who is quoted saying what."""
    from bot.compare import compare as compare_articles
    from bot.report import comparison_markdown, comparison_text
    from index import ManysidesError

    _check_format(output_format)
    try:
        library, chat_model = _library(), _chat_model(llm)
        article = _chosen(library, article)
        with _comparing(as_json) as progress:
            comparison = compare_articles(library, article, chat_model=chat_model, story=story - 1, on_progress=_progress_of(progress))
    except ManysidesError as error:
        raise _fail(str(error)) from None
    if as_json:
        _print_json(comparison.to_json())
    elif output_format == "markdown":
        sys.stdout.write(comparison_markdown(comparison))
    else:  # the same report as plain text: nothing escaped, no Markdown
        sys.stdout.write(comparison_text(comparison))


@app.command()
def chat(
    article: Annotated[list[str] | None, typer.Option("--article", help="Answer only from these article ids or unique id beginnings.")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="Answer engine (default $MANYSIDES_LLM or extractive).")] = None,
) -> None:
    """An interactive conversation; follow-up questions use the previous turn. Ctrl-D or 'exit' ends it."""
    from bot.chat import ChatSession
    from bot.engines import get_engine
    from bot.views import numbered_text
    from index import ManysidesError

    try:
        library = _library()
        session = ChatSession(get_engine(library, llm), article_ids=_chosen(library, article))
    except ManysidesError as error:
        raise _fail(str(error)) from None
    out.print("Ask about the articles. Ctrl-D or 'exit' to leave.", markup=False)
    while True:
        try:
            question = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            out.print("")
            return
        if question.lower() in {"exit", "quit"}:
            return
        if not question:
            continue
        try:
            turn = session.ask(question)
        except ManysidesError as error:
            err.print(f"error: {error}", markup=False)
            continue
        if turn.view is not None:  # a routed comparison request: the part it asks for, as plain text with the chat's numbers
            numbers = session.numbers(turn.view.sentences(), turn.view.sources)
            out.print("\n".join(numbered_text(turn.view, numbers, limit=8)).rstrip(), markup=False)
            continue
        if turn.standalone != question:
            out.print(f"(searching: {turn.standalone})", markup=False)
        _print_answer(turn.answer)


def main() -> None:
    """Console entry point: anything unexpected still ends as one line on stderr and exit code 1."""
    from pydantic import ValidationError

    from index import settings_error

    try:
        app()
    except Exception as error:  # noqa: BLE001 (the user gets one line; --verbose shows the traceback)
        if "--verbose" in sys.argv or "-v" in sys.argv:
            raise
        if isinstance(error, ValidationError):
            err.print(f"error: {settings_error(error)}", markup=False)
            sys.exit(1)
        err.print(f"error: unexpected {type(error).__name__}: {error}; run again with --verbose for details", markup=False)
        sys.exit(1)
