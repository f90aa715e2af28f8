"""REST API for S2 under /api/v1/: documents, clauses, goals, indicators, targets and measurements.

Everything here needs a signed-in user. Writes go through services.py, so the API meets the same
rules as the pages (a goal or indicator without a clause is refused with 400 and `field: clauses`).
"""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kalanshahr.lib.api import FilterMixin, SignedIn, filter_parameters
from kalanshahr.network.models import Municipality, Organization

from . import access, services
from .imports import progress_of, start_import_job, validate_import_file
from .models import (
    Clause, Direction, Family, Frequency, Goal, ImportJob, Indicator, Measurement, Scope, Target, Theme, UpstreamDocument,
)
from .workflow import MEASUREMENT_MOVES


class ClauseSerializer(serializers.ModelSerializer):
    document = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Clause
        fields = ["id", "document", "number", "text"]


class DocumentSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    clauses = ClauseSerializer(many=True, read_only=True)

    class Meta:
        model = UpstreamDocument
        fields = ["id", "slug", "kind", "name_fa", "name_en", "issuer", "issued_on", "reference", "municipality",
                  "is_sample_data", "clauses"]


class GoalSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all())
    clauses = serializers.PrimaryKeyRelatedField(many=True, queryset=Clause.objects.all(), required=False)

    class Meta:
        model = Goal
        fields = ["id", "organization", "title", "description", "start_year", "end_year", "is_priority", "weight",
                  "owner_title", "clauses"]


class IndicatorSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all())
    clauses = serializers.PrimaryKeyRelatedField(many=True, queryset=Clause.objects.all(), required=False)
    goals = serializers.PrimaryKeyRelatedField(many=True, queryset=Goal.objects.all(), required=False)
    direction = serializers.ChoiceField(choices=Direction.choices)
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    family = serializers.ChoiceField(choices=Family.choices, required=False, default=Family.GENERAL)
    scope = serializers.ChoiceField(choices=Scope.choices, required=False, default=Scope.ORGANIZATION)
    theme = serializers.ChoiceField(choices=Theme.choices, required=False, allow_blank=True, default="")

    class Meta:
        model = Indicator
        fields = ["id", "code", "organization", "name_fa", "name_en", "definition", "unit", "numerator", "denominator",
                  "multiplier", "direction", "frequency", "family", "source", "owner_title", "scope", "theme",
                  "range_low", "range_high", "is_sample_data", "goals", "clauses"]


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Target
        fields = ["id", "indicator", "municipality", "organization", "period", "value", "value_high", "tolerance"]


class MeasurementSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    municipality = serializers.SlugRelatedField(slug_field="slug", queryset=Municipality.objects.all())
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all(), required=False,
                                                allow_null=True)
    entered_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    verified_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    submit = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = Measurement
        fields = ["id", "indicator", "municipality", "organization", "period", "value", "numerator", "denominator",
                  "note", "explanation", "status", "return_reason", "entered_by", "verified_by", "verified_at",
                  "submit"]
        read_only_fields = ["status", "return_reason", "verified_at"]
        validators = []  # uniqueness is the service's business: it updates the existing row


class MoveSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(MEASUREMENT_MOVES))
    reason = serializers.CharField(required=False, allow_blank=True, default="")


DOCUMENT_FILTERS = {"kind": "kind", "municipality": "municipality__slug"}
GOAL_FILTERS = {"organization": "organization__slug", "is_priority": "is_priority"}
INDICATOR_FILTERS = {"organization": "organization__slug", "family": "family", "frequency": "frequency"}
TARGET_FILTERS = {"indicator": "indicator__code", "period": "period"}
MEASUREMENT_FILTERS = {"indicator": "indicator__code", "period": "period", "status": "status",
                       "municipality": "municipality__slug", "organization": "organization__slug"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(DOCUMENT_FILTERS)))
class DocumentViewSet(SignedIn, FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer
    queryset = UpstreamDocument.objects.select_related("municipality").prefetch_related("clauses__document")
    filters = DOCUMENT_FILTERS
    lookup_field = "slug"


class ClauseViewSet(SignedIn, FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ClauseSerializer
    queryset = Clause.objects.select_related("document")
    filters = {"document": "document__slug"}


class _ServiceCreateMixin:
    """POST through a service; the serializer only parses."""

    def create(self, request, *args, **kwargs):
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        instance = self.perform_service(dict(payload.validated_data))
        return Response(self.get_serializer(instance).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(parameters=filter_parameters(GOAL_FILTERS)))
class GoalViewSet(SignedIn, FilterMixin, _ServiceCreateMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = GoalSerializer
    queryset = Goal.objects.with_related().prefetch_related("clauses")
    filters = GOAL_FILTERS

    def perform_service(self, data):
        organization = data.pop("organization")
        return services.create_goal(self.request.user, organization, **data)


@extend_schema_view(list=extend_schema(parameters=filter_parameters(INDICATOR_FILTERS)))
class IndicatorViewSet(SignedIn, FilterMixin, _ServiceCreateMixin, mixins.CreateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.with_related().prefetch_related("clauses", "goals")
    filters = INDICATOR_FILTERS
    lookup_field = "code"

    def perform_service(self, data):
        organization = data.pop("organization")
        return services.create_indicator(self.request.user, organization, **data)


@extend_schema_view(list=extend_schema(parameters=filter_parameters(TARGET_FILTERS)))
class TargetViewSet(SignedIn, FilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = TargetSerializer
    queryset = Target.objects.select_related("indicator", "municipality", "organization").order_by("indicator", "period")
    filters = TARGET_FILTERS


@extend_schema_view(list=extend_schema(parameters=filter_parameters(MEASUREMENT_FILTERS)))
class MeasurementViewSet(SignedIn, FilterMixin, _ServiceCreateMixin, mixins.CreateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    """POST enters or corrects a value (a verified one is refused with 409); `move` submits, verifies,
    returns or reopens it."""

    serializer_class = MeasurementSerializer
    queryset = Measurement.objects.with_related()
    filters = MEASUREMENT_FILTERS

    def perform_service(self, data):
        indicator = data.pop("indicator")
        return services.save_measurement(self.request.user, indicator, **data)

    @extend_schema(request=MoveSerializer, responses=MeasurementSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        measurement = self.get_object()
        payload = MoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.move_measurement(request.user, measurement, payload.validated_data["action"],
                                  payload.validated_data["reason"])
        return Response(MeasurementSerializer(self.get_queryset().get(pk=measurement.pk)).data)


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    message_fa = serializers.CharField()
    message_en = serializers.CharField()


class ImportProgressSerializer(serializers.Serializer):
    rows = serializers.IntegerField(help_text="Data rows read so far.")
    percent = serializers.IntegerField(help_text="Share of the file read, 0 to 100.")


class ImportJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    errors = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = ["id", "filename", "size", "dry_run", "status", "progress", "rows", "created_count", "replaced_count",
                  "error_count", "errors", "created", "started", "finished"]
        read_only_fields = fields

    @extend_schema_field(ImportProgressSerializer)
    def get_progress(self, job):
        return progress_of(job)

    @extend_schema_field(ImportErrorSerializer(many=True))
    def get_errors(self, job):
        return [{"row": row, "column": column, "message_fa": fa, "message_en": en}
                for row, column, fa, en in job.errors]


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(validators=[validate_import_file], help_text="CSV or XLSX in the import format.")
    dry_run = serializers.BooleanField(default=False, help_text="Only check the file; write nothing.")


class ImportJobViewSet(SignedIn, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A measurement file is imported by the task worker: POST answers 202 with the job, whose `status` and
    `progress` the client reads again until it is `done`, `checked` or `failed`. All or nothing, as on the page."""

    serializer_class = ImportJobSerializer
    lookup_value_regex = "[0-9a-f-]{36}"

    def get_queryset(self):
        return access.import_jobs_for_user(self.request.user)

    @extend_schema(request={"multipart/form-data": ImportUploadSerializer}, responses={202: ImportJobSerializer})
    def create(self, request, *args, **kwargs):
        access.check_enters_any_data(request.user)  # before the body: whoever may not import learns that first
        payload = ImportUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        job = start_import_job(request.user, payload.validated_data["file"], dry_run=payload.validated_data["dry_run"])
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


def register(router):
    router.register("documents", DocumentViewSet, basename="document")
    router.register("clauses", ClauseViewSet, basename="clause")
    router.register("goals", GoalViewSet, basename="goal")
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("targets", TargetViewSet, basename="target")
    router.register("measurements", MeasurementViewSet, basename="measurement")
    router.register("imports", ImportJobViewSet, basename="import")

