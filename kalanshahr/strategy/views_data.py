"""S2 pages that change data: a period's entry form, the verification queue, explanations, closing a
period, import with preview, export, and the printable organization report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_http_methods, require_safe

from kalanshahr.lib.pdf import pdf_response
from kalanshahr.lib.views import next_url, perform
from kalanshahr.lib.jalali import JalaliParseError, Period
from kalanshahr.lib.persian import parse_number
from kalanshahr.lib.templatetags import digits
from kalanshahr.network.models import Organization

from . import access, documents, monitoring, services
from . import status as rules
from .forms import ImportForm
from .importer import export_measurements
from .imports import (
    errors_of, import_staged, progress_of, runs_in_background, stage_import, start_import_job,
)
from .models import Indicator, Measurement, Target, subject_key
from .workflow import EDITABLE


def _period_from(request, frequency="month"):
    try:
        return Period.parse(request.GET.get("period") or request.POST.get("period") or "")
    except JalaliParseError:
        return monitoring.latest_due_period(frequency)


def _entry_rows(units, period):
    """(indicator, measurement or None) for the period's indicators of every unit (4 queries).

    Each indicator also carries what the form shows beside the box, so that the person typing sees the status the
    value would have before saving: `entry_target` (the period's Target or None) and `previous_value` (the
    previous period's verified value or None).
    """
    indicators = list(Indicator.objects.with_related().filter(organization__in=units, frequency=period.kind))
    subjects = {subject_key(i.organization.municipality_id, i.organization_id) for i in indicators}
    previous = period.previous()
    found = {(m.indicator_id, m.subject, m.period): m for m in Measurement.objects.filter(
        indicator__in=indicators, subject__in=subjects, period__in=[period.key, previous.key])}
    targets = {(t.indicator_id, t.subject): t for t in Target.objects.filter(
        indicator__in=indicators, subject__in=subjects, period=period.key)}
    rows = []
    for indicator in indicators:
        subject = subject_key(indicator.organization.municipality_id, indicator.organization_id)
        before = found.get((indicator.pk, subject, previous.key))
        indicator.entry_target = targets.get((indicator.pk, subject))
        indicator.previous_value = before.value if before and before.is_verified else None
        rows.append((indicator, found.get((indicator.pk, subject, period.key))))
    return rows


def _number(text):
    text = (text or "").strip()
    return parse_number(text) if text else None


def _unchanged(measurement, numbers, fields):
    """Whether a posted row repeats what is stored: such rows are not saved again."""
    stored = {"value": measurement.value if measurement.numerator is None else None,
              "numerator": measurement.numerator, "denominator": measurement.denominator}
    return (all(numbers[name] == stored[name] for name in stored)
            and fields["note"].strip() == measurement.note and fields["explanation"].strip() == measurement.explanation)


@login_required
@require_http_methods(["GET", "POST"])
def enter_values(request, slug):
    """A period's values for every indicator of an organization and its units, saved and submitted together.

    Template strategy/enter_values.html. Rows already verified are shown but cannot be typed over.
    """
    organization = access.get_organization_for_monitoring(request.user, slug)
    access.check_can_enter(request.user, organization.municipality_id, organization)
    period = _period_from(request)
    units = list(Organization.objects.subtree_of(organization))
    rows = _entry_rows(units, period)
    errors, typed = {}, {}
    if request.method == "POST":
        entries = []
        for indicator, measurement in rows:
            if measurement is not None and measurement.status not in EDITABLE:
                continue
            fields = {name: request.POST.get(f"{name}-{indicator.pk}", "") for name in
                      ("value", "numerator", "denominator", "note", "explanation")}
            typed[indicator.pk] = fields
            if not any(fields[n].strip() for n in ("value", "numerator", "denominator")):
                continue
            try:
                numbers = {n: _number(fields[n]) for n in ("value", "numerator", "denominator")}
            except ValueError as error:
                errors[indicator.code] = str(error)
                continue
            if measurement is not None and _unchanged(measurement, numbers, fields):
                continue
            entries.append({"indicator": indicator, "municipality": indicator.organization.municipality,
                            "organization": indicator.organization, "period": period, "note": fields["note"],
                            "explanation": fields["explanation"], **numbers})
        if not errors and not entries:
            errors[""] = _("Type at least one value.")
        if not errors:
            try:
                services.save_period_values(request.user, entries)
            except services.RowsRejected as rejected:
                errors = {code: error.message for code, error in rejected.errors.items()}
            else:
                messages.success(request, _("%(count)s values were saved and sent for verification.")
                                 % {"count": digits(len(entries))})
                return redirect(f"{reverse('strategy:enter', args=[organization.slug])}?period={period.key}")
        if errors:
            messages.error(request, _("Nothing was saved. Correct the rows marked below."))
    return render(request, "strategy/enter_values.html", {
        "organization": organization, "period": period, "rows": rows, "errors": errors, "typed": typed,
        "previous": period.previous(), "next": period.next(),
        "live_statuses": [rules.ON_TRACK, rules.AT_RISK, rules.OFF_TRACK, rules.NO_TARGET],
    })


@require_safe
@login_required
def verification_queue(request):
    """Submitted values waiting for this verifier, oldest first. Template strategy/verification_queue.html."""
    measurements = access.verifiable_measurements(request.user).order_by("updated")
    return render(request, "strategy/verification_queue.html", {"measurements": measurements})


@login_required
@require_POST
def move(request, pk, action):
    """verify, return (with a reason), reopen (with a reason) or submit one measurement."""
    measurement = access.get_measurement_for_user(request.user, pk)
    perform(request, lambda: services.move_measurement(request.user, measurement, action, request.POST.get("reason", "")),
            _("Done: %(code)s, %(period)s.") % {"code": measurement.indicator.code,
                                               "period": measurement.period_value.label()})
    return redirect(next_url(request, "strategy:verify"))


@login_required
@require_POST
def explain(request, pk):
    measurement = access.get_measurement_for_user(request.user, pk)
    perform(request, lambda: services.explain_measurement(request.user, measurement, request.POST.get("explanation", "")),
            _("The explanation was saved."))
    return redirect(next_url(request, "strategy:board"))


@login_required
@require_POST
def close_period(request, slug):
    organization = access.get_organization_for_monitoring(request.user, slug)
    period = _period_from(request)
    perform(request, lambda: services.close_period(request.user, organization, period.key),
            _("The period %(period)s is closed.") % {"period": period.label()})
    return redirect("strategy:organization", organization.slug)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Upload → a dry run with a preview and every error → confirm → the real import.

    The uploaded file waits under MEDIA_ROOT/imports/ between the two steps, named by a token kept in
    the user's session, and is deleted once imported.
    """
    access.check_enters_any_data(request.user)
    pending = request.session.get("measurement_import")
    if request.method == "POST" and request.POST.get("confirm") and pending:
        result = import_staged(request.user, pending["token"], pending["name"])
        if result is None:
            raise Http404
        del request.session["measurement_import"]
        if result.ok:
            messages.success(request, _("%(rows)s rows imported: %(created)s new, %(replaced)s replaced.")
                             % {"rows": digits(result.rows), "created": digits(result.created),
                                "replaced": digits(result.replaced)})
            return redirect("strategy:import")
        return render(request, "strategy/import.html", {"form": ImportForm(), "result": result})
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if runs_in_background(upload):
            job = start_import_job(request.user, upload, dry_run=form.cleaned_data["check_only"])
            return redirect("strategy:import_job", job.pk)
        token, result = stage_import(request.user, upload)
        if token:
            request.session["measurement_import"] = {"token": token, "name": upload.name}
    jobs = access.import_jobs_for_user(request.user).filter(actor_id=request.user.pk)[:5]
    return render(request, "strategy/import.html", {"form": form, "result": result, "jobs": jobs})


@require_safe
@login_required
def import_job(request, pk):
    """A background import: its progress while the worker reads the file (the page asks again every two seconds,
    through htmx, and stops once the job has an outcome), then its outcome and every kept error."""
    job = access.get_import_job_for_user(request.user, pk)
    context = {"job": job, "progress": progress_of(job), "errors": errors_of(job)}
    if request.headers.get("HX-Request"):
        return render(request, "strategy/_import_job.html", context)
    return render(request, "strategy/import_job.html", context)


@require_safe
@login_required
def export(request):
    """Measurements in the import format (CSV), for one organization's subtree or one indicator."""
    queryset = Measurement.objects.order_by("indicator__code", "subject", "period")
    if request.GET.get("organization"):
        organization = access.get_organization_for_monitoring(request.user, request.GET["organization"])
        queryset = queryset.filter(indicator__organization__path__startswith=organization.path)
    if request.GET.get("indicator"):
        queryset = queryset.filter(indicator__code=request.GET["indicator"])
    response = StreamingHttpResponse(export_measurements(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="measurements.csv"'
    return response


@require_safe
@login_required
def organization_report(request, slug):
    """What a company presents to its deputy mayor for a period: missions, activities done, programs ahead
    and indicator statuses. Printable. Template strategy/organization_report.html."""
    return render(request, "strategy/organization_report.html", _period_report(request, slug))


@require_safe
@login_required
def organization_report_pdf(request, slug):
    """The period report as a PDF document, in the page's language."""
    context = _period_report(request, slug)
    return pdf_response("strategy/organization_report_pdf.html", context, request,
                        f"period-report-{context['organization'].slug}-{context['period'].key}")


def _period_report(request, slug):
    organization = access.get_organization_for_monitoring(request.user, slug)
    return documents.period_report(organization, _period_from(request))

