"""What a locked-out sign-in sees: django-axes calls `locked_out` (settings.AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import JsonResponse
from django.shortcuts import render

from .errors import DomainError
from .templatetags import digits


class TooManyAttempts(DomainError):
    status = 429

    def __init__(self):
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        super().__init__(
            "locked_out",
            f"پس از {digits(settings.AXES_FAILURE_LIMIT)} بار گذرواژه‌ی نادرست، ورود با این نام کاربری از این نشانی "
            f"تا {digits(minutes)} دقیقه بسته است. پس از آن دوباره بکوشید، یا از مدیر سامانه بخواهید قفل را بردارد.",
            f"After {settings.AXES_FAILURE_LIMIT} wrong passwords, signing in with this username from this address is "
            f"blocked for {minutes} minutes. Try again after that, or ask an administrator to lift the lock.",
        )


def locked_out(request, original_response=None, credentials=None):
    error = TooManyAttempts()
    if request.path.startswith("/api/"):
        return JsonResponse(error.as_dict(), status=error.status)
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
    return render(request, "registration/login.html", {"form": form, "locked_out": error}, status=error.status)
