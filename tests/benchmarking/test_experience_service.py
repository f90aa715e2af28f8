"""An experience and its attachment are one intent: one service call, one transaction (issue #17)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kalanshahr.benchmarking import services
from kalanshahr.benchmarking.models import Experience
from kalanshahr.lib.errors import InvalidInput
from kalanshahr.network.models import AuditEvent

VALUES = {"title": "تجربه‌ی نمونه‌ی بایگانی", "problem": "مشکل", "actions": "کار", "results": "نتیجه"}


def test_a_refused_attachment_leaves_no_new_experience(users):
    editor = users["tehran_editor"]
    city = editor.memberships.first().organization.municipality
    before = (Experience.objects.count(), AuditEvent.objects.count())
    fake = SimpleUploadedFile("report.pdf", b"not really a pdf", content_type="application/pdf")
    with pytest.raises(InvalidInput) as error:
        services.save_experience(editor, municipality=city, attachment=fake, attachment_title="گزارش", **VALUES)
    assert error.value.field == "attachment"
    assert (Experience.objects.count(), AuditEvent.objects.count()) == before


def test_an_experience_without_an_attachment_is_saved_and_edited_through_the_same_service(users):
    editor = users["tehran_editor"]
    city = editor.memberships.first().organization.municipality
    saved = services.save_experience(editor, municipality=city, **VALUES)
    edited = services.save_experience(editor, saved, **{**VALUES, "title": "تجربه‌ی ویرایش‌شده"})
    assert edited.pk == saved.pk and Experience.objects.get(pk=saved.pk).title == "تجربه‌ی ویرایش‌شده"
