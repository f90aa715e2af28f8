"""Reading a PDF's text back with Poppler's pdftotext, for tests that check what a document says."""

import re
import subprocess


def pdf_text(content):
    """The text layer of a PDF, in reading order, as pdftotext gives it."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True)
    return done.stdout.decode()


def comparable(text):
    """Text to compare with what pdftotext reads from a Persian PDF.

    pdftotext drops the zero-width non-joiner, marks its bidi runs, gives the lam-alef ligature's letters in
    visual order, and moves spaces and punctuation at the edges of a run of Persian digits; line breaks inside table
    cells vary with the layout. What is left to compare is the letters and digits, in order.
    """
    text = re.sub("[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text).replace("لا", "ال")
    return re.sub(r"[\s.,:،؛()]+", "", text)
