"""Admin for superusers. Saves go through services, so a goal or indicator citing no clause is refused here
too (the clauses field is required, and the service checks again)."""

from django.contrib import admin

from kalanshahr.lib.admin import ReadOnlyAdmin, ServiceAdmin

from . import services
from .models import Clause, Goal, Indicator, Measurement, UpstreamDocument


class ClauseInline(admin.TabularInline):
    model = Clause
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(UpstreamDocument)
class UpstreamDocumentAdmin(ReadOnlyAdmin):
    list_display = ["name_fa", "kind", "issuer", "municipality"]
    list_filter = ["kind"]
    inlines = [ClauseInline]


class ServiceSavedAdmin(ServiceAdmin):
    """Creates and updates through services; M2M fields are saved by the service, not by the form."""

    def save_related(self, request, form, formsets, change):
        pass


@admin.register(Goal)
class GoalAdmin(ServiceSavedAdmin):
    list_display = ["title", "organization", "is_priority", "start_year", "end_year"]
    list_filter = ["is_priority"]
    list_select_related = ["organization"]
    fields = ["organization", "title", "description", "start_year", "end_year", "is_priority", "weight", "owner_title",
              "clauses"]
    filter_horizontal = ["clauses"]

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k in services.GOAL_FIELDS}
        if change:
            services.update_goal(request.user, Goal.objects.get(pk=obj.pk), clauses=form.cleaned_data["clauses"], **data)
        else:
            obj.pk = services.create_goal(request.user, form.cleaned_data["organization"],
                                          clauses=form.cleaned_data["clauses"], **data).pk


@admin.register(Indicator)
class IndicatorAdmin(ServiceSavedAdmin):
    list_display = ["code", "name_fa", "organization", "direction", "frequency", "family"]
    list_filter = ["family", "frequency", "direction"]
    list_select_related = ["organization"]
    search_fields = ["code", "name_fa", "name_en"]
    fields = ["organization", "code", *services.INDICATOR_FIELDS, "clauses"]
    filter_horizontal = ["clauses"]

    def get_readonly_fields(self, request, obj=None):
        return ["organization", "code"] if obj else []

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k in services.INDICATOR_FIELDS}
        if change:
            services.update_indicator(request.user, Indicator.objects.get(pk=obj.pk),
                                      clauses=form.cleaned_data["clauses"], **data)
        else:
            obj.pk = services.create_indicator(request.user, form.cleaned_data["organization"], code=obj.code,
                                               clauses=form.cleaned_data["clauses"], **data).pk


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "subject", "period", "value", "status"]
    list_filter = ["status"]
    list_select_related = ["indicator"]
