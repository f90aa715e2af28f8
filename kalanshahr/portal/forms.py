from django import forms
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.forms import JalaliDateField, PersianCaptchaField
from kalanshahr.meetings.forms import ResolutionsField
from kalanshahr.meetings.models import Meeting, Resolution
from kalanshahr.network.forms import CitiesChoiceField
from kalanshahr.network.models import Municipality, Organization

from .moderation import REASONS
from .workflow import COMMENT_MOVES


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("Email (optional, never shown)"), required=False,
                             help_text=_("If a moderator does not publish your comment, we tell you why."))
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A field people never see: a form that fills it in is a robot's.
    website = forms.CharField(label=_("Leave this empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    captcha = PersianCaptchaField(label=_("Security question"),
                                  help_text=_("Write the result in digits; Persian digits are fine."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(user, "is_authenticated", False):
            for name in ("name", "email", "captcha"):
                del self.fields[name]

    @property
    def is_robot(self):
        return bool(self.data.get("website"))


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    lead = forms.CharField(label=_("Lead"), widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("Paragraphs, headings, lists, links and tables; anything else is removed."))
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas"))
    municipalities = CitiesChoiceField(label=_("Cities"), required=False, queryset=Municipality.objects.in_name_order())
    organizations = forms.ModelMultipleChoiceField(label=_("Organizations"), required=False,
                                                   queryset=Organization.objects.in_name_order())
    meetings = forms.ModelMultipleChoiceField(label=_("Meetings"), required=False,
                                              queryset=Meeting.objects.select_related("series"))
    resolutions = ResolutionsField(label=_("Resolutions"), required=False, queryset=Resolution.objects.order_by("code"))
    publish = forms.ChoiceField(label=_("Publishing"), widget=forms.RadioSelect, initial="draft", choices=[
        ("draft", _("Keep as a draft")), ("now", _("Publish now")), ("later", _("Schedule"))])
    publish_on = JalaliDateField(label=_("Publish on"), required=False)
    publish_time = forms.TimeField(label=_("At"), required=False, widget=forms.TimeInput(attrs={"dir": "ltr"}),
                                   help_text=_("Like 08:30"))

    def clean_tags(self):
        return [name.strip() for name in self.cleaned_data["tags"].replace("،", ",").split(",") if name.strip()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish") == "later" and not cleaned.get("publish_on"):
            self.add_error("publish_on", _("Choose the day to publish on."))
        return cleaned


class ModerationForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple,
                                              error_messages={"required": _("Choose at least one comment.")})
    action = forms.ChoiceField(choices=[(a, m.label) for a, m in COMMENT_MOVES.items()])
    reason = forms.CharField(label=_("Reason shown to the author"), required=False, max_length=500)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].queryset = queryset


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)


REASON_LABELS = dict(zip(REASONS, [_("insult"), _("accusation"), _("not Persian"), _("off topic"), _("spam")]))
