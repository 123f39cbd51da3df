"""Who is who in licensing: the secretariats, member agencies and applicants (ADR 0011 roles,
no new user roles: the user's agency decides)."""

from typing import Any

from .conf import setting


def agency_key(user: Any) -> str:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ""
    if not user.is_government or user.agency is None:
        return ""
    return user.agency.key


def secretariat_key(track: str) -> str:
    """The agency running the track: Kemlu for TPOA, KTLN's ministry for multilateral."""
    if track == "multilateral_clearance":
        return setting("MULTILATERAL_SECRETARIAT")
    return setting("TPOA_SECRETARIAT")


def secretariat_tracks(user: Any) -> list[str]:
    """SECURITY: the tracks whose secretariat `user` belongs to (officers and viewers)."""
    key = agency_key(user)
    if not key:
        return []
    return [t for t in ("tpoa", "multilateral_clearance") if secretariat_key(t) == key]


def is_secretariat(user: Any, track: str) -> bool:
    if getattr(user, "is_authenticated", False) and user.is_operator:
        return True
    return track in secretariat_tracks(user)


def can_act_for_secretariat(user: Any, track: str) -> bool:
    """Writes: an officer (not a viewer) of the secretariat agency, or an operator."""
    if not getattr(user, "is_authenticated", False) or not user.can_edit_records:
        return False
    return is_secretariat(user, track)


def is_applicant(user: Any, organization_id: int) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == user.Role.ORG_REPRESENTATIVE
        and user.organization_id == organization_id
    )


def can_act_for_minister(user: Any) -> bool:
    """Suspend, reinstate or revoke an izin prinsip: the TPOA secretariat's officers, for the
    Minister for Foreign Affairs (or operators)."""
    return can_act_for_secretariat(user, "tpoa")


def can_end_operational(user: Any, issuer: Any) -> bool:
    """SECURITY: end an izin operasional: an officer of the ministry or regional government
    that issued it (`issuer`, any unit of it), or an operator."""
    if getattr(user, "is_operator", False):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.can_edit_records
        and user.agency is not None
        and user.agency.pk == issuer.root().pk
    )


def can_end_staff(user: Any) -> bool:
    """SECURITY: record or end a foreign staff assignment: an officer of Biro KTLN's agency
    (settings STAFF_APPROVER), or an operator."""
    if getattr(user, "is_operator", False):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.can_edit_records
        and agency_key(user) == setting("STAFF_APPROVER")
    )
