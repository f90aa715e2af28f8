import pytest

from kalanshahr.meetings import services
from kalanshahr.meetings.models import Meeting, Resolution
from kalanshahr.network.models import Municipality, Organization
from kalanshahr.network.access import SYSTEM

# The actions (by the system) that bring a fresh draft to each state.
PATHS = {
    "draft": [],
    "adopted": ["adopt"],
    "submitted": ["adopt", "submit"],
    "approved": ["adopt", "submit", "approve"],
    "returned": ["adopt", "submit", "return"],
    "rejected": ["adopt", "submit", "reject"],
    "withdrawn": ["withdraw"],
}


@pytest.fixture
def meeting(demo):
    """The demo's 30th meeting (Tabriz, 14 cities)."""
    return Meeting.objects.with_related().get(number=30)


@pytest.fixture
def make_resolution(meeting):
    """make_resolution("submitted") drafts a resolution on the meeting's first agenda item and drives it there."""
    item = meeting.agenda_items.select_related("working_group").first()
    authority = Organization.objects.get(slug="municipalities-organization")

    def make(state="draft", authority=authority):
        resolution = services.create_resolution(SYSTEM, item, text="متن آزمایشی مصوبه", authority=authority)
        for action in PATHS[state]:
            services.transition_resolution(SYSTEM, resolution, action, "دلیل آزمایشی")
        return Resolution.objects.with_related().get(pk=resolution.pk)

    return make



@pytest.fixture
def tehran():
    return Municipality.objects.get(slug="tehran")
