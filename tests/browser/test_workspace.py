"""Journey: the verifier, the data-entry user, the authority and the moderator sign in and land on their own page,
which lists what waits for each of them with the right counts, also on the menu's badge; on a phone the menu
folds behind its button. Persian and English, desktop and 375 px."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from kalanshahr.lib.persian import persian_digits
from kalanshahr.workspace import tasks

from .conftest import PHONE
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser

PEOPLE = [
    ("tehran_verifier", "verify"),
    ("tehran_editor", "adoptions"),
    ("authority", "decisions"),
    ("moderator", "comments-waiting"),
]


def _expected(username):
    user = get_user_model().objects.get(username=username)
    sections = tasks.sections(user, timezone.localdate(), rows=False)
    return ({s.key: s.count for s in sections if s.count and s.key != "requests-sent"},
            tasks.total(user, timezone.localdate()))


@pytest.mark.parametrize("username,must_have", PEOPLE)
def test_each_person_lands_on_what_waits_for_them(live_demo, page, screenshot, username, must_have):
    expected, total = _expected(username)
    assert expected.get(must_have), f"the demo gives {username} something under {must_have}"

    sign_in(page, username)
    assert page.url.endswith("/my-tasks/"), "signing in lands on the person's own page"
    shown = {}
    for link in page.locator(".task-summary a").all():
        key = link.get_attribute("href").lstrip("#")
        shown[key] = link.locator(".task-count").inner_text()
        assert page.locator(f"section#{key}").count() == 1, key  # each count leads to its section
    assert shown == {key: persian_digits(count) for key, count in expected.items()}
    badge = page.locator(".main-nav .task-badge")
    badge.wait_for(state="visible")
    assert badge.inner_text() == persian_digits(total)
    screenshot(page, f"workspace-{username}-fa-desktop")

    page.goto("/en/my-tasks/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert {link.get_attribute("href").lstrip("#"): link.locator(".task-count").inner_text()
            for link in page.locator(".task-summary a").all()} == {k: str(v) for k, v in expected.items()}
    page.locator(".main-nav .task-badge").wait_for(state="visible")
    assert page.locator(".main-nav .task-badge").inner_text() == f"{total:,}"
    screenshot(page, f"workspace-{username}-en-desktop")


def test_on_a_phone_the_menu_folds_behind_its_button(live_demo, page, screenshot):
    sign_in(page, "moderator")
    page.set_viewport_size(PHONE)
    for prefix, label in (("", "منو"), ("/en", "Menu")):
        page.goto(prefix + "/my-tasks/")
        toggle = page.get_by_role("button", name=label)
        nav = page.locator("#main-nav")
        assert toggle.is_visible() and not nav.is_visible()
        assert toggle.get_attribute("aria-expanded") == "false"
        screenshot(page, f"workspace-moderator-{prefix.strip('/') or 'fa'}-phone")
        toggle.click()
        assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
        page.locator("#main-nav .task-badge").wait_for(state="visible")  # filled in by a request of its own
        screenshot(page, f"workspace-moderator-{prefix.strip('/') or 'fa'}-phone-menu")
        nav.get_by_role("link", name="Search" if prefix else "جست‌وجو").click()
        assert page.url.endswith("/search/")
