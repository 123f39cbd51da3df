"""More phrase families, one test per family (sentences written for these tests).

They cover phrasings the development items hint at but do not exhaust: other date formats,
English month names, "s.d." / "sampai dengan" / "hingga", durations in words, document
names, signing verbs, meeting modes, regional bodies, renamed ministries, UN agencies in
Indonesian and English.
"""

from datetime import date

import pytest

from mitra.intake.extraction import extract
from mitra.intake.extraction.agreements import document_types, durations, periods
from mitra.intake.extraction.dates import find_event_date, find_published
from mitra.intake.extraction.document import parse_document

HEADLINE = "Pemerintah daerah memperkuat kerja sama pembangunan\n"


def published(date_line: str) -> date | None:
    text = f"{HEADLINE}{date_line}\nIsi berita singkat."
    doc = parse_document(text)
    found, _ = find_published(text, doc.header_lines, doc.body_start)
    return found.value if found else None


def event_date(sentence: str, reference: date | None = None) -> date | None:
    found = find_event_date(sentence, 0, reference, [])
    return found.value if found else None


@pytest.mark.parametrize(
    "line",
    [
        "Senin, 12 Februari 2024",
        "12/2/2024",
        "12/02/2024 14:30",
        "12 Feb 2024",
        "12 Pebruari 2024 | 09.45 WIB",
        "February 12, 2024",
        "Monday, 12 February 2024",
        "Dipublikasikan pada: 12 Februari 2024",
        "2024-02-12",
    ],
)
def test_publication_date_lines(line):
    assert published(line) == date(2024, 2, 12)


@pytest.mark.parametrize(
    ("sentence", "reference"),
    [
        ("Rapat koordinasi digelar pada Senin, 12 Februari 2024 di Surabaya.", None),
        ("Kunjungan berlangsung Senin (12/2) di kantor gubernur.", date(2024, 2, 14)),
        ("Lokakarya dibuka pada Senin 12 Feb 2024 oleh sekretaris daerah.", None),
        ("The delegation arrived on Monday, 12 February 2024.", None),
        ("Naskah itu ditandatangani pada tanggal 12 Februari 2024.", None),
        ("Pelatihan diadakan pada 12-14 Februari 2024 di Kupang.", None),
        ("SURABAYA (12/2) - Pemkot menerima tamu dari Jepang.", date(2024, 2, 13)),
    ],
)
def test_event_dates(sentence, reference):
    assert event_date(sentence, reference) == date(2024, 2, 12)


def test_bare_day_month_needs_a_reference_year():
    assert event_date("SURABAYA (12/2) - Pemkot menerima tamu.", None) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "kerja sama berlaku 2024 s.d. 2028",
        "untuk tahun 2024 sampai dengan tahun 2028",
        "program 2024 hingga 2028",
        "periode 2024/2028",
        "jangka waktu 2024 s/d 2028",
        "periode 2024 – 2028",
    ],
)
def test_period_families(phrase):
    assert [p.value for p in periods(phrase, 0, len(phrase))] == [(2024, 2028)]


def test_past_period_is_skipped():
    phrase = "nota kesepahaman terdahulu 2015-2019 sudah berakhir"
    assert periods(phrase, 0, len(phrase)) == []


@pytest.mark.parametrize(
    ("phrase", "years"),
    [
        ("berlaku selama sepuluh tahun", 10),
        ("selama sepuluh (10) tahun sejak ditandatangani", 10),
        ("selama enam tahun", 6),
        ("berlaku selama 2 (dua) tahun", 2),
        ("masa berlaku 5 (lima) tahun", 5),
        ("berlaku untuk tiga tahun", 3),
        ("dalam kurun waktu empat tahun", 4),
        ("untuk delapan tahun ke depan", 8),
        ("for a period of five years", 5),
        ("a seven-year partnership", 7),
        ("selama tujuh tahun ke depan", 7),
        ("hubungan baik selama 3 tahun terakhir", None),
        ("sudah berjalan selama sembilan tahun", None),
    ],
)
def test_duration_families(phrase, years):
    found = durations(phrase, 0, len(phrase))
    assert (found[0].value if found else None) == years


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("penandatanganan nota kesepahaman", "MoU"),
        ("sebuah Memorandum of Understanding", "MoU"),
        ("MoU tentang pengurangan risiko bencana", "MoU"),
        ("Nota Kesepakatan antara kedua pihak", "MoU"),
        ("perjanjian kerja sama pelaksanaan program", "PKS"),
        ("PKS bidang kesehatan ibu dan anak", "PKS"),
        ("Memorandum Saling Pengertian di bidang energi", "MSP"),
        ("Memorandum of Cooperation bidang iklim", "other"),
    ],
)
def test_document_type_families(phrase, kind):
    assert [str(f.value) for f in document_types(phrase)][:1] == [kind]


def test_generic_cooperation_document_has_no_type():
    assert document_types("naskah kerja sama telah disepakati") == []


def test_signing_by_regional_head_and_country_director():
    text = (
        "Naskah kerja sama ditandatangani oleh Gubernur Jawa Barat dan Country Director "
        "Save the Children di Gedung Sate, Bandung, Kamis (15/2/2024)."
    )
    result = extract(text)
    assert result.government_parties == ["Pemerintah Provinsi Jawa Barat"]
    assert [p.name for p in result.foreign_parties] == ["Save the Children"]
    assert {(s.title, s.organization) for s in result.signatories} == {
        ("Gubernur", "Pemerintah Provinsi Jawa Barat"),
        ("Country Director", "Save the Children"),
    }
    assert "signing" in result.event_types
    assert result.event_date == date(2024, 2, 15)
    [agreement] = result.agreements
    assert agreement.document_type is None


@pytest.mark.parametrize(
    ("sentence", "mode"),
    [
        ("Rapat koordinasi dilaksanakan secara daring.", "online"),
        ("Pertemuan virtual itu diikuti dua puluh peserta.", "online"),
        ("Diskusi berlangsung secara virtual melalui Zoom.", "online"),
        ("Sosialisasi dilakukan secara luring.", "offline"),
        ("Kedua pihak bertemu secara tatap muka.", "offline"),
        ("Rapat berlangsung secara langsung dan virtual.", "hybrid"),
        ("Lokakarya digelar secara luring dan daring.", "hybrid"),
        ("Kegiatan berlangsung di Kota Kupang.", None),
    ],
)
def test_meeting_modes(sentence, mode):
    assert extract(sentence).meeting_mode == mode


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        ("Pemkot Surabaya meneken MoU dengan Plan International.", "Pemerintah Kota Surabaya"),
        ("Pemkab Sleman bermitra dengan Habitat for Humanity.", "Pemerintah Kabupaten Sleman"),
        ("Pemerintah Kota Bandung bermitra dengan JICA.", "Pemerintah Kota Bandung"),
        (
            "Dinas Kesehatan Provinsi Jawa Timur menggelar rapat bersama WHO.",
            "Pemerintah Provinsi Jawa Timur",
        ),
        (
            "Dinas Pendidikan Kota Makassar menerima kunjungan Save the Children.",
            "Pemerintah Kota Makassar",
        ),
    ],
)  # fmt: skip
def test_regional_bodies(sentence, body):
    assert extract(sentence).government_parties == [body]


def test_renamed_ministry_takes_the_name_in_force_on_the_event_date():
    before = extract("KLHK dan UNDP menandatangani MoU pada Senin, 12 Februari 2024.")
    assert before.government_parties == ["Kementerian Lingkungan Hidup dan Kehutanan"]
    after = extract("Kementerian Kehutanan dan FAO menggelar rapat pada Senin, 3 Februari 2025.")
    assert after.government_parties == ["Kementerian Kehutanan"]
    older = extract("Kemendikbud dan UNESCO menandatangani MoU, Senin (6/5/2019).")
    assert older.government_parties == ["Kementerian Pendidikan dan Kebudayaan"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Kemenkes menerima Organisasi Kesehatan Dunia (WHO).", "Organisasi Kesehatan Dunia"),
        ("Bappenas bermitra dengan Program Pembangunan PBB (UNDP).", "Program Pembangunan PBB"),
        ("Kemnaker dan Organisasi Perburuhan Internasional (ILO) menandatangani PKS.",
         "Organisasi Perburuhan Internasional"),
        ("BKKBN bekerja sama dengan Dana Kependudukan PBB (UNFPA).", "Dana Kependudukan PBB"),
        ("Kementan dan Organisasi Pangan dan Pertanian PBB (FAO) menggelar rapat.",
         "Organisasi Pangan dan Pertanian PBB"),
        ("Kemensos bermitra dengan Badan Pengungsi PBB (UNHCR).", "Badan Pengungsi PBB"),
        ("Kemendagri bekerja sama dengan United Nations Development Programme.",
         "United Nations Development Programme"),
        ("Kemenkes menjalin kerja sama dengan UNICEF.", "UNICEF"),
    ],
)  # fmt: skip
def test_un_agencies_in_indonesian_and_english(sentence, name):
    parties = extract(sentence).foreign_parties
    assert len(parties) == 1, parties  # "PBB" inside the name is not a second party
    assert parties[0].name.startswith(name)


def types_of(text: str) -> set[str]:
    from mitra.intake.extraction.meetings import event_types

    return {name for name, *_ in event_types(text, 0)}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # Quoted speech: a wish, a memory or an anecdote is not the reported event.
        (
            "Gubernur menandatangani MoU dengan JICA. \u201cKami senang bisa bertemu kembali "
            "dengan mitra lama,\u201d katanya.",
            "meeting",
        ),
        (
            'Bupati meneken LoI dengan Provinsi Gyeonggi. "Semoga kunjungan wisatawan '
            'meningkat," ujarnya.',
            "meeting",
        ),
        (
            "Kepala Biro menggelar rapat koordinasi. \u201cDalam tahap negosiasi kita harus "
            "rasional,\u201d katanya.",
            "negotiation",
        ),
        # A hypothetical is not what happened.
        (
            "Biro Kerja Sama menggelar webinar. Jika sudah masuk tahap negosiasi, pihak daerah "
            "perlu berhati-hati.",
            "negotiation",
        ),
        # Monitoring as the purpose of a tool, not an evaluation held.
        (
            "Kemenko PMK menggelar pertemuan dengan JICA tentang dashboard sebagai alat "
            "pemantauan ketangguhan.",
            "evaluation",
        ),
    ],
)
def test_event_types_ignore_speech_hypotheticals_and_topics(text, absent):
    assert absent not in types_of(text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # The same words outside quotes still count.
        ("Menteri bertemu dengan delegasi UNICEF di Jakarta.", "meeting"),
        ("Kedua pihak merancang draf MoU kerja sama kesehatan.", "negotiation"),
        ("Tim melakukan pemantauan pelaksanaan proyek bersama UNDP.", "evaluation"),
        # A quote closed before the trigger does not hide it.
        (
            "\u201cKami siap,\u201d kata Wali Kota sebelum rapat dengan delegasi Jepang.",
            "meeting",
        ),
    ],
)
def test_event_types_still_found_in_the_narrative(text, present):
    assert present in types_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Alike names that start differently are two organizations, not a typo.
        (
            "BNPB menggelar rapat dengan Japan International Cooperation Agency (JICA) dan "
            "Korea International Cooperation Agency.",
            2,
        ),
        # A misspelt repeat is one.
        (
            "Kemendagri menandatangani MoU dengan Konrad Adenauer Stiftung. Konrad Adenaur "
            "Stiftung telah bekerja di Indonesia sejak 1960-an.",
            1,
        ),
    ],
)
def test_alike_names_and_typos(text, expected):
    assert len(extract(text).to_record(id="x")["foreign_parties"]) == expected


def test_a_country_before_a_title_is_not_part_of_the_name():
    text = "Kepala BPS bertemu Australia Chief Statistician Australian Bureau of Statistics."
    assert extract(text).to_record(id="x")["foreign_parties"] == ["Australian Bureau of Statistics"]
