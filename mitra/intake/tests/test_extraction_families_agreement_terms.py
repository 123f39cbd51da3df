"""Agreements (issue 12, second pass): document types named in Indonesian and English
("perjanjian kerja sama (PKS)", "nota kesepakatan", "kesepakatan bersama", "Letter of Intent",
"LoI"); a term told by its end only ("berlaku hingga 2027", "valid until 2026"), never a
start year or a duration computed from it; the other side of a signing named in the next
sentence ("Penandatanganan dilakukan bersama perwakilan F"), but not a witness.

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from .family_items import agreements


@pytest.mark.parametrize(
    ("body", "partner", "document_type"),
    [
        ("Pemprov Jawa Barat menandatangani perjanjian kerja sama (PKS) dengan UNDP tentang "
         "pengurangan risiko bencana.", "UNDP", "PKS"),
        ("Pemkab Lombok Timur dan Plan International menandatangani nota kesepakatan tentang "
         "perlindungan anak.", "Plan International", "MoU"),
        ("Kementerian Kesehatan dan UNICEF menandatangani kesepakatan bersama di bidang gizi.",
         "UNICEF", "MoU"),
        ("Pemprov NTT menandatangani Letter of Intent dengan Mercy Corps untuk ketahanan "
         "pangan.", "Mercy Corps", "LoI"),
        ("Pemkot Makassar dan JICA menandatangani LoI pengelolaan air limbah.", "JICA", "LoI"),
    ],
)  # fmt: skip
def test_document_types(body, partner, document_type):
    found = agreements(body)
    assert [(a["partner"], a["document_type"]) for a in found] == [(partner, document_type)]


@pytest.mark.parametrize(
    ("body", "end_year"),
    [
        ("Pemprov Sulsel memperpanjang kerja sama dengan UNICEF. Nota kesepahaman itu berlaku "
         "hingga 2027.", 2027),
        ("Pemkab Sumba Barat menandatangani nota kesepahaman dengan Mercy Corps yang berlaku "
         "hingga tahun 2027.", 2027),
        ("Kementerian Kesehatan signed an MoU with WHO, valid until 2026.", 2026),
        ("Pemkot Bitung menandatangani nota kesepahaman dengan KOICA yang berlaku sampai "
         "dengan akhir tahun 2028.", 2028),
        ("Pemprov Papua menandatangani MoU dengan UNICEF yang berlaku s.d. Desember 2026.",
         2026),
    ],
)  # fmt: skip
def test_a_term_told_by_its_end(body, end_year):
    (found,) = agreements(body)
    assert (found["start_year"], found["end_year"], found["duration_years"]) == (
        None,
        end_year,
        None,
    )


def test_a_full_period_is_still_read_in_full():
    (found,) = agreements(
        "Kementerian Pertanian menandatangani MoU dengan FAO untuk periode 2024–2026."
    )
    assert (found["start_year"], found["end_year"]) == (2024, 2026)


def test_a_term_of_an_earlier_agreement_is_not_read():
    (found,) = agreements(
        "Pemkab Sikka menandatangani nota kesepahaman baru dengan UNICEF, menggantikan "
        "kesepakatan sebelumnya yang berlaku hingga 2023."
    )
    assert found["end_year"] is None


@pytest.mark.parametrize(
    "body",
    [
        "Gubernur Bali menandatangani nota kesepahaman. Penandatanganan dilakukan bersama "
        "perwakilan UNICEF di Denpasar.",
        "Bupati Ende menandatangani perjanjian kerja sama itu dengan Country Director "
        "Mercy Corps di Ende.",
        "Nota kesepahaman tersebut ditandatangani oleh Pemkab Flores Timur dan oleh "
        "perwakilan Plan International.",
    ],
)
def test_the_other_side_of_a_signing(body):
    found = agreements(body)
    assert len(found) == 1
    assert found[0]["partner"] in ("UNICEF", "Mercy Corps", "Plan International")


def test_a_witness_of_a_signing_is_no_side():
    found = agreements(
        "Pemkab Alor menandatangani nota kesepahaman dengan Pemkab Lembata, disaksikan "
        "oleh perwakilan UNDP."
    )
    assert found == []
