"""Every change to ideas: submission, email confirmation, expert assignment, reviews and the moves of the
table in workflow.py. Each function checks access, runs in one transaction, records the idea's timeline and
the audit trail, and raises a DomainError (Persian and English) that leaves nothing changed. Emails go out
only after the transaction commits (notify.py)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from kalanshahr.lib.errors import DomainError, InvalidInput, require_filled
from kalanshahr.lib.jalali import JalaliParseError, Period
from kalanshahr.lib.persian import normalize, persian_digits
from kalanshahr.lib.uploads import check_upload
from kalanshahr.network import access as network_access, audit, search, services as network_services
from kalanshahr.network.models import OrganizationKind

from . import access, notify
from .models import CRITERIA, Decision, Idea, IdeaAttachment, IdeaEvent, IdeaState, Origin, Pilot, Review
from .workflow import IDEAS


def _origin_of(user):
    """Staff, a company, or a citizen, from the user's memberships; and the organization they submit from."""
    memberships = network_access.memberships(user)
    if not memberships:
        return Origin.CITIZEN, None
    organization = memberships[0].organization
    return (Origin.COMPANY if organization.kind == OrganizationKind.COMPANY else Origin.STAFF), organization


def _check_place(municipality, organization):
    if organization is not None and municipality is not None and organization.municipality_id not in (
            None, municipality.pk):
        raise InvalidInput("organization_elsewhere", f"«{organization.name_fa}» از سازمان‌های {municipality.name_fa} نیست.",
                           f"“{organization.slug}” is not an organization of {municipality.slug}.",
                           field="organization")
    return municipality or (organization.municipality if organization else None)


def _event(idea, actor, action, previous, comment=""):
    event = IdeaEvent.objects.create(idea=idea, action=action, from_state=previous, to_state=idea.state,
                                     actor=audit.stored_user(actor), comment=comment)
    transaction.on_commit(lambda: notify.state_changed(idea, event))
    if idea.submitter_id:
        network_services.notify([idea.submitter], gettext_noop("Your idea %(number)s has moved on a step."),
                                url=idea.get_absolute_url(), number=idea.tracking_number)
    return event


@transaction.atomic
def submit_idea(actor, *, title, problem, proposal, municipality=None, organization=None, goals=(), indicators=(),
                name="", email="", attachments=(), is_sample_data=False):
    """A new idea in `submitted`. A signed-in user submits as themself; anyone else gives a name and an email
    address, and the idea waits for them to confirm it (by the emailed link) before it reaches screening."""
    values = {"title": normalize(title or ""), "problem": normalize(problem or ""),
              "proposal": normalize(proposal or "")}
    require_filled(values, "title", "problem", "proposal")
    signed_in = getattr(actor, "is_authenticated", False)
    if signed_in:
        origin, source = _origin_of(actor)
        name, email = actor.get_full_name() or actor.username, actor.email
    else:
        origin, source = Origin.CITIZEN, None
        name, email = normalize(name or ""), (email or "").strip()
        # The system (the demo, an import of ideas collected on paper) may record a citizen without an email.
        require_filled({"name": name, "email": email or network_access.is_system(actor)}, "name", "email")
    idea = Idea.objects.create(
        **values, origin=origin, source_organization=source, submitter=actor if signed_in else None,
        municipality=_check_place(municipality, organization), organization=organization,
        submitter_name=name[:200], submitter_email=email, is_sample_data=is_sample_data,
        email_confirmed_at=timezone.now() if signed_in or network_access.is_system(actor) else None)
    idea.goals.set(goals)
    idea.indicators.set(indicators)
    for upload in attachments:
        _attach(idea, upload)
    IdeaEvent.objects.create(idea=idea, action="submit", to_state=idea.state, actor=audit.stored_user(actor))
    audit.record(actor, "ideas.idea.submit", idea)
    if idea.email_confirmed_at is None:
        transaction.on_commit(lambda: notify.confirm_email(idea))
    elif actor is not None:
        transaction.on_commit(lambda: notify.received(idea))
    search.update("idea", idea)
    return idea


@transaction.atomic
def confirm_email(idea):
    """The anonymous submitter followed the emailed link: the idea now goes to screening's queue."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.email_confirmed_at is None:
        idea.email_confirmed_at = timezone.now()
        idea.save(update_fields=["email_confirmed_at"])
        audit.record(None, "ideas.idea.confirm_email", idea)
        transaction.on_commit(lambda: notify.received(idea))
        search.update("idea", idea)
    return idea


def _attach(idea, upload, title=""):
    check_upload(upload, field="attachment")
    return IdeaAttachment.objects.create(idea=idea, title=normalize(title or "")[:200] or upload.name[:200],
                                         file=upload, size=upload.size)


@transaction.atomic
def add_attachment(actor, idea, *, file, title=""):
    access.check_can_attach(actor, idea)
    attachment = _attach(idea, file, title)
    audit.record(actor, "ideas.idea.attach", idea, changes={"attachment": attachment.title})
    return attachment


# --- reviews -------------------------------------------------------------------------------------

ASSIGNABLE = (IdeaState.SCREENING, IdeaState.EXPERT_REVIEW)


@transaction.atomic
def assign_experts(actor, idea, experts, *, due_on=None):
    """Assigns each expert (skipping those already assigned); refuses the whole list if one cannot review it."""
    experts = list(experts)
    if not experts:
        raise InvalidInput("experts_required", "دست‌کم یک کارشناس برگزینید.", "Choose at least one expert.",
                           field="experts")
    for expert in experts:
        access.check_can_assign(actor, idea, expert)
    if idea.state not in ASSIGNABLE:
        raise DomainError("illegal_assignment",
                          f"ایده در وضعیت «{idea.get_state_display()}» است؛ کارشناس در غربالگری یا داوری گزیده می‌شود.",
                          f"An idea in state “{idea.state}” takes no experts; assign them in screening or review.")
    already = set(idea.reviews.values_list("expert_id", flat=True))
    due_on = due_on or timezone.localdate() + datetime.timedelta(days=settings.IDEA_REVIEW_DAYS)
    created = [Review.objects.create(idea=idea, expert=expert, due_on=due_on) for expert in experts
               if expert.pk not in already]
    for review in created:
        audit.record(actor, "ideas.review.assign", idea, changes={"expert": review.expert.username})
        transaction.on_commit(lambda review=review: notify.expert_assigned(review))
    network_services.notify([review.expert for review in created], gettext_noop("An idea was given to you to review."),
                            url=reverse("ideas:reviews"))
    return created


@transaction.atomic
def submit_review(actor, review, *, comment="", **scores):
    """The expert's scores, 1 to 5 for each criterion, and comment; a submitted review is final."""
    access.check_can_review(actor, review)
    review = Review.objects.select_for_update().select_related("idea").get(pk=review.pk)
    if review.idea.state != IdeaState.EXPERT_REVIEW:
        raise DomainError("not_in_review", "این ایده دیگر در مرحله‌ی داوری نیست.", "The idea is no longer in review.")
    if review.is_completed:
        raise DomainError("already_reviewed", "داوری شما پیش‌تر فرستاده شده است.", "Your review is already submitted.")
    for name in CRITERIA:
        value = scores.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise InvalidInput("bad_score", f"امتیاز «{name}» باید عددی از ۱ تا ۵ باشد.",
                               f"The score “{name}” must be a whole number from 1 to 5.", field=name)
        setattr(review, name, value)
    review.comment = normalize(comment or "")
    review.submitted_at = timezone.now()
    review.save()
    audit.record(actor, "ideas.review.submit", review.idea, changes={"review": review.pk})
    return review


# --- moves ---------------------------------------------------------------------------------------

def _check_decision(idea, decision):
    if decision not in Decision.values:
        raise InvalidInput("decision_required", "تصمیم را برگزینید: پشتیبانی، اجرای آزمایشی یا رد.",
                           "Choose the decision: supported, pilot or rejected.", field="decision")
    required = settings.IDEA_REQUIRED_REVIEWS
    done = idea.reviews.completed().count()
    if done < required:
        raise DomainError("reviews_missing", f"برای تصمیم {persian_digits(required)} داوری کامل لازم است و "
                                             f"{persian_digits(done)} داوری رسیده است.",
                          f"A decision needs {required} completed reviews; {done} are in.")


def _period(text, field):
    try:
        return Period.parse(text).key
    except JalaliParseError as error:
        raise InvalidInput("bad_period", error.message_fa, error.message_en, field=field) from None


def _start_pilot(idea, pilot):
    if idea.decision != Decision.PILOT:
        raise DomainError("not_a_pilot", "تنها ایده‌ای که تصمیمش «اجرای آزمایشی» است به آزمایش می‌رود.",
                          "Only an idea decided as a pilot can start one.")
    pilot = dict(pilot or {})
    require_filled(pilot, "municipality", "plan", "start_period", "indicators")
    municipality = _check_place(pilot["municipality"], pilot.get("organization"))
    created = Pilot.objects.create(idea=idea, municipality=municipality, organization=pilot.get("organization"),
                                   plan=normalize(pilot["plan"]),
                                   start_period=_period(pilot["start_period"], "start_period"))
    created.indicators.set(pilot["indicators"])


def _evaluate(idea, comment, end_period):
    pilot = idea.pilot
    pilot.evaluation = comment
    pilot.end_period = _period(end_period, "end_period") if end_period else ""
    if pilot.end_period and pilot.end_period < pilot.start_period:
        raise InvalidInput("end_before_start", "دوره‌ی پایانی پیش از دوره‌ی آغاز است.",
                           "The last period is before the first one.", field="end_period")
    pilot.save(update_fields=["evaluation", "end_period"])


@transaction.atomic
def move_idea(actor, idea, action, comment="", *, decision=None, pilot=None, end_period=None):
    """Moves an idea by `action` from the table in workflow.py.

    decide takes `decision` (supported, pilot or rejected) with the reasons in `comment`; start_pilot takes
    `pilot` = {municipality, organization, indicators, plan, start_period}; evaluate takes the evaluation in
    `comment` and optionally the pilot's `end_period`.
    """
    def effect(step):
        current = step.obj
        if action == "screen" and current.email_confirmed_at is None:
            raise DomainError("email_unconfirmed", "فرستنده هنوز نشانی ایمیلش را تأیید نکرده است.",
                              "The submitter has not confirmed their email address yet.")
        if action == "send_to_review" and not current.reviews.exists():
            raise InvalidInput("no_experts", "پیش از فرستادن به داوری دست‌کم یک کارشناس برگزینید.",
                               "Assign at least one expert before sending the idea to review.", field="experts")
        if action == "decide":
            _check_decision(current, decision)
            step.set(decision=decision, decision_reasons=step.comment)
            step.changes["decision"] = decision
        elif action == "start_pilot":
            _start_pilot(current, pilot)
        elif action == "evaluate":
            _evaluate(current, step.comment, end_period)
        _event(current, actor, action, step.previous, step.comment)

    current = IDEAS.apply(actor, idea, action, comment, effect=effect,
                          authorize=lambda row: access.check_can_move(actor, row, action))
    search.update("idea", current)
    return current
