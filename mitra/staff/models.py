"""Foreign staff (tenaga asing) as people (domain.md §3.10, §4.10, N9; issue 15 §2).

A `ForeignStaffPerson` is one person across organizations and assignments, so the cumulative
5-year limit (N9) counts every assignment they held. Their passport and stay-permit (KITAS)
numbers are private: `querysets.sees_private_data` says who reads them, and no audit event,
notice or deadline ever carries them.

A `StaffRequest` is an organization's request for Biro KTLN's assignment approval:
requested → recommended (the partner ministry) → approved (Biro KTLN, which records the
`permits.ForeignStaffAssignment`) → active (the stay permit's dates recorded); refused (with
the reason) by the partner ministry or Biro KTLN before approval. `PersonAssignment` links
each assignment (also those recorded before persons existed) to its person.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from mitra.core.models import TimeStampedModel

from .querysets import PersonQuerySet, StaffRequestQuerySet


class ForeignStaffPerson(TimeStampedModel):
    name = models.CharField(_("name"), max_length=255)
    nationality = models.CharField(_("nationality"), max_length=2)
    # The organization employing the person now (the last approved request's): its users read
    # the private numbers below.
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="staff_persons",
    )
    # Private: the organization's users, Biro KTLN, the TPOA secretariat (and operators) only.
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    passport_expires_on = models.DateField(_("passport expires on"), null=True, blank=True)
    stay_permit_number = models.CharField(
        _("stay permit (KITAS) number"), max_length=60, blank=True
    )
    stay_permit_valid_from = models.DateField(_("stay permit valid from"), null=True, blank=True)
    stay_permit_valid_until = models.DateField(_("stay permit valid until"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("foreign staff member")
        verbose_name_plural = _("foreign staff members")

    def __str__(self) -> str:
        return self.name


class PersonAssignment(models.Model):
    """Whose assignment it is: one person per `permits.ForeignStaffAssignment`."""

    person = models.ForeignKey(
        ForeignStaffPerson, on_delete=models.PROTECT, related_name="assignment_links"
    )
    assignment = models.OneToOneField(
        "permits.ForeignStaffAssignment", on_delete=models.CASCADE, related_name="person_link"
    )

    class Meta:
        verbose_name = _("person's assignment")
        verbose_name_plural = _("persons' assignments")

    def __str__(self) -> str:
        return f"{self.person_id} → {self.assignment_id}"


class StaffRequest(FSMModelMixin, TimeStampedModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        RECOMMENDED = "recommended", _("Recommended by the partner ministry")
        APPROVED = "approved", _("Approved by Biro KTLN")
        ACTIVE = "active", _("Stay permit recorded")
        REFUSED = "refused", _("Refused")

    OPEN_STATES = (Status.REQUESTED, Status.RECOMMENDED)

    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="staff_requests",
    )
    person = models.ForeignKey(
        ForeignStaffPerson,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    position = models.CharField(pgettext_lazy("job", "position"), max_length=255)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    partner_ministry = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("partner ministry"),
        on_delete=models.PROTECT,
        related_name="staff_requests",
    )
    status = FSMField(
        _("status"),
        default=Status.REQUESTED,
        choices=Status.choices,
        protected=True,
        db_index=True,
    )
    requested_on = models.DateField(_("requested on"))
    recommendation = models.TextField(_("recommendation"), blank=True)
    recommended_on = models.DateField(_("recommended on"), null=True, blank=True)
    approval_number = models.CharField(_("KTLN approval number"), max_length=80, blank=True)
    approved_on = models.DateField(_("KTLN approved on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    assignment = models.OneToOneField(
        "permits.ForeignStaffAssignment",
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_request",
    )

    objects = StaffRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("foreign staff request")
        verbose_name_plural = _("foreign staff requests")

    def __str__(self) -> str:
        return f"{self.person} ({self.position})"

    # Transitions set the request's own fields; the services check, save, audit and notify.
    @transition(field=status, source=Status.REQUESTED, target=Status.RECOMMENDED)
    def recommend(self, *, note: str, on) -> None:
        self.recommendation = note
        self.recommended_on = on

    @transition(field=status, source=Status.RECOMMENDED, target=Status.APPROVED)
    def approve(self, *, number: str, on, assignment) -> None:
        self.approval_number = number
        self.approved_on = on
        self.assignment = assignment

    @transition(field=status, source=[Status.REQUESTED, Status.RECOMMENDED], target=Status.REFUSED)
    def refuse(self, *, reason: str, on) -> None:
        self.refusal_reason = reason
        self.refused_on = on

    @transition(field=status, source=Status.APPROVED, target=Status.ACTIVE)
    def record_stay_permit(self) -> None:
        """The stay permit's number and dates are on the person (private)."""
