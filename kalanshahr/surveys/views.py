"""Survey pages: the public answering page (phone first, no account), the wave's page with its results, QR code,
tokens and close button, and the list of waves. Access is asked of access.py; changes go through services.py."""

import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kalanshahr.lib import exports
from kalanshahr.lib.errors import AccessDenied, DomainError
from kalanshahr.lib.templatetags import digits
from kalanshahr.lib.views import perform, submit

from . import access, results as wave_results, services
from .forms import (AnswerForm, IssueTokensForm, OpenWaveForm, QuestionnaireForm, TextModerationForm, question_formset,
                    question_initial)
from .models import Answer, Questionnaire, QuestionnaireVersion, TextState, Wave

DEVICE_COOKIE = "survey_device"
DEVICE_COOKIE_AGE = 400 * 24 * 3600  # longer than any wave


@require_safe
def wave_list(request):
    """The waves the reader may see, newest first: closed ones for everyone, open ones for the people running them
    (templates/surveys/list.html)."""
    waves = access.visible_waves(request.user).order_by("-opened_at", "-id")
    return render(request, "surveys/list.html", {"waves": waves[:100],
                                                 "runs_any": access.runs_any(request.user)})


@require_safe
def questionnaire_list(request):
    """The network's questionnaires, each with its newest version and how many waves asked it
    (templates/surveys/questionnaires.html); public, like the API's."""
    versions = QuestionnaireVersion.objects.annotate(question_count=Count("questions", distinct=True),
                                                     wave_count=Count("waves", distinct=True)).order_by("-number")
    questionnaires = Questionnaire.objects.prefetch_related(Prefetch("versions", queryset=versions))
    return render(request, "surveys/questionnaires.html", {"questionnaires": questionnaires,
                                                           "defines": access.can_define(request.user)})


@require_safe
def questionnaire_detail(request, code):
    """Every version of one questionnaire, newest first, with its questions and the waves that asked it
    (templates/surveys/questionnaire.html)."""
    versions = (QuestionnaireVersion.objects.select_related("created_by")
                .annotate(wave_count=Count("waves")).order_by("-number")
                .prefetch_related("questions__choices", "questions__indicator"))
    questionnaire = get_object_or_404(Questionnaire.objects.prefetch_related(Prefetch("versions", queryset=versions)),
                                      code=code)
    return render(request, "surveys/questionnaire.html", {"questionnaire": questionnaire,
                                                          "defines": access.can_define(request.user)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def write_questionnaire(request, code=None):
    """The secretariat writes a new questionnaire, or a new version of one starting from its newest
    (templates/surveys/write.html): rows can be changed, reordered, removed or added; nothing already asked
    changes."""
    access.check_can_define(request.user)
    questionnaire = get_object_or_404(Questionnaire, code=code) if code else None
    latest = questionnaire.versions.order_by("-number").first() if questionnaire else None
    initial = {"after": latest.number if latest else 0}
    if questionnaire:
        initial.update(title_fa=questionnaire.title_fa, title_en=questionnaire.title_en)
    form = QuestionnaireForm(request.POST or None, new=questionnaire is None, initial=initial)
    extra = _asked_rows(request)
    questions = question_formset(extra=extra)(request.POST or None, prefix="q", initial=question_initial(latest))
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        kept = questions.ordered_forms
        data = form.cleaned_data
        try:
            version = services.publish_version(
                request.user, code=code or data["code"], title_fa=data["title_fa"], title_en=data["title_en"],
                note=data["note"], after=data["after"], questions=[row.spec() for row in kept])
        except AccessDenied:
            raise
        except DomainError as error:
            _show_error(error, form, kept)
        else:
            messages.success(request, _("Version %(n)s is published: new waves ask it; the waves already open keep "
                                        "theirs.") % {"n": digits(version.number)})
            return redirect("surveys:questionnaire", code=version.questionnaire.code)
    return render(request, "surveys/write.html", {"form": form, "questions": questions, "more_rows": extra + 10,
                                                  "questionnaire": questionnaire, "latest": latest})


def _asked_rows(request, default=3, most=30):
    """How many empty rows the page offers: ?rows=N asks for more, within reason."""
    asked = request.GET.get("rows", "")
    return min(max(int(asked), 1), most) if asked.isdigit() else default


def _show_error(error, form, rows):
    """The service names a question by its place among the rows kept (questions.<n>): the error goes on that row."""
    place = error.field.removeprefix("questions.") if error.field else ""
    if place.isdigit() and 0 < int(place) <= len(rows):
        rows[int(place) - 1].add_error(None, error.message)
    else:
        form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def open_wave(request):
    """A city's editor (or the secretariat) opens a wave of a questionnaire (templates/surveys/open.html)."""
    access.check_runs_any(request.user)
    form = OpenWaveForm(request.POST or None, cities=access.runnable_cities(request.user))
    wave = submit(request, form, lambda data: services.open_wave(
        request.user, data["version"], data["municipality"], data["period"], organization=data["organization"],
        minimum_answers=data["minimum_answers"]), _("The wave is open: share its link or print its tokens."))
    if wave is not None:
        return redirect(wave)
    return render(request, "surveys/open.html", {"form": form})


@require_safe
def wave_detail(request, pk):
    """One wave: what it asks, its progress or results (aggregates only), and for the people running it the
    public link with its QR code, tokens and the close button (templates/surveys/wave.html)."""
    wave = access.get_wave_for_user(request.user, pk)
    runs = access.can_run(request.user, wave.municipality_id)
    context = {"wave": wave, "runs": runs, "closes": access.can_close(request.user),
               "report": wave_results.report(wave), "answer_url": request.build_absolute_uri(wave.public_url())}
    return render(request, "surveys/wave.html", context)


def _qr_svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@require_safe
def wave_qr(request, pk):
    """The QR code of the wave's public link, as SVG, made here (no outside service): print it for counters."""
    wave = access.get_wave_for_user(request.user, pk)
    return HttpResponse(_qr_svg(request.build_absolute_uri(wave.public_url())), content_type="image/svg+xml")


@login_required
@require_POST
def close(request, pk):
    wave = access.get_wave_for_user(request.user, pk)
    perform(request, lambda: services.close_wave(request.user, wave),
            _("The wave is closed and its results are published."))
    return redirect(wave)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def issue(request, pk):
    """Hands out one-time tokens and shows them once, as links and QR codes to print (templates/surveys/tokens.html);
    only their digests are kept."""
    wave = access.get_wave_for_user(request.user, pk)
    access.check_can_run(request.user, wave.municipality_id)
    form = IssueTokensForm(request.POST or None)
    tokens = submit(request, form, lambda data: services.issue_tokens(request.user, wave, data["count"]),
                    _("The tokens are ready: print them now, they are not shown again."))
    if tokens is None:
        return render(request, "surveys/issue.html", {"wave": wave, "form": form})
    base = request.build_absolute_uri(wave.public_url())
    links = [f"{base}?t={token}" for token in tokens]
    cards = [(link, _qr_svg(link)) for link in links]
    response = render(request, "surveys/tokens.html", {"wave": wave, "cards": cards})
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def results_csv(request, pk):
    """The wave's aggregated results (never single answers), one row per question or choice."""
    wave = access.get_wave_for_user(request.user, pk)
    headers, rows = wave_results.table(wave)
    return exports.table_response("csv", f"survey-{wave.pk}-results", headers, rows)


def _client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, key):
    """The public answering page of a wave, for anyone, on a phone: a token from a link or a printed card answers
    once; without one, the device's cookie answers once, behind the captcha and the rate limit
    (templates/surveys/answer.html)."""
    wave = get_object_or_404(Wave.objects.with_related(), public_key=key)
    if not wave.is_open:
        return render(request, "surveys/closed.html", {"wave": wave}, status=410)
    token = (request.POST if request.method == "POST" else request.GET).get("t") or ""
    device = request.COOKIES.get(DEVICE_COOKIE) or services.new_device_key()
    questions = list(wave.version.questions.prefetch_related("choices"))
    form = AnswerForm(request.POST or None, initial={"t": token}, questions=questions, with_captcha=not token)
    done = submit(request, form, lambda data: services.submit_answers(
        wave, form.answers(), token=data["t"], device="" if data["t"] else device, ip=_client_ip(request)),
        _("Thank you: your answers are recorded."))
    if done is not None:
        return redirect("surveys:thanks", key=wave.public_key)
    response = render(request, "surveys/answer.html", {"wave": wave, "form": form, "has_token": bool(token)})
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(DEVICE_COOKIE, device, max_age=DEVICE_COOKIE_AGE, httponly=True, samesite="Lax",
                            secure=request.is_secure())
    return response


@require_safe
def thanks(request, key):
    wave = get_object_or_404(Wave.objects.with_related(), public_key=key)
    return render(request, "surveys/thanks.html", {"wave": wave})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def moderation(request):
    """The free-text answers the comment policy's check held back, oldest first, for the moderators to publish or
    reject (templates/surveys/moderation.html); nobody else sees them."""
    access.check_can_moderate(request.user)
    held = Answer.objects.filter(text_state=TextState.HELD).select_related(
        "question", "response__wave__municipality").order_by("response__day", "question_id")
    form = TextModerationForm(request.POST or None, queryset=held)
    done = submit(request, form, lambda data: services.moderate_texts(request.user, data["answers"], data["action"]),
                  _("Done."))
    if done:
        return redirect("surveys:moderation")
    return render(request, "surveys/moderation.html", {"form": form, "held": held[:200]})
