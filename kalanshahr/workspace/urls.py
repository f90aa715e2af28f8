from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("my-tasks/", views.my_tasks, name="my_tasks"),
    path("my-tasks/counts.json", views.task_counts, name="task_counts"),
]
