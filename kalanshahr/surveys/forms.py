from django import forms
from django.utils.translation import get_language, gettext_lazy as _

from kalanshahr.lib.forms import PeriodField, PersianCaptchaField
from kalanshahr.lib.persian import persian_digits
from kalanshahr.network.forms import CityChoiceField
from kalanshahr.network.models import Municipality, Organization

from .models import NUMBER_RANGES, QuestionKind, QuestionnaireVersion

LIKERT_ENDS = {1: _("1, very dissatisfied"), 5: _("5, very satisfied")}


def _number_choices(kind):
    """Built when the form is, in the reader's language: Persian digits on the Persian page."""
    low, high = NUMBER_RANGES[kind]
    if kind == QuestionKind.YES_NO:
        return [(1, _("Yes")), (0, _("No"))]
    shown = persian_digits if get_language() == "fa" else str
    ends = LIKERT_ENDS if kind == QuestionKind.LIKERT else {}
    return [(n, ends.get(n) or shown(n)) for n in range(low, high + 1)]


def field_for(question):
    """The form field of one question, named q<id> like the service's errors."""
    common = {"label": question.text, "required": question.required}
    if question.kind in NUMBER_RANGES:
        return forms.TypedChoiceField(choices=_number_choices(question.kind), coerce=int,
                                      widget=forms.RadioSelect(attrs={"class": "scale-choice"}), **common)
    choices = [(choice.pk, choice.name) for choice in question.choices.all()]
    if question.kind == QuestionKind.SINGLE:
        return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.TypedMultipleChoiceField(choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple,
                                              **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
                           help_text=_("Written in Persian; it is read by a moderator before anyone sees it."),
                           **common)


class AnswerForm(forms.Form):
    """A wave's questions; with no one-time token, the captcha as well."""

    # The one-time token of a printed card or a link, under the name of the link's query parameter; a refused
    # token is told about above the form (the service names the field "token", which this form does not have).
    t = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions, with_captcha, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = field_for(question)
        if with_captcha:
            self.fields["captcha"] = PersianCaptchaField(
                label=_("Security question"), help_text=_("Write the answer in digits; Persian digits are fine."))

    def answers(self):
        return {name[1:]: value for name, value in self.cleaned_data.items() if name.startswith("q")}


class IssueTokensForm(forms.Form):
    count = forms.IntegerField(label=_("How many one-time tokens"), min_value=1, max_value=200, initial=20,
                               help_text=_("Each token answers once; print them for a service counter."))


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, version):
        return f"{version.questionnaire.title} · {_('version')} {persian_digits(version.number)}"


class OpenWaveForm(forms.Form):
    """A city's new wave: the newest version of a questionnaire, over a month or a quarter."""

    version = VersionChoiceField(label=_("Questionnaire"), queryset=QuestionnaireVersion.objects.none())
    municipality = CityChoiceField(label=_("City"), queryset=Municipality.objects.none())
    organization = forms.ModelChoiceField(label=_("Service (optional)"), required=False,
                                          queryset=Organization.objects.filter(municipality__isnull=False)
                                          .order_by("name_order"),
                                          help_text=_("Leave empty to ask about the whole city's services."))
    period = PeriodField(label=_("Period"), help_text=_("A month such as 1405-08, or a quarter such as 1405Q3."))
    minimum_answers = forms.IntegerField(label=_("Fewest answers for a result"), min_value=2, initial=30,
                                         help_text=_("Below it, a result reads “too few answers” and feeds no "
                                                     "indicator."))

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        newest = {}
        versions = QuestionnaireVersion.objects.select_related("questionnaire").order_by("questionnaire", "-number")
        for version in versions:
            newest.setdefault(version.questionnaire_id, version)
        self.fields["version"].queryset = QuestionnaireVersion.objects.filter(
            pk__in=[v.pk for v in newest.values()]).select_related("questionnaire")
        self.fields["municipality"].queryset = cities
        self.fields["organization"].queryset = self.fields["organization"].queryset.filter(municipality__in=cities)


class TextModerationForm(forms.Form):
    """Publishes or rejects the ticked free-text answers held by the comment policy's check."""

    answers = forms.ModelMultipleChoiceField(label=_("Answers"), queryset=None, widget=forms.CheckboxSelectMultiple)
    action = forms.ChoiceField(label=_("Decision"), choices=[("publish", _("Publish")), ("reject", _("Reject"))],
                               widget=forms.RadioSelect)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].queryset = queryset
        self.fields["answers"].label_from_instance = (
            lambda answer: f"{answer.text} ({answer.response.wave.municipality.name})")
