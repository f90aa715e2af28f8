"""PDF documents from templates, typeset by WeasyPrint in the Vazirmatn font that the pages serve.

The fetcher reads only the stylesheet and the font from the static files: a document never reaches the network,
nor any other file of the server, whatever its text holds.
"""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.template.loader import render_to_string

FONT = "vendor/vazirmatn/Vazirmatn-Variable.woff2"
STYLESHEET = "css/pdf.css"


def _static_file(name):
    found = finders.find(name)
    if not found:
        raise ImproperlyConfigured(f"PDF documents need the static file {name}: run `make assets`.")
    return Path(found).resolve()


def render_pdf(template, context, request=None):
    """The bytes of the PDF that `template` renders to."""
    return html_to_pdf(render_to_string(template, context, request))


def html_to_pdf(html):
    """The bytes of the PDF of `html`; loading anything but the font and the stylesheet stops it with an error."""
    # Imported here: WeasyPrint loads Pango, which only the processes that make documents need.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    font, stylesheet = _static_file(FONT), _static_file(STYLESHEET)
    allowed = {font.as_uri(), stylesheet.as_uri()}

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"a PDF document may not load {url}")
            return super().fetch(url, headers)

    fetcher = StaticOnly(allowed_protocols={"file"}, fail_on_errors=True)
    fonts = FontConfiguration()  # @font-face takes effect only through a font configuration
    face = CSS(string=f'@font-face {{ font-family: "Vazirmatn"; src: url("{font.as_uri()}"); }}',
               url_fetcher=fetcher, font_config=fonts)
    sheet = CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=fonts)
    return HTML(string=html, base_url=stylesheet.as_uri(), url_fetcher=fetcher).write_pdf(
        stylesheets=[face, sheet], font_config=fonts)


def pdf_response(template, context, request, filename):
    response = HttpResponse(render_pdf(template, context, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response
