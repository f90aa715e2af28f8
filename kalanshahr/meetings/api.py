"""REST API for S1 under /api/v1/. Reads follow access.py's visibility; writes call services.py."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kalanshahr.lib.api import FilterMixin, filter_parameters
from kalanshahr.lib.jalali import jalali_input_value
from kalanshahr.network.models import Municipality

from . import access, api_cycle, services
from .models import (
    Adoption, AdoptionStatus, AgendaItem, Commitment, Meeting, MeetingSeries, Resolution, ResolutionEvent, VoteChoice,
    WorkingGroup,
)
from .workflow import RESOLUTION_ACTIONS


@extend_schema_field({"type": "string", "example": "1404/07/15"})
class JalaliDateField(serializers.DateField):
    """A read-only Jalali rendering of a date, next to the ISO one."""

    def to_representation(self, value):
        return jalali_input_value(value) if value else None


class SeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingSeries
        fields = ["id", "slug", "name_fa", "name_en", "description"]


class WorkingGroupSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = WorkingGroup
        fields = ["id", "series", "code", "name_fa", "name_en", "position"]


class MeetingSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    host = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    participants = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    starts_on_jalali = JalaliDateField(source="starts_on", read_only=True)
    ends_on_jalali = JalaliDateField(source="ends_on", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "series", "number", "host", "starts_on", "ends_on", "starts_on_jalali", "ends_on_jalali",
                  "participants", "summary", "is_sample_data"]


class AgendaItemSerializer(serializers.ModelSerializer):
    working_group = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "working_group", "position", "title", "description"]


class ResolutionEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ResolutionEvent
        fields = ["action", "from_state", "to_state", "actor", "created", "comment"]


class ResolutionSerializer(serializers.ModelSerializer):
    working_group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    authority = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    events = ResolutionEventSerializer(many=True, read_only=True)

    class Meta:
        model = Resolution
        fields = ["id", "code", "meeting", "working_group", "agenda_item", "text", "rationale", "authority", "state",
                  "state_changed", "events"]


class BallotInputSerializer(serializers.Serializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", queryset=Municipality.objects.all())
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=RESOLUTION_ACTIONS)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    consensus = serializers.BooleanField(required=False, default=False,
                                         help_text="adopt: the working group adopted it by consensus.")
    ballots = BallotInputSerializer(many=True, required=False, default=list,
                                    help_text="adopt: each participating city's vote; a city left out was absent.")


class AdoptionSerializer(serializers.ModelSerializer):
    resolution_code = serializers.CharField(source="resolution.code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Adoption
        fields = ["id", "resolution", "resolution_code", "municipality", "status", "started_on", "implemented_on",
                  "reference", "note", "updated", "updated_by"]
        read_only_fields = ["resolution", "updated"]


class AdoptionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AdoptionStatus.choices, required=False)
    reference = serializers.CharField(required=False, allow_blank=True, max_length=100)
    note = serializers.CharField(required=False, allow_blank=True)
    started_on = serializers.DateField(required=False)
    implemented_on = serializers.DateField(required=False)


class CommitmentSerializer(serializers.ModelSerializer):
    owner_organization = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    owner_user = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = ["id", "meeting", "resolution", "title", "description", "owner_organization", "owner_user", "due_on",
                  "status", "overdue"]

    def get_overdue(self, commitment) -> bool:
        return commitment.is_overdue()


SERIES_FILTERS = {}
GROUP_FILTERS = {"series": "series__slug"}
MEETING_FILTERS = {"series": "series__slug", "host": "host__slug", "number": "number"}
AGENDA_FILTERS = {"meeting": "meeting_id", "working_group": "working_group__code"}
RESOLUTION_FILTERS = {"series": "meeting__series__slug", "meeting": "meeting_id", "working_group": "working_group__code",
                      "state": "state", "authority": "authority__slug"}
ADOPTION_FILTERS = {"series": "resolution__meeting__series__slug", "meeting": "resolution__meeting_id",
                    "working_group": "resolution__working_group__code", "municipality": "municipality__slug",
                    "status": "status", "resolution": "resolution_id"}
COMMITMENT_FILTERS = {"meeting": "meeting_id", "resolution": "resolution_id", "status": "status",
                      "owner_organization": "owner_organization__slug"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(SERIES_FILTERS)))
class SeriesViewSet(FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SeriesSerializer
    queryset = MeetingSeries.objects.all()
    filters = SERIES_FILTERS


@extend_schema_view(list=extend_schema(parameters=filter_parameters(GROUP_FILTERS)))
class WorkingGroupViewSet(FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = WorkingGroupSerializer
    queryset = WorkingGroup.objects.select_related("series")
    filters = GROUP_FILTERS


@extend_schema_view(list=extend_schema(parameters=filter_parameters(MEETING_FILTERS)))
class MeetingViewSet(FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    queryset = Meeting.objects.with_related().prefetch_related("participants")
    filters = MEETING_FILTERS


@extend_schema_view(list=extend_schema(parameters=filter_parameters(AGENDA_FILTERS)))
class AgendaItemViewSet(FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AgendaItemSerializer
    queryset = AgendaItem.objects.select_related("working_group")
    filters = AGENDA_FILTERS


@extend_schema_view(list=extend_schema(parameters=filter_parameters(RESOLUTION_FILTERS)))
class ResolutionViewSet(FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ResolutionSerializer
    filters = RESOLUTION_FILTERS

    def get_queryset(self):
        events = Prefetch("events", queryset=ResolutionEvent.objects.select_related("actor"))
        return access.resolutions_visible_to(self.request.user).prefetch_related(events)

    @extend_schema(request=TransitionSerializer, responses=ResolutionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def transition(self, request, pk=None):
        """Moves the resolution: adopt, submit (also from returned), approve, return, reject or withdraw."""
        resolution = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        ballots = {}
        for ballot in data["ballots"]:
            if ballot["municipality"].pk in {city.pk for city in ballots}:
                raise serializers.ValidationError({"ballots": "Each city votes once."})
            ballots[ballot["municipality"]] = ballot["choice"]
        services.transition_resolution(request.user, resolution, data["action"], data["comment"],
                                       consensus=data["consensus"], ballots=ballots)
        return Response(ResolutionSerializer(self.get_queryset().get(pk=resolution.pk)).data)


@extend_schema_view(list=extend_schema(parameters=filter_parameters(ADOPTION_FILTERS)))
class AdoptionViewSet(FilterMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AdoptionSerializer
    filters = ADOPTION_FILTERS
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return access.adoptions_visible_to(self.request.user).select_related("updated_by")

    def get_permissions(self):
        if self.request.method == "PATCH":
            return [permissions.IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(request=AdoptionUpdateSerializer, responses=AdoptionSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Records this municipality's progress: status (pending → in_progress → implemented, or not_applicable), reference, note, dates."""
        adoption = access.get_adoption_for_user(request.user, kwargs["pk"], write=True)
        payload = AdoptionUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.update_adoption(request.user, adoption, **payload.validated_data)
        return Response(AdoptionSerializer(self.get_queryset().get(pk=adoption.pk)).data)


@extend_schema_view(list=extend_schema(parameters=filter_parameters(COMMITMENT_FILTERS)))
class CommitmentViewSet(FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CommitmentSerializer
    filters = COMMITMENT_FILTERS

    def get_queryset(self):
        return access.commitments_visible_to(self.request.user)


def register(router):
    router.register("meeting-series", SeriesViewSet, basename="meeting-series")
    router.register("working-groups", WorkingGroupViewSet, basename="working-group")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
    router.register("resolutions", ResolutionViewSet, basename="resolution")
    router.register("adoptions", AdoptionViewSet, basename="adoption")
    router.register("commitments", CommitmentViewSet, basename="commitment")
    api_cycle.register(router)

