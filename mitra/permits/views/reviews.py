"""The member agencies' review inbox and the opinion a member gives on an application."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import GOVERNMENT, AccessMixin
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import application_error_text

from .. import forms, roles, selectors, services
from ..models import AgencyReview, Track


class ReviewInboxView(AccessMixin, View):
    """A member agency's open reviews with their due dates."""

    access = GOVERNMENT

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        # `?overdue=1`: a secretariat's overdue member reviews (its tracks, every agency).
        overdue = request.GET.get("overdue") == "1"
        track = request.GET.get("track", "")
        track = track if track in Track.values else ""
        if overdue:
            qs = selectors.overdue_member_reviews(viewer=request.user, track=track)
        else:
            qs = selectors.review_inbox(viewer=request.user)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "permits/review_inbox.html",
            {
                "page_obj": page,
                "reviews": page.object_list,
                "today": today(),
                "overdue": overdue,
                "querystring": urlencode({"overdue": 1, "track": track}) if overdue else "",
            },
        )


class ReviewDetailView(AccessMixin, View):
    access = GOVERNMENT

    def _context(
        self, request: AuthenticatedHttpRequest, review: AgencyReview, form: Any = None
    ) -> Any:
        application = review.application
        own = request.user.is_operator or (
            request.user.agency is not None and request.user.agency.pk == review.agency_id
        )
        return {
            "review": review,
            "application": application,
            "text_visible": selectors.review_text_visible(
                review=review, user=request.user, application=application
            ),
            "can_decide": own and request.user.can_edit_records and not review.is_decided,
            "can_reopen": review.is_decided
            and not hasattr(review, "superseded_by")
            and request.user.can_edit_records
            and (own or roles.can_act_for_secretariat(request.user, application.track)),
            "form": form or forms.ReviewForm(),
            "today": today(),
        }

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        review = selectors.review_get_for_user(user=request.user, pk=pk)
        return render(request, "permits/review_detail.html", self._context(request, review))

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        review = selectors.review_get_for_user(user=request.user, pk=pk)
        operation = request.POST.get("operation", "decide")
        try:
            if operation == "start":
                services.review_start(review_id=review.pk, actor=request.user)
            elif operation == "reopen":
                new = services.review_reopen(review_id=review.pk, actor=request.user)
                messages.success(request, _("A new review was opened."))
                return redirect("permits:review_detail", pk=new.pk)
            else:
                form = forms.ReviewForm(request.POST)
                if not form.is_valid():
                    return render(
                        request,
                        "permits/review_detail.html",
                        self._context(request, review, form),
                        status=400,
                    )
                services.review_decide(review_id=review.pk, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, application_error_text(error))
        else:
            messages.success(request, _("The opinion was recorded."))
        return redirect("permits:review_detail", pk=review.pk)
