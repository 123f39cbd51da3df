"""Phrase families of the fifteenth pass (issue 12): partners found through the shape of the
sentence rather than their names.

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from .family_items import agreements, event_types, foreign, government, headed, signatories

# -- the first items of a list joined by "dan" before the verb act together -----
LISTED_SUBJECTS = [
    (
        "Kementerian Kesehatan, UNICEF dan WHO meluncurkan kampanye imunisasi campak di Jakarta.",
        ["UNICEF", "WHO"],
    ),
    (
        "Pemerintah Kabupaten Sikka, Plan International, serta Save the Children menyepakati "
        "rencana aksi perlindungan anak.",
        ["Plan International", "Save the Children"],
    ),
    (
        "Kemendagri, UCLG ASPAC, dan Ford Foundation menandatangani perpanjangan kerja sama di "
        "Jakarta.",
        ["UCLG ASPAC", "Ford Foundation"],
    ),
    (
        "Badan Nasional Penanggulangan Bencana, IOM, dan Palang Merah Jerman menggelar simulasi "
        "evakuasi tsunami di Padang.",
        ["IOM", "Palang Merah Jerman"],
    ),
]


@pytest.mark.parametrize(("body", "partners"), LISTED_SUBJECTS)
def test_every_item_of_a_joint_subject_list_is_a_partner(body, partners):
    assert foreign(body) == partners


def test_a_comma_alone_opens_no_joint_subject():
    # a place in apposition after the body, then a verb: no list, no partner
    body = "Kementerian Kesehatan, Jakarta, meluncurkan kampanye imunisasi bersama warga."
    assert foreign(body) == []


# -- a body's acronym, then "dan" or a comma: the next name is another organization -----
NEXT_NAME_AFTER_BODY = [
    "BNPB, IOM, dan Palang Merah Jerman menggelar simulasi evakuasi tsunami di Padang.",
    "BNPB dan Palang Merah Jerman menggelar simulasi evakuasi tsunami di Padang.",
    "Badan Nasional Penanggulangan Bencana dan Palang Merah Jerman menggelar simulasi evakuasi "
    "tsunami di Padang.",
]


@pytest.mark.parametrize("body", NEXT_NAME_AFTER_BODY)
def test_a_foreign_name_after_a_body_leaves_the_body_indonesian(body):
    assert government(body) == ["Badan Nasional Penanggulangan Bencana"]
    assert "Palang Merah Jerman" in foreign(body)


def test_a_foreign_ministry_with_its_fields_is_still_foreign():
    body = (
        "Pemerintah Provinsi Bali menjalin kerja sama dengan Kementerian Luar Negeri dan "
        "Perdagangan Selandia Baru di bidang pertanian."
    )
    assert government(body) == ["Pemerintah Provinsi Bali"]
    assert foreign(body) == ["Kementerian Luar Negeri dan Perdagangan Selandia Baru"]


# -- a unit named by its head, then its proper name, before "bersama F" -----
UNIT_WITH_NAME = [
    (
        "Balai Taman Nasional Gunung Leuser bersama Wildlife Conservation Society melaksanakan "
        "patroli perlindungan orangutan.",
        "Wildlife Conservation Society",
    ),
    (
        "Balai Besar KSDA Jawa Barat dan Fauna & Flora International menggelar pelatihan bagi "
        "petugas lapangan.",
        "Fauna & Flora International",
    ),
    (
        "Balai Taman Nasional Way Kambas dan Save the Rhino International meresmikan pusat "
        "pendidikan konservasi.",
        "Save the Rhino International",
    ),
]


@pytest.mark.parametrize(("body", "partner"), UNIT_WITH_NAME)
def test_a_unit_with_its_proper_name_acts_with_the_partner(body, partner):
    assert foreign(body) == [partner]
    # no date in the item: the body as it is named today
    assert government(body) == ["Kementerian Kehutanan"]


# -- a lender or donor approves or disburses a loan or grant for the body -----
FUNDERS_ACT = [
    ("ADB menyetujui pinjaman untuk Kemenkes senilai 500 juta dolar AS.", "ADB"),
    (
        "JICA mengucurkan pinjaman kepada Kementerian PUPR untuk pembangunan bendungan.",
        "JICA",
    ),
    (
        "Bank Pembangunan Islam menyetujui pendanaan bagi Pemerintah Provinsi Aceh untuk "
        "rumah sakit rujukan.",
        "Bank Pembangunan Islam",
    ),
]


@pytest.mark.parametrize(("body", "partner"), FUNDERS_ACT)
def test_a_funder_that_approves_or_disburses_is_the_partner(body, partner):
    assert foreign(body) == [partner]


def test_a_loan_approved_by_a_domestic_bank_gives_no_partner():
    body = "Bank Jatim menyetujui pinjaman untuk Pemerintah Kabupaten Jember."
    assert foreign(body) == []


# -- a known name written with its number apart -----
def test_a_known_name_with_a_number_is_one_name():
    body = (
        "Pemprov Jabar menandatangani nota kesepahaman dengan FHI 360 tentang penanggulangan "
        "HIV di Bandung."
    )
    assert foreign(body) == ["FHI 360"]


def test_a_year_after_a_name_is_no_part_of_it():
    body = "UNICEF 2024 mendukung Pemprov Jabar dalam program gizi anak."
    assert foreign(body) == ["UNICEF"]


# -- a country or a foreign government joined to the Indonesian side as one subject -----
JOINT_WITH_A_COUNTRY = [
    ("Pemprov Jabar dan Jepang sepakat memperkuat kerja sama kebencanaan.", "Jepang"),
    ("Kementerian Pertanian bersama Belanda meluncurkan pusat pelatihan hortikultura.", "Belanda"),
    (
        "Pemerintah Indonesia dan Pemerintah Korea Selatan menyepakati kerja sama di bidang "
        "perikanan.",
        "Pemerintah Korea Selatan",
    ),
    (
        "Indonesia dan Selandia Baru meluncurkan program beasiswa vokasi di Jakarta.",
        "Selandia Baru",
    ),
]


@pytest.mark.parametrize(("body", "partner"), JOINT_WITH_A_COUNTRY)
def test_a_country_acting_with_the_indonesian_side_is_the_partner(body, partner):
    assert foreign(body) == [partner]


def test_a_country_after_a_body_without_a_joint_verb_is_no_partner():
    body = "Pemprov Jabar dan Jepang merupakan wilayah rawan gempa, kata peneliti itu."
    assert foreign(body) == []


# -- the visitor's organization after its officer's title and region -----
RECEIVED_OFFICERS = [
    (
        "Gubernur Jawa Timur menerima kunjungan Direktur Regional Asia Pasifik Oxfam, Maria "
        "Lopez, di Gedung Grahadi.",
        "Oxfam",
    ),
    (
        "Wali Kota Makassar menerima kunjungan kehormatan Kepala Perwakilan Regional UN-Habitat "
        "di Balai Kota.",
        "UN-Habitat",
    ),
]


@pytest.mark.parametrize(("body", "partner"), RECEIVED_OFFICERS)
def test_the_organization_of_a_received_officer_is_the_partner(body, partner):
    assert foreign(body) == [partner]


# -- a known organization followed by its officer's name in one run -----
def test_a_known_name_then_a_person_is_the_organization():
    body = (
        "Nota kesepahaman ditandatangani oleh Sekretaris Daerah Provinsi NTT dan Country "
        "Director Mercy Corps Indonesia Ade Soekadis."
    )
    assert foreign(body) == ["Mercy Corps"]
    assert ("Country Director", "Mercy Corps") in signatories(body)


def test_an_unknown_run_is_not_cut_for_a_person():
    body = "Pemkab Sleman bekerja sama dengan Mercy Corps Indonesia dalam program air bersih."
    assert foreign(body) == ["Mercy Corps"]


# -- what the organization is, then its name -----
DESCRIBED_PARTNERS = [
    (
        "Pemerintah Provinsi Riau bersama organisasi nirlaba asal Belanda, Tidal Peat Trust, "
        "mematangkan draf rencana kerja restorasi gambut.",
        "Tidal Peat Trust",
    ),
    (
        "Kementerian Perindustrian menggandeng perusahaan teknologi asal Jepang, Hokuto Denki, "
        "untuk pelatihan otomasi pabrik.",
        "Hokuto Denki",
    ),
    (
        "Dinas Kesehatan Kota Medan menjalin kerja sama dengan organisasi kesehatan global "
        "Heart Beat Partners untuk skrining hipertensi.",
        "Heart Beat Partners",
    ),
    (
        "Pemkab Gowa menerima kunjungan lembaga kemanusiaan yang berbasis di Swiss, Aqua "
        "Helvetia, di Sungguminasa.",
        "Aqua Helvetia",
    ),
]


@pytest.mark.parametrize(("body", "partner"), DESCRIBED_PARTNERS)
def test_a_name_after_a_foreign_description_is_the_partner(body, partner):
    assert foreign(body) == [partner]


def test_a_domestic_description_makes_no_foreign_partner():
    body = (
        "Pemerintah Provinsi Riau bersama organisasi nirlaba lokal, Tidal Peat Trust, "
        "mematangkan draf rencana kerja restorasi gambut."
    )
    assert foreign(body) == []


@pytest.mark.parametrize(
    "headline",
    [
        "KLHK Teken Kerja Sama dengan Lembaga Asal Jerman",
        "Pemkab Sikka Gandeng NGO Jepang Bangun Sumur",
        "Pemkot Bogor Jajaki Kerja Sama dengan Mitra Global",
    ],
)
def test_a_description_in_the_headline_is_no_name(headline):
    body = "Kerja sama itu mencakup pelatihan petugas di lapangan."
    assert headed(headline, body)["foreign_parties"] == []


# -- funders named by how the money comes -----
FUNDERS = [
    (
        "Program itu didanai sebagian oleh Departemen Luar Negeri dan Perdagangan Australia "
        "(DFAT) dan dijalankan Pemprov NTT.",
        "Departemen Luar Negeri dan Perdagangan Australia",
    ),
    (
        "Wali Kota Ambon menjelaskan, pendanaan program berasal dari Bank Pembangunan Asia (ADB).",
        "Bank Pembangunan Asia",
    ),
    (
        "Turut hadir perwakilan Kementerian Keuangan dan Pemerintah Kerajaan Norwegia selaku "
        "mitra pendana dalam rapat yang digelar Pemprov Kaltim.",
        "Pemerintah Kerajaan Norwegia",
    ),
]


@pytest.mark.parametrize(("body", "partner"), FUNDERS)
def test_a_funder_is_a_partner(body, partner):
    # a name defined with its acronym is shown with it: "Bank Pembangunan Asia (ADB)"
    assert any(name.split(" (")[0] == partner for name in foreign(body))


# -- support told as history -----
@pytest.mark.parametrize(
    "body",
    [
        "Pemkab Berau melanjutkan program kawasan konservasi laut yang dahulu sempat didukung "
        "USAID.",
        "Program yang dulu didanai oleh JICA itu kini dijalankan Pemprov Sulsel sendiri.",
    ],
)
def test_support_told_as_history_is_no_partner(body):
    assert foreign(body) == []


def test_a_partner_acting_beforehand_is_still_the_partner():
    body = "Sebelum penandatanganan, Pemprov Bali terlebih dahulu bertemu dengan UNDP di Denpasar."
    assert foreign(body) == ["UNDP"]


# -- "Direktur Utama" is a title, not the start of a name -----
def test_a_president_directors_title_is_no_name():
    body = (
        "Kesepakatan ditandatangani Kepala Dinas Pendidikan Jatim dan Direktur Utama Bank "
        "Jatim di Surabaya."
    )
    assert foreign(body) == []


# -- one document signed with every partner: its term is theirs -----
def test_the_term_of_one_document_signed_with_two_partners_is_both_of_theirs():
    body = (
        "Kementerian Kesehatan, Bill & Melinda Gates Foundation dan PATH menandatangani nota "
        "kesepahaman di Jakarta. Kesepakatan berlaku selama empat tahun."
    )
    found = agreements(body)
    assert [(a["partner"], a["duration_years"]) for a in found] == [
        ("Bill & Melinda Gates Foundation", 4),
        ("PATH", 4),
    ]


# -- a country beside its own body, or as the address of an organization -----
def test_a_bare_country_beside_its_own_ministry_is_not_a_second_partner():
    body = (
        "Kementerian Luar Negeri dan Kementerian Luar Negeri Republik Uzbekistan menandatangani "
        "rencana konsultasi di Jakarta. Kerja sama dengan Uzbekistan terus tumbuh."
    )
    assert foreign(body) == ["Kementerian Luar Negeri Republik Uzbekistan"]


def test_a_country_after_an_organization_is_its_address():
    body = (
        "Universitas Islam Negeri Walisongo dan Universität Leipzig, Republik Federal Jerman, "
        "menandatangani nota kesepahaman kerja sama akademik."
    )
    assert "Republik Federal Jerman" not in foreign(body)


def test_a_country_opening_a_sentence_after_an_adverb_is_still_read():
    body = "Kemarin, Jepang dan Pemprov Jabar sepakat memperkuat kerja sama kebencanaan."
    assert foreign(body) == ["Jepang"]


# -- one foreign city written in English and in Indonesian -----
def test_city_of_x_and_kota_x_are_one_partner():
    body = (
        "Pemerintah Kota Ambon menerima kunjungan delegasi City of Darwin, Australia. Kota "
        "Darwin dan Kota Ambon telah menjadi kota kembar sejak 1988."
    )
    assert foreign(body) == ["City of Darwin"]


# -- the name as the body first spells it, not the headline's short form -----
def test_the_body_form_names_the_partner_before_a_headline_form():
    found = headed(
        "Wali Kota Darwin Kunjungi Ambon",
        "Pemerintah Kota Ambon menerima kunjungan delegasi City of Darwin, Australia, di Balai "
        "Kota Ambon.",
    )
    assert found["foreign_parties"] == ["City of Darwin"]


# -- a meeting whose other side is named only among those taking part -----
def test_the_organizations_at_a_meeting_with_no_named_partner_are_its_other_side():
    body = (
        "Kementerian Kesehatan menggelar rapat koordinasi bersama mitra pembangunan "
        "internasional. Rapat dihadiri perwakilan UNICEF, WHO, dan Gavi, the Vaccine Alliance."
    )
    assert foreign(body) == ["UNICEF", "WHO", "Gavi, the Vaccine Alliance"]


def test_guests_beside_a_named_partner_are_not_partners():
    body = (
        "Badan Pusat Statistik bertemu dengan Australian Bureau of Statistics di Canberra. "
        "Tamu undangan terdiri atas perwakilan dari Australia National University dan DFAT."
    )
    assert foreign(body) == ["Australian Bureau of Statistics"]


def test_witnesses_of_a_signing_are_not_partners():
    body = (
        "Pemkab Sleman dan PT Sinar Jaya menandatangani perjanjian kerja sama. Penandatanganan "
        "disaksikan oleh perwakilan UNDP."
    )
    assert foreign(body) == []


# -- a list goes on after the first name's acronym in brackets -----
def test_a_list_goes_on_after_an_acronym_in_brackets():
    body = (
        "BNN menggelar pertemuan teknis bersama Kantor PBB untuk Urusan Narkoba dan Kejahatan "
        "(UNODC) serta Colombo Plan Drug Advisory Programme di Jakarta."
    )
    assert [name.split(" (")[0] for name in foreign(body)] == [
        "Kantor PBB untuk Urusan Narkoba dan Kejahatan",
        "Colombo Plan Drug Advisory Programme",
    ]


def test_a_country_after_a_name_and_its_acronym_is_its_address():
    body = (
        "Dinas Pendidikan Provinsi Jawa Barat menandatangani perjanjian kerja sama dengan "
        "Kyungpook National University (KNU), Republik Korea, tentang beasiswa guru."
    )
    assert [name.split(" (")[0] for name in foreign(body)] == ["Kyungpook National University"]


# -- places where events happen are no parties -----
@pytest.mark.parametrize(
    "body",
    [
        "Wali Kota Bitung dan Pemerintah Kota General Santos menandatangani LoI bertempat di "
        "KCC Convention Center, General Santos.",
        "Delegasi Pemprov Kalbar bergabung dari Kantor Gubernur, sementara delegasi Pemerintah "
        "Negeri Sarawak bergabung dari Wisma Bapa Malaysia, Kuching, dalam pembahasan MoU.",
    ],
)
def test_a_venue_is_no_partner(body):
    names = foreign(body)
    assert not any(("Convention" in n or "Wisma" in n) for n in names)


def test_a_state_of_malaysia_is_a_foreign_local_government():
    body = (
        "Pemerintah Provinsi Kalimantan Barat dan Pemerintah Negeri Sarawak, Malaysia, membahas "
        "rancangan nota kesepahaman melalui konferensi video."
    )
    assert foreign(body) == ["Pemerintah Negeri Sarawak"]


def test_a_mayor_named_by_surname_is_no_city():
    body = (
        "Kepala Otorita IKN bertemu dengan Wali Kota Sejong, Choi Min-seok, di Balai Kota Sejong. "
        "Wali Kota Choi menyampaikan kesiapan kerja sama perencanaan kota."
    )
    assert foreign(body) == ["Kota Sejong"]


def test_an_english_head_run_on_in_one_word_reads_foreign():
    body = (
        "Pemerintah Kabupaten Kepulauan Mentawai dan organisasi kemanusiaan SurfAid "
        "menandatangani perjanjian kerja sama di Tuapeijat."
    )
    assert foreign(body) == ["SurfAid"]


# -- a draft discussed or work evaluated is a meeting too -----
@pytest.mark.parametrize(
    ("body", "types"),
    [
        (
            "Pemprov Kalbar dan Pemerintah Negeri Sarawak membahas rancangan nota kesepahaman "
            "melalui konferensi video.",
            ["meeting", "negotiation"],
        ),
        (
            "Tim Kementerian Kesehatan dan DFAT melakukan monitoring dan evaluasi pelaksanaan "
            "program gizi di Kabupaten Kupang.",
            ["meeting", "evaluation"],
        ),
    ],
)
def test_negotiation_and_evaluation_are_held_in_a_meeting(body, types):
    assert event_types(body) == types


def test_a_signing_is_not_made_a_meeting():
    body = "Pemprov Bali dan UNDP menandatangani nota kesepahaman di Denpasar."
    assert event_types(body) == ["signing"]


# -- a signing dated by month and year only is history -----
@pytest.mark.parametrize(
    "body",
    [
        "Proyek yang dokumennya telah ditandatangani pada Juli 2020 ini kini memasuki tahun "
        "ketiga, kata Kepala Bappeda Sulsel saat peluncuran program bersama UNDP.",
        "Bantuan dibangun melalui hibah Pemerintah Jepang yang kontraknya ditandatangani pada "
        "bulan Desember 2018, kata Bupati Lombok Utara saat serah terima.",
    ],
)
def test_a_signing_dated_by_month_and_year_is_history(body):
    assert "signing" not in event_types(body)


# -- an organization's name after "Direktur" is no unit of a ministry -----
@pytest.mark.parametrize(
    "body",
    [
        "Nota kesepahaman ditandatangani Kepala ANRI dan Direktur KITLV di Den Haag.",
        "MoU ditandatangani Kepala BPSDMI Kemenperin dan Presiden Direktur Siemens Indonesia di "
        "Jakarta.",
    ],
)
def test_a_foreign_organizations_director_does_not_sign_for_the_ministry(body):
    found = signatories(body)
    assert not any(title.startswith(("Direktur KITLV", "Direktur Siemens")) for title, _ in found)


# -- the acronym in a translation bracket names the partner later -----
def test_the_acronym_of_a_translation_bracket_names_the_signers_organization():
    body = (
        "BMKG dan Badan Meteorologi Jepang (Japan Meteorological Agency/JMA) sepakat memperpanjang "
        "Memorandum of Cooperation. Penandatanganan dilakukan oleh Kepala BMKG, Prof. Dr. Ratih "
        "Paramitha, dan Director-General JMA, Dr. Kenjiro Tanabe."
    )
    assert ("Director-General", "Badan Meteorologi Jepang") in signatories(body)


# -- the head of a unit named by the acronym the item defined for it -----
def test_a_unit_head_named_by_the_units_acronym_signs_for_its_ministry():
    body = (
        "Kementerian Kelautan dan Perikanan melalui Direktorat Jenderal Pengawasan Sumber Daya "
        "Kelautan dan Perikanan (PSDKP) memperpanjang nota kesepahaman dengan organisasi "
        "nirlaba internasional Global Fishing Watch. Perpanjangan ditandatangani oleh Direktur "
        "Jenderal PSDKP, Laksda TNI (Purn) Bayu Hendarto, dan Chief Executive Officer Global "
        "Fishing Watch, Dr. Tomas Arregui."
    )
    assert ("Direktur Jenderal PSDKP", "Kementerian Kelautan dan Perikanan") in signatories(body)


def test_an_acronym_that_names_no_unit_gives_no_ministry_signer():
    body = (
        "Nota kesepahaman ditandatangani Kepala ANRI, Dr. Budi Santoso, dan Direktur KITLV, Prof. "
        "Maartje de Boer, di Den Haag."
    )
    assert not any(title.startswith("Direktur KITLV") for title, _ in signatories(body))


# -- a name with lower-case words, found by its acronym's initials -----
@pytest.mark.parametrize(
    ("body", "partner"),
    [
        (
            "BRIN dan Centre national de la recherche scientifique (CNRS) Prancis menggelar "
            "pertemuan untuk mematangkan draf nota kesepahaman.",
            "Centre national de la recherche scientifique",
        ),
        (
            "Kementerian Pertanian bekerja sama dengan Institut national de recherche pour "
            "l'agriculture (INRA) Prancis dalam riset padi.",
            None,  # the initials do not spell the acronym: nothing made up
        ),
    ],
)
def test_a_name_with_lower_case_words_is_found_by_its_initials(body, partner):
    names = [name.split(" (")[0] for name in foreign(body)]
    if partner is None:
        assert not any(name.startswith("Institut national") for name in names)
    else:
        assert names == [partner]


# -- the name written first when another name follows "atau" -----
@pytest.mark.parametrize(
    ("body", "partner"),
    [
        (
            "BKKBN bersama Dana Kependudukan Perserikatan Bangsa-Bangsa atau United Nations "
            "Population Fund (UNFPA) melaksanakan monitoring terpadu di Bojonegoro.",
            "Dana Kependudukan Perserikatan Bangsa-Bangsa",
        ),
        (
            "Balai Taman Nasional Bukit Tigapuluh meneken perjanjian kerja sama dengan "
            "Zoologische Gesellschaft Frankfurt atau yang lebih dikenal sebagai Frankfurt "
            "Zoological Society (FZS).",
            "Zoologische Gesellschaft Frankfurt",
        ),
    ],
)
def test_the_name_written_before_atau_names_the_partner(body, partner):
    assert [name.split(" (")[0] for name in foreign(body)] == [partner]


# -- a state government of Malaysia in Malay -----
def test_kerajaan_negeri_is_a_foreign_local_government():
    body = (
        "Gubernur Kalimantan Barat menerima kunjungan kerja delegasi Kerajaan Negeri Sarawak, "
        "Malaysia, di Kantor Gubernur."
    )
    assert [name for name in foreign(body) if "Sarawak" in name] != []


# -- heads of names in the organizations' own languages -----
@pytest.mark.parametrize(
    ("body", "partner"),
    [
        (
            "Kemendikbudristek bersama Deutscher Akademischer Austauschdienst menggelar rapat "
            "pembahasan draf deklarasi kehendak.",
            "Deutscher Akademischer Austauschdienst",
        ),
        (
            "Pemkab Sumba Timur menjalin kerja sama dengan Humanistisch Instituut voor "
            "Ontwikkelingssamenwerking di bidang energi terbarukan.",
            "Humanistisch Instituut voor Ontwikkelingssamenwerking",
        ),
    ],
)
def test_a_head_in_the_organizations_own_language_reads_foreign(body, partner):
    assert foreign(body) == [partner]


# -- a foreign agency whose fields are listed with commas -----
def test_a_foreign_agency_with_comma_fields_is_one_name():
    body = (
        "Kementerian ATR/BPN memperpanjang nota kesepahaman dengan Badan Kadaster, Pendaftaran "
        "Tanah, dan Pemetaan Belanda selama lima tahun."
    )
    assert foreign(body) == ["Badan Kadaster, Pendaftaran Tanah, dan Pemetaan Belanda"]


# -- a short name in brackets, and the same short name in the headline -----
def test_a_short_name_in_brackets_is_the_same_partner():
    found = headed(
        "Pemkab Sumba Timur dan Hivos Teken PKS Energi Terbarukan",
        "Pemerintah Kabupaten Sumba Timur dan Humanistisch Instituut voor "
        "Ontwikkelingssamenwerking (Hivos) menandatangani perjanjian kerja sama. Hivos akan "
        "mendukung pembangkit listrik tenaga surya.",
    )
    assert found["foreign_parties"] == ["Humanistisch Instituut voor Ontwikkelingssamenwerking"]


def test_an_umbrellas_acronym_inside_a_name_is_not_its_short_name():
    body = (
        "Kemenko Pangan bertemu dengan tiga badan PBB, yakni Organisasi Pangan dan Pertanian PBB "
        "(FAO), Dana Internasional untuk Pembangunan Pertanian (IFAD), dan Program Pangan Dunia "
        "(WFP)."
    )
    names = [name.split(" (")[0] for name in foreign(body)]
    assert "Organisasi Pangan dan Pertanian PBB" in names


# -- known names with small words and compounds in their own language -----
@pytest.mark.parametrize(
    ("body", "partner"),
    [
        (
            "BNPB menandatangani pengaturan pelaksanaan dengan ASEAN Coordinating Centre for "
            "Humanitarian Assistance on disaster management (AHA Centre) di Jakarta.",
            "ASEAN Coordinating Centre for Humanitarian Assistance on disaster management",
        ),
        (
            "KemenPPPA menandatangani nota kesepahaman dengan United Nations Entity for Gender "
            "Equality and the Empowerment of Women (UN Women) di Jakarta.",
            "United Nations Entity for Gender Equality and the Empowerment of Women",
        ),
        (
            "Kementerian Keuangan menandatangani perjanjian hibah dengan KfW Entwicklungsbank "
            "untuk program energi terbarukan.",
            "KfW Entwicklungsbank",
        ),
    ],
)
def test_known_names_with_small_words_or_compounds_are_whole(body, partner):
    assert [name.split(" (")[0] for name in foreign(body)] == [partner]


def test_a_body_of_law_is_no_organization():
    body = (
        "TNI dan Komite Internasional Palang Merah menandatangani nota kesepahaman tentang "
        "penyebarluasan Hukum Humaniter Internasional (HHI) di Jakarta."
    )
    assert foreign(body) == ["Komite Internasional Palang Merah"]


# -- terms told in more ways -----
def _term(body: str) -> list[tuple]:
    return [(a["start_year"], a["end_year"], a["duration_years"]) for a in agreements(body)]


@pytest.mark.parametrize(
    ("body", "term"),
    [
        (
            "Pemprov DIY dan Pemerintah Prefektur Kyoto menandatangani perpanjangan nota "
            "kesepahaman. Kerja sama kedua daerah diperpanjang untuk periode lima tahun ke depan "
            "hingga 2028.",
            (None, 2028, 5),
        ),
        (
            "Kementerian Keuangan dan Bank Pembangunan Asia menandatangani perjanjian hibah. "
            "Perjanjian hibah ini akan berlangsung sampai dengan 31 Desember 2024.",
            (None, 2024, None),
        ),
        (
            "Pemerintah Kota Ambon dan Pemerintah Kota Vlissingen, Belanda, menyepakati rencana "
            "kerja tiga tahun (2019–2021) sebagai tindak lanjut kerja sama kota kembar.",
            (2019, 2021, 3),
        ),
        (
            "Kemendes PDTT dan KOICA menandatangani Record of Discussions proyek desa cerdas. "
            "Proyek senilai 7 juta dolar AS itu akan berlangsung selama lima tahun, 2021-2025.",
            (2021, 2025, 5),
        ),
        (
            "Kemendikbudristek bersama Deutscher Akademischer Austauschdienst membahas draf "
            "deklarasi kehendak bersama. Dalam draf yang dibahas, dokumen diusulkan berlaku tiga "
            "tahun, mulai 2023 hingga 2025.",
            (2023, 2025, 3),
        ),
    ],
)
def test_terms_told_in_more_ways(body, term):
    assert _term(body) == [term]


def test_a_number_of_years_without_a_period_or_lead_is_no_term():
    body = (
        "Pemkot Ambon dan Pemerintah Kota Vlissingen menandatangani nota kesepahaman. Kedua kota "
        "bersahabat tiga tahun sebelum itu."
    )
    assert _term(body) == [(None, None, None)]


# -- a second document signed with the same partner -----
def test_a_second_document_signed_with_the_partner_is_a_second_agreement():
    body = (
        "UIN Sunan Kalijaga menjalin kerja sama dengan Universiteit Leiden melalui "
        "penandatanganan Memorandum of Understanding (MoU) di Yogyakarta. Pada kesempatan yang "
        "sama, Fakultas Adab juga menandatangani Implementing Arrangement dengan Faculty of "
        "Humanities Universiteit Leiden."
    )
    assert [(a["partner"], a["document_type"]) for a in agreements(body)] == [
        ("Universiteit Leiden", "MoU"),
        ("Universiteit Leiden", "other"),
    ]


def test_a_document_signed_in_a_sentence_with_another_partner_is_not_added():
    body = (
        "Pemprov Jabar dan Pemerintah Provinsi Gyeonggi memperbarui nota kesepahaman. Pemprov "
        "Jabar juga menandatangani perjanjian kerja sama dengan Gyeonggi Business & Science "
        "Accelerator."
    )
    pairs = [(a["partner"], a["document_type"]) for a in agreements(body)]
    assert ("Pemerintah Provinsi Gyeonggi", "PKS") not in pairs


# -- a field of work named "dialog", and a plan of consultations, are no meetings -----
@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Ketenagakerjaan dan ILO menandatangani program kerja sama yang menekankan "
        "penguatan dialog sosial di tempat kerja.",
        "Kementerian Luar Negeri dan Kementerian Luar Negeri Uzbekistan menandatangani Rencana "
        "Konsultasi Bilateral 2024-2026 di Tashkent.",
    ],
)
def test_a_topic_or_a_document_named_after_meetings_is_no_meeting(body):
    assert event_types(body) == ["signing"]


# -- a signing during a visit: the visit is its setting -----
def test_a_signing_during_a_visit_is_no_meeting():
    body = (
        "Dalam kunjungan ke Tokyo, Ketua Dewan Komisioner OJK menandatangani nota kesepahaman "
        "dengan Financial Services Agency Jepang."
    )
    assert event_types(body) == ["signing"]


def test_a_meeting_beside_a_signing_is_still_a_meeting():
    body = (
        "Gubernur Jateng menggelar pertemuan dengan delegasi Provinsi Chungcheongbuk-do. Pada "
        "kesempatan itu dilakukan penandatanganan nota kesepahaman."
    )
    assert event_types(body) == ["meeting", "signing"]
