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


def install_jalali_dates():
    """Dates in every admin list and read-only field as the site shows them: Jalali with Persian digits in Persian
    («۱۲ آذر ۱۴۰۵، ساعت ۰۹:۵۵»), Django's own in English. Django formats them in admin.utils.display_for_field
    and display_for_value, which the change list and the read-only fields import by name; so those names are
    wrapped where they are used, for the admins of other packages (axes, the API tokens) as much as ours."""
    import datetime

    from django.contrib.admin import helpers, utils
    from django.contrib.admin.templatetags import admin_list
    from django.utils import translation

    from . import jalali

    if getattr(utils.display_for_field, "jalali", False):
        return

    def as_jalali(value):
        if not (translation.get_language() or "fa").startswith("fa"):
            return None
        if isinstance(value, datetime.datetime):
            return jalali.format_datetime(value)
        if isinstance(value, datetime.date):
            return jalali.format_date(value)
        return None

    original_field, original_value = utils.display_for_field, utils.display_for_value

    def display_for_field(value, field, empty_value_display, *args, **kwargs):
        shown = as_jalali(value) if not getattr(field, "flatchoices", None) else None
        return shown if shown is not None else original_field(value, field, empty_value_display, *args, **kwargs)

    def display_for_value(value, empty_value_display, *args, **kwargs):
        shown = as_jalali(value)
        return shown if shown is not None else original_value(value, empty_value_display, *args, **kwargs)

    display_for_field.jalali = display_for_value.jalali = True
    for module in (utils, admin_list, helpers):
        if hasattr(module, "display_for_field"):
            module.display_for_field = display_for_field
        if hasattr(module, "display_for_value"):
            module.display_for_value = display_for_value
