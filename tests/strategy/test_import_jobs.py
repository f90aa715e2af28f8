"""Background imports (strategy/imports.py): a large file becomes a job for the task worker; the page and the API
show its progress and outcome; it is imported exactly once, all or nothing, even when its worker dies half way.

The suite's task backend runs a task as soon as it is enqueued; the multi-node test (tests/test_multinode.py)
runs the same job on a real worker that is killed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kalanshahr.network.models import AuditEvent
from kalanshahr.strategy import imports
from kalanshahr.strategy.models import ImportJob, Measurement

COMPANY = "tehran-industries-jobs-company"
HEADER = "کد شاخص,شهرداری,سازمان,دوره,مقدار,صورت,مخرج,یادداشت\n"


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.IMPORT_BACKGROUND_BYTES = 200
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def indicator(make_indicator):
    """T-JOB0, T-JOB1, T-JOB2: 2,400 months (1300 to 1499) each."""
    return [make_indicator(f"T-JOB{n}") for n in range(3)]


def months(count, bad_row=None):
    """A file of `count` monthly values for Tehran's company; row `bad_row` (file line) has no value."""
    lines = [HEADER]
    for index in range(count):
        code, month = divmod(index, 2400)
        year, month = divmod(month, 12)
        value = "" if index + 2 == bad_row else str(index)
        lines.append(f"T-JOB{code},tehran,{COMPANY},{1300 + year}-{month + 1:02},{value},,,\n")
    return "".join(lines).encode()


def upload(content, name="values.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def job_values():
    return Measurement.objects.filter(indicator__code__startswith="T-JOB").count()


def test_a_large_upload_becomes_a_job_whose_page_shows_the_outcome(indicator, client_for, tmp_path,
                                                                   django_capture_on_commit_callbacks):
    client = client_for("tehran_editor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("strategy:import"), {"file": upload(months(30))})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("strategy:import_job", args=[job.pk])
    assert (job.status, job.rows, job.created_count, job.batch.created_count) == ("done", 30, 30, 30)
    assert job_values() == 30 and job.task_id
    assert not list((tmp_path / "imports").iterdir())  # the upload and its progress are gone once imported
    page = client.get(response["Location"]).content.decode()
    assert "۳۰ ردیف وارد شد" in page and "hx-get" not in page  # finished: the page stops asking
    listing = client.get(reverse("strategy:import")).content.decode()
    assert "values.csv" in listing and reverse("strategy:import_job", args=[job.pk]) in listing
    actions = list(AuditEvent.objects.filter(target_id=str(job.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["strategy.import.finish", "strategy.import.queue"]


def test_a_small_upload_keeps_the_preview_and_confirmation(indicator, client_for):
    response = client_for("tehran_editor").post(reverse("strategy:import"), {"file": upload(months(1))})
    assert response.status_code == 200 and not ImportJob.objects.exists() and not job_values()


def test_a_bad_row_fails_the_job_and_writes_nothing(indicator, client_for):
    client = client_for("tehran_editor")
    response = client.post(reverse("strategy:import"), {"file": upload(months(40, bad_row=25))})
    job = ImportJob.objects.get()
    assert (job.status, job.error_count, job.created_count, job.batch) == ("failed", 1, 0, None)
    assert job.errors == [[25, "value", "مقدار خالی است.", "The value is empty."]] and not job_values()
    page = client.get(response["Location"]).content.decode()
    assert "مقدار خالی است" in page and "چیزی نوشته نشد" in page


def test_check_only_writes_nothing(indicator, client_for):
    client_for("tehran_editor").post(reverse("strategy:import"), {"file": upload(months(30)), "check_only": "on"})
    job = ImportJob.objects.get()
    assert (job.status, job.rows, job.created_count) == ("checked", 30, 0) and not job_values()


def test_a_job_runs_once(indicator, users):
    job = imports.start_import_job(users["tehran_editor"], upload(months(30)))
    imports.run_import_job.call(str(job.pk))  # the task delivered again, as after a retry
    assert job_values() == 30 and ImportJob.objects.get().created_count == 30
    assert AuditEvent.objects.filter(action="strategy.import.finish").count() == 1


def test_a_worker_dying_half_way_commits_nothing_and_the_retry_imports_once(indicator, users, settings,
                                                                            monkeypatch):
    """SystemExit stands for the worker's death inside the import: the transaction is rolled back, the job stays
    running with no outcome, and the next run imports the whole file once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # enqueue only
    job = imports.start_import_job(users["tehran_editor"], upload(months(5000)))
    seen = []

    def die(path, rows, read):
        seen.append((rows, read))
        raise SystemExit

    monkeypatch.setattr(imports, "_write_progress", die)
    with pytest.raises(SystemExit):
        imports.run_import_job.call(str(job.pk))
    job.refresh_from_db()
    assert seen == [(2000, seen[0][1])] and 0 < seen[0][1] < job.size
    assert (job.status, job.finished, job_values()) == ("running", None, 0)
    monkeypatch.undo()
    imports.run_import_job.call(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.rows, job.created_count, job_values()) == ("done", 5000, 5000, 5000), job.errors[:3]


def test_progress_is_read_from_beside_the_file(indicator, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = imports.start_import_job(users["tehran_editor"], upload(months(30)))
    assert imports.progress_of(job) == {"rows": 0, "percent": 0}
    imports._write_progress(imports._staging_dir() / job.stored_name, 12, job.size // 2)
    assert imports.progress_of(job) == {"rows": 12, "percent": 100 * (job.size // 2) // job.size}


def test_the_running_page_polls_and_its_fragment_answers_htmx(indicator, users, settings, client_for):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = imports.start_import_job(users["tehran_editor"], upload(months(30)))
    client = client_for("tehran_editor")
    url = reverse("strategy:import_job", args=[job.pk])
    page = client.get(url).content.decode()
    assert f'hx-get="{url}"' in page and "<progress" in page and "vendor/htmx/htmx.min.js" in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<section id="import-job"') and "<html" not in fragment


def test_someone_elses_job_is_not_found(indicator, users, client_for, api_for):
    job = imports.start_import_job(users["tehran_editor"], upload(months(30)))
    assert client_for("mashhad_editor").get(reverse("strategy:import_job", args=[job.pk])).status_code == 404
    assert api_for("mashhad_editor").get(f"/api/v1/imports/{job.pk}/").status_code == 404
    assert api_for("mashhad_editor").get("/api/v1/imports/").json()["results"] == []


def test_the_api_queues_an_import_and_reports_it(indicator, api_for):
    api = api_for("tehran_editor")
    response = api.post("/api/v1/imports/", {"file": upload(months(30))}, format="multipart")
    assert response.status_code == 202, response.json()
    body = api.get(f"/api/v1/imports/{response.json()['id']}/").json()
    assert (body["status"], body["rows"], body["created_count"], body["progress"]) == (
        "done", 30, 30, {"rows": 30, "percent": 100})
    failed = api.post("/api/v1/imports/", {"file": upload(months(40, bad_row=3)), "dry_run": "true"},
                      format="multipart").json()
    assert failed.get("status") == "failed", failed
    assert failed["errors"][0] == {
        "row": 3, "column": "value", "message_fa": "مقدار خالی است.", "message_en": "The value is empty."}


def test_the_api_refuses_another_kind_of_file_naming_the_field(indicator, api_for):
    response = api_for("tehran_editor").post("/api/v1/imports/", {"file": upload(b"x", "values.txt")},
                                             format="multipart")
    assert response.status_code == 400 and "file" in response.json()["error"]["fields"]


def test_only_people_who_enter_data_may_start_an_import(indicator, api_for):
    response = api_for("citizen").post("/api/v1/imports/", {"file": upload(months(30))}, format="multipart")
    assert response.status_code == 403 and not ImportJob.objects.exists()
