"""The risk configuration form: parsing only (text in); the service holds the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mitra.core.forms import BootstrapFormMixin

from .indicators import BY_KEY


def _weight(key: str) -> forms.CharField:
    # Plain text: the service (`risk_configuration_update`) parses and refuses bad values
    # (negative, not a number, over 100) with a message per field, and writes nothing then.
    return forms.CharField(
        label=BY_KEY[key].label,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class RiskConfigurationForm(BootstrapFormMixin, forms.Form):
    weight_punctuality = _weight("punctuality")
    weight_overdue = _weight("overdue")
    weight_notice = _weight("notice")
    weight_sanctions = _weight("sanctions")
    weight_permit_margin = _weight("permit_margin")
    weight_iati = _weight("iati")
    weight_concentration = _weight("concentration")
    weight_intermediaries = _weight("intermediaries")
    weight_stale = _weight("stale")
    stale_months = forms.CharField(
        label=_("Months without an update before data counts as stale"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
