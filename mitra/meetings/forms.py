"""HTML forms for meetings. They parse input; the services decide what is allowed.

Dates and times are entered and shown in Asia/Jakarta (the project's TIME_ZONE).
"""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mitra.agreements.models import Agreement
from mitra.bodies.models import GovernmentBody
from mitra.core.forms import BootstrapFormMixin
from mitra.organizations.models import ForeignOrganization

from .models import ActionItem, Attendee, Meeting, Position
from .services import MeetingInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _body_label(body: GovernmentBody) -> str:
    return f"{body.name} ({body.acronym})" if body.acronym else body.name


def _top_level() -> Any:
    return GovernmentBody.objects.top_level().order_by("name")


class MeetingFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Meeting.Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Meeting.Status.choices],
        required=False,
    )
    period_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    period_to = forms.DateField(label=_("To"), required=False, widget=DATE)


class MeetingForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)  # fmt: skip
    starts_at = forms.DateTimeField(
        label=_("Starts (Asia/Jakarta time)"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends (Asia/Jakarta time)"),
        widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M"],
        required=False,
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=Meeting.Mode.choices)
    venue = forms.CharField(
        label=_("Venue"),
        max_length=255,
        required=False,
        help_text=_("Required for in-person and hybrid meetings."),
    )
    online_platform = forms.CharField(
        label=_("Online platform"),
        max_length=100,
        required=False,
        help_text=_("For example Zoom. Online and hybrid meetings need a platform or a link."),
    )
    online_link = forms.URLField(label=_("Online link"), max_length=500, required=False,
                                 assume_scheme="https")  # fmt: skip
    organizer = forms.ModelChoiceField(label=_("Organizer"), queryset=GovernmentBody.objects.none())
    organizer_unit = forms.ModelChoiceField(
        label=_("Organizing unit"), queryset=GovernmentBody.objects.none(), required=False
    )
    agreements = forms.ModelMultipleChoiceField(
        label=_("Agreements discussed"), queryset=Agreement.objects.none(), required=False
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Foreign organizations"),
        queryset=ForeignOrganization.objects.order_by("legal_name"),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizer: Any = self.fields["organizer"]
        unit: Any = self.fields["organizer_unit"]
        units = GovernmentBody.objects.filter(kind=GovernmentBody.Kind.UNIT).order_by("name")
        # SECURITY: an officer records meetings only for their own agency.
        if user.is_operator:
            organizer.queryset = _top_level()
        else:
            organizer.queryset = _top_level().filter(pk=user.agency.pk)
            organizer.initial = user.agency.pk
            # The units the officer works in: the ones whose meetings they may change.
            units = units.filter(pk__in=user.reading_body_ids)
            if user.body_id and user.body_id != user.agency.pk:
                unit.initial = user.body_id
        unit.queryset = units
        organizer.label_from_instance = _body_label
        unit.label_from_instance = _body_label
        agreements: Any = self.fields["agreements"]
        agreements.queryset = Agreement.objects.visible_to(user).order_by("-start_date", "title")
        agreements.label_from_instance = lambda a: f"{a.title} ({a.period_label})"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        return data

    def to_input(self) -> MeetingInput:
        d = self.cleaned_data
        return MeetingInput(
            kind=d["kind"],
            title=d["title"],
            purpose=d["purpose"],
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            mode=d["mode"],
            venue=d["venue"],
            online_platform=d["online_platform"],
            online_link=d["online_link"],
            organizer=d["organizer"],
            organizer_unit=d["organizer_unit"],
            agreements=list(d["agreements"]),
            organizations=list(d["organizations"]),
        )

    @staticmethod
    def initial_from(meeting: Meeting) -> dict[str, Any]:
        def local(value: Any) -> Any:
            return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else None

        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "purpose": meeting.purpose,
            "starts_at": local(meeting.starts_at),
            "ends_at": local(meeting.ends_at),
            "mode": meeting.mode,
            "venue": meeting.venue,
            "online_platform": meeting.online_platform,
            "online_link": meeting.online_link,
            "organizer": meeting.organizer_id,
            "organizer_unit": meeting.organizer_unit_id,
            "agreements": [a.pk for a in meeting.agreements.all()],
            "organizations": [o.pk for o in meeting.organizations.all()],
        }


class _BodyOrWordsForm(BootstrapFormMixin, forms.Form):
    """A form naming a government body (any, by name) in `body_field`; with `words_field`, one
    of the two is required (`neither` is said otherwise, at the body)."""

    body_field = "body"
    words_field = ""
    neither: Any = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body: Any = self.fields[self.body_field]
        body.queryset = GovernmentBody.objects.order_by("name")
        body.label_from_instance = _body_label

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        words = (data.get(self.words_field) or "").strip() if self.words_field else "-"
        if not data.get(self.body_field) and not words:
            self.add_error(self.body_field, self.neither)
        return data


class InviteForm(_BodyOrWordsForm):
    body = forms.ModelChoiceField(
        label=_("Invited body"), queryset=GovernmentBody.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Or a group not in the registry"),
        max_length=255,
        required=False,
        help_text=_("For example: provincial and city governments."),
    )
    email = forms.EmailField(label=_("Invitation email"), required=False)

    words_field = "description"
    neither = _("Choose the invited body or describe the group.")


class AttendeeForm(_BodyOrWordsForm):
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    title = forms.CharField(label=_("Position/title"), max_length=255, required=False)
    body = forms.ModelChoiceField(
        label=_("Government body"), queryset=GovernmentBody.objects.none(), required=False
    )
    organization = forms.ModelChoiceField(
        label=_("Foreign organization"),
        queryset=ForeignOrganization.objects.order_by("legal_name"),
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Attendee.Role.choices, initial=Attendee.Role.PARTICIPANT
    )
    represents = forms.CharField(
        label=_("Represents (one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("For example: TPOA; working group on multilateral organizations."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    attended = forms.BooleanField(label=_("Attended"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("name") or "").strip() and not (data.get("title") or "").strip():
            self.add_error("name", _("Give the person's name or position."))
        if data.get("body") and data.get("organization"):
            self.add_error(
                "organization", _("Choose a government body or an organization, not both.")
            )
        return data


class AgendaItemForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=500)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MinutesForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}))


class _MeetingItemsMixin:
    def set_agenda(self, meeting: Meeting | None) -> None:
        field: Any = self.fields["agenda_item"]  # type: ignore[attr-defined]
        items = list(meeting.agenda_items.all()) if meeting else []
        field.choices = [("", "—"), *[(str(i.pk), str(i)) for i in items]]


class PositionForm(_MeetingItemsMixin, BootstrapFormMixin, forms.Form):
    agenda_item = forms.ChoiceField(label=_("Agenda item"), required=False)
    body = forms.ModelChoiceField(label=_("Body"), queryset=GovernmentBody.objects.none())
    stance = forms.ChoiceField(label=_("Position"), choices=Position.Stance.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_agenda(meeting)
        body: Any = self.fields["body"]
        body.queryset = _top_level()
        body.label_from_instance = _body_label


class DecisionForm(_MeetingItemsMixin, BootstrapFormMixin, forms.Form):
    agenda_item = forms.ChoiceField(label=_("Agenda item"), required=False)
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_agenda(meeting)


class ActionItemForm(_BodyOrWordsForm):
    text = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_body = forms.ModelChoiceField(
        label=_("Responsible body"), queryset=GovernmentBody.objects.none(), required=False
    )
    owner_person = forms.CharField(label=_("Responsible person"), max_length=255, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    body_field = "owner_body"
    words_field = "owner_person"
    neither = _("Name the body or the person responsible.")


class ActionItemStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionItem.Status.choices)


class SigningForm(BootstrapFormMixin, forms.Form):
    agreements = forms.ModelMultipleChoiceField(
        label=_("Agreements signed at this meeting"),
        queryset=Agreement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agreements"]
        # The agreements linked to the meeting that the user may change (edit the meeting to
        # link another one first).
        field.queryset = (
            Agreement.objects.editable_by(user)
            .filter(pk__in=meeting.agreements.values("pk"))
            .exclude(pk__in=meeting.signed_agreements.values("pk"))
            .order_by("-start_date", "title")
        )
        field.label_from_instance = lambda a: f"{a.title} ({a.period_label})"
        field.widget.attrs["class"] = "form-check-input"


class TransitionForm(forms.Form):
    reason = forms.CharField(required=False, max_length=2000)
