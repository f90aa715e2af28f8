from django.contrib import messages

from .errors import DomainError


def submit(request, form, action, success_message):
    """Runs `action(form.cleaned_data)` when a POSTed form is valid and returns its result.

    A DomainError from the service is attached to the field it names (or to the form), and
    None is returned so the view shows the form again with nothing saved.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
    messages.success(request, success_message)
    return result
