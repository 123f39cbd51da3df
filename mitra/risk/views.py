"""The supervisor's risk pages (docs/dev/risk.md). The indicators are guidance for review,
never an automatic decision: every page says so."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import GOVERNMENT, OPERATOR, AccessMixin
from mitra.core.charts import bar_percent
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import apply_application_errors
from mitra.jobs.services import job_create

from . import selectors, services
from .access import can_view_risk
from .forms import RiskConfigurationForm
from .indicators import INDICATOR_KEYS, INDICATORS

PAGE_SIZE = 50


def _require_viewer(request: AuthenticatedHttpRequest) -> None:
    """SECURITY: the page is the secretariat's, Biro KTLN's and the operators' (risk.access):
    other government users get 403."""
    if not can_view_risk(request.user):
        raise PermissionDenied


class RiskListView(AccessMixin, View):
    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        _require_viewer(request)
        sort = request.GET.get("sort", "weighted")
        if sort not in selectors.SORTS:
            sort = "weighted"
        config = selectors.risk_configuration()
        qs = selectors.risk_list(viewer=request.user, config=config, sort=sort)
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        weights = config.weights()
        max_weighted = float(sum(weights.values())) or 1.0
        rows: list[dict[str, Any]] = [
            {
                "risk": risk,
                "scores": [getattr(risk, f"score_{key}") for key in INDICATOR_KEYS],
                "bar": bar_percent(getattr(risk, "weighted", 0.0), max_weighted),
            }
            for risk in page.object_list
        ]
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "risk/risk_list.html",
            {
                "page_obj": page,
                "rows": rows,
                "sort": sort,
                "indicators": INDICATORS,
                "weights": [weights[key] for key in INDICATOR_KEYS],
                "config": config,
                "computed_on": rows[0]["risk"].computed_on if rows else None,
                "querystring_without_page": (params.urlencode() + "&") if params else "",
                "is_operator": request.user.is_operator,
            },
        )


class RiskDetailView(AccessMixin, View):
    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        _require_viewer(request)
        organization, risk = selectors.risk_get_for_user(user=request.user, organization_id=pk)
        config = selectors.risk_configuration()
        rows = selectors.indicator_rows(risk, config) if risk is not None else []
        return render(
            request,
            "risk/risk_detail.html",
            {
                "organization": organization,
                "risk": risk,
                "rows": rows,
                "weighted": round(sum(r.contribution for r in rows), 4),
                "config": config,
            },
        )


class RiskConfigurationView(AccessMixin, View):
    access = OPERATOR

    def _render(
        self, request: AuthenticatedHttpRequest, form: RiskConfigurationForm, status: int = 200
    ) -> HttpResponse:
        config = selectors.risk_configuration()
        history = [] if config._state.adding else audit_history(target=config)
        return render(
            request,
            "risk/configuration_form.html",
            {"form": form, "history": history, "indicators": INDICATORS},
            status=status,
        )

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        config = selectors.risk_configuration()
        initial: dict[str, Any] = {
            f"weight_{key}": value for key, value in config.weights().items()
        }
        initial["stale_months"] = config.stale_months
        return self._render(request, RiskConfigurationForm(initial=initial))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = RiskConfigurationForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.risk_configuration_update(
                    data=services.ConfigurationInput(
                        weights={key: d[f"weight_{key}"] for key in INDICATOR_KEYS},
                        stale_months=d["stale_months"],
                    ),
                    actor=request.user,
                )
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                messages.success(request, _("The risk configuration was saved."))
                return redirect("risk:list")
        return self._render(request, form, status=400)


class RiskRefreshView(AccessMixin, View):
    access = OPERATOR

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        # The task worker computes them (seconds at national scale, too long for a request);
        # the job page shows the progress and the count.
        job = job_create(
            kind="risk.refresh", owner=request.user, language=translation.get_language() or ""
        )
        return redirect("jobs:detail", pk=job.pk)
