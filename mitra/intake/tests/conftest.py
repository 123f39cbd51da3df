"""Intake test setup: the canonical cast of 000.txt (Kemendagri and its Pusat Fasker unit,
UCLG ASPAC, Ford Foundation), users per role, and the earlier or the demo agreements."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement, AgreementParty, Signatory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.bodies.gazetteer import all_bodies
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.intake.models import IntakeSubmission
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.reference import load_sectors
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.regions.models import Province, Regency

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
PRESS_000 = SHARED / "data" / "press" / "dev" / "000.txt"
# What 000.txt says, for tests that must run without the shared data.
CANONICAL_TEXT = """https://ktln.setneg.go.id/id/berita/ktln/80
Penguatan Kolaborasi di Bidang Pembangunan Daerah Melalui Kerja Sama dengan UCLG ASPAC dan Ford Foundation

04-Apr-2024

Tiga orang analis kebijakan dari Biro Kerja Sama Teknik Luar Negeri, Kementerian Sekretariat Negeri (KTLN Kemensetneg) menghadiri undangan rapat Perpanjangan Kerja Sama antara Kementerian Dalam Negeri (Kemendagri) dengan United Cities and Local Governments Asia Pacific (UCLG ASPAC) dan Ford Foundation pada Kamis (04/04).

Pada momentum pertemuan yang dilaksanakan secara hybrid di Gedung F Kementerian Dalam Negeri dan platform zoom tersebut, Kepala Pusat Fasilitasi Kerja Sama Kemendagri menandatangani dokumen kerja sama yang telah disepakati masing-masing dengan Sekretaris Jenderal UCLG ASPAC dan Regional Director Ford Foundation. Adapun kerja sama dengan UCLG ASPAC direncanakan untuk berjalan selama 5 tahun dengan periode 2024 s.d 2029 dan Ford Foundation akan berjalan selama 3 tahun sejak 2024 s.d 2027.

Dalam pertemuan tersebut, turut diundang perwakilan instansi terkait lainnya seperti Kementerian Luar Negeri, Kementerian Hukum dan Hak Asasi Manusia, Kementerian Keuangan, unsur keamanan, serta sejumlah perwakilan pemerintah provinsi dan kota.
"""  # noqa: E501


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def press_text() -> str:
    return PRESS_000.read_text(encoding="utf-8") if PRESS_000.exists() else CANONICAL_TEXT


@pytest.fixture
def ford(db: Any) -> ForeignOrganization:
    return ForeignOrganizationFactory(
        legal_name="Ford Foundation", acronym="", aliases=["The Ford Foundation"], country="US"
    )


@pytest.fixture
def ford_rep(ford: ForeignOrganization) -> Any:
    return UserFactory(username="ford", org_representative=True, organization=ford)


@pytest.fixture
def uclg(db: Any) -> ForeignOrganization:
    return ForeignOrganizationFactory(
        legal_name="United Cities and Local Governments Asia-Pacific",
        acronym="UCLG ASPAC",
        aliases=["UCLG Asia Pacific", "UCLG-ASPAC"],
        regional=True,
        country="ID",
    )


@pytest.fixture
def earlier(kemendagri: Any, uclg: Any, ford: Any) -> dict[str, Agreement]:
    """Only the earlier agreements: UCLG ASPAC MoU 2020–2023 and Ford Foundation MSP 2021–2024."""
    return {
        "uclg_old": AgreementFactory(
            title="Nota Kesepahaman Kemendagri – UCLG ASPAC",
            type=Agreement.Type.MOU,
            owner=kemendagri,
            foreign_parties=[uclg],
            signing_date=date(2020, 1, 15),
            start_date=date(2020, 1, 15),
            end_date=date(2023, 1, 14),
            expired=True,
        ),
        "ford_old": AgreementFactory(
            title="Memorandum Saling Pengertian Kemendagri – Ford Foundation",
            type=Agreement.Type.MSP,
            owner=kemendagri,
            foreign_parties=[ford],
            signing_date=date(2021, 3, 17),
            start_date=date(2021, 3, 17),
            end_date=date(2024, 3, 16),
            expired=True,
        ),
    }


@pytest.fixture
def demo_like(earlier: dict[str, Agreement], kemendagri: Any, uclg: Any, ford: Any) -> dict:
    """As the demo data: the 2024 renewals are recorded already (active, renewing the old)."""
    for key in ("uclg_old", "ford_old"):
        Agreement.objects.filter(pk=earlier[key].pk).update(status=Agreement.Status.SUPERSEDED)
    uclg_new = AgreementFactory(
        title="Perpanjangan Nota Kesepahaman Kemendagri – UCLG ASPAC 2024–2029",
        type=Agreement.Type.MOU,
        owner=kemendagri,
        foreign_parties=[uclg],
        signing_date=date(2024, 4, 4),
        start_date=date(2024, 4, 4),
        end_date=date(2029, 4, 3),
        renews=earlier["uclg_old"],
        active=True,
    )
    ford_new = AgreementFactory(
        title="Perpanjangan Memorandum Saling Pengertian Kemendagri – Ford Foundation 2024–2027",
        type=Agreement.Type.MSP,
        owner=kemendagri,
        foreign_parties=[ford],
        signing_date=date(2024, 4, 4),
        start_date=date(2024, 4, 4),
        end_date=date(2027, 4, 3),
        renews=earlier["ford_old"],
        active=True,
    )
    return {**earlier, "uclg_new": uclg_new, "ford_new": ford_new}


# Written for these tests (not a press item of the dev set).
NTT_TEXT = """Pemprov NTT dan Mercy Corps Teken Nota Kesepahaman Ketahanan Bencana

Kupang, 12 Maret 2025 - Pemerintah Provinsi Nusa Tenggara Timur menandatangani Nota \
Kesepahaman dengan Mercy Corps tentang penguatan ketahanan masyarakat terhadap bencana dan \
perubahan iklim, Rabu (12/3/2025), di Ruang Rapat Kantor Gubernur NTT. Penandatanganan \
dilakukan oleh Sekretaris Daerah Provinsi NTT dan Country Director Mercy Corps Indonesia, \
dengan disaksikan oleh Kepala Badan Nasional Penanggulangan Bencana (BNPB).
Kerja sama ini berlaku selama tiga tahun, 2025 hingga 2028, dan difokuskan pada Kabupaten \
Sumba Timur, Kabupaten Timor Tengah Selatan dan Kota Kupang, dengan kegiatan pengurangan \
risiko bencana, penyediaan air bersih dan ketahanan pangan bagi petani.
Turut hadir perwakilan Kementerian Dalam Negeri dan Bappeda NTT.
"""
PEMPROV_NTT = "pemprov-53"
REGION_CODES = {"53", "53.02", "53.11", "53.71"}  # NTT, TTS, Sumba Timur, Kota Kupang


def _row(entry: Any) -> GovernmentBody:
    body = GovernmentBody(
        key=entry.key,
        name=entry.name,
        name_en=entry.name_en,
        acronym=entry.acronym,
        aliases=list(entry.aliases),
        kind=entry.kind,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
    )
    body.refresh_search_text()
    return body


@pytest.fixture
def ntt(kemendagri: GovernmentBody) -> dict[str, Any]:
    """Every provincial and regency/city government and BNPB, as the reference data loads
    them (552 bodies whose names start with "Pemerintah"); NTT's regions; the sectors."""
    entries = [
        e
        for e in all_bodies()
        if e.key == "bnpb"
        or e.kind in ("provincial_government", "regency_government", "city_government")
    ]
    GovernmentBody.objects.bulk_create([_row(e) for e in entries])
    province = Province.objects.create(code="53", name="Nusa Tenggara Timur")
    for entry in entries:
        if entry.regency_code in REGION_CODES:
            Regency.objects.create(
                code=entry.regency_code,
                province=province,
                name=entry.name.removeprefix("Pemerintah "),
                kind="city" if entry.kind == "city_government" else "regency",
            )
    load_sectors()
    pemprov = GovernmentBody.objects.get(key=PEMPROV_NTT)
    unit = GovernmentBodyFactory(
        key="pemprov-53-biro-kerja-sama",
        name="Biro Pemerintahan dan Kerja Sama Setda Provinsi NTT",
        acronym="",
        kind=GovernmentBody.Kind.UNIT,
        parent=pemprov,
    )
    officer = UserFactory(username="ntt", officer=True, body=unit)
    return {"pemprov": pemprov, "unit": unit, "officer": officer}


COUNTED = [
    Agreement,
    AgreementParty,
    Signatory,
    ForeignOrganization,
    AuditEvent,
    IntakeSubmission,
]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in COUNTED}


@contextmanager
def nothing_written() -> Iterator[None]:
    before = row_counts()
    statuses = dict(Agreement.objects.values_list("pk", "status"))
    yield
    assert row_counts() == before
    assert dict(Agreement.objects.values_list("pk", "status")) == statuses
