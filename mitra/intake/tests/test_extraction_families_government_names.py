"""Indonesian government bodies named in English or by a unit without its ministry (issue 12,
second pass): "the Ministry of Health", "Ministry of Home Affairs" (and not "Japan's Ministry
of Health", "the Malaysian Ministry of Trade", "Ministry of Health of Japan"); "Badan Litbang
Pertanian", "Badan Penelitian dan Pengembangan Pertanian", "BPSDM Kesehatan" raised to their
ministry; "Balai Besar Wilayah Sungai X", "BBWS X" raised to the public works ministry in
force on the event date. The names come from the bodies data through the gazetteer.

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from .family_items import record


@pytest.mark.parametrize(
    ("body", "body_name"),
    [
        ("The Ministry of Health signed a memorandum of understanding with UNICEF on "
         "immunization.", "Kementerian Kesehatan"),
        ("Kerja sama antara Ministry of Home Affairs dan UCLG ASPAC diperpanjang.",
         "Kementerian Dalam Negeri"),
        ("The Indonesian Ministry of Agriculture signed an agreement with FAO.",
         "Kementerian Pertanian"),
        ("Ministry of Foreign Affairs menerima kunjungan delegasi UNDP.",
         "Kementerian Luar Negeri"),
    ],
)  # fmt: skip
def test_an_indonesian_ministry_named_in_english(body, body_name):
    assert body_name in record(body)["government_parties"]


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        ("Japan's Ministry of Health met UNICEF in Tokyo.", "Kementerian Kesehatan"),
        ("The Malaysian Ministry of Trade met UNDP to discuss palm oil.",
         "Kementerian Perdagangan"),
        ("UNICEF bertemu dengan Ministry of Health of Japan membahas vaksin.",
         "Kementerian Kesehatan"),
        ("The Australian Ministry of Defence signed an agreement with UNDP.",
         "Kementerian Pertahanan"),
    ],
)  # fmt: skip
def test_a_foreign_ministry_named_in_english_is_not_indonesian(body, wrong):
    assert wrong not in record(body)["government_parties"]


def test_both_sides_named_in_english():
    result = record(
        "Japan's Ministry of Health met the Ministry of Home Affairs in Jakarta to discuss "
        "cooperation."
    )
    assert result["government_parties"] == ["Kementerian Dalam Negeri"]


@pytest.mark.parametrize(
    ("body", "body_name"),
    [
        ("Badan Litbang Pertanian bekerja sama dengan IRRI dalam pengembangan varietas padi.",
         "Kementerian Pertanian"),
        ("Badan Penelitian dan Pengembangan Pertanian menjalin kerja sama dengan ACIAR.",
         "Kementerian Pertanian"),
        ("BPSDM Kesehatan bekerja sama dengan WHO dalam pelatihan tenaga kesehatan.",
         "Kementerian Kesehatan"),
        ("Balitbang Kelautan dan Perikanan menandatangani nota kesepahaman dengan JICA.",
         "Kementerian Kelautan dan Perikanan"),
        ("Pada Selasa (12/3/2019), Balai Besar Wilayah Sungai Citarum bekerja sama dengan "
         "JICA dalam pengendalian banjir.",
         "Kementerian Pekerjaan Umum dan Perumahan Rakyat"),
        ("Pada Senin (3/3/2025), BBWS Brantas menandatangani nota kesepahaman dengan KOICA.",
         "Kementerian Pekerjaan Umum"),
    ],
)  # fmt: skip
def test_a_unit_named_by_its_field_is_raised_to_its_ministry(body, body_name):
    assert record(body)["government_parties"] == [body_name]


def test_a_regional_research_agency_stays_regional():
    result = record("Badan Penelitian dan Pengembangan Daerah Jawa Timur bekerja sama dengan JICA.")
    assert result["government_parties"] == ["Pemerintah Provinsi Jawa Timur"]
