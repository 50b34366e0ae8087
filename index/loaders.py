"""Load sources (files, folders, URLs, stdin) into Documents: raw text plus the metadata each format carries.

Every failure is a `SourceError` naming the source and saying what to do; one bad source or
JSONL line never stops the others.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import itertools
import json
import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from index.chunking import split_into_sentences
from index.errors import SourceError
from index.models import Document
from index.outlets import opens_with_dateline, without_dateline
from index.text import clean_field, word_count

__all__ = ["SUPPORTED_SUFFIXES", "decode_bytes", "iter_documents", "parse_html", "parse_pdf", "parse_text"]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                      ".html": "html", ".htm": "html", ".pdf": "pdf", ".jsonl": "jsonl"}
_HEADER_KEYS = {
    "title": "title", "headline": "title", "outlet": "outlet", "publication": "outlet", "source": "outlet",
    "site": "outlet", "published": "published", "date": "published", "author": "author", "by": "author",
    "byline": "author", "url": "url", "link": "url",
}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_bytes(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 when it is, otherwise the detected encoding; binary data is refused."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
        raise SourceError(source, "the file is empty; add the article's text and ingest it again")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                break
    if b"\x00" not in data[:8192]:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # NUL bytes are only plausible in UTF-16/32 text; anything else with them is binary.
    if best is None or best.chaos > 0.3 or (b"\x00" in data[:8192] and not best.encoding.startswith(("utf_16", "utf_32"))):
        raise SourceError(source, "this is a binary file, not readable text; save the article as UTF-8 .txt, .html or .pdf and try again")
    log.info("%s: decoded as %s", source, best.encoding)
    return str(best)


# --- plain text and Markdown -------------------------------------------------------------------

_MD_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_HTML_TAG = re.compile(r"<[^<>]*>")
_SCRIPT_BLOCK = re.compile(r"\s*<(script|style)\b", re.IGNORECASE)  # a CommonMark HTML block that opens so is all code


# markdown-it-py spends 20-70 µs on each line and on each character that may open markup, so a crafted file made of
# them would take minutes: an article is parsed as Markdown up to a budget of them (about two seconds at worst),
# and whatever follows is kept as written.
_MARKDOWN_WORK = re.compile(r"[\n!&*<>\[\\\]_`~\-+#|=.)]")
_MARKDOWN_BUDGET = 50_000


@functools.lru_cache(maxsize=1)
def _markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _markdown_prefix(text: str) -> int:
    """How much of the text to parse as Markdown: all of it, or up to the paragraph break where the budget runs out."""
    over = next(itertools.islice(_MARKDOWN_WORK.finditer(text), _MARKDOWN_BUDGET, None), None)
    if over is None:
        return len(text)
    cut = text.rfind("\n\n", 0, over.start())
    return cut if cut > 0 else max(text.rfind("\n", 0, over.start()), 0)


def _inline_text(token) -> str:
    """Plain text of a Markdown inline run: link text without the URL, code as text, emphasis and HTML tags dropped."""
    children = token.children or []
    if len(children) == 1 and children[0].type == "image":  # an image on its own: keep the markup so cleaning records it
        return f"![{children[0].content}]({children[0].attrs.get('src', '')})"
    parts = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _markdown_blocks(text: str) -> list[str]:
    """Plain text of each Markdown block: headings, paragraphs, list items, table rows, code, HTML without tags."""
    blocks: list[str] = []
    row: list[str] | None = None
    for token in _markdown_parser().parse(text):
        if token.type == "inline":
            (blocks if row is None else row).append(_inline_text(token))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content)
        elif token.type == "html_block" and not _SCRIPT_BLOCK.match(token.content):
            blocks.append(_HTML_TAG.sub("", token.content))
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(" | ".join(cell.strip() for cell in row))
            row = None
    return blocks


def _strip_markdown(text: str) -> str:
    """Plain text of a Markdown article, one paragraph per block."""
    cut = _markdown_prefix(text)
    blocks = _markdown_blocks(text[:cut]) + [text[cut:]]
    return "\n\n".join(block.strip("\n") for block in blocks if block.strip())


def _read_header_block(lines: list[str]) -> tuple[dict[str, str], int]:
    """`Key: value` lines at the top of a text file, and how many lines they take."""
    meta: dict[str, str] = {}
    index = 0
    while index < len(lines):
        match = re.match(r"^([A-Za-z][A-Za-z ]{0,20}):\s*(.+)$", lines[index].strip())
        key = _HEADER_KEYS.get(match.group(1).strip().lower()) if match else None
        if not key or match is None:
            break
        meta.setdefault(key, match.group(2).strip())
        index += 1
    if index < len(lines) and lines[index].strip():
        return {}, 0  # a header block ends with a blank line; otherwise "Source: ..." is a body sentence
    return meta, index


def _looks_like_headline(line: str) -> bool:
    """A first line that is short and not a finished sentence is a headline; a long one is body text."""
    words = line.split()
    return 0 < len(words) <= 25 and len(line) <= 300 and not line.rstrip().endswith((".", "!", "?", "\"", "”", "。", "！", "？"))


def _title_from_sentence(line: str, max_words: int = 12, max_chars: int = 120) -> str:
    """A title for an article whose first line is prose: its first sentence (as the sentence splitter cuts it, so "Oct. 19"
    or "Mr. Smith" is no end), at most `max_words` words."""
    line = line.strip()
    spans = split_into_sentences(line, max_tokens=10_000)
    words = (line[spans[0].start:spans[0].end] if spans else line).split()
    title = " ".join(words[:max_words])
    return title[:max_chars] + "…" if len(words) > max_words or len(title) > max_chars else title


def _page_line(line: str) -> bool:
    """Whether a first line is the page around the article (a photo credit, a share prompt), not its headline, by the
    cleaning rules alone: the model reads many headlines (short, capitalised, no verb) as captions."""
    from index.cleaning import rule_reason  # cleaning is heavier to import than loading; only plain text needs it

    return rule_reason(line.strip()) is not None


def parse_text(text: str, source: str, identity: str, markdown: bool = False) -> Document:
    """A text or Markdown article: `Key: value` header lines or the first line give the title."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    if markdown and (front := _MD_FRONT_MATTER.match(text)):
        meta, _ = _read_header_block(front.group(1).splitlines())
        text = text[front.end():]
    if markdown:
        text = _strip_markdown(text)
    lines = text.lstrip("\n").split("\n")
    header, used = _read_header_block(lines)
    for key, value in header.items():
        meta.setdefault(key, value)
    body_lines = lines[used:]
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
    byline: list[str] = []  # a byline or a page line ("Image credit: ...") first is no headline: it stays in the body, where cleaning records it
    while "title" not in meta and len(body_lines) > 1 and len(byline) < 3 and (
            (re.match(r"^By\s+[A-Z]", body_lines[0]) and len(body_lines[0].split()) <= 12) or _page_line(body_lines[0])):
        byline.append(body_lines.pop(0))
        while body_lines and not body_lines[0].strip():
            body_lines.pop(0)
    if "title" not in meta and body_lines:
        from index.cleaning import without_leading_furniture

        if _looks_like_headline(body_lines[0]) and not opens_with_dateline(body_lines[0]):
            meta["title"] = without_leading_furniture(body_lines.pop(0).strip())
        else:
            meta["title"] = _title_from_sentence(without_dateline(without_leading_furniture(body_lines[0].strip())))
    body = "\n\n".join(byline + ["\n".join(body_lines).strip()]).strip()
    if not body:
        raise SourceError(source, "no article text after the title; add the article's body and try again")
    return Document(source=source, identity=identity, text=body, title=meta.get("title", ""), outlet=meta.get("outlet", ""),
                    url=meta.get("url", ""), published=meta.get("published", ""), author=meta.get("author", ""))


# --- HTML ----------------------------------------------------------------------------------------

def _normalized_key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _word_grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return set(zip(*(words[i:] for i in range(n))))


# justext, one of trafilatura's fallback extractors, takes time quadratic in a run of short blocks (5,000 navigation
# lines take 4 s, 20,000 a minute), so a page with more blocks than this is extracted without the fallbacks.
_BLOCKS = "//p|//li|//div|//td|//th|//dd|//dt|//h1|//h2|//h3|//h4|//h5|//h6|//pre|//blockquote|//br"
_MAX_BLOCKS_FOR_FALLBACKS = 4_000


def _html_tree(html: str):
    """The page parsed by lxml, or None when lxml refuses it."""
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


# Elements a browser never shows, or hides from screen readers: `hidden`, `display: none`, `visibility: hidden`,
# `aria-hidden="true"`. Their text is no part of the article a reader sees, and a common place to hide instructions for a model.
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n', 'abcdefghijklmnopqrstuvwxyz')"
_HIDDEN = ("//body//*[@hidden or {aria}='true' or contains({style}, 'display:none') or contains({style}, 'visibility:hidden')]"
           .format(aria=_LOWER.format("@aria-hidden"), style=_LOWER.format("@style")))


def _drop_hidden(root) -> list[str]:
    """Remove hidden elements from the parsed page; the lines of text they held, for the record."""
    if root is None:
        return []
    lines: list[str] = []
    for element in root.xpath(_HIDDEN):
        if element.getparent() is None:
            continue  # inside an element already dropped
        lines.extend(line for line in (" ".join(part.split()) for part in element.text_content().split("\n")) if line)
        element.drop_tree()
    return lines[:200]


def _page_leftovers(root, kept: str, title: str, limit: int = 200) -> list[str]:
    """Visible lines of the parsed page that the extractor dropped (navigation, captions, footers), for the record."""
    if root is None:
        return []
    for invisible in root.xpath("//script|//style|//noscript|//template|//head"):
        invisible.drop_tree()
    # A line is kept text when each of its word trigrams (bigrams, words for shorter lines) occurs in the kept text:
    # set lookups, so a page of 60,000 navigation lines costs one pass.
    kept_words = _normalized_key(f"{title}\n{kept}").split()
    kept_grams = {n: _word_grams(kept_words, n) for n in (1, 2, 3)}
    seen: set[str] = set()
    leftovers: list[str] = []
    for line in root.text_content().split("\n"):
        line = " ".join(line.split())
        if not line or line in seen:
            continue
        seen.add(line)
        words = _normalized_key(line).split()
        if words and not _word_grams(words, min(len(words), 3)) <= kept_grams[min(len(words), 3)]:
            leftovers.append(line)
            if len(leftovers) == limit:
                break
    return leftovers


def parse_html(html: str, source: str, identity: str, url: str = "") -> tuple[Document, list[str]]:
    """Main text and metadata of a web page (trafilatura), and the page lines it left out; hidden elements are dropped first."""
    import lxml.html
    import trafilatura
    from trafilatura.settings import set_date_params

    root = _html_tree(html)
    hidden = _drop_hidden(root)
    if hidden:
        html = lxml.html.tostring(root, encoding="unicode")
    many_blocks = root is not None and root.xpath(f"count({_BLOCKS})") > _MAX_BLOCKS_FOR_FALLBACKS
    # The date parameters are trafilatura's defaults, spelled out: its fast mode would otherwise switch on the
    # extensive date search, which reads every text node.
    extracted: Any = trafilatura.bare_extraction(html, url=url or None, fast=many_blocks, date_extraction_params=set_date_params(False),
                                            with_metadata=True, include_comments=False, include_tables=False, include_images=False)
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if word_count(text) < 20:
        raise SourceError(source, "no article text found on this page; open the article itself (not a home or index page) or paste its text")
    # trafilatura puts one paragraph per line; blank lines make that explicit for the cleaner.
    body = "\n\n".join(line for line in text.split("\n") if line.strip())
    document = Document(
        source=source, identity=identity, text=body, title=extracted.title or "", outlet=extracted.sitename or "",
        url=url or extracted.url or "", published=extracted.date or "", author=extracted.author or "", hidden=tuple(hidden),
    )
    return document, _page_leftovers(root, text, document.title)


# --- PDF -----------------------------------------------------------------------------------------

def parse_pdf(data: bytes, source: str, identity: str) -> Document:
    """Text of a PDF, page by page (pypdf); its metadata title when it has one."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata: Any = reader.metadata or {}
        title = str(metadata.get("/Title") or "").strip()
        author = str(metadata.get("/Author") or "").strip()
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise SourceError(source, f"this PDF cannot be read ({error}); re-save it or export the article as text") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if word_count(text) < 5:
        raise SourceError(source, "the PDF has no extractable text (it may be scanned images); run OCR on it or paste the text instead")
    document = parse_text(f"Title: {title}\n\n{text}" if title else text, source, identity)
    return dataclasses.replace(document, author=author or document.author)


# --- JSONL ---------------------------------------------------------------------------------------

def _field(record: dict, name: str) -> str:
    return "" if record.get(name) is None else str(record[name]).strip()


_JSON_ID = re.compile(r'"id"\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d+)')


def _line_label(source: str, number: int, record_id: object) -> str:
    """Where a JSONL record is: "batch.jsonl line 7 (id r42)", or without the id when it has none."""
    shown = clean_field("" if record_id is None else str(record_id))
    return f"{source} line {number}" + (f" (id {shown})" if shown else "")


def _id_in_broken_line(line: str) -> object:
    """The "id" a line that is not valid JSON seems to carry, or None."""
    match = _JSON_ID.search(line)
    try:
        return json.loads(match.group(1)) if match else None
    except json.JSONDecodeError:
        return None


def _iter_jsonl(text: str, source: str, path_identity: str) -> Iterator[Document | SourceError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            reason = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deeply"
            where = _line_label(source, number, _id_in_broken_line(line))
            yield SourceError(where, f"not valid JSON ({reason}); fix or remove that line, the other lines were read")
            continue
        record_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            where = _line_label(source, number, record_id)
            yield SourceError(where, 'needs an object with a non-empty "text" field; fix that line, the other lines were read')
            continue
        field = functools.partial(_field, record)
        explicit_id = field("id")
        identity = f"id:{explicit_id}" if explicit_id else field("url") or f"{path_identity}#{_digest(field('title') + record['text'])}"
        yield Document(source=source, identity=identity, text=record["text"], title=field("title"), outlet=field("outlet"),
                       url=field("url"), published=field("published"), author=field("author"), explicit_id=explicit_id,
                       location=_line_label(source, number, record_id))


# --- dispatch ------------------------------------------------------------------------------------

def _check_size(size: int, source: str, limit: int) -> None:
    if size > limit:
        raise SourceError(source, f"{size / 2**20:.1f} MB is over the {limit / 2**20:.0f} MB limit; split it into smaller files or raise MANYSIDES_MAX_SOURCE_MB")


def _sniff_kind(data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:4096].lower():
        return "html"
    return "text"


def _documents_from_bytes(data: bytes, kind: str, source: str, identity: str, url: str = "") -> Iterator[Document | SourceError]:
    if kind == "pdf":
        if not data.strip():
            raise SourceError(source, "the file is empty; add the article and ingest it again")
        yield parse_pdf(data, source, identity)
        return
    text = decode_bytes(data, source)
    if kind == "jsonl":
        yield from _iter_jsonl(text, source, identity)
    elif kind == "html":
        document, leftovers = parse_html(text, source, identity, url=url)
        yield dataclasses.replace(document, dropped=tuple(leftovers))
    else:
        yield parse_text(text, source, identity, markdown=kind == "markdown")


def _iter_file(path: Path, source: str, limit: int) -> Iterator[Document | SourceError]:
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "text")
    _check_size(path.stat().st_size, source, limit)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(source, f"cannot read the file ({error.strerror}); check its permissions") from None
    yield from _documents_from_bytes(data, kind, source, str(path.resolve()))


def _iter_folder(folder: Path, source: str, limit: int) -> Iterator[Document | SourceError]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    if not files:
        yield SourceError(source, f"no article files in this folder; it needs {', '.join(sorted(set(SUPPORTED_SUFFIXES)))} files")
    for path in files:
        yield from _guarded(str(path), lambda p=path: _iter_file(p, str(p), limit))


def _iter_url(url: str, limit: int, timeout: float, deadline: float, allow_private: bool) -> Iterator[Document | SourceError]:
    from index.fetch import fetch_url

    page = fetch_url(url, limit=limit, timeout=timeout, deadline=deadline, allow_private=allow_private)
    kind = "pdf" if "pdf" in page.content_type else "html" if "html" in page.content_type or "xml" in page.content_type else _sniff_kind(page.body)
    yield from _documents_from_bytes(page.body, kind, url, page.url, url=page.url)


def _guarded(source: str, produce) -> Iterator[Document | SourceError]:
    """Run a loader, turning its first failure into a yielded SourceError."""
    try:
        yield from produce()
    except SourceError as error:
        yield error
    except Exception as error:  # parsers raise many types (pypdf, lxml, urllib3); one bad source must not stop the rest
        log.debug("loader failure", exc_info=True)
        yield SourceError(source, f"could not be loaded ({type(error).__name__}: {error}); check the file and try again")


def iter_documents(source: str, *, limit: int, timeout: float = 20.0, deadline: float = 30.0, allow_private: bool = False,
                   stdin: io.BufferedIOBase | None = None) -> Iterator[Document | SourceError]:
    """Documents from one source as the user gave it: a file, folder, http(s) URL or `-` for stdin."""
    scheme = urlsplit(source).scheme.lower() if "://" in source else ""
    if scheme in ("http", "https"):
        yield from _guarded(source, lambda: _iter_url(source, limit, timeout, deadline, allow_private))
    elif scheme:
        yield SourceError(source, f"'{scheme}://' sources are not supported; give an http(s) URL, a file or a folder")
    elif source == "-":
        def from_stdin() -> Iterator[Document | SourceError]:
            stream = stdin or sys.stdin.buffer
            data = stream.read(limit + 1)
            _check_size(len(data), source, limit)
            yield from _documents_from_bytes(data, _sniff_kind(data), source, f"stdin:{_digest(data.decode('utf-8', 'replace'))}")
        yield from _guarded(source, from_stdin)
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            yield from _iter_folder(path, source, limit)
        elif path.is_file():
            yield from _guarded(source, lambda: _iter_file(path, source, limit))
        elif path.exists():
            yield SourceError(source, "not a regular file or folder (a device or pipe?); save the article to a file, or pipe it to `manysides ingest -`")
        else:
            yield SourceError(source, "no such file or folder; check the path")
