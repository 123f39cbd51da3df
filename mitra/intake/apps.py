from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "mitra.intake"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.jobs.registry import JobKind, register_kind

        from .imports import JOB_KIND, run_import_job

        # Imports run in the task worker as jobs (docs/intake.md "Imports").
        register_kind(
            JobKind(
                name=JOB_KIND,
                label=_("Import of activities and reports"),
                handler=run_import_job,
                result_template="intake/_import_job_result.html",
                stages={"reading": _("Reading the file…"), "saving": _("Checking and saving…")},
                back_url="intake:import",
            )
        )
