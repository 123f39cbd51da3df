"""Project-wide views."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness probe for load balancers: no database access."""
    return JsonResponse({"status": "ok"})


healthz.access = "public"  # type: ignore[attr-defined]
