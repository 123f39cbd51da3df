"""Phrase families of the sixteenth pass (issue 12): words of meetings, signings and drafting
that name a wish, a warning, a topic or a menu rather than what happened.

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from mitra.intake.extraction.translations import same_in_translation

from .family_items import agreements, event_types, foreign, headed, signatories
from .family_items import record as record_of

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


# -- a short name in mixed case made of the name's own letters -------------------------------
SHORT_NAMES = [
    (
        "Kementerian Kelautan dan Perikanan menandatangani nota kesepahaman dengan Norwegian "
        "Agency for Development Cooperation (Norad) di Jakarta, Rabu (5/6/2024). MoU diteken oleh "
        "Direktur Departemen Iklim Norad, Ingrid Berg.",
        ("Direktur Departemen Iklim", "Norwegian Agency for Development Cooperation (Norad)"),
    ),
    (
        "Kementerian Kesehatan menandatangani perjanjian hibah dengan Danish International "
        "Development Agency (Danida) di Jakarta, Rabu (5/6/2024). Perjanjian diteken oleh "
        "Direktur Program Danida, Lars Holm.",
        ("Direktur Program", "Danish International Development Agency (Danida)"),
    ),
]


@pytest.mark.parametrize(("body", "signer"), SHORT_NAMES)
def test_a_short_name_in_mixed_case_names_the_partner_later(body, signer):
    assert signer in signatories(body)


def test_a_place_in_brackets_is_no_short_name():
    body = (
        "Pemerintah Kota Bogor menandatangani nota kesepahaman dengan Kantor UNDP (Jakarta) di "
        "Bogor, Rabu (5/6/2024)."
    )
    assert all("(Jakarta)" not in name for name in foreign(body))


# -- a term once given is not replaced by a later one ----------------------------------------
def test_a_period_of_what_the_partner_once_did_is_not_the_agreements():
    body = (
        "Kementerian Kelautan dan Perikanan menandatangani nota kesepahaman dengan Norwegian "
        "Agency for Development Cooperation (Norad) di Jakarta, Rabu (17/11/2021). Nota "
        "kesepahaman dengan Norad berlaku hingga 2026.\n\n"
        "Pada periode 2013-2017, Norad pernah mendanai program budi daya kerapu di Lampung."
    )
    [agreement] = agreements(body)
    assert (agreement["start_year"], agreement["end_year"]) == (None, 2026)


# -- more words of events that are plans, duties, skills or general talk ---------------------
ONLY_THE_SIGNING = [
    # what the sides agree to do next
    "Pemerintah Kabupaten Sleman dan Kota Fujinomiya menandatangani nota kesepahaman di Sleman, "
    "Senin (3/6/2024). Kedua pihak sepakat untuk segera menyusun rencana aksi bersama.",
    # a meeting still to come
    "Pemerintah Kabupaten Sleman dan Kota Fujinomiya menandatangani nota kesepahaman di Sleman, "
    "Senin (3/6/2024). Kelompok kerja yang akan dibentuk akan menggelar pertemuan setiap tahun.",
    # what the document obliges
    "Pemerintah Kabupaten Sleman dan Kota Fujinomiya menandatangani nota kesepahaman di Sleman, "
    "Senin (3/6/2024). Naskah itu mewajibkan para pihak menggelar rapat evaluasi setiap semester.",
    # a programme's topics
    "Pemerintah Kabupaten Sleman dan Kota Fujinomiya menandatangani nota kesepahaman di Sleman, "
    "Senin (3/6/2024). Programnya mencakup pelatihan teknik negosiasi bagi perajin.",
    # tourists' visits and bargaining over prices
    "Pemerintah Kabupaten Sleman dan Kota Fujinomiya menandatangani nota kesepahaman di Sleman, "
    "Senin (3/6/2024). Kerja sama itu diharapkan menambah kunjungan wisatawan Jepang dan "
    "memperkuat negosiasi harga kopi petani.",
]


@pytest.mark.parametrize("body", ONLY_THE_SIGNING)
def test_plans_duties_skills_and_trade_are_no_events_beside_the_signing(body):
    assert event_types(body) == ["signing"]


def test_a_general_statement_about_signing_is_no_signing():
    body = (
        "Kemendagri menggelar rapat koordinasi kerja sama luar negeri di Jakarta, Senin "
        "(3/6/2024). Masih banyak daerah yang meneken nota kesepahaman dengan pihak asing tanpa "
        "persetujuan pusat, padahal kerja sama tidak sebatas penandatanganan naskah."
    )
    assert event_types(body) == ["meeting"]


def test_a_topic_bar_between_bars_is_no_event():
    record = headed(
        "Nasional | Negosiasi Dagang | Perang Dagang | Penandatanganan Kontrak\n"
        "Gubernur Kaltim Terima Dubes Denmark",
        "Gubernur Kalimantan Timur menerima kunjungan Duta Besar Denmark di Samarinda, Kamis "
        "(14/2/2019).",
    )
    assert record["event_types"] == ["meeting"]


# -- a description set off after the name, or before it, ending in a foreign country ---------
DESCRIBED_AFTER = [
    (
        "Kementerian PUPR menandatangani nota kesepahaman dengan Rijkswaterstaat, badan pelaksana "
        "Kementerian Infrastruktur dan Pengelolaan Air Belanda, di Jakarta, Selasa (11/6/2024).",
        ["Rijkswaterstaat"],
    ),
    (
        "Arsip Nasional menandatangani LoI dengan Nationaal Archief, lembaga kearsipan nasional "
        "Kerajaan Belanda, di Den Haag, Selasa (11/6/2024).",
        ["Nationaal Archief"],
    ),
    (
        "Kementerian PUPR menandatangani nota kesepahaman dengan BUMN pengelola sumber daya air "
        "Korea Selatan, Hanguk Suja-won Gongsa (K-water), di Jakarta, Selasa (11/6/2024).",
        ["Hanguk Suja-won Gongsa"],
    ),
]


@pytest.mark.parametrize(("body", "partners"), DESCRIBED_AFTER)
def test_a_name_described_as_foreign_is_the_partner_and_its_description_is_not(body, partners):
    assert foreign(body) == partners


def test_a_programme_between_two_governments_keeps_the_foreign_one():
    body = (
        "Pemerintah Provinsi Sulawesi Selatan menggelar rapat bersama SKALA, program kemitraan "
        "antara Pemerintah Australia dan Pemerintah Indonesia, di Makassar, Kamis (16/3/2023)."
    )
    assert "Pemerintah Australia" in foreign(body)


# -- Japanese and Korean local governments in their own language ------------------------------
@pytest.mark.parametrize(
    ("body", "partner"),
    [
        (
            "Pemerintah Kota Surabaya memperpanjang kerja sama kota kembar dengan Kitakyushu-shi, "
            "Jepang, di Surabaya, Selasa (11/6/2024).",
            "Kitakyushu-shi",
        ),
        (
            "Pemerintah Provinsi Jawa Barat menandatangani MoU dengan Gyeonggi-do di Bandung, "
            "Selasa (11/6/2024).",
            "Gyeonggi-do",
        ),
    ],
)
def test_a_local_government_with_its_kind_run_on_is_foreign(body, partner):
    assert foreign(body) == [partner]


# -- another document of the sole partner, signed in the same event --------------------------
def test_another_document_signed_in_the_same_event_is_a_second_agreement():
    body = (
        "Pemerintah Provinsi NTT dan WFP menandatangani nota kesepahaman ketahanan pangan di "
        "Kupang, Senin (13/4/2015). MoU berlaku untuk periode 2015-2018.\n\n"
        "Pada kesempatan yang sama juga ditandatangani Letter of Agreement uji coba makanan "
        "tambahan anak sekolah yang berlaku selama satu tahun."
    )
    assert _terms(body) == [("MoU", 2015, 2018, None), ("other", None, None, 1)]


def test_a_document_still_to_be_drafted_after_the_signing_is_no_agreement():
    body = (
        "Pemerintah Kabupaten Sikka dan Helen Keller International menandatangani kesepakatan "
        "bersama di Maumere, Selasa (5/3/2024).\n\nUsai penandatanganan, kedua pihak membentuk "
        "tim teknis yang akan menyusun rencana kerja tahunan."
    )
    assert _terms(body) == [("MoU", None, None, None)]


def test_an_officer_of_an_unknown_company_does_not_sign_for_the_ministry():
    body = (
        "Kementerian Perindustrian menandatangani nota kesepahaman dengan Toyota Tsusho di "
        "Jakarta, Selasa (11/6/2024). Penandatanganan dilakukan oleh Kepala Badan Pengembangan "
        "Sumber Daya Manusia Industri (BPSDMI) Kemenperin Dr. Arif Santoso, Executive Vice "
        "President Toyota Tsusho Hiroshi Tanabe, serta Direktur Regional Asia Tenggara Denso "
        "Kenichi Moriyama."
    )
    assert not any("Denso" in title for title, _org in signatories(body))


def test_the_guests_of_the_signing_ceremony_are_no_signatories():
    body = (
        "Pemerintah Provinsi NTT dan WFP menandatangani nota kesepahaman di Kupang, Senin "
        "(13/4/2015). MoU ditandatangani Gubernur NTT dan Country Director WFP Indonesia.\n\n"
        "Acara penandatanganan dihadiri Wakil Bupati Timor Tengah Selatan dan Sekretaris Daerah "
        "Kabupaten Sumba Timur."
    )
    titles = [title for title, _org in signatories(body)]
    assert "Wakil Bupati" not in titles
    assert "Sekretaris Daerah" not in titles
    assert "Gubernur" in titles


# -- events told in quotes, or as what went before ------------------------------------------
BEFORE_OR_QUOTED = [
    # a speaker's words about signings in general
    (
        "Kemendagri menggelar rapat koordinasi kerja sama daerah di Jakarta, Senin (3/6/2024). "
        '"Kita sering terjebak seremoni: penandatanganan meriah, lalu tidak ada tindak lanjut," '
        "ujar Direktur.",
        ["meeting"],
    ),
    # a negotiation that went on since an earlier year
    (
        "Kementerian Kelautan dan Perikanan dan Norwegia menandatangani nota kesepahaman di "
        "Jakarta, Senin (3/6/2024). Negosiasi naskahnya berlangsung sejak awal 2022.",
        ["signing"],
    ),
    # the meeting this signing follows up
    (
        "Pemerintah Kota Bogor dan Kota Saint-Omer menandatangani nota kesepahaman di Bogor, "
        "Senin (3/6/2024). Penandatanganan ini tindak lanjut pertemuan kedua wali kota pada Maret "
        "lalu.",
        ["signing"],
    ),
    # a negotiation hoped to begin
    (
        "Pemerintah Kota Bogor dan Kota Saint-Omer menandatangani nota kesepahaman di Bogor, "
        "Senin (3/6/2024). Komite bersama dibentuk untuk memulai negosiasi skema pembiayaan.",
        ["signing"],
    ),
]


@pytest.mark.parametrize(("body", "types"), BEFORE_OR_QUOTED)
def test_events_told_in_quotes_or_as_what_went_before_are_not_the_items(body, types):
    assert event_types(body) == types


def test_a_signing_in_the_narrative_beside_a_quote_still_counts():
    body = (
        "Bupati Sigi dan Caritas Jerman menandatangani perjanjian hibah di Sigi, Senin (3/6/2024). "
        '"Penandatanganan ini awal kerja kita," kata Bupati.'
    )
    assert event_types(body) == ["signing"]


def test_a_run_on_local_government_is_the_same_as_its_indonesian_form():
    body = (
        "Pemerintah Kota Surabaya dan Kitakyushu-shi, Jepang, memperpanjang kerja sama kota "
        "kembar, Jumat (10/2/2023). Wali Kota Surabaya dan Wali Kota Kitakyushu meneken "
        "perpanjangan nota kesepahaman di Balai Kota Surabaya. Kota Kitakyushu juga membantu "
        "pengelolaan sampah."
    )
    assert foreign(body) == ["Kitakyushu-shi"]


def test_the_country_after_a_run_on_local_government_is_its_address():
    body = (
        "Pemerintah Provinsi Jawa Barat dan Gyeonggi-do, Republik Korea, memperpanjang kerja sama "
        "provinsi bersahabat di Suwon, Jumat (10/2/2023)."
    )
    assert foreign(body) == ["Gyeonggi-do"]


def test_the_prefecture_after_a_run_on_city_is_its_address():
    body = (
        "Pemerintah Kota Medan menerima kunjungan delegasi Ichikawa-shi, Prefektur Chiba, Jepang, "
        "di Balai Kota, Selasa (4/6/2024)."
    )
    assert foreign(body) == ["Ichikawa-shi"]


def test_a_translation_and_acronym_in_one_bracket_name_one_partner():
    body = (
        "BNPB bersama Badan Program Pembangunan Perserikatan Bangsa-Bangsa (United Nations "
        "Development Programme/UNDP) menyelenggarakan rapat evaluasi, Selasa (4/6/2024). Rapat "
        "dihadiri Assistant Country Director UNDP Indonesia."
    )
    assert foreign(body) == ["Badan Program Pembangunan Perserikatan Bangsa-Bangsa (UNDP)"]


# -- terms: a length and an end year; the term of the agreement before -----------------------
def test_a_length_then_an_end_year_are_one_term():
    body = (
        "Pemerintah Kota Semarang dan Brisbane City Council menandatangani nota kesepahaman di "
        "Semarang, Senin (3/6/2024). Nota kesepahaman tersebut berlaku lima tahun, hingga 2029."
    )
    assert _terms(body) == [("MoU", None, 2029, 5)]


def test_the_term_of_the_agreement_before_is_not_the_new_ones():
    body = (
        "Pemerintah Provinsi Jawa Timur dan Pemerintah Negara Bagian Australia Barat "
        "menandatangani nota kesepahaman baru di Surabaya, Jumat (22/11/2019). Hubungan Jawa "
        "Timur dan Australia Barat beberapa kali diperbarui, terakhir untuk periode 2014-2019 "
        "yang berakhir bulan ini."
    )
    assert _terms(body) == [("MoU", None, None, None)]


def test_the_agency_a_foreign_government_acts_through_is_a_side_as_well():
    body = (
        "Pemerintah Kabupaten Sumba Timur bersama INOVASI, program kemitraan antara Pemerintah "
        "Indonesia dan Pemerintah Australia melalui Department of Foreign Affairs and Trade "
        "(DFAT), menyelenggarakan evaluasi paruh waktu, Selasa (4/6/2024)."
    )
    # (the programme is a side of its own since pass 17: test_extraction_families_pass17.py)
    assert foreign(body) == [
        "INOVASI",
        "Pemerintah Australia",
        "Department of Foreign Affairs and Trade (DFAT)",
    ]


@pytest.mark.parametrize("link", ["atas nama", "yang hadir mewakili"])
def test_the_one_a_signer_stands_for_signs_nothing(link):
    body = (
        "Pemerintah Daerah DIY dan Prefektur Kyoto memperbarui nota kesepahaman di Yogyakarta, "
        "Senin (3/6/2024). Naskah ditandatangani oleh Sekretaris Daerah DIY, Drs. Budi Santoso, "
        f"{link} Gubernur DIY, dan Wakil Gubernur Prefektur Kyoto, Kenji Yamashita."
    )
    titles = [title for title, _org in signatories(body)]
    assert "Gubernur" not in titles
    assert "Sekretaris Daerah" in titles


def test_a_degree_before_dan_does_not_end_the_sentence():
    body = (
        "Kemendikbud dan Deutscher Akademischer Austauschdienst (DAAD) menandatangani deklarasi "
        "bersama di Jakarta, Senin (3/6/2024). "
        "Deklarasi ditandatangani oleh Direktur Jenderal Pendidikan Tinggi Kemendikbud Prof. Hadi "
        "Suseno, "
        "Ph.D. dan Wakil Sekretaris Jenderal DAAD Dr. Katharina Brandt."
    )
    assert (
        "Wakil Sekretaris Jenderal",
        "Deutscher Akademischer Austauschdienst (DAAD)",
    ) in signatories(body)


# -- one organization named in Indonesian and, later, in English -----------------------------
def test_a_name_and_its_english_translation_are_one_partner():
    body = (
        "Badan Meteorologi, Klimatologi, dan Geofisika dan Badan Meteorologi Jepang "
        "menandatangani Memorandum of Cooperation di Tokyo, Kamis (6/6/2024). Penandatanganan "
        "berlangsung di kantor pusat Japan Meteorological Agency (JMA). Dokumen itu ditandatangani "
        "Kepala BMKG dan Direktur Jenderal JMA, Hiroshi Takeda."
    )
    assert foreign(body) == ["Badan Meteorologi Jepang"]
    assert ("Direktur Jenderal", "Badan Meteorologi Jepang") in signatories(body)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Kementerian Luar Negeri Jepang", "Ministry of Foreign Affairs of Japan", True),
        ("Badan Kerja Sama Internasional Korea", "Korea International Cooperation Agency", True),
        # another country, another head: not the same body
        ("Badan Meteorologi Jepang", "Korea Meteorological Administration", False),
        ("Badan Meteorologi Jepang", "Japan Meteorological Administration", False),
        # a word outside the list: no guess
        ("Badan Meteorologi Jepang", "Japan Meteorological Agency Osaka", False),
    ],
)
def test_translations_compare_the_concepts_of_the_names(first, second, same):
    assert same_in_translation(first, second) is same


def test_a_consul_general_signs_for_the_consulate():
    body = (
        "Pemerintah Kabupaten Lombok Utara menandatangani kontrak hibah dengan Konsulat Jenderal "
        "Jepang di Denpasar, Senin (3/6/2024). Penandatanganan dilakukan oleh Bupati Lombok Utara "
        "dan Konsul Jenderal Jepang di Denpasar, Kenji Watanabe."
    )
    assert ("Konsul Jenderal", "Konsulat Jenderal Jepang") in signatories(body)


# -- more ways of writing a term --------------------------------------------------------------
@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Kerja sama dijalankan mulai 2024 sampai dengan akhir 2026.", ("MoU", 2024, 2026, None)),
        (
            "Proyek dijadwalkan mulai Januari 2024 dan rampung pada 2027.",
            ("MoU", 2024, 2027, None),
        ),
        ("Kerja sama ini berlaku terhitung mulai 2024.", ("MoU", 2024, None, None)),
        ("Kerja sama akan terus berjalan hingga 2028.", ("MoU", None, 2028, None)),
        ("Program pelatihan akan dilaksanakan dari 2024 hingga 2026.", ("MoU", 2024, 2026, None)),
    ],
)
def test_more_ways_of_writing_a_term(term, expected):
    body = (
        "Kementerian Pendidikan dan British Council menandatangani nota kesepahaman di Jakarta, "
        f"Senin (3/6/2024). {term}"
    )
    assert _terms(body) == [expected]


def test_a_term_given_after_the_partners_share_one_document_goes_to_each():
    body = (
        "Kementerian Ketenagakerjaan menandatangani nota kesepahaman dengan ILO dan IOM di "
        "Jakarta, Senin (3/6/2024). Nota kesepahaman berlaku selama empat tahun. Kerja sama ini "
        "berlaku terhitung mulai 2024."
    )
    assert _terms(body) == [("MoU", 2024, None, 4), ("MoU", 2024, None, 4)]


# -- signers told in the next sentence, standing for an acting head, named by their unit ------
def test_the_other_side_told_in_the_next_sentence_signs_too():
    body = (
        "Polri dan Australian Federal Police (AFP) menandatangani nota kesepahaman, Senin "
        "(6/7/2020). Dari pihak Polri, nota kesepahaman diteken Wakil Kepala Kepolisian Negara "
        "Republik Indonesia Komjen Bambang dari Jakarta. Sementara AFP diwakili Commissioner AFP "
        "Callum Whitfield dari Canberra."
    )
    assert ("Commissioner", "Australian Federal Police (AFP)") in signatories(body)


def test_a_sentence_after_one_without_a_signing_signs_nothing():
    body = (
        "Polri dan Australian Federal Police (AFP) menggelar rapat di Jakarta, Senin (6/7/2020). "
        "Sementara AFP diwakili Commissioner AFP Callum Whitfield dari Canberra."
    )
    assert signatories(body) == []


def test_the_acting_head_a_signer_stands_for_signs_nothing():
    body = (
        "Pemerintah Kabupaten Probolinggo dan KOICA menandatangani perjanjian kerja sama, Senin "
        "(3/6/2024). PKS diteken Sekretaris Daerah Kabupaten Probolinggo, mewakili Penjabat (Pj) "
        "Bupati Probolinggo."
    )
    assert "Bupati" not in [title for title, _org in signatories(body)]


def test_a_unit_head_signs_for_the_ministry_named_before_the_unit_in_full():
    body = (
        "Kemendikbudristek melalui Direktorat Jenderal Guru dan Tenaga Kependidikan menandatangani "
        "nota kesepahaman dengan British Council di Jakarta, Kamis (20/10/2022). Nota kesepahaman "
        "ditandatangani oleh Direktur Jenderal Guru dan Tenaga Kependidikan, Prof. Dr. Ratih, dan "
        "Country Director British Council Indonesia."
    )
    assert (
        "Direktur Jenderal Guru dan Tenaga Kependidikan",
        "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
    ) in signatories(body)


def test_a_meeting_given_as_a_reason_is_not_the_event():
    body = (
        "Pemerintah Kabupaten Probolinggo dan KOICA menandatangani perjanjian kerja sama, Senin "
        "(3/6/2024). Bupati berhalangan hadir karena mengikuti rapat di Surabaya."
    )
    assert event_types(body) == ["signing"]


def test_agreeing_to_follow_up_with_a_draft_is_no_negotiation():
    body = (
        "Wali Kota Bandung menerima kunjungan Duta Besar Jepang, Senin (3/6/2024). Kedua pihak "
        "sepakat menindaklanjuti pertemuan tersebut dengan menyusun nota kesepahaman."
    )
    assert event_types(body) == ["meeting"]


def test_a_country_beside_its_agency_named_by_demonym_is_no_second_partner():
    body = (
        "Kementerian ESDM dan Danish Energy Agency memperbarui nota kesepahaman di Jakarta, Senin "
        "(3/6/2024). MoU ditandatangani Direktur Jenderal EBTKE dan Duta Besar Denmark untuk "
        "Indonesia atas nama Danish Energy Agency. Kerja sama dengan Denmark sudah berjalan sejak "
        "2015."
    )
    assert foreign(body) == ["Danish Energy Agency"]


# -- publication dates: a date followed by fields; a dateline closed by a stop ----------------
@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("Kamis, 21 November 2019 | Dilihat 312 kali | Humas NTB", "2019-11-21"),
        ("14 Desember 2023 | Biro Hukum, Kerja Sama, dan Humas", "2023-12-14"),
    ],
)
def test_a_date_followed_by_fields_is_the_date_line(header, published):
    record = headed(
        f"Bappeda NTB dan KOMPAK Gelar Monev\n{header}",
        "Pemerintah Provinsi Nusa Tenggara Barat bersama KOMPAK melaksanakan monitoring "
        "program layanan dasar di Lombok Timur.",
    )
    assert str(record["published"]) == published


def test_a_sentence_that_opens_with_a_date_is_no_date_line():
    record = headed(
        "Bappeda NTB dan KOMPAK Gelar Monev",
        "21 November 2019 menjadi hari pertama monitoring program layanan dasar oleh Pemerintah "
        "Provinsi Nusa Tenggara Barat dan KOMPAK di Lombok Timur.",
    )
    assert record["published"] is None


def test_a_dateline_closed_by_a_stop_is_the_publication_date():
    record = headed(
        "Indonesia dan Korea Perpanjang Kerja Sama Kehutanan",
        "Jakarta, 20 Mei 2015. Kementerian Lingkungan Hidup dan Kehutanan dan Badan Kehutanan "
        "Korea hari ini menandatangani perpanjangan nota kesepahaman.",
    )
    assert str(record["published"]) == "2015-05-20"


def test_a_menu_read_as_a_list_of_headlines_keeps_the_items_date_line():
    record = headed(
        "Terkini\nPolitik\nHukum\nEkonomi\nKemenkes luncurkan program HEARTS bersama WHO\n"
        "Kamis, 12 Oktober 2023 15:48 WIB",
        "Jakarta (ANTARA) - Kementerian Kesehatan bersama WHO meluncurkan program HEARTS.",
    )
    assert str(record["published"]) == "2023-10-12"


def test_a_dateline_with_its_source_dates_the_item():
    record = headed(
        "KLHK dan GIZ Bahas Rancangan Rencana Kerja",
        "Jakarta, Kementerian LHK, 13 Agustus 2021 – Kementerian Lingkungan Hidup dan Kehutanan "
        "dan GIZ membahas rancangan rencana kerja pengelolaan gambut.",
    )
    assert str(record["published"]) == "2021-08-13"


# -- a meeting in a room that some join from afar is hybrid ----------------------------------
def test_a_meeting_in_a_room_that_some_join_from_afar_is_hybrid():
    body = (
        "Pemerintah Kota Malang dan GIZ membahas draf perjanjian kerja sama. Rapat digelar di "
        "Ruang Sidang Balai Kota Malang, Kamis (16/9/2021), dan diikuti secara daring oleh tim GIZ "
        "dari Jakarta."
    )
    assert record_of(body)["meeting_mode"] == "hybrid"


def test_a_teleconference_from_a_room_stays_online():
    body = (
        "Biro Kerja Sama menyelenggarakan teleconference pembinaan kerja sama luar negeri dengan "
        "narasumber dari Kementerian Luar Negeri di Lounge Gedung Sekretariat Jenderal, Selasa "
        "(25/8/2020)."
    )
    assert record_of(body)["meeting_mode"] == "online"


@pytest.mark.parametrize(
    "place",
    ["Bangsal Kepatihan, Yogyakarta", "Gedhong Pracimasana", "Gudang Logistik BPBD NTB"],
)
def test_a_hall_or_store_by_its_own_word_is_a_place_met_in(place):
    body = (
        f"Pemerintah Daerah DIY dan Prefektur Kyoto menandatangani nota kesepahaman di {place}, "
        "Senin (3/6/2024)."
    )
    assert record_of(body)["meeting_mode"] == "offline"


@pytest.mark.parametrize(
    ("signer", "expected"),
    [
        (
            "Naib Canselor Universiti Sains Islam Malaysia",
            ("Naib Canselor", "Universiti Sains Islam Malaysia"),
        ),
        (
            "Chair of the Executive Board Universiteit Leiden",
            ("Chair of the Executive Board", "Universiteit Leiden"),
        ),
    ],
)
def test_heads_of_foreign_universities_sign_in_their_own_titles(signer, expected):
    partner = expected[1]
    body = (
        f"UIN Sunan Kalijaga dan {partner} menandatangani nota kesepahaman di Yogyakarta, Senin "
        f"(3/6/2024). Naskah ditandatangani Rektor UIN Sunan Kalijaga dan {signer}, Prof. Ahmad."
    )
    assert expected in signatories(body)


# -- a name defined with its acronym and followed by its country -----------------------------
@pytest.mark.parametrize(
    ("body", "partner"),
    [
        (
            "BNPB menerima delegasi Disaster and Emergency Management Presidency (AFAD) Turki di "
            "Jakarta, Kamis (25/10/2018).",
            "Disaster and Emergency Management Presidency (AFAD)",
        ),
        (
            "Kementerian Hukum dan Hak Asasi Manusia bersama Institut National de la Propriété "
            "Industrielle (INPI) Prancis menggelar pembahasan rancangan nota kesepahaman, Kamis "
            "(12/7/2018).",
            "Institut National de la Propriété Industrielle (INPI)",
        ),
    ],
)
def test_a_name_defined_by_its_acronym_then_its_country_is_foreign(body, partner):
    assert foreign(body) == [partner]


def test_an_indonesian_name_defined_by_its_acronym_stays_indonesian():
    body = (
        "Kementerian Luar Negeri dan Perkumpulan Pengusaha Mebel (PPM) Indonesia menggelar rapat, "
        "Kamis (25/10/2018)."
    )
    assert foreign(body) == []


def test_the_name_after_atau_is_the_same_partner():
    body = (
        "Kementerian Ketenagakerjaan dan Bundesagentur für Arbeit (BA) atau Badan Ketenagakerjaan "
        "Federal Republik Federal Jerman menandatangani surat pernyataan kehendak, Selasa "
        "(21/5/2024)."
    )
    assert foreign(body) == ["Bundesagentur für Arbeit (BA)"]


def test_a_signing_told_as_recent_still_counts():
    body = (
        "Pemerintah Kabupaten Sigi belum lama ini menandatangani perjanjian hibah dengan Caritas "
        "Jerman di Sigi, Senin (3/6/2024)."
    )
    assert event_types(body) == ["signing"]
