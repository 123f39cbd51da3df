"""Writing agreements: create, update, move through the lifecycle, documents. Each writes audit."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from mitra.accounts.ownership import unit_of, user_edits_for
from mitra.audit.services import audit_event_record, model_snapshot, snapshot_diff
from mitra.bodies.models import GovernmentBody
from mitra.core.bounds import DURATION_MONTHS_MAX, clean_name, date_range_errors
from mitra.core.concurrency import lock_version, unique_or_conflict
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError, Conflict
from mitra.core.fsm import refused_unless_allowed
from mitra.core.validators import not_in_future
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.selectors import organization_suspension_message

from . import documents
from .access import agreement_refresh_access
from .licensing import REFUSE, cover_mode, izin_prinsip_covers
from .models import Agreement, AgreementDocument, AgreementParty, Signatory
from .permissions import agreement_is_editable_by
from .validation import (
    CURRENT_STATUSES,
    ChainCheck,
    agreement_cover_problems,
    check_period,
    check_renewal,
    cover_problems,
    end_from_duration,
)

if TYPE_CHECKING:
    from mitra.accounts.models import User

AUDITED_FIELDS = [
    "reference", "title", "type", "status", "objective", "signing_date", "signing_place",
    "start_date", "end_date", "duration_months", "renews", "owner", "owner_unit",
]  # fmt: skip


@dataclass
class AgreementInput:
    """What a form or API call provides for an agreement (parties as records, not ids)."""

    title: str
    type: str
    owner: GovernmentBody
    foreign_parties: Sequence[ForeignOrganization]
    other_government_parties: Sequence[GovernmentBody] = ()
    reference: str = ""
    objective: str = ""
    signing_date: date | None = None
    signing_place: str = ""
    start_date: date | None = None
    end_date: date | None = None
    duration_months: int | None = None
    renews: Agreement | None = None
    sectors: Iterable[Any] = ()
    provinces: Iterable[Any] = ()
    regencies: Iterable[Any] = ()
    shared_with: Iterable[GovernmentBody] = ()
    # A renewal: the predecessor's signatories whose positions the new agreement carries over
    # as roles to fill (name and signing day left for the new signature). Create only.
    signatory_roles: Sequence[Signatory] = ()


def _require_editor(actor: "User", agency: GovernmentBody, unit: GovernmentBody | None) -> None:
    """SECURITY: officers write only for their own unit (or their agency as a whole, when no
    unit holds the record); operators for any (`accounts.ownership`)."""
    if actor is None or not actor.can_edit_records:
        raise ApplicationError(_("You may not change agreements."))
    if not user_edits_for(actor, agency_id=agency.pk, unit_id=unit.pk if unit else None):
        if actor.agency is not None and actor.agency.pk == agency.pk:
            raise ApplicationError(
                _("Only officers of %(unit)s may change this agreement; your agency reads it.")
                % {"unit": unit.name if unit else agency.name}
            )
        raise ApplicationError(_("You may only record agreements of your own agency."))


def _validate(data: AgreementInput, agreement: Agreement | None) -> ChainCheck:
    check = ChainCheck()
    if not data.title.strip():
        check.error("title", _("Give the agreement a title."))
    if data.type not in Agreement.Type.values:
        check.error("type", _("Unknown agreement type."))
    if not data.foreign_parties and data.type not in (Agreement.Type.RKT,):
        check.error("foreign_parties", _("Name at least one foreign party."))
    organization_ids = [o.pk for o in data.foreign_parties]
    if len(organization_ids) != len(set(organization_ids)):
        check.error("foreign_parties", _("Name each foreign party once."))
    body_ids = [b.pk for b in data.other_government_parties]
    if len(body_ids) != len(set(body_ids)):
        check.error("other_government_parties", _("Name each government party once."))
    # Bounds first (issue 13 §4): a start of 9999-12-31 or a duration of a billion months
    # overflowed the date arithmetic below into a 500.
    for name in ("signing_date", "start_date", "end_date"):
        for message in date_range_errors(getattr(data, name)):
            check.error(name, message)
    if data.duration_months is not None and data.duration_months <= 0:
        check.error("duration_months", _("The duration must be at least one month."))
    elif data.duration_months is not None and data.duration_months > DURATION_MONTHS_MAX:
        check.error(
            "duration_months",
            _("The duration must be at most %(max)s months.") % {"max": DURATION_MONTHS_MAX},
        )
    elif (
        data.end_date is None
        and data.start_date
        and data.duration_months
        and not date_range_errors(data.start_date)
    ):
        data.end_date = end_from_duration(data.start_date, data.duration_months)
        for message in date_range_errors(data.end_date):
            check.error("duration_months", message)
    check_period(check, data.start_date, data.end_date)
    check_renewal(check, agreement=agreement, predecessor=data.renews, start=data.start_date)
    _check_signatory_roles(check, data)
    for message in not_in_future(data.signing_date):
        check.error("signing_date", message)
    # N3/N4: a draft may be negotiated before its partner's izin prinsip is granted or
    # extended (a warning); an agreement in force must stay covered (refused, or flagged).
    problems = cover_problems(
        organizations=list(data.foreign_parties),
        start=data.start_date,
        end=data.end_date,
        on=data.signing_date,
    )
    in_force = agreement is not None and agreement.status in CURRENT_STATUSES
    for message in problems:
        if in_force and cover_mode() == REFUSE:
            check.error("izin_prinsip", message)
        else:
            check.warnings.append(message)
    return check


def _check_signatory_roles(check: ChainCheck, data: AgreementInput) -> None:
    """Each carried-over signatory role comes from the agreement renewed, and its party is
    still a party of the new agreement."""
    if not data.signatory_roles:
        return
    if data.renews is None:
        check.error("signatory_roles", _("Signatory roles are carried over only by a renewal."))
        return
    bodies = {data.owner.pk, *(b.pk for b in data.other_government_parties)}
    organizations = {o.pk for o in data.foreign_parties}
    for role in data.signatory_roles:
        if role.agreement_id != data.renews.pk:
            check.error(
                "signatory_roles", _("Choose signatories of the agreement this one renews.")
            )
            return
        party = role.party
        if party.body_id not in bodies and party.organization_id not in organizations:
            check.error(
                "signatory_roles",
                _("%(role)s signed for %(party)s, which is not a party of the renewal.")
                % {"role": role.title, "party": str(party)},
            )


def _copy_signatory_roles(agreement: Agreement, roles: Sequence[Signatory]) -> list[str]:
    """The renewal's signatories: each carried-over position for the matching new party."""
    parties = list(agreement.parties.all())
    copied = []
    for role in roles:
        party = next(
            (
                p
                for p in parties
                if (role.party.body_id and p.body_id == role.party.body_id)
                or (role.party.organization_id and p.organization_id == role.party.organization_id)
            ),
            None,
        )
        if party is None:  # checked in _validate
            continue
        Signatory.objects.create(
            agreement=agreement, party=party, person=None, name="", title=role.title
        )
        copied.append(f"{role.title} ({party})")
    return copied


def _denormalise(agreement: Agreement) -> None:
    """Refresh the partner names, partner kind and search text kept on the agreement row."""
    parties = list(agreement.parties.select_related("organization", "body").order_by("side", "id"))
    foreign = [p.organization for p in parties if p.organization is not None]
    agreement.partner_names = ", ".join(o.display_name for o in foreign)[:500]
    agreement.partner_kind = foreign[0].kind if foreign else ""
    words = [agreement.title, agreement.reference, agreement.partner_names]
    words += [o.search_text for o in foreign]
    words += [p.body.search_text for p in parties if p.body is not None]
    agreement.search_text = " | ".join(w.lower() for w in words if w)


def _write_parties(agreement: Agreement, data: AgreementInput) -> None:
    agreement.parties.filter(signatories__isnull=True).delete()
    kept = {(p.body_id, p.organization_id) for p in agreement.parties.all()}
    on = data.signing_date or data.start_date
    government = [data.owner, *[b for b in data.other_government_parties if b.pk != data.owner.pk]]
    for index, body in enumerate(government):
        if (body.pk, None) in kept:
            continue
        AgreementParty.objects.create(
            agreement=agreement,
            side=AgreementParty.Side.GOVERNMENT,
            role=AgreementParty.Role.LEAD if index == 0 else AgreementParty.Role.PARTY,
            body=body,
            agency=body.root(),
            name_at_signing=body_name_on(body, on),
        )
    for index, organization in enumerate(data.foreign_parties):
        if (None, organization.pk) in kept:
            continue
        AgreementParty.objects.create(
            agreement=agreement,
            side=AgreementParty.Side.FOREIGN,
            role=AgreementParty.Role.LEAD if index == 0 else AgreementParty.Role.PARTY,
            organization=organization,
            name_at_signing=organization.legal_name,
        )


def _rechain_successors(agreement: Agreement) -> None:
    """After `renews` changed, point every later renewal at the chain's (possibly new) root."""
    root = agreement.chain_root or agreement
    node = Agreement.objects.filter(renews=agreement).first()
    seen = {agreement.pk}
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        if node.chain_root_id != root.pk:
            Agreement.objects.filter(pk=node.pk).update(chain_root=root)
        node = Agreement.objects.filter(renews=node).first()


def body_name_on(body: GovernmentBody, on: date | None) -> str:
    """The body's name in force on `on`: a renamed body's predecessor if it was still valid."""
    if on is None or body.valid_from is None or on >= body.valid_from:
        return body.name
    predecessor = body.predecessors.filter(valid_until__gte=on).first()
    return predecessor.name if predecessor else body.name


def _claim_predecessor(data: AgreementInput, agreement: Agreement | None) -> None:
    """One successor per agreement (a renewal chain does not fork): lock the agreement `data`
    renews, so two renewals of it run one after the other, and refuse (Conflict, 409) when
    another agreement renews it already. The `renews` one-to-one column backs it."""
    if data.renews is None or data.renews.pk is None:
        return
    Agreement.objects.select_for_update().filter(pk=data.renews.pk).first()
    other = Agreement.objects.filter(renews=data.renews.pk)
    if agreement is not None:
        other = other.exclude(pk=agreement.pk)
    existing = other.only("pk", "title").first()
    if existing is not None:
        raise Conflict(*_renewed_already(data.renews, existing.title))


def _renewed_already(predecessor: Agreement, other: str) -> tuple[str, dict[str, list[str]]]:
    message = _("%(title)s is already renewed by %(other)s.") % {
        "title": predecessor.title,
        "other": other,
    }
    return message, {"renews": [message]}


def _write_relations(agreement: Agreement, data: AgreementInput) -> None:
    agreement.sectors.set(list(data.sectors))
    agreement.provinces.set(list(data.provinces))
    agreement.regencies.set(list(data.regencies))
    agreement.shared_with.set([b.root() for b in data.shared_with])


@transaction.atomic
def agreement_create(*, data: AgreementInput, actor: "User") -> Agreement:
    """Record a new agreement (status draft). Validates the period and the renewal chain.

    Raises ApplicationError with per-field messages; nothing is written then.
    Side effects: parties, relations, one `agreement.created` audit event.
    """
    agency, unit = unit_of(data.owner)
    _require_editor(actor, agency, unit)
    _claim_predecessor(data, None)
    check = _validate(data, None)
    suspension = organization_suspension_message(
        organization_ids=[o.pk for o in data.foreign_parties]
    )
    if suspension:
        check.error("foreign_parties", suspension)
    if check.errors:
        raise ApplicationError(_("The agreement was not saved."), extra=check.errors)
    agreement = Agreement(
        reference=data.reference,
        title=data.title.strip(),
        type=data.type,
        objective=data.objective,
        signing_date=data.signing_date,
        signing_place=data.signing_place,
        start_date=data.start_date,
        end_date=data.end_date,
        duration_months=data.duration_months,
        renews=data.renews,
        chain_root=(data.renews.chain_root or data.renews) if data.renews else None,
        owner=agency,
        owner_unit=unit,
        created_by=actor,
    )
    if data.renews is not None:
        with unique_or_conflict(*_renewed_already(data.renews, agreement.title)):
            agreement.save()
    else:
        agreement.save()
    _write_parties(agreement, data)
    _write_relations(agreement, data)
    roles = _copy_signatory_roles(agreement, data.signatory_roles)
    agreement_refresh_access([agreement.pk])
    _denormalise(agreement)
    agreement.save(update_fields=["partner_names", "partner_kind", "search_text"])
    new = model_snapshot(agreement, AUDITED_FIELDS)
    if roles:
        new["signatory_roles"] = roles
    audit_event_record(
        event="agreement.created",
        target=agreement,
        actor=actor,
        data={"new": new, "warnings": check.warnings},
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement_id: int,
    data: AgreementInput,
    actor: "User",
    expected_version: int | None = None,
) -> Agreement:
    """Change an agreement's fields and parties. The status moves only by transitions.

    `expected_version`: the version the caller read; StaleVersion when it changed meanwhile
    (None: no check)."""
    agreement = lock_version(Agreement.objects, pk=agreement_id, expected_version=expected_version)
    _require_editor(actor, agreement.owner, agreement.owner_unit)
    agency, unit = unit_of(data.owner)
    _require_editor(actor, agency, unit)
    if agreement.status in (Agreement.Status.SUPERSEDED, Agreement.Status.TERMINATED):
        raise ApplicationError(_("A superseded or terminated agreement can no longer change."))
    if data.renews is not None and data.renews.pk != agreement.renews_id:
        _claim_predecessor(data, agreement)
    check = _validate(data, agreement)
    if check.errors:
        raise ApplicationError(_("The agreement was not saved."), extra=check.errors)
    before = model_snapshot(agreement, AUDITED_FIELDS)
    for name in [
        "reference", "type", "objective", "signing_date", "signing_place",
        "start_date", "end_date", "duration_months", "renews",
    ]:  # fmt: skip
        setattr(agreement, name, getattr(data, name))
    agreement.owner, agreement.owner_unit = agency, unit
    agreement.title = data.title.strip()
    agreement.chain_root = (data.renews.chain_root or data.renews) if data.renews else None
    if data.renews is not None:
        with unique_or_conflict(*_renewed_already(data.renews, agreement.title)):
            agreement.save()
    else:
        agreement.save()
    _rechain_successors(agreement)
    _write_parties(agreement, data)
    _write_relations(agreement, data)
    agreement_refresh_access([agreement.pk])
    _denormalise(agreement)
    if agreement.status in CURRENT_STATUSES:
        agreement.cover_problem = " ".join(agreement_cover_problems(agreement))
    agreement.save(update_fields=["partner_names", "partner_kind", "search_text", "cover_problem"])
    diff = snapshot_diff(before, model_snapshot(agreement, AUDITED_FIELDS))
    audit_event_record(
        event="agreement.updated",
        target=agreement,
        actor=actor,
        data={**diff, "warnings": check.warnings},
    )
    return agreement


# Transitions a user may ask for by name, and the audit event each one writes. "expire" is not
# among them: an agreement expires after its end date, by the daily job only
# (`agreement_expire_ended`); ending earlier is a termination, with a reason and confirmed.
TRANSITIONS = {
    "submit_for_review": "agreement.submitted_for_review",
    "return_to_draft": "agreement.returned_to_draft",
    "sign": "agreement.signed",
    "activate": "agreement.activated",
    "terminate": "agreement.terminated",
    "undo_termination": "agreement.termination_undone",
}
EVENTS = {**TRANSITIONS, "expire": "agreement.expired"}
# Moves that need a reason, and a confirmation that the user means it.
CONFIRMED = ("terminate", "undo_termination")


def agreement_available_transitions(*, agreement: Agreement, actor: "User") -> list[str]:
    """Names of the transitions `actor` may run on `agreement` now (for buttons). Undoing a
    termination is an operator's correction, offered to operators only."""
    if not agreement_is_editable_by(user=actor, agreement=agreement):
        return []
    return [
        name
        for name in TRANSITIONS
        if can_proceed(getattr(agreement, name))
        and (name != "undo_termination" or actor.is_operator)
    ]


def _restored_status(agreement: Agreement, on: date) -> str:
    """The status a wrongly terminated agreement returns to: what its dates and renewal chain
    give today (superseded when its renewal has started, expired after its end, active from its
    start, signed before it)."""
    renewal = Agreement.objects.filter(renews=agreement).first()
    if renewal is not None and renewal.status in (
        Agreement.Status.ACTIVE, Agreement.Status.EXPIRED, Agreement.Status.SUPERSEDED,
    ):  # fmt: skip
        return Agreement.Status.SUPERSEDED
    if agreement.end_date is not None and agreement.end_date < on:
        return Agreement.Status.EXPIRED
    if agreement.start_date is not None and agreement.start_date <= on:
        return Agreement.Status.ACTIVE
    return Agreement.Status.SIGNED


def _require_cover(agreement: Agreement, transition: str) -> list[str]:
    """N3/N4 before an agreement comes into force: its ormas asing partners' izin prinsip must
    cover its period. Refused in the default mode; in "warn" mode the problems are returned
    (audited and flagged on the agreement)."""
    problems = agreement_cover_problems(agreement)
    if problems and cover_mode() == REFUSE:
        messages = {
            "sign": _("The agreement cannot be signed: %(problems)s"),
            "activate": _("The agreement cannot become active: %(problems)s"),
        }
        message = messages.get(
            transition, _("The agreement cannot come back into force: %(problems)s")
        )
        raise ApplicationError(
            message % {"problems": " ".join(problems)}, {"izin_prinsip": problems}
        )
    return problems


@transaction.atomic
def agreement_transition(
    *,
    agreement_id: int,
    transition: str,
    actor: "User",
    reason: str = "",
    confirmed: bool = False,
) -> Agreement:
    """Move an agreement through its lifecycle. The one entry point for status changes.

    Preconditions: `actor` may edit the agreement; the FSM allows the move; signing needs a
    signing date that has come; signing and activation need the ormas asing partners' izin
    prinsip over the period (N3/N4: refused, or flagged in "warn" mode); activation needs the
    start date to have come; termination and its undoing need a reason and `confirmed`;
    undoing a termination is an operator's (the status returns to what the dates give).
    Side effects: when a renewal becomes active its predecessor is superseded (audited too);
    the agreement's licensing flag (`cover_problem`) is refreshed.
    """
    if transition not in TRANSITIONS:
        raise ApplicationError(_("Unknown action."))
    agreement = lock_version(Agreement.objects, pk=agreement_id)
    _require_editor(actor, agreement.owner, agreement.owner_unit)
    if not can_proceed(getattr(agreement, transition)):
        raise ApplicationError(_not_possible(agreement))
    if transition == "sign":
        if agreement.signing_date is None:
            raise ApplicationError(_("Record the signing date before marking it signed."))
        future = not_in_future(agreement.signing_date)
        if future:
            raise ApplicationError(future[0], {"signing_date": future})
    if transition == "activate" and (
        agreement.start_date is None or agreement.start_date > today()
    ):
        raise ApplicationError(_("An agreement becomes active on its start date."))
    if transition == "terminate" and not reason.strip():
        raise ApplicationError(
            _("Give the reason for terminating the agreement."), {"reason": [_("Required.")]}
        )
    if transition == "undo_termination":
        if not actor.is_operator:
            raise ApplicationError(_("Only an operator may undo a termination."))
        if not reason.strip():
            raise ApplicationError(
                _("Give the reason for undoing the termination."), {"reason": [_("Required.")]}
            )
    if transition in CONFIRMED and not confirmed:
        raise ApplicationError(
            _("Confirm that you mean it: this changes whether the agreement is in force."),
            {"confirmed": [_("Required.")]},
        )
    target = _restored_status(agreement, today()) if transition == "undo_termination" else ""
    warnings: list[str] = []
    if transition in ("sign", "activate") or target in CURRENT_STATUSES:
        warnings = _require_cover(agreement, transition)
    _apply(agreement, transition, actor, reason=reason.strip(), target=target, warnings=warnings)
    return agreement


def _not_possible(agreement: Agreement) -> str:
    return _("This action is not possible while the agreement is %(status)s.") % {
        "status": agreement.get_status_display()
    }


def _apply(
    agreement: Agreement,
    transition: str,
    actor: "User | None",  # None: the daily job
    reason: str = "",
    target: str = "",
    warnings: list[str] | None = None,
) -> None:
    old = agreement.status
    terminated_reason = agreement.terminated_reason
    method = getattr(agreement, transition)
    with refused_unless_allowed(_not_possible(agreement)):
        if transition == "terminate":
            method(reason)
        elif transition == "undo_termination":
            method(target)
        else:
            method()
    agreement.cover_problem = (
        " ".join(warnings or []) if agreement.status in CURRENT_STATUSES else ""
    )
    agreement.save()
    data: dict[str, Any] = {
        "old": {"status": old},
        "new": {"status": agreement.status},
        "reason": reason,
    }
    if transition == "undo_termination":
        data["undone_reason"] = terminated_reason
    if warnings:
        data["warnings"] = warnings
    audit_event_record(event=EVENTS[transition], target=agreement, actor=actor, data=data)
    if transition == "activate" and agreement.renews_id:
        predecessor = lock_version(Agreement.objects, pk=agreement.renews_id)
        if can_proceed(predecessor.supersede):
            old_predecessor = predecessor.status
            predecessor.supersede()
            predecessor.cover_problem = ""
            predecessor.save()
            audit_event_record(
                event="agreement.superseded",
                target=predecessor,
                actor=actor,
                data={
                    "old": {"status": old_predecessor},
                    "new": {"status": predecessor.status},
                    "renewed_by": agreement.pk,
                },
            )


def agreement_expire_ended(*, agreement_id: int, on: date | None = None) -> bool:
    """The daily job's one way to expire: a signed or active agreement whose end date is before
    `on` (default today) becomes expired, by no one (audited as the system). False, with
    nothing written, when it has not ended or is no longer in force."""
    on = on or today()
    with transaction.atomic():
        agreement = lock_version(Agreement.objects, pk=agreement_id)
        if (
            agreement.status not in CURRENT_STATUSES
            or agreement.end_date is None
            or agreement.end_date >= on
        ):
            return False
        _apply(agreement, "expire", None)
    return True


def agreement_refresh_statuses(*, on: date | None = None) -> dict[str, int]:
    """Daily job: activate signed agreements whose start has come; expire ended ones; re-check
    the licensing cover of every agreement in force with an ormas asing (a safety net: the
    permit services re-check as they change permits).

    A signed agreement without cover is not activated in "refuse" mode (N4); it stays signed
    and flagged (counted as `held`)."""
    on = on or today()
    counts = {"activated": 0, "expired": 0}
    due_to_start = Agreement.objects.filter(status=Agreement.Status.SIGNED, start_date__lte=on)
    for pk in list(due_to_start.exclude(end_date__lt=on).values_list("pk", flat=True)):
        with transaction.atomic():
            agreement = lock_version(Agreement.objects, pk=pk)
            problems = agreement_cover_problems(agreement)
            if problems and cover_mode() == REFUSE:
                counts["held"] = counts.get("held", 0) + 1
                continue
            _apply(agreement, "activate", None, warnings=problems)
            counts["activated"] += 1
    ended = Agreement.objects.filter(status__in=CURRENT_STATUSES, end_date__lt=on)
    for pk in list(ended.values_list("pk", flat=True)):
        counts["expired"] += agreement_expire_ended(agreement_id=pk, on=on)
    in_force = AgreementParty.objects.filter(
        agreement__status__in=CURRENT_STATUSES,
        organization__kind=ForeignOrganization.Kind.FOREIGN_NGO,
    ).values_list("organization_id", flat=True)
    agreements_recheck_cover(organization_ids=set(in_force))
    return counts


@transaction.atomic
def agreements_recheck_cover(
    *, organization_ids: Iterable[int], actor: "User | None" = None
) -> list[Agreement]:
    """N3 from the permits' side: re-check every signed or active agreement with one of these
    organizations against their izin prinsip now, and store the outcome on each agreement
    (`cover_problem`, the violations list). Call it whenever an izin prinsip is granted,
    extended, suspended, reinstated, revoked or ends, or its holder is suspended.

    Side effects: for each agreement whose flag changes, an audit event
    `agreement.cover_lost` (with the problems) or `agreement.cover_restored`. Returns the
    agreements that lost their cover in this check (for the caller's notices or tasks).
    Nothing is refused: a permit change is never blocked by its agreements.
    """
    ids = set(organization_ids)
    if not ids:
        return []
    with_partner = AgreementParty.objects.filter(organization_id__in=ids).values("agreement_id")
    agreements = list(
        Agreement.objects.select_for_update()
        .filter(status__in=CURRENT_STATUSES, pk__in=with_partner)
        .prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("organization"))
        )
        .order_by("id")
    )
    partners = {p.organization_id for a in agreements for p in a.parties.all() if p.organization_id}
    covers = izin_prinsip_covers(partners)
    lost = []
    for agreement in agreements:
        problem = " ".join(agreement_cover_problems(agreement, covers))
        if problem == agreement.cover_problem:
            continue
        Agreement.objects.filter(pk=agreement.pk).update(cover_problem=problem)
        audit_event_record(
            event="agreement.cover_lost" if problem else "agreement.cover_restored",
            target=agreement,
            actor=actor,
            data={
                "old": {"cover_problem": agreement.cover_problem},
                "new": {"cover_problem": problem},
            },
        )
        if problem and not agreement.cover_problem:
            lost.append(agreement)
        agreement.cover_problem = problem
    return lost


@transaction.atomic
def agreement_add_signatory(
    *,
    agreement_id: int,
    party_id: int,
    title: str,
    actor: "User",
    name: str = "",
    signed_on: date | None = None,
) -> Signatory:
    """Record who signed for which party. Side effect: `agreement.signatory_added` event."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    _require_editor(actor, agreement.owner, agreement.owner_unit)
    party = agreement.parties.filter(pk=party_id).first()
    if party is None:
        raise ApplicationError(_("Choose one of this agreement's parties."), {"party": ["?"]})
    if not title.strip():
        raise ApplicationError(_("Give the signatory's position."), {"title": [_("Required.")]})
    future = not_in_future(signed_on)
    if future:
        raise ApplicationError(future[0], {"signed_on": future})
    signatory = Signatory.objects.create(
        agreement=agreement,
        party=party,
        title=title.strip(),
        name=clean_name(name),  # no bidi overrides or zero-width characters (issue 13 §4)
        signed_on=signed_on or agreement.signing_date,
    )
    audit_event_record(
        event="agreement.signatory_added",
        target=agreement,
        actor=actor,
        data={"new": {"signatory": signatory.title, "party": str(party)}},
    )
    return signatory


def agreement_document_upload(
    *, agreement_id: int, upload: UploadedFile, title: str, kind: str, actor: "User"
) -> AgreementDocument:
    """Store a PDF/DOCX/ODT. The type is judged by content, the size by the configured limit.

    A document with the same title becomes a new version; earlier versions are kept.
    """
    checked = documents.checked_upload(upload)
    if kind not in AgreementDocument.Kind.values:
        raise ApplicationError(_("Unknown document kind."), {"kind": [_("Unknown kind.")]})
    title = title.strip() or upload.name or "document"
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
        _require_editor(actor, agreement.owner, agreement.owner_unit)
        latest = agreement.documents.filter(title=title).order_by("-version").first()
        document = documents.store_upload(
            AgreementDocument(
                agreement=agreement,
                kind=kind,
                title=title,
                version=(latest.version + 1) if latest else 1,
                uploaded_by=actor,
            ),
            checked,
        )
        audit_event_record(
            event="agreement.document_uploaded",
            target=agreement,
            actor=actor,
            data={
                "new": {
                    "document": title,
                    "version": document.version,
                    "sha256": document.sha256,
                }
            },
        )
    return document
