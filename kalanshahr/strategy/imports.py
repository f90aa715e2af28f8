"""The import page's two ways in, both all or nothing (the rows themselves are read by importer.py).

* A file up to IMPORT_BACKGROUND_BYTES is checked inside the request (a dry run with a preview) and imported
  when its owner confirms: stage_import, then import_staged.
* A larger file would hold the request (and a gunicorn worker) for minutes: it becomes an ImportJob that the task
  worker imports (start_import_job, then the run_import_job task), and the page polls its progress.

Uploads wait in PRIVATE_MEDIA_ROOT/imports/, which the app servers and the worker share and nothing serves.

A job is done exactly once. Its outcome is saved in the transaction that writes its rows, under a lock on the job,
and a run that finds the outcome already there does nothing. A worker killed half way commits nothing: its task is
taken back when a worker starts again (ops/tasks.py), and the import starts over on the same file. How far a run
has come is written beside the file, not in the database, because the import's transaction is not visible to
anyone until it commits, and SQLite lets no other connection write meanwhile.
"""

import json
import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kalanshahr.network import audit

from . import access
from .importer import MAX_ERRORS, RowError, import_measurements
from .models import ImportJob

logger = logging.getLogger(__name__)
# The errors a finished job keeps for its page and the API; the count is kept whole.
KEPT_ERRORS = min(MAX_ERRORS, 200)


def validate_import_file(upload):
    """The form's and the API's one check of an upload's kind."""
    if not upload.name.lower().endswith((".csv", ".xlsx")):
        raise ValidationError("تنها پرونده‌ی CSV یا XLSX پذیرفته می‌شود. / Only CSV or XLSX files are accepted.",
                              code="file_type")


def _staging_dir():
    path = Path(settings.PRIVATE_MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _keep(upload):
    """Writes an upload into the import folder: (its stored name, its path)."""
    name = f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
    path = _staging_dir() / name
    try:
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return name, path


# --- in the request: a dry run, then the confirmation ---------------------------------------------------------

def stage_import(actor, upload, *, preview_rows=20):
    """Keeps an uploaded file for its confirmation and dry-runs it: (token, ImportResult). The file is kept only
    when the dry run passes (token None otherwise); whatever fails on the way, no file is left behind."""
    access.check_enters_any_data(actor)
    token, path = _keep(upload)
    try:
        with path.open("rb") as stream:
            result = import_measurements(actor, stream, upload.name, dry_run=True, preview_rows=preview_rows)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if not result.ok:
        path.unlink(missing_ok=True)
        return None, result
    return token, result


def import_staged(actor, token, filename):
    """Imports a file kept by stage_import (all or nothing) and deletes it; None when no such file is kept."""
    path = _staging_dir() / Path(token).name
    if not path.exists():
        return None
    try:
        with path.open("rb") as stream:
            return import_measurements(actor, stream, filename)
    finally:
        path.unlink(missing_ok=True)


# --- in the background: a job for the task worker -------------------------------------------------------------

def runs_in_background(upload):
    return upload.size > settings.IMPORT_BACKGROUND_BYTES


def start_import_job(actor, upload, *, dry_run=False):
    """Keeps the upload and queues its import (or only its check, with `dry_run`); returns the ImportJob.

    The job and its task are written in one transaction: there is never a job without its task, or the reverse."""
    access.check_enters_any_data(actor)
    stored_name, path = _keep(upload)
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(actor=actor, filename=upload.name[:255], stored_name=stored_name,
                                           size=path.stat().st_size, dry_run=dry_run)
            audit.record(actor, "strategy.import.queue", job,
                         changes={"file": job.filename, "size": job.size, "dry_run": dry_run})
            job.task_id = str(run_import_job.enqueue(str(job.pk)).id)
            ImportJob.objects.filter(pk=job.pk).update(task_id=job.task_id)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    job.refresh_from_db()
    return job


@task()
def run_import_job(job_id):
    """Imports one job's file, once; the task worker runs it (ImmediateBackend runs it at once in development)."""
    # A write, so on the primary whatever the router: a job without an outcome is marked as being imported now.
    if not ImportJob.objects.filter(pk=job_id, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]).update(
            status=ImportJob.Status.RUNNING, started=timezone.now()):
        return  # finished already, or gone
    try:
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().select_related("actor").get(pk=job_id)
            path = _staging_dir() / job.stored_name
            if job.is_finished:
                return  # another run finished it while this one waited for the lock
            if not path.exists():
                _finish(job, ImportJob.Status.FAILED, errors=[[0, "file", "پرونده‌ی بارگذاری‌شده دیگر در دسترس نیست.",
                                                                "The uploaded file is no longer there."]])
                return
            with path.open("rb") as stream:
                def progress(rows):
                    _write_progress(path, rows, stream.tell())

                result = import_measurements(job.actor, stream, job.filename, dry_run=job.dry_run, progress=progress)
            job.rows, job.created_count, job.replaced_count = result.rows, result.created, result.replaced
            job.error_count, job.batch = result.error_count, result.batch
            status = (ImportJob.Status.FAILED if not result.ok else
                      ImportJob.Status.CHECKED if job.dry_run else ImportJob.Status.DONE)
            _finish(job, status, errors=[[e.row, e.column, e.message_fa, e.message_en]
                                         for e in result.errors[:KEPT_ERRORS]])
            transaction.on_commit(lambda: _discard(path))
    except Exception:
        # Nothing of the import was committed. The job says so, and the task keeps the traceback for operators.
        logger.exception("import job %s stopped", job_id)
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job_id)
            if not job.is_finished:
                job.error_count = 1
                _finish(job, ImportJob.Status.FAILED, errors=[[0, "file", "درون‌ریزی با خطای پیش‌بینی‌نشده‌ای "
                                                                 "ایستاد؛ چیزی نوشته نشد.",
                                                                 "The import stopped on an unexpected error; nothing "
                                                                 "was written."]])
        raise


def _finish(job, status, *, errors):
    job.status, job.errors, job.finished = status, errors, timezone.now()
    job.error_count = max(job.error_count, len(errors))
    job.save()
    audit.record(job.actor, "strategy.import.finish", job,
                 changes={"status": status, "rows": job.rows, "created": job.created_count,
                          "replaced": job.replaced_count, "errors": job.error_count})


def _progress_path(path):
    return path.with_name(path.name + ".progress")


def _write_progress(path, rows, read_bytes):
    """Replaces the progress file whole (write, then rename), so a reader never sees half of it."""
    target = _progress_path(path)
    scratch = target.with_name(target.name + ".tmp")
    scratch.write_text(json.dumps({"rows": rows, "read": read_bytes}))
    os.replace(scratch, target)


def _discard(path):
    path.unlink(missing_ok=True)
    _progress_path(path).unlink(missing_ok=True)


def progress_of(job):
    """{"rows": rows read so far, "percent": 0–100} of a job, as far as its file has been read."""
    if job.is_finished:
        return {"rows": job.rows, "percent": 100}
    try:
        state = json.loads(_progress_path(_staging_dir() / job.stored_name).read_text())
    except (OSError, ValueError):
        return {"rows": 0, "percent": 0}
    percent = min(99, int(100 * state["read"] / job.size)) if job.size else 0
    return {"rows": state["rows"], "percent": percent}


def errors_of(job):
    """The errors a finished job kept, as the RowErrors the import page lists."""
    return [RowError(*error) for error in job.errors]
