"""The pages of this round, looked at in Chromium: the public home page, the notifications, the idea's status page
and the expert's scored review with its confirmation. Each in Persian and English, desktop and a 375 px phone,
with no axe-core violation of any impact, and a screenshot in test-artifacts/screenshots/."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from kalanshahr.ideas.models import Idea, Review
from kalanshahr.lib.persian import persian_digits
from kalanshahr.network.models import Notification

from .conftest import DESKTOP, PHONE
from .test_accessibility import axe_violations
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser


def _look(page, screenshot, name, path):
    """Opens `path` in both languages and sizes, checks axe and that nothing spills sideways on the phone."""
    for prefix in ("", "/en"):
        for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.goto(prefix + path)
            screenshot(page, f"{name}-{prefix.strip('/') or 'fa'}-{size_name}")
            assert axe_violations(page) == [], f"{name} {prefix or '/fa'} {size_name}"
            if size is PHONE:
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (name, prefix)
    page.set_viewport_size(DESKTOP)


def test_the_home_page_leads_with_news_meetings_figures_and_search(live_demo, page, screenshot):
    _look(page, screenshot, "home-page", "/")
    page.goto("/")
    assert page.locator(".figure").count() >= 2
    page.get_by_role("searchbox").fill("تبریز")
    page.get_by_role("search").get_by_role("button", name="جست‌وجو").click()
    # The address changes when the navigation commits, before the results page is parsed: wait for the results.
    page.wait_for_url("**/search/?q=%D8%AA%D8%A8%D8%B1%DB%8C%D8%B2")
    expect(page.locator(".search-results li").first).to_be_visible()


def test_notifications_show_unread_on_the_menu_and_open_where_the_work_is(live_demo, page, screenshot):
    authority = get_user_model().objects.get(username="authority")
    unread = Notification.objects.filter(user=authority, read_at=None).count()
    assert unread, "the demo's submitted resolutions notified the authority"
    sign_in(page, "authority")
    badge = page.locator(".main-nav .unread-badge")
    badge.wait_for(state="visible")
    assert badge.inner_text() == persian_digits(unread)
    _look(page, screenshot, "notifications", "/notifications/")

    page.goto("/notifications/")
    assert page.locator(".notification.unread").count() == min(unread, 30)
    page.locator(".notification.unread .link-button").first.click()
    assert "/resolutions/" in page.url
    assert Notification.objects.filter(user=authority, read_at=None).count() == unread - 1
    page.goto("/notifications/")
    page.get_by_role("button", name="علامت‌گذاری").click()
    assert page.get_by_role("status").inner_text().strip().endswith("علامت خوردند.")
    assert page.locator(".notification.unread").count() == 0
    assert not page.locator(".main-nav .unread-badge").is_visible()


def test_a_submitter_follows_their_idea_by_its_tracking_number(live_demo, page, screenshot):
    idea = Idea.objects.public().order_by("pk").first()
    _look(page, screenshot, "idea-track", f"/ideas/track/?number={idea.tracking_number}")
    page.goto("/ideas/track/")
    page.get_by_label("شماره‌ی پیگیری").fill(persian_digits(idea.tracking_number.lower()))
    page.get_by_role("button", name="نمایش وضعیت").click()
    assert page.locator("#tracked-heading").inner_text() == idea.title
    page.goto("/en/ideas/track/?number=AAAA-AAAA")
    assert page.get_by_text("No idea has this tracking number").is_visible()


def test_the_expert_scores_on_a_scale_that_says_what_each_score_means(live_demo, page, screenshot):
    review = Review.objects.get(expert__username="expert2", submitted_at__isnull=True)
    sign_in(page, "expert2")
    _look(page, screenshot, "review-scale", f"/ideas/reviews/{review.pk}/")
    page.goto(f"/ideas/reviews/{review.pk}/")
    scale = page.get_by_role("group", name="شدنی بودن")
    assert scale.get_by_role("radio").count() == 5
    assert scale.get_by_text("۳ — پذیرفتنی").is_visible()
    for name in ("alignment", "feasibility", "cost", "impact", "novelty"):
        page.locator(f'input[name="{name}"][value="4"]').check()
    page.get_by_role("button", name="بررسی و فرستادن").click()
    assert page.locator("h1").inner_text() == "داوری خود را تأیید کنید"
    assert axe_violations(page) == []
    screenshot(page, "review-confirm-fa-desktop")
    page.get_by_role("button", name="تغییر امتیازها").click()
    assert page.locator('input[name="cost"][value="4"]').is_checked()
    review.refresh_from_db()
    assert review.submitted_at is None  # nothing counted until confirmed


def test_the_captcha_is_large_renewable_and_said_in_words(live_demo, page, screenshot):
    from captcha.models import CaptchaStore

    from kalanshahr.lib.captcha import spoken

    for prefix in ("", "/en"):
        page.goto(prefix + "/ideas/new/")
        image = page.locator("img.captcha")
        assert image.bounding_box()["height"] >= 60  # readable without zooming
        key = page.locator('input[name="captcha_0"]').input_value()
        described = page.locator('input[name="captcha_1"]').get_attribute("aria-describedby")
        page.get_by_role("button", name="پرسش دیگر" if not prefix else "Another sum").click()
        expect(page.locator('input[name="captcha_0"]')).not_to_have_value(key)
        new_key = page.locator('input[name="captcha_0"]').input_value()
        assert new_key in image.get_attribute("src")
        with translation.override("en" if prefix else "fa"):
            assert page.locator(f"#{described}").inner_text() == spoken(CaptchaStore.objects.get(hashkey=new_key).challenge)
        assert page.evaluate("document.activeElement.name") == "captcha_1"
        assert axe_violations(page) == []
        screenshot(page, f"captcha-{prefix.strip('/') or 'fa'}-desktop")


def test_the_chart_pages_read_at_a_glance(live_demo, page, screenshot):
    _look(page, screenshot, "satisfaction-chart", "/satisfaction/")
    page.goto("/satisfaction/")
    bar = page.locator(".bar-chart").first.bounding_box()
    cell = page.locator(".bar-cell").first.bounding_box()
    assert bar["x"] + bar["width"] >= cell["x"] + cell["width"] - 16, "in Persian the bars start at the right"
    sign_in(page, "tehran_editor")
    for name, path in (("board-sparklines", "/monitoring/board/"), ("profile-position", "/benchmarking/cities/tehran/"),
                       ("compare-own-city", "/benchmarking/?indicator=NET-SAT-01")):
        _look(page, screenshot, name, path)


def test_the_reworked_workspace_and_report_pages_have_no_violation(live_demo, page, screenshot):
    from kalanshahr.meetings.models import Meeting

    meeting = Meeting.objects.get(number=30)
    report = f"/meetings/{meeting.series.slug}/{meeting.number}/report/"
    _look(page, screenshot, "closing-report-public", report)
    sign_in(page, "secretariat")
    for name, path in (("closing-report", report), ("my-tasks-secretariat", "/my-tasks/"),
                       ("adoption-matrix", "/adoptions/"), ("period-report", "/monitoring/tehran-urban-services/report/")):
        _look(page, screenshot, name, path)
