"""Load reference data: regions, government bodies, sectors. Safe to run again."""

from django.core.management.base import BaseCommand

from mitra.bodies.loader import load_bodies
from mitra.deadlines.reference import load_deadline_reference
from mitra.organizations.reference import load_sectors
from mitra.regions.loader import load_regions


class Command(BaseCommand):
    help = "Load provinces, regencies/cities, government bodies and sectors (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        provinces, regencies = load_regions()
        bodies = load_bodies()
        sectors = load_sectors()
        leave_days, rules = load_deadline_reference()
        self.stdout.write(
            f"Reference data: {provinces} provinces, {regencies} regencies/cities, "
            f"{bodies} government bodies, {sectors} sectors; "
            f"{leave_days} collective leave days and {rules} deadline rules added."
        )
