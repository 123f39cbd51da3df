"""Phrase families of attendance (issue 12): bodies brought in, accompanying, or presented
as speakers attend the event; they are not its parties. Also a regional office named by a
ministry's acronym ("Dinas PUPR NTB") is the regional government's, not the ministry's.

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from mitra.intake.extraction import extract


@pytest.mark.parametrize(
    ("text", "host", "attending"),
    [
        ("Kementerian Luar Negeri dan IOM membahas penanganan pengungsi. Pertemuan itu "
         "melibatkan Kementerian Sosial dan Badan Pusat Statistik.",
         "Kementerian Luar Negeri", {"Kementerian Sosial", "Badan Pusat Statistik"}),
        ("Kementerian Kesehatan menggelar lokakarya bersama WHO dengan mengikutsertakan "
         "Kementerian Agama dan Badan Pengawas Obat dan Makanan.",
         "Kementerian Kesehatan", {"Kementerian Agama", "Badan Pengawas Obat dan Makanan"}),
        ("Badan Nasional Penanggulangan Bencana menerima delegasi IFRC. Dalam pertemuan itu "
         "BNPB didampingi oleh Kementerian Sosial.",
         "Badan Nasional Penanggulangan Bencana", {"Kementerian Sosial"}),
        ("Kementerian Pertanian bekerja sama dengan FAO menggelar seminar pangan yang "
         "menghadirkan Badan Riset dan Inovasi Nasional sebagai pembicara.",
         "Kementerian Pertanian", {"Badan Riset dan Inovasi Nasional"}),
    ],
)  # fmt: skip
def test_bodies_brought_in_attend(text, host, attending):
    result = extract(text)
    assert host in result.government_parties, result.government_parties
    assert attending <= set(result.attending_agencies), result.attending_agencies
    assert not attending & set(result.government_parties), result.government_parties


@pytest.mark.parametrize(
    ("text", "region", "ministry"),
    [
        ("Gubernur Nusa Tenggara Barat menerima Konsul Jenderal Australia. Hadir Kepala Dinas "
         "PUPR NTB dan Kepala Bappeda NTB.", "Pemerintah Provinsi Nusa Tenggara Barat",
         "Kementerian Pekerjaan Umum dan Perumahan Rakyat"),
        ("Pemkab Sleman bekerja sama dengan JICA. Kepala Dinas ESDM Kabupaten Sleman hadir "
         "dalam acara itu.", "Pemerintah Kabupaten Sleman",
         "Kementerian Energi dan Sumber Daya Mineral"),
    ],
)  # fmt: skip
def test_regional_office_named_by_a_ministry_acronym(text, region, ministry):
    result = extract(text)
    named = result.government_parties + result.attending_agencies
    assert region in named, named
    assert ministry not in named, named
