"""An adoption's evidence: each upload is kept beside the earlier ones, listed on the adoption and the resolution,
downloadable by the network's members through a view that checks access, refused when it is not a document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kalanshahr.meetings import services
from kalanshahr.meetings.models import Adoption, AdoptionEvidence
from kalanshahr.network.models import AuditEvent

pytestmark = pytest.mark.django_db


def _pdf(name, body=b"%PDF-1.4\n% evidence\n"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _adoption():
    return Adoption.objects.get(resolution__code="30-ADM-01", municipality__slug="tehran")


def test_a_second_file_is_added_and_the_first_stays(users):
    adoption = _adoption()
    services.update_adoption(users["tehran_editor"], adoption, evidence=_pdf("نامه-ابلاغ.pdf"))
    services.update_adoption(users["tehran_editor"], adoption, evidence=_pdf("صورتجلسه.pdf"), reference="۱۲۳/ن")
    names = list(adoption.evidence_files.values_list("name", flat=True))
    assert names == ["صورتجلسه.pdf", "نامه-ابلاغ.pdf"]  # newest first
    events = AuditEvent.objects.filter(action="meetings.adoption.update", target_id=adoption.pk).order_by("-pk")
    assert events[0].changes["evidence"] == ["", "صورتجلسه.pdf"] and "reference" in events[0].changes


def test_a_file_that_is_not_a_document_is_refused_and_nothing_is_saved(users):
    adoption = _adoption()
    with pytest.raises(Exception) as refused:
        services.update_adoption(users["tehran_editor"], adoption, evidence=_pdf("x.pdf", b"MZ\x90\x00"),
                                 reference="999")
    assert refused.value.field == "evidence"
    adoption.refresh_from_db()
    assert adoption.reference != "999" and not AdoptionEvidence.objects.filter(adoption=adoption).exists()


def test_members_download_it_the_public_does_not(client_for, users):
    adoption = _adoption()
    services.update_adoption(users["tehran_editor"], adoption, evidence=_pdf("letter.pdf"))
    evidence = adoption.evidence_files.get()
    url = f"/adoptions/{adoption.pk}/evidence/{evidence.pk}/"
    response = client_for("secretariat").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'attachment; filename="letter.pdf"' in response["Content-Disposition"]
    assert client_for("citizen").get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to sign in
    page = client_for("secretariat").get(adoption.resolution.get_absolute_url()).content.decode()
    assert url in page
    public = client_for(None).get(adoption.resolution.get_absolute_url()).content.decode()
    assert url not in public


def test_the_adoption_page_lists_the_files_with_size_and_date(client_for, users):
    adoption = _adoption()
    page = client_for("tehran_editor").get(f"/adoptions/{adoption.pk}/edit/").content.decode()
    assert "هنوز مدرکی بارگذاری نشده است" in page
    response = client_for("tehran_editor").post(f"/adoptions/{adoption.pk}/edit/", {
        "status": adoption.status, "evidence": _pdf("report.pdf")})
    assert response.status_code == 302
    page = client_for("tehran_editor").get(f"/adoptions/{adoption.pk}/edit/").content.decode()
    assert "report.pdf" in page and "بایت" in page
