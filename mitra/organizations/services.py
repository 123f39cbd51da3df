"""Writing the registry of foreign organizations."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _
from rapidfuzz.distance import Indel

from mitra.audit.services import audit_event_record, model_snapshot, snapshot_diff
from mitra.core.bounds import clean_name
from mitra.core.concurrency import lock_version, serialise, unique_or_conflict
from mitra.core.exceptions import ApplicationError, Conflict

from .models import ChangeNotice, ForeignOrganization, normalise_name
from .signals import organization_kind_changed, organization_names_changed

if TYPE_CHECKING:
    from mitra.accounts.models import User

AUDITED_FIELDS = [
    "legal_name", "acronym", "aliases", "kind", "legal_type", "sub_type", "country",
    "headquarters", "indonesian_office", "website", "email", "phone", "status", "is_published",
    "representative", "country_director", "funding_sources",
]  # fmt: skip


@dataclass
class OrganizationInput:
    legal_name: str
    kind: str
    country: str
    acronym: str = ""
    aliases: list[str] = field(default_factory=list)
    legal_type: str = ""
    sub_type: str = ""
    headquarters: str = ""
    indonesian_office: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    description: str = ""
    # No representative, country director or sources of funds: they change only through change
    # notices (issue 15 §1), so an edit of the record never blanks them (`_apply` skips them).
    # Only a new record takes these two (intake registers a prospective, unpublished one);
    # afterwards they change through organization_set_status / organization_set_published.
    status: str = ForeignOrganization.Status.REGISTERED
    is_published: bool = True
    sectors: list[Any] = field(default_factory=list)


def organization_find_duplicates(
    *, legal_name: str, acronym: str = "", exclude_pk: int | None = None
) -> list[ForeignOrganization]:
    """Existing organizations that look like the same one: same name or acronym, or a close name.

    Used to refuse duplicates with a suggestion. Compares against names and aliases.
    """
    wanted = normalise_name(legal_name)
    qs = ForeignOrganization.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    # Narrow by the longest word of the name (rarest in practice: not "the" or "foundation"),
    # then compare whole names in Python.
    longest = max(wanted.split(" "), key=len) if wanted else ""
    candidates = qs.filter(search_text__contains=longest) if longest else qs.none()
    if acronym.strip():
        candidates = candidates | qs.filter(acronym__iexact=acronym.strip())
    matches = []
    for org in candidates[:200]:
        names = [org.legal_name, *org.aliases]
        if acronym.strip() and org.acronym.lower() == acronym.strip().lower():
            matches.append(org)
            continue
        for name in names:
            if Indel.normalized_similarity(wanted, normalise_name(name)) >= 0.9:
                matches.append(org)
                break
    return matches


def _validate(data: OrganizationInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not clean_name(data.legal_name):
        errors["legal_name"] = [_("Give the legal name.")]
    if data.kind not in ForeignOrganization.Kind.values:
        errors["kind"] = [_("Unknown kind of organization.")]
    from django_countries import countries

    if data.country not in dict(countries):
        errors["country"] = [_("Unknown country code.")]
    if data.kind != ForeignOrganization.Kind.FOREIGN_NGO and (data.legal_type or data.sub_type):
        errors["legal_type"] = [_("Legal type and sub-type apply only to ormas asing.")]
    if data.legal_type and data.legal_type not in ForeignOrganization.LegalType.values:
        errors["legal_type"] = [_("Unknown legal type.")]
    if data.sub_type and data.sub_type not in ForeignOrganization.SubType.values:
        errors["sub_type"] = [_("Unknown sub-type.")]
    return errors


def _require_editor(actor: "User") -> None:
    # SECURITY: the registry is shared; government officers and operators maintain it.
    if actor is None or not actor.can_edit_records:
        raise ApplicationError(_("You may not change the registry."))


# SECURITY: fields that only a rule changes (registry decisions, sanction effects,
# publication); an edit of the record never touches them (issue 13 §3).
RULE_FIELDS = ("status", "is_published")


def _apply(org: ForeignOrganization, data: OrganizationInput, *, new: bool = False) -> None:
    for name in AUDITED_FIELDS + ["description"]:
        if name in RULE_FIELDS and not new:
            continue
        if hasattr(data, name):
            setattr(org, name, getattr(data, name))
    # Names without bidi overrides or zero-width characters: invisible, they let one name pass
    # for another on screen and past the duplicate check (issue 13 §4).
    org.legal_name = clean_name(data.legal_name)
    org.acronym = clean_name(data.acronym)
    org.aliases = [clean_name(a) for a in data.aliases if clean_name(a)]
    org.refresh_search_text()


@transaction.atomic
def organization_create(*, data: OrganizationInput, actor: "User") -> ForeignOrganization:
    """Register a foreign organization. Refuses a likely duplicate and names the match
    (Conflict, 409): checked in Python (close names, acronyms, aliases) with concurrent
    registrations serialised, and backed by the unique `name_key` constraint."""
    _require_editor(actor)
    errors = _validate(data)
    if errors:
        raise ApplicationError(_("The organization was not saved."), errors)
    # Two registrations at once run their duplicate check one after the other.
    serialise("organizations.register")
    duplicates = organization_find_duplicates(legal_name=data.legal_name, acronym=data.acronym)
    if duplicates:
        raise _duplicate(duplicates[0].display_name)
    org = ForeignOrganization(created_by=actor)
    _apply(org, data, new=True)
    with unique_or_conflict(*_duplicate_args(data.legal_name)):
        org.save()
    org.sectors.set(data.sectors)
    audit_event_record(
        event="organization.registered",
        target=org,
        actor=actor,
        data={"new": model_snapshot(org, AUDITED_FIELDS)},
    )
    return org


def _duplicate_args(name: str) -> tuple[str, dict[str, list[str]]]:
    return (
        _("This organization seems to be registered already: %(name)s.") % {"name": name},
        {"legal_name": [_("Possible duplicate of %(name)s.") % {"name": name}]},
    )


def _duplicate(name: str) -> Conflict:
    return Conflict(*_duplicate_args(name))


@transaction.atomic
def organization_update(
    *,
    organization_id: int,
    data: OrganizationInput,
    actor: "User",
    expected_version: int | None = None,
) -> ForeignOrganization:
    """Change a registry record; audited with before and after.

    `expected_version`: the version the caller read; StaleVersion when it changed meanwhile
    (None: no check). `data.status` and `data.is_published` are ignored: see
    organization_set_status and organization_set_published."""
    _require_editor(actor)
    org = lock_version(
        ForeignOrganization.objects, pk=organization_id, expected_version=expected_version
    )
    errors = _validate(data)
    duplicates = organization_find_duplicates(
        legal_name=data.legal_name, acronym=data.acronym, exclude_pk=org.pk
    )
    if duplicates:
        errors.setdefault("legal_name", []).append(
            _("Possible duplicate of %(name)s.") % {"name": duplicates[0].display_name}
        )
    if errors:
        raise ApplicationError(_("The organization was not saved."), errors)
    before = model_snapshot(org, AUDITED_FIELDS)
    old_search_text = org.search_text
    old_kind = org.kind
    _apply(org, data)
    with unique_or_conflict(*_duplicate_args(data.legal_name)):
        org.save()
    org.sectors.set(data.sectors)
    if org.search_text != old_search_text:
        # Agreements keep the partner's names for their lists and search; refresh them.
        organization_names_changed.send(sender=ForeignOrganization, organization_id=org.pk)
    if org.kind != old_kind:
        # Agreements keep the partner kind and derive who reads them from it (grants).
        organization_kind_changed.send(sender=ForeignOrganization, organization_id=org.pk)
    audit_event_record(
        event="organization.updated",
        target=org,
        actor=actor,
        data=snapshot_diff(before, model_snapshot(org, AUDITED_FIELDS)),
    )
    return org


@transaction.atomic
def organization_set_status(
    *, organization_id: int, status: str, actor: "User | None", reason: str = ""
) -> ForeignOrganization:
    """Change only the registry status (e.g. suspended by a sanction, restored when lifted).

    `actor` None means a system job. Side effect: one `organization.status_changed` event.
    """
    if actor is not None and not actor.can_edit_records:
        raise ApplicationError(_("You may not change the registry."))
    if status not in ForeignOrganization.Status.values:
        raise ApplicationError(_("Unknown status."), {"status": [_("Unknown status.")]})
    org = lock_version(ForeignOrganization.objects, pk=organization_id)
    old = org.status
    if old == status:
        return org
    org.status = status
    org.save(update_fields=["status", "updated_at"])
    audit_event_record(
        event="organization.status_changed",
        target=org,
        actor=actor,
        data={"old": {"status": old}, "new": {"status": status}, "reason": reason},
    )
    return org


@transaction.atomic
def organization_set_published(
    *, organization_id: int, published: bool, actor: "User", reason: str = ""
) -> ForeignOrganization:
    """Show or hide an organization in the public directory. Only operators decide it.

    Side effect: one `organization.publication_changed` event."""
    # SECURITY: an agency officer could hide any organization from the public (issue 13 §3).
    if actor is None or not actor.is_operator:
        raise ApplicationError(_("Only an operator may publish or hide an organization."))
    org = lock_version(ForeignOrganization.objects, pk=organization_id)
    old = org.is_published
    if old == published:
        return org
    org.is_published = published
    org.save(update_fields=["is_published", "updated_at"])
    audit_event_record(
        event="organization.publication_changed",
        target=org,
        actor=actor,
        data={"old": {"is_published": old}, "new": {"is_published": published}, "reason": reason},
    )
    return org


# --- change notices (issue 15 §1) -------------------------------------------------------------

# The fields each kind of change sets; sectors and regions are lists of ids.
CHANGE_FIELDS: dict[str, tuple[str, ...]] = {
    ChangeNotice.Kind.ADDRESS: ("indonesian_office", "headquarters"),
    ChangeNotice.Kind.CONTACT: ("email", "phone", "website"),
    ChangeNotice.Kind.REPRESENTATIVE: ("representative",),
    ChangeNotice.Kind.COUNTRY_DIRECTOR: ("country_director",),
    ChangeNotice.Kind.FUNDING_SOURCE: ("funding_sources",),
    ChangeNotice.Kind.SECTORS: ("sectors",),
    ChangeNotice.Kind.REGIONS: ("regions",),
}
LIST_FIELDS = {"sectors", "regions"}
TEXT_LIMITS = {
    "indonesian_office": 255,
    "headquarters": 255,
    "email": 254,
    "phone": 40,
    "website": 200,
    "representative": 255,
    "country_director": 255,
    "funding_sources": 5000,
}
REQUIRED_FIELDS = {
    "indonesian_office", "representative", "country_director", "funding_sources", "sectors",
    "regions",
}  # fmt: skip


def _may_file(actor: "User", organization_id: int) -> bool:
    """SECURITY: the organization's own representatives (active), or an operator."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if actor.is_operator:
        return True
    return actor.role == actor.Role.ORG_REPRESENTATIVE and actor.organization_id == organization_id


def change_notice_can_file(*, actor: "User", organization_id: int) -> bool:
    return _may_file(actor, organization_id)


def change_notice_can_decide(*, actor: "User") -> bool:
    """SECURITY: an officer of the TPOA secretariat's agency (conf.secretariat_key), or an
    operator."""
    from .conf import secretariat_key

    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_operator:
        return True
    return bool(
        actor.can_edit_records
        and actor.is_government
        and actor.agency is not None
        and actor.agency.key == secretariat_key()
    )


def _current(org: ForeignOrganization, name: str) -> Any:
    if name in LIST_FIELDS:
        return sorted(getattr(org, name).values_list("pk", flat=True))
    return getattr(org, name)


def _clean_change(kind: str, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The proposed values, cleaned, and the per-field errors."""
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator, validate_email

    from mitra.regions.models import Province

    from .models import Sector

    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name in CHANGE_FIELDS[kind]:
        value = values.get(name)
        if name in LIST_FIELDS:
            try:
                ids = sorted({int(v) for v in (value or [])})
            except (TypeError, ValueError):
                errors[name] = [_("Choose from the list.")]
                continue
            model = Sector if name == "sectors" else Province
            if model.objects.filter(pk__in=ids).count() != len(ids):
                errors[name] = [_("Choose from the list.")]
            elif not ids:
                errors[name] = [_("Choose at least one.")]
            cleaned[name] = ids
            continue
        text = clean_name(str(value or "")) if name != "funding_sources" else str(value or "")
        text = text.strip()
        if name in REQUIRED_FIELDS and not text:
            errors[name] = [_("This field is required.")]
        elif len(text) > TEXT_LIMITS[name]:
            errors[name] = [_("At most %(count)s characters.") % {"count": TEXT_LIMITS[name]}]
        elif text and name == "email":
            try:
                validate_email(text)
            except ValidationError:
                errors[name] = [_("Enter a valid email address.")]
        elif text and name == "website":
            try:
                URLValidator(schemes=["http", "https"])(text)
            except ValidationError:
                errors[name] = [_("Enter a valid web address (https://…).")]
        cleaned[name] = text
    return cleaned, errors


def _apply_change(org: ForeignOrganization, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name in LIST_FIELDS:
            getattr(org, name).set(value)
        else:
            setattr(org, name, value)
    org.save()


def _audit_change(notice: ChangeNotice, event: str, actor: "User | None", **data: Any) -> None:
    audit_event_record(
        event=f"organization.change_{event}",
        target=notice.organization,
        actor=actor,
        data={
            "notice": notice.pk,
            "kind": notice.kind,
            "status": notice.status,
            "old": notice.previous,
            "new": notice.proposed,
            **data,
        },
    )


@transaction.atomic
def change_notice_file(
    *,
    organization_id: int,
    kind: str,
    values: dict[str, Any],
    actor: "User",
    explanation: str = "",
) -> ChangeNotice:
    """The organization reports a change. By the change table (`conf.change_rule`) it takes
    effect at once (NOTED: applied, audited `organization.change_noted`, the secretariat told)
    or waits for the secretariat (PENDING: audited `organization.change_filed`, the secretariat
    told). Refuses, writing nothing: another actor; an unknown kind; bad or unchanged values;
    a notice of the same kind still pending."""
    from .conf import NOTICE, change_rule
    from .hooks import change_notice_told

    if not _may_file(actor, organization_id):
        raise ApplicationError(_("You may not report changes for this organization."))
    if kind not in CHANGE_FIELDS:
        raise ApplicationError(
            _("The change was not filed."), {"kind": [_("Choose what changes.")]}
        )
    org = lock_version(ForeignOrganization.objects, pk=organization_id)
    cleaned, errors = _clean_change(kind, values)
    previous = {name: _current(org, name) for name in CHANGE_FIELDS[kind]}
    if not errors and cleaned == previous:
        errors["__all__"] = [_("Nothing changes: the record already says this.")]
    if (
        not errors
        and org.change_notices.filter(kind=kind, status=ChangeNotice.Status.PENDING).exists()
    ):
        errors["kind"] = [_("A change of this kind is already awaiting the secretariat.")]
    if len(explanation) > 5000:
        errors["explanation"] = [_("At most %(count)s characters.") % {"count": 5000}]
    if errors:
        raise ApplicationError(_("The change was not filed."), errors)
    notice = ChangeNotice(
        organization=org,
        kind=kind,
        previous=previous,
        proposed=cleaned,
        explanation=explanation.strip(),
        created_by=actor,
    )
    if change_rule(kind) == NOTICE:
        notice.note()
        notice.save()
        _apply_change(org, cleaned)
        _audit_change(notice, "noted", actor)
        change_notice_told("noted", notice, actor)
    else:
        notice.save()
        _audit_change(notice, "filed", actor)
        change_notice_told("filed", notice, actor)
    return notice


def _lock_notice(notice_id: int) -> ChangeNotice:
    notice = ChangeNotice.objects.select_for_update().filter(pk=notice_id).first()
    if notice is None:
        raise ApplicationError(_("No such change notice."))
    return notice


@transaction.atomic
def change_notice_accept(*, notice_id: int, actor: "User", reason: str = "") -> ChangeNotice:
    """The secretariat accepts a pending change: it takes effect (audited
    `organization.change_accepted`; the organization told; a change of regions tells the
    regions concerned, N5). Refuses: another actor; a notice already decided."""
    from .hooks import change_notice_told

    if not change_notice_can_decide(actor=actor):
        raise ApplicationError(_("Only the TPOA secretariat decides on reported changes."))
    notice = _lock_notice(notice_id)
    if notice.status != ChangeNotice.Status.PENDING:
        raise ApplicationError(
            _("This change was already decided."), {"notice": [notice.get_status_display()]}
        )
    if len(reason) > 5000:
        raise ApplicationError(
            _("The decision was not recorded."),
            {"reason": [_("At most %(count)s characters.") % {"count": 5000}]},
        )
    org = lock_version(ForeignOrganization.objects, pk=notice.organization_id)
    notice.accept()
    _decide(notice, actor, reason)
    _apply_change(org, notice.proposed)
    _audit_change(notice, "accepted", actor, reason=notice.decision_reason)
    change_notice_told("accepted", notice, actor)
    return notice


@transaction.atomic
def change_notice_refuse(*, notice_id: int, actor: "User", reason: str) -> ChangeNotice:
    """The secretariat refuses a pending change, with a reason: nothing changes on the record
    (audited `organization.change_refused`; the organization told). Refuses: another actor;
    no reason; a notice already decided."""
    from .hooks import change_notice_told

    if not change_notice_can_decide(actor=actor):
        raise ApplicationError(_("Only the TPOA secretariat decides on reported changes."))
    notice = _lock_notice(notice_id)
    errors: dict[str, list[str]] = {}
    if notice.status != ChangeNotice.Status.PENDING:
        errors["notice"] = [_("This change was already decided.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reason for refusing.")]
    elif len(reason) > 5000:
        errors["reason"] = [_("At most %(count)s characters.") % {"count": 5000}]
    if errors:
        raise ApplicationError(_("The decision was not recorded."), errors)
    notice.refuse()
    _decide(notice, actor, reason)
    _audit_change(notice, "refused", actor, reason=notice.decision_reason)
    change_notice_told("refused", notice, actor)
    return notice


def _decide(notice: ChangeNotice, actor: "User", reason: str) -> None:
    from django.utils import timezone

    notice.decided_at = timezone.now()
    notice.decided_by = actor
    notice.decision_reason = reason.strip()
    notice.save()
