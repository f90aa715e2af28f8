"""In English pages, text that people wrote (mostly Persian) takes its own direction: every block of it carries
dir="auto", so its punctuation stays in place inside the left-to-right page."""

import re

import pytest

from kalanshahr.ideas.models import Idea
from kalanshahr.meetings.models import Resolution
from kalanshahr.portal.models import News

BLOCKS = re.compile(r'<(?:p|div|dd|h1)\b[^>]*class="(?:resolution-text|news-body|comment-text|comment)"[^>]*>')


@pytest.mark.parametrize("page", ["resolution", "news", "idea"])
def test_user_text_blocks_take_their_own_direction_in_english(client_for, page):
    client = client_for("secretariat")
    url = {"resolution": lambda: Resolution.objects.get(code="30-ADM-01").get_absolute_url(),
           "news": lambda: News.objects.published().order_by("code").first().get_absolute_url(),
           "idea": lambda: Idea.objects.public().order_by("pk").first().get_absolute_url()}[page]()
    html = client.get("/en" + url).content.decode()
    assert '<h1 dir="auto">' in html or page == "resolution"
    blocks = BLOCKS.findall(html)
    assert all('dir="auto"' in block for block in blocks), blocks
    assert re.search(r'<p dir="auto">|<p class="[^"]+" dir="auto">|<div class="news-body" dir="auto">', html)
