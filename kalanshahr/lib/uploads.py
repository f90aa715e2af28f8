"""Uploaded files: checked by type and size, and kept outside the web root when they are private.

The type is judged by the file's first bytes as well as its name, so a renamed executable is refused
however it is called. Private files live under PRIVATE_MEDIA_ROOT, which no URL serves; a view that
checks access streams them (see `serve_private`).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse

from .errors import InvalidInput

# extension → the ways such a file may begin (OOXML files are ZIP archives).
KINDS = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
}


def private_storage():
    """The storage of private uploads; a callable, so the location follows the settings (and tests)."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def check_upload(upload, *, field="attachment", max_bytes=None, kinds=KINDS):
    """Refuses a file that is empty, too large, or not one of `kinds` by name and by content."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    name = os.path.basename(upload.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = "، ".join(sorted(kinds))
    if upload.size == 0:
        raise InvalidInput("empty_file", f"پرونده‌ی «{name}» خالی است.", f"The file “{name}” is empty.", field=field)
    if upload.size > max_bytes:
        megabytes = max_bytes // (1024 * 1024)
        raise InvalidInput("file_too_large", f"پرونده‌ی «{name}» از {megabytes} مگابایت بزرگ‌تر است.",
                           f"The file “{name}” is larger than {megabytes} MB.", field=field)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension not in kinds or not head.startswith(kinds[extension]):
        raise InvalidInput("file_type", f"نوع پرونده‌ی «{name}» پذیرفته نیست؛ این نوع‌ها پذیرفته است: {allowed}.",
                           f"The file “{name}” is not of an accepted type ({', '.join(sorted(kinds))}).",
                           field=field)
    return upload


def serve_private(file_field, filename):
    """Streams a private file as a download, never rendered inline by the browser."""
    response = FileResponse(file_field.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
