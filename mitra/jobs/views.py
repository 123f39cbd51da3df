"""The job page and its progress fragment (htmx polls it while the job runs).

Access: MEMBER declared; the job is fetched through `jobs_visible_to` (the owner's own), so
anyone else gets 404.
"""

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import MEMBER, AccessMixin

from .models import Job
from .registry import get_kind
from .selectors import job_get_for_user


def _job_or_404(request: AuthenticatedHttpRequest, pk: int) -> Job:
    job = job_get_for_user(user=request.user, job_id=pk)
    if job is None:
        raise Http404
    return job


def job_context(job: Job) -> dict[str, Any]:
    kind = get_kind(job.kind)
    return {
        "job": job,
        "job_kind": kind,
        "stage_label": (kind.stages.get(job.stage, "") if kind and job.stage else ""),
    }


class JobDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        job = _job_or_404(request, pk)
        return render(request, "jobs/detail.html", job_context(job))


class JobProgressView(AccessMixin, View):
    """The progress fragment. Polled every second while the job runs; the fragment of a
    finished job carries no trigger, so polling stops, and asks htmx to reload the page, which
    then shows the result."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        job = _job_or_404(request, pk)
        response = render(request, "jobs/_progress.html", job_context(job))
        if job.is_finished and request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"
        return response
