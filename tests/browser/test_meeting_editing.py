"""Journey: the secretariat creates meeting 32 (series preselected, number suggested, every city ticked at once,
dates from the picker), corrects it, and deletes it after confirming; in Persian on a desktop, in English on a
375 px phone. Each page passes axe with no violation."""

import pytest

from kalanshahr.meetings.models import Meeting
from kalanshahr.network.models import AuditEvent, Municipality

from .conftest import PHONE, pick_city
from .test_accessibility import axe_violations
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser

WORDS = {
    "fa": {"new": "نشست تازه", "save": "ذخیره", "all": "انتخاب همه", "none": "برداشتن همه", "edit": "ویرایش نشست",
           "delete": "حذف نشست", "yes": "بله، حذف شود", "next": "ماه بعد"},
    "en": {"new": "New meeting", "save": "Save", "all": "Select all", "none": "Clear all", "edit": "Edit the meeting",
           "delete": "Delete the meeting", "yes": "Yes, delete it", "next": "Next month"},
}


def _pick(page, box, day_label):
    field = page.locator(".field", has=page.locator(box))
    field.locator(".date-picker-toggle").click()
    field.get_by_role("dialog").get_by_role("button", name=day_label, exact=True).click()


@pytest.mark.parametrize("language", ["fa", "en"])
def test_create_edit_and_delete_a_meeting(live_demo, page, screenshot, language):
    words, prefix = WORDS[language], "" if language == "fa" else "/en"
    meeting = Meeting.objects.get(number=30)
    sign_in(page, "secretariat")
    if language == "en":
        page.set_viewport_size(PHONE)
    page.goto(prefix + "/meetings/")
    page.get_by_role("link", name=words["new"], exact=True).click()

    assert page.locator("#id_series").input_value() == str(meeting.series_id), "the only series is preselected"
    assert page.locator("#id_number").input_value() == "32", "the next number is suggested (the demo's 31 is coming)"
    pick_city(page, "#id_host", Municipality.objects.get(slug="mashhad").name_fa if language == "fa" else "Mashhad")
    page.locator("#id_starts_on").fill("1405/10/01")
    _pick(page, "#id_starts_on", "۳ دی ۱۴۰۵" if language == "fa" else "3 Dey 1405")
    page.locator("#id_ends_on").fill("1405/10/01")
    _pick(page, "#id_ends_on", "۴ دی ۱۴۰۵" if language == "fa" else "4 Dey 1405")
    assert page.locator("#id_starts_on").input_value() == "1405/10/03"
    page.get_by_role("button", name=words["all"]).click()
    boxes = page.locator("fieldset.choices input[type=checkbox]")
    assert boxes.count() >= 14 and all(box.is_checked() for box in boxes.all())
    screenshot(page, f"meeting-new-{language}-{'desktop' if language == 'fa' else 'phone'}")
    assert axe_violations(page) == []
    page.get_by_role("button", name=words["save"], exact=True).click()

    page.wait_for_url(f"**{prefix}/meetings/{meeting.series.slug}/32/")
    created = Meeting.objects.get(series=meeting.series, number=32)
    assert str(created.starts_on) == "2026-12-24" and created.participants.count() == Municipality.objects.count()
    assert AuditEvent.objects.filter(action="meetings.meeting.create", target_id=str(created.pk)).exists()

    page.get_by_role("link", name=words["edit"]).click()
    assert page.locator("#id_ends_on").input_value() == "1405/10/04"
    page.get_by_role("button", name=words["none"]).click()
    page.locator("fieldset.choices label", has_text="تبریز" if language == "fa" else "Tabriz").locator("input").check()
    page.locator("#id_summary").fill("نشست سی‌ویکم در مشهد")
    screenshot(page, f"meeting-edit-{language}-{'desktop' if language == 'fa' else 'phone'}")
    assert axe_violations(page) == []
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.wait_for_url(f"**{prefix}/meetings/{meeting.series.slug}/32/")
    created.refresh_from_db()
    assert created.summary == "نشست سی‌ویکم در مشهد"
    assert set(created.participants.values_list("slug", flat=True)) == {"tabriz", "mashhad"}
    assert AuditEvent.objects.get(action="meetings.meeting.update", target_id=str(created.pk)).changes["summary"]

    confirm = page.locator("details.delete-meeting")
    confirm.locator("summary").click()
    screenshot(page, f"meeting-delete-confirm-{language}-{'desktop' if language == 'fa' else 'phone'}")
    assert axe_violations(page) == []
    confirm.get_by_role("button", name=words["yes"]).click()
    page.wait_for_url(f"**{prefix}/meetings/")
    assert not Meeting.objects.filter(pk=created.pk).exists()
    assert AuditEvent.objects.filter(action="meetings.meeting.delete", target_id=str(created.pk)).exists()
    assert page.locator(".messages").inner_text().strip()

    # Meeting 30 has decided resolutions: it offers no delete at all.
    page.goto(f"{prefix}/meetings/{meeting.series.slug}/30/")
    assert page.locator("details.delete-meeting").count() == 0
