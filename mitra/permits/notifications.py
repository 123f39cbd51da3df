"""Emails sent by licensing (console backend by default). In-app notifications are the
deadlines app's; here: email and the audit trail."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from mitra.bodies.models import GovernmentBody

from .models import Permit


def _addresses_for(bodies: list[GovernmentBody]) -> list[str]:
    from mitra.accounts.models import User

    roots = {b.root().pk for b in bodies if b is not None}
    addresses = []
    for user in User.objects.filter(is_active=True, body__isnull=False).select_related("body"):
        if user.email and user.body.root().pk in roots:
            addresses.append(user.email)
    return sorted(set(addresses))


def notify_permit_ended(*, permit: Permit, agreements: list[Any]) -> int:
    """Tell the partner ministry, Kemendagri and the regional governments concerned (N14)."""
    bodies: list[GovernmentBody] = []
    if permit.partner_ministry_id:
        bodies.append(permit.partner_ministry)
    bodies += list(GovernmentBody.objects.filter(key="kemendagri"))
    province_ids: set[int] = set()
    if permit.application_id:
        province_ids |= set(permit.application.provinces.values_list("pk", flat=True))
    for agreement in agreements:
        bodies.append(agreement.owner)
        province_ids |= set(agreement.provinces.values_list("pk", flat=True))
    if province_ids:
        bodies += list(
            GovernmentBody.objects.filter(
                kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province_id__in=province_ids
            )
        )
    recipients = _addresses_for(bodies)
    if not recipients:
        return 0
    context = {"permit": permit, "agreements": agreements}
    subject = render_to_string("permits/emails/permit_ended_subject.txt", context).strip()
    body = render_to_string("permits/emails/permit_ended.txt", context)
    return send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), recipients)
