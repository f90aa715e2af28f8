from django.contrib import admin

from kalanshahr.lib.admin import ServiceAdmin

from . import services
from .models import ExchangeRequest, Experience, PeerGroup, PeerMembership, PeerScheme


class MembershipInline(admin.TabularInline):
    model = PeerMembership
    fields = ["municipality"]
    extra = 0


@admin.register(PeerScheme)
class PeerSchemeAdmin(ServiceAdmin):
    list_display = ["name_fa", "kind", "slug"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []

    def save_model(self, request, obj, form, change):
        values = {"name_fa": obj.name_fa, "name_en": obj.name_en, "kind": obj.kind}
        if change:
            services.update_scheme(request.user, PeerScheme.objects.get(pk=obj.pk), **values)
        else:
            obj.pk = services.create_scheme(request.user, slug=obj.slug, **values).pk


@admin.register(PeerGroup)
class PeerGroupAdmin(ServiceAdmin):
    """Read and deleted here; groups are made and their members changed on the peer-group pages, through
    services.set_group_members, which keeps a city in one group per scheme."""

    delete_service = staticmethod(services.delete_group)

    list_display = ["name_fa", "scheme", "slug"]
    list_filter = ["scheme"]
    inlines = [MembershipInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Experience)
class ExperienceAdmin(ServiceAdmin):
    list_display = ["title", "municipality", "state", "published_at"]
    list_filter = ["state", "municipality"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ExchangeRequest)
class ExchangeRequestAdmin(ServiceAdmin):
    list_display = ["from_municipality", "to_municipality", "state", "created"]
    list_filter = ["state"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
