from django.contrib import admin

from kalanshahr.lib.admin import ReadOnlyAdmin

from .models import Idea, Review


@admin.register(Idea)
class IdeaAdmin(ReadOnlyAdmin):
    list_display = ["title", "origin", "municipality", "state", "decision", "created"]
    list_filter = ["state", "origin", "decision"]
    search_fields = ["title"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["idea", "expert", "due_on", "submitted_at"]
