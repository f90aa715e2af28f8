from django import forms
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.forms import CityPicker, PersianIntegerField, PersianTextMixin

from .models import OrganizationKind, Region


class _CityLabels:
    """Each city labelled with its province, since 32 names are shared by two cities, and a district as one."""

    def _set_queryset(self, queryset):
        super()._set_queryset(None if queryset is None else queryset.select_related("division_province"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, city):
        province = city.province
        if city.is_district:
            return _("%(name)s (a district, %(province)s)") % {"name": city.name, "province": province}
        return f"{city.name} ({province})" if province and province != city.name else city.name


class CityChoiceField(_CityLabels, forms.ModelChoiceField):
    """One city among all of Iran's, with the search-as-you-type picker."""

    widget = CityPicker


class CitiesChoiceField(_CityLabels, forms.ModelMultipleChoiceField):
    """Some cities among all of Iran's, as tick boxes that static/js/city-picker.js gives a filter box."""

    widget = forms.CheckboxSelectMultiple


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
