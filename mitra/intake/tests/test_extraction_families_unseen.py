"""Phrase families from issue 12 (unseen press items), one test per family.

Every sentence here was written for these tests; none is copied from a dev item. Each
family has several variants so that a rule passes only when it covers the family.
"""

from datetime import date

import pytest

from mitra.intake.extraction import extract
from mitra.intake.extraction.agreements import durations, periods
from mitra.intake.extraction.dates import find_event_date


def foreign(text: str) -> list[str]:
    return [p.name for p in extract(text).foreign_parties]


# -- foreign local governments -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pemprov Bali memperpanjang kerja sama dengan pemerintah negara bagian Victoria, "
         "Australia.", "pemerintah negara bagian Victoria"),
        ("Pemerintah Provinsi Jawa Timur bekerja sama dengan Prefektur Osaka, Jepang, di "
         "bidang pendidikan.", "Prefektur Osaka"),
        ("Pemkot Bandung menerima kunjungan Wakil Wali Kota dari Kota Hamamatsu, Jepang.",
         "Kota Hamamatsu"),
        ("Gubernur Sulawesi Selatan menerima delegasi Provinsi Guangxi. Kerja sama sister "
         "province dengan Provinsi Guangxi, Tiongkok, sudah berjalan lama.", "Provinsi Guangxi"),
        ("Pemkab Badung menjajaki kerja sama sister city dengan pemerintah kota Perth, "
         "Australia Barat.", "pemerintah kota Perth"),
        ("Pemprov Jawa Tengah menandatangani MoU dengan Negara Bagian Western Australia.",
         "Negara Bagian Western Australia"),
    ],
)  # fmt: skip
def test_foreign_local_governments(text, name):
    names = foreign(text)
    assert any(n.lower().startswith(name.lower()) for n in names), names


def test_indonesian_province_is_not_foreign():
    names = foreign("Kementerian Dalam Negeri bekerja sama dengan Provinsi Jawa Barat dan JICA.")
    assert all("Jawa Barat" not in n for n in names), names


# -- a bare country as the counterpart ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Indonesia dan Vietnam menandatangani nota kesepahaman di bidang pertanian.", "Vietnam"),
        ("Kementerian Perdagangan menjalin kerja sama dengan Tunisia di bidang ekspor.",
         "Tunisia"),
        ("RI dan Meksiko sepakat memperkuat kerja sama energi terbarukan.", "Meksiko"),
        ("Kerja sama RI-Selandia Baru di bidang geotermal diperpanjang.", "Selandia Baru"),
    ],
)  # fmt: skip
def test_bare_country_as_counterpart(text, name):
    assert foreign(text) == [name]


def test_bare_country_not_added_beside_a_named_partner():
    text = (
        "Kemenkes menggelar rapat dengan USAID. Kerja sama bilateral antara Indonesia dan "
        "Amerika Serikat terus diperkuat."
    )
    assert foreign(text) == ["United States Agency for International Development (USAID)"] or (
        foreign(text) == ["USAID"]
    )


def test_country_only_as_a_place_is_not_a_counterpart():
    text = "Pemkab Sleman menggelar pameran kerajinan yang dikunjungi wisatawan dari Jepang."
    assert foreign(text) == []


# -- foreign governments, embassies and agencies ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Proyek ini didanai hibah Pemerintah Jerman melalui kerja sama teknis.",
         "Pemerintah Jerman"),
        ("Kemenkes menerima bantuan alat kesehatan dari Pemerintah Korea Selatan.",
         "Pemerintah Korea Selatan"),
        ("Bappenas bekerja sama dengan Kedutaan Besar Belanda dalam program air bersih.",
         "Kedutaan Besar Belanda"),
        ("Program ini dilaksanakan dalam kerangka kerja sama antara Pemerintah Jepang dan "
         "Pemerintah Indonesia.", "Pemerintah Jepang"),
        ("BPS memperkuat kerja sama dengan Australian Bureau of Statistics (ABS).",
         "Australian Bureau of Statistics"),
        ("Kementan bekerja sama dengan Statistics Korea Bureau di bidang sensus.",
         "Statistics Korea Bureau"),
    ],
)  # fmt: skip
def test_foreign_governments_and_agencies(text, name):
    names = foreign(text)
    assert any(n.startswith(name) for n in names), names


# -- UN and development agencies written in Indonesian, as first written --------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kementan dan Badan PBB untuk Pangan dan Pertanian (FAO) menandatangani LoI.",
         "Badan PBB untuk Pangan dan Pertanian"),
        ("KemenPPPA bermitra dengan Dana Anak-anak PBB (UNICEF) untuk program gizi.",
         "Dana Anak-anak PBB"),
        ("Kemensos bekerja sama dengan Badan PBB untuk Pengungsi dalam penanganan pengungsi.",
         "Badan PBB untuk Pengungsi"),
        ("Kemnaker bekerja sama dengan Organisasi Buruh Internasional dalam pelatihan vokasi.",
         "Organisasi Buruh Internasional"),
        ("Bappenas dan Bank Pembangunan Asia menandatangani perjanjian hibah.",
         "Bank Pembangunan Asia"),
    ],
)  # fmt: skip
def test_un_and_development_agencies_as_first_written(text, name):
    names = foreign(text)
    assert len(names) == 1, names
    assert names[0].startswith(name), names


# -- signatories: foreign-side titles, organisation named in full ---------------------------
@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("MoU ditandatangani Bupati Sleman dan Chief Representative Japan International "
         "Cooperation Agency (JICA) di Sleman.", "Chief Representative"),
        ("Naskah ditandatangani Gubernur Bali dan Resident Representative United Nations "
         "Development Programme (UNDP).", "Resident Representative"),
        ("Perjanjian ditandatangani Walikota Surabaya dan Country Representative Plan "
         "International.", "Country Representative"),
        ("MoU diteken Bupati Badung dan Head of Office World Food Programme (WFP).",
         "Head of Office"),
    ],
)  # fmt: skip
def test_foreign_side_signatory_titles(text, title):
    result = extract(text)
    foreign_names = [p.name for p in result.foreign_parties]
    titles = {s.title: s.organization for s in result.signatories}
    assert title in titles, result.signatories
    assert titles[title] in foreign_names


def test_signatory_organisation_is_the_full_name_not_the_acronym():
    text = (
        "Kemenkes bekerja sama dengan United Nations Children's Fund (UNICEF). Naskah "
        "ditandatangani oleh Sekretaris Jenderal Kementerian Kesehatan dan Representative "
        "UNICEF."
    )
    result = extract(text)
    orgs = {s.organization for s in result.signatories}
    assert "UNICEF" not in orgs, result.signatories
    assert any(o.startswith("United Nations Children's Fund") for o in orgs), orgs


def test_a_title_inside_a_longer_title_is_not_a_second_signatory():
    text = "LoI ditandatangani Deputi Direktur Jenderal Save the Children dan Bupati Sleman."
    titles = [s.title for s in extract(text).signatories]
    assert titles.count("Direktur Jenderal") == 0, titles


# -- units raised to their ministry ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Ditjen Bina Pembangunan Daerah menggelar rapat dengan Ford Foundation.",
         "Kementerian Dalam Negeri"),
        ("Setjen Kemendagri menerima kunjungan The Asia Foundation.",
         "Kementerian Dalam Negeri"),
        ("Ditjen Pajak bekerja sama dengan Asian Development Bank.", "Kementerian Keuangan"),
    ],
)  # fmt: skip
def test_abbreviated_units_are_raised_to_their_ministry(text, body):
    assert extract(text).government_parties == [body]


# -- host roles: a Kemenko "melalui" its unit, a delegation ---------------------------------
@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Kemenko PMK melalui Asisten Deputi Pengurangan Risiko Bencana, Budi, menggelar "
         "pertemuan dengan JICA.", "Kementerian Koordinator Bidang Pembangunan Manusia dan "
         "Kebudayaan"),
        ("Bappenas melalui Direktorat Kerja Sama Pembangunan Internasional menerima delegasi "
         "KOICA.", "Kementerian Perencanaan Pembangunan Nasional/Badan Perencanaan Pembangunan "
         "Nasional"),
        ("Kementan, melalui Badan Karantina, menggelar rapat dengan FAO.",
         "Kementerian Pertanian"),
    ],
)  # fmt: skip
def test_body_acting_through_its_unit_is_the_host(text, body):
    assert extract(text).government_parties == [body]


# -- attending agencies ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "attending"),
    [
        ("Kemendagri menggelar rapat dengan Plan International. Rapat dihadiri oleh perwakilan "
         "dari; Kementerian Luar Negeri; Kementerian Keuangan; dan Badan Intelijen Negara.",
         {"Kementerian Luar Negeri", "Kementerian Keuangan", "Badan Intelijen Negara"}),
        ("Bappenas menandatangani MoU dengan UNDP. Turut hadir Kementerian Keuangan dan "
         "Kementerian Luar Negeri.", {"Kementerian Keuangan", "Kementerian Luar Negeri"}),
        ("Kemenkes menandatangani PKS dengan WHO. Hadir pula perwakilan dari Kementerian "
         "Sekretariat Negara.", {"Kementerian Sekretariat Negara"}),
        ("Kemenkumham menggelar rapat kerja sama secara daring dengan mengundang Direktur "
         "Jenderal Hukum dan Perjanjian Internasional Kementerian Luar Negeri sebagai "
         "narasumber.", {"Kementerian Luar Negeri"}),
        ("Pemprov Jawa Barat menandatangani MoU dengan Mercy Corps, disaksikan oleh Kepala "
         "BNPB.", {"Badan Nasional Penanggulangan Bencana"}),
    ],
)  # fmt: skip
def test_attending_agency_lists(text, attending):
    result = extract(text)
    assert set(result.attending_agencies) == attending, result.attending_agencies
    assert not attending & set(result.government_parties), result.government_parties


def test_a_speaker_invited_in_the_headline_still_attends():
    text = (
        "Kemendikbud Belajar Diplomasi Publik dari Kemlu\n\n"
        "Kemendikbud menyelenggarakan rapat kerja sama internasional dengan mengundang "
        "Kementerian Luar Negeri sebagai narasumber."
    )
    result = extract(text)
    assert "Kementerian Luar Negeri" in result.attending_agencies
    assert "Kementerian Luar Negeri" not in result.government_parties


def test_relative_clause_welcome_is_not_an_organiser():
    text = (
        "Kemensetneg menggelar pelatihan kerja sama selatan-selatan. Peserta dari Kementerian "
        "Pertanian yang menyambut baik acara ini berharap kegiatan berlanjut."
    )
    assert extract(text).government_parties == ["Kementerian Sekretariat Negara"]


# -- document years and durations -------------------------------------------------------------
@pytest.mark.parametrize(
    "phrase",
    [
        "sejalan dengan RPJMN 2020-2024",
        "berbasis Sendai Framework for Disaster Risk Reduction 2015–2030",
        "mendukung Agenda 2030 dan SDGs 2015-2030",
        "sesuai Renstra 2020-2024 kementerian",
        "selaras dengan Rencana Strategis 2025-2029",
    ],
)
def test_periods_of_named_plans_are_not_agreement_periods(phrase):
    assert periods(phrase, 0, len(phrase)) == []


@pytest.mark.parametrize(
    ("phrase", "years"),
    [
        ("kerja sama lima tahunan ini", 5),
        ("program kerja sama tiga tahunan", 3),
        ("MoU berlaku 5 (lima) tahun", 5),
        ("perjanjian hibah untuk dua tahun ke depan", 2),
    ],
)
def test_duration_phrasings(phrase, years):
    assert [d.value for d in durations(phrase, 0, len(phrase))] == [years]


# -- dates -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Rapat berlangsung lancar, kata Budi dalam keterangan tertulis yang diterima, "
        "Rabu (9/3/2022).",
        "Hal itu disampaikan dalam siaran pers, Jumat (11/3/2022).",
        "Demikian dikutip dari keterangan resmi, Selasa (8/3/2022).",
    ],
)
def test_press_statement_date_is_not_the_event_date(text):
    assert find_event_date(text, 0, date(2022, 3, 12), []) is None


def test_wrong_weekday_keeps_the_year_of_the_text():
    # 16 August 2022 was a Tuesday; the text says Monday. The year stays the text's.
    text = "Naskah ditandatangani pada Senin (16/8) di Jakarta. Survei dimulai 2 Juni 2022."
    result = extract(text)
    assert result.event_date == date(2022, 8, 16)


# -- event types: history and document names are not events ----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Kemendagri menggelar rapat dengan Ford Foundation. Kerja sama ini ditandatangani pada "
        "17 Maret 2021 silam.",
        "Kemenkes bertemu UNICEF membahas program. MoU yang telah ditandatangani tahun lalu "
        "menjadi dasar pertemuan.",
        "Bappenas menggelar rapat dengan JICA, menindaklanjuti kerja sama yang sudah "
        "ditandatangani pada 2019.",
    ],
)
def test_earlier_signing_is_history(text):
    assert "signing" not in extract(text).event_types


@pytest.mark.parametrize(
    "text",
    [
        "Kementerian PANRB dan KOICA menandatangani Minutes of Meeting (MoM) di Jakarta.",
        "Kemenhub dan JICA meneken Minutes of Meeting on the Detailed Planning Survey.",
    ],
)
def test_minutes_of_meeting_is_a_document_not_a_meeting(text):
    types = extract(text).event_types
    assert "meeting" not in types
    assert "signing" in types


@pytest.mark.parametrize(
    "text",
    [
        "Kemenkes dan UNDP menandatangani MoM. Kerja sama ini akan dilanjutkan dengan "
        "penandatanganan MoU.",
        "Bappenas meneken LoI dengan ADB yang akan dilanjutkan dengan perjanjian hibah.",
    ],
)
def test_a_follow_up_document_is_not_an_extension(text):
    assert "extension" not in extract(text).event_types


@pytest.mark.parametrize(
    "text",
    [
        "Kemensetneg menggelar pelatihan monitoring dan evaluasi program kerja sama.",
        "Kerja sama ini akan difokuskan pada sinkronisasi data, monitoring, dan edukasi publik "
        "dalam rapat lanjutan.",
        "Peserta rapat mendapat materi tentang evaluasi program internasional.",
    ],
)
def test_evaluation_as_a_topic_is_not_an_evaluation(text):
    assert "evaluation" not in extract(text).event_types


@pytest.mark.parametrize(
    "text",
    [
        "Kemenkes dan UNICEF melakukan monitoring bersama program gizi di Kupang.",
        "Rapat evaluasi pelaksanaan kerja sama dengan JICA digelar di Jakarta.",
        "Kemendagri dan UNDP menggelar monev program di Aceh.",
    ],
)
def test_evaluation_events_stay(text):
    assert "evaluation" in extract(text).event_types


# -- meeting mode ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Kemenkumham menyelenggarakan teleconference kerja sama dengan UNODC.", "online"),
        ("Rapat dilaksanakan melalui telekonferensi dengan WHO.", "online"),
        ("Kemenkes dan WHO menggelar video conference membahas vaksin.", "online"),
        ("MoU ditandatangani di kantor Kementerian PANRB, Jakarta.", "offline"),
        ("LoI ditandatangani di markas FAO di Roma.", "offline"),
        ("Rapat digelar di Swissbel-Hotel, Kalibata, Jakarta.", "offline"),
        ("Pertemuan berlangsung di Hotel Mulia, Jakarta.", "offline"),
    ],
)
def test_meeting_mode_words_and_places(text, mode):
    assert extract(text).meeting_mode == mode
