import json

from django import forms
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.bidi import isolate_text
from kalanshahr.lib.forms import JalaliDateField, PersianIntegerField, PersianTextMixin
from kalanshahr.network.forms import CitiesChoiceField, CityChoiceField
from kalanshahr.network.models import Municipality, Organization

from .models import AdoptionStatus, MeetingSeries
from .workflow import ADOPTIONS


class _ResolutionLabel:
    """A resolution's code as a choice's label, kept left to right among Persian options (lib/bidi.py)."""

    def label_from_instance(self, resolution):
        return isolate_text(resolution.code)


class ResolutionChoiceField(_ResolutionLabel, forms.ModelChoiceField):
    pass


class ResolutionsField(_ResolutionLabel, forms.ModelMultipleChoiceField):
    pass


class AgendaItemForm(PersianTextMixin, forms.Form):
    working_group = forms.ModelChoiceField(label=_("Working group"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = meeting.series.working_groups.all()


class ResolutionForm(PersianTextMixin, forms.Form):
    text = forms.CharField(label=_("Text of the resolution"), widget=forms.Textarea(attrs={"rows": 5}))
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    authority = forms.ModelChoiceField(label=_("Competent authority"), queryset=Organization.objects.authorities())


class TransitionForm(PersianTextMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        if transition.needs_comment:
            self.fields["comment"].required = True
            self.fields["comment"].label = transition.comment_label


class AdoptionForm(PersianTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    reference = forms.CharField(label=_("Reference number"), max_length=100, required=False)
    started_on = JalaliDateField(label=_("Started on"), required=False)
    implemented_on = JalaliDateField(label=_("Implemented on"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           help_text=_("Required when the resolution does not apply to this municipality."))
    evidence = forms.FileField(label=_("Evidence"), required=False,
                               help_text=_("A letter, minutes or report that shows the adoption."))

    def __init__(self, *args, adoption, **kwargs):
        super().__init__(*args, **kwargs)
        reachable = [adoption.status, *sorted(ADOPTIONS.graph()[adoption.status])]
        self.fields["status"].choices = [(s, AdoptionStatus(s).label) for s in reachable]


class CommitmentForm(PersianTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    due_on = JalaliDateField(label=_("Due date"))
    owner_organization = forms.ModelChoiceField(label=_("Owner organization"), queryset=None, required=False)
    resolution = ResolutionChoiceField(label=_("Resolution"), queryset=None, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organization"].queryset = Organization.objects.with_related()
        self.fields["resolution"].queryset = meeting.resolutions.all()


class MeetingForm(PersianTextMixin, forms.Form):
    """A new meeting (`next_numbers`: each series' next free number, which the page suggests when the series
    changes) or, with `editing`, the corrections of one (its series stays)."""

    series = forms.ModelChoiceField(label=_("Series"), queryset=MeetingSeries.objects.all())
    number = PersianIntegerField(label=_("Number in the series"), min_value=1)
    host = CityChoiceField(label=_("Host municipality"), queryset=Municipality.objects.in_name_order())
    starts_on = JalaliDateField(label=_("First day"))
    ends_on = JalaliDateField(label=_("Last day"))
    participants = CitiesChoiceField(label=_("Participating municipalities"),
                                     queryset=Municipality.objects.in_name_order(),
                                     help_text=_("The host takes part whether ticked or not."))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, next_numbers=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["series"]
        elif next_numbers:
            self.fields["series"].widget.attrs["data-next-numbers"] = json.dumps(next_numbers)
