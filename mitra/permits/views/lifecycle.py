"""Pages for the acts after issue (lifecycle.py): each a confirmation page that lists what
the act will change and who will be told, then the grounds form. Objects come through scoped
selectors; the authority is checked here for the page and again by the service."""

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from mitra.accounts.http import AuthenticatedHttpRequest
from mitra.core.access import EDITOR, AccessMixin
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import apply_application_errors

from .. import forms, lifecycle, notices, roles, selectors
from ..hooks import suspension_holds
from ..models import ForeignStaffAssignment, IzinOperasional, Permit

if TYPE_CHECKING:
    from mitra.accounts.models import User


def _permit_url(pk: int) -> str:
    return reverse("permits:permit_detail", args=[pk])


def _permit_consequences(permit: Permit, action: str) -> tuple[list[str], list[str]]:
    """(what changes, what stops it) for the confirmation page."""
    org = permit.organization
    blockers: list[str] = []
    if not permit.in_force:
        blockers.append(
            _("This izin prinsip is %(status)s.") % {"status": permit.get_status_display()}
        )
    if action == "suspend":
        if permit.effective_status == Permit.EffectiveStatus.SUSPENDED:
            blockers.append(_("%(org)s is already suspended.") % {"org": org.legal_name})
        return [
            _(
                "%(org)s is suspended: it may not carry out activities nor start new "
                "agreements or work plans until reinstated."
            )
            % {"org": org.legal_name},
            _("Every izin prinsip of %(org)s in force reads suspended.") % {"org": org.legal_name},
        ], blockers
    if action == "reinstate":
        if permit.in_force and permit.effective_status != Permit.EffectiveStatus.SUSPENDED:
            blockers.append(_("This izin prinsip is not suspended."))
        blockers += suspension_holds(org.pk)
        return [
            _("%(org)s is registered again and its izin prinsip in force read active.")
            % {"org": org.legal_name}
        ], blockers
    operational = IzinOperasional.objects.filter(
        permit__organization_id=org.pk, status=IzinOperasional.Status.ACTIVE
    ).count()
    staff = ForeignStaffAssignment.objects.filter(
        organization_id=org.pk, status=ForeignStaffAssignment.Status.ACTIVE
    ).count()
    agreements = notices.dependent_agreements(permit).count()
    return [
        _("The izin prinsip ends today for good; a new application is needed afterwards."),
        _("Izin operasional ended with it: %(n)d.") % {"n": operational},
        _("Foreign staff assignments flagged for Biro KTLN to close: %(n)d.") % {"n": staff},
        _("Agreements flagged, each owner asked to decide whether it continues: %(n)d.")
        % {"n": agreements},
    ], blockers


PERMIT_ACTS = {
    "suspend": lifecycle.permit_suspend,
    "reinstate": lifecycle.permit_reinstate,
    "revoke": lifecycle.permit_revoke,
}


def _permit_titles() -> dict[str, str]:
    return {
        "suspend": _("Suspend the izin prinsip"),
        "reinstate": _("Reinstate the izin prinsip"),
        "revoke": _("Revoke the izin prinsip"),
    }


def _told() -> str:
    return _(
        "Told: the organization, the partner ministry, the owners of its agreements, "
        "Kemendagri's Ditjen Polpum, Biro KTLN and the regional governments with an RKT in "
        "force."
    )


class LifecycleConfirmView(AccessMixin, View):
    """One confirmation page per act: GET shows what changes and who is told, POST takes the
    grounds and calls the service. Subclasses say which record (checking the authority for the
    page), what the page lists, which service acts and where to go after."""

    access = EDITOR
    template_name = "permits/lifecycle_confirm.html"

    def subject(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> Any:
        raise NotImplementedError

    def page(self, subject: Any, form: Any, **kwargs: Any) -> dict[str, Any]:
        raise NotImplementedError

    def perform(self, subject: Any, grounds: dict[str, str], actor: "User", **kwargs: Any) -> None:
        raise NotImplementedError

    def done(self, subject: Any, **kwargs: Any) -> tuple[str, str]:
        """(the success message, the URL to go to)."""
        raise NotImplementedError

    def get(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> HttpResponse:
        subject = self.subject(request, **kwargs)
        return render(
            request, self.template_name, self.page(subject, forms.LifecycleForm(), **kwargs)
        )

    def post(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> HttpResponse:
        subject = self.subject(request, **kwargs)
        form = forms.LifecycleForm(request.POST)
        if form.is_valid():
            grounds = {
                "reason": form.cleaned_data["reason"],
                "legal_basis": form.cleaned_data["legal_basis"],
            }
            try:
                self.perform(subject, grounds, request.user, **kwargs)
            except ApplicationError as error:
                apply_application_errors(form, error)
            else:
                message, url = self.done(subject, **kwargs)
                messages.success(request, message)
                return redirect(url)
        # Re-read: the page lists the record as it is now, whatever the failed act touched.
        subject = self.subject(request, **kwargs)
        return render(request, self.template_name, self.page(subject, form, **kwargs), status=400)


class PermitLifecycleView(LifecycleConfirmView):
    """Suspend, reinstate or revoke an izin prinsip (the TPOA secretariat, for the Minister)."""

    def subject(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> Permit:
        permit = selectors.permit_get_for_user(user=request.user, pk=kwargs["pk"])
        if not roles.can_act_for_minister(request.user):
            raise PermissionDenied
        return permit

    def page(self, subject: Permit, form: Any, **kwargs: Any) -> dict[str, Any]:
        action = kwargs["action"]
        changes, blockers = _permit_consequences(subject, action)
        return {
            "title": _permit_titles()[action],
            "subject": subject,
            "back_url": _permit_url(subject.pk),
            "changes": changes,
            "told": _told(),
            "blockers": blockers,
            "form": form,
            "danger": action != "reinstate",
        }

    def perform(
        self, subject: Permit, grounds: dict[str, str], actor: "User", **kwargs: Any
    ) -> None:
        PERMIT_ACTS[kwargs["action"]](permit_id=subject.pk, actor=actor, **grounds)

    def done(self, subject: Permit, **kwargs: Any) -> tuple[str, str]:
        act = _permit_titles()[kwargs["action"]]
        return _("Done: %(act)s.") % {"act": act}, _permit_url(subject.pk)


class OperationalEndView(LifecycleConfirmView):
    """End an izin operasional (the ministry or regional government that issued it)."""

    def subject(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> IzinOperasional:
        io = selectors.izin_operasional_get_for_user(user=request.user, pk=kwargs["pk"])
        if not roles.can_end_operational(request.user, io.issuer):
            raise PermissionDenied
        return io

    def page(self, subject: IzinOperasional, form: Any, **kwargs: Any) -> dict[str, Any]:
        blockers = []
        if subject.status != IzinOperasional.Status.ACTIVE:
            blockers.append(
                _("This izin operasional is %(status)s already.")
                % {"status": subject.get_status_display()}
            )
        return {
            "title": _("End the izin operasional %(number)s") % {"number": subject.number},
            "subject": subject,
            "back_url": _permit_url(subject.permit_id),
            "changes": [
                _(
                    "The izin operasional ends today. The izin prinsip and the MSP %(msp)s "
                    "stay as they are."
                )
                % {"msp": subject.agreement.title}
            ],
            "told": _("Told: the organization, your agency and the TPOA secretariat."),
            "blockers": blockers,
            "form": form,
            "danger": True,
        }

    def perform(
        self, subject: IzinOperasional, grounds: dict[str, str], actor: "User", **kwargs: Any
    ) -> None:
        lifecycle.izin_operasional_end(operational_id=subject.pk, actor=actor, **grounds)

    def done(self, subject: IzinOperasional, **kwargs: Any) -> tuple[str, str]:
        return _("The izin operasional was ended."), _permit_url(subject.permit_id)


class StaffEndView(LifecycleConfirmView):
    """End a foreign staff assignment (Biro KTLN, which approved it)."""

    def subject(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> ForeignStaffAssignment:
        staff = selectors.staff_assignment_get_for_user(user=request.user, pk=kwargs["pk"])
        if not roles.can_end_staff(request.user):
            raise PermissionDenied
        return staff

    def _permit(self, staff: ForeignStaffAssignment) -> Permit | None:
        return (
            Permit.objects.filter(organization_id=staff.organization_id)
            .order_by("-valid_until")
            .first()
        )

    def page(self, subject: ForeignStaffAssignment, form: Any, **kwargs: Any) -> dict[str, Any]:
        blockers = []
        if subject.status == ForeignStaffAssignment.Status.ENDED:
            blockers.append(_("This assignment has already ended."))
        permit = self._permit(subject)
        return {
            "title": _("End the assignment of %(name)s") % {"name": subject.name},
            "subject": subject,
            "back_url": _permit_url(permit.pk) if permit else reverse("permits:permit_list"),
            "changes": [
                _(
                    "The assignment ends today and no longer counts towards the limit of "
                    "foreign staff of %(org)s."
                )
                % {"org": subject.organization.legal_name}
            ],
            "told": _("Told: the organization and Biro KTLN."),
            "blockers": blockers,
            "form": form,
            "danger": True,
        }

    def perform(
        self, subject: ForeignStaffAssignment, grounds: dict[str, str], actor: "User", **kwargs: Any
    ) -> None:
        lifecycle.staff_assignment_end(assignment_id=subject.pk, actor=actor, **grounds)

    def done(self, subject: ForeignStaffAssignment, **kwargs: Any) -> tuple[str, str]:
        permit = self._permit(subject)
        url = _permit_url(permit.pk) if permit else reverse("permits:permit_list")
        return _("The assignment was ended."), url
