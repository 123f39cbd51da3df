"""Phrase families of the sixteenth pass (issue 12): words of meetings, signings and drafting
that name a wish, a warning, a topic or a menu rather than what happened.

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from .family_items import agreements, event_types, foreign, headed, signatories

# -- a wish, a warning or what is not yet done: no signing, no drafting -----------------------
NOT_AN_ACT = [
    "Gubernur Sulawesi Tengah menerima kunjungan Duta Besar Selandia Baru di Palu. Ia berharap "
    "kedua pihak dapat segera memulai penyusunan naskah kerja sama.",
    'Dalam rapat itu Sekda mengingatkan, "Jangan sampai ada dinas yang menandatangani dokumen '
    'dengan lembaga asing tanpa koordinasi dengan Biro Pemerintahan."',
    "Wali Kota Kupang bertemu Konsul Australia di Balai Kota. Nota kesepahaman yang dibicarakan "
    "sejak tahun lalu belum ditandatangani kedua pihak.",
    "Bupati Sigi menggelar rapat dengan pengurus Caritas Jerman. Ia mendorong penandatanganan "
    "perjanjian hibah sebelum akhir tahun.",
    "Kepala Bappeda menerima tim Oxfam di kantornya dan meminta agar draf perjanjian kerja sama "
    "dibahas bersama dinas teknis.",
    "Kepala Dinas Kesehatan bertemu perwakilan WHO. Naskah itu masih harus diperiksa Kementerian "
    "Luar Negeri sebelum ditandatangani.",
]


@pytest.mark.parametrize("body", NOT_AN_ACT)
def test_a_wish_a_warning_or_what_is_not_yet_done_is_only_the_meeting(body):
    assert event_types(body) == ["meeting"]


def test_a_signing_told_without_a_wish_still_counts():
    body = (
        "Bupati Sigi dan Caritas Jerman menandatangani perjanjian hibah di Sigi, Senin (3/6/2024). "
        "Bupati berharap bantuan itu tepat sasaran."
    )
    assert event_types(body) == ["signing"]


# -- what a document holds, the steps of a procedure: topics, not events --------------------
TOPICS = [
    (
        "Kementerian Luar Negeri dan Kementerian Luar Negeri Peru menandatangani Rencana "
        "Konsultasi di Lima. Rencana itu memuat agenda pertemuan tahunan di tingkat direktur.",
        ["signing"],
    ),
    (
        "Pemerintah Kota Bogor dan Kota Saint-Omer menandatangani nota kesepahaman kota kembar. "
        "Naskah tersebut mengatur rapat evaluasi bersama setiap dua tahun.",
        ["signing"],
    ),
    (
        "Dalam bimbingan teknis itu narasumber Kemendagri menguraikan tahapan kerja sama daerah, "
        "mulai dari penjajakan, penyusunan draf, pembahasan, sampai penandatanganan naskah.",
        ["other"],
    ),
    (
        "Biro Hukum menjelaskan mekanisme perundingan perjanjian internasional kepada peserta "
        "pelatihan dari 20 provinsi.",
        ["other"],
    ),
]


@pytest.mark.parametrize(("body", "types"), TOPICS)
def test_what_a_document_holds_or_a_procedure_has_is_a_topic(body, types):
    assert event_types(body) == types


def test_the_way_a_meeting_is_held_after_its_topic_is_still_the_meeting():
    # "tata cara" names the topic; "melalui Zoom Meeting" is how the bimtek itself is held
    body = (
        "Kemendagri menggelar bimbingan teknis tata cara kerja sama luar negeri secara virtual "
        "melalui Zoom Meeting, Selasa (4/6/2024)."
    )
    assert event_types(body) == ["meeting"]


# -- a site's menu: one word on a line of its own -------------------------------------------
def test_a_menu_word_on_its_own_line_is_no_meeting():
    record = headed(
        "Berita\nKonsultasi\nGaya Hidup\nKemenkes Teken Hibah dengan Yayasan Asal Swiss",
        "Kementerian Kesehatan menandatangani perjanjian hibah dengan Novartis Foundation di "
        "Jakarta, Rabu (5/6/2024).",
    )
    assert record["event_types"] == ["signing"]


def test_a_meeting_word_in_a_sentence_still_counts():
    record = headed(
        "Kemenkes Gelar Konsultasi dengan WHO",
        "Kementerian Kesehatan menggelar konsultasi dengan WHO di Jakarta, Rabu (5/6/2024).",
    )
    assert record["event_types"] == ["meeting"]


# -- two documents of one partner in one sentence, each with its own term --------------------
def _terms(body):
    return [
        (a["document_type"], a["start_year"], a["end_year"], a["duration_years"])
        for a in agreements(body)
    ]


def test_each_document_of_a_partner_with_its_own_term_is_an_agreement():
    body = (
        "Tim Kemendagri memantau kegiatan Plan International di Kupang, Rabu (5/6/2024). "
        "Pemantauan memastikan program Plan International sesuai dengan Memorandum Saling "
        "Pengertian (MSP) dengan Kemendagri periode 2022-2026, serta Rencana Kerja dengan Pemprov "
        "NTT tahun 2023-2024."
    )
    assert _terms(body) == [("MSP", 2022, 2026, None), ("other", 2023, 2024, None)]


def test_two_documents_sharing_one_term_stay_one_agreement():
    # the term is written once, after both: no document has a term of its own
    body = (
        "Bupati Ende dan Plan International menandatangani nota kesepahaman dan rencana kerja "
        "untuk periode 2024-2027, Senin (3/6/2024)."
    )
    assert len(agreements(body)) == 1


# -- a framework named by its own name and term ----------------------------------------------
def test_a_framework_named_with_its_term_is_a_second_agreement_of_the_sole_partner():
    body = (
        "Kementerian Pertanian dan FAO menggelar rapat untuk menyepakati rencana kerja tahun "
        "2025, Selasa (3/12/2024).\n\nKerja sama keduanya berjalan dalam kerangka Country "
        "Programming Framework (CPF) 2021-2025 yang didanai bersama."
    )
    assert _terms(body) == [("other", 2025, 2025, None), ("other", 2021, 2025, None)]


def test_a_framework_named_only_as_a_topic_is_no_agreement():
    body = (
        "Kementerian Pertanian dan FAO menggelar rapat untuk menyepakati rencana kerja tahun "
        "2025, Selasa (3/12/2024).\n\nTim juga menyiapkan bahan Country Programming Framework "
        "2026-2030."
    )
    assert _terms(body) == [("other", 2025, 2025, None)]


# -- the mission of an envoy received, when the text names it --------------------------------
ENVOY_MISSIONS = [
    (
        "Gubernur Bali menerima kunjungan kehormatan Konsul Jenderal Australia di Denpasar, Jane "
        "Doe, di Jayasabha, Senin (3/6/2024). Konsulat Jenderal Australia siap mendukung "
        "pelatihan pemandu wisata.",
        ["Konsulat Jenderal Australia"],
    ),
    (
        "Wali Kota Medan bertemu Konsul Jenderal (Konjen) Jepang di Medan, Taro Yamada, di Balai "
        "Kota, Selasa (4/6/2024). Ia menyebut Konsulat Jenderal Jepang akan membuka kelas bahasa.",
        ["Konsulat Jenderal Jepang"],
    ),
    (
        "Bupati Banyuwangi menerima Duta Besar Belanda di Pendopo, Rabu (5/6/2024). Kedutaan Besar "
        "Belanda membiayai pelatihan pengelolaan air.",
        ["Kedutaan Besar Belanda"],
    ),
]


@pytest.mark.parametrize(("body", "partners"), ENVOY_MISSIONS)
def test_the_named_mission_of_an_envoy_received_is_the_partner(body, partners):
    assert foreign(body) == partners


def test_a_mission_named_without_its_envoy_received_is_no_partner():
    body = (
        "Gubernur Bali meresmikan pasar seni di Gianyar, Senin (3/6/2024). Konsulat Jenderal "
        "Australia pernah memberi beasiswa kepada perajin setempat."
    )
    assert foreign(body) == []


def test_an_envoy_of_another_country_does_not_raise_a_mission():
    body = (
        "Gubernur Bali menerima Konsul Jenderal Jepang di Denpasar, Senin (3/6/2024). Konsulat "
        "Jenderal Australia juga mengirim ucapan selamat."
    )
    assert "Konsulat Jenderal Australia" not in foreign(body)


# -- names in the organizations' own languages -----------------------------------------------
OWN_LANGUAGE_NAMES = [
    (
        "Kementerian Ketenagakerjaan menandatangani LoI dengan Bundesagentur für Arbeit di "
        "Berlin, Senin (3/6/2024).",
        "Bundesagentur für Arbeit",
    ),
    (
        "Kementerian Pendidikan menandatangani MoU dengan Bundesministerium für Bildung und "
        "Forschung di Berlin, Senin (3/6/2024).",
        "Bundesministerium für Bildung und Forschung",
    ),
    (
        "Arsip Nasional Republik Indonesia menandatangani LoI dengan Nationaal Archief di Den "
        "Haag, Selasa (4/6/2024).",
        "Nationaal Archief",
    ),
    (
        "Perpustakaan Nasional menandatangani MoU dengan Koninklijk Instituut voor Taal-, Land- en "
        "Volkenkunde di Leiden, Rabu (5/6/2024).",
        "Koninklijk Instituut voor Taal-, Land- en Volkenkunde",
    ),
    (
        "Kementerian Kesehatan bekerja sama dengan Auswärtiges Amt dalam pelatihan tenaga "
        "kesehatan.",
        "Auswärtiges Amt",
    ),
    (
        "Badan Riset dan Inovasi Nasional menandatangani MoU dengan Fraunhofer-Gesellschaft di "
        "Munich, Kamis (6/6/2024).",
        "Fraunhofer-Gesellschaft",
    ),
]


@pytest.mark.parametrize(("body", "partner"), OWN_LANGUAGE_NAMES)
def test_a_name_in_its_own_language_is_a_foreign_partner(body, partner):
    assert foreign(body) == [partner]


def test_a_hyphenated_indonesian_name_is_not_foreign():
    body = "Pemerintah Kota Semarang bekerja sama dengan Sido-Muncul dalam program kesehatan."
    assert foreign(body) == []


# -- a name inside a longer name of another organization is no mention of its own ------------
def test_a_known_name_inside_a_longer_name_is_no_partner_of_its_own():
    body = (
        "BNPB menggelar rapat dengan ASEAN Coordinating Centre for Humanitarian Assistance on "
        "disaster management (AHA Centre), Rabu (5/6/2024). Turut bergabung perwakilan Sekretariat "
        "ASEAN."
    )
    assert foreign(body) == [
        "ASEAN Coordinating Centre for Humanitarian Assistance on disaster management (AHA Centre)"
    ]


def test_an_acronym_with_its_country_is_the_same_partner():
    record = headed(
        "Kemenperin dan METI Jepang Teken Kerja Sama Industri",
        "Kementerian Perindustrian dan Kementerian Ekonomi, Perdagangan, dan Industri Jepang "
        "(METI) menandatangani memorandum kerja sama di Osaka, Rabu (26/6/2019).",
    )
    assert record["foreign_parties"] == [
        "Kementerian Ekonomi, Perdagangan, dan Industri Jepang (METI)"
    ]


# -- an office that represents its organization signs for it ---------------------------------
def test_an_office_signing_for_the_organization_it_represents_is_no_partner_of_its_own():
    body = (
        "Pemerintah Kota Semarang meneken LoI dengan Institute for Global Environmental "
        "Strategies (IGES) yang diwakili Direktur Bangkok Regional Centre, Dr. Aiko Tanaka, di "
        "Semarang, Senin (3/6/2024)."
    )
    assert foreign(body) == ["Institute for Global Environmental Strategies (IGES)"]
    assert signatories(body) == [
        (
            "Direktur Bangkok Regional Centre",
            "Institute for Global Environmental Strategies (IGES)",
        )
    ]


def test_where_an_officer_is_sent_is_no_partner():
    body = (
        "Kementerian PPPA dan UN Women menandatangani nota kesepahaman di Jakarta, Senin "
        "(3/6/2024). MoU diteken oleh Sekretaris Kementerian PPPA dan Representative and Liaison "
        "to ASEAN UN Women, Maria Santos."
    )
    assert foreign(body) == ["UN Women"]


def test_a_partner_of_a_decade_ago_is_history():
    body = (
        "Pemerintah Provinsi Jambi dan Wetlands International menandatangani perjanjian kerja sama "
        "restorasi gambut, Senin (3/6/2024). Wetlands International telah bekerja di Jambi sejak "
        "awal 2000-an, termasuk ketika bermitra dengan CIDA Kanada pada 2003-2007."
    )
    assert foreign(body) == ["Wetlands International"]


def test_a_funder_of_the_programme_takes_no_term_of_its_own():
    body = (
        "BNN dan UNODC membahas rencana program pencegahan narkoba di Jakarta, Senin (3/6/2024). "
        "Program tersebut didanai oleh Bureau of International Narcotics and Law Enforcement "
        "Affairs (INL) dan direncanakan berjalan pada 2024 hingga 2026."
    )
    assert all("INL" not in a["partner"] for a in agreements(body))
