"""The API's one error shape: {"error": {"code", "message_fa", "message_en"[, "fields"]}}."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter
from django.http import Http404
from rest_framework import exceptions, permissions
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError, InvalidInput
from .lockout import locked_out

MESSAGES = {
    exceptions.NotAuthenticated: ("not_authenticated", "نخست وارد شوید.", "Authentication is required."),
    exceptions.AuthenticationFailed: ("authentication_failed", "اطلاعات ورود نادرست است.", "Authentication failed."),
    exceptions.PermissionDenied: ("forbidden", "شما اجازه‌ی این کار را ندارید.", "You are not allowed to do this."),
    exceptions.NotFound: ("not_found", "پیدا نشد.", "Not found."),
    exceptions.MethodNotAllowed: ("method_not_allowed", "این روش درخواست پذیرفته نیست.", "Method not allowed."),
    exceptions.ParseError: ("parse_error", "بدنه‌ی درخواست خوانا نیست.", "The request body could not be parsed."),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "نوع محتوا پذیرفته نیست.", "Unsupported media type."),
    exceptions.Throttled: ("throttled", "درخواست‌ها بیش از اندازه است؛ کمی بعد دوباره بکوشید.", "Too many requests."),
}


def error_body(code, message_fa, message_en, **extra):
    return {"error": {"code": code, "message_fa": message_fa, "message_en": message_en, **extra}}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        body = exc.as_dict()
        if exc.field:
            body["error"]["field"] = exc.field
        return Response(body, status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        names = "، ".join(fields)
        response.data = error_body("invalid", f"داده‌های ارسالی نادرست است: {names}",
                                   f"Invalid input: {', '.join(fields)}", fields=fields)
        return response
    for kind, (code, fa, en) in MESSAGES.items():
        if isinstance(exc, kind):
            response.data = error_body(code, fa, en)
            return response
    response.data = error_body("error", "خطا", str(exc.detail))
    return response


class FilterMixin:
    """?name=value filters, declared per viewset as {query parameter: ORM lookup}."""

    filters = {}

    def filter_queryset(self, queryset):
        for parameter, lookup in self.filters.items():
            value = self.request.query_params.get(parameter)
            if value in (None, ""):
                continue
            try:
                queryset = queryset.filter(**{lookup: value})
            except (ValueError, TypeError, DjangoValidationError):
                raise InvalidInput("bad_filter", f"مقدار پالایه‌ی «{parameter}» نادرست است.",
                                   f"The value of the “{parameter}” filter is not valid.", field=parameter) from None
        return queryset


class SignedIn:
    """A viewset mixin: any signed-in user may call it; what they see is narrowed by the app's access.py."""

    permission_classes = [permissions.IsAuthenticated]


class Pagination(LimitOffsetPagination):
    """LimitOffsetPagination with bounds: an unbounded `limit` or `offset` (schemathesis sent
    limit=14362966664752071180288) reached the database as an integer SQLite cannot hold, a 500."""

    max_limit = 1000
    max_offset = 10**9

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)


def filter_parameters(filters):
    return [OpenApiParameter(name, str, description=f"filter on {lookup}") for name, lookup in filters.items()]


class ObtainToken(ObtainAuthToken):
    """DRF's token endpoint; a sign-in locked by django-axes answers 429 with the lock's message, not 400.

    Axes marks the DRF request (the one Django's authenticate() was given), which its middleware
    never sees, so the view looks for the mark itself.
    """

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            if getattr(request, "axes_locked_out", False):
                return locked_out(request._request)
            raise


ERROR_RESPONSES = {
    "400": "The request is malformed or a field is invalid; `field` or `fields` says which.",
    "401": "No valid token or session.",
    "403": "The user may not do this here.",
    "404": "No such object, or not one this user may see.",
    "409": "A rule refuses the change in the object's present state.",
    "429": "Too many failed sign-ins: locked for a while.",
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message_fa", "message_en"],
        "properties": {"code": {"type": "string"}, "message_fa": {"type": "string"}, "message_en": {"type": "string"},
                       "field": {"type": "string"}, "fields": {"type": "object"}},
    }},
}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents the one error shape for each error status."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(status, {"description": description, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
    return result
