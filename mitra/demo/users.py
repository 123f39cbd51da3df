"""One demo user per role. Passwords are for demonstration only and printed by `make run`."""

from typing import Any

from mitra.accounts.models import User
from mitra.bodies.models import GovernmentBody
from mitra.organizations.models import ForeignOrganization

DEMO_PASSWORD = "mitra-demo-2024"

# username, full name, role, body key (first that exists) or organization legal name
DEMO_USERS: list[tuple[str, str, str, list[str], str]] = [
    ("operator", "Operator Mitra", User.Role.OPERATOR, [], ""),
    (
        "kemendagri",
        "Officer, Pusat Fasilitasi Kerja Sama",
        User.Role.OFFICER,
        ["kemendagri-pusat-fasker", "kemendagri"],
        "",
    ),
    ("kemendagri_viewer", "Viewer, Kemendagri", User.Role.VIEWER, ["kemendagri"], ""),
    ("kemlu", "Officer, TPOA Secretariat", User.Role.OFFICER, ["kemlu"], ""),
    ("ktln", "Analyst, Biro KTLN", User.Role.OFFICER, ["kemensetneg-biro-ktln", "kemensetneg"], ""),
    ("kemenkes", "Officer, Kementerian Kesehatan", User.Role.OFFICER, ["kemenkes"], ""),
    ("jateng", "Officer, Pemprov Jawa Tengah", User.Role.OFFICER, ["pemprov-33"], ""),
    (
        "ford",
        "Representative, Ford Foundation",
        User.Role.ORG_REPRESENTATIVE,
        [],
        "Ford Foundation",
    ),
]


def ensure_demo_users(only: set[str] | None = None) -> list[tuple[str, str, str]]:
    """Create the demo users once; never reset a password a user changed."""
    created = []
    for username, full_name, role, body_keys, org_name in DEMO_USERS:
        if only is not None and username not in only:
            continue
        body = next(
            (b for k in body_keys if (b := GovernmentBody.objects.filter(key=k).first())), None
        )
        organization = (
            ForeignOrganization.objects.filter(legal_name=org_name).first() if org_name else None
        )
        first, _, last = full_name.partition(", ")
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "body": body,
                "organization": organization,
                "is_staff": role == User.Role.OPERATOR,
                "is_superuser": role == User.Role.OPERATOR,
                "email": f"{username}@demo.mitra.local",
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        created.append((username, str(user.get_role_display()), describe(user)))
    return created


def describe(user: Any) -> str:
    if user.body_id:
        return str(user.body)
    if user.organization_id:
        return str(user.organization)
    return "all agencies"
