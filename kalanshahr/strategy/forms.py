from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.forms import JalaliDateField, PeriodField, PersianDecimalField, PersianIntegerField, PersianTextMixin
from kalanshahr.lib.templatetags import digits

from .imports import validate_import_file
from .models import Clause, Direction, Family, Frequency, Goal, ProgramStatus, Scope, Theme


class ClauseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, clause):
        return f"{clause.document.name} — {clause.number}: {clause.text[:80]}"


def _clauses():
    return Clause.objects.select_related("document").order_by("document__name_order", "document_id", "position")


class GoalForm(PersianTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    start_year = PersianIntegerField(label=_("First year"), min_value=1300, max_value=1500)
    end_year = PersianIntegerField(label=_("Last year"), min_value=1300, max_value=1500)
    is_priority = forms.BooleanField(label=_("Priority, under special supervision"), required=False)
    weight = PersianDecimalField(label=_("Weight"), initial=1, min_value=0)
    owner_title = forms.CharField(label=_("Owner's title"), max_length=200, required=False)
    clauses = ClauseChoiceField(label=_("Cited clauses"), queryset=_clauses(), required=False,
                                widget=forms.CheckboxSelectMultiple,
                                help_text=_("At least one clause of an upstream document."))


class IndicatorForm(PersianTextMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=300)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    definition = forms.CharField(label=_("Definition"), widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.CharField(label=_("Unit"), max_length=40)
    numerator = forms.CharField(label=_("Numerator"), max_length=200, required=False)
    denominator = forms.CharField(label=_("Denominator"), max_length=200, required=False)
    multiplier = PersianDecimalField(label=_("Multiplier"), initial=1)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    family = forms.ChoiceField(label=_("Family"), choices=Family.choices)
    source = forms.CharField(label=_("Data source"), max_length=300, required=False)
    owner_title = forms.CharField(label=_("Owner's title"), max_length=200, required=False)
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, initial=Scope.ORGANIZATION, required=False,
                              help_text=_("Shared indicators are defined by the secretariat and reported by every city."))
    theme = forms.ChoiceField(label=_("Theme"), choices=[("", "—")] + Theme.choices, required=False)
    range_low = PersianDecimalField(label=_("Low end of the shared range"), required=False)
    range_high = PersianDecimalField(label=_("High end of the shared range"), required=False)
    goals = forms.ModelMultipleChoiceField(label=_("Goals it serves"), queryset=None, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    clauses = ClauseChoiceField(label=_("Cited clauses"), queryset=_clauses(), required=False,
                                widget=forms.CheckboxSelectMultiple,
                                help_text=_("At least one clause of an upstream document."))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.filter(organization__path__startswith=organization.path)

    def clean_scope(self):
        return self.cleaned_data["scope"] or Scope.ORGANIZATION


class ReturnForm(PersianTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), validators=[validate_import_file],
                           help_text=_("Columns: indicator code, municipality, organization (optional), period, "
                                       "value or numerator and denominator, note. Persian or English headers."))
    check_only = forms.BooleanField(label=_("Only check a large file, write nothing"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check_only"].help_text = _(
            "Files over %(size)s are imported in the background, without a preview: every row is checked, and if "
            "any row is wrong nothing is written.") % {"size": digits(filesizeformat(settings.IMPORT_BACKGROUND_BYTES))}


class PeriodChoiceForm(forms.Form):
    period = PeriodField(label=_("Period"))


class TargetForm(forms.Form):
    period = PeriodField(label=_("Period"), help_text=_("Like 1405-07, 1405Q2 or 1405, matching the indicator."))
    value = PersianDecimalField(label=_("Target (or low end of the range)"))
    value_high = PersianDecimalField(label=_("High end of the range"), required=False,
                                     help_text=_("Only for indicators that should stay within a range."))
    tolerance = PersianDecimalField(label=_("Tolerance"), initial=0, min_value=0,
                                    help_text=_("How far the value may miss the target, in the indicator's unit, "
                                                "and still count as at risk rather than off track."))


class MilestonesField(forms.CharField):
    """One milestone per line: «title | 1405/03/31» (Jalali due date, any digits)."""

    widget = forms.Textarea(attrs={"rows": 3, "placeholder": "انتقال نیمی از کارگاه‌ها | ۱۴۰۵/۰۳/۳۱"})

    def to_python(self, value):
        from kalanshahr.lib.jalali import JalaliParseError, parse_date

        milestones = []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            title, _sep, due = line.rpartition("|")
            try:
                milestones.append((title.strip(), parse_date(due.strip()), None))
            except JalaliParseError as error:
                raise forms.ValidationError(f"سطر {number}: {error}") from None
            if not title.strip():
                raise forms.ValidationError(f"سطر {number}: عنوان نقطه‌ی عطف خالی است. / line {number}: the title is empty.")
        return milestones


class ProgramForm(PersianTextMixin, forms.Form):
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=None)
    parent = forms.ModelChoiceField(label=_("Part of program (for an action)"), queryset=None, required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    owner_organization = forms.ModelChoiceField(label=_("Owner organization"), queryset=None)
    owner_title = forms.CharField(label=_("Owner's title"), max_length=200, required=False)
    starts_on = JalaliDateField(label=_("Start date"))
    ends_on = JalaliDateField(label=_("End date"))
    milestones = MilestonesField(label=_("Milestones"), required=False,
                                 help_text=_("One per line: title | due date, e.g. “Half moved | 1405/03/31”."))

    def __init__(self, *args, organization, **kwargs):
        from kalanshahr.network.models import Organization

        from .models import Program

        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(organization__path__startswith=organization.path)
        self.fields["parent"].queryset = Program.objects.filter(goal__organization__path__startswith=organization.path,
                                                               parent=None)
        self.fields["owner_organization"].queryset = Organization.objects.subtree_of(organization)


class ProgramProgressForm(forms.Form):
    progress = PersianIntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    status = forms.ChoiceField(label=_("Status"), choices=ProgramStatus.choices)
