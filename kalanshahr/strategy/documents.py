"""S2's printed documents: the period report a company presents to its deputy mayor, on screen, as a PDF in the
request, and as a PDF prepared by the task worker (network/reports.py, kind "strategy.period_report")."""

from django.utils import timezone
from django.utils.translation import gettext as _

from kalanshahr.lib.errors import InvalidInput
from kalanshahr.lib.jalali import JalaliParseError, Period
from kalanshahr.network.models import Organization
from kalanshahr.network.reports import Document

from . import access, monitoring
from . import status as rules
from .models import Program


def period_report(organization, period):
    """Missions, activities done, programs ahead and indicator statuses of the organization's subtree."""
    units = list(Organization.objects.with_related().subtree_of(organization).prefetch_related("duties"))
    views = monitoring.organization_views(units, period=period)
    programs = list(Program.objects.filter(goal__organization__in=units).select_related(
        "goal", "owner_organization", "parent").prefetch_related("milestones"))
    done, ahead = monitoring.report_programs(programs, period)
    return {
        "organization": organization, "period": period, "views": views, "done": done, "ahead": ahead,
        "today": timezone.localdate(), "severity": rules.SEVERITY,
        "previous": period.previous(), "next": period.next(),
    }


def prepare_period_report(user, params):
    organization = access.get_organization_for_monitoring(user, params.get("organization", ""))
    try:
        period = Period.parse(params.get("period", ""))
    except JalaliParseError as error:
        raise InvalidInput("invalid_period", error.message_fa, error.message_en, field="period") from None
    return Document("strategy/organization_report_pdf.html", lambda: period_report(organization, period),
                    f"period-report-{organization.slug}-{period.key}",
                    _("Period report of %(organization)s, %(period)s") % {"organization": organization.name,
                                                                           "period": period.label()})
