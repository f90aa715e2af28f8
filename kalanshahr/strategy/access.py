"""Who may define, enter and verify in S2.

* defining goals, indicators, targets and programs: whoever may edit the organization (network.access);
* upstream documents: the secretariat for national ones, a municipality's editors for its own;
* entering measurements: a municipality editor for their municipality's subjects, an organization
  manager for their organization and its units;
* verifying: a `verifier` of the subject's municipality, never for a value they entered themselves;
* reading: anyone signed in. Performance data in progress is not public; S5 publishes what is.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404

from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import access as network_access
from kalanshahr.network.models import Organization, Role

from .models import ImportJob, Indicator, Measurement, MeasurementStatus, Milestone, Program, UpstreamDocument


def can_manage_document(user, municipality):
    if municipality is None:
        return network_access.is_secretariat(user)
    return network_access.is_superuser(user) or municipality.pk in network_access.edited_municipality_ids(user)


def can_define(user, organization):
    """Goals, indicators, targets and programs of an organization."""
    return network_access.can_edit_organization(user, organization)


def can_enter(user, municipality_id, organization=None):
    """Whether the user may enter values for this subject (a municipality, or one of its organizations)."""
    if network_access.is_superuser(user):
        return True
    if municipality_id in network_access.edited_municipality_ids(user):
        return True
    return organization is not None and any(
        organization.path.startswith(o.path)
        for o in network_access.organizations_with_role(user, Role.ORGANIZATION_MANAGER)
    )


def enters_any_data(user):
    """Whether the import page has anything to offer this user: it is refused up front, not after an upload."""
    return network_access.is_superuser(user) or bool(
        network_access.edited_municipality_ids(user)
        or network_access.organizations_with_role(user, Role.ORGANIZATION_MANAGER))


def check_enters_any_data(user):
    if not enters_any_data(user):
        raise AccessDenied("ثبت و ورود داده تنها با ویراستاران شهرداری و مدیران سازمان‌هاست.",
                           "Only municipality editors and organization managers enter data.")


def can_verify(user, measurement):
    """A verifier of the subject's municipality; nobody verifies a value they entered (four eyes)."""
    if measurement.entered_by_id and measurement.entered_by_id == getattr(user, "pk", None):
        return False
    return network_access.is_superuser(user) or (
        measurement.municipality_id in network_access.municipality_ids_with_role(user, Role.VERIFIER)
    )


def can_record_measured_values(user):
    """Values the platform measured itself (survey results) are written by the secretariat, which runs the
    surveys for the network, or by the system."""
    return network_access.is_system(user) or network_access.is_secretariat(user)


def check_can_record_measured_values(user):
    if not can_record_measured_values(user):
        raise AccessDenied("ثبت نتیجه‌ی پیمایش در شاخص‌ها تنها با دبیرخانه است.",
                           "Only the secretariat records survey results in the indicators.")


def check_can_define(user, organization):
    if not can_define(user, organization):
        raise AccessDenied(
            "تعریف هدف و شاخص این سازمان در اختیار شما نیست.",
            "You may not define goals or indicators for this organization.",
        )


def check_can_enter(user, municipality_id, organization=None):
    if not can_enter(user, municipality_id, organization):
        raise AccessDenied(
            "ثبت داده برای این شهرداری یا سازمان در اختیار شما نیست.",
            "You may not enter data for this municipality or organization.",
        )


def check_can_verify(user, measurement):
    if measurement.entered_by_id and measurement.entered_by_id == getattr(user, "pk", None):
        raise AccessDenied("داده‌ای را که خود ثبت کرده‌اید نمی‌توانید راستی‌آزمایی کنید.",
                           "You cannot verify a value you entered yourself.", code="four_eyes")
    if not can_verify(user, measurement):
        raise AccessDenied("راستی‌آزمایی داده‌های این شهرداری در اختیار شما نیست.",
                           "You may not verify this municipality's data.")


def verifiable_measurements(user):
    """Submitted measurements waiting for this verifier (entered by someone else)."""
    queryset = Measurement.objects.with_related().filter(status="submitted")
    if not network_access.is_superuser(user):
        queryset = queryset.filter(municipality_id__in=network_access.municipality_ids_with_role(user, Role.VERIFIER))
    return queryset.exclude(entered_by=user) if getattr(user, "is_authenticated", False) else queryset


def _enter_scope(user, municipality, organization):
    """can_enter as one filter: the subject's municipality is one the user edits, or its organization sits under
    one they manage. `municipality` and `organization` name the lookups to the subject's two parts."""
    scope = Q(**{f"{municipality}__in": network_access.edited_municipality_ids(user)})
    for managed in network_access.organizations_with_role(user, Role.ORGANIZATION_MANAGER):
        scope |= Q(**{f"{organization}__path__startswith": managed.path})
    return scope


def returned_measurements(user):
    """Values a verifier sent back, for those who enter that subject's data, to correct and submit again."""
    queryset = Measurement.objects.with_related().filter(status=MeasurementStatus.RETURNED)
    if network_access.is_superuser(user):
        return queryset
    return queryset.filter(_enter_scope(user, "municipality_id", "organization"))


def indicators_entered_by(user):
    """The indicators whose data this user enters (their municipality's, their organizations' and units')."""
    queryset = Indicator.objects.with_related()
    if network_access.is_superuser(user):
        return queryset
    if not enters_any_data(user):
        return queryset.none()
    return queryset.filter(_enter_scope(user, "organization__municipality_id", "organization"))


# --- fetching objects for views ----------------------------------------------------------------

def get_document_for_user(user, slug):
    try:
        return UpstreamDocument.objects.select_related("municipality").get(slug=slug)
    except UpstreamDocument.DoesNotExist:
        raise Http404 from None


def get_indicator_for_user(user, code, write=False):
    try:
        indicator = Indicator.objects.with_related().get(code=code)
    except Indicator.DoesNotExist:
        raise Http404 from None
    if write:
        check_can_define(user, indicator.organization)
    return indicator


def get_organization_for_monitoring(user, slug):
    try:
        return Organization.objects.with_related().get(slug=slug)
    except Organization.DoesNotExist:
        raise Http404 from None


def get_measurement_for_user(user, pk):
    try:
        return Measurement.objects.with_related().get(pk=pk)
    except Measurement.DoesNotExist:
        raise Http404 from None


def get_program_for_user(user, pk, write=False):
    try:
        program = Program.objects.select_related("goal__organization").get(pk=pk)
    except Program.DoesNotExist:
        raise Http404 from None
    if write:
        check_can_define(user, program.goal.organization)
    return program


def get_milestone_for_user(user, pk, write=False):
    try:
        milestone = Milestone.objects.select_related("program__goal__organization").get(pk=pk)
    except Milestone.DoesNotExist:
        raise Http404 from None
    if write:
        check_can_define(user, milestone.program.goal.organization)
    return milestone


def import_jobs_for_user(user):
    """A background import is seen by the person who started it, and by the superusers who run the platform."""
    jobs = ImportJob.objects.all()
    return jobs if network_access.is_superuser(user) else jobs.filter(actor_id=getattr(user, "pk", None))


def get_import_job_for_user(user, pk):
    """Someone else's job answers 404, as one that does not exist."""
    try:
        return import_jobs_for_user(user).get(pk=pk)
    except (ImportJob.DoesNotExist, ValidationError):
        raise Http404 from None
