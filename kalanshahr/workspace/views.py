"""Cross-app pages for the signed-in user. Each section comes from the documented access function of the app
that owns it (workspace/tasks.py), so the permission rules stay in that app's access.py."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import tasks


@require_safe
@login_required
def my_tasks(request):
    """What awaits the signed-in user, with counts: values to verify or returned, data overdue, decisions,
    resolutions to move, adoptions to record, commitments due, reviews, screening, comments to moderate and the
    exchange requests between their city and others. Template: workspace/my_tasks.html."""
    today = timezone.localdate()
    sections = tasks.sections(request.user, today)
    context = {section.key.replace("-", "_"): section for section in sections}
    context.update(waiting=[s for s in sections if s.count and s.key != "requests-sent"], today=today)
    return render(request, "workspace/my_tasks.html", context)


@require_safe
def task_counts(request):
    """{"total": n} for the menu's badge, fetched after the page is shown so that no page waits for it; 0 for
    anonymous readers. Not cached: a count must drop as soon as the task is done."""
    if not request.user.is_authenticated:
        return JsonResponse({"total": 0})
    response = JsonResponse({"total": tasks.total(request.user, timezone.localdate())})
    response["Cache-Control"] = "private, no-store"
    return response
