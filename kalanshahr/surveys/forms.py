from django import forms
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.forms import PeriodField, PersianCaptchaField, PersianTextMixin
from kalanshahr.lib.templatetags import digits
from kalanshahr.network.forms import CityChoiceField
from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy.models import Family, Indicator

from .models import NUMBER_RANGES, QuestionKind, QuestionnaireVersion

LIKERT_ENDS = {1: _("1, very dissatisfied"), 5: _("5, very satisfied")}


def _number_choices(kind):
    """Built when the form is, in the reader's language: Persian digits on the Persian page."""
    low, high = NUMBER_RANGES[kind]
    if kind == QuestionKind.YES_NO:
        return [(1, _("Yes")), (0, _("No"))]
    ends = LIKERT_ENDS if kind == QuestionKind.LIKERT else {}
    return [(n, ends.get(n) or digits(n)) for n in range(low, high + 1)]


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
        return f"{version.questionnaire.title} · {_('version')} {digits(version.number)}"


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


class QuestionnaireForm(PersianTextMixin, forms.Form):
    """The questionnaire's names and what this version changes; the code only when the questionnaire is new."""

    code = forms.SlugField(label=_("Code"), max_length=60,
                           help_text=_("Small Latin letters, digits and hyphens, such as municipal-services; it "
                                       "does not change later."))
    title_fa = forms.CharField(label=_("Title (Persian)"), max_length=300, widget=forms.TextInput(attrs={"dir": "rtl"}))
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False,
                               widget=forms.TextInput(attrs={"dir": "ltr"}))
    note = forms.CharField(label=_("What this version changes"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
                           help_text=_("Shown beside the version, for the cities that asked the earlier one."))
    # The version the writer started from; publishing fails, and says so, if another was published meanwhile.
    after = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, new, **kwargs):
        super().__init__(*args, **kwargs)
        if not new:
            del self.fields["code"]


def _choice_lines(text):
    """[(Persian, English)] of a choices box, one choice a line, «Persian | English»; the error names the line."""
    choices = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fa, _bar, en = line.partition("|")
        if not fa.strip():
            raise forms.ValidationError(_("Line %(n)s has no Persian text before the “|”."),
                                        code="choice_text_required", params={"n": digits(number)})
        choices.append((fa.strip(), en.strip()))
    return choices


class QuestionForm(PersianTextMixin, forms.Form):
    """One question of a version being written: an empty row is skipped, a ticked "remove" drops the question."""

    text_fa = forms.CharField(label=_("Question (Persian)"), max_length=500,
                              widget=forms.TextInput(attrs={"dir": "rtl"}))
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False,
                              widget=forms.TextInput(attrs={"dir": "ltr"}))
    # The kind a browser posts for an untouched row (its first option): with it as the initial value, an empty
    # row reads as unchanged and is skipped.
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices, initial=QuestionKind.LIKERT)
    indicator = forms.ModelChoiceField(
        label=_("Indicator it measures"), required=False, queryset=Indicator.objects.none(),
        help_text=_("Only a 1–5 or a yes/no question measures, and only a citizen-satisfaction indicator: a closed "
                    "wave writes its result there."))
    choices = forms.CharField(label=_("Choices"), required=False, widget=forms.Textarea(attrs={"rows": 3,
                                                                                                "dir": "auto"}),
                              help_text=_("For one-choice and several-choice questions: one choice a line, "
                                          "«Persian | English»."))
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.shared().filter(
            family=Family.CITIZEN_SATISFACTION).order_by("code")

    def clean_choices(self):
        return _choice_lines(self.cleaned_data["choices"])

    def spec(self):
        data = self.cleaned_data
        return {"kind": data["kind"], "text_fa": data["text_fa"], "text_en": data["text_en"],
                "required": data["required"], "indicator": data["indicator"], "choices": data["choices"]}


MAX_QUESTIONS = 60


class BaseQuestionFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Place")
        form.fields["ORDER"].help_text = _("Rows are sorted by it.")
        form.fields["DELETE"].label = _("Leave this question out")


def question_formset(extra=3):
    """The rows of a version: its questions, then `extra` empty ones."""
    return forms.formset_factory(QuestionForm, formset=BaseQuestionFormSet, extra=extra, can_delete=True,
                                 can_order=True, max_num=MAX_QUESTIONS, validate_max=True)


def question_initial(version):
    """The rows of a formset that starts from `version`'s questions (its choices written back as lines)."""
    return [{"kind": q.kind, "text_fa": q.text_fa, "text_en": q.text_en, "required": q.required,
             "indicator": q.indicator_id, "ORDER": q.position,
             "choices": "\n".join(f"{c.name_fa} | {c.name_en}" if c.name_en else c.name_fa for c in q.choices.all())}
            for q in version.questions.prefetch_related("choices")] if version else []
