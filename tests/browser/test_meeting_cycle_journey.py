"""Journey: the whole cycle of meeting 31. Mashhad proposes a topic; the secretariat accepts it into the revenue
group's agenda, names Mashhad's deputy, records their attendance, drafts the resolution and adopts it with the
cities' vote, which issues its letter; the authority approves; Mashhad records its adoption; at meeting 32 the
follow-up report lists the resolution with Mashhad's adoption. The new pages have no axe-core violation."""

import pytest

from kalanshahr.lib.persian import persian_digits
from kalanshahr.meetings import services
from kalanshahr.meetings.models import AgendaProposal, Attendance, Letter, Meeting, Resolution
from kalanshahr.network.access import SYSTEM

from .conftest import DESKTOP, PHONE, pick_city
from .test_accessibility import axe_violations
from .test_resolution_journey import sign_in, sign_out

pytestmark = pytest.mark.browser

MEETING_31 = "/meetings/financial-administrative-deputies/31/"
TOPIC = "یکسان‌سازی صورت‌حساب عوارض نوسازی"


def test_meeting_31_from_a_citys_proposal_to_the_next_meetings_follow_up(page, live_demo, screenshot):
    sign_in(page, "mashhad_editor")
    page.goto(MEETING_31)
    page.get_by_role("link", name="پیشنهادهای دستور کار").click()
    page.get_by_role("link", name="پیشنهاد موضوع").click()
    page.get_by_label("کارگروه").select_option(label="کارگروه درآمد")
    page.get_by_label("موضوع").fill(TOPIC)
    page.get_by_label("مسئله").fill("هر کلانشهر صورت‌حساب عوارض نوسازی را با قالب خود صادر می‌کند.")
    page.get_by_label("راه‌حل پیشنهادی").fill("کارگروه درآمد یک قالب مشترک برای همه‌ی کلانشهرها پیشنهاد کند.")
    screenshot(page, "proposal-form-fa")
    page.get_by_role("button", name="فرستادن پیشنهاد").click()
    assert page.get_by_text("پیشنهاد شما برای دبیرخانه فرستاده شد.").is_visible()
    sign_out(page)

    sign_in(page, "secretariat")
    page.goto(MEETING_31 + "proposals/")
    page.get_by_role("link", name=TOPIC).click()
    screenshot(page, "proposal-decision-fa")
    page.get_by_label("در دستور کارِ").select_option(label="کارگروه درآمد")
    page.get_by_role("button", name="پذیرش در دستور کار").click()
    assert page.locator("[data-state]").inner_text() == "پذیرفته در دستور کار"
    proposal = AgendaProposal.objects.get(title=TOPIC)
    assert proposal.agenda_item.working_group.code == "REV"

    page.goto(MEETING_31 + "attendance/")
    pick_city(page, "#id_invite-municipality", "مشهد")
    page.get_by_label("سمت").fill("معاون مالی و اداری شهرداری مشهد")
    page.get_by_role("button", name="دعوت", exact=True).click()
    page.locator("#id_record-working_group").select_option(label="کارگروه درآمد")
    page.get_by_label("مشهد · معاون مالی و اداری شهرداری مشهد").check()
    page.get_by_role("button", name="ذخیره‌ی حضور").click()
    assert page.get_by_text("حضور ثبت شد.").is_visible()
    assert Attendance.objects.filter(attendee__meeting__number=31, working_group__code="REV").count() == 1
    screenshot(page, "attendance-fa")

    page.goto(MEETING_31)
    page.locator("li", has_text=TOPIC).get_by_role("link", name="نوشتن مصوبه").click()
    page.get_by_label("متن مصوبه").fill("صورت‌حساب عوارض نوسازی در همه‌ی کلانشهرها با یک قالب مشترک صادر شود.")
    page.get_by_label("مرجع ذی‌صلاح").select_option(label="سازمان شهرداری‌ها و دهیاری‌های کشور")
    page.get_by_role("button", name="ذخیره").click()
    resolution = Resolution.objects.get(agenda_item=proposal.agenda_item)
    page.get_by_role("link", name="تصویب در کارگروه", exact=True).click()
    for city, choice in (("مشهد", "for"), ("تهران", "for"), ("تبریز", "for"), ("زاهدان", "against"), ("قم", "abstain")):
        page.get_by_label(city, exact=True).select_option(choice)
    screenshot(page, "adopt-with-vote-fa")
    page.get_by_role("button", name="تصویب در کارگروه", exact=True).click()
    assert "موافق: ۳ · مخالف: ۱ · ممتنع: ۱" in page.locator("main").inner_text()
    page.get_by_role("link", name="ارسال به مرجع ذی‌صلاح", exact=True).click()
    page.get_by_role("button", name="ارسال به مرجع ذی‌صلاح", exact=True).click()
    letter = Letter.objects.get(resolution=resolution)
    link = page.get_by_role("link", name=f"نامه‌ی {persian_digits(letter.number)}")
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    sign_out(page)

    sign_in(page, "authority")
    page.goto("/my-tasks/")
    page.get_by_role("link", name=resolution.code).click()
    page.get_by_role("link", name="تصویب", exact=True).click()
    page.get_by_role("button", name="تصویب", exact=True).click()
    sign_out(page)

    sign_in(page, "mashhad_editor")
    page.goto(resolution.get_absolute_url())
    page.locator("tr", has_text="مشهد").get_by_role("link").first.click()
    page.get_by_label("وضعیت").select_option("in_progress")
    page.get_by_role("button", name="ذخیره").click()
    sign_out(page)

    meeting_31 = Meeting.objects.get(number=31)
    services.create_meeting(SYSTEM, meeting_31.series, number=32, host=meeting_31.host,
                            starts_on=meeting_31.ends_on.replace(year=meeting_31.ends_on.year + 1),
                            ends_on=meeting_31.ends_on.replace(year=meeting_31.ends_on.year + 1),
                            participants=list(meeting_31.participants.all()))
    sign_in(page, "secretariat")
    page.goto("/meetings/financial-administrative-deputies/32/")
    page.get_by_role("link", name="پیگیری مصوبه‌های پیشین").click()
    row = page.locator(f'tr[data-resolution="{resolution.code}"]')
    assert "تصویب‌شده" in row.inner_text()
    assert row.locator('[data-city="mashhad"]').count() == 0, "Mashhad has reported: it is not among the silent"
    assert row.locator('[data-city="tehran"]').count() == 1
    screenshot(page, "follow-up-fa")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_cycle_pages_have_no_violation(page, live_demo, screenshot, prefix):
    sign_in(page, "secretariat")
    proposal = AgendaProposal.objects.filter(meeting__number=31, state="submitted").first()
    pages = (("proposals", MEETING_31 + "proposals/"), ("proposal", proposal.get_absolute_url()),
             ("attendance", "/meetings/financial-administrative-deputies/30/attendance/"),
             ("minutes", "/meetings/financial-administrative-deputies/30/minutes/REV/"),
             ("follow-up", MEETING_31 + "follow-up/"), ("calendars", "/calendar/"))
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        for name, path in pages:
            page.goto(prefix + path)
            screenshot(page, f"cycle-{name}-{prefix.strip('/') or 'fa'}-{size_name}")
            assert axe_violations(page) == [], f"{name} {prefix or '/fa'} {size_name}"
            if size is PHONE:
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (name, prefix)
