from django.shortcuts import render

from .errors import DomainError


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
