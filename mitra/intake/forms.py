"""Forms of "New from text": the source, then the review of the proposed records."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mitra.agreements.models import Agreement
from mitra.bodies.models import GovernmentBody
from mitra.core.bounds import validate_date_in_range
from mitra.core.exceptions import ApplicationError
from mitra.organizations.models import ForeignOrganization, Sector
from mitra.regions.models import Province, Regency

from . import selectors, services

# These forms skip BootstrapFormMixin (their own markup): the date bounds are given here.
IN_RANGE = [validate_date_in_range]


class SourceForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the press release or minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "form-control"}),
        max_length=services.MAX_TEXT_CHARS,
    )
    file = forms.FileField(
        label=_("…or a file (TXT, HTML, PDF, DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".txt,.html,.htm,.pdf,.docx"}
        ),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        text, upload = data.get("text") or "", data.get("file")
        if upload and text.strip():
            raise forms.ValidationError(_("Paste a text or choose a file, not both."))
        if upload:
            try:
                data["text"] = services.intake_text_from_upload(upload)
            except ApplicationError as error:
                self.add_error("file", error.message)
                return data
            data["filename"] = upload.name or ""
        elif not text.strip():
            raise forms.ValidationError(_("Paste the text or choose a file."))
        else:
            data["filename"] = ""
        return data


def _control(widget: forms.Widget) -> forms.Widget:
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return widget
    widget.attrs.setdefault("class", css)
    return widget


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class MeetingReviewForm(forms.Form):
    """The event as read from the text: confirming records it as a meeting (or links to the
    meeting already recorded on that day by the same organizer)."""

    published = forms.DateField(
        label=_("Published"), required=False, widget=DateInput(), validators=IN_RANGE
    )
    event_date = forms.DateField(
        label=_("Event date"), required=False, widget=DateInput(), validators=IN_RANGE
    )
    event_types = forms.MultipleChoiceField(
        label=_("Event types"),
        required=False,
        choices=[
            ("signing", _("Signing")),
            ("extension", _("Extension")),
            ("meeting", _("Meeting")),
            ("negotiation", _("Negotiation")),
            ("evaluation", _("Evaluation")),
            ("other", _("Other")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    meeting_mode = forms.ChoiceField(
        label=_("Meeting mode"),
        required=False,
        choices=[
            ("", "—"),
            ("offline", _("In person")),
            ("online", _("Online")),
            ("hybrid", _("Hybrid")),
        ],
    )
    venue = forms.CharField(label=_("Venue"), required=False, max_length=255)
    online_platform = forms.CharField(
        label=_("Online platform"),
        required=False,
        max_length=100,
        help_text=_("Online and hybrid meetings need it, for example Zoom."),
    )
    government_parties = forms.CharField(
        label=_("Government parties (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attending_agencies = forms.CharField(
        label=_("Attending or invited bodies (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _control(field.widget)

    @staticmethod
    def initial_from(meeting: dict[str, Any]) -> dict[str, Any]:
        return {
            "published": meeting.get("published"),
            "event_date": meeting.get("event_date"),
            "event_types": meeting.get("event_types") or [],
            "meeting_mode": meeting.get("meeting_mode") or "",
            "venue": meeting.get("venue") or "",
            "online_platform": meeting.get("online_platform") or "",
            "government_parties": "\n".join(
                g["name"] for g in meeting.get("government_parties") or []
            ),
            "attending_agencies": "\n".join(meeting.get("attending_agencies") or []),
        }

    def to_reviewed(self) -> dict[str, Any]:
        d = self.cleaned_data

        def lines(value: str) -> list[str]:
            return [line.strip() for line in (value or "").splitlines() if line.strip()]

        return {
            "published": d["published"].isoformat() if d["published"] else None,
            "event_date": d["event_date"].isoformat() if d["event_date"] else None,
            "event_types": list(d["event_types"]),
            "meeting_mode": d["meeting_mode"] or None,
            "venue": d["venue"] or None,
            "online_platform": d["online_platform"] or None,
            "government_parties": lines(d["government_parties"]),
            "attending_agencies": lines(d["attending_agencies"]),
        }


class AgreementReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            ("create", _("Create a new agreement")),
            ("link", _("Link to the existing record (create nothing)")),
            ("skip", _("Skip")),
        ],
    )
    existing = forms.IntegerField(required=False, widget=forms.HiddenInput)
    partner = forms.ModelChoiceField(
        label=_("Foreign partner"),
        queryset=ForeignOrganization.objects.order_by("legal_name"),
        required=False,
        empty_label=_("— create a new organization —"),
    )
    new_partner_name = forms.CharField(
        label=_("New organization: legal name"), required=False, max_length=255
    )
    new_partner_acronym = forms.CharField(
        label=_("New organization: acronym"), required=False, max_length=60
    )
    new_partner_kind = forms.ChoiceField(
        label=_("New organization: kind"),
        required=False,
        choices=[("", "—"), *ForeignOrganization.Kind.choices],
    )
    new_partner_country = forms.ChoiceField(label=_("New organization: country"), required=False)
    government_body = forms.ModelChoiceField(
        label=_("Government party"),
        queryset=GovernmentBody.objects.top_level().order_by("name"),
        to_field_name="key",
        required=False,
    )
    type = forms.ChoiceField(label=_("Document type"), choices=[("", "—"), *Agreement.Type.choices])
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    start_year = forms.IntegerField(
        label=_("Start year"), required=False, min_value=1945, max_value=2100
    )
    end_year = forms.IntegerField(
        label=_("End year"), required=False, min_value=1945, max_value=2100
    )
    duration_years = forms.IntegerField(
        label=_("Duration (years)"), required=False, min_value=1, max_value=50
    )
    signing_date = forms.DateField(
        label=_("Signing date"), required=False, widget=DateInput(), validators=IN_RANGE
    )
    renews = forms.ModelChoiceField(
        label=_("Renews"),
        queryset=Agreement.objects.none(),
        required=False,
        empty_label=_("— not a renewal —"),
    )
    government_signatory = forms.CharField(
        label=_("Signatory for the government (title)"), required=False, max_length=255
    )
    foreign_signatory = forms.CharField(
        label=_("Signatory for the partner (title)"), required=False, max_length=255
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces"),
        queryset=Province.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    regencies = forms.ModelMultipleChoiceField(
        label=_("Regencies and cities"),
        queryset=Regency.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.order_by("code"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        renews: Any = self.fields["renews"]
        country: Any = self.fields["new_partner_country"]
        renews.queryset = selectors.renewable_for(user).order_by("-start_date")
        country.choices = [("", "—"), *countries]
        self.fields["partner"].label_from_instance = lambda org: org.display_name  # type: ignore[attr-defined]
        for field in self.fields.values():
            _control(field.widget)

    @staticmethod
    def initial_from(item: dict[str, Any]) -> dict[str, Any]:
        new = item.get("new_partner") or {}
        return {
            "action": item.get("action") or "create",
            "existing": item.get("existing"),
            "partner": item.get("partner"),
            "new_partner_name": new.get("legal_name", ""),
            "new_partner_acronym": new.get("acronym", ""),
            "new_partner_kind": new.get("kind", ""),
            "new_partner_country": new.get("country", ""),
            "government_body": item.get("government_body"),
            "type": item.get("type"),
            "title": item.get("title", ""),
            "start_year": item.get("start_year"),
            "end_year": item.get("end_year"),
            "duration_years": item.get("duration_years"),
            "signing_date": item.get("signing_date"),
            "renews": item.get("renews"),
            "government_signatory": item.get("government_signatory", ""),
            "foreign_signatory": item.get("foreign_signatory", ""),
            "provinces": list(item.get("provinces") or []),
            "regencies": list(item.get("regencies") or []),
            "sectors": list(item.get("sectors") or []),
        }

    def to_reviewed(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "action": d["action"],
            "existing": d["existing"],
            "partner": d["partner"].pk if d["partner"] else None,
            "new_partner": None
            if d["partner"]
            else {
                "legal_name": d["new_partner_name"],
                "acronym": d["new_partner_acronym"],
                "kind": d["new_partner_kind"],
                "country": d["new_partner_country"],
            },
            "government_body": d["government_body"].key if d["government_body"] else None,
            "type": d["type"],
            "title": d["title"],
            "start_year": d["start_year"],
            "end_year": d["end_year"],
            "duration_years": d["duration_years"],
            "signing_date": d["signing_date"].isoformat() if d["signing_date"] else None,
            "renews": d["renews"].pk if d["renews"] else None,
            "government_signatory": d["government_signatory"],
            "foreign_signatory": d["foreign_signatory"],
            "provinces": [p.code for p in d["provinces"]],
            "regencies": [r.code for r in d["regencies"]],
            "sectors": [s.code for s in d["sectors"]],
        }


AgreementReviewFormSet = forms.formset_factory(AgreementReviewForm, extra=0)
