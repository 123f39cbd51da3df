"""Permits (izin prinsip) and what hangs on them: the list and page, the letter, the
extension, izin operasional and foreign staff; the organization's permits fragment."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.audit.selectors import audit_history
from mitra.core.access import EDITOR, MEMBER, AccessMixin
from mitra.core.charts import build_timeline
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import application_error_text
from mitra.core.pages import saved_or_shown_again
from mitra.deadlines.engine import period_in_force

from .. import forms, roles, selectors, services, validation
from ..conf import RULE_EXTENSION_FILING, setting
from ..models import Application, IzinOperasional, Permit


class OrganizationPermitsView(AccessMixin, View):
    """The organization's izin prinsip with their izin operasional, as a fragment the
    registry's organization page loads (htmx): an official reads at least what the public
    directory shows of an organization (issue 10 §1), and this app owns the licensing rows."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permits = (
            selectors.permit_list(viewer=request.user)
            .filter(organization_id=pk)
            .prefetch_related("operational__issuer")
            .order_by("-valid_from", "-id")
        )
        return render(request, "permits/_organization_permits.html", {"permits": permits})


class PermitListView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        status = request.GET.get("status", "")
        if status not in Permit.EffectiveStatus.values:
            status = ""
        # `?extension_window=1`: the permits whose extension window is open (dashboard).
        window = request.GET.get("extension_window") == "1"
        qs = selectors.permit_list(viewer=request.user, status=status, extension_window=window)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "permits/permit_list.html",
            {
                "page_obj": page,
                "permits": page.object_list,
                "status": status,
                "extension_window": window,
                "querystring": params.urlencode(),
                "today": today(),
            },
        )


def _permit_context(
    request: AuthenticatedHttpRequest, permit: Permit, **extra: Any
) -> dict[str, Any]:
    from mitra.agreements.models import Agreement

    now = today()
    chain = [permit]
    node = permit
    while node.previous is not None and len(chain) < 20:
        node = node.previous
        chain.insert(0, node)
    node = permit
    while hasattr(node, "extended_by") and len(chain) < 20:
        node = node.extended_by
        chain.append(node)
    rows = [
        {
            "label": p.number,
            "sublabel": f"· {p.get_status_display()}",
            "start": p.valid_from,
            "end": p.valid_until,
            "css": "timeline__bar--current" if p.pk == permit.pk else "",
            "url": "",
            "window_start": validation.extension_deadline(p.valid_until)
            if p.pk == permit.pk and p.status == Permit.Status.ACTIVE
            else None,
        }
        for p in chain
    ]
    operational: list[Any] = list(  # each also told whether the user may end it (`can_end`)
        IzinOperasional.objects.filter(permit__organization_id=permit.organization_id)
        .select_related("agreement", "issuer")
        .order_by("-valid_from")
    )
    for io in operational:
        io.can_end = io.status == IzinOperasional.Status.ACTIVE and roles.can_end_operational(
            request.user, io.issuer
        )
    rows += [
        {
            "label": io.number,
            "sublabel": f"· {io.get_status_display()}",
            "start": io.valid_from,
            "end": io.valid_until,
            "css": "",
            "url": "",
        }
        for io in operational
    ]
    user = request.user
    msps = Agreement.objects.none()
    if user.can_edit_records:
        msps = Agreement.objects.editable_by(user).filter(
            type=Agreement.Type.MSP, parties__organization_id=permit.organization_id
        )
    extension_open = Application.objects.filter(extends=permit, status__in=Application.OPEN).first()
    return {
        "permit": permit,
        "timeline": build_timeline(rows, today=now),
        "timeline_title": _("Izin prinsip and izin operasional"),
        "timeline_id": "permit-timeline",
        "operational": operational,
        "staff": list(permit.organization.foreign_staff.all()),
        "extension_deadline": validation.extension_deadline(permit.valid_until),
        "extension_late": validation.extension_is_late(permit.valid_until, now),
        "extension_open": extension_open,
        "can_extend": roles.is_applicant(user, permit.organization_id)
        and permit.in_force
        and not hasattr(permit, "extended_by")
        and extension_open is None,
        "operational_form": extra.get("operational_form") or forms.OperationalForm(agreements=msps),
        "can_add_operational": msps.exists() and permit.status == Permit.Status.ACTIVE,
        "staff_form": extra.get("staff_form") or forms.StaffForm(),
        # The acts after issue (views/lifecycle.py), each for its issuing authority.
        "can_act_for_minister": roles.can_act_for_minister(user) and permit.in_force,
        "can_end_staff": roles.can_end_staff(user),
        "can_add_staff": user.is_operator
        or (user.can_edit_records and roles.agency_key(user) == setting("STAFF_APPROVER")),
        "history": audit_history(target=permit),
        "today": now,
    }


class PermitDetailView(AccessMixin, View):
    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        return render(request, "permits/permit_detail.html", _permit_context(request, permit))


class PermitLetterView(AccessMixin, View):
    """The decision letter, styled for printing."""

    access = MEMBER

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        context = {
            "permit": permit,
            # The filing rule in force on the permit's end date, as the services enforce it.
            "extension_deadline": validation.extension_deadline(permit.valid_until),
            "extension_period": period_in_force(RULE_EXTENSION_FILING, permit.valid_until),
        }
        return render(request, "permits/permit_letter.html", context)


class PermitExtendView(AccessMixin, View):
    """The applicant starts an extension, pre-filled from the current record."""

    access = MEMBER

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        if not roles.is_applicant(request.user, permit.organization_id):
            raise Http404
        try:
            application = services.application_create(
                organization=permit.organization, extends=permit, actor=request.user
            )
        except ApplicationError as error:
            messages.error(request, application_error_text(error))
            return redirect("permits:permit_detail", pk=permit.pk)
        messages.success(request, _("The extension was started from the current record."))
        return redirect("permits:application_edit", pk=application.pk)


class OperationalCreateView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        from mitra.agreements.models import Agreement

        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        msps = Agreement.objects.editable_by(request.user).filter(type=Agreement.Type.MSP)
        form = forms.OperationalForm(request.POST, agreements=msps)

        def save(data: dict[str, Any]) -> None:
            agreement = msps.filter(pk=data["agreement"]).first()
            if agreement is None:
                raise Http404
            services.izin_operasional_create(
                permit_id=permit.pk,
                data=services.OperationalInput(
                    number=data["number"],
                    agreement=agreement,
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                ),
                actor=request.user,
            )

        return saved_or_shown_again(
            request,
            form,
            save,
            done=_("The izin operasional was recorded."),
            then=redirect("permits:permit_detail", pk=permit.pk),
            template="permits/permit_detail.html",
            context=lambda: _permit_context(request, permit, operational_form=form),
        )


class StaffCreateView(AccessMixin, View):
    access = EDITOR

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        permit = selectors.permit_get_for_user(user=request.user, pk=pk)
        form = forms.StaffForm(request.POST)
        return saved_or_shown_again(
            request,
            form,
            lambda data: services.staff_assignment_create(
                organization_id=permit.organization_id,
                data=services.StaffInput(**data),
                actor=request.user,
            ),
            done=_("The assignment was recorded."),
            then=redirect("permits:permit_detail", pk=permit.pk),
            template="permits/permit_detail.html",
            context=lambda: _permit_context(request, permit, staff_form=form),
        )
