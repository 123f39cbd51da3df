"""Demo data: Ford Foundation's three active foreign staff (the cap), each requested,
recommended by Ford's partner ministry, approved by Biro KTLN and holding a stay permit, on
Ford's izin prinsip IP-2024-0007 (4 April 2024 → 3 April 2027). Idempotent: found again by
passport number. A fourth request from Ford is refused with the cap named (e2e/test_staff.py)."""

from datetime import date
from typing import TYPE_CHECKING

from mitra.organizations.models import ForeignOrganization
from mitra.permits.models import Permit

from . import services
from .models import ForeignStaffPerson

if TYPE_CHECKING:
    from mitra.accounts.models import User

# name, nationality, passport, its expiry, position, start, end, approved on, then the
# stay permit (KITAS): number, valid from, valid until
FORD_STAFF = [
    ("Maria Schmidt", "DE", "DEMO-C4F1X8", date(2027, 3, 1), "Country director",
     date(2024, 6, 3), date(2027, 4, 2), date(2024, 5, 20), "2C21AA0001-DEMO",
     date(2026, 6, 1), date(2027, 5, 31)),
    ("James Carter", "US", "DEMO-584203117", date(2031, 8, 14), "Program officer",
     date(2025, 1, 6), date(2027, 4, 2), date(2024, 12, 16), "2C21AA0002-DEMO",
     date(2025, 1, 6), date(2027, 1, 5)),
    ("Aiko Tanaka", "JP", "DEMO-TK4471902", date(2030, 2, 9), "Grants manager",
     date(2025, 7, 1), date(2027, 4, 2), date(2025, 6, 16), "2C21AA0003-DEMO",
     date(2025, 7, 1), date(2026, 6, 30)),
]  # fmt: skip


def load_staff_demo(actor: "User") -> int:
    """Ford's three staff; returns how many were created now (0 when already there)."""
    ford = ForeignOrganization.objects.filter(legal_name="Ford Foundation").first()
    permit = Permit.objects.filter(number="IP-2024-0007").first()
    if ford is None or permit is None or permit.partner_ministry_id is None:
        return 0
    created = 0
    for row in FORD_STAFF:
        name, nationality, passport, expires, position, start, end, approved_on = row[:8]
        kitas, kitas_from, kitas_until = row[8:]
        if ForeignStaffPerson.objects.filter(passport_number=passport).exists():
            continue
        request = services.staff_request_create(
            organization_id=ford.pk,
            data=services.StaffRequestInput(
                name=name,
                nationality=nationality,
                passport_number=passport,
                passport_expires_on=expires,
                position=position,
                start_date=start,
                end_date=end,
                partner_ministry_id=permit.partner_ministry_id,
            ),
            actor=actor,
        )
        services.staff_request_recommend(
            request_id=request.pk, note="The position supports the MSP's programme.", actor=actor
        )
        services.staff_request_approve(
            request_id=request.pk,
            approval_number=f"B-{request.pk:03d}/KTLN/TA/{approved_on.year}",
            approved_on=approved_on,
            actor=actor,
        )
        services.staff_request_record_stay_permit(
            request_id=request.pk,
            data=services.StayPermitInput(kitas, kitas_from, kitas_until),
            actor=actor,
        )
        created += 1
    return created
