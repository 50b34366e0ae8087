"""Near-duplicate detection: MinHash signatures estimate word-shingle overlap, and the index finds the closest live original."""

import numpy as np

from index.dedup import SignatureIndex, minhash_signature

STORY = ("The Kellan Street bridge closed on Monday after inspectors found corrosion in two of its steel supports. "
         "City engineers said repairs would take at least four months and cost about $4.2 million. "
         "Buses will be diverted over the Harbour Road crossing until the work is finished.")
OTHER = ("Shareholders of the shipping group voted against the chief executive's pay deal at the annual meeting. "
         "The chairman defended the award and said the board would consult investors before next year's vote.")


def similarity(a: str, b: str) -> float:
    return float((minhash_signature(a) == minhash_signature(b)).mean())


def test_signatures_are_stable_and_ignore_case_and_punctuation():
    signature = minhash_signature(STORY)
    assert signature.shape == (64,) and signature.dtype == np.uint32
    assert np.array_equal(signature, minhash_signature(STORY))
    assert np.array_equal(signature, minhash_signature(STORY.upper().replace(",", " ").replace(".", " ")))


def test_similarity_orders_copy_edit_and_other_story():
    edited = STORY.replace("on Monday", "on Tuesday morning") + " A spokesperson declined to comment."
    assert similarity(STORY, STORY) == 1.0
    assert 0.3 < similarity(STORY, edited) < 1.0  # a lightly edited wire copy shares most shingles
    assert similarity(STORY, OTHER) < 0.1


def test_short_and_empty_texts_have_signatures():
    assert similarity("Bridge closed", "bridge closed!") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("Bridge closed", "Port strike") < 1.0


def test_index_finds_the_closest_live_original_and_never_the_article_itself():
    index = SignatureIndex({"story": minhash_signature(STORY), "other": minhash_signature(OTHER)})
    copy = minhash_signature(STORY + " Reporting by the wire desk.")
    found = index.duplicate_of("copy", copy, threshold=0.5)
    assert found is not None and found[0] == "story" and 0.5 <= found[1] < 1.0
    assert index.duplicate_of("story", minhash_signature(STORY), threshold=0.5) is None  # only itself matches
    assert index.duplicate_of("copy", copy, threshold=1.01) is None
    index.discard("story")
    assert index.duplicate_of("copy", copy, threshold=0.5) is None
    index.add("story", minhash_signature(STORY))  # re-adding revives it
    assert index.duplicate_of("copy", copy, threshold=0.5)[0] == "story"


def test_index_grows_past_its_first_allocation():
    index = SignatureIndex({})
    assert index.duplicate_of("x", minhash_signature(STORY), 0.5) is None
    for n in range(150):
        index.add(f"filler-{n}", minhash_signature(f"{OTHER} Filler paragraph number {n} about nothing in particular at all."))
    index.add("story", minhash_signature(STORY))
    assert index.duplicate_of("copy", minhash_signature(STORY), 0.9) == ("story", 1.0)
