"""State institutions that are not ministries (Bank Indonesia, OJK, KPU, the organs of the
1945 Constitution …) are bodies of the registry (mitra/bodies/data/national_bodies.yaml), so the
review screen matches them instead of saying "not in the registry" (issue 12 §2)."""

import pytest

from mitra.bodies.loader import load_bodies
from mitra.intake import services
from mitra.intake.matching import BodyMatcher

pytestmark = pytest.mark.django_db

TEXT = (
    "Jakarta, 20 Mei 2025 -- Bank Indonesia dan Bank Dunia menandatangani nota kesepahaman "
    "tentang kerja sama teknis di bidang sistem pembayaran. Nota kesepahaman ditandatangani "
    "oleh Gubernur Bank Indonesia dan Country Director Bank Dunia untuk Indonesia. Turut hadir "
    "perwakilan Otoritas Jasa Keuangan dan Lembaga Penjamin Simpanan."
)


@pytest.fixture
def registry() -> BodyMatcher:
    load_bodies()
    return BodyMatcher()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Bank Indonesia", "bank-indonesia"),
        ("OJK", "ojk"),
        ("Otoritas Jasa Keuangan", "ojk"),
        ("KPU RI", "kpu"),
        ("Mahkamah Konstitusi Republik Indonesia", "mahkamah-konstitusi"),
        ("BKSAP DPR RI", "dpr"),  # a unit, raised to its institution
        ("Badan Restorasi Gambut dan Mangrove", "brgm"),
    ],
)
def test_state_institutions_are_matched_in_the_registry(registry, name, key):
    match = registry.match(name)
    assert match is not None, name
    assert match.key == key


def test_the_review_proposes_bank_indonesia_from_the_registry(registry, officer):
    proposal = services.intake_analyse(text=TEXT, actor=officer)["proposal"]
    meeting = proposal["meeting"]
    parties = {p["name"]: p["body"] for p in meeting["government_parties"]}
    assert parties == {"Bank Indonesia": "bank-indonesia"}
    assert meeting["attending_agencies"] == ["Otoritas Jasa Keuangan", "Lembaga Penjamin Simpanan"]
    matches = [registry.match(name) for name in meeting["attending_agencies"]]
    assert [m.key if m else None for m in matches] == ["ojk", "lps"]
