"""New from text: paste or upload a press item, review the proposed records, confirm."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.agreements.models import Agreement
from mitra.core.access import EDITOR, AccessMixin
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import (
    CHECK_CHANGE,
    CHECK_CONFIRM,
    carried_entries,
    check_step,
    form_answers,
)
from mitra.meetings.models import Meeting

from . import highlight, selectors, services
from .forms import AgreementReviewFormSet, MeetingReviewForm, SourceForm
from .models import IntakeSubmission


class IntakeNewView(AccessMixin, View):
    access = EDITOR

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, "intake/new.html", {"form": SourceForm()})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = SourceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                submission = services.intake_submission_create(
                    text=form.cleaned_data["text"],
                    filename=form.cleaned_data.get("filename", ""),
                    actor=request.user,
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                return redirect("intake:review", pk=submission.pk)
        return render(request, "intake/new.html", {"form": form}, status=400)


# Names the services give their errors under (theirs and the agreement and organization
# services') -> the review form field they are about.
AGREEMENT_ERROR_FIELDS = {
    "owner": "government_body",
    "foreign_parties": "partner",
    "legal_name": "new_partner_name",
    "acronym": "new_partner_acronym",
    "kind": "new_partner_kind",
    "country": "new_partner_country",
    "start_date": "start_year",
    "end_date": "end_year",
    "duration_months": "duration_years",
}


def _messages(value: Any) -> list[str]:
    values = value if isinstance(value, (list, tuple)) else [value]
    return [str(v) for v in values if str(v).strip() not in ("", "?")]


def attach_errors(
    error: ApplicationError, meeting_form: MeetingReviewForm, formset: Any
) -> list[str]:
    """Put each of the service's field errors next to its field, in words. Returns the
    messages that belong to no field (shown at the top, without any field path)."""
    loose: list[str] = []
    forms_ = list(formset.forms)
    for key, value in (error.extra or {}).items():
        messages_ = _messages(value) or [error.message]
        parts = str(key).split(".")
        form: Any = None
        field = ""
        if parts[0] == "meeting":
            form, field = meeting_form, ".".join(parts[1:])
        elif parts[0] == "agreements" and len(parts) >= 2 and parts[1].isdigit():
            index = int(parts[1])
            form = forms_[index] if index < len(forms_) else None
            field = ".".join(parts[2:])
            field = AGREEMENT_ERROR_FIELDS.get(field, field)
        if form is None:
            loose += messages_
        elif field in form.fields:
            for message in messages_:
                form.add_error(field, message)
        else:
            for message in messages_:
                form.add_error(None, message)
    return loose


def _withheld_by_field(rows: list[dict[str, Any]], prefix: str) -> dict[str, list[dict[str, Any]]]:
    """Withheld values of one form ("meeting." or "agreements.0."), by form field."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        field = str(row.get("field") or "")
        if field.startswith(prefix):
            found.setdefault(field[len(prefix) :], []).append({**row, "percent": _percent(row)})
    return found


def _percent(row: dict[str, Any]) -> int:
    return round(float(row.get("confidence") or 0) * 100)


def _review_context(
    request: HttpRequest,
    submission: IntakeSubmission,
    meeting_form: MeetingReviewForm,
    formset: Any,
    error: ApplicationError | None = None,
) -> dict[str, Any]:
    extraction = submission.extraction or {}
    proposal = extraction.get("proposal") or {}
    evidence = extraction.get("evidence") or []
    text = submission.source_text
    rows = highlight.snippets(text, evidence)
    by_field: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_field.setdefault(row["field"], []).append(row)
    proposals = proposal.get("agreements") or []
    withheld = proposal.get("withheld") or []
    agreements = []
    for index, form in enumerate(formset.forms):
        item: dict[str, Any] = proposals[index] if index < len(proposals) else {}
        partner_name = item.get("partner_name", "")
        ids = {a for a in (item.get("existing"), item.get("renews")) if a}
        # Looked up by the proposal's ids (JSON values: an int, or None when it names none).
        linked: dict[int | None, Agreement] = {
            a.pk: a for a in Agreement.objects.visible_to(request.user).filter(pk__in=ids)
        }
        agreements.append(
            {
                "form": form,
                "item": item,
                "number": index + 1,
                "existing": linked.get(item.get("existing")),
                "renews": linked.get(item.get("renews")),
                "partner_evidence": [
                    r for r in by_field.get("foreign_parties", []) if r["value"] == partner_name
                ][:1],
                "period_evidence": by_field.get(f"agreements.{index}.period", []),
                "duration_evidence": by_field.get(f"agreements.{index}.duration", []),
                "sentence_evidence": [
                    r for r in by_field.get("agreements", []) if r["value"] == partner_name
                ][:1],
                "type_evidence": by_field.get(f"agreements.{index}.document_type", []),
                "withheld": _withheld_by_field(withheld, f"agreements.{index}."),
            }
        )
    field_errors: list[str] = []
    if error is not None:
        field_errors = attach_errors(error, meeting_form, formset)
    threshold = proposal.get("min_confidence")
    return {
        "submission": submission,
        "meeting_form": meeting_form,
        "formset": formset,
        "agreements": agreements,
        "evidence": by_field,
        "signatories": proposal.get("signatories") or [],
        "existing_meeting": (proposal.get("meeting") or {}).get("existing"),
        "existing_meeting_title": (proposal.get("meeting") or {}).get("existing_title") or "",
        "government_parties": (proposal.get("meeting") or {}).get("government_parties") or [],
        "segments": highlight.segments(text, evidence),
        "error": error,
        "field_errors": field_errors,
        "confirmed": submission.status == IntakeSubmission.Status.CONFIRMED,
        "withheld": _withheld_by_field(withheld, "meeting."),
        "agreements_withheld": any(a["withheld"] for a in agreements),
        "withheld_elsewhere": [
            {**row, "percent": _percent(row)}
            for row in withheld
            if str(row.get("field")) in ("regions", "sectors")
        ],
        "threshold_percent": round(float(threshold) * 100) if threshold is not None else None,
        "detected_regions": (proposal.get("meeting") or {}).get("regions") or [],
        "detected_sectors": (proposal.get("meeting") or {}).get("sectors") or [],
    }


def _check_context(
    request: HttpRequest, submission: IntakeSubmission, meeting_form: Any, formset: Any
) -> dict[str, Any]:
    """Check your answers: the valid review's answers, by the event and each agreement."""
    sections = [{"title": _("The event"), "answers": form_answers(meeting_form)}]
    for index, form in enumerate(formset.forms):
        sections.append(
            {
                "title": _("Agreement %(number)s") % {"number": index + 1},
                "answers": form_answers(form),
            }
        )
    return {
        "submission": submission,
        "sections": sections,
        "carry": carried_entries(request),
        "action": reverse("intake:review", args=[submission.pk]),
    }


class IntakeReviewView(AccessMixin, View):
    access = EDITOR

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk)
        proposal = (submission.extraction or {}).get("proposal") or {}
        meeting_form = MeetingReviewForm(
            prefix="meeting", initial=MeetingReviewForm.initial_from(proposal.get("meeting") or {})
        )
        formset = AgreementReviewFormSet(
            prefix="agreements",
            initial=[
                AgreementReviewFormSet.form.initial_from(a) for a in proposal.get("agreements", [])
            ],
            form_kwargs={"user": request.user},
        )
        context = _review_context(request, submission, meeting_form, formset)
        return render(request, "intake/review.html", context)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk)
        meeting_form = MeetingReviewForm(request.POST, prefix="meeting")
        formset = AgreementReviewFormSet(
            request.POST, prefix="agreements", form_kwargs={"user": request.user}
        )
        error = None
        if submission.status != IntakeSubmission.Status.DRAFT:
            error = ApplicationError(_("This submission was already confirmed."))
        elif (
            meeting_form.is_valid() and formset.is_valid() and check_step(request) != CHECK_CONFIRM
        ):
            # Check your answers before anything is saved; "Change" returns to the review.
            if check_step(request) != CHECK_CHANGE:
                context = _check_context(request, submission, meeting_form, formset)
                return render(request, "intake/check.html", context)
            context = _review_context(request, submission, meeting_form, formset)
            return render(request, "intake/review.html", context)
        elif meeting_form.is_valid() and formset.is_valid():
            reviewed = {
                "meeting": meeting_form.to_reviewed(),
                "agreements": [form.to_reviewed() for form in formset.forms],
            }
            try:
                services.intake_confirm(
                    submission_id=submission.pk, reviewed=reviewed, actor=request.user
                )
            except ApplicationError as exc:
                error = exc
            else:
                return redirect(reverse("intake:detail", args=[submission.pk]) + "?saved=1")
        context = _review_context(request, submission, meeting_form, formset, error)
        return render(request, "intake/review.html", context, status=400)


class IntakeDetailView(AccessMixin, View):
    """What a confirmed submission created or linked to."""

    access = EDITOR

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk)
        records = submission.created_records or {}
        visible = Agreement.objects.visible_to(request.user)
        context = {
            "submission": submission,
            "created": list(visible.filter(pk__in=records.get("agreements") or [])),
            "linked": list(visible.filter(pk__in=records.get("linked") or [])),
            "organizations": records.get("organizations") or [],
            "meetings": list(
                Meeting.objects.visible_to(request.user).filter(
                    pk__in=[
                        *(records.get("meetings") or []),
                        *(records.get("linked_meetings") or []),
                    ]
                )
            ),
        }
        return render(request, "intake/detail.html", context)
