"""Demo data: one concluded sanction case (a written warning, complied with and lifted) for an
organization of the demo spread, and one running written warning against Ford Foundation that
Ford can answer (issue 15 §3). Idempotent: each is found again by its demo key."""

from datetime import date
from typing import TYPE_CHECKING

from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization

from . import services
from .models import SanctionCase

if TYPE_CHECKING:
    from mitra.accounts.models import User

DEMO_KEY = "DEMO-SANCTION-RIKOLTO-2025"
ORGANIZATION = "Rikolto"
FORD_DEMO_KEY = "DEMO-SANCTION-FORD-2026"
FORD = "Ford Foundation"


def load_sanctions_demo(actor: "User") -> SanctionCase | None:
    """Rikolto: a late financial disclosure found by monitoring in 2025 → persuasion → written
    warning (7 working days) → complied and lifted. Needs the spread's organization."""
    org = ForeignOrganization.objects.filter(legal_name=ORGANIZATION).first()
    if org is None:
        return None
    existing = SanctionCase.objects.filter(organization=org, source_detail=DEMO_KEY).first()
    if existing:
        return existing
    kemlu = GovernmentBody.objects.filter(key="kemlu").first()
    kemendagri = GovernmentBody.objects.filter(key="kemendagri").first()
    notified = [b for b in (kemendagri,) if b]
    case = services.sanction_case_open(
        organization=org,
        violation=(
            "The annual report and the public disclosure of the sources and use of funds for "
            "2024 were not submitted (UU 17/2013 Ps 51(e)-(f))."
        ),
        articles="UU 17/2013 Ps 51(e), 51(f)",
        source=SanctionCase.Source.MONITORING,
        source_detail=DEMO_KEY,
        reported_on=date(2025, 9, 1),
        actor=actor,
    )
    moves = [
        services.MoveInput(
            action="assess",
            issued_on=date(2025, 9, 8),
            notes="Monitoring finding confirmed with the partner ministry.",
        ),
        services.MoveInput(
            action="escalate",
            legal_basis="UU 17/2013 Ps 60(2)",
            authority=kemlu,
            issued_on=date(2025, 9, 15),
            notes="Meeting with the country director; the report was promised within two weeks.",
            notified_bodies=notified,
        ),
        services.MoveInput(
            action="escalate",
            legal_basis="UU 16/2017 Ps 62(1); PP 59/2016",
            authority=kemlu,
            issued_on=date(2025, 10, 6),
            notes="No report after persuasion: written warning issued.",
            notified_bodies=notified,
            parties_notified="Rikolto Indonesia country office",
        ),
        services.MoveInput(
            action="lift",
            issued_on=date(2025, 10, 14),
            notes="Report and disclosure received on 13 October 2025; warning lifted.",
            notified_bodies=notified,
        ),
    ]
    for move in moves:
        services.sanction_case_move(case_id=case.pk, data=move, actor=actor)
    services.sanction_case_update_notes(
        case_id=case.pk,
        assessment_notes="Second late filing in three years; watch the 2025 report.",
        public_outcome=(
            "Written warning for a late annual report and financial disclosure; complied "
            "within the period and lifted on 14 October 2025."
        ),
        actor=actor,
    )
    return SanctionCase.objects.get(pk=case.pk)


def load_ford_warning_demo(actor: "User") -> SanctionCase | None:
    """Ford Foundation: a local partner engaged without the regional government's
    recommendation, found by Kemendagri in October 2026 → persuasion → a written warning on
    25 November 2026, whose 7 working days run on the demo's "today" (29 November 2026): Ford
    can reply with evidence or object. Needs the canonical story's organization."""
    org = ForeignOrganization.objects.filter(legal_name=FORD).first()
    if org is None:
        return None
    existing = SanctionCase.objects.filter(organization=org, source_detail=FORD_DEMO_KEY).first()
    if existing:
        return existing
    kemlu = GovernmentBody.objects.filter(key="kemlu").first()
    kemendagri = GovernmentBody.objects.filter(key="kemendagri").first()
    notified = [b for b in (kemendagri,) if b]
    case = services.sanction_case_open(
        organization=org,
        violation=(
            "A local partner in Kabupaten Semarang was engaged without the regional "
            "government's recommendation (Permendagri 15/2009 Ps 17)."
        ),
        articles="UU 17/2013 Ps 51; Permendagri 15/2009 Ps 17",
        source=SanctionCase.Source.MEMBER_AGENCY,
        source_detail=FORD_DEMO_KEY,
        reported_on=date(2026, 10, 27),
        actor=actor,
    )
    moves = [
        services.MoveInput(
            action="assess",
            issued_on=date(2026, 11, 3),
            notes="Confirmed with Kesbangpol Jawa Tengah.",
        ),
        services.MoveInput(
            action="escalate",
            legal_basis="UU 17/2013 Ps 60(2)",
            authority=kemlu,
            issued_on=date(2026, 11, 10),
            notes="Letter to the country director asking for the recommendation.",
            notified_bodies=notified,
        ),
        services.MoveInput(
            action="escalate",
            legal_basis="UU 16/2017 Ps 62(1); PP 59/2016",
            authority=kemlu,
            issued_on=date(2026, 11, 25),
            notes="No recommendation produced after persuasion: written warning issued.",
            notified_bodies=notified,
            parties_notified="Ford Foundation Jakarta office",
        ),
    ]
    for move in moves:
        services.sanction_case_move(case_id=case.pk, data=move, actor=actor)
    return SanctionCase.objects.get(pk=case.pk)
