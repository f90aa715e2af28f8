from django import forms
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.forms import PersianIntegerField, PersianTextMixin

from .models import OrganizationKind, Region


class DutiesField(forms.CharField):
    """One duty per line."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(value)
        return value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class OrganizationForm(PersianTextMixin, forms.Form):
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    mission = forms.CharField(label=_("Mission"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    duties = DutiesField(label=_("Duties"), required=False, help_text=_("One duty per line."))


class NewOrganizationForm(OrganizationForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, label) for k, label in OrganizationKind.choices
                 if k not in (OrganizationKind.SECRETARIAT, OrganizationKind.AUTHORITY)],
    )
    field_order = ["kind", "name_fa", "name_en", "mission", "duties"]


class MunicipalityForm(PersianTextMixin, forms.Form):
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)
    province_fa = forms.CharField(label=_("Province (Persian)"), max_length=100, required=False)
    province_en = forms.CharField(label=_("Province (English)"), max_length=100, required=False)
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—")] + Region.choices, required=False)
    population = PersianIntegerField(label=_("Population"), required=False, min_value=0)
    population_is_sample = forms.BooleanField(label=_("The population is sample data"), required=False)
    is_metropolis = forms.BooleanField(label=_("Metropolis"), required=False)
    is_compared = forms.BooleanField(label=_("Compared on the shared indicators"), required=False)
