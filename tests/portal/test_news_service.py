"""The news form's intent (write the item, set its publication) is one service call: portal.services.save_news."""

import datetime

from django.utils import timezone

from kalanshahr.network.models import AuditEvent
from kalanshahr.portal import services
from kalanshahr.portal.models import News

VALUES = {"title": "خبر آزمایشی زمان‌بندی", "lead": "لید", "body": "<p>متن</p>"}


def test_save_news_creates_schedules_republishes_and_unpublishes(users):
    secretariat = users["secretariat"]
    later = timezone.now() + datetime.timedelta(days=3)
    news = services.save_news(secretariat, publish="later", at=later, **VALUES)
    assert News.objects.get(pk=news.pk).published_at == later and news.state == "scheduled"
    news = services.save_news(secretariat, news, publish="now", **VALUES)
    assert news.state == "published"
    first_published = news.published_at
    news = services.save_news(secretariat, news, publish="now", **{**VALUES, "lead": "لید تازه"})
    assert news.published_at == first_published, "an edit of a published item keeps its publish time"
    news = services.save_news(secretariat, news, publish="draft", **VALUES)
    assert News.objects.get(pk=news.pk).published_at is None
    actions = list(AuditEvent.objects.filter(target_id=news.pk, action__startswith="portal.news.")
                   .order_by("pk").values_list("action", flat=True))
    assert actions[0] == "portal.news.create" and actions[-1] == "portal.news.unpublish"
