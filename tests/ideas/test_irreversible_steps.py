"""A step that nothing in its table undoes is asked for with a warning that says so (and what it sets off)."""

import pytest

from kalanshahr.ideas.workflow import IDEA_MOVES
from kalanshahr.lib.workflow import is_irreversible
from kalanshahr.meetings.models import Resolution
from kalanshahr.meetings.workflow import RESOLUTION_TRANSITIONS
from kalanshahr.strategy.workflow import MEASUREMENT_MOVES

pytestmark = pytest.mark.django_db


def test_which_moves_cannot_be_undone():
    final = {action for action, move in RESOLUTION_TRANSITIONS.items() if is_irreversible(RESOLUTION_TRANSITIONS, move)}
    assert {"approve", "reject", "withdraw"} <= final and "return" not in final
    assert not is_irreversible(MEASUREMENT_MOVES, MEASUREMENT_MOVES["verify"])  # a verified value can be reopened
    assert is_irreversible(IDEA_MOVES, IDEA_MOVES["decide"])


def test_the_authority_is_warned_before_approving_and_told_what_it_opens(client_for):
    resolution = Resolution.objects.get(code="30-FIN-01")  # submitted to the demo authority
    client = client_for("authority")
    page = client.get(f"/resolutions/{resolution.pk}/approve/").content.decode()
    participants = resolution.meeting.participants.count()
    assert "برنمی‌گردد" in page and "callout warn" in page
    digits = str(participants).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert f"برای هر یک از {digits} شهر شرکت‌کننده" in page
    english = client.get(f"/en/resolutions/{resolution.pk}/approve/").content.decode()
    assert "cannot be undone" in english and f"each of the {participants} participating cities" in english
    returning = client.get(f"/resolutions/{resolution.pk}/return/").content.decode()
    assert "callout warn" not in returning


def test_the_screener_is_warned_before_a_decision(client_for, make_idea):
    idea = make_idea("expert_review")
    page = client_for("secretariat").get(f"/ideas/{idea.pk}/").content.decode()
    decide = page.split(f'action="/ideas/{idea.pk}/decide/"', 1)[1].split("</form>", 1)[0]
    assert "callout warn" in decide
