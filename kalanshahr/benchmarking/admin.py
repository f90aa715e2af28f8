from django.contrib import admin

from .models import ExchangeRequest, Experience, PeerGroup, PeerMembership, PeerScheme


class MembershipInline(admin.TabularInline):
    model = PeerMembership
    fields = ["municipality"]
    extra = 0


@admin.register(PeerScheme)
class PeerSchemeAdmin(admin.ModelAdmin):
    list_display = ["name_fa", "kind", "slug"]


@admin.register(PeerGroup)
class PeerGroupAdmin(admin.ModelAdmin):
    """Read here; members change through services.set_group_members, which keeps a city in one group per scheme."""

    list_display = ["name_fa", "scheme", "slug"]
    list_filter = ["scheme"]
    inlines = [MembershipInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "state", "published_at"]
    list_filter = ["state", "municipality"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ExchangeRequest)
class ExchangeRequestAdmin(admin.ModelAdmin):
    list_display = ["from_municipality", "to_municipality", "state", "created"]
    list_filter = ["state"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
