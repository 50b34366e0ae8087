"""What the page remembers between reruns and the rules it follows with it: which articles are chosen and in what
order, what each article's card says, when the engine is checked again, and when the comparison is computed again; and
the lines the page shows around them (`bot.notes.Note`: plain text and how to show it).

Plain objects the page keeps in its session state; nothing here knows Streamlit, so each rule is tested alone.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from bot.answer import Answer
from bot.citations import AnswerSentence, Citation
from bot.chat import Turn
from bot.compare import Comparison, article_label, named_outlet
from bot.engine_settings import EngineChoice, EngineStatus, check_engine
from bot.engines import AnswerEngine
from bot.highlight import cited_articles, safe_link
from bot.llm import failure_line
from bot.notes import Note
from bot.report import comparison_markdown, summary_markdown
from bot.summarize import Summary
from index import ArticleRecord, Library, ManysidesError

__all__ = ["SUGGESTED_QUESTIONS", "ArticleCard", "ArticlePicks", "CitedSource", "Download", "EngineCheck", "Memo", "answer_failure",
           "article_card", "cited_sources", "comparison_key", "downloads", "error_line", "name_outlets", "refusal_words", "selected_ids",
           "selection_notes", "turn_notes", "UnnamedOutlets", "unnamed_outlets"]

T = TypeVar("T")
log = logging.getLogger(__name__)

# What an empty chat offers to ask: general questions that suit any story, never tuned to the sample articles.
SUGGESTED_QUESTIONS = ("What happened?", "What do the outlets disagree on?", "What does each outlet add?", "Who is quoted?")


def selected_ids(chosen: Sequence[str], records: Sequence[ArticleRecord]) -> list[str] | None:
    """The article ids a question or a comparison is limited to: None when every article is chosen (so an article
    added later by the CLI or another tab is included), else the chosen ids."""
    return None if len(chosen) == len(records) else list(chosen)


@dataclass
class ArticlePicks:
    """Which articles the reader has seen and added in this session: articles added here come first, newest first, and
    an article the page has not shown before starts chosen until the reader leaves it out."""

    recent: list[str] = field(default_factory=list)  # ids added in this session, newest first
    known: set[str] = field(default_factory=set)  # ids the page has shown
    just_added: list[str] = field(default_factory=list)  # the ids the last addition brought

    def added(self, ids: Sequence[str]) -> None:
        """Record an addition: its articles go to the top and can be chosen alone."""
        self.recent[:0] = [i for i in dict.fromkeys(ids) if i not in self.recent]
        self.just_added = list(ids)

    def arranged(self, records: Sequence[ArticleRecord]) -> list[ArticleRecord]:
        """The library's articles in the page's order: those added in this session first, newest first."""
        present = {r.id for r in records}
        recent = [i for i in self.recent if i in present]
        return sorted(records, key=lambda r: recent.index(r.id) if r.id in recent else len(recent))

    def new(self, ids: Sequence[str]) -> list[str]:
        """The ids the page shows for the first time (they start chosen); from now on they are known."""
        fresh = [i for i in ids if i not in self.known]
        self.known.update(ids)
        return fresh

    def just_added_among(self, ids: Sequence[str]) -> list[str]:
        """The last addition's articles still in the library."""
        return [i for i in self.just_added if i in set(ids)]

    def shortcuts(self, ids: Sequence[str]) -> list[tuple[str, list[str]]]:
        """The buttons that choose several articles at once, each with the ids it chooses: all, none, and the last
        addition when it brought more than one."""
        added = self.just_added_among(ids)
        several = [(f"Only the {len(added)} just added", added)] if len(added) > 1 else []
        return [("Select all", list(ids)), ("Select none", []), *several]


@dataclass(frozen=True)
class ArticleCard:
    """What the library panel says about one article (plain text; the page escapes it)."""

    label: str  # its checkbox: outlet and headline
    details: str  # date, chunks, and the article it copies
    warning: str  # why it is left out of comparisons, or ""
    removed: str  # "Cleaning removed N passages", or "" when cleaning removed nothing
    removed_lines: str  # each removed passage with its reason, one a line

    @property
    def notes(self) -> list[Note]:
        """What the card says under its checkbox: the details, then why it is left out of comparisons."""
        return [Note("caption", self.details)] + ([Note("warning", self.warning)] if self.warning else [])


def article_card(record: ArticleRecord, records: Sequence[ArticleRecord], original: ArticleRecord | None = None) -> ArticleCard:
    """The card of `record` among the library's `records`; `original` is the article it is a copy of (found among
    `records` when not given)."""
    if record.duplicate_of and original is None:
        original = next((r for r in records if r.id == record.duplicate_of), None)
    copy = f" · copy of {article_label(original or record, records)}" if record.duplicate_of else ""
    details = f"{record.published or 'undated'} · {record.chunks} chunk{'s' * (record.chunks != 1)}{copy}"
    warning = f"Not an article: {record.not_article}. It is left out of comparisons." if record.not_article and not record.duplicate_of else ""
    removed = f"Cleaning removed {len(record.removed)} passage{'s' * (len(record.removed) != 1)}" if record.removed else ""
    return ArticleCard(article_label(record, records), details, warning, removed, "\n".join(f"[{r.reason}] {r.text}" for r in record.removed))


@dataclass(frozen=True)
class CitedSource:
    """A cited article as the page lists it under an answer (plain text; the page escapes it)."""

    number: int  # its citation marker
    article_id: str
    heading: str  # "[n] Outlet - Headline · date"
    byline: str  # "By ...", or ""
    link: str  # a safe http(s) link to the original, or "" (always "" once the article is gone)
    text: str | None  # the article's text; None once it is no longer in the library
    citations: tuple[Citation, ...]  # what was cited from it, in article order

    @property
    def notes(self) -> list[Note]:
        """What its panel says above the article: that it is gone, or who wrote it."""
        if self.text is None:
            return [Note("caption", "This article is no longer in the library.")]
        return [Note("caption", self.byline)] if self.byline else []


def cited_sources(library: Library, sentences: Sequence[AnswerSentence], numbers: Mapping[str, int],
                  sources: Sequence[ArticleRecord]) -> list[CitedSource]:
    """The articles `sentences` cite, in marker order, each with what the page shows of it."""
    records = {r.id: r for r in sources}
    shown = []
    for cited in cited_articles(sentences, numbers, records):
        record = cited.record or library.article(cited.article_id)
        text = library.article_text(cited.article_id) if record else None
        if record is None or text is None:
            shown.append(CitedSource(cited.number, cited.article_id, f"[{cited.number}] {cited.article_id}", "", "", None, cited.citations))
            continue
        heading = f"[{cited.number}] {article_label(record, list(records.values()) or [record])}" + (f" · {record.published}" if record.published else "")
        shown.append(CitedSource(cited.number, cited.article_id, heading, f"By {record.author}" if record.author else "",
                                 safe_link(record.url), text, cited.citations))
    return shown


@dataclass
class EngineCheck:
    """The last look at whether the chosen engine can answer: taken again when the choice changes (the number of
    passages aside, which needs no server) or when the reader asks."""

    checked: EngineChoice | None = None  # the choice last checked, passages left out
    status: EngineStatus | None = None  # what the check found

    def due(self, choice: EngineChoice) -> bool:
        """True when `choice` has not been checked yet."""
        return self.status is None or self.checked != dataclasses.replace(choice, passages=0)

    def run(self, choice: EngineChoice, check: Callable[[EngineChoice], EngineStatus] = check_engine) -> EngineStatus:
        """Check `choice` now and remember the result."""
        self.status = check(choice)
        self.checked = dataclasses.replace(choice, passages=0)
        return self.status

    def tone(self, choice: EngineChoice) -> Literal["success", "warning", "error"]:
        """How to show the result: ready, still being filled in (a model name is missing), or a problem to fix."""
        if self.status is not None and self.status.ready:
            return "success"
        return "warning" if choice.kind != "extractive" and not choice.model else "error"

    def line(self, choice: EngineChoice) -> str:
        """The result in one line, naming the engine (never its key)."""
        return f"{choice.label}: {self.status.message if self.status else 'not checked yet'}"

    def note(self, choice: EngineChoice) -> Note:
        """The result as the settings panel shows it."""
        return Note(self.tone(choice), self.line(choice))


def comparison_key(chosen: Sequence[str], records: Sequence[ArticleRecord], story: int, engine: str = "") -> tuple:
    """What a comparison depends on: the chosen articles (in any order), each article's version, outlet and title (an
    edit renames it everywhere), which story is compared, and the answer engine (an LLM judge may relate the claims)."""
    return tuple(sorted(chosen)), tuple(sorted((r.id, r.version, r.outlet, r.title) for r in records)), story, engine


@dataclass
class Memo(Generic[T]):
    """One value kept for one key: computed again when the key changes. A failed computation (None) is not kept, so the
    next rerun tries again."""

    key: object = None
    value: T | None = None

    def get(self, key: object, compute: Callable[[], T | None]) -> T | None:
        if self.value is None or self.key != key:
            self.key, self.value = key, compute()
        return self.value


def answer_failure(engine: AnswerEngine, error: Exception) -> str | None:
    """The line for an LLM engine that failed while answering (worded as `bot.llm.failure_line`); None for an error the
    page words itself: one of ours, or any error of an engine without a chat model (the extractive one)."""
    if engine.chat_model is None or isinstance(error, ManysidesError):
        return None
    return failure_line(engine.name, error, instead="no answer is shown")


def refusal_words(answer: Answer) -> str:
    """A refusal's own words, without the nearest sentence it goes on to quote (the page cites that one apart)."""
    nearest = answer.sentences
    return answer.text.split(nearest[0].text)[0].rstrip() if nearest else answer.text


def error_line(error: Exception) -> str:
    """An error in one line: ours say what to do; one nobody planned for is logged with its traceback for the server log."""
    if isinstance(error, ManysidesError):
        return str(error)
    log.error("unexpected error in the app", exc_info=error)
    return f"Something went wrong ({type(error).__name__}: {error}). Try again; if it keeps happening, restart the app and check its log."


def selection_notes(chosen: Sequence[str], records: Sequence[ArticleRecord], engine_label: str) -> list[Note]:
    """What the page says above its tabs: how many articles are chosen and which engine answers, then what to do when
    there is nothing to ask about."""
    notes = [Note("caption", f"{len(chosen)} of {len(records)} articles selected · answer engine: {engine_label}")]
    if not records:
        notes.append(Note("info", "Add articles in the sidebar to begin: upload files, paste text or give a URL."))
    elif not chosen:
        notes.append(Note("warning", "No articles are selected; pick some in the sidebar."))
    return notes


@dataclass(frozen=True)
class UnnamedOutlets:
    """The compared articles that name no outlet (the page calls them "Article N"), asked for in one place."""

    prompt: str  # what the page asks
    articles: tuple[tuple[str, str], ...]  # (article id, its label and headline), in the comparison's order


def unnamed_outlets(comparison: Comparison) -> UnnamedOutlets | None:
    """What to ask when some compared articles name no outlet in their text, address or file name; None when all do."""
    sources = [r for r in comparison.sources if r.id not in {copy for copy, _ in comparison.duplicates}]
    unnamed = [r for r in sources if not named_outlet(r)]
    if not unnamed:
        return None
    which = "it" if len(unnamed) == 1 else "them"
    prompt = (f"{len(unnamed)} of the {len(sources)} compared articles name no outlet, so they are called by number. "
              f"Name {which} here, and every view says who reports what.")
    return UnnamedOutlets(prompt, tuple((r.id, article_label(r, comparison.sources)) for r in unnamed))


def name_outlets(library: Library, names: Mapping[str, str]) -> list[str]:
    """Set the outlets the reader named (a blank one is left unnamed); the ids renamed."""
    given = {article_id: name.strip() for article_id, name in names.items() if name.strip()}
    return [article_id for article_id, name in given.items() if library.edit(article_id, outlet=name) is not None]


def turn_notes(turn: Turn) -> tuple[list[Note], list[Note]]:
    """What the page says around an answer's cited sentences: before them, the engine's notice, what was searched when it
    differs from the question and a refusal's own words; after them, for a refusal, what to do next."""
    answer = turn.answer
    before = [Note("warning", answer.notice)] if answer.notice else []
    before += [Note("caption", f"Searched for: {turn.standalone}")] if turn.standalone != turn.question else []
    if answer.answerable:
        return before, []
    after = "No sentence in the selected articles answers this closely enough. Rephrase the question, or select more articles."
    return [*before, Note("markdown", refusal_words(answer))], [Note("caption", after)]


@dataclass(frozen=True)
class Download:
    """A file the comparison page offers."""

    label: str  # its button
    data: str  # Markdown
    file_name: str


def downloads(comparison: Comparison, summary: Summary | None) -> list[Download]:
    """The comparison as Markdown, and the comparative summary when there is one."""
    files = [Download("Download the comparison (Markdown)", comparison_markdown(comparison), "comparison.md")]
    if summary is not None:
        files.append(Download("Download the summary (Markdown)", summary_markdown(summary), "summary.md"))
    return files
