"""REST API of the meeting cycle under /api/v1/ (issue 22): agenda proposals and the decisions on them,
attendees with their invitations, attendance, minutes and votes. Reads are for signed-in members
(access.can_read_cycle, lib.api.SignedIn); writes call the services, with their access rules and error shape."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kalanshahr.lib.api import FilterMixin, SignedIn, filter_parameters
from kalanshahr.network.models import Municipality

from . import access, services
from .models import (AgendaItem, AgendaProposal, Attendance, Attendee, Ballot, InvitationResponse, Meeting, Minutes,
                     Vote, WorkingGroup)
from .workflow import PROPOSAL_TRANSITIONS


def _group(series_id, code, *, required=True):
    """The working group of a series by its code (None for no code when not required); a 400 naming the field."""
    if not code and not required:
        return None
    group = WorkingGroup.objects.filter(series_id=series_id, code=code).first()
    if group is None:
        raise serializers.ValidationError({"working_group": "No working group of this meeting's series has this code."})
    return group


def _created(viewset, request, payload_class, make):
    """Validates the body with `payload_class`, calls `make(user, meeting, **the rest)` (a service) and answers 201
    with the made row as the viewset serializes it."""
    payload = payload_class(data=request.data)
    payload.is_valid(raise_exception=True)
    data = dict(payload.validated_data)
    made = make(request.user, data.pop("meeting"), **data)
    return Response(viewset.get_serializer(viewset.get_queryset().get(pk=made.pk)).data, status=status.HTTP_201_CREATED)


class CityField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", queryset=Municipality.objects.all(), **kwargs)


class ProposalSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    working_group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = AgendaProposal
        fields = ["id", "meeting", "municipality", "working_group", "title", "problem", "solution", "state", "reason",
                  "agenda_item", "created", "decided", "attachments"]

    def get_attachments(self, proposal) -> list[str]:
        return [attachment.name for attachment in proposal.attachments.all()]


class ProposalCreateSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    municipality = CityField()
    working_group = serializers.CharField(help_text="The working group's code in the meeting's series, such as REV.")
    title = serializers.CharField(max_length=300)
    problem = serializers.CharField()
    solution = serializers.CharField()

    def validate(self, data):
        return {**data, "working_group": _group(data["meeting"].series_id, data["working_group"])}


class ProposalDecisionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(PROPOSAL_TRANSITIONS))
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    working_group = serializers.CharField(required=False, help_text="accept: the group's code (the proposed one "
                                                                    "by default).")
    agenda_item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.all(), required=False,
                                                     help_text="merge: the agenda item of the same meeting.")


PROPOSAL_FILTERS = {"meeting": "meeting_id", "municipality": "municipality__slug", "state": "state"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(PROPOSAL_FILTERS)))
class ProposalViewSet(SignedIn, FilterMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Agenda proposals: a participating city's editor proposes for its own city; the secretariat decides."""

    serializer_class = ProposalSerializer
    filters = PROPOSAL_FILTERS

    def get_queryset(self):
        return access.proposals_visible_to(self.request.user).prefetch_related("attachments")

    @extend_schema(request=ProposalCreateSerializer, responses={201: ProposalSerializer})
    def create(self, request, *args, **kwargs):
        return _created(self, request, ProposalCreateSerializer, services.submit_proposal)

    @extend_schema(request=ProposalDecisionSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """accept (into a working group's agenda), merge (into an agenda item), decline (with the reason), or
        withdraw (the proposing city)."""
        proposal = self.get_object()
        payload = ProposalDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        group = _group(proposal.meeting.series_id, data.get("working_group"), required=False)
        services.decide_proposal(request.user, proposal, data["action"], comment=data["comment"], working_group=group,
                                 agenda_item=data.get("agenda_item"))
        return Response(ProposalSerializer(self.get_queryset().get(pk=proposal.pk)).data)


class AttendeeSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    response = serializers.SerializerMethodField()

    class Meta:
        model = Attendee
        fields = ["id", "meeting", "municipality", "title", "name", "response"]

    def get_response(self, attendee) -> str:
        invitation = getattr(attendee, "invitation", None)
        return invitation.response if invitation else InvitationResponse.INVITED


class AttendeeCreateSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    municipality = CityField()
    title = serializers.CharField(max_length=200)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.Serializer):
    response = serializers.ChoiceField(choices=[InvitationResponse.CONFIRMED, InvitationResponse.DECLINED])


ATTENDEE_FILTERS = {"meeting": "meeting_id", "municipality": "municipality__slug"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(ATTENDEE_FILTERS)))
class AttendeeViewSet(SignedIn, FilterMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A meeting's attendees and their answers to the invitation: a city names and answers for its own."""

    serializer_class = AttendeeSerializer
    filters = ATTENDEE_FILTERS
    queryset = Attendee.objects.select_related("municipality", "invitation")

    @extend_schema(request=AttendeeCreateSerializer, responses={201: AttendeeSerializer})
    def create(self, request, *args, **kwargs):
        return _created(self, request, AttendeeCreateSerializer, services.invite_attendee)

    @extend_schema(request=AnswerSerializer, responses=AttendeeSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """The city confirms that its attendee comes (confirmed) or says they will not (declined)."""
        attendee = self.get_object()
        payload = AnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.answer_invitation(request.user, attendee, payload.validated_data["response"])
        return Response(AttendeeSerializer(self.get_queryset().get(pk=attendee.pk)).data)


class AttendanceSerializer(serializers.ModelSerializer):
    working_group = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    meeting = serializers.IntegerField(source="attendee.meeting_id", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "meeting", "attendee", "day", "working_group"]


class AttendanceRecordSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    day = serializers.DateField()
    working_group = serializers.CharField(required=False, allow_blank=True, default="",
                                          help_text="The session's working group code; empty for the plenary.")
    attendees = serializers.PrimaryKeyRelatedField(queryset=Attendee.objects.all(), many=True)


ATTENDANCE_FILTERS = {"meeting": "attendee__meeting_id", "day": "day", "working_group": "working_group__code"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(ATTENDANCE_FILTERS)))
class AttendanceViewSet(SignedIn, FilterMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Who was present, per day and per session; the secretariat records a session's list, which replaces the one
    recorded before."""

    serializer_class = AttendanceSerializer
    filters = ATTENDANCE_FILTERS
    queryset = Attendance.objects.select_related("attendee", "working_group")

    @extend_schema(request=AttendanceRecordSerializer, responses={201: AttendanceSerializer(many=True)})
    def create(self, request, *args, **kwargs):
        payload = AttendanceRecordSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        meeting = data["meeting"]
        group = _group(meeting.series_id, data["working_group"], required=False)
        services.record_attendance(request.user, meeting, day=data["day"], attendees=data["attendees"],
                                   working_group=group)
        rows = self.get_queryset().filter(attendee__meeting=meeting, day=data["day"], working_group=group)
        return Response(AttendanceSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)


class MinutesSerializer(serializers.ModelSerializer):
    working_group = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Minutes
        fields = ["id", "meeting", "working_group", "held_on", "summary", "decisions", "updated"]


class MinutesRecordSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    working_group = serializers.CharField()
    held_on = serializers.DateField()
    summary = serializers.CharField()
    decisions = serializers.CharField(required=False, allow_blank=True, default="")


MINUTES_FILTERS = {"meeting": "meeting_id", "working_group": "working_group__code"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(MINUTES_FILTERS)))
class MinutesViewSet(SignedIn, FilterMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A working group's minutes at a meeting; the secretariat records them (again, to correct them)."""

    serializer_class = MinutesSerializer
    filters = MINUTES_FILTERS
    queryset = Minutes.objects.select_related("working_group")

    @extend_schema(request=MinutesRecordSerializer, responses={201: MinutesSerializer})
    def create(self, request, *args, **kwargs):
        def record(user, meeting, *, working_group, **data):
            return services.record_minutes(user, meeting, _group(meeting.series_id, working_group), **data)

        return _created(self, request, MinutesRecordSerializer, record)


class BallotSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Ballot
        fields = ["municipality", "choice"]


class VoteSerializer(serializers.ModelSerializer):
    resolution_code = serializers.CharField(source="resolution.code", read_only=True)
    ballots = BallotSerializer(many=True, read_only=True)

    class Meta:
        model = Vote
        fields = ["id", "resolution", "resolution_code", "consensus", "recorded", "ballots"]


VOTE_FILTERS = {"meeting": "resolution__meeting_id", "resolution": "resolution_id"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(VOTE_FILTERS)))
class VoteViewSet(SignedIn, FilterMixin, viewsets.ReadOnlyModelViewSet):
    """The votes resolutions were adopted with; they are recorded with the adoption (POST
    /resolutions/{id}/transition/ with action adopt and consensus or ballots)."""

    serializer_class = VoteSerializer
    filters = VOTE_FILTERS
    queryset = Vote.objects.select_related("resolution").prefetch_related("ballots__municipality")


def register(router):
    router.register("agenda-proposals", ProposalViewSet, basename="agenda-proposal")
    router.register("meeting-attendees", AttendeeViewSet, basename="meeting-attendee")
    router.register("attendance", AttendanceViewSet, basename="attendance")
    router.register("minutes", MinutesViewSet, basename="minutes")
    router.register("votes", VoteViewSet, basename="vote")
