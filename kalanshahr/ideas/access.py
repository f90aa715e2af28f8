"""Who may do what with ideas; the views, the API and the services ask here.

* Anyone may submit an idea; an anonymous citizen gives a name and an email address they confirm.
* The secretariat screens: it assigns experts, moves ideas along, decides and runs pilots.
* An expert reviews the ideas assigned to them, never one from their own organization (or their own idea),
  and sees the other reviewers' scores only after submitting their own.
* A pilot's city (its editors, and managers of the pilot's organization) evaluates the pilot.
* The submitter follows their own idea; a city's editors see the ideas about their city.
* Anyone, signed in or not, reads the public page of a confirmed citizen idea: its state and the reasons
  of the decision, but never the reviewers or their scores.
"""

from django.db.models import Q

from kalanshahr.lib import workflow
from kalanshahr.lib.errors import AccessDenied, InvalidInput
from kalanshahr.network import access as network_access
from kalanshahr.network.models import Membership, Role

from .models import Idea, Review
from .workflow import IDEA_MOVES, PILOT_OWNER, SCREENER


def is_screener(user):
    return network_access.is_secretariat(user)


def is_expert(user):
    return Role.EXPERT_REVIEWER in network_access.roles(user)


def expert_organization_ids(user):
    return {m.organization_id for m in network_access.memberships(user)}


def has_conflict(expert, idea):
    """An expert may not judge an idea from, or about, their own organization, nor their own idea."""
    own = expert_organization_ids(expert)
    return (idea.submitter_id is not None and idea.submitter_id == expert.pk) or bool(
        own & {idea.organization_id, idea.source_organization_id})


def experts_with_conflict(experts, idea):
    """The ids of `experts` who have a conflict with `idea` (has_conflict for many, in one query)."""
    ids = [expert.pk for expert in experts]
    organizations = {idea.organization_id, idea.source_organization_id} - {None}
    conflicted = set(Membership.objects.filter(user__in=ids, organization__in=organizations)
                     .values_list("user_id", flat=True))
    return conflicted | ({idea.submitter_id} & set(ids))


def can_attach(user, idea):
    return is_screener(user) or (idea.submitter_id is not None and idea.submitter_id == getattr(user, "pk", None))


def check_can_attach(user, idea):
    if not can_attach(user, idea):
        raise AccessDenied("تنها فرستنده‌ی ایده و دبیرخانه پیوست می‌افزایند.",
                           "Only the submitter and the secretariat add attachments.")


def check_can_assign(actor, idea, expert):
    if not is_screener(actor):
        raise AccessDenied("گزینش کارشناسان با دبیرخانه است.", "The secretariat assigns the experts.")
    name = expert.get_full_name() or expert.username
    if not is_expert(expert):
        raise InvalidInput("not_an_expert", f"{name} کارشناس داوری نیست.", f"{expert.username} is not an expert reviewer.",
                           field="experts")
    if has_conflict(expert, idea):
        raise InvalidInput("conflict_of_interest",
                           f"{name} نمی‌تواند ایده‌ای از سازمان خودش یا درباره‌ی آن را داوری کند.",
                           f"{expert.username} cannot review an idea from or about their own organization.",
                           field="experts")


def can_review(user, review):
    return (getattr(user, "is_authenticated", False) and review.expert_id == user.pk
            and not has_conflict(user, review.idea))


def check_can_review(user, review):
    if not can_review(user, review):
        raise AccessDenied("این داوری به شما سپرده نشده است.", "This review is not assigned to you.")


def holds(user, idea, actor):
    if actor == SCREENER:
        return is_screener(user)
    if actor == PILOT_OWNER:
        pilot = getattr(idea, "pilot", None)
        if pilot is None:
            return False
        if pilot.municipality_id in network_access.edited_municipality_ids(user):
            return True
        return pilot.organization is not None and network_access.can_edit_organization(user, pilot.organization)
    return False


def can_move(user, idea, action):
    move = IDEA_MOVES.get(action)
    return move is not None and any(holds(user, idea, actor) for actor in move.actors)


def check_can_move(user, idea, action):
    if not can_move(user, idea, action):
        raise AccessDenied()


def allowed_moves(user, idea):
    """The moves this user can make on the idea now, for the forms on its page."""
    return workflow.allowed_moves(IDEA_MOVES, idea.state, lambda move: can_move(user, idea, move.action))


def visible_ideas(user, queryset=None):
    """The ideas whose full page the user may open."""
    queryset = Idea.objects.all() if queryset is None else queryset
    if is_screener(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    cities = network_access.edited_municipality_ids(user)
    condition = Q(submitter=user) | Q(reviews__expert=user) | Q(municipality__in=cities) | Q(
        pilot__municipality__in=cities)
    return queryset.filter(pk__in=Idea.objects.filter(condition).values("pk"))


def visible_reviews(user, idea, reviews):
    """The reviews of `idea` the user may read (from the `reviews` list, already loaded).

    The screener reads them all. An expert reads their own, and the others' once theirs is submitted, so that
    nobody is swayed by the scores already given. Nobody else reads any.
    """
    if is_screener(user):
        return list(reviews)
    own = [r for r in reviews if r.expert_id == getattr(user, "pk", None)]
    if not own:
        return []
    if own[0].is_completed:
        return [r for r in reviews if r.is_completed or r.pk == own[0].pk]
    return own


def reviews_visible_to(user, queryset=None):
    """The same rule as visible_reviews, as a queryset over every idea (for the API)."""
    queryset = Review.objects.all() if queryset is None else queryset
    if is_screener(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    submitted_ideas = Review.objects.filter(expert=user, submitted_at__isnull=False).values("idea_id")
    return queryset.filter(Q(expert=user) | Q(idea__in=submitted_ideas, submitted_at__isnull=False))


def reviews_to_do(user):
    if not is_expert(user):
        return Review.objects.none()
    return Review.objects.pending().filter(expert=user, idea__state="expert_review")


def ideas_to_screen(user):
    """Confirmed ideas waiting for the screener to pick them up."""
    if not is_screener(user):
        return Idea.objects.none()
    return Idea.objects.confirmed().filter(state="submitted").select_related("municipality")

