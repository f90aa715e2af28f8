"""S4 pages: the submission form (open to everyone, with a captcha for anonymous citizens), the screener's
queue, the expert's "to review" list, the idea page with its timeline and the forms of each move, the review
form, and the public page of a citizen's idea (state and reasons, never reviewers or scores)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kalanshahr.lib import workflow
from kalanshahr.lib.uploads import serve_private
from kalanshahr.lib.views import submit

from . import access, notify, pilots, services
from .forms import AssignForm, IdeaForm, MoveForm, ReviewForm, TrackForm
from .models import Idea, IdeaState, Review
from .workflow import IDEA_MOVES


@require_http_methods(["GET", "HEAD", "POST"])
def submit_idea(request):
    form = IdeaForm(request.POST or None, request.FILES or None, user=request.user)

    def save(data):
        return services.submit_idea(
            request.user, title=data["title"], problem=data["problem"], proposal=data["proposal"],
            municipality=data["municipality"], organization=data["organization"], goals=data["goals"],
            indicators=data["indicators"], name=data.get("name", ""), email=data.get("email", ""),
            attachments=[data["attachment"]] if data.get("attachment") else [])

    idea = submit(request, form, save, _("Your idea is received."))
    if idea is None:
        return render(request, "ideas/submit.html", {"form": form})
    if idea.email_confirmed_at is None:
        return render(request, "ideas/check_email.html", {"idea": idea})
    return redirect(idea)


@require_safe
def confirm(request, token):
    pk = notify.idea_from_token(token)
    idea = Idea.objects.filter(pk=pk).first() if pk else None
    if idea is None:
        return render(request, "ideas/confirm_failed.html", status=400)
    services.confirm_email(idea)
    messages.success(request, _("Thank you; your email is confirmed and your idea goes to screening."))
    return redirect(idea.get_public_url())


QUEUE_STATES = [IdeaState.SUBMITTED, IdeaState.SCREENING, IdeaState.EXPERT_REVIEW, IdeaState.DECIDED,
                IdeaState.IN_PROGRESS, IdeaState.EVALUATED, IdeaState.SCALED, IdeaState.STOPPED]


@require_safe
@login_required
def idea_list(request):
    """The screener's queue by state; for everyone else, the ideas they submitted, review or whose city they edit."""
    ideas = access.visible_ideas(request.user, Idea.objects.with_related()).exclude(email_confirmed_at=None)
    counts = dict(ideas.order_by().values_list("state").annotate(n=Count("id")))
    state = request.GET.get("state")
    if state not in IdeaState.values:
        state = IdeaState.SUBMITTED if access.is_screener(request.user) and counts.get(IdeaState.SUBMITTED) else None
    shown = ideas.filter(state=state) if state else ideas
    tabs = [(key, IdeaState(key).label, counts.get(key, 0)) for key in QUEUE_STATES]
    return render(request, "ideas/list.html", {
        "ideas": shown.annotate(assigned=Count("reviews"),
                                completed=Count("reviews", filter=Q(reviews__submitted_at__isnull=False))),
        "tabs": tabs,
        "state": state, "is_screener": access.is_screener(request.user), "total": sum(counts.values())})


@require_safe
@login_required
def review_list(request):
    reviews = (access.reviews_to_do(request.user).select_related("idea__municipality").order_by("due_on"))
    return render(request, "ideas/reviews.html", {"reviews": reviews})


def _idea_for(user, pk):
    return get_object_or_404(access.visible_ideas(user, Idea.objects.with_related()), pk=pk)


@require_safe
@login_required
def idea_detail(request, pk):
    return _render_detail(request, _idea_for(request.user, pk))


def _render_detail(request, idea, *, failed=None, assign_form=None, status=200):
    """The idea page; `failed` is a move form that came back with errors, shown open in place of a fresh one."""
    reviews = list(idea.reviews.select_related("expert"))
    pilot = getattr(idea, "pilot", None)
    indicators = list(pilot.indicators.all()) if pilot else []
    moves = [(move, failed if failed and failed.action == move.action else MoveForm(move=move, prefix=move.action))
             for move in access.allowed_moves(request.user, idea)]
    if failed is not None and failed not in [form for _move, form in moves]:
        messages.error(request, " ".join(failed.non_field_errors()) or _("This step is not open to you."))
    can_assign = access.is_screener(request.user) and idea.state in services.ASSIGNABLE
    return render(request, "ideas/detail.html", {
        "idea": idea,
        "events": idea.events.select_related("actor"),
        "attachments": idea.attachments.all(),
        "reviews": access.visible_reviews(request.user, idea, reviews),
        "assigned": reviews if access.is_screener(request.user) else [],
        "completed": sum(1 for r in reviews if r.is_completed),
        "own_review": next((r for r in reviews if r.expert_id == request.user.pk), None),
        "pilot": pilot,
        "before_after": pilots.before_after(pilot, indicators) if pilot else [],
        "moves": moves,
        "irreversible": {move.action for move in IDEA_MOVES.values() if workflow.is_irreversible(IDEA_MOVES, move)},
        "assign_form": assign_form or (AssignForm(idea=idea) if can_assign else None),
    }, status=status)


@login_required
@require_POST
def idea_move(request, pk, action):
    idea = _idea_for(request.user, pk)
    move = IDEA_MOVES.get(action)
    if move is None:
        raise Http404
    form = MoveForm(request.POST, move=move, prefix=action)
    done = submit(request, form, lambda data: services.move_idea(request.user, idea, action,
                                                                 **form.service_arguments()),
                  _("Done: %(action)s.") % {"action": move.label})
    if done:
        return redirect(idea)
    return _render_detail(request, idea, failed=form, status=400)


@login_required
@require_POST
def idea_assign(request, pk):
    idea = _idea_for(request.user, pk)
    form = AssignForm(request.POST, idea=idea)
    if submit(request, form, lambda data: services.assign_experts(request.user, idea, data["experts"]),
              _("The experts are assigned and emailed.")) is not None:
        return redirect(idea)
    return _render_detail(request, idea, assign_form=form, status=400)


@login_required
def review_form(request, pk):
    review = get_object_or_404(Review.objects.select_related("idea"), pk=pk)
    if not access.can_review(request.user, review):
        raise Http404
    form = ReviewForm(request.POST or None, instance=review)

    def save(data):
        return services.submit_review(request.user, review, comment=data["comment"],
                                      **{name: data[name] for name in review.scores})

    if review.is_completed:
        form = None
    elif request.method == "POST" and "confirmed" not in request.POST:
        # A submitted review is final: valid scores are shown back once, with their meanings, before they count.
        if form.is_valid() and "edit" not in request.POST:
            return render(request, "ideas/review_confirm.html", {
                "review": review, "idea": review.idea, "form": form, "chosen": form.chosen()})
    elif submit(request, form, save, _("Your review is submitted.")):
        return redirect(review.idea)
    return render(request, "ideas/review_form.html", {"review": review, "idea": review.idea, "form": form})


@require_safe
@login_required
def attachment(request, pk, attachment_pk):
    idea = _idea_for(request.user, pk)
    found = get_object_or_404(idea.attachments, pk=attachment_pk)
    return serve_private(found.file, found.file.name.rsplit("/", 1)[-1])


# --- public ----------------------------------------------------------------------------------------

@require_safe
def public_list(request):
    ideas = Idea.objects.public().select_related("municipality")
    state = request.GET.get("state")
    if state in IdeaState.values:
        ideas = ideas.filter(state=state)
    return render(request, "ideas/public_list.html", {"ideas": ideas, "state": state, "states": IdeaState.choices})


@require_safe
def track(request):
    """The status page a submitter reaches with their tracking number, no account needed: the idea's state, its
    timeline and, once decided, the decision and its reasons (never reviewers or scores). Template ideas/track.html."""
    form = TrackForm(request.GET or None)
    idea = None
    if form.is_valid():
        idea = Idea.objects.filter(tracking_number=form.cleaned_data["number"]).first()
        if idea is None:
            form.add_error("number", _("No idea has this tracking number. Check it against the one you received."))
    return render(request, "ideas/track.html", {
        "form": form, "idea": idea, "events": idea.events.only("to_state", "created") if idea else []})


@require_safe
def public_idea(request, pk):
    idea = get_object_or_404(Idea.objects.public().select_related("municipality", "organization"), pk=pk)
    events = idea.events.only("action", "to_state", "created")
    pilot = getattr(idea, "pilot", None)
    indicators = list(pilot.indicators.all()) if pilot else []
    return render(request, "ideas/public_idea.html", {
        "idea": idea, "events": events, "pilot": pilot,
        "before_after": pilots.before_after(pilot, indicators) if pilot else []})
