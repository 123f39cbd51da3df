"""Load reference data: regions, government bodies, sectors, deadline rules, visibility grants.
Safe to run again."""

from django.core.management.base import BaseCommand

from mitra.agreements.access import agreement_rebuild_all_access
from mitra.bodies.loader import load_bodies
from mitra.deadlines.reference import load_deadline_reference
from mitra.grants.reference import load_default_grants
from mitra.organizations.reference import load_sectors
from mitra.regions.loader import load_regions


class Command(BaseCommand):
    help = (
        "Load provinces, regencies/cities, government bodies, sectors, deadline rules and "
        "visibility grants (idempotent)."
    )

    def handle(self, *args: object, **options: object) -> None:
        provinces, regencies = load_regions()
        bodies = load_bodies()
        sectors = load_sectors()
        rules = load_deadline_reference()
        grants = load_default_grants()
        # Grants name bodies by key and read every agreement: recompute who reads what (also
        # after the data migration added the default grants to an existing database).
        agreement_rebuild_all_access()
        self.stdout.write(
            f"Reference data: {provinces} provinces, {regencies} regencies/cities, "
            f"{bodies} government bodies, {sectors} sectors; "
            f"{rules} deadline rules and "
            f"{grants} visibility grants added; agreement access rebuilt."
        )
