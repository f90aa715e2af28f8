import datetime
import json

from django import forms
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from kalanshahr.lib.bidi import isolate_text
from kalanshahr.lib.forms import JalaliDateField, MultipleFileField, PersianIntegerField, PersianTextMixin
from kalanshahr.lib.jalali import format_date
from kalanshahr.network.forms import CitiesChoiceField, CityChoiceField
from kalanshahr.network.models import Municipality, Organization

from .models import AdoptionStatus, MeetingSeries, VoteChoice
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
    """A move's comment; for the adoption in the working group, its vote as well: by consensus, or each
    participating city's ballot (`voters`), a city left blank being absent."""

    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, transition, voters=(), **kwargs):
        super().__init__(*args, **kwargs)
        if transition.needs_comment:
            self.fields["comment"].required = True
            self.fields["comment"].label = transition.comment_label
        self.voters = {f"ballot_{city.slug}": city for city in voters}
        if self.voters:
            self.fields["consensus"] = forms.BooleanField(
                label=_("Adopted by consensus"), required=False,
                help_text=_("Otherwise record each city's vote below; a city left blank was absent."))
        for name, city in self.voters.items():
            self.fields[name] = forms.ChoiceField(label=city.name, required=False,
                                                  choices=[("", _("Absent")), *VoteChoice.choices])

    def vote(self):
        """(consensus, {Municipality: choice}) of a valid form."""
        data = self.cleaned_data
        return (data.get("consensus", False),
                {city: data[name] for name, city in self.voters.items() if data.get(name)})


class CallForm(forms.Form):
    deadline = JalaliDateField(label=_("Deadline for proposals"))
    note = forms.CharField(label=_("What the secretariat asks for"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ProposalForm(PersianTextMixin, forms.Form):
    municipality = CityChoiceField(label=_("Proposing city"), queryset=Municipality.objects.none())
    working_group = forms.ModelChoiceField(label=_("Working group"), queryset=None)
    title = forms.CharField(label=_("Topic"), max_length=300)
    problem = forms.CharField(label=_("The problem"), widget=forms.Textarea(attrs={"rows": 4}))
    solution = forms.CharField(label=_("Proposed solution"), widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(label=_("Attachments"), required=False,
                                    help_text=_("Up to five files: PDF, Word, Excel or images."))

    def __init__(self, *args, meeting, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = cities
        self.fields["working_group"].queryset = meeting.series.working_groups.all()
        own = list(cities[:2])
        if len(own) == 1:  # an editor speaks for one city: it is chosen for them
            self.fields["municipality"].initial = own[0].pk


class ProposalDecisionForm(PersianTextMixin, forms.Form):
    """The secretariat's decision: accept into a working group, merge into an agenda item, or decline."""

    working_group = forms.ModelChoiceField(label=_("Into the agenda of"), queryset=None, required=False)
    agenda_item = forms.ModelChoiceField(label=_("Merge into the agenda item"), queryset=None, required=False)
    comment = forms.CharField(label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Required when declining; the proposing city reads it."))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = proposal.meeting.series.working_groups.all()
        self.fields["working_group"].initial = proposal.working_group_id
        self.fields["agenda_item"].queryset = proposal.meeting.agenda_items.select_related("working_group")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.working_group.name} · {item.title}"


class AttendeeForm(PersianTextMixin, forms.Form):
    municipality = CityChoiceField(label=_("City"), queryset=Municipality.objects.none())
    title = forms.CharField(label=pgettext_lazy("an attendee's post", "Position"), max_length=200,
                            help_text=_("The post, such as the city's deputy for finance; a name is optional."))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = cities


class AttendanceForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), coerce=lambda value: datetime.date.fromisoformat(value))
    working_group = forms.ModelChoiceField(label=_("Session"), queryset=None, required=False,
                                           empty_label=_("Plenary"))
    attendees = forms.ModelMultipleChoiceField(label=_("Present"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        days = [meeting.starts_on + datetime.timedelta(days=n) for n in range(meeting.days)]
        self.fields["day"].choices = [(day.isoformat(), format_date(day)) for day in days]
        self.fields["working_group"].queryset = meeting.series.working_groups.all()
        self.fields["attendees"].queryset = meeting.attendees.select_related("municipality")
        self.fields["attendees"].label_from_instance = lambda a: (
            f"{a.municipality.name} · {a.title}" if a.municipality_id else a.title)


class MinutesForm(PersianTextMixin, forms.Form):
    held_on = forms.TypedChoiceField(label=_("Held on"), coerce=lambda value: datetime.date.fromisoformat(value))
    summary = forms.CharField(label=_("Summary of the discussion"), widget=forms.Textarea(attrs={"rows": 5}))
    decisions = forms.CharField(label=_("Decisions"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        days = [meeting.starts_on + datetime.timedelta(days=n) for n in range(meeting.days)]
        self.fields["held_on"].choices = [(day.isoformat(), format_date(day)) for day in days]


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
