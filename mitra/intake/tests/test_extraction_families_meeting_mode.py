"""Phrase families of the meeting mode and venue (issue 12).

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from mitra.intake.extraction import extract


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Kementerian Sosial dan UNICEF menggelar rapat dalam jaringan, Rabu (3/4/2024).",
         "online"),
        ("Rapat Kemendagri dan UNDP dilaksanakan secara dalam jaringan pada Senin (1/4/2024).",
         "online"),
        ("Kemenkes dan WHO menggelar rapat luar jaringan di Jakarta, Kamis (4/4/2024).",
         "offline"),
        ("Pertemuan itu diadakan secara luar jaringan dan dalam jaringan, Kamis (4/4/2024).",
         "hybrid"),
    ],
)  # fmt: skip
def test_network_words_spelled_out(text, mode):
    assert extract(text).meeting_mode == mode


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("Kemenkes dan WHO menggelar pertemuan di Swiss-Belhotel Kupang, Kamis (4/4/2024).",
         "Swiss-Belhotel Kupang"),
        ("Kemenkes dan WHO menggelar pertemuan di Grand Hyatt Jakarta, Kamis (4/4/2024).",
         "Grand Hyatt Jakarta"),
        ("BNPB dan IFRC menggelar lokakarya di Novotel Lampung pada Selasa (2/4/2024).",
         "Novotel Lampung"),
        ("Pemprov Bali dan UNDP menggelar rapat di The Ritz-Carlton Nusa Dua, Senin (1/4).",
         "The Ritz-Carlton Nusa Dua"),
        ("Bappenas dan ADB bertemu di Sheraton Surabaya, Senin (1/4/2024).",
         "Sheraton Surabaya"),
    ],
)  # fmt: skip
def test_hotel_brand_is_a_named_place(text, venue):
    result = extract(text)
    assert result.meeting_mode == "offline"
    assert result.venue == venue


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("Kemenkes dan WHO menggelar rapat di Aula Siwabessy, Kamis (4/4/2024).",
         "Aula Siwabessy"),
        ("Pertemuan digelar di Gedung Sate, Bandung, Senin (1/4/2024).", "Gedung Sate, Bandung"),
        ("Rapat berlangsung di Ruang Rapat Utama, Jumat (5/4/2024).", "Ruang Rapat Utama"),
    ],
)  # fmt: skip
def test_weekday_after_a_venue_is_not_its_city(text, venue):
    assert extract(text).venue == venue
