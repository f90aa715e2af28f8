from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.bidi import isolate_text
from kalanshahr.lib.forms import TextChoices
from kalanshahr.lib.persian import normalize, parse_number
from kalanshahr.network.forms import CityChoiceField
from kalanshahr.network.models import Municipality, Organization, shown_name
from kalanshahr.strategy.models import Indicator, Theme

from . import access
from .models import Experience, PeerMembership, SchemeKind


class _IndicatorLabels:
    """«code — name», the options read as text (lib.forms.TextChoices)."""

    iterator = TextChoices
    option_columns = ("code", "name_fa", "name_en")

    def label_from_row(self, code, name_fa, name_en):
        return f"{isolate_text(code)} — {shown_name(name_fa, name_en)}"

    def label_from_instance(self, indicator):
        return self.label_from_row(indicator.code, indicator.name_fa, indicator.name_en)


class IndicatorChoiceField(_IndicatorLabels, forms.ModelMultipleChoiceField):
    pass


class SingleIndicatorField(_IndicatorLabels, forms.ModelChoiceField):
    pass


def _shared():
    return Indicator.objects.shared().order_by("theme", "code")


class ExperienceFilterForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), choices=[("", _("All themes"))] + Theme.choices, required=False)
    city = CityChoiceField(label=_("City"), queryset=Municipality.objects.compared(), required=False,
                           empty_label=_("All cities"))
    indicator = SingleIndicatorField(label=_("Indicator"), queryset=_shared(), required=False,
                                     empty_label=_("All indicators"))
    tag = forms.CharField(label=_("Tag"), required=False)


class FiguresField(forms.CharField):
    """Before/after results, one per line: «label | before | after | unit» (Persian digits are fine)."""

    widget = forms.Textarea(attrs={"rows": 3, "dir": "auto"})

    def to_python(self, value):
        rows = []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) not in (3, 4):
                raise ValidationError(_("Line %(n)s: write «label | before | after | unit».") % {"n": number})
            try:
                before, after = parse_number(parts[1]), parse_number(parts[2])
            except ValueError:
                raise ValidationError(_("Line %(n)s: the before and after figures must be numbers.") % {"n": number})
            rows.append((normalize(parts[0]), before, after, parts[3] if len(parts) == 4 else ""))
        return rows

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(" | ".join(str(cell) for cell in row) for row in value)
        return value


class ExperienceForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("City"), queryset=Municipality.objects.none())
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none(),
                                          required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    problem = forms.CharField(label=_("The problem"), widget=forms.Textarea(attrs={"rows": 3}))
    actions = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    results = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 3}))
    figures = FiguresField(label=_("Results in figures"), required=False,
                           help_text=_("One per line: label | before | after | unit"))
    indicators = IndicatorChoiceField(label=_("Linked shared indicators"), queryset=_shared(), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas"))
    contact = forms.CharField(label=_("Contact"), max_length=300, required=False)
    attachment = forms.FileField(label=_("Attach a file"), required=False)
    attachment_title = forms.CharField(label=_("Title of the attachment"), max_length=200, required=False)

    def __init__(self, *args, user, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {
                "municipality": instance.municipality, "organization": instance.organization,
                "title": instance.title, "problem": instance.problem, "actions": instance.actions,
                "results": instance.results, "contact": instance.contact,
                "figures": [(f.label, f.before.normalize(), f.after.normalize(), f.unit)
                            for f in instance.figures.all()],
                "indicators": list(instance.indicators.all()),
                "tags": "، ".join(t.name for t in instance.tags.all()),
            })
        super().__init__(*args, **kwargs)
        cities = Municipality.objects.filter(pk__in=access.acting_municipality_ids(user))
        if instance is not None:
            cities = Municipality.objects.filter(pk=instance.municipality_id)
        self.fields["municipality"].queryset = cities
        self.fields["organization"].queryset = Organization.objects.filter(municipality__in=cities)
        if instance is not None or cities.count() == 1:
            self.fields["municipality"].initial = instance.municipality if instance else cities.first()

    def clean_tags(self):
        text = normalize(self.cleaned_data["tags"]).replace("،", ",")
        return [name.strip() for name in text.split(",") if name.strip()]

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "problem", "actions", "results", "contact", "attachment_title"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = normalize(cleaned[name])
        return cleaned


class ExchangeRequestForm(forms.Form):
    from_municipality = forms.ModelChoiceField(label=_("From"), queryset=Municipality.objects.none())
    to_municipality = CityChoiceField(label=_("To"), queryset=Municipality.objects.compared(),
                                      required=False, help_text=_("Leave empty to ask the experience's city."))
    experience = forms.ModelChoiceField(label=_("About the experience"), queryset=Experience.objects.none(),
                                        required=False)
    indicator = SingleIndicatorField(label=_("About the indicator"), queryset=_shared(), required=False)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, initial_from=None, **kwargs):
        query = initial_from or {}
        own = Municipality.objects.filter(pk__in=access.acting_municipality_ids(user))
        super().__init__(*args, **kwargs)
        self.fields["from_municipality"].queryset = own
        self.fields["experience"].queryset = access.visible_experiences(user, Experience.objects.published())
        if len(own) == 1:
            self.fields["from_municipality"].initial = own[0]
        if query.get("experience", "").isdigit():
            self.fields["experience"].initial = int(query["experience"])
        if query.get("indicator"):
            self.fields["indicator"].initial = Indicator.objects.shared().filter(code=query["indicator"]).first()
        if query.get("to"):
            self.fields["to_municipality"].initial = Municipality.objects.filter(slug=query["to"]).first()


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))




class PeerSchemeForm(forms.Form):
    slug = forms.SlugField(label=_("Slug"), help_text=_("Latin letters, digits and hyphens; used in links and the API. "
                                                        "It cannot change later."))
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=SchemeKind.choices)

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {"slug": instance.slug, "name_fa": instance.name_fa,
                                          "name_en": instance.name_en, "kind": instance.kind})
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["slug"].disabled = True


class MemberChoiceField(forms.ModelMultipleChoiceField):
    """The cities, each labelled with the other group of the scheme it already sits in."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, elsewhere=None, **kwargs):
        self.elsewhere = elsewhere or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, city):
        group = self.elsewhere.get(city.pk)
        if group is None:
            return city.name
        return _("%(city)s (now in %(group)s)") % {"city": city.name, "group": group}


class PeerGroupForm(forms.Form):
    slug = forms.SlugField(label=_("Slug"), help_text=_("Latin letters, digits and hyphens; used in links and the API. "
                                                        "It cannot change later."))
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)

    def __init__(self, *args, scheme, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {"slug": instance.slug, "name_fa": instance.name_fa,
                                          "name_en": instance.name_en,
                                          "members": [m.pk for m in instance.members.all()]})
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["slug"].disabled = True
        taken = PeerMembership.objects.filter(scheme=scheme).select_related("group")
        if instance is not None:
            taken = taken.exclude(group=instance)
        self.fields["members"] = MemberChoiceField(
            label=_("Member cities"), required=False, queryset=Municipality.objects.in_name_order(),
            elsewhere={m.municipality_id: m.group.name for m in taken},
            help_text=_("A city sits in one group of a scheme; take it out of its other group first."))
