"""The sanction ladder as data (domain.md §3.9, N10; open question §7 q5).

A case climbs its ladder one step at a time (`escalate`); each step may carry a compliance
period, counted by the deadline engine from the day the step was issued. The ladder in force
is settings.MITRA["SANCTION_LADDER"] when a case is opened, and the case keeps it:

- "current" (UU 16/2017 Ps 62): persuasion → one written warning (7 working days) →
  cessation of activities → revocation;
- "legacy" (UU 17/2013 original Ps 62–63): persuasion → written warnings 1, 2, 3 (30 days
  each) → cessation of activities → revocation.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PERSUASION = "persuasion"
WRITTEN_WARNING = "written_warning"
CESSATION = "cessation_of_activities"
REVOKED = "revoked"

CURRENT = "current"
LEGACY = "legacy"


@dataclass(frozen=True)
class LadderStep:
    status: str
    label: str | Promise  # lazy: translated when shown (`str(step.label)`)
    rule_code: str = ""  # the DeadlineRule of the compliance period; "" = none
    tier: int = 0  # 1, 2, 3 for tiered warnings


LADDERS: dict[str, tuple[LadderStep, ...]] = {
    CURRENT: (
        LadderStep(PERSUASION, _("Persuasion")),
        LadderStep(WRITTEN_WARNING, _("Written warning"), "sanction.written_warning"),
        LadderStep(CESSATION, _("Cessation of activities")),
        LadderStep(REVOKED, _("Revocation")),
    ),
    LEGACY: (
        LadderStep(PERSUASION, _("Persuasion")),
        LadderStep(
            WRITTEN_WARNING, _("First written warning"), "sanction.written_warning_legacy", 1
        ),
        LadderStep(
            WRITTEN_WARNING, _("Second written warning"), "sanction.written_warning_legacy", 2
        ),
        LadderStep(
            WRITTEN_WARNING, _("Third written warning"), "sanction.written_warning_legacy", 3
        ),
        LadderStep(CESSATION, _("Cessation of activities")),
        LadderStep(REVOKED, _("Revocation")),
    ),
}
LADDER_CHOICES = [(CURRENT, _("Current (UU 16/2017)")), (LEGACY, _("Legacy (UU 17/2013)"))]


def configured_ladder() -> str:
    name = getattr(settings, "MITRA", {}).get("SANCTION_LADDER", CURRENT)
    if name not in LADDERS:
        raise ValueError(f"settings.MITRA['SANCTION_LADDER'] must be one of {sorted(LADDERS)}")
    return name


def steps(ladder: str) -> tuple[LadderStep, ...]:
    return LADDERS[ladder]


def next_step(ladder: str, index: int) -> LadderStep | None:
    """The step after position `index` (-1: before the first), or None at the top."""
    ladder_steps = LADDERS[ladder]
    return ladder_steps[index + 1] if index + 1 < len(ladder_steps) else None


def current_step(ladder: str, index: int) -> LadderStep | None:
    return LADDERS[ladder][index] if 0 <= index < len(LADDERS[ladder]) else None
