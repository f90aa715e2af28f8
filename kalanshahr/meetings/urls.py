from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_add, name="meeting_add"),
    path("meetings/<slug:series>/<int:number>/", views.meeting_detail, name="meeting"),
    path("meetings/<slug:series>/<int:number>/report/", views.meeting_report, name="meeting_report"),
    path("meetings/<slug:series>/<int:number>/report.pdf", views.meeting_report_pdf, name="meeting_report_pdf"),
    path("meetings/<slug:series>/<int:number>/resolutions.<str:fmt>", views.meeting_export, name="meeting_export"),
    path("meetings/<slug:series>/<int:number>/agenda/add/", views.agenda_item_add, name="agenda_item_add"),
    path("meetings/<slug:series>/<int:number>/agenda/<int:item>/resolution/add/", views.resolution_add,
         name="resolution_add"),
    path("meetings/<slug:series>/<int:number>/commitments/add/", views.commitment_add, name="commitment_add"),
    path("commitments/<int:pk>/status/", views.commitment_status, name="commitment_status"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution"),
    path("resolutions/<int:pk>/<str:action>/", views.resolution_transition, name="resolution_transition"),
    path("adoptions/", views.adoption_matrix, name="adoption_matrix"),
    path("adoptions/matrix.<str:fmt>", views.adoption_matrix_export, name="adoption_matrix_export"),
    path("adoptions/<int:pk>/edit/", views.adoption_edit, name="adoption_edit"),
]
