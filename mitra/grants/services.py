"""Writing visibility grants. Operators only; every change audited.

`grant_save` writes the grant; whoever calls it then rebuilds the agreement access table
(`mitra.agreements.access.agreement_rebuild_all_access`): the admin does both in one
transaction. This app imports no domain app above `bodies` (ADR 0015)."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record, model_snapshot, snapshot_diff
from mitra.bodies.models import GovernmentBody
from mitra.core.exceptions import ApplicationError

from .models import VisibilityGrant

if TYPE_CHECKING:
    from mitra.accounts.models import User

AUDITED_FIELDS = [
    "code", "version", "name", "rule", "grantee_keys", "grantee_setting", "organization_kinds",
    "role", "legal_basis", "confidence", "read_right_is_design_decision", "valid_from",
    "active", "notes",
]  # fmt: skip

ORGANIZATION_KINDS = {
    "foreign_ngo", "regional_org", "multilateral_org", "un_agency", "foreign_gov_agency",
    "foreign_local_gov",
}  # fmt: skip


def grant_validate(grant: VisibilityGrant) -> dict[str, list[str]]:
    """Per-field errors of a grant (empty when it is valid)."""
    errors: dict[str, list[str]] = {}
    if grant.rule not in VisibilityGrant.Rule.values:
        errors["rule"] = [_("Unknown rule.")]
    keys = grant.grantee_keys
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        errors["grantee_keys"] = [_("Give a list of body keys.")]
    else:
        known = set(GovernmentBody.objects.filter(key__in=keys).values_list("key", flat=True))
        unknown = [k for k in keys if k not in known]
        if unknown:
            errors["grantee_keys"] = [
                _("Unknown body keys: %(keys)s.") % {"keys": ", ".join(unknown)}
            ]
    if grant.grantee_setting:
        listed = getattr(settings, "MITRA", {}).get(grant.grantee_setting)
        if not isinstance(listed, (list, tuple)) or not all(isinstance(k, str) for k in listed):
            errors["grantee_setting"] = [
                _("settings.MITRA has no list of body keys named %(name)s.")
                % {"name": grant.grantee_setting}
            ]
    kinds = grant.organization_kinds
    if not isinstance(kinds, list) or not set(kinds) <= ORGANIZATION_KINDS:
        errors["organization_kinds"] = [_("Give a list of known organization kinds.")]
    if grant.rule == VisibilityGrant.Rule.ORG_KIND and not kinds:
        errors.setdefault("organization_kinds", []).append(
            _("This rule needs at least one organization kind.")
        )
    needs_grantees = grant.rule in (
        VisibilityGrant.Rule.ORG_KIND,
        VisibilityGrant.Rule.REGIONAL_ORMAS,
        VisibilityGrant.Rule.REGIONAL_COOPERATION,
    )
    if needs_grantees and not keys and not grant.grantee_setting:
        errors["grantee_keys"] = [_("Name the bodies that read, or a setting that lists them.")]
    return errors


@transaction.atomic
def grant_save(*, grant: VisibilityGrant, actor: "User") -> VisibilityGrant:
    """Create or change a grant version (operators only); audited with before and after.

    Raises ApplicationError with per-field messages and writes nothing then. The caller
    rebuilds the agreement access table afterwards (a grant changes who reads what)."""
    if actor is None or not getattr(actor, "is_operator", False):
        raise ApplicationError(_("Only operators may change visibility grants."))
    errors = grant_validate(grant)
    if errors:
        raise ApplicationError(_("The grant was not saved."), errors)
    before = None
    if grant.pk:
        old = VisibilityGrant.objects.select_for_update().get(pk=grant.pk)
        before = model_snapshot(old, AUDITED_FIELDS)
    grant.save()
    after = model_snapshot(grant, AUDITED_FIELDS)
    audit_event_record(
        event="visibility_grant.updated" if before else "visibility_grant.created",
        target=grant,
        actor=actor,
        data=snapshot_diff(before, after) if before else {"new": after},
    )
    return grant
