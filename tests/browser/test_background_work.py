"""Work the task worker does, watched in Chromium: a large import's page polls through htmx until the worker has
imported the file, and a prepared PDF's page until the document is ready. Persian and English, desktop and a
375 px phone, no axe-core violation, screenshots in test-artifacts/screenshots/."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from kalanshahr.lib import dbrouter
from kalanshahr.strategy.models import ImportJob, Indicator

from .test_new_pages import _look
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser
COMPANY = "tehran-industries-jobs-company"


@pytest.fixture
def queued_tasks(settings, tmp_path):
    """Tasks wait in the database until the test runs the worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.IMPORT_BACKGROUND_BYTES = 200
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    yield
    dbrouter.pin_to_primary(False)


def run_worker(page, pattern):
    """Runs the waiting tasks while the page's polls are held back: the suite's in-memory SQLite database, shared
    between this thread and the live server's, refuses a read of a table another connection is writing. The page
    keeps asking every two seconds, and its next ask after the worker gets the outcome."""
    page.route(pattern, lambda route: route.abort())
    page.wait_for_timeout(300)  # a poll already under way ends first
    call_command("run_worker", "--batch", verbosity=0)
    page.unroute(pattern)


def test_a_large_import_shows_its_progress_then_its_outcome(live_demo, page, screenshot, queued_tasks, tmp_path):
    code = Indicator.objects.filter(frequency="month").order_by("code").first().code
    rows = [f"{code},tehran,,{1300 + n // 12}-{n % 12 + 1:02},{n}" for n in range(30)]
    upload = tmp_path / "values.csv"
    upload.write_text("indicator,municipality,organization,period,value\n" + "\n".join(rows) + "\n")
    sign_in(page, "tehran_editor")
    page.goto("/monitoring/import/")
    page.get_by_label("پرونده‌ی CSV یا XLSX").set_input_files(str(upload))
    page.get_by_role("button", name="بررسی پرونده").click()
    job = ImportJob.objects.get()
    assert page.url.endswith(f"/monitoring/import/{job.pk}/")
    assert "در نوبت پردازش" in page.get_by_role("status").inner_text()
    _look(page, screenshot, "import-job-waiting", f"/monitoring/import/{job.pk}/")
    page.goto(f"/monitoring/import/{job.pk}/")
    run_worker(page, "**/monitoring/import/**")
    page.get_by_text("۳۰ ردیف وارد شد").wait_for(timeout=10_000)  # htmx asked again, and the outcome came
    _look(page, screenshot, "import-job-done", f"/monitoring/import/{job.pk}/")


def test_a_prepared_document_is_offered_for_download_when_ready(live_demo, page, screenshot, queued_tasks):
    sign_in(page, "tehran_editor")
    page.goto(f"/monitoring/{COMPANY}/report/?period=1404-06")
    page.get_by_role("button", name="آماده‌سازی PDF در پس‌زمینه").click()
    assert "/prepared-documents/" in page.url and "در حال آماده‌سازی" in page.locator("#prepared-document").inner_text()
    report_url = urlsplit(page.url).path
    _look(page, screenshot, "prepared-document-waiting", report_url)
    page.goto(report_url)
    run_worker(page, "**/prepared-documents/**")
    link = page.get_by_role("link", name="دریافت PDF")
    link.wait_for(timeout=15_000)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"period-report-{COMPANY}-1404-06.pdf"
    _look(page, screenshot, "prepared-document-ready", report_url)
