from django.urls import path

from . import views, views_cycle, views_edit

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_add, name="meeting_add"),
    path("meetings/<slug:series>/<int:number>/", views.meeting_detail, name="meeting"),
    path("meetings/<slug:series>/<int:number>/edit/", views_edit.meeting_edit, name="meeting_edit"),
    path("meetings/<slug:series>/<int:number>/delete/", views_edit.meeting_delete, name="meeting_delete"),
    path("meetings/<slug:series>/<int:number>/agenda/<int:item>/edit/", views_edit.agenda_item_edit,
         name="agenda_item_edit"),
    path("meetings/<slug:series>/<int:number>/agenda/<int:item>/delete/", views_edit.agenda_item_delete,
         name="agenda_item_delete"),
    path("meetings/<slug:series>/<int:number>/report/", views.meeting_report, name="meeting_report"),
    path("meetings/<slug:series>/<int:number>/report.pdf", views.meeting_report_pdf, name="meeting_report_pdf"),
    path("meetings/<slug:series>/<int:number>/resolutions.<str:fmt>", views.meeting_export, name="meeting_export"),
    path("meetings/<slug:series>/<int:number>/agenda/add/", views.agenda_item_add, name="agenda_item_add"),
    path("meetings/<slug:series>/<int:number>/agenda/<int:item>/resolution/add/", views.resolution_add,
         name="resolution_add"),
    path("meetings/<slug:series>/<int:number>/commitments/add/", views.commitment_add, name="commitment_add"),
    path("meetings/<slug:series>/<int:number>/proposals/", views_cycle.proposals, name="proposals"),
    path("meetings/<slug:series>/<int:number>/proposals/new/", views_cycle.proposal_add, name="proposal_add"),
    path("meetings/<slug:series>/<int:number>/attendance/", views_cycle.attendance, name="attendance"),
    path("meetings/<slug:series>/<int:number>/attendance/<int:attendee_pk>/answer/", views_cycle.answer_invitation,
         name="answer_invitation"),
    path("meetings/<slug:series>/<int:number>/minutes/<str:group>/", views_cycle.minutes, name="minutes"),
    path("meetings/<slug:series>/<int:number>/follow-up/", views_cycle.follow_up, name="follow_up"),
    path("meetings/<slug:series>/<int:number>/follow-up.pdf", views_cycle.follow_up_pdf, name="follow_up_pdf"),
    path("proposals/<int:pk>/", views_cycle.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/files/<int:attachment_pk>/", views_cycle.proposal_attachment, name="proposal_attachment"),
    path("proposals/<int:pk>/<str:action>/", views_cycle.proposal_decide, name="proposal_decide"),
    path("resolutions/<int:pk>/letters/<int:letter_pk>.pdf", views_cycle.letter_pdf, name="letter_pdf"),
    path("commitments/<int:pk>/edit/", views_edit.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/delete/", views_edit.commitment_delete, name="commitment_delete"),
    path("commitments/<int:pk>/status/", views.commitment_status, name="commitment_status"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution"),
    # Before the transitions' pattern, which would read "edit" as a move.
    path("resolutions/<int:pk>/edit/", views_edit.resolution_edit, name="resolution_edit"),
    path("resolutions/<int:pk>/delete/", views_edit.resolution_delete, name="resolution_delete"),
    path("resolutions/<int:pk>/<str:action>/", views.resolution_transition, name="resolution_transition"),
    path("adoptions/", views.adoption_matrix, name="adoption_matrix"),
    path("adoptions/matrix.<str:fmt>", views.adoption_matrix_export, name="adoption_matrix_export"),
    path("adoptions/<int:pk>/edit/", views.adoption_edit, name="adoption_edit"),
    path("adoptions/<int:pk>/evidence/<int:evidence_pk>/", views.adoption_evidence, name="adoption_evidence"),
]
