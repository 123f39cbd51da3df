"""Rules an agreement must satisfy before it is written (one place for forms and the API)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from mitra.core.areas import Area
from mitra.core.periods import Period, check_within
from mitra.organizations.models import ForeignOrganization

from .licensing import Cover, izin_prinsip_covers, merged

if TYPE_CHECKING:
    from .models import Agreement


@dataclass
class ChainCheck:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def error(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)


def end_from_duration(start: date, months: int) -> date:
    """A stated duration of N months starting on `start` ends the day before the anniversary."""
    from mitra.core.dates import add_months

    return add_months(start, months) - timedelta(days=1)


def check_period(check: ChainCheck, start: date | None, end: date | None) -> None:
    if start and end and end < start:
        check.error("end_date", _("The end date is before the start date."))


def check_renewal(
    check: ChainCheck,
    *,
    agreement: "Agreement | None",
    predecessor: "Agreement | None",
    start: date | None,
) -> None:
    """The renewal chain: no self-reference, no cycle, starts after its predecessor starts.

    Gaps and overlaps between the predecessor's end and the renewal's start are warnings:
    renewals are often signed late or early, and the record must still be kept.
    """
    if predecessor is None:
        return
    if agreement is not None and agreement.pk is not None:
        if predecessor.pk == agreement.pk:
            check.error("renews", _("An agreement cannot renew itself."))
            return
        # Walk back from the predecessor; meeting this agreement would close a cycle.
        seen: set[int] = set()
        node: Agreement | None = predecessor
        while node is not None and node.pk not in seen:
            if node.pk == agreement.pk:
                check.error("renews", _("This renewal would form a cycle in the chain."))
                return
            seen.add(node.pk)
            node = node.renews
    from .models import RENEWABLE_STATUSES

    if predecessor.status not in RENEWABLE_STATUSES:
        check.error(
            "renews",
            _("Only a signed, active, expired or superseded agreement can be renewed."),
        )
    existing = getattr(predecessor, "renewed_by", None) if predecessor.pk else None
    if existing is not None and (agreement is None or existing.pk != agreement.pk):
        check.error(
            "renews",
            _("%(title)s is already renewed by %(other)s.")
            % {"title": predecessor.title, "other": existing.title},
        )
    if start and predecessor.start_date and start <= predecessor.start_date:
        check.error("start_date", _("A renewal must start after the agreement it renews starts."))
    if start and predecessor.end_date:
        gap = (start - predecessor.end_date).days - 1
        if gap > 0:
            check.warnings.append(
                _("There is a gap of %(days)d days after the previous agreement ended.")
                % {"days": gap}
            )
        elif gap < 0:
            check.warnings.append(
                _("The renewal overlaps the previous agreement by %(days)d days.") % {"days": -gap}
            )


def chain_warnings(chain: list["Agreement"]) -> list[str]:
    """Gap/overlap warnings along a whole chain (oldest first), for the agreement page."""
    warnings: list[str] = []
    for previous, current in zip(chain, chain[1:], strict=False):
        check = ChainCheck()
        if current.start_date and previous.end_date:
            gap = (current.start_date - previous.end_date).days - 1
            if gap > 0:
                check.warnings.append(
                    _("Gap of %(days)d days between %(a)s and %(b)s.")
                    % {"days": gap, "a": previous.period_label, "b": current.period_label}
                )
            elif gap < 0:
                check.warnings.append(
                    _("%(a)s and %(b)s overlap by %(days)d days.")
                    % {"days": -gap, "a": previous.period_label, "b": current.period_label}
                )
        warnings.extend(check.warnings)
    return warnings


# --- N3/N4: an agreement with an ormas asing lies within its izin prinsip ---------------------

# The statuses in which an agreement binds: it must have cover in them (N4), and only such an
# agreement is a frame for an izin operasional or a work plan.
CURRENT_STATUSES = ("signed", "active")


def cover_problems(
    *,
    organizations: "list[Any]",
    start: date | None,
    end: date | None,
    on: date | None = None,
    label: str | None = None,
    covers: "dict[int, list[Cover]] | None" = None,
) -> list[str]:
    """THE rule MSP ⊆ izin prinsip (N3, N4), for agreements and the work plans under them.

    For each organization that needs an izin prinsip (an ormas asing): the period `start`–`end`
    (or the day `on`, e.g. the signing day, when there is no start) must lie within one span of
    its izin prinsip, extensions that follow without a gap counted as one. Messages name the
    permit, or say that there is none. `covers` (from `licensing.izin_prinsip_covers`) may be
    passed by a caller that checks many agreements at once.
    """
    point = start or on
    needing = [o for o in organizations if getattr(o, "needs_izin_prinsip", False)]
    if point is None or not needing:
        return []
    if covers is None:
        covers = izin_prinsip_covers([o.pk for o in needing])
    label = label or _("The agreement")
    problems: list[str] = []
    for organization in needing:
        name, day = organization.legal_name, point.isoformat()
        if organization.status == ForeignOrganization.Status.SUSPENDED:
            # Suspension is the organization's (domain.md §3.1): no permit of it covers then.
            problems.append(
                _("%(org)s is suspended: its izin prinsip gives no cover while the suspension "
                  "lasts (domain rule N4).") % {"org": name}
            )  # fmt: skip
            continue
        spans = merged(covers.get(organization.pk, []))
        span = next((s for s in spans if s.start <= point <= s.end), None)
        if span is None:
            later = next(
                (s for s in spans if s.start > point and (end is None or s.start <= end)), None
            )
            if later is None:
                message = _("%(org)s holds no izin prinsip valid on %(day)s (domain rule N4).")
            else:
                message = _(
                    "%(org)s holds no izin prinsip valid on %(day)s: %(number)s is valid only "
                    "from %(from)s (domain rule N4)."
                )
            problems.append(
                message
                % {
                    "org": name,
                    "day": day,
                    "number": later.number if later else "",
                    "from": later.start.isoformat() if later else "",
                }
            )
            continue
        outer = _("the izin prinsip %(number)s of %(org)s") % {"number": span.number, "org": name}
        problems += check_within(Period(start, end, label), Period(span.start, span.end, outer))
    return problems


def izin_prinsip_frames(*, organizations: "list[Any]", on: date | None) -> list[Period]:
    """For pages (a work plan's timeline): the izin prinsip span, extensions included, of each
    ormas asing valid on `on`. The rule itself is `cover_problems`."""
    needing = [o for o in organizations if getattr(o, "needs_izin_prinsip", False)]
    if on is None or not needing:
        return []
    covers = izin_prinsip_covers([o.pk for o in needing])
    frames = []
    for organization in needing:
        for span in merged(covers.get(organization.pk, [])):
            if span.start <= on <= span.end:
                label = _("the izin prinsip %(number)s") % {"number": span.number}
                frames.append(Period(span.start, span.end, label))
    return frames


def agreement_cover_problems(
    agreement: "Agreement", covers: "dict[int, list[Cover]] | None" = None
) -> list[str]:
    """`cover_problems` for a stored agreement: its foreign parties, its period, its signing
    day when it has no start."""
    organizations = [
        p.organization for p in agreement.parties.all() if p.organization_id is not None
    ]
    return cover_problems(
        organizations=organizations,
        start=agreement.start_date,
        end=agreement.end_date,
        on=agreement.signing_date,
        covers=covers,
    )


def frame_problems(
    agreement: "Agreement", *, start: date | None, end: date | None, label: str
) -> list[str]:
    """What an izin operasional (or any record that hangs from an agreement) breaks: the
    agreement must be in force — signed or active, not superseded, expired or terminated — and
    the record's period must lie within the agreement's (N3: izin operasional ⊆ MSP)."""
    if agreement.status not in CURRENT_STATUSES:
        return [
            _("%(record)s needs an agreement in force; %(agreement)s is %(status)s.")
            % {
                "record": label,
                "agreement": agreement.title,
                "status": agreement.get_status_display().lower(),
            }
        ]
    return check_within(
        Period(start, end, label),
        Period(
            agreement.start_date,
            agreement.end_date,
            _("the agreement %(title)s") % {"title": agreement.title},
        ),
    )


def agreement_area(agreement: "Agreement", label: str | None = None) -> Area:
    """The provinces and regencies/cities an agreement covers (none recorded: national)."""
    return Area.of(
        label or _("the agreement"), agreement.provinces.all(), agreement.regencies.all()
    )
