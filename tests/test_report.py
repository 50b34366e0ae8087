"""Markdown reports: one footnote per cited sentence, escaped article text, and a sources list with safe links only."""

from bot.citations import AnswerSentence, Citation
from bot.compare import Comparison, ConsensusItem
from bot.highlight import escape_line as markdown_escape
from bot.report import comparison_markdown, summary_markdown
from bot.summarize import Summary
from index import ArticleRecord

LEDGER = ArticleRecord(id="a" * 16, version="v1", title="Bridge shut for repairs", source="ledger.txt", chunks=1, outlet="Ledger",
                       url="https://ledger.example/bridge", published="2024-03-01")
HERALD = ArticleRecord(id="b" * 16, version="v1", title="Herald", source="herald.txt", chunks=1, outlet="Herald",
                       url="javascript:alert(1)")


def summary(sentences) -> Summary:
    return Summary(text=" ".join(s.text for s in sentences), sentences=tuple(sentences), sources=(LEDGER, HERALD), words=60)


def test_markdown_escape_keeps_one_line_and_no_markup():
    escaped = markdown_escape("A <script>x</script>\n\n# heading [link](http://x) *b*")
    assert "\n" not in escaped and "<script>" not in escaped and "](" not in escaped and "*b*" not in escaped


def test_a_sentence_cited_twice_gets_one_footnote_and_unsupported_sentences_say_so():
    shut = Citation(LEDGER.id, "The bridge is shut.", 0, 19)
    rust = Citation(HERALD.id, "Divers found <rust>.", 30, 50)
    report = summary_markdown(summary([AnswerSentence("The bridge is shut.", (shut,), True),
                                       AnswerSentence("It is shut for repairs.", (shut, rust), True),
                                       AnswerSentence("It reopens in May.", (), False)]))
    lines = report.splitlines()
    assert lines[0] == "# Summary of 2 articles"
    body = lines[2]
    assert body.count("[^1]") == 2 and body.count("[^2]") == 1 and "[^3]" not in body
    assert body.endswith("**(unsupported)**")
    footnotes = [line for line in lines if line.startswith("[^")]
    assert footnotes[0].startswith("[^1]: Ledger, *Bridge shut for repairs*, characters 0-19:")
    assert footnotes[1].startswith("[^2]: Herald, characters 30-50:")  # a title equal to the label is not repeated
    assert "<rust>" not in report


def test_sources_link_only_to_web_addresses():
    report = summary_markdown(summary([]))
    assert "*Nothing to summarize.*" in report
    assert "<https://ledger.example/bridge>" in report and "(2024\\-03\\-01)" in report
    assert "javascript" not in report


def test_the_comparison_report_footnotes_each_outlets_words():
    item = ConsensusItem("The bridge is shut.", (Citation(LEDGER.id, "The bridge is shut.", 0, 19),
                                                 Citation(HERALD.id, "The bridge was closed.", 5, 27)), (LEDGER.id, HERALD.id))
    report = comparison_markdown(Comparison(consensus=(item,), unique=(), conflicts=(), quotes=(), sources=(LEDGER, HERALD)))
    assert report.startswith("# How 2 articles compare\n")
    assert "[^1][^2] (Ledger, Herald)" in report
    assert "[^2]: Herald, characters 5-27: “The bridge was closed\\.”" in report
    assert "## Sources" in report
