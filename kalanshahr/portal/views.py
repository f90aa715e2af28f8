"""S6 pages: news with its thread and comment form, tag and city pages, the news editor, the moderators'
queue, search, and what makes the portal installable (manifest and service worker)."""

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from kalanshahr.lib.errors import DomainError
from kalanshahr.lib.views import submit
from kalanshahr.network import fragments
from kalanshahr.network import search as network_search
from kalanshahr.network.models import Municipality, Tag

from . import access, services
from .forms import REASON_LABELS, CommentForm, ModerationForm, NewsForm, SearchForm
from .models import Comment, CommentState, News

PAGE_SIZE = 20
# What a news page shows: the portal's news and comments, and the cities, meetings and resolutions it links to.
NEWS_DATA = ["portal", "network", "meetings"]


def _news_page(request, news, **context):
    page = Paginator(news.prefetch_related("tags"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/news_list.html", {"page": page, "can_edit": access.can_edit_news(request.user),
                                                     **context})


@require_safe
def news_list(request):
    return _news_page(request, access.visible_news(request.user))


@require_safe
def tag_news(request, name):
    # Tags are shared with experiences: a tag page lists news, so only tags that news carry have one.
    tag = get_object_or_404(Tag.objects.filter(news__isnull=False).distinct(), name=name)
    return _news_page(request, News.objects.published().filter(tags=tag), tag=tag)


@require_safe
def city_news(request, slug):
    city = get_object_or_404(Municipality, slug=slug)
    return _news_page(request, News.objects.published().filter(municipalities=city), city=city)


def _thread(news):
    """Published comments in reading order, each reply after its parent, with `depth` and `answers` set."""
    comments = list(news.comments.published().order_by("created", "id"))
    by_id = {c.pk: c for c in comments}
    children = {}
    for comment in comments:
        children.setdefault(comment.parent_id if comment.parent_id in by_id else None, []).append(comment)
    ordered = []

    def walk(parent_id, depth):
        for comment in children.get(parent_id, []):
            comment.depth, comment.answers = min(depth, 4), by_id.get(comment.parent_id)
            ordered.append(comment)
            walk(comment.pk, depth + 1)

    walk(None, 0)
    return ordered


@require_http_methods(["GET", "HEAD", "POST"])
def news_detail(request, code):
    """A news item and its published thread, with links to the comment page. The page holds nothing of the reader's
    (the comment form, with its captcha and CSRF token, has a page of its own), so anonymous readers are served one
    stored copy, and signed-in ones a cached body, until anything of the portal changes."""
    if request.method == "POST":  # forms rendered before the comment page existed post here
        return comment_form(request, code)

    def build():
        news = get_object_or_404(access.visible_news(request.user), code=code)
        can_edit = access.can_edit_news(request.user)
        # The state is in the key: a scheduled item turns published with the clock, not with a change.
        body = fragments.cached(request, "portal.news", NEWS_DATA, (news.pk, can_edit, news.state), _news_fragment)
        response = render(request, "portal/news_detail.html", {"news": news, "body": body})
        if not request.user.is_authenticated and news.is_published:
            # The service worker keeps only pages marked so: an anonymous reader's copy of a public page.
            response["X-Offline-Cache"] = "allow"
        return response

    # Keyed by the code, so that an anonymous reader's stored copy is found before any query. Only a page an
    # anonymous reader may see is stored (a 404 is not), and withdrawing or editing an item moves the portal's
    # data version, which retires the copy.
    return fragments.cached_response(request, "portal.news", NEWS_DATA, code, build)


def _news_fragment(news_pk, can_edit, _state):
    news = News.objects.with_related().get(pk=news_pk)
    return "portal/_news_body.html", {"news": news, "comments": _thread(news), "can_edit": can_edit}


@require_http_methods(["GET", "POST"])
def comment_form(request, code):
    """The comment form of a published news item (with the captcha for anonymous readers), or a reply to one of
    its comments (?reply=ID); a posted comment goes back to the thread with the verdict."""
    news = get_object_or_404(access.visible_news(request.user), code=code)
    if not news.is_published:
        raise Http404
    replying = news.comments.published().filter(pk=request.GET.get("reply")).first() if str(
        request.GET.get("reply", "")).isdigit() else None
    form = CommentForm(request.POST or None, user=request.user,
                       initial={"parent": replying.pk} if replying else None)
    if request.method == "POST":
        posted = _post_comment(request, news, form)
        if posted is not None:
            anchor = f"comment-{posted.pk}" if posted.state == CommentState.PUBLISHED else "comments"
            return redirect(f"{news.get_absolute_url()}#{anchor}")
    return render(request, "portal/comment_form.html", {"news": news, "form": form, "replying": replying})


def _post_comment(request, news, form):
    if form.is_robot:
        messages.error(request, _("Your comment could not be posted."))
        return None
    if not form.is_valid():
        return None
    parent = None
    if form.cleaned_data.get("parent"):
        parent = news.comments.filter(pk=form.cleaned_data["parent"]).first()
    try:
        comment = services.post_comment(
            request.user, news, text=form.cleaned_data["text"], name=form.cleaned_data.get("name", ""),
            email=form.cleaned_data.get("email", ""), parent=parent, ip=request.META.get("REMOTE_ADDR", ""))
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
    if comment.state == CommentState.PUBLISHED:
        messages.success(request, _("Your comment is published. Thank you."))
    elif comment.state == CommentState.PENDING:
        messages.info(request, _("Your comment is waiting for a moderator; it appears once approved."))
    else:
        reasons = "، ".join(str(REASON_LABELS[r]) for r in comment.reasons)
        messages.error(request, _("Your comment was not published under the policy (%(reasons)s).") % {
            "reasons": reasons})
    return comment


# --- writing news --------------------------------------------------------------------------------

def _publish_time(data):
    if data["publish"] == "now":
        return timezone.now()
    if data["publish"] == "later":
        moment = datetime.datetime.combine(data["publish_on"], data.get("publish_time") or datetime.time(8, 0))
        return timezone.make_aware(moment)
    return None


@login_required
def news_form(request, code=None):
    if not access.can_edit_news(request.user):
        raise Http404
    news = get_object_or_404(News, code=code) if code else None
    initial = {}
    if news is not None:
        initial = {"title": news.title, "lead": news.lead, "body": news.body,
                   "tags": "، ".join(t.name for t in news.tags.all()),
                   "municipalities": news.municipalities.all(), "organizations": news.organizations.all(),
                   "meetings": news.meetings.all(), "resolutions": news.resolutions.all(),
                   "publish": {"draft": "draft", "published": "now", "scheduled": "later"}[news.state],
                   "publish_on": timezone.localtime(news.published_at).date() if news.published_at else None,
                   "publish_time": timezone.localtime(news.published_at).time() if news.published_at else None}
    form = NewsForm(request.POST or None, initial=initial)

    def save(data):
        values = {name: data[name] for name in ("title", "lead", "body", "tags", "municipalities", "organizations",
                                                "meetings", "resolutions")}
        return services.save_news(request.user, news, publish=data["publish"], at=_publish_time(data), **values)

    saved = submit(request, form, save, _("The news item is saved."))
    if saved:
        return redirect(saved)
    return render(request, "portal/news_form.html", {"form": form, "news": news})


# --- moderation ----------------------------------------------------------------------------------

@login_required
def moderation_queue(request):
    if not access.can_moderate(request.user):
        raise Http404
    state = request.GET.get("state") if request.GET.get("state") in CommentState.values else CommentState.PENDING
    comments = Comment.objects.filter(state=state).select_related("news", "parent").order_by("created", "id")
    form = ModerationForm(request.POST or None, queryset=comments)
    done = submit(request, form, lambda data: services.moderate(request.user, data["comments"], data["action"],
                                                                data["reason"]), _("Done."))
    if done:
        return redirect(f"{reverse('portal:moderation')}?state={state}")
    rows = list(comments[:200])
    for comment in rows:
        comment.reason_labels = [REASON_LABELS[r] for r in comment.reasons]
    return render(request, "portal/moderation.html", {"form": form, "comments": rows, "state": state,
                                                      "states": CommentState.choices})


# --- search --------------------------------------------------------------------------------------

@require_safe
def search_page(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    hits = network_search.search(query, request.user) if query else []
    labels = {"news": _("News item"), "resolution": _("Resolution"), "experience": _("Experience"), "idea": _("Idea")}
    for hit in hits:
        hit.kind_label = labels.get(hit.kind, hit.kind)
    return render(request, "portal/search.html", {"form": form, "query": query, "hits": hits})


# --- installable: manifest and service worker -----------------------------------------------------

@require_safe
@cache_control(max_age=3600)
def manifest(request):
    data = {
        "name": _("Kalanshahr: news of the metropolises"), "short_name": _("Kalanshahr"),
        "lang": "fa", "dir": "rtl", "start_url": reverse("portal:news_list"), "scope": "/",
        "display": "standalone", "background_color": "#f4f6f8", "theme_color": "#0b6e5f",
        "icons": [{"src": static(f"portal/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": "any maskable"} for size in (192, 512)],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    """Served from the site's root so that its scope covers every news page."""
    assets = [static("css/kalanshahr.css"), static("css/fonts.css"), static("vendor/vazirmatn/Vazirmatn-Variable.woff2"),
              static("js/portal.js")]
    response = render(request, "portal/sw.js", {"offline_url": reverse("portal:offline"), "assets": json.dumps(assets)},
                      content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline(request):
    return render(request, "portal/offline.html")
