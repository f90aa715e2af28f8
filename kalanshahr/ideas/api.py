"""REST API for S4 under /api/v1/: ideas (submit, read, assign experts, move) and reviews (read under the
hidden-scores rule, submit scores). Every change goes through services.py."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kalanshahr.lib.api import FilterMixin, filter_parameters
from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy.models import Goal, Indicator

from . import access, services
from .models import CRITERIA, Decision, Idea, Pilot, Review
from .workflow import IDEA_ACTIONS


class PilotSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    indicators = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Pilot
        fields = ["municipality", "organization", "indicators", "plan", "start_period", "end_period", "evaluation"]
        read_only_fields = fields


class IdeaSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", queryset=Municipality.objects.all(), required=False,
                                                allow_null=True)
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all(),
                                                required=False, allow_null=True)
    goals = serializers.PrimaryKeyRelatedField(many=True, queryset=Goal.objects.all(), required=False)
    indicators = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Indicator.objects.all(),
                                              required=False)
    pilot = PilotSerializer(read_only=True, allow_null=True)
    decision = serializers.ChoiceField(choices=Decision.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Idea
        fields = ["id", "title", "problem", "proposal", "origin", "municipality", "organization", "goals", "indicators",
                  "submitter_name", "state", "decision", "decision_reasons", "pilot", "is_sample_data", "created",
                  "state_changed"]
        read_only_fields = ["origin", "submitter_name", "state", "decision", "decision_reasons", "is_sample_data",
                            "created", "state_changed"]


class IdeaAssignSerializer(serializers.Serializer):
    experts = serializers.SlugRelatedField(slug_field="username", many=True,
                                           queryset=get_user_model().objects.all())


class PilotInputSerializer(serializers.Serializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", queryset=Municipality.objects.all())
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all(),
                                                required=False, allow_null=True)
    indicators = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Indicator.objects.all())
    plan = serializers.CharField()
    start_period = serializers.CharField()


class IdeaMoveSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[*IDEA_ACTIONS])
    comment = serializers.CharField(required=False, allow_blank=True, default="",
                                    help_text="Reasons (decide, scale, stop) or the evaluation (evaluate).")
    decision = serializers.ChoiceField(choices=Decision.choices, required=False, help_text="For decide.")
    pilot = PilotInputSerializer(required=False, help_text="For start_pilot.")
    end_period = serializers.CharField(required=False, allow_blank=True, help_text="For evaluate.")


IDEA_FILTERS = {"state": "state", "origin": "origin", "municipality": "municipality__slug"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(IDEA_FILTERS)))
class IdeaViewSet(FilterMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Ideas the user may open: all for the secretariat; otherwise their own, those assigned to them for
    review, and those about their city. POST submits an idea as the signed-in user (anonymous citizens use
    the web form, which has the captcha)."""

    serializer_class = IdeaSerializer
    permission_classes = [permissions.IsAuthenticated]
    filters = IDEA_FILTERS

    def get_queryset(self):
        return access.visible_ideas(self.request.user, Idea.objects.with_related().select_related(
            "pilot__municipality", "pilot__organization").prefetch_related("goals", "indicators",
                                                                           "pilot__indicators"))

    def create(self, request, *args, **kwargs):
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        idea = services.submit_idea(request.user, **payload.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=idea.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IdeaAssignSerializer, responses=IdeaSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Assigns experts (the secretariat); an expert from the idea's organization is refused."""
        payload = IdeaAssignSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.assign_experts(request.user, self.get_object(), payload.validated_data["experts"])
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=IdeaMoveSerializer, responses=IdeaSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """screen, send_to_review, decide, start_pilot, evaluate, scale or stop (see the table in docs/ideas.md)."""
        payload = IdeaMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        services.move_idea(request.user, self.get_object(), data.pop("action"), **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)


class ReviewSerializer(serializers.ModelSerializer):
    idea = serializers.PrimaryKeyRelatedField(read_only=True)
    expert = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Review
        fields = ["id", "idea", "expert", "assigned_at", "due_on", *CRITERIA, "comment", "submitted_at"]
        read_only_fields = fields


class ReviewSubmitSerializer(serializers.Serializer):
    alignment = serializers.IntegerField(min_value=1, max_value=5)
    feasibility = serializers.IntegerField(min_value=1, max_value=5)
    cost = serializers.IntegerField(min_value=1, max_value=5, help_text="5 is the cheapest.")
    impact = serializers.IntegerField(min_value=1, max_value=5)
    novelty = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(list=extend_schema(parameters=filter_parameters({"idea": "idea_id"})))
class ReviewViewSet(FilterMixin, viewsets.ReadOnlyModelViewSet):
    """Reviews the user may read: the secretariat all; an expert their own, and the others' submitted ones
    once their own is submitted. POST …/submit/ sends the expert's scores."""

    serializer_class = ReviewSerializer
    permission_classes = [permissions.IsAuthenticated]
    filters = {"idea": "idea_id"}

    def get_queryset(self):
        return access.reviews_visible_to(self.request.user, Review.objects.select_related("expert"))

    @extend_schema(request=ReviewSubmitSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        payload = ReviewSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.submit_review(request.user, self.get_object(), **payload.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)


def register(router):
    router.register("ideas", IdeaViewSet, basename="idea")
    router.register("reviews", ReviewViewSet, basename="review")
