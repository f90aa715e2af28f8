from django.contrib import admin

from .models import Idea, Review


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read here; ideas and reviews change only through services.py, which checks the table and writes the audit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Idea)
class IdeaAdmin(ReadOnlyAdmin):
    list_display = ["title", "origin", "municipality", "state", "decision", "created"]
    list_filter = ["state", "origin", "decision"]
    search_fields = ["title"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["idea", "expert", "due_on", "submitted_at"]
