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
    # Kemendagri's TPOA member and supervisor of ormas asing in the regions (domain.md §2.4).
    ("polpum", "Officer, Ditjen Polpum", User.Role.OFFICER, ["kemendagri-ditjen-polpum"], ""),
    # The province's monitoring unit (domain.md §2.6) and a city government of the province.
    (
        "kesbangpol",
        "Officer, Kesbangpol Jawa Tengah",
        User.Role.OFFICER,
        ["pemprov-33-kesbangpol"],
        "",
    ),
    ("semarang", "Officer, Pemerintah Kota Semarang", User.Role.OFFICER, ["pemkot-33.74"], ""),
    # The TPOA members without another demo user (permits/conf.py TPOA_MEMBERS; the units
    # that review for them in practice, domain.md §2.3, where the reference data has them).
    ("kemhan", "Officer, Kementerian Pertahanan", User.Role.OFFICER, ["kemhan"], ""),
    ("kemenkeu", "Officer, DJP Kemenkeu", User.Role.OFFICER, ["kemenkeu-djp", "kemenkeu"], ""),
    ("polri", "Officer, Baintelkam Polri", User.Role.OFFICER, ["polri-baintelkam", "polri"], ""),
    ("bin", "Officer, Badan Intelijen Negara", User.Role.OFFICER, ["bin"], ""),
    (
        "ford",
        "Representative, Ford Foundation",
        User.Role.ORG_REPRESENTATIVE,
        [],
        "Ford Foundation",
    ),
]


def government_usernames() -> set[str]:
    """The demo users that belong to no foreign organization: they need only the reference
    data, so they exist before the demo records (and act in them: the member agencies give
    their own opinions)."""
    return {username for username, _n, _r, _b, org_name in DEMO_USERS if not org_name}


def ensure_demo_users(only: set[str] | None = None) -> list[tuple[str, str, str]]:
    """Create the demo users once; never reset a password a user changed.

    A user whose body or organization is not there yet is left for a later run (never created
    without it)."""
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
        missing = (body_keys and body is None) or (org_name and organization is None)
        if missing and not User.objects.filter(username=username).exists():
            continue
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
