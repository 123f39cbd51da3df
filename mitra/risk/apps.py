from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "mitra.risk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.jobs.registry import JobKind, register_kind

        from .tasks import run_risk_refresh_job

        # "Recompute now" on the risk page: ~10 s at national scale, so the task worker runs
        # it and the operator follows it on the job page.
        register_kind(
            JobKind(
                name="risk.refresh",
                label=_("Risk indicators recomputed"),
                handler=run_risk_refresh_job,
                result_template="risk/_refresh_result.html",
                stages={"compute": _("Computing the indicators")},
                back_url="risk:list",
            )
        )
