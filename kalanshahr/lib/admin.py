from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For models whose changes have a workflow: the admin shows them; the site's services change them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
