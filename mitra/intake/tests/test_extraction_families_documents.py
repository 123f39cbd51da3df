"""Document types named in Indonesian and English (issue 12): loan and financing agreements,
arrangements, programme action plans, letters and memoranda in their Indonesian forms.

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from mitra.intake.extraction import extract
from mitra.intake.extraction.agreements import document_types


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("perjanjian pinjaman", "other"),
        ("Loan Agreement", "other"),
        ("perjanjian pembiayaan", "other"),
        ("Financing Agreement", "other"),
        ("pengaturan pelaksanaan", "other"),
        ("Pengaturan Teknis", "other"),
        ("technical arrangement", "other"),
        ("Country Programme Action Plan", "other"),
        ("Record of Understanding", "other"),
        ("Host Country Agreement", "other"),
        ("memorandum kesepahaman", "MoU"),
        ("Surat Pernyataan Kehendak", "LoI"),
    ],
)
def test_document_type_phrases(phrase, kind):
    assert [f.value for f in document_types(f"Kedua pihak menandatangani {phrase} itu.")] == [kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kementerian Keuangan dan Bank Dunia menandatangani perjanjian pinjaman untuk "
         "program air bersih di Jakarta.", "other"),
        ("Bappenas dan UNDP meneken pengaturan pelaksanaan proyek energi bersih.", "other"),
        ("Pemprov Jatim dan Prefektur Osaka, Jepang, menandatangani memorandum kesepahaman "
         "di bidang pendidikan.", "MoU"),
    ],
)  # fmt: skip
def test_agreement_takes_the_document_type(text, kind):
    result = extract(text)
    assert [a.document_type for a in result.agreements] == [kind], result.agreements


def test_a_loan_is_not_a_grant_or_a_cooperation_agreement():
    assert [f.value for f in document_types("perjanjian kerja sama")] == ["PKS"]
    assert [f.value for f in document_types("perjanjian hibah")] == ["other"]
