from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults

from .api import error_body
from .errors import AccessDenied, DomainError


def submit(request, form, action, success_message):
    """Runs `action(form.cleaned_data)` when a POSTed form is valid and returns its result.

    A DomainError from the service is attached to the field it names (or to the form), and
    None is returned so the view shows the form again with nothing saved. A refusal of access is
    not the form's to show: it reaches DomainErrorMiddleware and answers 403, like every other refusal.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except AccessDenied:
        raise
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
    messages.success(request, success_message)
    return result


def perform(request, action, success_message):
    """Runs a one-button action (no form to show errors on) and tells the outcome on the next page.

    A refused move becomes an error message; a refusal of access is raised on, so that it answers 403.
    Returns whether the action was done.
    """
    try:
        action()
    except AccessDenied:
        raise
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success_message)
    return True


def next_url(request, fallback, *args):
    """The `next` the page asked to return to, if it stays on this site; otherwise `fallback` (a URL or URL name).

    Following any `next` would let a crafted link send a signed-in user to another site after a form.
    """
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url(fallback, *args)


def page_not_found(request, exception):
    """The API answers an unknown address in its own error shape; pages get templates/404.html."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("not_found", "پیدا نشد.", "Not found."), status=404)
    return defaults.page_not_found(request, exception)
