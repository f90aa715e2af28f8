"""lib.pdf: documents are typeset in Vazirmatn and never load anything but their own font and stylesheet."""

import subprocess

import pytest
from weasyprint.urls import FatalURLFetchingError

from kalanshahr.lib.pdf import html_to_pdf

from .pdf_text import comparable, pdf_text

PAGE = '<html lang="fa" dir="rtl"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def test_persian_text_is_typeset_in_vazirmatn_and_reads_back_in_order():
    content = html_to_pdf(PAGE.format(head="", body="<h1>گزارش پایانی نشست ۳۰</h1><p>مصوبه‌ی <bdi>30-REV-01</bdi>"
                                                     " در کلانشهرهای کرمانشاه و گرگان</p>"))
    fonts = subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True).stdout.decode()
    assert "Vazirmatn" in fonts and "DejaVu" not in fonts
    text = comparable(pdf_text(content))
    assert comparable("گزارش پایانی نشست ۳۰") in text
    assert "30-REV-01" in text, "a code in a Persian line keeps its order"
    assert comparable("در کلانشهرهای کرمانشاه و گرگان") in text


@pytest.mark.parametrize("tag", [
    '<link rel="stylesheet" href="http://127.0.0.1:9/remote.css">',
    '<link rel="stylesheet" href="file:///etc/hostname">',
])
def test_a_document_never_loads_anything_else(tag):
    with pytest.raises(FatalURLFetchingError):
        html_to_pdf(PAGE.format(head=tag, body="<p>متن</p>"))


def test_the_period_report_is_a_pdf_of_the_same_statuses_as_its_page(client_for):
    from kalanshahr.network.models import Organization

    client = client_for("tehran_verifier")
    company = Organization.objects.get(slug="tehran-industries-jobs-company")
    page = client.get(f"/monitoring/{company.slug}/report/")
    period = page.context["period"]
    assert page.status_code == 200 and any(view.goals for view in page.context["views"])
    response = client.get(f"/monitoring/{company.slug}/report.pdf?period={period.key}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = comparable(pdf_text(response.content))
    assert comparable(f"گزارش {company.name_fa} برای {period.label()}") in text
    for view in page.context["views"]:
        for goal in view.goals:
            assert comparable(" ".join(goal.goal.title.split()[:3])) in text
            for state, _weight in goal.states:
                assert state.indicator.code in text
    assert comparable("ارقام نسخه‌ی نمایشی ساختگی‌اند") in text, "the demo's figures are still said to be invented"
