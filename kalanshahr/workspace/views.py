"""Cross-app pages for the signed-in user. Each section comes from the documented access function of the app
that owns it, so the permission rules stay in that app's access.py."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kalanshahr.benchmarking import access as benchmarking_access
from kalanshahr.ideas import access as ideas_access
from kalanshahr.meetings import access as meetings_access
from kalanshahr.portal import access as portal_access


@require_safe
@login_required
def my_tasks(request):
    """What awaits the signed-in user: decisions, resolutions to move, adoptions to update, commitments due, and
    the exchange requests between their city and others (to answer, or to close), ideas to review or to screen,
    comments waiting for a moderator. Template: workspace/my_tasks.html."""
    user = request.user
    return render(request, "workspace/my_tasks.html", {
        "decisions": meetings_access.decisions_awaiting(user),
        "to_move": meetings_access.resolutions_to_move(user),
        "adoptions": meetings_access.adoptions_to_update(user),
        "commitments": meetings_access.commitments_owned_by(user),
        "to_answer": benchmarking_access.requests_to_answer(user),
        "to_close": benchmarking_access.requests_to_close(user),
        "to_review": ideas_access.reviews_to_do(user).select_related("idea__municipality").order_by("due_on"),
        "to_screen": ideas_access.ideas_to_screen(user),
        "comments_waiting": portal_access.comments_waiting(user),
        "today": timezone.localdate(),
    })
