from django.urls import path

from . import views

app_name = "ideas"

urlpatterns = [
    path("ideas/", views.idea_list, name="ideas"),
    path("ideas/new/", views.submit_idea, name="submit"),
    path("ideas/confirm/<str:token>/", views.confirm, name="confirm"),
    path("ideas/reviews/", views.review_list, name="reviews"),
    path("ideas/reviews/<int:pk>/", views.review_form, name="review"),
    path("ideas/public/", views.public_list, name="public_ideas"),
    path("ideas/track/", views.track, name="track"),
    path("ideas/public/<int:pk>/", views.public_idea, name="public_idea"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea"),
    path("ideas/<int:pk>/assign/", views.idea_assign, name="assign"),
    path("ideas/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("ideas/<int:pk>/<str:action>/", views.idea_move, name="move"),
]
