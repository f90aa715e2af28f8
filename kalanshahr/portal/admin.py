from django.contrib import admin

from .models import Ban, Comment, News


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read here; news, comments and bans change through services.py (sanitizing, moderation, audit)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(News)
class NewsAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "published_at"]
    search_fields = ["title"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["news", "name", "state", "verdict", "created"]
    list_filter = ["state", "verdict"]


@admin.register(Ban)
class BanAdmin(ReadOnlyAdmin):
    list_display = ["user", "email", "created"]
