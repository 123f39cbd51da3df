"""Check the audit hash chain from the first event to the head (docs/dev/audit-chain.md)."""

from django.core.management.base import BaseCommand, CommandError

from mitra.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Walk the audit chain in sequence order and report the first broken link (a changed, "
        "missing or reordered event, a missing tail, unchained events). Exits 1 on failure."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="Database alias to check.")

    def handle(self, *args: object, **options: object) -> None:
        report = audit_chain_verify(using=str(options["database"]))
        summary = (
            f"{report.checked:,} events checked in {report.seconds:.2f} s; "
            f"{report.unchained:,} unchained."
        )
        if not report.ok:
            self.stderr.write(f"Audit chain BROKEN at {report.problem}")
            raise CommandError(f"Audit chain verification failed. {summary}")
        self.stdout.write(
            f"Audit chain OK: {summary} Head: sequence {report.last_sequence}, "
            f"hash {report.last_hash}."
        )
