"""The judge's training pairs: one fact told by two outlets is found through a cluster's human summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from train.judge_data import held_out, pivot_pairs

PORT = [
    "Dock workers at the port of Halden walked off the job on Monday, halting container traffic along the coast. "
    "The union said its members want a seven percent raise over two years. "
    "Shipping lines have begun sending their vessels to neighbouring harbours instead.",
    "The strike that began Monday at Halden has stopped every container crane at the busy northern terminal. "
    "Union leaders are demanding a raise of seven percent spread over the next two years. "
    "A spokesman for the port authority declined to comment on the talks.",
]
SUMMARY = "Dock workers at Halden went on strike on Monday. The union wants a seven percent raise over two years."


def _write_cluster(folder: Path, split: str) -> None:
    """One DUC-shaped cluster whose id falls in the asked split (the split is a stable hash of the id)."""
    cluster_id = next(f"c{i}" for i in range(1000) if held_out(f"cluster:duc2003_mds:c{i}") == (split == "test"))
    (folder / "duc2003").mkdir(parents=True)
    record = {"cluster_id": cluster_id, "docs": [{"doc_id": f"d{i}", "text": text} for i, text in enumerate(PORT)],
              "references": {"A": SUMMARY}}
    (folder / "duc2003" / "duc2003_mds.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")


def test_two_outlets_sources_of_one_summary_sentence_are_one_fact(tmp_path):
    _write_cluster(tmp_path, "train")
    pairs = pivot_pairs(tmp_path, "train")
    outlets = {(p.premise, p.hypothesis): p for p in pairs if p.source == "pivot:outlets"}
    raise_a = "The union said its members want a seven percent raise over two years."
    raise_b = "Union leaders are demanding a raise of seven percent spread over the next two years."
    assert (raise_a, raise_b) in outlets and (raise_b, raise_a) in outlets
    assert outlets[(raise_a, raise_b)].same == pytest.approx(0.85)
    assert outlets[(raise_a, raise_b)].weight == 0.0  # neither need entail the other: the entailment head is not taught
    # A sentence no summary sentence comes from is never paired.
    assert not any("declined to comment" in p.premise or "declined to comment" in p.hypothesis for p in pairs)
    # A source and the summary's shorter telling are one fact; entailment is not taught (a summary fuses and rewords).
    summary = [p for p in pairs if p.source == "pivot:summary" and p.hypothesis == "The union wants a seven percent raise over two years."]
    assert summary and all(p.same == pytest.approx(0.75) and p.weight == 0.0 for p in summary)


def test_pairs_keep_to_their_split(tmp_path):
    _write_cluster(tmp_path, "train")
    assert pivot_pairs(tmp_path, "train")
    assert pivot_pairs(tmp_path, "test") == []
