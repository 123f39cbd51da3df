"""One containment rule for periods: RKT ⊆ RIK ⊆ MSP ⊆ izin prinsip, izin operasional ⊆ izin
prinsip, and so on. Each app calls `check_within` with its own labels, so the rule and its
messages are written once."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    label: str  # what the period belongs to, for messages ("the RIK 2024–2029")


def check_within(inner: Period, outer: Period) -> list[str]:
    """Messages for every way `inner` leaves `outer` (empty when it fits or is undated)."""
    problems: list[str] = []
    if inner.start and outer.start and inner.start < outer.start:
        problems.append(
            _("%(inner)s starts on %(start)s, before %(outer)s starts (%(outer_start)s).")
            % {
                "inner": inner.label,
                "start": inner.start.isoformat(),
                "outer": outer.label,
                "outer_start": outer.start.isoformat(),
            }
        )
    if inner.end and outer.end and inner.end > outer.end:
        problems.append(
            _("%(inner)s ends on %(end)s, after %(outer)s ends (%(outer_end)s).")
            % {
                "inner": inner.label,
                "end": inner.end.isoformat(),
                "outer": outer.label,
                "outer_end": outer.end.isoformat(),
            }
        )
    return problems
