from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IatiConfig(AppConfig):
    name = "mitra.iati"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("IATI")

    def ready(self) -> None:
        from mitra.jobs.registry import JobKind, register_kind

        from .tasks import run_iati_import_job

        register_kind(
            JobKind(
                name="iati.import",
                label=_("IATI import"),
                handler=run_iati_import_job,
                result_template="iati/_import_result.html",
                stages={
                    "parsing": _("Reading activities…"),
                    "matching": _("Matching and cross-checking…"),
                },
                back_url="iati:upload",
            )
        )
