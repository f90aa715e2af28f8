import pytest

from kalanshahr.ideas import services
from kalanshahr.ideas.models import Idea
from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy.models import Indicator
from kalanshahr.network.access import SYSTEM

# The actions (by the system) that bring a fresh idea to each state. Both demo experts are assigned once it is
# in screening and have reviewed once it is in expert review; the decision is `pilot`.
PATHS = {
    "submitted": [],
    "screening": ["screen"],
    "expert_review": ["screen", "send_to_review"],
    "decided": ["screen", "send_to_review", "decide"],
    "in_progress": ["screen", "send_to_review", "decide", "start_pilot"],
    "evaluated": ["screen", "send_to_review", "decide", "start_pilot", "evaluate"],
    "scaled": ["screen", "send_to_review", "decide", "start_pilot", "evaluate", "scale"],
    "stopped": ["screen", "send_to_review", "decide", "start_pilot", "stop"],
}
SCORES = {"alignment": 4, "feasibility": 3, "cost": 5, "impact": 4, "novelty": 2}


@pytest.fixture
def pilot_plan(demo):
    return {"municipality": Municipality.objects.get(slug="tehran"), "organization": None,
            "indicators": [Indicator.objects.get(code="NET-SAT-02")], "plan": "آزمایش در دو ناحیه",
            "start_period": "1404-06"}


@pytest.fixture
def arguments(pilot_plan):
    """The extra arguments each move takes, besides its comment."""
    return {"decide": {"decision": "pilot"}, "start_pilot": {"pilot": pilot_plan}}


@pytest.fixture
def make_idea(users, arguments):
    """make_idea("decided") submits a citizen's idea about Tehran's urban services and drives it there."""
    organization = Organization.objects.get(slug="tehran-urban-services")

    def make(state="submitted", experts=True, **values):
        values = {"title": "ایده‌ی آزمایشی", "problem": "مسئله", "proposal": "پیشنهاد", "name": "شهروند",
                  "email": "citizen@example.org", "municipality": organization.municipality,
                  "organization": organization, **values}
        idea = services.submit_idea(SYSTEM, **values)
        for action in PATHS[state]:
            services.move_idea(SYSTEM, idea, action, "توضیح", **arguments.get(action, {}))
            if action == "screen" and experts:
                services.assign_experts(SYSTEM, idea, [users["expert1"], users["expert2"]])
            if action == "send_to_review":
                for review in idea.reviews.select_related("expert"):
                    services.submit_review(review.expert, review, comment="نظر", **SCORES)
        return Idea.objects.with_related().get(pk=idea.pk)

    return make
