"""REST API for S6 under /api/v1/: the search over every app (as the caller may see it) and the published news."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from kalanshahr.network import search

from .models import News


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField(source="kind")
    id = serializers.IntegerField(source="object_id")
    title = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: the text is escaped, matches are in <mark>.")


class SearchView(APIView):
    """Persian full-text search over news, resolutions, experiences and ideas; anonymous callers find only
    public things. Any spelling variant finds the same documents (ي/ی, ك/ک, ZWNJ, diacritics, digits)."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[OpenApiParameter("q", str, required=True),
                               OpenApiParameter("type", str, enum=["news", "resolution", "experience", "idea"])],
                   responses=SearchHitSerializer(many=True))
    def get(self, request):
        kinds = [request.query_params["type"]] if request.query_params.get("type") else None
        hits = search.search(request.query_params.get("q", ""), request.user, kinds=kinds)
        return Response(SearchHitSerializer(hits, many=True).data)


class NewsSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    municipalities = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = News
        fields = ["code", "title", "lead", "body", "tags", "municipalities", "published_at", "is_sample_data"]


class NewsViewSet(viewsets.ReadOnlyModelViewSet):
    """Published news; the body is sanitized HTML."""

    serializer_class = NewsSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return News.objects.published().prefetch_related("tags", "municipalities")


def register(router):
    router.register("news", NewsViewSet, basename="news")
