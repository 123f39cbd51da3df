"""SECURITY: who sees foreign staff records and who reads their private numbers.

- Operators and government users see every person and request (names, nationality,
  positions, dates), as they see every assignment in licensing.
- A representative sees the persons and requests of their own organization (a person another
  organization employed before stays hidden unless their organization requested them).
- The passport and stay-permit numbers and dates (`sees_private_data`): the users of the
  organization employing the person, Biro KTLN (settings STAFF_APPROVER), the TPOA
  secretariat, and operators. Nobody else, in pages, the API, notices or audit data.
"""

from typing import Any

from django.db import models
from django.db.models import Q

from mitra.permits.conf import setting


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def agency_key(user: Any) -> str:
    if not _active(user) or not user.is_government or user.agency is None:
        return ""
    return str(user.agency.key)


def is_ktln(user: Any) -> bool:
    return bool(agency_key(user)) and agency_key(user) == setting("STAFF_APPROVER")


def is_tpoa_secretariat(user: Any) -> bool:
    return bool(agency_key(user)) and agency_key(user) == setting("TPOA_SECRETARIAT")


def sees_private_data(user: Any, person: Any) -> bool:
    """SECURITY: whether `user` may read `person`'s passport and stay-permit data."""
    if not _active(user):
        return False
    if user.is_operator or is_ktln(user) or is_tpoa_secretariat(user):
        return True
    return bool(user.organization_id) and user.organization_id == person.organization_id


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "PersonQuerySet":
        if not _active(user):
            return self.none()
        if user.is_operator or user.is_government:
            return self
        if user.organization_id:
            return self.filter(
                Q(organization_id=user.organization_id)
                | Q(requests__organization_id=user.organization_id)
            ).distinct()
        return self.none()


class StaffRequestQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "StaffRequestQuerySet":
        if not _active(user):
            return self.none()
        if user.is_operator or user.is_government:
            return self
        if user.organization_id:
            return self.filter(organization_id=user.organization_id)
        return self.none()
