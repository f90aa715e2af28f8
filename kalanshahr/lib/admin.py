from django.contrib import admin
from django.db import transaction


class ReadOnlyAdmin(admin.ModelAdmin):
    """For models whose changes have a workflow: the admin shows them; the site's services change them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceAdmin(admin.ModelAdmin):
    """For models the admin may add or change: each subclass's save_model calls the app's service, so the audit
    trail stays whole. A delete is refused unless `delete_service` names the service that removes the object
    (`delete_service = staticmethod(services.remove_membership)`); the admin never deletes through the ORM."""

    delete_service = None

    def has_delete_permission(self, request, obj=None):
        return self.delete_service is not None and super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        self.delete_service(request.user, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)
