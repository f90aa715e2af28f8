from django.utils import timezone


def today(request):
    """Today's local date, shown in the header (as Jalali in Persian pages)."""
    return {"today": timezone.localdate()}
