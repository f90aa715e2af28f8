"""The project's URLs plus one trivial view: the ceiling the page benchmarks are compared with."""

from django.http import HttpResponse
from django.urls import path

from kalanshahr.urls import urlpatterns as project_urlpatterns


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-trivial/", trivial), *project_urlpatterns]
