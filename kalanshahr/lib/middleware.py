from urllib.parse import unquote_to_bytes

from django.http import JsonResponse
from django.shortcuts import render

from .errors import DomainError, InvalidInput


class DomainErrorMiddleware:
    """Shows a DomainError that escapes a view as a page: 403 for access, 409 for a refused move.

    Views that own a form catch the error themselves and show it beside the field instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return render(request, "domain_error.html", {"error": exception}, status=exception.status)
        return None


class RejectNulMiddleware:
    """NUL is never part of valid input here, and PostgreSQL refuses it in text (a 500 deep in a query): a request
    carrying one in its address, its form fields or its body is answered 400 before any view sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            error = InvalidInput("nul_character", "درخواست نویسه‌ی تهی (NUL) دارد که پذیرفته نیست.",
                                 "The request contains a NUL character, which is not accepted.")
            if request.path.startswith("/api/"):
                return JsonResponse(error.as_dict(), status=error.status)
            return render(request, "domain_error.html", {"error": error}, status=error.status)
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request):
        if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            return True
        if request.method == "POST" and request.content_type in ("multipart/form-data",
                                                                  "application/x-www-form-urlencoded"):
            # The parsed fields, not the raw body: an uploaded file may hold NUL bytes quite properly.
            return any("\x00" in value for _name, values in request.POST.lists() for value in values)
        if request.method in ("POST", "PUT", "PATCH"):  # JSON, or a form the API parses itself (it takes no files)
            body = request.body
            return b"\x00" in body or b"\\u0000" in body.lower()
        return False


CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    # A few elements carry a computed width or depth in a style attribute; no style element is inline.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
# The offline Swagger UI (drf-spectacular's sidecar) starts itself with an inline script.
CSP_API_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    """No inline script anywhere but the API docs: a script injected into a page (say, through a comment that
    escaped escaping) does not run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = CSP_API_DOCS if request.path.startswith("/api/docs/") else CSP
        return response
