"""E-mail leaves the request: every message is a background task (django-tasks), sent by the worker.

A page that changes something no longer waits for the mail server, and a mail server that is down fails the
task (kept with its error in the task results, for the operators) instead of the page. Callers hand the message
over once their change has committed (they already send from `transaction.on_commit`). A message is sent at least
once: a worker that dies after sending and before recording it sends it again when the task is retried.
"""

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django_tasks import task


@task()
def send_email(subject, body, recipients):
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, list(recipients))


@task()
def send_emails(messages):
    """[(subject, body, [recipients])] in one connection to the mail server: the daily digests."""
    send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, list(to)) for subject, body, to in messages],
                   fail_silently=False)


def send_later(subject, body, recipients):
    return send_email.enqueue(subject, body, list(recipients))


def send_many_later(messages):
    return send_emails.enqueue([(subject, body, list(to)) for subject, body, to in messages]) if messages else None
