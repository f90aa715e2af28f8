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
