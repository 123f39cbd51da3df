"""Phrase families from issue 12: quoted guests, background signings, spaced signing verbs,
a foreign minister of a country given only by name.

Every sentence here was written for these tests; none is copied from a dev item. Each family
has several variants so that a rule passes only when it covers the family.
"""

import pytest

from mitra.intake.extraction import extract

HEADLINE = "Kabar kerja sama internasional pekan ini\n\n"


def run(body: str):
    return extract(HEADLINE + body)


# -- an official of another body quoted at the event attends it ------------------------------
@pytest.mark.parametrize(
    ("body", "host", "guest"),
    [
        ('Kementerian Sosial menggelar lokakarya bersama UNDP di Bandung. "Kegiatan ini sangat '
         'bermanfaat bagi kami," kata Budi Santoso dari Kementerian Kesehatan yang mengikuti '
         "lokakarya tersebut.", "Kementerian Sosial", "Kementerian Kesehatan"),
        ("Pemerintah Provinsi Jawa Tengah menandatangani kerja sama dengan Prefektur Osaka di "
         'Semarang. "Kami berterima kasih telah dipilih sebagai tuan rumah," kata Bupati '
         "Semarang Ngesti Nugraha.", "Pemerintah Provinsi Jawa Tengah",
         "Pemerintah Kabupaten Semarang"),
        ("Kementerian Perhubungan menggelar rapat dengan JICA di Jakarta. \u201cKami siap "
         "mendukung,\u201d ujar Direktur Jenderal Pajak Kementerian Keuangan, Andi Wijaya.",
         "Kementerian Perhubungan", "Kementerian Keuangan"),
        ('BNPB menerima kunjungan delegasi Mercy Corps. "Koordinasi ini penting," tutur Siti '
         "Aminah, perwakilan Kementerian Sosial, di sela acara.",
         "Badan Nasional Penanggulangan Bencana", "Kementerian Sosial"),
    ],
)  # fmt: skip
def test_quoted_official_of_another_body_attends(body, host, guest):
    result = run(body)
    assert result.government_parties == [host]
    assert guest in result.attending_agencies


def test_quoted_official_of_the_host_is_not_a_guest():
    result = run(
        'Kementerian Pertanian menjalin kerja sama dengan FAO di Roma. "Kerja sama ini '
        'strategis," kata Sekretaris Jenderal Kementerian Pertanian.'
    )
    assert result.government_parties == ["Kementerian Pertanian"]
    assert result.attending_agencies == []


def test_a_quoted_body_alone_is_still_the_host():
    result = run(
        'Lokakarya pengelolaan sampah digelar di Surabaya bersama UNEP. "Kami berkomitmen," '
        "kata Kepala Dinas Lingkungan Hidup Kota Surabaya."
    )
    assert result.government_parties == ["Pemerintah Kota Surabaya"]
    assert result.attending_agencies == []


# -- a signing told as background is not this event ------------------------------------------
@pytest.mark.parametrize(
    "background",
    [
        "Terbaru, ada penandatanganan nota kesepahaman antara Pemerintah Kabupaten Klaten "
        "(Bupati Klaten) dengan Pemerintah Kota Xiamen.",
        "Sebelumnya, Bupati Klaten telah menandatangani nota kesepahaman dengan Pemerintah "
        "Kota Xiamen.",
        "Sebelum itu, Pemerintah Kabupaten Klaten dan Pemerintah Kota Xiamen menandatangani "
        "nota kesepahaman sister city.",
        "Pada tahun lalu, Bupati Klaten menandatangani MoU dengan Pemerintah Kota Xiamen.",
    ],
)
def test_background_signing_is_not_the_event(background):
    result = run(
        "Gubernur Jawa Tengah menerima kunjungan kerja Wakil Gubernur Provinsi Fujian di "
        "kantornya. Keduanya membahas peluang investasi. " + background
    )
    assert "signing" not in result.event_types
    assert result.signatories == []
    assert result.government_parties == ["Pemerintah Provinsi Jawa Tengah"]


def test_a_signing_reported_now_is_still_an_event():
    result = run(
        "Terbaru, Pemerintah Provinsi Jawa Tengah hari ini menandatangani nota kesepahaman "
        "dengan Provinsi Fujian."
    )
    assert "signing" in result.event_types


# -- signing verbs written in two words ---------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Nota kesepahaman itu ditanda tangani Kepala BNPB dan Country Director Mercy Corps.",
        "Penanda tanganan nota kesepahaman dilakukan oleh Kepala BNPB dan Country Director "
        "Mercy Corps.",
        "Kepala BNPB dan Country Director Mercy Corps menanda tangani nota kesepahaman.",
    ],
)
def test_spaced_signing_verbs(sentence):
    result = run("BNPB menjalin kerja sama dengan Mercy Corps. " + sentence)
    assert "signing" in result.event_types
    titles = {(s.title, s.organization) for s in result.signatories}
    assert ("Country Director", "Mercy Corps") in titles


# -- a foreign minister whose side is given only as a country ------------------------------------
@pytest.mark.parametrize(
    ("sentence", "title", "country"),
    [
        ("MoU itu ditandatangani Menteri Kelautan dan Perikanan dan Menteri Luar Negeri Maroko "
         "di Jakarta.", "Menteri Luar Negeri", "Maroko"),
        ("Nota kesepahaman ditandatangani oleh Menteri Kelautan dan Perikanan serta Menteri "
         "Perikanan Vietnam.", "Menteri Perikanan", "Vietnam"),
        ("Penandatanganan dilakukan Menteri Kelautan dan Perikanan bersama Menteri Luar Negeri, "
         "Kerja Sama Afrika dan Ekspatriat Maroko.", "Menteri Luar Negeri", "Maroko"),
        ("Dokumen itu ditanda tangani Sakti dan Menteri Luar Negeri, Perdagangan, dan Kerja "
         "Sama Maroko Ahmed Karim di Gedung Pancasila, Kementerian Luar Negeri, Jakarta.",
         "Menteri Luar Negeri", "Maroko"),
    ],
)  # fmt: skip
def test_foreign_minister_of_a_bare_country_signs(sentence, title, country):
    result = run(
        f"Kementerian Kelautan dan Perikanan menjalin kerja sama dengan {country} di bidang "
        "perikanan. " + sentence
    )
    assert [p.name for p in result.foreign_parties] == [country]
    pairs = [(s.title, s.organization) for s in result.signatories]
    assert any(t.startswith(title) and o == country for t, o in pairs), pairs
    assert all(o != "Kementerian Luar Negeri" for _, o in pairs), pairs


# -- an Indonesian body and a foreign agency named in Indonesian, joined by "dan" ----------------
@pytest.mark.parametrize(
    ("body", "gov", "partner"),
    [
        ("Kementerian Energi dan Sumber Daya Mineral dan Badan Pembangunan Internasional "
         "Amerika Serikat (USAID) menandatangani perjanjian hibah.",
         "Kementerian Energi dan Sumber Daya Mineral", "Badan Pembangunan Internasional"),
        ("Kementerian Pertanian dan Badan Kerja Sama Internasional Jepang menandatangani "
         "nota kesepahaman.", "Kementerian Pertanian", "Badan Kerja Sama Internasional Jepang"),
        ("Kementerian Kesehatan dan Kedutaan Besar Jerman menggelar pertemuan kerja sama.",
         "Kementerian Kesehatan", "Kedutaan Besar Jerman"),
    ],
)  # fmt: skip
def test_indonesian_body_and_foreign_agency_joined_by_dan(body, gov, partner):
    result = run(body)
    assert result.government_parties == [gov]
    assert any(p.name.startswith(partner) for p in result.foreign_parties), result.foreign_parties


def test_foreign_ministry_with_dan_stays_foreign():
    result = run(
        "BNPB menjalin kerja sama dengan Kementerian Luar Negeri dan Perdagangan Selandia Baru "
        "(MFAT) di bidang kebencanaan."
    )
    assert result.government_parties == ["Badan Nasional Penanggulangan Bencana"]
    assert [p.name for p in result.foreign_parties][0].startswith("Kementerian Luar Negeri dan")


# -- foreign government agencies named in English -------------------------------------------
@pytest.mark.parametrize(
    ("body", "partner"),
    [
        ("BMKG menjalin kerja sama dengan Korea Meteorological Administration (KMA) selama "
         "5 (lima) tahun.", "Korea Meteorological Administration"),
        ("Kementerian Perhubungan menandatangani MoU dengan Civil Aviation Authority of "
         "Singapore di Jakarta.", "Civil Aviation Authority of Singapore"),
        ("Kementerian Pertanian bekerja sama dengan Thailand Food and Drug Administration "
         "dalam pengawasan pangan.", "Thailand Food and Drug Administration"),
    ],
)  # fmt: skip
def test_foreign_government_agencies_in_english(body, partner):
    names = [p.name for p in run(body).foreign_parties]
    assert any(n.startswith(partner) for n in names), names
