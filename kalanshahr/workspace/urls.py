from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("my-tasks/", views.my_tasks, name="my_tasks"),
    path("my-tasks/counts.json", views.task_counts, name="task_counts"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
]
