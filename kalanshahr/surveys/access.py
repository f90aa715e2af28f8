"""Who may do what with surveys.

* questionnaires: the secretariat defines them for the whole network;
* waves: the secretariat, or an editor of the city, opens a city's wave and hands out its tokens; the secretariat
  closes it, which writes its results into the indicators (a city does not choose when its own figures are taken);
* answering: anyone, without an account, once per pass;
* results: public once the wave is closed (aggregates only; single answers are never shown or served);
  while it is open, only the people who run it see how many have answered;
* free-text answers: the comment moderators decide on the ones the automatic check held back.
"""

from django.http import Http404

from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import access as network_access
from kalanshahr.network.models import Municipality, Role

from .models import Wave, WaveState


def can_define(user):
    return network_access.is_secretariat(user)


def check_can_define(user):
    if not can_define(user):
        raise AccessDenied("تعریف پرسش‌نامه تنها با دبیرخانه است.",
                           "Only the secretariat defines questionnaires.")


def can_run(user, municipality_id):
    """Opening a city's waves and handing out their tokens."""
    return network_access.is_secretariat(user) or municipality_id in network_access.edited_municipality_ids(user)


def check_can_run(user, municipality_id):
    if not can_run(user, municipality_id):
        raise AccessDenied("اجرای پیمایش این شهر در اختیار شما نیست.",
                           "You may not run this city's surveys.")


def can_close(user):
    return network_access.is_secretariat(user)


def check_can_close(user):
    if not can_close(user):
        raise AccessDenied("بستن موج پیمایش و ثبت نتیجه‌ی آن تنها با دبیرخانه است.",
                           "Only the secretariat closes a survey wave and records its results.")


def runnable_cities(user):
    """The cities whose waves the user may open: every one for the secretariat, else the ones they edit."""
    if network_access.is_secretariat(user):
        return Municipality.objects.in_name_order()
    return Municipality.objects.filter(pk__in=network_access.edited_municipality_ids(user)).in_name_order()


def runs_any(user):
    return getattr(user, "is_authenticated", False) and (
        network_access.is_secretariat(user) or bool(network_access.edited_municipality_ids(user)))


def check_runs_any(user):
    if not runs_any(user):
        raise AccessDenied("اجرای پیمایش تنها با دبیرخانه و ویراستاران شهرهاست.",
                           "Only the secretariat and the cities' editors run surveys.")


def can_moderate(user):
    return network_access.has_role(user, Role.MODERATOR)


def check_can_moderate(user):
    if not can_moderate(user):
        raise AccessDenied("داوری پاسخ‌های متنی با ناظران نظرهاست.", "Only moderators decide on free-text answers.")


def visible_waves(user):
    """Closed waves for everyone; open ones too for the people who run them."""
    waves = Wave.objects.with_related()
    if network_access.is_secretariat(user):
        return waves
    edited = network_access.edited_municipality_ids(user) if getattr(user, "is_authenticated", False) else set()
    return waves.filter(state=WaveState.CLOSED) | waves.filter(municipality__in=edited)


def get_wave_for_user(user, pk):
    wave = visible_waves(user).filter(pk=pk).first()
    if wave is None:
        raise Http404
    return wave
