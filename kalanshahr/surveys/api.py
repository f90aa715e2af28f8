"""REST API for surveys under /api/v1/: questionnaires with their versions and questions, waves with their
aggregated results. Single answers are never served: no serializer here has a field that reads one."""

from django.db.models import Count
from rest_framework import serializers, viewsets

from kalanshahr.lib.api import FilterMixin

from . import access
from .models import Choice, Question, Questionnaire, QuestionnaireVersion, Result, Wave


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["id", "position", "name_fa", "name_en"]


class QuestionSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    choices = ChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "position", "kind", "text_fa", "text_en", "required", "indicator", "choices"]


class VersionSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = QuestionnaireVersion
        fields = ["id", "number", "note", "created", "questions"]


class QuestionnaireSerializer(serializers.ModelSerializer):
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = Questionnaire
        fields = ["id", "code", "title_fa", "title_en", "versions"]


class ResultSerializer(serializers.ModelSerializer):
    question = serializers.PrimaryKeyRelatedField(read_only=True)
    choice = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Result
        fields = ["question", "choice", "statistic", "answers", "value", "low", "high", "too_few"]


class WaveSerializer(serializers.ModelSerializer):
    questionnaire = serializers.SlugRelatedField(source="version.questionnaire", slug_field="code", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    answers = serializers.IntegerField(source="answer_count", read_only=True,
                                       help_text="How many people answered; the answers themselves are never served.")
    results = ResultSerializer(many=True, read_only=True, help_text="Empty until the wave is closed.")

    class Meta:
        model = Wave
        fields = ["id", "questionnaire", "version", "municipality", "organization", "period", "state",
                  "minimum_answers", "answers", "results", "is_sample_data"]


class QuestionnaireViewSet(viewsets.ReadOnlyModelViewSet):
    """The network's questionnaires, every version with its questions (public: they are what citizens are asked)."""

    serializer_class = QuestionnaireSerializer
    queryset = Questionnaire.objects.prefetch_related("versions__questions__choices",
                                                      "versions__questions__indicator")


class WaveViewSet(FilterMixin, viewsets.ReadOnlyModelViewSet):
    """Closed waves with their results, for everyone; open waves too (with how many answered so far) for the people
    running them. ?municipality=<slug>, ?period=<key>, ?state=open|closed."""

    serializer_class = WaveSerializer
    filters = {"municipality": "municipality__slug", "period": "period", "state": "state"}

    def get_queryset(self):
        return (access.visible_waves(self.request.user).annotate(answer_count=Count("responses"))
                .prefetch_related("results").order_by("-id"))


def register(router):
    router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")
    router.register("survey-waves", WaveViewSet, basename="survey-wave")
