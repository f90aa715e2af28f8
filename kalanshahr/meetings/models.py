"""Meetings of a numbered series, their working groups, agendas, resolutions, adoptions and commitments."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.persian import persian_digits
from kalanshahr.network.models import (
    BilingualNameMixin, Municipality, Organization, PersianOrderedName, PersianOrderedQuerySet,
)


class MeetingSeries(BilingualNameMixin, PersianOrderedName):
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = PersianOrderedQuerySet.as_manager()

    class Meta:
        ordering = ["name_order", "id"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")


class WorkingGroup(BilingualNameMixin, models.Model):
    series = models.ForeignKey(
        MeetingSeries, verbose_name=_("series"), on_delete=models.CASCADE, related_name="working_groups"
    )
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    # Short Latin code used in resolution codes: 30-REV-03.
    code = models.CharField(_("code"), max_length=8)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["series", "position", "id"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [models.UniqueConstraint(fields=["series", "code"], name="working_group_code_unique")]


class MeetingQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("series", "host")


class Meeting(models.Model):
    series = models.ForeignKey(MeetingSeries, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(_("number"))
    host = models.ForeignKey(
        Municipality, verbose_name=_("host"), on_delete=models.PROTECT, related_name="hosted_meetings"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    participants = models.ManyToManyField(Municipality, verbose_name=_("participating municipalities"),
                                          related_name="meetings")
    summary = models.TextField(_("summary"), blank=True)
    is_sample_data = models.BooleanField(
        _("sample data"), default=False,
        help_text=_("Dates and resolutions of this meeting are illustrative, made up for the demo."),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["series", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="meeting_number_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="meeting_ends_after_start"),
        ]

    def __str__(self):
        number = persian_digits(self.number) if (translation.get_language() or "fa").startswith("fa") else self.number
        return _("Meeting %(number)s of %(series)s") % {"number": number, "series": self.series.name}

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.series.slug, self.number])

    @property
    def days(self):
        return (self.ends_on - self.starts_on).days + 1


class Attendee(models.Model):
    """Who came, by office and title: the demo, like the reports, names no person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "municipality__name_order", "id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self):
        return self.name or self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    working_group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["meeting", "working_group__position", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "working_group", "position"], name="agenda_item_position_unique"),
        ]

    def __str__(self):
        return self.title


class ResolutionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted by the working group")
    SUBMITTED = "submitted", _("Submitted to the authority")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ResolutionQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("meeting__series", "meeting__host", "working_group", "authority", "agenda_item")

    def approved(self):
        return self.filter(state=ResolutionState.APPROVED)


class Resolution(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT,
                                    related_name="resolutions")
    # Copied from the agenda item when the resolution is created, so lists filter without joins.
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="resolutions", editable=False
    )
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.PROTECT, related_name="resolutions", editable=False)
    sequence = models.PositiveSmallIntegerField(editable=False)
    code = models.CharField(_("code"), max_length=40, editable=False, db_index=True)
    text = models.TextField(_("text"))
    rationale = models.TextField(_("rationale"), blank=True)
    authority = models.ForeignKey(Organization, verbose_name=_("competent authority"), on_delete=models.PROTECT,
                                  related_name="addressed_resolutions", limit_choices_to={"kind": "authority"})
    state = models.CharField(_("state"), max_length=12, choices=ResolutionState.choices, default=ResolutionState.DRAFT)
    created = models.DateTimeField(auto_now_add=True)
    state_changed = models.DateTimeField(default=timezone.now)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "working_group__position", "sequence"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "working_group", "sequence"], name="resolution_sequence_unique"),
        ]

    @property
    def is_approved(self):
        return self.state == ResolutionState.APPROVED

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("meetings:resolution", args=[self.pk])

    @staticmethod
    def make_code(meeting_number, group_code, sequence):
        """«30-REV-03»: meeting number, working group code, sequence within the group."""
        return f"{meeting_number}-{group_code}-{sequence:02d}"


class ResolutionEvent(models.Model):
    """The history of a resolution: every transition with its actor, time and comment."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=12)
    from_state = models.CharField(max_length=12, choices=ResolutionState.choices)
    to_state = models.CharField(max_length=12, choices=ResolutionState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["resolution", "created", "id"]
        verbose_name = _("resolution event")
        verbose_name_plural = _("resolution events")


class AdoptionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class AdoptionQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("resolution__meeting__series", "resolution__working_group", "municipality")


class Adoption(models.Model):
    """One municipality's adoption of one approved resolution."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.CASCADE, related_name="adoptions"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="adoptions"
    )
    status = models.CharField(_("status"), max_length=16, choices=AdoptionStatus.choices, default=AdoptionStatus.PENDING)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["resolution", "municipality__name_order", "id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [models.UniqueConstraint(fields=["resolution", "municipality"], name="adoption_unique")]

    def __str__(self):
        return f"{self.resolution.code} · {self.municipality}"


class AdoptionEvidence(models.Model):
    """A file that shows a city's adoption (a letter, minutes, a report). Each upload is kept beside the earlier
    ones, so a new file never replaces what was sent before; they are served only through the adoption's page."""

    adoption = models.ForeignKey(Adoption, verbose_name=_("adoption"), on_delete=models.CASCADE,
                                 related_name="evidence_files")
    file = models.FileField(_("file"), upload_to="adoptions/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))

    class Meta:
        ordering = ["adoption", "-uploaded", "-id"]
        verbose_name = _("adoption evidence")
        verbose_name_plural = _("adoption evidence")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:adoption_evidence", args=[self.adoption_id, self.pk])


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class CommitmentQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("meeting__series", "resolution", "owner_organization", "owner_user")

    def open(self):
        return self.filter(status=CommitmentStatus.OPEN)

    def due_within(self, days, today=None):
        """Open commitments due in the next `days` days, or already overdue."""
        today = today or timezone.localdate()
        return self.open().filter(due_on__lte=today + datetime.timedelta(days=days))


class Commitment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="commitments")
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="commitments")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_organization = models.ForeignKey(Organization, verbose_name=_("owner organization"), on_delete=models.PROTECT,
                                           null=True, blank=True, related_name="commitments")
    owner_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="commitments")
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(condition=Q(meeting__isnull=False) | Q(resolution__isnull=False),
                                   name="commitment_has_meeting_or_resolution"),
            models.CheckConstraint(condition=Q(owner_organization__isnull=False) | Q(owner_user__isnull=False),
                                   name="commitment_has_owner"),
        ]

    def __str__(self):
        return self.title

    def is_overdue(self, today=None):
        return self.status == CommitmentStatus.OPEN and self.due_on < (today or timezone.localdate())


# --- the cycle around a meeting: the call for agenda proposals, invitations and attendance, minutes and votes,
# letters to the authorities (issue 22) ------------------------------------------------------------------------

class ProposalCall(models.Model):
    """The secretariat's call for agenda proposals before a meeting: the participating cities propose topics until
    the deadline (inclusive, the network's local day)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="proposal_call")
    deadline = models.DateField(_("deadline"))
    note = models.TextField(_("what the secretariat asks for"), blank=True)
    opened = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("call for agenda proposals")
        verbose_name_plural = _("calls for agenda proposals")

    def is_open(self, today=None):
        return (today or timezone.localdate()) <= self.deadline


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting the secretariat")
    ACCEPTED = "accepted", _("Accepted into the agenda")
    MERGED = "merged", _("Merged with another topic")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the city")


class ProposalQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("meeting__series", "municipality", "working_group", "agenda_item__working_group")


class AgendaProposal(models.Model):
    """A topic a participating city proposes for a meeting's agenda; the secretariat accepts it into a working
    group's agenda (as a new agenda item), merges it into an existing item, or declines it with a reason."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proposals")
    municipality = models.ForeignKey(Municipality, verbose_name=_("proposing city"), on_delete=models.PROTECT,
                                     related_name="agenda_proposals")
    working_group = models.ForeignKey(WorkingGroup, verbose_name=_("working group"), on_delete=models.PROTECT,
                                      related_name="proposals")
    title = models.CharField(_("title"), max_length=300)
    problem = models.TextField(_("the problem"))
    solution = models.TextField(_("proposed solution"))
    state = models.CharField(_("state"), max_length=10, choices=ProposalState.choices, default=ProposalState.SUBMITTED)
    # The secretariat's reason for declining, or its note on a merge.
    reason = models.TextField(_("the secretariat's reason"), blank=True)
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="proposals")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created = models.DateTimeField(default=timezone.now)
    decided = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "created", "id"]
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:proposal", args=[self.pk])


class ProposalAttachment(models.Model):
    """A document that comes with a proposal; served only through the proposal's page."""

    proposal = models.ForeignKey(AgendaProposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="proposals/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:proposal_attachment", args=[self.proposal_id, self.pk])


class InvitationResponse(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Will not attend")


class AttendeeInvitation(models.Model):
    """An attendee's answer to the invitation: the city confirms (or declines) for its own people."""

    attendee = models.OneToOneField(Attendee, on_delete=models.CASCADE, related_name="invitation")
    response = models.CharField(_("response"), max_length=10, choices=InvitationResponse.choices,
                                default=InvitationResponse.INVITED)
    responded = models.DateTimeField(null=True, blank=True)


class Attendance(models.Model):
    """An attendee was present on a day of the meeting, in a working group's session or (no group) the plenary."""

    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("day"))
    working_group = models.ForeignKey(WorkingGroup, verbose_name=_("working group"), on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["day", "attendee"]
        constraints = [
            models.UniqueConstraint(fields=["attendee", "day", "working_group"], name="attendance_once"),
            models.UniqueConstraint(fields=["attendee", "day"], condition=Q(working_group__isnull=True),
                                    name="attendance_plenary_once"),
        ]


class Minutes(models.Model):
    """A working group's session at a meeting: what was discussed and decided, kept by the secretariat."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    working_group = models.ForeignKey(WorkingGroup, verbose_name=_("working group"), on_delete=models.PROTECT,
                                      related_name="minutes")
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("discussion summary"))
    decisions = models.TextField(_("decisions"), blank=True)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "working_group__position"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [models.UniqueConstraint(fields=["meeting", "working_group"], name="minutes_once_per_group")]


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstaining")


class Vote(models.Model):
    """How the working group adopted a resolution: by consensus, or city by city."""

    resolution = models.OneToOneField(Resolution, on_delete=models.CASCADE, related_name="vote")
    consensus = models.BooleanField(_("by consensus"), default=False)
    recorded = models.DateTimeField(default=timezone.now)

    def tally(self):
        """{choice: count} over the ballots (prefetched as `ballots`)."""
        counts = {choice: 0 for choice in VoteChoice.values}
        for ballot in self.ballots.all():
            counts[ballot.choice] += 1
        return counts


class Ballot(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)

    class Meta:
        ordering = ["vote", "municipality__name_order"]
        constraints = [models.UniqueConstraint(fields=["vote", "municipality"], name="one_ballot_per_city")]


class Letter(models.Model):
    """The formal letter a resolution leaves with for its authority, one per submission. What it said is kept on
    the row as it left (the addressee's name, the subject, the text and rationale): a resolution returned and
    revised leaves with a new letter, and the earlier one still reads as it was sent. The PDF is typeset from the
    row (views_cycle.letter_pdf), the same every time."""

    resolution = models.ForeignKey(Resolution, on_delete=models.PROTECT, related_name="letters")
    authority = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="letters")
    number = models.CharField(_("letter number"), max_length=40, unique=True)
    sent_on = models.DateField(_("date"))
    authority_name = models.CharField(_("addressee"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    rationale = models.TextField(_("rationale"), blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("meetings:letter_pdf", args=[self.resolution_id, self.pk])
