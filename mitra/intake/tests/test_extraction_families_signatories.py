"""Phrase families of the foreign side's signatories (issue 12).

Every sentence here was written for these tests; none is copied from a dev item. The
organization of a foreign signatory is the foreign party as the extractor names it.
"""

import pytest

from mitra.intake.extraction import extract


def signatories(text: str) -> list[tuple[str, str]]:
    return [(s.title, s.organization) for s in extract(text).signatories]


def foreign_signatory(text: str, org_start: str) -> list[str]:
    """Titles of the signatories whose organization starts with `org_start`."""
    return [t for t, o in signatories(text) if o.startswith(org_start)]


# -- the title written after the organization: "UNICEF Representative to Indonesia" --------
@pytest.mark.parametrize(
    ("text", "org", "title"),
    [
        ("Kementerian Sosial dan UNICEF menandatangani rencana kerja. Dokumen ditandatangani "
         "oleh Sekretaris Jenderal Kementerian Sosial dan UNICEF Representative to Indonesia.",
         "UNICEF", "Representative"),
        ("Nota kesepahaman diteken oleh Kepala Badan Pusat Statistik dan UNFPA Representative "
         "in Indonesia di Jakarta.", "UNFPA", "Representative"),
        ("Kementerian Perhubungan dan JICA menandatangani dokumen. Penandatanganan dilakukan "
         "oleh Dirjen Perhubungan Udara dan JICA Chief Representative.", "JICA",
         "Chief Representative"),
        ("Perjanjian hibah ditandatangani oleh Sekretaris Jenderal Kementerian Kesehatan dan "
         "USAID Mission Director di Jakarta.", "USAID", "Mission Director"),
    ],
)  # fmt: skip
def test_title_after_the_foreign_organization(text, org, title):
    titles = foreign_signatory(text, org) or foreign_signatory(text, "United")
    assert any(title in t for t in titles), signatories(text)


def test_mission_director_before_the_organization():
    text = (
        "Kementerian Kesehatan dan USAID menandatangani nota kesepahaman. Nota kesepahaman "
        "ditandatangani oleh Menteri Kesehatan dan Mission Director USAID Indonesia."
    )
    assert "Mission Director" in foreign_signatory(text, "U"), signatories(text)


# -- the head of a foreign local government: "Wali Kota Hamamatsu", "Gubernur Prefektur X" -----
@pytest.mark.parametrize(
    ("text", "org", "title"),
    [
        ("Pemerintah Kota Bandung dan Kota Hamamatsu, Jepang, menandatangani letter of intent. "
         "Penandatanganan dilakukan oleh Wali Kota Bandung dan Wali Kota Hamamatsu.",
         "Kota Hamamatsu", "Wali Kota"),
        ("Pemprov Jawa Barat dan Prefektur Shizuoka, Jepang, menandatangani nota kesepahaman. "
         "Nota kesepahaman ditandatangani oleh Gubernur Jawa Barat dan Gubernur Prefektur "
         "Shizuoka.", "Prefektur Shizuoka", "Gubernur"),
        ("Pemprov Bali dan pemerintah negara bagian Queensland, Australia, meneken kerja sama "
         "sister province. Dokumen diteken oleh Gubernur Bali dan Premier Queensland.",
         "pemerintah negara bagian Queensland", "Premier"),
    ],
)  # fmt: skip
def test_head_of_a_foreign_local_government(text, org, title):
    assert title in foreign_signatory(text, org), signatories(text)


# -- a foreign minister for a foreign ministry ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "org", "title"),
    [
        ("Kementerian Pertanian dan Kementerian Pertanian dan Pembangunan Pedesaan Vietnam "
         "menandatangani memorandum saling pengertian. MSP ditandatangani oleh Menteri "
         "Pertanian dan Menteri Pertanian dan Pembangunan Pedesaan Vietnam.",
         "Kementerian Pertanian dan Pembangunan Pedesaan Vietnam",
         "Menteri Pertanian dan Pembangunan Pedesaan"),
        ("Kementerian Kesehatan bekerja sama dengan Kementerian Kesehatan Singapura. Nota "
         "kesepahaman ditandatangani oleh Menteri Kesehatan RI dan Menteri Kesehatan "
         "Singapura.", "Kementerian Kesehatan Singapura", "Menteri Kesehatan"),
    ],
)  # fmt: skip
def test_minister_of_a_foreign_ministry(text, org, title):
    titles = foreign_signatory(text, org)
    assert any(t.startswith(title) for t in titles), signatories(text)
    # the Indonesian minister keeps the Indonesian ministry
    assert any(o.startswith("Kementerian") and not o.endswith(org.split()[-1])
               for _, o in signatories(text)), signatories(text)  # fmt: skip


def test_a_planned_signing_names_no_signatory():
    for text in (
        "BRIN menerima delegasi KIST. Nota kesepahaman diharapkan dapat ditandatangani oleh "
        "Kepala BRIN dan Presiden KIST tahun depan.",
        "Kemenkes dan WHO menyusun rencana kerja yang rencananya akan ditandatangani oleh "
        "Menteri Kesehatan dan WHO Representative pada bulan Juni.",
    ):
        assert signatories(text) == [], signatories(text)
        assert "signing" not in extract(text).event_types


# -- an ambassador signing for the government of the country -------------------------------
@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Kementerian Keuangan dan Pemerintah Republik Federal Jerman menandatangani perjanjian "
         "hibah. Perjanjian ditandatangani oleh Direktur Jenderal Anggaran dan Duta Besar "
         "Republik Federal Jerman untuk Indonesia.", "Pemerintah Republik Federal Jerman"),
        ("Kementerian Pertanian menandatangani nota kesepahaman dengan Pemerintah Jepang. Nota "
         "kesepahaman ditandatangani oleh Menteri Pertanian dan Duta Besar Jepang untuk "
         "Indonesia.", "Pemerintah Jepang"),
    ],
)  # fmt: skip
def test_ambassador_signs_for_the_government(text, org):
    assert "Duta Besar" in foreign_signatory(text, org), signatories(text)


def test_ambassador_only_attending_a_signing_is_no_signatory():
    text = (
        "Kementerian Pertanian menandatangani nota kesepahaman dengan Pemerintah Jepang. "
        "Penandatanganan itu dihadiri oleh Duta Besar Jepang untuk Indonesia."
    )
    assert foreign_signatory(text, "Pemerintah Jepang") == [], signatories(text)
