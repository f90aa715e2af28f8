"""PDF documents made by the task worker: a page asks for one, the worker typesets it, its reader downloads it.

Typesetting a long report takes seconds of a web worker's time; as a task it takes none, and the person gets a
notification with the link when it is ready. The apps above this one register their documents by kind:

    reports.register("strategy.period_report", prepare)

`prepare(user, params)` checks the person's access with the app's own access rules (raising as a view would)
and returns a Document: the template, a zero-argument `context` that does the queries, the file name and the
title. It runs twice: in the request, so that a refusal is immediate, and in the worker, so that access lost
meanwhile is honoured. The document is typeset in the language the person was reading in.
"""

import logging
from dataclasses import dataclass
from typing import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from django_tasks import task

from kalanshahr.lib.errors import InvalidInput
from kalanshahr.lib.pdf import render_pdf

from . import services
from .models import ReportFile

logger = logging.getLogger(__name__)
_KINDS = {}


@dataclass(frozen=True)
class Document:
    template: str
    context: Callable[[], dict]
    filename: str
    title: str


def register(kind, prepare):
    _KINDS[kind] = prepare


def _prepare(user, kind, params):
    if kind not in _KINDS:
        raise InvalidInput("unknown_report", f"گزارشی از نوع «{kind}» نیست.", f"There is no report of kind “{kind}”.",
                           field="kind")
    return _KINDS[kind](user, params)


def request_report(user, kind, params, language=None):
    """Checks the person may have the document and queues it; returns the ReportFile (status "queued")."""
    language = language or translation.get_language()
    with translation.override(language):
        document = _prepare(user, kind, params)
        title = str(document.title)[:300]
    # No audit event: a document changes nothing anyone else sees (an event would also retire the network's
    # cached pages); the ReportFile row is the record of who asked for what, and when.
    with transaction.atomic():
        report = ReportFile.objects.create(requested_by=user, kind=kind, params=params, language=language,
                                           title=title, filename=document.filename[:150])
        make_report.enqueue(str(report.pk))
    report.refresh_from_db()
    return report


@task()
def make_report(report_id):
    """Typesets one requested document, once: a report that is finished is left alone."""
    with transaction.atomic():
        report = ReportFile.objects.select_for_update().select_related("requested_by").filter(pk=report_id).first()
        if report is None or report.is_finished:
            return
        try:
            with translation.override(report.language):
                document = _prepare(report.requested_by, report.kind, report.params)
                pdf = render_pdf(document.template, document.context())
        except Exception as error:
            logger.exception("report %s could not be made", report_id)
            report.status, report.error = ReportFile.Status.FAILED, f"{type(error).__name__}: {error}"[:300]
        else:
            report.file.save(f"{report.pk}.pdf", ContentFile(pdf), save=False)
            report.status = ReportFile.Status.DONE
        report.finished = timezone.now()
        report.save()
        message = (gettext_noop("Your document “%(title)s” is ready.") if report.status == ReportFile.Status.DONE
                   else gettext_noop("Your document “%(title)s” could not be made."))
        services.notify([report.requested_by], message, reverse("network:report", args=[report.pk]),
                        title=report.title)
