"""Recompute every AgreementAccess row (owner, parties, sharing, visibility grants)."""

from django.core.management.base import BaseCommand

from mitra.agreements.access import agreement_rebuild_all_access
from mitra.agreements.models import AgreementAccess


class Command(BaseCommand):
    help = "Rebuild the agreement access table from its sources and the grants in force today."

    def handle(self, *args: object, **options: object) -> None:
        agreement_rebuild_all_access()
        self.stdout.write(f"{AgreementAccess.objects.count()} access rows.")
