"""Every change on the portal: news (write, edit, publish, schedule, take back), comments (post, through the
moderation pipeline) and the moderators' moves (approve, reject, ban; one comment or many at once).

Each function checks access, runs in one transaction, writes the audit trail and keeps the search index
current; a DomainError (Persian and English) leaves nothing changed.
"""

import datetime
import hashlib
from functools import lru_cache

import nh3
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from kalanshahr.lib.errors import DomainError, InvalidInput, require_filled
from kalanshahr.lib.persian import normalize, persian_digits
from kalanshahr.network import audit, search, services as network_services
from kalanshahr.network.models import Tag

from . import access, moderation, notify
from .models import Ban, Comment, CommentState, News
from .workflow import COMMENTS

FIRST_CODE = 10001
MAX_COMMENT = 2000
# What a news body may keep; everything else (scripts, styles, event handlers, iframes) is removed.
BODY_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "h2", "h3", "a", "figure",
             "figcaption", "table", "thead", "tbody", "tr", "th", "td"}
BODY_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def sanitize(body):
    return nh3.clean(body or "", tags=BODY_TAGS, attributes=BODY_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer")


def _tags(names):
    names = [normalize(name).strip() for name in names or ()]
    return [Tag.objects.get_or_create(name=name)[0] for name in dict.fromkeys(n for n in names if n)]


def _links(news, tags, municipalities, organizations, meetings, resolutions):
    if tags is not None:
        news.tags.set(_tags(tags))
    for name, values in (("municipalities", municipalities), ("organizations", organizations),
                         ("meetings", meetings), ("resolutions", resolutions)):
        if values is not None:
            getattr(news, name).set(values)


@transaction.atomic
def create_news(actor, *, title, lead, body, tags=(), municipalities=(), organizations=(), meetings=(),
                resolutions=(), published_at=None, is_sample_data=False):
    """A news item with the next news code; a draft unless `published_at` is given (now, or later: scheduled)."""
    access.check_can_edit_news(actor)
    values = {"title": normalize(title or ""), "lead": normalize(lead or ""), "body": sanitize(normalize(body or ""))}
    require_filled(values, "title", "lead", "body")
    # The lock keeps two writers from taking the same code; the unique constraint is the last word.
    last = News.objects.select_for_update().aggregate(code=Max("code"))["code"]
    news = News.objects.create(code=(last or FIRST_CODE - 1) + 1, published_at=published_at,
                               is_sample_data=is_sample_data, created_by=audit.stored_user(actor), **values)
    _links(news, tags, municipalities, organizations, meetings, resolutions)
    audit.record(actor, "portal.news.create", news, changes={"code": news.code})
    search.update("news", news)
    return news


@transaction.atomic
def update_news(actor, news, *, tags=None, municipalities=None, organizations=None, meetings=None, resolutions=None,
                **values):
    access.check_can_edit_news(actor)
    texts = {k: normalize(values[k] or "") for k in ("title", "lead", "body") if k in values}
    if "body" in texts:
        texts["body"] = sanitize(texts["body"])
    require_filled({**{k: getattr(news, k) for k in ("title", "lead", "body")}, **texts}, "title", "lead", "body")
    news.updated = timezone.now()
    changes = audit.apply(news, texts, also=["updated"])
    _links(news, tags, municipalities, organizations, meetings, resolutions)
    audit.record(actor, "portal.news.update", news, changes={name: "…" for name in changes})
    search.update("news", news)
    return news


@transaction.atomic
def publish_news(actor, news, at=None):
    """Publishes now, or schedules for `at`; the item is public from that time on."""
    access.check_can_edit_news(actor)
    news.published_at = at or timezone.now()
    news.save(update_fields=["published_at"])
    audit.record(actor, "portal.news.publish", news, changes={"published_at": news.published_at.isoformat()})
    search.update("news", news)
    return news


@transaction.atomic
def unpublish_news(actor, news):
    access.check_can_edit_news(actor)
    news.published_at = None
    news.save(update_fields=["published_at"])
    audit.record(actor, "portal.news.unpublish", news)
    search.update("news", news)
    return news


@transaction.atomic
def save_news(actor, news=None, *, publish, at=None, **values):
    """What the news form asks, in one transaction: create or edit the item, and set its publication.

    `publish` is "draft", "now" or "later" (with `at`); `values` are create_news's texts and links. An edit that
    keeps a published item "now" leaves its publish time as it was."""
    if news is None:
        return create_news(actor, published_at=None if publish == "draft" else (at or timezone.now()), **values)
    saved = update_news(actor, news, **values)
    if publish == "draft":
        return unpublish_news(actor, saved) if news.published_at else saved
    if publish == "later" or news.state != "published":
        return publish_news(actor, saved, at)
    return saved


# --- comments ------------------------------------------------------------------------------------

def hash_ip(ip):
    """Addresses are kept only as a keyed hash: enough to rate-limit and ban, not to identify anyone."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest() if ip else ""


@lru_cache(maxsize=256)
def _topic(news_id, updated):
    news = News.objects.get(pk=news_id)
    return moderation.Topic(f"{news.title}\n{news.lead}\n{news.plain_body}")


def topic_of(news):
    return _topic(news.pk, news.updated)


def _check_allowed(actor, email, ip_hash):
    signed_in = getattr(actor, "is_authenticated", False)
    banned = Q(ip_hash=ip_hash) if ip_hash else Q(pk__in=[])
    if email:
        banned |= Q(email__iexact=email)
    if signed_in:
        banned |= Q(user=actor)
    if Ban.objects.filter(banned).exists():
        raise DomainError("banned", "امکان فرستادن نظر برای شما بسته شده است.", "You may not post comments.")
    since = timezone.now() - datetime.timedelta(minutes=settings.COMMENT_RATE_MINUTES)
    recent = Comment.objects.filter(created__gte=since)
    recent = recent.filter(user=actor) if signed_in else recent.filter(ip_hash=ip_hash)
    if (signed_in or ip_hash) and recent.count() >= settings.COMMENT_RATE_LIMIT:
        limit, minutes = settings.COMMENT_RATE_LIMIT, settings.COMMENT_RATE_MINUTES
        error = DomainError("rate_limited",
                            f"در {persian_digits(minutes)} دقیقه بیش از {persian_digits(limit)} نظر نمی‌توان فرستاد؛ "
                            "کمی بعد دوباره بکوشید.",
                            f"No more than {limit} comments in {minutes} minutes; try again a little later.")
        error.status = 429
        raise error


@transaction.atomic
def post_comment(actor, news, *, text, name="", email="", parent=None, ip="", is_sample_data=False):
    """A comment (or a reply to `parent`), judged by the moderation pipeline: published at once, held for a
    moderator, or rejected; the verdict and its reasons are kept on the comment."""
    if news.state != "published":
        raise DomainError("news_not_published", "این خبر منتشر نشده است.", "This news item is not published.")
    signed_in = getattr(actor, "is_authenticated", False)
    if signed_in:
        name, email = actor.get_full_name() or actor.get_username(), actor.email
    name, email, text = normalize(name or "")[:100], (email or "").strip(), normalize(text or "")
    require_filled({"text": text, "name": name}, "text", "name")
    if len(text) > MAX_COMMENT:
        raise InvalidInput("text_too_long", f"نظر از {persian_digits(MAX_COMMENT)} نویسه بلندتر است.",
                           f"The comment is longer than {MAX_COMMENT} characters.", field="text")
    if parent is not None and (parent.news_id != news.pk or parent.state != CommentState.PUBLISHED):
        raise InvalidInput("bad_parent", "نظری که به آن پاسخ می‌دهید در این خبر منتشر نشده است.",
                           "The comment you reply to is not published on this news item.", field="parent")
    ip_hash = hash_ip(ip)
    _check_allowed(actor, email, ip_hash)
    topic = topic_of(news)
    verdict = moderation.judge(text, topic.with_reply_to(parent.text) if parent else topic)
    state = {moderation.PUBLISH: CommentState.PUBLISHED, moderation.REVIEW: CommentState.PENDING,
             moderation.REJECT: CommentState.REJECTED}[verdict.decision]
    comment = Comment.objects.create(news=news, parent=parent, user=actor if signed_in else None, name=name,
                                     email=email, text=text, state=state, verdict=verdict.decision,
                                     reasons=list(verdict.reasons), ip_hash=ip_hash, is_sample_data=is_sample_data)
    audit.record(actor, "portal.comment.post", comment,
                 changes={"verdict": verdict.decision, "reasons": list(verdict.reasons)})
    return comment


# What a signed-in commenter reads in their notifications when a moderator decides on their comment.
COMMENT_NOTICES = {
    CommentState.PUBLISHED: gettext_noop("Your comment was published."),
    CommentState.REJECTED: gettext_noop("Your comment was not published; it did not meet the comment policy."),
}


@transaction.atomic
def moderate(actor, comments, action, reason=""):
    """Approves, rejects or bans a list of comments, all or none; the reason goes to authors who gave an email."""
    access.check_can_moderate(actor)

    def effect(step):
        comment = step.obj
        step.set(moderated_by=audit.stored_user(actor), moderated_at=step.now)
        if step.move.target == CommentState.REJECTED:
            step.set(reject_reason=step.comment)
        if action == "ban":
            Ban.objects.create(user=comment.user, email=comment.email, ip_hash=comment.ip_hash, reason=step.comment,
                               created_by=audit.stored_user(actor))
        if step.move.target == CommentState.REJECTED and comment.email:
            transaction.on_commit(lambda: notify.comment_rejected(comment))
        if step.move.target in COMMENT_NOTICES and comment.user_id:
            network_services.notify([comment.user], COMMENT_NOTICES[step.move.target],
                                    url=comment.news.get_absolute_url())

    comments = COMMENTS.apply_many(actor, comments, action, reason, effect=effect,
                                   queryset=Comment.objects.select_related("news", "user"))
    if not comments:
        raise InvalidInput("nothing_chosen", "هیچ نظری برگزیده نشده است.", "No comment is chosen.", field="comments")
    return comments
