import datetime

import pytest
from django.utils import timezone

from kalanshahr.portal import services
from kalanshahr.network.access import SYSTEM


@pytest.fixture
def publish(demo):
    """publish(title, body, **links) writes and publishes a news item as the secretariat."""

    def make(title="خبر آزمایشی", body="<p>متن آزمایشی خبر درباره‌ی شهرداری‌ها</p>", lead="لید خبر", **values):
        values.setdefault("published_at", timezone.now() - datetime.timedelta(minutes=1))
        return services.create_news(SYSTEM, title=title, lead=lead, body=body, **values)

    return make
