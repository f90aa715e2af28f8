"""The Django admin, for superusers. Saves go through services so the audit trail stays whole."""

from django.contrib import admin

from kalanshahr.lib.admin import ReadOnlyAdmin, ServiceAdmin

from . import services
from .models import AuditEvent, Membership, Municipality, Organization
from .services import MUNICIPALITY_FIELDS, ORGANIZATION_FIELDS


@admin.register(Municipality)
class MunicipalityAdmin(ServiceAdmin):
    list_display = ["name_fa", "name_en", "province_fa", "region", "population", "is_metropolis"]
    list_filter = ["is_metropolis", "region"]
    search_fields = ["name_fa", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in MUNICIPALITY_FIELDS if name in form.cleaned_data}
        if change:
            services.update_municipality(request.user, Municipality.objects.get(pk=obj.pk), **values)
        else:
            obj.pk = services.create_municipality(request.user, slug=obj.slug, **values).pk


@admin.register(Organization)
class OrganizationAdmin(ServiceAdmin):
    list_display = ["name_fa", "kind", "municipality", "parent"]
    list_filter = ["kind", "municipality"]
    list_select_related = ["municipality", "parent"]
    search_fields = ["name_fa", "name_en", "slug"]

    def get_readonly_fields(self, request, obj=None):
        # Moving an organization would have to rewrite its subtree's paths; not offered yet.
        return ["kind", "municipality", "parent", "slug"] if obj else []

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in ORGANIZATION_FIELDS}
        if change:
            services.update_organization(request.user, Organization.objects.get(pk=obj.pk), **values)
        else:
            obj.pk = services.create_organization(
                request.user, kind=obj.kind, municipality=obj.municipality, parent=obj.parent, slug=obj.slug, **values
            ).pk


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    list_display = ["user", "role", "organization", "title"]
    delete_service = staticmethod(services.remove_membership)
    list_filter = ["role"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["organization"]
    raw_id_fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return False if obj else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.pk = services.add_membership(request.user, obj.user, obj.organization, obj.role, obj.title).pk


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created", "actor", "action", "target_repr"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    search_fields = ["target_repr", "comment"]
