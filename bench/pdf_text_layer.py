"""Does a Persian PDF say what it shows? Typesets one Persian document with the pinned WeasyPrint (lib.pdf) and
with Debian's `weasyprint` command, reads both back with pdftotext, and counts the phrases found.

    apt-get install weasyprint poppler-utils   # Debian's WeasyPrint is needed only for this comparison
    .venv/bin/python bench/pdf_text_layer.py

The figure decides which WeasyPrint the project pins (docs/architecture.md, "PDF documents"): a document whose
text layer is wrong cannot be searched, copied from or read aloud, even when its pages look right.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.update(DEBUG="1", SECRET_KEY="bench-only-secret-key-" + "x" * 40, DJANGO_SETTINGS_MODULE="kalanshahr.settings")

import django  # noqa: E402

django.setup()

from kalanshahr.lib import pdf  # noqa: E402
from pdf_text import comparable, pdf_text  # noqa: E402

CITIES = "تهران مشهد اصفهان کرج شیراز تبریز قم اهواز کرمانشاه ارومیه رشت زاهدان کرمان همدان".split()
PHRASES = CITIES + [
    "کارگروه درآمد", "کارگروه حسابرسی", "کارگروه امور مالی", "کارگروه اداری و رفاهی",
    "نشست سی‌ام معاونان مالی و اداری", "به میزبانی شهرداری تبریز", "دستورالعمل یکسان عوارض نوسازی",
    "واحد حسابرسی داخلی مستقل", "گزارش ماهانه‌ی نقدینگی", "بسته‌ی رفاهی پایه برای کارکنان",
]


def document():
    rows = "".join(f"<tr><td><bdi>30-REV-{i:02}</bdi></td><td>{phrase}</td></tr>" for i, phrase in enumerate(PHRASES[14:], 1))
    return (f'<html lang="fa" dir="rtl"><head><meta charset="utf-8"></head><body><h1>{PHRASES[18]}</h1>'
            f"<p>{PHRASES[19]}، با حضور {'، '.join(CITIES)}.</p><table>{rows}</table></body></html>")


def styled(html):
    font, sheet = pdf._static_file(pdf.FONT).as_uri(), pdf._static_file(pdf.STYLESHEET).as_uri()
    return html.replace("</head>", f'<style>@font-face {{ font-family: "Vazirmatn"; src: url("{font}"); }}</style>'
                                   f'<link rel="stylesheet" href="{sheet}"></head>')


def main():
    html = document()
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "doc.html"), Path(folder, "doc.pdf")
        source.write_text(styled(html), encoding="utf-8")
        version = subprocess.run(["weasyprint", "--version"], capture_output=True, text=True, check=True).stdout
        subprocess.run(["weasyprint", str(source), str(target)], capture_output=True, check=True)
        results = [(version.strip() + " (Debian)", target.read_bytes())]
    import weasyprint

    results.append((f"WeasyPrint version {weasyprint.__version__} (pinned, lib.pdf)", pdf.html_to_pdf(html)))
    for name, content in results:
        text = comparable(pdf_text(content))
        found = sum(comparable(phrase) in text for phrase in PHRASES)
        print(f"{name}: {found}/{len(PHRASES)} Persian phrases read back")


if __name__ == "__main__":
    main()
