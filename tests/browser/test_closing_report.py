"""Journey: the secretariat opens meeting 30's closing report, prints it or downloads it as a PDF.

The PDF is read back with pdftotext: it names the adopted resolutions, every working group and every participating
city in Persian, lists drafts and withdrawn texts apart, and carries no "sample data" badge. pdftoppm renders its
first page as a screenshot artifact, in Persian and English.
"""

import subprocess

import pytest

from kalanshahr.meetings.models import Meeting, ResolutionState
from kalanshahr.meetings.reports import NOT_ADOPTED

from ..pdf_text import comparable, pdf_text
from .conftest import ARTIFACTS, PHONE
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser


def _opening(text):
    """The first words of a text: pdftotext reads a wrapped table cell's later lines after the next columns."""
    return " ".join(text.split()[:3])


def _download_pdf(page, link_name):
    link = page.get_by_role("link", name=link_name)
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    return response.body()


def _first_page_screenshot(content, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-", str(ARTIFACTS / name)],
                   input=content, check=True)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000


def test_the_closing_report_is_a_persian_pdf_with_every_group_resolution_and_city(live_demo, page, screenshot):
    meeting = Meeting.objects.get(number=30)
    resolutions = list(meeting.resolutions.select_related("working_group"))
    adopted = [r for r in resolutions if r.state not in NOT_ADOPTED]
    assert adopted and meeting.is_sample_data

    sign_in(page, "secretariat")
    page.goto(f"/meetings/{meeting.series.slug}/{meeting.number}/report/")
    screenshot(page, "closing-report-fa-desktop")
    content = _download_pdf(page, "دریافت PDF")
    text = comparable(pdf_text(content))

    assert comparable(f"گزارش پایانی نشست ۳۰ از {meeting.series.name_fa}") in text
    assert comparable(f"میزبان: {meeting.host.name_fa}") in text
    for city in meeting.participants.all():
        assert comparable(city.name_fa) in text, city.slug
    for group in meeting.series.working_groups.all():
        assert comparable(group.name_fa) in text
    for resolution in adopted:
        assert resolution.code in text
        assert comparable(_opening(resolution.text)) in text, resolution.code
    for commitment in meeting.commitments.all():
        assert comparable(_opening(commitment.title)) in text
    assert comparable("پذیرش مصوبات تأییدشده") in text
    assert "نمونه" not in text, "the printed report carries no sample-data badge"
    _first_page_screenshot(content, "closing-report-pdf-fa-page1")

    page.goto(f"/en/meetings/{meeting.series.slug}/{meeting.number}/report/")
    english = pdf_text(_download_pdf(page, "Download PDF"))
    assert f"Closing report of meeting 30 of {meeting.series.name_en}" in " ".join(english.split())
    assert all(r.code in english for r in adopted)
    _first_page_screenshot(_download_pdf(page, "Download PDF"), "closing-report-pdf-en-page1")
    page.set_viewport_size(PHONE)
    screenshot(page, "closing-report-en-phone")


def test_drafts_and_withdrawn_texts_are_listed_apart_and_the_public_reads_approved_ones_only(live_demo, page):
    meeting = Meeting.objects.get(number=30)
    draft = meeting.resolutions.filter(state=ResolutionState.APPROVED).first()
    page.goto(f"/meetings/{meeting.series.slug}/{meeting.number}/report/")
    public = comparable(pdf_text(_download_pdf(page, "دریافت PDF")))
    for resolution in meeting.resolutions.all():
        assert (resolution.code in public) == (resolution.state == ResolutionState.APPROVED), resolution.code
    assert comparable("تعهدات") not in public, "commitments are for signed-in readers"

    meeting.resolutions.filter(pk=draft.pk).update(state=ResolutionState.WITHDRAWN)
    sign_in(page, "secretariat")
    page.goto(f"/meetings/{meeting.series.slug}/{meeting.number}/report/")
    text = comparable(pdf_text(_download_pdf(page, "دریافت PDF")))
    apart = text.index(comparable("متن‌های تصویب‌نشده (پیش‌نویس و پس‌گرفته)"))
    assert text.index(draft.code) > apart, "a withdrawn text is listed after the adopted ones, under its own heading"
