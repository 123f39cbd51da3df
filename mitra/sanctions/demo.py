"""Demo data: one concluded sanction case (a written warning, complied with and lifted) for an
organization of the demo spread, and one running written warning against Ford Foundation that
Ford can answer (issue 15 §3). Idempotent: each is found again by its demo key."""

from dataclasses import dataclass
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

PERSUASION_BASIS = "UU 17/2013 Ps 60(2)"
WARNING_BASIS = "UU 16/2017 Ps 62(1); PP 59/2016"


@dataclass(frozen=True)
class Move:
    """One step of a demo case: issued by Kemlu (`by_kemlu`), Kemendagri told (`notify`)."""

    action: str
    issued_on: date
    notes: str
    legal_basis: str = ""
    by_kemlu: bool = False
    notify: bool = False
    parties_notified: str = ""


def _persuasion(on: date, notes: str) -> Move:
    """Persuasion: issued by Kemlu, Kemendagri told."""
    return Move("escalate", on, notes, legal_basis=PERSUASION_BASIS, by_kemlu=True, notify=True)


def _warning(on: date, notes: str, parties_notified: str) -> Move:
    """A written warning: issued by Kemlu, Kemendagri and the organization's office told."""
    return Move(
        "escalate",
        on,
        notes,
        legal_basis=WARNING_BASIS,
        by_kemlu=True,
        notify=True,
        parties_notified=parties_notified,
    )


@dataclass(frozen=True)
class DemoCase:
    organization: str  # the organization's legal name
    key: str  # the demo key, kept as the case's source detail
    violation: str
    articles: str
    source: str
    reported_on: date
    moves: tuple[Move, ...]


def _load_case(actor: "User", demo: DemoCase) -> tuple[SanctionCase | None, bool]:
    """Open the case and make its moves, through the services: (the case, True). The existing
    case when it was loaded before: (that case, False); (None, False) without its organization."""
    org = ForeignOrganization.objects.filter(legal_name=demo.organization).first()
    if org is None:
        return None, False
    existing = SanctionCase.objects.filter(organization=org, source_detail=demo.key).first()
    if existing:
        return existing, False
    kemlu = GovernmentBody.objects.filter(key="kemlu").first()
    kemendagri = GovernmentBody.objects.filter(key="kemendagri").first()
    notified = [b for b in (kemendagri,) if b]
    case = services.sanction_case_open(
        organization=org,
        violation=demo.violation,
        articles=demo.articles,
        source=demo.source,
        source_detail=demo.key,
        reported_on=demo.reported_on,
        actor=actor,
    )
    for move in demo.moves:
        services.sanction_case_move(
            case_id=case.pk,
            data=services.MoveInput(
                action=move.action,
                legal_basis=move.legal_basis,
                authority=kemlu if move.by_kemlu else None,
                issued_on=move.issued_on,
                notes=move.notes,
                notified_bodies=notified if move.notify else [],
                parties_notified=move.parties_notified,
            ),
            actor=actor,
        )
    return SanctionCase.objects.get(pk=case.pk), True


RIKOLTO_CASE = DemoCase(
    organization=ORGANIZATION,
    key=DEMO_KEY,
    violation=(
        "The annual report and the public disclosure of the sources and use of funds for "
        "2024 were not submitted (UU 17/2013 Ps 51(e)-(f))."
    ),
    articles="UU 17/2013 Ps 51(e), 51(f)",
    source=SanctionCase.Source.MONITORING,
    reported_on=date(2025, 9, 1),
    moves=(
        Move("assess", date(2025, 9, 8), "Monitoring finding confirmed with the partner ministry."),
        _persuasion(
            date(2025, 9, 15),
            "Meeting with the country director; the report was promised within two weeks.",
        ),
        _warning(
            date(2025, 10, 6),
            "No report after persuasion: written warning issued.",
            "Rikolto Indonesia country office",
        ),
        Move(
            "lift",
            date(2025, 10, 14),
            "Report and disclosure received on 13 October 2025; warning lifted.",
            notify=True,
        ),
    ),
)

FORD_CASE = DemoCase(
    organization=FORD,
    key=FORD_DEMO_KEY,
    violation=(
        "A local partner in Kabupaten Semarang was engaged without the regional "
        "government's recommendation (Permendagri 15/2009 Ps 17)."
    ),
    articles="UU 17/2013 Ps 51; Permendagri 15/2009 Ps 17",
    source=SanctionCase.Source.MEMBER_AGENCY,
    reported_on=date(2026, 10, 27),
    moves=(
        Move("assess", date(2026, 11, 3), "Confirmed with Kesbangpol Jawa Tengah."),
        _persuasion(
            date(2026, 11, 10), "Letter to the country director asking for the recommendation."
        ),
        _warning(
            date(2026, 11, 25),
            "No recommendation produced after persuasion: written warning issued.",
            "Ford Foundation Jakarta office",
        ),
    ),
)


def load_sanctions_demo(actor: "User") -> SanctionCase | None:
    """Rikolto: a late financial disclosure found by monitoring in 2025 → persuasion → written
    warning (7 working days) → complied and lifted. Needs the spread's organization."""
    case, new = _load_case(actor, RIKOLTO_CASE)
    if case is None or not new:
        return case
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
    return _load_case(actor, FORD_CASE)[0]
