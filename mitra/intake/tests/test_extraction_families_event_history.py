"""Event types and agreements of the event, not of its history or its plans (issue 12): a
signing told with a bare past year ("sejak MoU ditandatangani pada 2019"), a signing or an
extension still to come ("Penandatanganan ... dijadwalkan bulan depan", "berencana
memperpanjang"), a document discussed in the passive ("dibahas pula draf nota
kesepahaman"), and an evaluation told with a verb ("mengevaluasi pelaksanaan program").

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from mitra.intake.extraction import extract

HEAD = "https://contoh.go.id/berita/5\nKemenkes Terima Kunjungan Delegasi WHO di Jakarta\n"
OPENING = "Kementerian Kesehatan menerima kunjungan WHO di Jakarta, Senin (4/3/2024). "


def item(rest: str):
    return extract(HEAD + OPENING + rest)


@pytest.mark.parametrize(
    "rest",
    [
        "Kerja sama kedua pihak telah berjalan sejak MoU ditandatangani pada 2019.",
        "MoU yang ditandatangani pada 2020 itu akan berakhir tahun ini.",
        "Nota kesepahaman tersebut ditandatangani pada tahun 2018 di Jenewa.",
        "Both sides have worked together since the MoU was signed in 2017.",
    ],
)
def test_signing_with_a_past_year_is_history(rest):
    result = item(rest)
    assert "signing" not in result.event_types
    assert result.agreements == []


def test_signing_with_a_full_date_is_the_event():
    result = item("Nota kesepahaman ditandatangani pada 4 Maret 2024 oleh kedua pihak.")
    assert "signing" in result.event_types


@pytest.mark.parametrize(
    "rest",
    [
        "Penandatanganan nota kesepahaman dijadwalkan bulan depan.",
        "Penandatanganan perjanjian kerja sama direncanakan pada akhir tahun.",
        "Penandatanganan MoU akan dilaksanakan pada pekan depan di Jenewa.",
    ],
)
def test_signing_still_to_come_is_no_signing(rest):
    assert "signing" not in item(rest).event_types


@pytest.mark.parametrize(
    "rest",
    [
        "Kedua pihak berencana memperpanjang nota kesepahaman tahun depan.",
        "Nota kesepahaman itu akan diperpanjang setelah evaluasi selesai.",
    ],
)
def test_extension_still_to_come_is_no_extension(rest):
    assert "extension" not in item(rest).event_types


def test_extension_now_is_an_extension():
    assert (
        "extension" in item("Kedua pihak memperpanjang nota kesepahaman hingga 2027.").event_types
    )


@pytest.mark.parametrize(
    "rest",
    [
        "Dalam pertemuan tersebut, dibahas pula draf nota kesepahaman yang baru.",
        "Rancangan perjanjian kerja sama dibicarakan secara rinci oleh kedua pihak.",
        "Draf MoU difinalisasi dalam pertemuan itu.",
    ],
)
def test_document_discussed_in_the_passive_is_negotiated(rest):
    result = item(rest)
    assert "negotiation" in result.event_types
    assert [a.partner for a in result.agreements] == ["WHO"]


def test_a_document_only_planned_to_be_drafted_is_not_negotiated():
    result = item("Ke depan, draf nota kesepahaman akan dibahas oleh tim teknis.")
    assert "negotiation" not in result.event_types
    assert result.agreements == []


@pytest.mark.parametrize(
    "rest",
    [
        "Kemenkes juga mengevaluasi pelaksanaan program imunisasi bersama WHO.",
        "Dalam rapat itu, kedua pihak mengevaluasi capaian program tahun lalu.",
    ],
)
def test_evaluation_told_with_a_verb(rest):
    assert "evaluation" in item(rest).event_types


def test_evaluation_only_planned_is_no_evaluation():
    assert (
        "evaluation" not in item("Kedua pihak akan mengevaluasi program tahun depan.").event_types
    )


@pytest.mark.parametrize(
    "rest",
    [
        "Nota kesepahaman ditandatangani di Ruang Rapat Utama Kantor Gubernur.",
        "Penandatanganan berlangsung di Gedung Pertemuan Serbaguna Balai Kota.",
        "Kedua pihak menandatangani Catatan Diskusi tentang proyek pelabuhan.",
    ],
)
def test_a_room_or_document_named_after_meetings_is_no_meeting(rest):
    text = (
        "https://contoh.go.id/berita/6\nPemprov dan WHO Teken Nota Kesepahaman Kesehatan\n"
        "Pemerintah Provinsi Bali dan WHO menandatangani kerja sama, Senin (4/3/2024). " + rest
    )
    assert extract(text).event_types == ["signing"]


def test_a_meeting_held_in_a_meeting_room_is_still_a_meeting():
    text = (
        "https://contoh.go.id/berita/6\nPemprov Bali Gelar Rapat dengan WHO\n"
        "Pemerintah Provinsi Bali menggelar rapat bersama WHO di Ruang Rapat Utama, Senin "
        "(4/3/2024)."
    )
    assert "meeting" in extract(text).event_types


@pytest.mark.parametrize(
    "rest",
    [
        "Rapat dibuka melalui Zoom. Sebagian peserta hadir secara luring di Ruang Rapat Utama.",
        "Pertemuan berlangsung di Kantor Gubernur dan melalui konferensi video; perwakilan WHO "
        "hadir secara tatap muka.",
    ],
)
def test_online_and_in_person_apart_are_hybrid(rest):
    assert item(rest).meeting_mode == "hybrid"


def test_online_alone_stays_online():
    assert item("Rapat lanjutan digelar secara daring pekan berikutnya.").meeting_mode == "online"
