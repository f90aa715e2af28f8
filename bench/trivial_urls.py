"""The project's URLs plus two reference views the page benchmarks are compared with: a trivial view (the
ceiling) and the page shell (the base template around a one-line message), which every page pays for."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from kalanshahr.urls import urlpatterns as project_urlpatterns


def trivial(request):
    return HttpResponse("ok")


def shell(request):
    return render(request, "404.html", status=200)


urlpatterns = [path("bench-trivial/", trivial), path("bench-shell/", shell), *project_urlpatterns]
