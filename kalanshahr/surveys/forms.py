from django import forms
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.forms import PersianCaptchaField
from kalanshahr.lib.persian import persian_digits

from .models import NUMBER_RANGES, QuestionKind

LIKERT_LABELS = {1: _("1, very dissatisfied"), 2: "2", 3: "3", 4: "4", 5: _("5, very satisfied")}


def _number_choices(kind):
    low, high = NUMBER_RANGES[kind]
    if kind == QuestionKind.YES_NO:
        return [(1, _("Yes")), (0, _("No"))]
    if kind == QuestionKind.LIKERT:
        return [(n, LIKERT_LABELS[n]) for n in range(low, high + 1)]
    return [(n, persian_digits(n)) for n in range(low, high + 1)]


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

    token = forms.CharField(widget=forms.HiddenInput, required=False)

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
