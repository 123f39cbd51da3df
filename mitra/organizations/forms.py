"""Registry forms."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mitra.core.forms import BootstrapFormMixin
from mitra.regions.models import Province

from .models import ForeignOrganization, Sector
from .services import OrganizationInput


class OrganizationForm(BootstrapFormMixin, forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=255)
    acronym = forms.CharField(label=_("Acronym"), max_length=60, required=False)
    aliases = forms.CharField(
        label=_("Other names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ForeignOrganization.Kind.choices)
    legal_type = forms.ChoiceField(
        label=_("Legal type (ormas asing)"),
        choices=[("", "—"), *ForeignOrganization.LegalType.choices],
        required=False,
    )
    sub_type = forms.ChoiceField(
        label=_("Sub-type (ormas asing)"),
        choices=[("", "—"), *ForeignOrganization.SubType.choices],
        required=False,
    )
    country = forms.ChoiceField(label=_("Country of origin"), choices=[("", "—"), *countries])
    headquarters = forms.CharField(label=_("Headquarters"), max_length=255, required=False)
    indonesian_office = forms.CharField(
        label=_("Indonesian office"), max_length=255, required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Contact email"), required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False
    )
    # No `status` or `is_published` (issue 13 §3): they change only through their services
    # (registry decisions, sanctions, operators' publication in the admin).

    def to_input(self) -> OrganizationInput:
        d = self.cleaned_data
        return OrganizationInput(
            legal_name=d["legal_name"],
            acronym=d["acronym"],
            aliases=[line for line in d["aliases"].splitlines() if line.strip()],
            kind=d["kind"],
            legal_type=d["legal_type"],
            sub_type=d["sub_type"],
            country=d["country"],
            headquarters=d["headquarters"],
            indonesian_office=d["indonesian_office"],
            website=d["website"],
            email=d["email"],
            phone=d["phone"],
            description=d["description"],
            sectors=list(d["sectors"]),
        )

    @classmethod
    def initial_from(cls, org: ForeignOrganization) -> dict[str, Any]:
        return {
            "legal_name": org.legal_name,
            "acronym": org.acronym,
            "aliases": "\n".join(org.aliases),
            "kind": org.kind,
            "legal_type": org.legal_type,
            "sub_type": org.sub_type,
            "country": str(org.country),  # a Country; its str() is the code
            "headquarters": org.headquarters,
            "indonesian_office": org.indonesian_office,
            "website": org.website,
            "email": org.email,
            "phone": org.phone,
            "description": org.description,
            "sectors": [s.pk for s in org.sectors.all()],
        }


class OrganizationFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Search by name, acronym or alias"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Any kind"))] + ForeignOrganization.Kind.choices,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status"))] + ForeignOrganization.Status.choices,
        required=False,
    )


class ChangeNoticeForm(BootstrapFormMixin, forms.Form):
    """A reported change of one kind (`ChangeNotice.Kind`): only that kind's fields are shown
    (`for_kind`); the service validates again and says which field is wrong."""

    indonesian_office = forms.CharField(label=_("Indonesian office address"), max_length=255)
    headquarters = forms.CharField(label=_("Headquarters"), max_length=255, required=False)
    email = forms.EmailField(label=_("Contact email"), required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    representative = forms.CharField(label=_("Head of the representative office"), max_length=255)
    country_director = forms.CharField(label=_("Country director"), max_length=255)
    funding_sources = forms.CharField(
        label=_("Sources of funds"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    sectors = forms.ModelMultipleChoiceField(label=_("Sectors"), queryset=Sector.objects.all())
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions of activity"), queryset=Province.objects.order_by("code")
    )
    explanation = forms.CharField(
        label=_("Explanation (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .services import CHANGE_FIELDS

        keep = {*CHANGE_FIELDS[kind], "explanation"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        out: dict[str, Any] = {}
        for name, value in d.items():
            if name == "explanation":
                continue
            out[name] = [v.pk for v in value] if name in ("sectors", "regions") else value
        return out

    @staticmethod
    def initial_for(org: ForeignOrganization, kind: str) -> dict[str, Any]:
        from .services import CHANGE_FIELDS

        initial: dict[str, Any] = {}
        for name in CHANGE_FIELDS[kind]:
            value = getattr(org, name)
            initial[name] = list(value.all()) if name in ("sectors", "regions") else value
        return initial


class ChangeDecisionForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("refuse", _("Refuse"))]
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to refuse."),
    )
