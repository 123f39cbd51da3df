"""Phrase families of the tenth pass (issue 12), found on text written to look like scraped news
pages: foreign organizations named only in passing (examples, comparisons, other projects,
history) are no parties; page furniture (links to other articles, tags, bylines, captions) is
no text, and a name never runs across a line break; a region an office covers is no partner;
a signing still to come is no signing.

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from mitra.intake.extraction.page_noise import blank_page_noise

from .family_items import agreements, event_types, foreign, item

# -- 1. names mentioned in passing -------------------------------------------------------------
PASSING = [
    # an example or a comparison
    ("Bappenas menandatangani perjanjian kerja sama dengan UNDP di Jakarta. Bappenas juga membuka "
     "peluang bagi lembaga donor lain seperti Bank Dunia dan JICA.", ["UNDP"]),
    ("Kementerian Pertanian menerima kunjungan FAO di Jakarta. Program ini melibatkan banyak "
     "mitra, antara lain IFAD, WFP dan Bank Dunia.", ["FAO"]),
    ("Kementerian Kelautan dan Perikanan menandatangani MoU dengan KOICA. Mitra pembangunan lain, "
     "termasuk USAID dan Uni Eropa, telah mendukung sektor kelautan.", ["KOICA"]),
    ("OJK menandatangani nota kesepahaman dengan Bank of Thailand. Kerja sama serupa telah dijalin "
     "dengan regulator lain seperti Monetary Authority of Singapore dan FSA Jepang.",
     ["Bank of Thailand"]),
    ("Kementerian Kesehatan menandatangani nota kesepahaman dengan UNICEF di Jakarta. \"Pendekatan "
     "ini sama dengan yang dilakukan Kementerian Kesehatan bersama WHO dan Bank Dunia,\" kata "
     "Menteri Kesehatan.", ["UNICEF"]),
    # co-financiers of other projects
    ("Kementerian PUPR dan JICA meneken perjanjian pinjaman untuk bendungan. Proyek lain di "
     "kawasan itu dibiayai oleh ADB dan Bank Dunia.", ["JICA"]),
    # history
    ("Pemerintah Provinsi Riau menandatangani nota kesepahaman dengan GIZ di Pekanbaru. Pemprov "
     "Riau juga telah lama bekerja sama dengan Pemerintah Singapura dan Negara Bagian Johor.",
     ["GIZ"]),
    ("Kementerian Desa menggelar pertemuan dengan USAID di Jakarta. Sebelumnya kementerian itu "
     "bermitra dengan KAS dan The Asia Foundation.", ["USAID"]),
    ("Kementerian Desa menggelar pertemuan dengan USAID di Jakarta. Kementerian Desa sebelumnya "
     "bermitra dengan KAS dan The Asia Foundation dalam program desa.", ["USAID"]),
    ("OJK menandatangani nota kesepahaman dengan Bank of Thailand. OJK sebelumnya juga menjalin "
     "kerja sama dengan Monetary Authority of Singapore dan FSA Jepang.", ["Bank of Thailand"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), PASSING)
def test_a_name_mentioned_in_passing_is_not_a_party(body, expected):
    assert foreign(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the parties of this signing listed after "antara lain" stay parties
        ("Kementerian Kesehatan menandatangani nota kesepahaman dengan tiga mitra, antara lain "
         "UNICEF, WHO dan UNFPA.", ["UNICEF", "WHO", "UNFPA"]),
        # an acting partner named once is still found
        ("Selain bertemu Bappenas, delegasi KOICA juga mengunjungi Kementerian Desa di Jakarta.",
         ["KOICA"]),
        ("Direktur Jenderal Kementerian Luar Negeri menerima kunjungan Country Director WFP di "
         "Jakarta.", ["WFP"]),
        ("Kementerian Keuangan dan Bank Dunia menandatangani perjanjian pinjaman di Jakarta.",
         ["Bank Dunia"]),
    ],
)  # fmt: skip
def test_an_acting_partner_is_still_found(body, expected):
    assert foreign(body) == expected


def test_a_passing_mention_makes_no_agreement():
    body = (
        "Pemerintah Provinsi Riau menandatangani nota kesepahaman dengan GIZ di Pekanbaru. Riau "
        "sebelumnya menandatangani nota kesepahaman dengan Pemerintah Singapura."
    )
    assert [a["partner"] for a in agreements(body)] == ["GIZ"]


# -- 2. page furniture ---------------------------------------------------------------------------
SIGNED = "Kementerian Kesehatan menandatangani nota kesepahaman dengan UNICEF di Jakarta.\n"


@pytest.mark.parametrize(
    "noise",
    [
        "Baca juga: Bappenas dan UNDP Luncurkan Program Iklim Baru\nEditor: Budi Santoso",
        "Baca Juga:\nKemenlu dan JICA Bahas Bantuan Gempa",
        "Berita Terkait\nKemenlu dan JICA Bahas Bantuan Gempa\nBNPB Terima Kunjungan Delegasi USAID"
        "\nTags: kesehatan, UNICEF, WHO",
        "(Foto: Humas Kedutaan Besar Jepang)\nPewarta: Siti\nLihat juga: Kerja Sama Kemendikbud "
        "dan British Council Diperpanjang",
        "Terpopuler\nKemenkeu dan ADB Teken Pinjaman Rp5 Triliun\nSimak juga: KKP Gandeng FAO "
        "Perkuat Perikanan\nBagikan: Facebook Twitter WhatsApp",
        "Artikel Terkait\nUSAID Dukung Air Bersih di NTT\nReporter: Andi\nShare",
        "Tag: WHO, Bank Dunia\nBerita Lainnya: Kemenlu Sambut Delegasi Uni Eropa",
    ],
)
def test_page_navigation_is_not_text(noise):
    result = item(SIGNED + noise + "\n")
    record = result.to_record()
    assert [p.name for p in result.foreign_parties] == ["UNICEF"]
    assert record["government_parties"] == ["Kementerian Kesehatan"]
    assert record["event_types"] == ["signing"]


def test_the_body_after_a_list_of_headlines_is_read_again():
    body = (
        SIGNED
        + "Berita Terkait\nKemenlu dan JICA Bahas Bantuan Gempa\n"
        + "Kementerian Kesehatan juga menandatangani perjanjian kerja sama dengan WHO.\n"
    )
    assert foreign(body) == ["UNICEF", "WHO"]


def test_a_caption_in_a_line_is_blanked_and_offsets_are_kept():
    text = "BNPB dan JICA (Foto: Humas KOICA) menggelar rapat.\nEditor: Ani\nTeks berikutnya."
    blanked = blank_page_noise(text)
    assert len(blanked) == len(text)
    assert "KOICA" not in blanked
    assert "Ani" not in blanked
    assert blanked.index("menggelar") == text.index("menggelar")
    assert blanked.endswith("\nTeks berikutnya.")


@pytest.mark.parametrize(
    "line",
    [
        "Berita lain menyebutkan bahwa UNICEF menandatangani MoU.",
        "Share of the budget goes to UNICEF programmes in Papua.",
        "Editorial team met UNICEF.",
    ],
)
def test_body_lines_that_only_start_like_furniture_are_kept(line):
    assert blank_page_noise(line) == line


def test_a_name_never_runs_across_a_line_break():
    body = (
        "Pemerintah Kota Surabaya menandatangani nota kesepahaman dengan Kota Busan\n"
        "KOICA juga hadir dalam acara itu."
    )
    assert foreign(body) == ["Kota Busan"]


# -- 4. a region in a signatory's title ---------------------------------------------------------
def test_the_region_an_office_covers_is_not_a_partner():
    body = (
        "Kementerian Lingkungan Hidup dan GIZ menandatangani perjanjian. Perjanjian "
        "ditandatangani oleh Country Director GIZ Indonesia, ASEAN dan Timor-Leste."
    )
    assert foreign(body) == ["GIZ"]


# -- 6. signings still to come ------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "BNPB dan JICA membahas program mitigasi sebelum naskah ditandatangani.",
        "BNPB dan JICA membahas program mitigasi sebelum nota kesepahaman itu diteken.",
        "BNPB dan JICA membahas program mitigasi yang dijalankan setelah MoU ditandatangani nanti.",
    ],
)
def test_a_signing_still_to_come_is_not_a_signing(body):
    assert "signing" not in event_types(body)


def test_a_signing_before_which_something_happened_is_a_signing():
    body = "Sebelum penandatanganan nota kesepahaman, BNPB dan JICA menggelar rapat di Jakarta."
    assert "signing" in event_types(body)
