"""Foreign partners and their agreements told in ways the earlier families missed (issue 12):
a partner named as the one who supports or funds the work, a partner's official received
under an Indonesian title, a foundation named in Indonesian ("Yayasan X" for "X
Foundation"), one document signed by several partners together ("ketiga pihak
menandatangani ..."), and the term of a document told in a later sentence that calls it
"kesepakatan" or "dokumen".

Every sentence here was written for these tests; none is copied from a dev item. Each item
has a headline, so that the body sentence is read as the body.
"""

import pytest

from .family_items import foreign, item


# -- a supporter or funder is a counterpart ---------------------------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Gubernur Sulawesi Barat mengapresiasi dukungan Asian Development Bank dalam "
         "pembangunan jalan provinsi.", "Asian Development Bank"),
        ("Program air bersih di Kabupaten Sikka didukung oleh Catholic Relief Services sejak "
         "tahun lalu, kata Bupati Sikka.", "Catholic Relief Services"),
        ("Proyek irigasi yang didanai oleh Korea International Cooperation Agency itu "
         "diresmikan Pemprov Sulawesi Selatan.", "Korea International Cooperation Agency"),
        ("Pemkab Lombok Utara menerima bantuan dari Habitat for Humanity berupa 50 rumah "
         "tahan gempa.", "Habitat for Humanity"),
        ("Kementerian Sosial berterima kasih atas bantuan Islamic Relief bagi korban banjir.",
         "Islamic Relief"),
        ("Pembangunan puskesmas ini dibiayai Bank Dunia melalui Kementerian Kesehatan.",
         "Bank Dunia"),
        ("The clinic was funded by the Bill & Melinda Gates Foundation and opened by the "
         "Governor of Papua.", "Bill & Melinda Gates Foundation"),
        ("The programme, supported by Mercy Corps, was launched by Pemkab Sumba Barat.",
         "Mercy Corps"),
    ],
)  # fmt: skip
def test_supporter_or_funder_is_a_counterpart(body, name):
    assert name in foreign(body)


def test_support_for_a_foreign_body_is_not_a_cue_for_a_place():
    # only an organization found by the other rules becomes a counterpart: a country that
    # merely receives support ("dukungan untuk Palestina") is no partner
    assert foreign("Pemprov Jawa Barat menyatakan dukungan untuk Palestina dalam forum itu.") == []


# -- an official of the partner received under an Indonesian title ------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Pemprov NTB menerima Direktur Eksekutif Global Green Growth Institute di Mataram.",
         "Global Green Growth Institute"),
        ("Wali Kota Bogor menerima Koordinator Program Plan International di Balai Kota.",
         "Plan International"),
        ("Bupati Bantul bertemu Deputi Direktur Swisscontact membahas pelatihan vokasi.",
         "Swisscontact"),
        ("Kepala Bappenas menerima Utusan Khusus Bank Dunia untuk Asia Timur.", "Bank Dunia"),
    ],
)  # fmt: skip
def test_official_received_under_an_indonesian_title(body, name):
    assert name in foreign(body)


# -- a foundation named in Indonesian -----------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Kementerian Kesehatan bekerja sama dengan Yayasan Bill & Melinda Gates dalam "
         "pengembangan vaksin.", "Yayasan Bill & Melinda Gates"),
        ("Kemendagri bekerja sama dengan Yayasan Ford dalam penguatan tata kelola desa.",
         "Yayasan Ford"),
        ("Pemprov Jawa Tengah menggandeng Yayasan Rockefeller untuk ketahanan kota.",
         "Yayasan Rockefeller"),
    ],
)  # fmt: skip
def test_foundation_named_in_indonesian(body, name):
    assert foreign(body) == [name]


def test_a_domestic_yayasan_is_not_foreign():
    body = "Pemkab Sleman bekerja sama dengan Yayasan Bina Desa Mandiri dalam pelatihan petani."
    assert foreign(body) == []


# -- one document signed by several partners together -------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Dalam Negeri menggelar pertemuan dengan UCLG ASPAC dan Ford Foundation, "
        "Senin (4/3/2024).\nKetiga pihak menandatangani nota kesepahaman untuk periode "
        "2024-2027.",
        "Pemprov NTT menerima kunjungan delegasi UNICEF dan WFP di Kupang.\nPada kesempatan itu "
        "para pihak menandatangani perjanjian kerja sama 2024-2027.",
        "Bappenas bertemu dengan UNDP dan UNFPA di Jakarta, Rabu (6/3/2024).\nNota kesepahaman "
        "untuk periode 2024-2027 ditandatangani oleh ketiga pihak.",
    ],
)
def test_one_document_signed_by_several_partners(body):
    result = item(body)
    assert len(result.foreign_parties) == 2, result.foreign_parties
    assert sorted((a.partner, a.start_year, a.end_year) for a in result.agreements) == sorted(
        (p.name, 2024, 2027) for p in result.foreign_parties
    )


def test_several_partners_but_the_document_names_its_own():
    body = (
        "Kemenkes menerima kunjungan WHO dan UNICEF di Jakarta.\nKemenkes dan WHO "
        "menandatangani nota kesepahaman untuk periode 2024-2027."
    )
    assert [a.partner for a in item(body).agreements] == ["WHO"]


def test_several_partners_without_a_document_signed_now_give_no_agreement():
    body = (
        "Kemenkes menerima kunjungan WHO dan UNICEF di Jakarta.\nKedua lembaga itu telah lama "
        "mendukung program imunisasi nasional."
    )
    assert item(body).agreements == []


# -- the term told in a later sentence about "kesepakatan" or "dokumen" -------------------------
@pytest.mark.parametrize(
    ("body", "years", "duration"),
    [
        ("KLHK dan GGGI menandatangani nota kesepahaman di Jakarta.\nKesepakatan tersebut "
         "berlaku selama empat tahun.", (None, None), 4),
        ("Pemprov Bali dan UNDP menandatangani nota kesepahaman di Denpasar.\nDokumen itu "
         "berlaku untuk periode 2025-2028.", (2025, 2028), None),
        ("BNPB dan JICA meneken Record of Discussions di Jakarta.\nNaskah tersebut berlaku "
         "lima tahun ke depan.", (None, None), 5),
        ("Kemenkes and UNICEF signed a memorandum of understanding.\nThe agreement is valid "
         "for three years.", (None, None), 3),
    ],
)  # fmt: skip
def test_term_in_a_later_sentence(body, years, duration):
    (agreement,) = item(body).agreements
    assert (agreement.start_year, agreement.end_year) == years
    assert agreement.duration_years == duration


# -- a member of a foreign government met: the country -----------------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Kementerian Kesehatan menerima kunjungan Menteri Kesehatan Malaysia di Jakarta.",
         "Malaysia"),
        ("Menteri Pertanian bertemu dengan Wakil Menteri Pertanian Vietnam membahas ekspor beras.",
         "Vietnam"),
        ("Presiden Joko Widodo menerima kunjungan Perdana Menteri Papua Nugini di Istana Bogor.",
         "Papua Nugini"),
        ("Kemlu menerima kunjungan Menteri Luar Negeri Timor-Leste, Bendito Freitas.",
         "Timor-Leste"),
    ],
)  # fmt: skip
def test_foreign_minister_met_gives_the_country(body, name):
    assert foreign(body) == [name]


def test_a_foreign_minister_only_quoted_is_no_counterpart():
    body = (
        "Kementerian Kesehatan menggelar pelatihan tenaga kesehatan di Makassar. Materi "
        "mengacu pada pedoman yang pernah disusun Menteri Kesehatan Malaysia."
    )
    assert foreign(body) == []


# -- the partner as the subject: it meets, visits, supports or funds ---------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Kepala Perwakilan JICA Indonesia, Takeda Sachiko, bertemu Menteri PUPR di Jakarta.",
         "JICA"),
        ("Delegasi Global Green Growth Institute mengunjungi Kantor Gubernur Kalimantan Timur.",
         "Global Green Growth Institute"),
        ("Direktur Regional UNICEF Asia Timur dan Pasifik menyampaikan dukungan kepada "
         "Kementerian Kesehatan.", "UNICEF"),
        ("Catholic Relief Services siap mendukung program air bersih Pemkab Sikka.",
         "Catholic Relief Services"),
        ("The Asia Foundation met the Governor of Aceh in Banda Aceh on Monday.",
         "The Asia Foundation"),
        ("Swisscontact menyalurkan bantuan peralatan kepada Pemkab Flores Timur.",
         "Swisscontact"),
    ],
)  # fmt: skip
def test_partner_as_the_subject_of_meeting_or_support(body, name):
    assert name in foreign(body)


def test_a_foreign_name_only_quoted_as_an_example_is_no_counterpart():
    body = (
        "Pemkab Sikka menggelar lomba desa bersih. Peserta belajar dari contoh kota yang "
        "pernah dinilai oleh Global Green Growth Institute sebagai kota hijau."
    )
    assert foreign(body) == []
