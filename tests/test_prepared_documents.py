"""Documents prepared by the task worker (network/reports.py): asked for on the report pages, typeset once in the
reader's language, downloadable by the person who asked only, announced by a notification."""

import pytest
from django.urls import reverse

from kalanshahr.network import reports
from kalanshahr.network.models import Notification, ReportFile

COMPANY = "tehran-industries-jobs-company"
PERIOD_REPORT = {"kind": "strategy.period_report", "organization": COMPANY, "period": "1404-06"}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def test_a_period_report_is_prepared_and_downloaded_by_its_reader(client_for, users):
    client = client_for("tehran_editor")
    response = client.post(reverse("network:report_request"), PERIOD_REPORT)
    report = ReportFile.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("network:report", args=[report.pk])
    assert (report.status, report.language, report.params) == ("done", "fa", {"organization": COMPANY,
                                                                             "period": "1404-06"})
    page = client.get(response["Location"]).content.decode()
    assert reverse("network:report_file", args=[report.pk]) in page and "hx-get" not in page
    download = client.get(reverse("network:report_file", args=[report.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Disposition"].startswith("attachment")
    note = Notification.objects.get(user=users["tehran_editor"], url=reverse("network:report", args=[report.pk]))
    assert note.params["title"] == report.title and note.message == "Your document “%(title)s” is ready."
    for other in ("mashhad_editor", "secretariat"):
        assert client_for(other).get(reverse("network:report", args=[report.pk])).status_code == 404
        assert client_for(other).get(reverse("network:report_file", args=[report.pk])).status_code == 404


def test_a_document_is_typeset_once(users):
    report = reports.request_report(users["tehran_editor"], "meetings.closing_report",
                                    {"series": "financial-administrative-deputies", "number": "30"}, "en")
    name = report.file.name
    reports.make_report.call(str(report.pk))  # delivered again
    report.refresh_from_db()
    assert report.status == "done" and report.file.name == name and report.title.startswith("Closing report")
    assert Notification.objects.filter(url=reverse("network:report", args=[report.pk])).count() == 1


def test_waiting_the_page_polls_and_there_is_no_file_yet(client_for, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for("tehran_editor")
    client.post(reverse("network:report_request"), PERIOD_REPORT)
    report = ReportFile.objects.get()
    assert report.status == "queued"
    page = client.get(reverse("network:report", args=[report.pk])).content.decode()
    assert f'hx-get="{reverse("network:report", args=[report.pk])}"' in page
    assert client.get(reverse("network:report_file", args=[report.pk])).status_code == 404


@pytest.mark.parametrize("fields, message", [
    ({"kind": "no.such.report"}, "گزارشی از نوع"),
    ({**PERIOD_REPORT, "period": "1404-13"}, "برای این دوره معتبر نیست"),
])
def test_a_bad_request_is_refused_and_queues_nothing(client_for, fields, message):
    response = client_for("tehran_editor").post(reverse("network:report_request"), fields, follow=True)
    assert message in response.content.decode() and not ReportFile.objects.exists()


def test_a_missing_meeting_is_not_found(client_for):
    response = client_for("tehran_editor").post(reverse("network:report_request"), {
        "kind": "meetings.closing_report", "series": "financial-administrative-deputies", "number": "x"})
    assert response.status_code == 404 and not ReportFile.objects.exists()


def test_the_report_pages_offer_it(client_for):
    client = client_for("tehran_editor")
    for url in (reverse("strategy:report", args=[COMPANY]) + "?period=1404-06",
                reverse("meetings:meeting_report", args=["financial-administrative-deputies", 30])):
        page = client.get(url).content.decode()
        assert reverse("network:report_request") in page
