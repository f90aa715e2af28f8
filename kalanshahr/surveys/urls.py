from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("surveys/", views.wave_list, name="waves"),
    path("surveys/questionnaires/", views.questionnaire_list, name="questionnaires"),
    path("surveys/questionnaires/new/", views.write_questionnaire, name="questionnaire_new"),
    path("surveys/questionnaires/<slug:code>/", views.questionnaire_detail, name="questionnaire"),
    path("surveys/questionnaires/<slug:code>/new-version/", views.write_questionnaire, name="version_new"),
    path("surveys/waves/new/", views.open_wave, name="open"),
    path("surveys/waves/<int:pk>/", views.wave_detail, name="wave"),
    path("surveys/waves/<int:pk>/qr.svg", views.wave_qr, name="qr"),
    path("surveys/waves/<int:pk>/close/", views.close, name="close"),
    path("surveys/waves/<int:pk>/tokens/", views.issue, name="issue"),
    path("surveys/waves/<int:pk>/results.csv", views.results_csv, name="results_csv"),
    path("surveys/moderation/", views.moderation, name="moderation"),
    path("surveys/a/<str:key>/", views.answer, name="answer"),
    path("surveys/a/<str:key>/thanks/", views.thanks, name="thanks"),
]
