"""/api/: version 1 of the REST API, its OpenAPI schema and an offline Swagger UI."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from kalanshahr.benchmarking import api as benchmarking_api
from kalanshahr.ideas import api as ideas_api
from kalanshahr.lib.api import ObtainToken
from kalanshahr.portal import api as portal_api
from kalanshahr.meetings import api as meetings_api
from kalanshahr.strategy import api as strategy_api
from kalanshahr.surveys import api as surveys_api

class Router(DefaultRouter):
    """Primary keys are integers: matching only digits makes /adoptions/x/ a 404 before any view has to parse it."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if getattr(viewset, "lookup_field", "pk") == "pk" and not hasattr(viewset, "lookup_value_regex"):
            viewset.lookup_value_regex = "[0-9]+"
        return super().get_lookup_regex(viewset, lookup_prefix)


router = Router()
meetings_api.register(router)
strategy_api.register(router)
benchmarking_api.register(router)
ideas_api.register(router)
portal_api.register(router)
surveys_api.register(router)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/rankings/", benchmarking_api.RankingView.as_view(), name="api_ranking"),
    path("v1/city-profiles/<slug:slug>/", benchmarking_api.CityProfileView.as_view(), name="api_city_profile"),
    path("v1/search/", portal_api.SearchView.as_view(), name="api_search"),
    path("v1/auth/token/", ObtainToken.as_view(), name="api_token"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
]
