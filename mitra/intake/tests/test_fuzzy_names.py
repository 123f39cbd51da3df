"""Typo-tolerant name comparison with rapidfuzz (Indel similarity: twice the longest common
subsequence over the two lengths added): thresholds, ties, bounds."""

import pytest

from mitra.bodies.gazetteer import BodyEntry
from mitra.intake.extraction.bodies import Gazetteer, default_gazetteer
from mitra.intake.extraction.limits import Budget
from mitra.intake.extraction.names import similar as _similar
from mitra.intake.matching import _LongNames


@pytest.mark.parametrize(
    ("a", "b", "threshold", "similar"),
    [
        ("konrad adenauer stiftung", "konrad adenaur stiftung", 0.88, True),  # a typo
        ("abcdefghij", "abcdefghiz", 0.9, True),  # 2 x 9 / 20: exactly the threshold
        ("abcdefghij", "abcdefghiz", 0.91, False),
        ("a" * 22 + "xyz", "a" * 22 + "klm", 0.88, True),  # 2 x 22 / 50 = 0.88
        ("a" * 22 + "wxyz", "a" * 22 + "klmn", 0.88, False),  # 2 x 22 / 52 < 0.88
        # alike names whose words start differently are two organizations
        ("japan international cooperation agency", "korea international cooperation agency",
         0.88, False),
    ],
)  # fmt: skip
def test_similar_at_and_around_the_threshold(a, b, threshold, similar):
    assert _similar(a, b, threshold) is similar


def test_a_spent_budget_stops_typo_tolerance():
    budget = Budget(1)
    assert _similar("konrad adenauer stiftung", "konrad adenaur stiftung", 0.88, budget)
    assert not _similar("konrad adenauer stiftung", "konrad adenaur stiftung", 0.88, budget)


def test_closest_long_name_threshold_ties_and_short_names():
    names = _LongNames()
    names.append("abcdefghix", 1)
    names.append("abcdefghiy", 2)  # as close to "abcdefghij" as the first
    names.append("mercy corps", 3)
    assert names.closest("abcdefghij") == 1  # of equally close names, the first added
    assert names.closest("mercy crops") == 3  # 2 x 10 / 22 = 0.909
    assert names.closest("mercy cxxps") is None  # 2 x 9 / 22 = 0.818
    assert names.closest("abcdefg") is None  # shorter than FUZZY_MIN_CHARS
    assert _LongNames().closest("abcdefghij") is None


def test_closest_body_name_takes_the_best_and_refuses_below_the_threshold():
    near = BodyEntry(key="near", name="Kementerian Luar Negeri", acronym="", kind="ministry")
    far = BodyEntry(key="far", name="Kementerian Luar Negara", acronym="", kind="ministry")
    by_length = {23: [("kementerian luar negara", far), ("kementerian luar negeri", near)]}
    best = Gazetteer._closest_name("kementerian luara negeri", by_length, Budget(100))
    assert best is not None
    assert best[1:] == ("kementerian luar negeri", near)
    assert best[0] == pytest.approx(46 / 47)
    assert Gazetteer._closest_name("kementerian lxxxx negeri", by_length, Budget(100)) is None
    assert Gazetteer._closest_name("kementerian luara negeri", by_length, Budget(1)) is None


def test_a_misspelt_body_name_in_text_is_found():
    found = default_gazetteer().find("Kementerian Luara Negeri menandatangani nota kesepahaman.")
    assert [[e.key for e in m.entries] for m in found] == [["kemlu"]]
    assert default_gazetteer().find("Kementerian Lxxxx Negeri menandatangani.") == []
