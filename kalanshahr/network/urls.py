from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("cities/<slug:slug>/", views.municipality_detail, name="municipality"),
    path("cities/<slug:slug>/edit/", views.municipality_edit, name="municipality_edit"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("organizations/<slug:slug>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<slug:slug>/add-unit/", views.organization_add_unit, name="organization_add_unit"),
    path("prepared-documents/new/", views.report_request, name="report_request"),
    path("prepared-documents/<uuid:pk>/", views.report, name="report"),
    path("prepared-documents/<uuid:pk>/file/", views.report_file, name="report_file"),
]
