"""Phrase families of the eleventh pass (issue 12), found on regional portals, sector ministries
and items that tell two events: the years of an agreement told in a later sentence about the
programme, and the years of an earlier programme that the new agreement carries on.

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from .family_items import agreements

# -- 3. agreement years ------------------------------------------------------------------------
TERMS = [
    # the term in the signing sentence, with a number written twice and an en dash
    ("Kementerian PUPR menandatangani nota kesepahaman dengan JICA untuk 5 (lima) tahun, "
     "2024–2028, di Jakarta.", (2024, 2028, 5)),
    # the length in a later sentence about the document
    ("Kementerian PUPR menandatangani nota kesepahaman dengan JICA di Jakarta. Nota kesepahaman "
     "itu berlaku selama lima tahun.", (None, None, 5)),
    # the years in a later sentence about the programme the agreement runs
    ("Kementerian Pertanian menandatangani perjanjian kerja sama dengan FAO di Jakarta. Program "
     "berlangsung 2024 hingga 2026.", (2024, 2026, None)),
    ("Kementerian Kesehatan meneken nota kesepahaman dengan UNICEF di Jakarta. Program ini akan "
     "berjalan dari 2025 sampai 2027.", (2025, 2027, None)),
    ("Bappenas menandatangani perjanjian hibah dengan KOICA. Program tersebut dilaksanakan pada "
     "2024-2026 di tiga provinsi.", (2024, 2026, None)),
    # a framework named for a meeting is the meeting's agreement
    ("Kementerian PUPR menggelar pertemuan komite bersama dengan JICA dalam kerangka Nota "
     "Kesepahaman 2022-2025 di Jakarta.", (2022, 2025, None)),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), TERMS)
def test_the_term_of_the_agreement_is_read(body, expected):
    [found] = agreements(body)
    assert (found["start_year"], found["end_year"], found["duration_years"]) == expected


EARLIER = [
    ("Kementerian PUPR menandatangani nota kesepahaman dengan Pemerintah Belanda di Jakarta. Kerja "
     "sama ini melanjutkan program Building with Nature 2015-2021.", "Pemerintah Belanda"),
    ("Kementerian Kesehatan menandatangani nota kesepahaman dengan UNICEF di Jakarta. Kerja sama "
     "itu merupakan lanjutan dari proyek Sehat Ibu 2018-2022.", "UNICEF"),
    ("Bappenas menandatangani perjanjian hibah dengan KOICA. Hibah itu meneruskan program Smart "
     "Village 2019-2023 di Jawa Barat.", "KOICA"),
    ("Kementerian Pertanian meneken perjanjian kerja sama dengan FAO. Kerja sama ini dibangun atas "
     "keberhasilan program Food Security Initiative 2016-2020.", "FAO"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "partner"), EARLIER)
def test_years_of_an_earlier_programme_are_not_the_new_agreements(body, partner):
    [found] = agreements(body)
    assert found["partner"] == partner
    assert (found["start_year"], found["end_year"]) == (None, None)


@pytest.mark.parametrize(
    "body",
    [
        # a programme named with its own years, when nothing says it came before, keeps them
        "Kementerian Pertanian menandatangani perjanjian kerja sama dengan FAO untuk program "
        "Food Security Initiative 2024-2026.",
        "Kementerian Pertanian menandatangani perjanjian kerja sama dengan FAO di Jakarta. "
        "Kerja sama ini berlaku 2024-2026 dan melanjutkan program sebelumnya.",
    ],
)
def test_a_programme_of_the_new_agreement_keeps_its_years(body):
    [found] = agreements(body)
    assert (found["start_year"], found["end_year"]) == (2024, 2026)
