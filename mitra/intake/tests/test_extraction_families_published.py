"""Publication dates printed in forms the earlier families missed (issue 12): a date line
with an Indonesian or English label ("Diunggah pada", "Dirilis", "Terbit", "Release date"),
and a dateline whose place is followed by a dash before the date ("Sleman - Selasa, 5 Maret
2024 -"). The dateline's own date is never the event date.

Every line here was written for these tests; none is copied from a dev item.
"""

from datetime import date

import pytest

from mitra.intake.extraction import extract

HEAD = "https://contoh.go.id/berita/7\nPemkab Sleman Jalin Kerja Sama dengan JICA\n"
BODY = "Pemerintah Kabupaten Sleman menandatangani nota kesepahaman dengan JICA, Senin (4/3)."


@pytest.mark.parametrize(
    "line",
    [
        "Diunggah pada: Selasa, 05/03/2024",
        "Dirilis: 5 Maret 2024",
        "Terbit: Selasa, 5 Maret 2024 | 10:15 WIB",
        "Ditayangkan 5 Maret 2024",
        "Dimuat pada 5 Maret 2024",
        "Tanggal terbit: 05-03-2024",
        "Release date: 05/03/2024",
        "Released on 5 March 2024",
    ],
)
def test_labelled_date_line(line):
    result = extract(HEAD + line + "\n" + BODY)
    assert result.published == date(2024, 3, 5)
    assert result.event_date == date(2024, 3, 4)


@pytest.mark.parametrize(
    "dateline",
    [
        "Sleman - Selasa, 5 Maret 2024 - ",
        "SLEMAN – 5/3/2024 – ",
        "Sleman, Humas – 5 Maret 2024. ",
        "Sleman — Selasa (5/3/2024) — ",
        "Yogyakarta - 5 March 2024 (ANTARA) - ",
    ],
)
def test_dateline_with_a_dash_after_the_place(dateline):
    result = extract(HEAD + dateline + BODY)
    assert result.published == date(2024, 3, 5)
    assert result.event_date == date(2024, 3, 4)


def test_the_date_of_a_dateline_is_not_the_event_date():
    result = extract(HEAD + "Sleman, Selasa (5/3/2024) - " + BODY)
    assert result.published == date(2024, 3, 5)
    assert result.event_date == date(2024, 3, 4)


@pytest.mark.parametrize(
    "line",
    [
        # a dash after a place, but a number that is no date with its year
        "Sleman - 5 orang perwakilan JICA hadir. ",
        # a date without its year is no publication date
        "Sleman - Selasa (5/3) - ",
    ],
)
def test_no_dateline_without_a_full_date(line):
    assert extract(HEAD + line + BODY).published is None
