from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IatiConfig(AppConfig):
    name = "mitra.iati"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("IATI")

    def ready(self) -> None:
        from mitra.jobs.registry import JobKind, register_kind

        from .tasks import run_iati_folder_job, run_iati_import_job

        # An upload and the configured folder (folder.py) end on the same result and page.
        for name, label, handler, reading_stage, reading_label in (
            ("iati.import", _("IATI import"), run_iati_import_job, "parsing",
             _("Reading activities…")),
            ("iati.import_folder", _("IATI import from the folder"), run_iati_folder_job,
             "reading", _("Reading the files (MB)…")),
        ):  # fmt: skip
            register_kind(
                JobKind(
                    name=name,
                    label=label,
                    handler=handler,
                    result_template="iati/_import_result.html",
                    stages={
                        reading_stage: reading_label,
                        "matching": _("Matching and cross-checking…"),
                    },
                    back_url="iati:upload",
                )
            )
