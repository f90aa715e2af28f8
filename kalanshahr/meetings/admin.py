"""Admin for superusers. Series and working groups are created through services; everything that has a
workflow (meetings, resolutions, adoptions, commitments) is read-only here and changes on the site."""

from django.contrib import admin

from kalanshahr.lib.admin import ReadOnlyAdmin, ServiceAdmin

from . import services
from .models import Adoption, AgendaItem, Commitment, Meeting, MeetingSeries, Resolution, ResolutionEvent, WorkingGroup


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(ServiceAdmin):
    list_display = ["name_fa", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def has_change_permission(self, request, obj=None):
        return False if obj else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.pk = services.create_series(request.user, slug=obj.slug, name_fa=obj.name_fa, name_en=obj.name_en,
                                        description=obj.description).pk


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ServiceAdmin):
    list_display = ["name_fa", "code", "series", "position"]
    list_filter = ["series"]

    def has_change_permission(self, request, obj=None):
        return False if obj else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.pk = services.add_working_group(request.user, obj.series, code=obj.code, name_fa=obj.name_fa,
                                            name_en=obj.name_en, position=obj.position).pk


class ResolutionEventInline(admin.TabularInline):
    model = ResolutionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_state", "to_state", "actor", "created", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "host", "starts_on", "ends_on"]
    list_select_related = ["series", "host"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "meeting", "working_group", "position"]
    list_select_related = ["meeting__series", "working_group"]


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyAdmin):
    list_display = ["code", "state", "authority", "meeting"]
    list_filter = ["state", "working_group"]
    list_select_related = ["authority", "meeting__series"]
    search_fields = ["code", "text"]
    inlines = [ResolutionEventInline]


@admin.register(Adoption)
class AdoptionAdmin(ReadOnlyAdmin):
    list_display = ["resolution", "municipality", "status", "updated"]
    list_filter = ["status", "municipality"]
    list_select_related = ["resolution", "municipality"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "due_on", "status", "owner_organization", "owner_user"]
    list_filter = ["status"]
    list_select_related = ["owner_organization", "owner_user"]
