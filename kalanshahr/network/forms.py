from django import forms
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.forms import CityPicker, PersianIntegerField, PersianTextMixin, TextChoices

from .models import Municipality, OrganizationKind, Region, shown_name


class _CityLabels:
    """Each city labelled with its province, since 32 names are shared by two cities, and a district as one; the
    options read as text (lib.forms.TextChoices)."""

    iterator = TextChoices
    option_columns = ("name_fa", "name_en", "is_district", "division_province__name_fa",
                      "division_province__name_en", "province_fa", "province_en")

    def label_from_row(self, name_fa, name_en, is_district, *province_columns):
        return self._label(shown_name(name_fa, name_en), Municipality.shown_province(*province_columns), is_district)

    def label_from_instance(self, city):  # the same label from the model (tests/test_divisions.py compares them)
        return self._label(city.name, city.province, city.is_district)

    @staticmethod
    def _label(name, province, is_district):
        if is_district:
            return _("%(name)s (a district, %(province)s)") % {"name": name, "province": province}
        return f"{name} ({province})" if province and province != name else name


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
