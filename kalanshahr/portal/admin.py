from django.contrib import admin

from kalanshahr.lib.admin import ReadOnlyAdmin

from .models import Ban, Comment, News


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
