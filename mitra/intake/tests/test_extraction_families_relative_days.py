"""Event dates told as a number of days before the publication date (issue 12).

Every sentence here was written for these tests; none is copied from a dev item.
"""

from datetime import date

import pytest

from mitra.intake.extraction import extract


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Jakarta, 6 Juni 2024 - Kemenkes dan WHO menggelar rapat dua hari lalu.",
         date(2024, 6, 4)),
        ("Surabaya, 10 Mei 2023 - Pemprov Jatim dan JICA menandatangani MoU tiga hari yang "
         "lalu.", date(2023, 5, 7)),
        ("Medan, 2 Januari 2024 - Pemkot Medan menerima delegasi KOICA 5 hari lalu.",
         date(2023, 12, 28)),
    ],
)  # fmt: skip
def test_days_ago_counts_back_from_the_publication_date(text, event):
    result = extract(text)
    assert result.event_date == event


def test_days_ago_without_a_publication_date_gives_no_date():
    assert extract("Kemenkes dan WHO menggelar rapat dua hari lalu.").event_date is None
