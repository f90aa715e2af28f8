from django.urls import path

from . import views, views_data

app_name = "strategy"

urlpatterns = [
    path("monitoring/", views.monitoring_index, name="index"),
    path("monitoring/board/", views.supervision_board, name="board"),
    path("monitoring/verify/", views_data.verification_queue, name="verify"),
    path("monitoring/import/", views_data.import_upload, name="import"),
    path("monitoring/import/<uuid:pk>/", views_data.import_job, name="import_job"),
    path("monitoring/export.csv", views_data.export, name="export"),
    path("monitoring/<slug:slug>/", views.organization_monitoring, name="organization"),
    path("monitoring/<slug:slug>/enter/", views_data.enter_values, name="enter"),
    path("monitoring/<slug:slug>/report/", views_data.organization_report, name="report"),
    path("monitoring/<slug:slug>/report.pdf", views_data.organization_report_pdf, name="report_pdf"),
    path("monitoring/<slug:slug>/close/", views_data.close_period, name="close"),
    path("monitoring/<slug:slug>/goals/new/", views.goal_add, name="goal_add"),
    path("monitoring/<slug:slug>/indicators/new/", views.indicator_add, name="indicator_add"),
    path("monitoring/<slug:slug>/programs/new/", views.program_add, name="program_add"),
    path("programs/<int:pk>/", views.program_update, name="program_update"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path("indicators/<str:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<str:code>/target/", views.target_set, name="target_set"),
    path("measurements/<int:pk>/explain/", views_data.explain, name="explain"),
    path("measurements/<int:pk>/<str:action>/", views_data.move, name="move"),
    path("documents/", views.document_list, name="documents"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
]
