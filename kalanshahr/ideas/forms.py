from django import forms
from django.contrib.auth import get_user_model
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.bidi import isolate_text
from kalanshahr.lib.forms import PersianCaptchaField
from kalanshahr.lib.persian import ascii_digits, in_person_order, person_name
from kalanshahr.lib.templatetags import digits
from kalanshahr.network import access as network_access
from kalanshahr.network.forms import CityChoiceField
from kalanshahr.network.models import Municipality, Organization, Role
from kalanshahr.strategy.models import Goal, Indicator

from . import access
from .models import CRITERIA, Decision, Review



class OrganizationField(forms.ModelChoiceField):
    def label_from_instance(self, organization):
        city = organization.municipality.name if organization.municipality else ""
        return f"{city} · {organization.name}" if city else organization.name


class IndicatorsField(forms.ModelMultipleChoiceField):
    show_codes = True  # staff know indicators by their codes; a citizen by their names only

    def label_from_instance(self, indicator):
        return f"{isolate_text(indicator.code)} — {indicator.name}" if self.show_codes else indicator.name


def _organizations():
    return Organization.objects.filter(municipality__isnull=False).select_related("municipality").order_by(
        "municipality__name_order", "path")


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    problem = forms.CharField(label=_("The problem"), widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What goes wrong today, for whom, and where."))
    proposal = forms.CharField(label=_("Your proposal"), widget=forms.Textarea(attrs={"rows": 5}))
    municipality = CityChoiceField(label=_("City"), queryset=Municipality.objects.in_name_order(),
                                   required=False, empty_label=_("Every city"))
    organization = OrganizationField(label=_("Related organization"), queryset=_organizations(), required=False,
                                     empty_label=_("I do not know"))
    goals = forms.ModelMultipleChoiceField(label=_("Related goals"), required=False,
                                           queryset=Goal.objects.select_related("organization").order_by("title"))
    indicators = IndicatorsField(label=_("Related indicators"), required=False,
                                 queryset=Indicator.objects.order_by("code"))
    attachment = forms.FileField(label=_("Attach a file"), required=False,
                                 help_text=_("PDF, image, Word, Excel or PowerPoint; at most 5 MB."))
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your email"),
                             help_text=_("We send a link to it; the idea goes forward once you open it."))
    captcha = PersianCaptchaField(label=_("Security question"),
                                  help_text=_("Write the answer in digits; Persian digits are fine."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].widget.attrs["size"] = 4
        self.fields["indicators"].widget.attrs["size"] = 4
        if getattr(user, "is_authenticated", False):
            for name in ("name", "email", "captcha"):
                del self.fields[name]
        if not network_access.memberships(user):
            self.fields["indicators"].show_codes = False


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=20,
                             help_text=_("The number you received when you submitted the idea, such as ACDE-3469."),
                             widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}))

    def clean_number(self):
        """Accepts the number as people type it: Persian digits, small letters, spaces, with or without the dash."""
        typed = ascii_digits(self.cleaned_data["number"]).upper()
        code = "".join(ch for ch in typed if ch.isalnum())
        return f"{code[:4]}-{code[4:]}" if len(code) == 8 else typed.strip()


class AssignForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(label=_("Experts"), queryset=get_user_model().objects.none(),
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        taken = {review.expert_id for review in idea.reviews.all()}
        experts = network_access.members_with_role(Role.EXPERT_REVIEWER).exclude(pk__in=taken).order_by("username")
        field = self.fields["experts"]
        field.queryset = experts
        conflicted = access.experts_with_conflict(experts, idea)
        own = _("own organization: cannot review it")

        def label(user):
            name = person_name(user)
            return f"{name} ({own})" if user.pk in conflicted else name

        field.label_from_instance = label
        field.choices = [(user.pk, label(user)) for user in in_person_order(experts)]


# What each score means, said on the scale itself so that every expert reads 3 the same way; cost runs the other
# way (5 is the cheapest), so it has its own words.
SCORE_MEANINGS = {
    1: _("Weak: falls well short"),
    2: _("Below what is needed"),
    3: _("Acceptable"),
    4: _("Good"),
    5: _("Excellent: meets it fully"),
}
COST_MEANINGS = {
    1: _("Very costly"),
    2: _("Costly"),
    3: _("Moderate cost"),
    4: _("Cheap"),
    5: _("Very cheap"),
}
CRITERION_HELP = {
    "alignment": _("How closely the idea serves the goals of the comprehensive plan and the other upstream documents."),
    "feasibility": _("Whether the municipality can carry it out with the people, rules and technology it has."),
    "cost": _("What it would cost to build and run; a cheaper idea scores higher."),
    "impact": _("How much it would change the citizens' lives or the city's services."),
    "novelty": _("How new it is here, compared with what cities already do."),
}


def score_choices(criterion):
    meanings = COST_MEANINGS if criterion == "cost" else SCORE_MEANINGS
    return [(n, format_lazy("{} — {}", lazy(digits, str)(n), meaning)) for n, meaning in meanings.items()]


class ReviewForm(forms.ModelForm):
    """Each criterion is a horizontal 1–5 scale whose options say what the score means."""

    class Meta:
        model = Review
        fields = [*CRITERIA, "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CRITERIA:
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label, choices=score_choices(name), coerce=int, help_text=CRITERION_HELP[name],
                widget=forms.RadioSelect(attrs={"class": "score-scale"}))
        self.fields["comment"].widget = forms.Textarea(attrs={"rows": 4})

    def chosen(self):
        """(criterion label, score, its meaning) of a valid form, for the confirmation before the final submit."""
        return [(self.fields[name].label, self.cleaned_data[name],
                 dict(self.fields[name].choices)[self.cleaned_data[name]]) for name in CRITERIA]


class MoveForm(forms.Form):
    """The fields a move needs: reasons or an evaluation, a decision, or where and how a pilot runs."""

    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, move, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = move.action
        comment = self.fields["comment"]
        if move.needs_comment:
            comment.label, comment.required = move.comment_label, True
        if move.action == "decide":
            self.fields["decision"] = forms.ChoiceField(label=_("Decision"), choices=Decision.choices,
                                                        widget=forms.RadioSelect)
        if move.action == "start_pilot":
            self.fields["municipality"] = CityChoiceField(label=_("City"), queryset=Municipality.objects.in_name_order())
            self.fields["organization"] = OrganizationField(label=_("Organization"), queryset=_organizations(),
                                                            required=False)
            self.fields["indicators"] = IndicatorsField(label=_("Indicators it should move"),
                                                        queryset=Indicator.objects.order_by("code"))
            self.fields["plan"] = forms.CharField(label=_("Plan"), widget=forms.Textarea(attrs={"rows": 3}))
            self.fields["start_period"] = forms.CharField(label=_("First period"), max_length=10,
                                                          help_text=_("Like 1404-03, 1404Q2 or 1404."))
        if move.action == "evaluate":
            self.fields["end_period"] = forms.CharField(label=_("Last period"), max_length=10, required=False,
                                                        help_text=_("Leave empty to compare with the newest values."))

    def service_arguments(self):
        data = self.cleaned_data
        arguments = {"comment": data.get("comment", "")}
        if self.action == "decide":
            arguments["decision"] = data["decision"]
        if self.action == "start_pilot":
            arguments["pilot"] = {name: data.get(name) for name in
                                  ("municipality", "organization", "indicators", "plan", "start_period")}
        if self.action == "evaluate":
            arguments["end_period"] = data.get("end_period") or None
        return arguments
