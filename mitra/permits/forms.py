"""Licensing forms: parsing only; the services hold the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mitra.bodies.models import GovernmentBody
from mitra.core.forms import BootstrapFormMixin
from mitra.deadlines.engine import period_in_force
from mitra.meetings.models import Meeting
from mitra.regions.models import Province

from .conf import RULE_MAX_VALIDITY, RULE_QUERY, RULE_REVIEW
from .models import DOCUMENT_ITEMS, AgencyReview, Deliberation, QueryReason, RejectionReason
from .services import PROFILE_FIELDS, ApplicationInput
from .validation import CHANGE_SECTIONS, SECTION_LABELS

DATE = forms.DateInput(attrs={"type": "date"})


def _ministries() -> Any:
    return GovernmentBody.objects.filter(parent__isnull=True).order_by("name")


class ApplicationForm(BootstrapFormMixin, forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), required=False, max_length=255)
    country = forms.CharField(label=_("Country (ISO code)"), required=False, max_length=2)
    headquarters = forms.CharField(label=_("Headquarters address"), required=False)
    indonesian_office = forms.CharField(label=_("Indonesian office address"), required=False)
    representative_name = forms.CharField(label=_("Head of representative"), required=False)
    representative_nationality = forms.CharField(
        label=_("Nationality of the head of representative"), required=False
    )
    vision_mission = forms.CharField(
        label=_("Vision and mission"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    programmes = forms.CharField(
        label=_("Planned programmes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Regions (provinces)"), queryset=Province.objects.all(), required=False
    )
    partner_ministry = forms.ModelChoiceField(
        label=_("Proposed partner ministry"), queryset=_ministries(), required=False
    )
    funding_sources = forms.CharField(
        label=_("Sources of funds"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    funding_amount = forms.DecimalField(
        label=_("Amount of funds"), required=False, max_digits=16, decimal_places=2
    )
    funding_currency = forms.CharField(label=_("Currency"), required=False, max_length=3)
    local_partners = forms.CharField(
        label=_("Local partners (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    changes_summary = forms.CharField(
        label=_("What changed since the current izin prinsip"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, extension: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ministry: Any = self.fields["partner_ministry"]
        ministry.queryset = _ministries()
        self.extension = extension
        if not extension:
            del self.fields["changes_summary"]
            return
        self.fields["changes_summary"].label = _("Summary of what changed (optional)")
        # An extension says what changed in each section ("No change" is an answer).
        for name in CHANGE_SECTIONS:
            self.fields[f"changes_{name}"] = forms.CharField(
                label=_("What changed: %(section)s") % {"section": SECTION_LABELS[name]},
                required=False,
                max_length=2000,
                help_text=_("Write “No change” if nothing changed."),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def change_fields(self) -> list[Any]:
        return [
            self[f"changes_{name}"] for name in CHANGE_SECTIONS if f"changes_{name}" in self.fields
        ]

    @staticmethod
    def initial_from(application: Any) -> dict[str, Any]:
        initial = {k: (application.profile or {}).get(k, "") for k in PROFILE_FIELDS}
        initial.update(
            programmes=application.programmes,
            provinces=list(application.provinces.all()),
            partner_ministry=application.partner_ministry,
            funding_sources=application.funding_sources,
            funding_amount=application.funding_amount,
            funding_currency=application.funding_currency,
            local_partners=application.local_partners,
            changes_summary=application.changes_summary,
        )
        for name in CHANGE_SECTIONS:
            initial[f"changes_{name}"] = (application.section_changes or {}).get(name, "")
        return initial

    def to_input(self) -> ApplicationInput:
        d = self.cleaned_data
        return ApplicationInput(
            profile={k: d.get(k) or "" for k in PROFILE_FIELDS},
            programmes=d["programmes"],
            provinces=list(d["provinces"]),
            partner_ministry=d["partner_ministry"],
            funding_sources=d["funding_sources"],
            funding_amount=d["funding_amount"],
            funding_currency=d["funding_currency"] or "",
            local_partners=d["local_partners"],
            changes_summary=d.get("changes_summary", ""),
            section_changes={name: d.get(f"changes_{name}") or "" for name in CHANGE_SECTIONS}
            if self.extension
            else None,
        )


class DocumentForm(BootstrapFormMixin, forms.Form):
    item = forms.ChoiceField(
        label=_("Checklist item"), choices=[(code, label) for code, label, _r in DOCUMENT_ITEMS]
    )
    file = forms.FileField(label=_("File (PDF, DOCX or ODT)"))
    expires_on = forms.DateField(
        label=_("Valid until (if the document has an expiry date)"), required=False, widget=DATE
    )


class DocumentConfirmForm(BootstrapFormMixin, forms.Form):
    """The applicant confirms documents carried over from the current application."""

    items = forms.MultipleChoiceField(
        label=_("Documents still current"),
        choices=[(code, label) for code, label, _r in DOCUMENT_ITEMS],
        widget=forms.CheckboxSelectMultiple,
    )


class ReturnForm(BootstrapFormMixin, forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Reasons"), choices=QueryReason.choices, widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(label=_("What is needed"), widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("Answer by"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The default the service applies: the query rule in force today.
        self.fields["deadline"].label = _("Answer by (default: %(period)s)") % {
            "period": period_in_force(RULE_QUERY)
        }


class AnswerForm(BootstrapFormMixin, forms.Form):
    response_text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class CirculateForm(BootstrapFormMixin, forms.Form):
    technical_ministries = forms.ModelMultipleChoiceField(
        label=_("Technical ministries (besides the standing members)"),
        queryset=GovernmentBody.objects.none(),
        required=False,
    )
    due_date = forms.DateField(label=_("Opinions due"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ministries: Any = self.fields["technical_ministries"]
        ministries.queryset = _ministries()
        # The default the service applies: the review rule in force today.
        self.fields["due_date"].label = _("Opinions due (default: %(period)s)") % {
            "period": period_in_force(RULE_REVIEW)
        }


class ReviewForm(BootstrapFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("Opinion"),
        choices=[
            (AgencyReview.State.NO_OBJECTION, AgencyReview.State.NO_OBJECTION.label),
            (AgencyReview.State.OBJECTION, AgencyReview.State.OBJECTION.label),
            (
                AgencyReview.State.INFORMATION_REQUESTED,
                AgencyReview.State.INFORMATION_REQUESTED.label,
            ),
        ],
    )
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        choices=[c for c in AgencyReview.Reason.choices if c[0] != AgencyReview.Reason.DEEMED],
    )
    text = forms.CharField(
        label=_("Opinion text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeliberationForm(BootstrapFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Meeting date"), widget=DATE)
    agencies_present = forms.ModelMultipleChoiceField(
        label=_("Agencies present"), queryset=GovernmentBody.objects.none()
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Deliberation.Recommendation.choices
    )
    notes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    override_reason = forms.CharField(
        label=_("Reason for overriding an objection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        present: Any = self.fields["agencies_present"]
        present.queryset = _ministries()


class PresentationScheduleForm(BootstrapFormMixin, forms.Form):
    """The secretariat schedules the applicant's presentation (domain.md §3.2 step 5)."""

    scheduled_for = forms.DateField(label=_("Date of the presentation"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=255)
    meeting = forms.ModelChoiceField(
        label=_("Meeting (optional)"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("Link it to a meeting already planned in Mitra."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting: Any = self.fields["meeting"]
        meeting.queryset = (
            Meeting.objects.visible_to(user) if user is not None else Meeting.objects.none()
        ).order_by("-starts_at", "-id")


class PresentationRecordForm(BootstrapFormMixin, forms.Form):
    """The presentation was held: when, the member agencies present, the notes."""

    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    agencies_present = forms.ModelMultipleChoiceField(
        label=_("Member agencies present"), queryset=GovernmentBody.objects.none()
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        present: Any = self.fields["agencies_present"]
        present.queryset = _ministries()


class DecisionForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    decided_on = forms.DateField(label=_("Decision date"), required=False, widget=DATE)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_basis = forms.CharField(label=_("Legal basis"), required=False)
    reasons = forms.MultipleChoiceField(
        label=_("Reasons for rejection"),
        choices=RejectionReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("Decision notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(label=_("Reason for overriding an objection"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The cap the service checks: the maximum validity rule in force (N1).
        self.fields["valid_until"].label = _("Valid until (at most %(period)s)") % {
            "period": period_in_force(RULE_MAX_VALIDITY)
        }


class WithdrawForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False)


class OperationalForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(label=_("Number"), max_length=60)
    agreement = forms.IntegerField(label=_("MSP"), widget=forms.Select)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)

    def __init__(self, *args: Any, agreements: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].widget.choices = [(a.pk, a.title) for a in agreements]


class StaffForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    nationality = forms.CharField(label=_("Nationality (ISO code)"), max_length=2)
    position = forms.CharField(label=pgettext_lazy("job", "Position"), max_length=255)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End (at most 5 years)"), widget=DATE)
    ktln_approval_number = forms.CharField(label=_("KTLN approval number"), max_length=80)
    ktln_approved_on = forms.DateField(label=_("KTLN approved on"), widget=DATE)


class LifecycleForm(BootstrapFormMixin, forms.Form):
    """Suspend, reinstate or revoke an izin prinsip; end an izin operasional or a staff
    assignment: the grounds and an explicit confirmation (the service re-checks the grounds)."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        help_text=_("The decree or article, e.g. UU 17/2013 Ps 62 as amended by UU 16/2017."),
    )
    confirm = forms.BooleanField(label=_("I have checked the consequences listed above."))
