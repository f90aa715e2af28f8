from django.urls import path

from . import views

app_name = "benchmarking"

urlpatterns = [
    path("benchmarking/", views.compare, name="compare"),
    path("benchmarking/cities/<slug:slug>/", views.city_profile, name="city"),
    path("benchmarking/peer-groups/", views.peer_groups, name="peer_groups"),
    path("benchmarking/peer-groups/new/", views.scheme_form, name="scheme_add"),
    path("benchmarking/peer-groups/<slug:slug>/edit/", views.scheme_form, name="scheme_edit"),
    path("benchmarking/peer-groups/<slug:scheme_slug>/groups/new/", views.group_form, name="group_add"),
    path("benchmarking/peer-groups/groups/<slug:slug>/edit/", views.group_form, name="group_edit"),
    path("benchmarking/peer-groups/groups/<slug:slug>/delete/", views.group_delete, name="group_delete"),
    path("satisfaction/", views.satisfaction_dashboard, name="satisfaction"),
    path("satisfaction/data.csv", views.satisfaction_csv, name="satisfaction_csv"),
    path("experiences/", views.experience_list, name="experiences"),
    path("experiences/new/", views.experience_form, name="experience_add"),
    path("experiences/<int:pk>/", views.experience_detail, name="experience"),
    path("experiences/<int:pk>/edit/", views.experience_form, name="experience_edit"),
    path("experiences/<int:pk>/<str:action>/", views.experience_move, name="experience_move"),
    path("exchange/", views.request_list, name="requests"),
    path("exchange/new/", views.request_add, name="request_add"),
    path("exchange/<int:pk>/", views.request_detail, name="request"),
]
