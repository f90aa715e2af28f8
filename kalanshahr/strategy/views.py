"""S2 pages for reading: the monitoring tree, an indicator, the supervision board, upstream documents,
and the forms that define goals and indicators. Data entry, verification and import are in views_data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kalanshahr.lib import sparkline
from kalanshahr.lib.views import perform, submit
from kalanshahr.network import fragments
from kalanshahr.network.models import Organization

from . import access, datakeys, monitoring, services
from . import status as rules
from .forms import GoalForm, IndicatorForm, ProgramForm, ProgramProgressForm, TargetForm
from .models import Goal, Indicator, Program, UpstreamDocument, subject_key


# The apps whose data the monitoring pages show: a change in any of them retires their cached fragments; and the
# values of the indicators each page shows (monitoring.entry_keys), so that a value entered elsewhere keeps it.
MONITORED_DATA = ["strategy", datakeys.VALUES, "network"]


@require_safe
@login_required
def monitoring_index(request):
    """Organizations that have goals, with their roll-up status. Template strategy/monitoring_index.html."""
    organizations = (Organization.objects.with_related().annotate(goal_count=Count("goals")).filter(goal_count__gt=0)
                     .order_by("municipality__name_order", "path"))
    views = monitoring.organization_views(organizations)
    return render(request, "strategy/monitoring_index.html", {"views": views})


@require_safe
@login_required
def organization_monitoring(request, slug):
    """The tree mission → duties → goals → indicators of an organization and its units, with statuses,
    counts by status and overdue data. Template strategy/organization_monitoring.html."""
    organization = access.get_organization_for_monitoring(request.user, slug)
    can_define = access.can_define(request.user, organization)
    can_enter = access.can_enter(request.user, organization.municipality_id, organization)
    today = timezone.localdate()  # statuses and overdue flags move with the date
    shown = monitoring.entry_keys(Goal.objects.filter(organization__in=Organization.objects.subtree_at(
        organization.path)))
    body = fragments.cached(request, "strategy.organization", [*MONITORED_DATA, *shown],
                            (organization.path, can_define, can_enter, today), _monitoring_fragment)
    return render(request, "strategy/organization_monitoring.html", {"organization": organization, "body": body})


def _monitoring_fragment(path, can_define, can_enter, today):
    units = list(Organization.objects.with_related().subtree_at(path).prefetch_related("duties"))
    organization = next(unit for unit in units if unit.path == path)
    views = monitoring.organization_views(units)
    # An indicator serving two goals is counted once.
    states = {state.indicator.pk: state for view in views for goal in view.goals for state, _w in goal.states}
    return "strategy/_organization_monitoring.html", {
        "organization": organization,
        "views": views,
        "counts": rules.counts(s.status for s in states.values()),
        "overdue": sum(1 for s in states.values() if s.overdue),
        "can_define": can_define,
        "can_enter": can_enter,
        "programs": Program.objects.filter(goal__organization__in=units, parent=None).select_related(
            "goal", "owner_organization").prefetch_related("milestones", Prefetch(
                "actions", queryset=Program.objects.select_related("owner_organization").prefetch_related("milestones"))),
        "progress_form": ProgramProgressForm(),
        "today": today,
        "due_period": monitoring.latest_due_period("month"),
    }


@require_safe
@login_required
def indicator_detail(request, code):
    """An indicator: definition, cited clauses, goals, and 24 periods of actual against target.

    Template strategy/indicator_detail.html; the chart reads the `trend` JSON and draws with Chart.js,
    served from our own static files.
    """
    indicator = access.get_indicator_for_user(request.user, code)
    subject = subject_key(indicator.organization.municipality_id, indicator.organization_id)
    rows = monitoring.trend(indicator, subject)
    bands = [rules.at_risk_band(indicator.direction, t.value, t.tolerance, t.value_high) if t else (None, None)
             for _p, _v, t, _s in rows]
    chart = {
        "labels": [period.label() for period, *_rest in rows],
        "actual": [float(value) if value is not None else None for _p, value, _t, _s in rows],
        "target": [float(t.value) if t else None for _p, _v, t, _s in rows],
        "low": [float(low) if low is not None else None for low, _high in bands],
        "high": [float(high) if high is not None else None for _low, high in bands],
        "series": {"actual": _("Verified value"), "target": _("Target"), "band": _("Tolerance band")},
    }
    return render(request, "strategy/indicator_detail.html", {
        "indicator": indicator,
        "clauses": indicator.clauses.select_related("document"),
        "goals": Goal.objects.filter(goalindicator__indicator=indicator).select_related("organization"),
        "rows": list(reversed(rows)),
        "chart": chart,
        "can_define": access.can_define(request.user, indicator.organization),
    })


@require_safe
@login_required
def supervision_board(request):
    """Every priority goal with its indicators, status, overdue data and missing explanations."""
    shown = monitoring.entry_keys(Goal.objects.filter(is_priority=True))
    body = fragments.cached(request, "strategy.board", [*MONITORED_DATA, *shown], (timezone.localdate(),),
                            _board_fragment)
    return render(request, "strategy/supervision_board.html", {"body": body})


def _board_fragment(today):
    goals = monitoring.priority_board(today)
    states = [state for goal in goals for state, _w in goal.states]
    trends = monitoring.board_trends({state.indicator for state in states}, today)
    for state in states:
        state.spark = trends.get(state.indicator.pk)
    return "strategy/_supervision_board.html", {
        "goals": goals,
        "spark_width": sparkline.WIDTH, "spark_height": sparkline.HEIGHT, "spark_periods": monitoring.BOARD_TREND,
        "counts": rules.counts(s.status for s in states),
        "overdue": sum(1 for s in states if s.overdue),
        "missing_explanations": sum(1 for s in states if s.measurement and s.needs_explanation),
    }


@require_safe
@login_required
def document_list(request):
    documents = (UpstreamDocument.objects.select_related("municipality").annotate(clause_count=Count("clauses"))
                 .order_by("kind", "name_order", "id"))
    return render(request, "strategy/document_list.html", {"documents": documents})


@require_safe
@login_required
def document_detail(request, slug):
    """A document's clauses and the goals and indicators citing each; clauses nobody serves stand out."""
    document = access.get_document_for_user(request.user, slug)
    clauses = document.clauses.prefetch_related(
        Prefetch("goals", queryset=Goal.objects.select_related("organization")),
        Prefetch("indicators", queryset=Indicator.objects.select_related("organization")),
    )
    return render(request, "strategy/document_detail.html", {"document": document, "clauses": clauses})


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request, slug):
    organization = access.get_organization_for_monitoring(request.user, slug)
    access.check_can_define(request.user, organization)
    form = GoalForm(request.POST or None, initial={"start_year": 1405, "end_year": 1405, "weight": 1})
    goal = submit(request, form, lambda data: services.create_goal(request.user, organization, **data),
                  _("The goal was saved."))
    if goal:
        return redirect("strategy:organization", organization.slug)
    return render(request, "form_page.html", {
        "form": form, "title": _("New goal"), "context_object": organization,
        "cancel_url": reverse("strategy:organization", args=[organization.slug]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request, slug):
    organization = access.get_organization_for_monitoring(request.user, slug)
    access.check_can_define(request.user, organization)
    form = IndicatorForm(request.POST or None, organization=organization, initial={"multiplier": 1})
    indicator = submit(request, form, lambda data: services.create_indicator(request.user, organization, **data),
                       _("The indicator was saved."))
    if indicator:
        return redirect(indicator)
    return render(request, "form_page.html", {
        "form": form, "title": _("New indicator"), "context_object": organization,
        "cancel_url": reverse("strategy:organization", args=[organization.slug]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, code):
    indicator = access.get_indicator_for_user(request.user, code, write=True)
    initial = {name: getattr(indicator, name) for name in services.INDICATOR_FIELDS}
    initial.update(code=indicator.code, clauses=list(indicator.clauses.all()), goals=list(indicator.goals.all()))
    form = IndicatorForm(request.POST or None, organization=indicator.organization, initial=initial)
    form.fields["code"].disabled = True
    form.fields["goals"].disabled = True

    def save(data):
        data.pop("code", None)
        data.pop("goals", None)
        return services.update_indicator(request.user, indicator, **data)

    saved = submit(request, form, save, _("The indicator was saved."))
    if saved:
        return redirect(indicator)
    return render(request, "form_page.html", {
        "form": form, "title": _("Edit indicator %(code)s") % {"code": indicator.code}, "context_object": indicator,
        "cancel_url": indicator.get_absolute_url(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def target_set(request, code):
    """Sets (or changes) the target of an indicator for its organization and one period."""
    indicator = access.get_indicator_for_user(request.user, code, write=True)
    form = TargetForm(request.POST or None, initial={"period": monitoring.latest_due_period(indicator.frequency).next().key})

    def save(data):
        return services.set_target(request.user, indicator, municipality=indicator.organization.municipality,
                                   organization=indicator.organization, **data)

    if submit(request, form, save, _("The target was saved.")):
        return redirect(indicator)
    return render(request, "form_page.html", {
        "form": form, "title": _("Target of %(code)s") % {"code": indicator.code}, "context_object": indicator,
        "cancel_url": indicator.get_absolute_url(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def program_add(request, slug):
    """A program (برنامه) of a goal, or an action (اقدام) under a program, with its milestones."""
    organization = access.get_organization_for_monitoring(request.user, slug)
    access.check_can_define(request.user, organization)
    form = ProgramForm(request.POST or None, organization=organization)

    def create(data):
        return services.create_program(request.user, data.pop("goal"), **data)

    if submit(request, form, create, _("The program was saved.")):
        return redirect("strategy:organization", organization.slug)
    return render(request, "form_page.html", {
        "form": form, "title": _("New program or action"), "context_object": organization,
        "cancel_url": reverse("strategy:organization", args=[organization.slug]),
    })


@login_required
@require_http_methods(["POST"])
def program_update(request, pk):
    program = access.get_program_for_user(request.user, pk, write=True)
    form = ProgramProgressForm(request.POST)
    if submit(request, form, lambda data: services.update_program(request.user, program, **data),
              _("The program was updated.")) is None:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("strategy:organization", program.goal.organization.slug)


@login_required
@require_http_methods(["POST"])
def milestone_done(request, pk):
    milestone = access.get_milestone_for_user(request.user, pk, write=True)
    perform(request, lambda: services.complete_milestone(request.user, milestone), _("The milestone is marked done."))
    return redirect("strategy:organization", milestone.program.goal.organization.slug)
