"""REST API for S3 under /api/v1/: shared indicators, peer groups, rankings, city profiles, experiences and
exchange requests. Every figure comes from comparison.py and every change from services.py."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kalanshahr.lib.api import FilterMixin, SignedIn, filter_parameters
from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy.models import Indicator

from . import access, comparison, profile, satisfaction, services
from .models import ExchangeRequest, Experience, PeerGroup, PeerScheme, SchemeKind
from .workflow import EXPERIENCE_MOVES, REQUEST_MOVES


class SharedIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "code", "name_fa", "name_en", "definition", "unit", "direction", "frequency", "theme", "family",
                  "range_low", "range_high", "is_sample_data"]


class PeerSchemeSerializer(serializers.ModelSerializer):
    groups = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = PeerScheme
        fields = ["id", "slug", "name_fa", "name_en", "kind", "groups"]
        # The services check the slug (with a bilingual error) rather than the serializer's unique validator.
        extra_kwargs = {"slug": {"validators": []}}


class PeerSchemeUpdateSerializer(serializers.Serializer):
    name_fa = serializers.CharField(required=False)
    name_en = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=SchemeKind.choices, required=False)


class PeerGroupSerializer(serializers.ModelSerializer):
    scheme = serializers.SlugRelatedField(slug_field="slug", queryset=PeerScheme.objects.all())
    members = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Municipality.objects.all(),
                                           required=False)

    class Meta:
        model = PeerGroup
        fields = ["id", "slug", "scheme", "name_fa", "name_en", "members"]
        extra_kwargs = {"slug": {"validators": []}}


class PeerGroupUpdateSerializer(serializers.Serializer):
    name_fa = serializers.CharField(required=False)
    name_en = serializers.CharField(required=False, allow_blank=True)
    members = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Municipality.objects.all(),
                                           required=False, help_text="Replaces the whole list when given.")


class CityResultSerializer(serializers.Serializer):
    municipality = serializers.SlugField(source="municipality.slug")
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    tied = serializers.IntegerField(help_text="how many cities share this rank")
    quartile = serializers.IntegerField(allow_null=True, help_text="1 is the best quarter")


class ImprovementSerializer(serializers.Serializer):
    municipality = serializers.SlugField(source="municipality.slug")
    earlier_value = serializers.DecimalField(max_digits=20, decimal_places=4)
    value = serializers.DecimalField(max_digits=20, decimal_places=4)
    gain = serializers.DecimalField(max_digits=20, decimal_places=4)


class RankingSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    period = serializers.CharField()
    peer_group = serializers.CharField(allow_null=True)
    reported = serializers.IntegerField()
    total = serializers.IntegerField()
    median = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    mean = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    network_median = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    best = serializers.ListField(child=serializers.SlugField())
    most_improved = ImprovementSerializer(many=True)
    rows = CityResultSerializer(many=True)


def _invalid(field, message_fa, message_en):
    raise ValidationError({field: [f"{message_fa} / {message_en}"]})


class RankingView(APIView):
    """The ranking of the cities on a shared indicator in one period, over the network or one peer group."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=[
        OpenApiParameter("indicator", str, required=True, description="shared indicator code"),
        OpenApiParameter("period", str, description="period key, e.g. 1403-08; the latest reported by default"),
        OpenApiParameter("peer_group", str, description="peer group slug; the whole network by default"),
    ], responses=RankingSerializer)
    def get(self, request):
        indicator = Indicator.objects.shared().filter(code=request.query_params.get("indicator", "")).first()
        if indicator is None:
            _invalid("indicator", "شاخص مشترکی با این کد نیست.", "No shared indicator has this code.")
        periods = comparison.reported_periods(indicator)
        period = request.query_params.get("period") or (periods[0] if periods else None)
        if period not in periods:
            _invalid("period", "برای این دوره داده‌ی راستی‌آزمایی‌شده‌ای نیست.", "No verified values for this period.")
        group = None
        if request.query_params.get("peer_group"):
            group = PeerGroup.objects.filter(slug=request.query_params["peer_group"]).first()
            if group is None:
                _invalid("peer_group", "گروه همتا پیدا نشد.", "Unknown peer group.")
        pair = (indicator.pk, period)
        ranking = comparison.rankings([pair], group=group)[pair]
        network = ranking if group is None else comparison.rankings([pair])[pair]
        improved = comparison.most_improved([pair], group=group)[pair]
        cities = {c.pk: c for c in Municipality.objects.all()}
        for item in [*ranking.rows, *improved]:
            item.municipality = cities[item.municipality_id]
        return Response(RankingSerializer({
            "indicator": indicator.code, "period": period, "peer_group": group.slug if group else None,
            "reported": ranking.reported, "total": ranking.total, "median": ranking.median, "mean": ranking.mean,
            "network_median": network.median, "best": [r.municipality.slug for r in ranking.best],
            "most_improved": improved, "rows": ranking.rows,
        }).data)


class SurveyStandingSerializer(serializers.Serializer):
    """A value the platform's survey measured: n, its 95% interval, the wave's page, and the other cities measured
    in the same period whose interval lies wholly above, wholly below, or overlaps its own."""

    answers = serializers.IntegerField(source="survey.answers")
    interval_low = serializers.DecimalField(source="survey.low", max_digits=20, decimal_places=4)
    interval_high = serializers.DecimalField(source="survey.high", max_digits=20, decimal_places=4)
    source_url = serializers.CharField(source="survey.url")
    clearly_higher = serializers.SerializerMethodField()
    clearly_lower = serializers.SerializerMethodField()
    overlapping = serializers.SerializerMethodField()

    def get_clearly_higher(self, standing) -> list[str]:
        return [city.slug for city in standing.higher]

    def get_clearly_lower(self, standing) -> list[str]:
        return [city.slug for city in standing.lower]

    def get_overlapping(self, standing) -> list[str]:
        return [city.slug for city in standing.overlapping]


class ProfileLineSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    period = serializers.CharField(source="period.key", default=None)
    value = serializers.DecimalField(source="row.value", max_digits=20, decimal_places=4, allow_null=True, default=None)
    rank = serializers.IntegerField(source="row.rank", allow_null=True, default=None)
    reported = serializers.IntegerField(source="row.reported", default=0)
    quartile = serializers.IntegerField(source="row.quartile", allow_null=True, default=None)
    peer_quartile = serializers.IntegerField(source="row.peer_quartile", allow_null=True, default=None)
    peer_mean = serializers.DecimalField(source="row.peer_mean", max_digits=20, decimal_places=4, allow_null=True,
                                         default=None)
    change = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, default=None)
    rank_change = serializers.IntegerField(allow_null=True, default=None)
    learn_from = serializers.SerializerMethodField()
    experiences = serializers.SerializerMethodField()
    survey = SurveyStandingSerializer(source="standing", allow_null=True, default=None)

    def get_learn_from(self, line) -> list[str]:
        return [city.slug for city in line.get("models", [])]

    def get_experiences(self, line) -> list[int]:
        return [experience.pk for experience in line.get("experiences", [])]


class CityProfileView(APIView):
    """Every shared indicator for one city: value, rank, quartiles, peer-group mean, change since the period
    before, and for bottom-half indicators the model cities and their linked experiences."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ProfileLineSerializer(many=True))
    def get(self, request, slug):
        city = Municipality.objects.compared().filter(slug=slug).first()
        if city is None:
            raise NotFound
        indicators = list(comparison.shared_indicators())
        lines, lagging = profile.city_profile(city, indicators, scheme=PeerScheme.objects.order_by("id").first())
        profile.attach_experiences(lagging, access.visible_experiences(request.user, Experience.objects.published()))
        satisfaction.attach_standings(city, lines)
        return Response(ProfileLineSerializer(lines, many=True).data)


class SharedIndicatorViewSet(SignedIn, FilterMixin, viewsets.ReadOnlyModelViewSet):
    """The network's shared indicators; the secretariat defines them through /indicators/ with scope=network."""

    serializer_class = SharedIndicatorSerializer
    queryset = Indicator.objects.shared().order_by("theme", "code")
    filters = {"theme": "theme"}
    lookup_field = "code"


class PeerSchemeViewSet(SignedIn, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Ways of grouping the cities; everyone signed in reads them, the secretariat creates and edits them."""

    serializer_class = PeerSchemeSerializer
    queryset = PeerScheme.objects.prefetch_related("groups")
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create(self, request, *args, **kwargs):
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        scheme = services.create_scheme(request.user, **payload.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=scheme.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=PeerSchemeUpdateSerializer, responses=PeerSchemeSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Renames the scheme or changes its kind; the slug stays."""
        scheme = self.get_object()
        payload = PeerSchemeUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        values = {"name_fa": scheme.name_fa, "name_en": scheme.name_en, "kind": scheme.kind,
                  **payload.validated_data}
        services.update_scheme(request.user, scheme, **values)
        return Response(self.get_serializer(self.get_queryset().get(pk=scheme.pk)).data)


@extend_schema_view(list=extend_schema(parameters=filter_parameters({"scheme": "scheme__slug"})))
class PeerGroupViewSet(SignedIn, FilterMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Peer groups and their member cities; the secretariat creates, edits (PATCH members replaces the list)
    and deletes them. A city sits in one group per scheme."""

    serializer_class = PeerGroupSerializer
    queryset = PeerGroup.objects.select_related("scheme").prefetch_related("members")
    filters = {"scheme": "scheme__slug"}
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def create(self, request, *args, **kwargs):
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        group = services.create_group(request.user, data.pop("scheme"), **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=group.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=PeerGroupUpdateSerializer, responses=PeerGroupSerializer)
    def partial_update(self, request, *args, **kwargs):
        group = self.get_object()
        payload = PeerGroupUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        values = {"name_fa": group.name_fa, "name_en": group.name_en, **payload.validated_data}
        services.update_group(request.user, group, **values)
        return Response(self.get_serializer(self.get_queryset().get(pk=group.pk)).data)

    def destroy(self, request, *args, **kwargs):
        services.delete_group(request.user, self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class FigureSerializer(serializers.Serializer):
    label = serializers.CharField()
    before = serializers.DecimalField(max_digits=20, decimal_places=4)
    after = serializers.DecimalField(max_digits=20, decimal_places=4)
    unit = serializers.CharField(required=False, allow_blank=True, default="")


class ExperienceSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", queryset=Municipality.objects.all())
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all(), required=False,
                                                allow_null=True)
    indicators = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Indicator.objects.shared(),
                                              required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False, source="tag_names")
    figures = FigureSerializer(many=True, required=False)

    class Meta:
        model = Experience
        fields = ["id", "municipality", "organization", "title", "problem", "actions", "results", "figures",
                  "indicators", "tags", "contact", "state", "is_sample_data", "published_at"]
        read_only_fields = ["state", "is_sample_data", "published_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["tags"] = [t.name for t in instance.tags.all()]
        data["figures"] = FigureSerializer(instance.figures.all(), many=True).data
        return data


class ExperienceMoveSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[*EXPERIENCE_MOVES])


@extend_schema_view(list=extend_schema(parameters=filter_parameters(
    {"municipality": "municipality__slug", "indicator": "indicators__code", "theme": "indicators__theme",
     "state": "state"})))
class ExperienceViewSet(SignedIn, FilterMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published experiences, and the drafts of the user's own cities; POST documents a new draft."""

    serializer_class = ExperienceSerializer
    filters = {"municipality": "municipality__slug", "indicator": "indicators__code", "theme": "indicators__theme",
               "state": "state"}

    def get_queryset(self):
        return access.visible_experiences(self.request.user, Experience.objects.with_related()
                                          .prefetch_related("figures")).distinct()

    def create(self, request, *args, **kwargs):
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        figures = [(f["label"], f["before"], f["after"], f.get("unit", "")) for f in data.pop("figures", [])]
        experience = services.create_experience(
            request.user, data.pop("municipality"), tags=data.pop("tag_names", []), figures=figures,
            indicators=data.pop("indicators", []), **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=experience.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=ExperienceMoveSerializer, responses=ExperienceSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        payload = ExperienceMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.move_experience(request.user, self.get_object(), payload.validated_data["action"])
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)


class ExchangeRequestSerializer(serializers.ModelSerializer):
    from_municipality = serializers.SlugRelatedField(slug_field="slug", queryset=Municipality.objects.all())
    to_municipality = serializers.SlugRelatedField(slug_field="slug", queryset=Municipality.objects.all(),
                                                   required=False, allow_null=True)
    experience = serializers.PrimaryKeyRelatedField(queryset=Experience.objects.published(), required=False,
                                                    allow_null=True)
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.shared(), required=False,
                                             allow_null=True)

    class Meta:
        model = ExchangeRequest
        fields = ["id", "from_municipality", "to_municipality", "experience", "indicator", "question", "answer",
                  "state", "created", "answered_at", "closed_at"]
        read_only_fields = ["answer", "state", "created", "answered_at", "closed_at"]


class RequestMoveSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[*REQUEST_MOVES])
    answer = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(list=extend_schema(parameters=filter_parameters({"state": "state"})))
class ExchangeRequestViewSet(SignedIn, FilterMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Requests between the user's cities and others; `move` answers (the asked city) or closes (the asking one)."""

    serializer_class = ExchangeRequestSerializer
    filters = {"state": "state"}

    def get_queryset(self):
        return access.visible_requests(self.request.user, ExchangeRequest.objects.with_related())

    def create(self, request, *args, **kwargs):
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        sent = services.send_request(request.user, data["from_municipality"], data.get("to_municipality"),
                                     question=data["question"], experience=data.get("experience"),
                                     indicator=data.get("indicator"))
        return Response(self.get_serializer(sent).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RequestMoveSerializer, responses=ExchangeRequestSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        payload = RequestMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        moved = services.move_request(request.user, self.get_object(), payload.validated_data["action"],
                                      payload.validated_data["answer"])
        return Response(self.get_serializer(moved).data)


def register(router):
    router.register("shared-indicators", SharedIndicatorViewSet, basename="shared-indicator")
    router.register("peer-schemes", PeerSchemeViewSet, basename="peer-scheme")
    router.register("peer-groups", PeerGroupViewSet, basename="peer-group")
    router.register("experiences", ExperienceViewSet, basename="experience")
    router.register("exchange-requests", ExchangeRequestViewSet, basename="exchange-request")


