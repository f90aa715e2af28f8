"""Cross-app pages for the signed-in user. Each section comes from the documented access function of the app
that owns it (workspace/tasks.py), so the permission rules stay in that app's access.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import timezone
from django.utils import translation
from django.utils.translation import get_language, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kalanshahr.lib.templatetags import digits
from kalanshahr.network import access as network_access, services as network_services

from . import tasks

NOTIFICATIONS_PAGE = 30


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
    """{"total": n, "unread": m} for the menu's badges, fetched after the page is shown so that no page waits for it; 0 for
    anonymous readers. Not cached: a count must drop as soon as the task is done."""
    if not request.user.is_authenticated:
        return JsonResponse({"total": 0, "unread": 0})
    response = JsonResponse({"total": tasks.total(request.user, timezone.localdate()),
                             "unread": network_access.notifications_of(request.user).filter(read_at=None).count()})
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notifications(request):
    """The signed-in person's notifications, newest first, unread ones marked; POST marks them all as read.
    Template: workspace/notifications.html."""
    mine = network_access.notifications_of(request.user)
    if request.method == "POST":
        count = network_services.mark_read(request.user)
        messages.success(request, ngettext("%(n)s notification marked as read.", "%(n)s notifications marked as read.",
                                           count) % {"n": digits(count)})
        return redirect("workspace:notifications")
    page = Paginator(mine, NOTIFICATIONS_PAGE).get_page(request.GET.get("page"))
    return render(request, "workspace/notifications.html", {
        "page": page, "unread": mine.filter(read_at=None).count()})


@require_POST
@login_required
def notification_open(request, pk):
    """Marks one notification as read and goes to the page it is about, in the reader's language."""
    notification = network_access.get_notification_for_user(request.user, pk)
    reader_language = get_language()
    network_services.mark_read(request.user, [notification.pk])
    if not notification.url:
        return redirect("workspace:notifications")
    with translation.override(settings.LANGUAGE_CODE):  # the address is kept in the default language's form
        return redirect(translate_url(notification.url, reader_language))
