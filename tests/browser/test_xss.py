"""XSS: hostile text placed through the services in every free-text field the pages show, then every such page
opened in Chromium with the Content-Security-Policy switched off, so that only the templates' escaping (and
nh3 on news bodies) stands between the payloads and a dialog. No dialog may fire and no payload element may
reach the DOM.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model

from kalanshahr.benchmarking import services as benchmarking
from kalanshahr.ideas import services as ideas
from kalanshahr.meetings import services as meetings
from kalanshahr.meetings.models import Adoption, Meeting, Resolution
from kalanshahr.network import services as network
from kalanshahr.network.models import Municipality, Organization
from kalanshahr.portal import services as portal
from kalanshahr.strategy import services as strategy
from kalanshahr.strategy.models import Clause, Indicator, Measurement, MeasurementStatus

from .test_resolution_journey import MEETING, sign_in
from kalanshahr.network.access import SYSTEM

pytestmark = pytest.mark.browser

# One vector each for element injection, attribute breakout, URL schemes and nested documents.
PAYLOADS = [
    "<script>alert('s1')</script>",
    '"><img src=x onerror=alert("s2")>',
    "'><svg onload=alert('s3')>",
    '<a href="javascript:alert(\'s4\')" id="xss-link">پیوند</a>',
    '<iframe srcdoc="<script>alert(\'s5\')</script>"></iframe>',
    "</textarea><details open ontoggle=alert('s6')>",
]
HOSTILE = "متن " + " ".join(PAYLOADS)
INJECTED = "img[src='x'], svg[onload], iframe[srcdoc], details[ontoggle], a[href^='javascript'], script:not([src]):not([type='application/json'])"


def _place_payloads():
    """Every free-text field that some page shows, written as each service writes it. Returns the pages."""
    admin = get_user_model().objects.get(username="admin")
    tehran = Municipality.objects.get(slug="tehran")
    deputy = Organization.objects.get(slug="tehran-urban-services")
    network.update_organization(admin, deputy, name_fa="معاونت " + PAYLOADS[1], mission=HOSTILE, duties=[HOSTILE])
    meeting = Meeting.objects.get(series__slug="financial-administrative-deputies", number=30)
    group = meeting.series.working_groups.order_by("position").first()
    item = meetings.add_agenda_item(admin, meeting, working_group=group, title=HOSTILE[:190], description=HOSTILE)
    authority = Organization.objects.get(slug="municipalities-organization")
    resolution = meetings.create_resolution(admin, item, text=HOSTILE, authority=authority, rationale=HOSTILE)
    meetings.add_commitment(admin, title=HOSTILE[:190], description=HOSTILE, meeting=meeting, owner_user=admin,
                            due_on=datetime.date.today() + datetime.timedelta(days=7))
    approved = Resolution.objects.get(code="30-ADM-01")
    adoption = Adoption.objects.get(resolution=approved, municipality=tehran)
    meetings.update_adoption(admin, adoption, reference=HOSTILE[:90], note=HOSTILE)
    company = Organization.objects.get(slug="tehran-industries-jobs-company")
    clause = Clause.objects.filter(document__slug="tehran-comprehensive-plan").first()
    strategy.create_goal(admin, company, title=HOSTILE[:190], description=HOSTILE, start_year=1405, end_year=1405,
                         clauses=[clause])
    model = Indicator.objects.get(code="IJ-01")
    strategy.create_indicator(admin, company, code="XSS-01", clauses=[clause], name_fa=HOSTILE[:190],
                              definition=HOSTILE, unit="درصد", direction=model.direction, frequency=model.frequency)
    measurement = Measurement.objects.filter(organization=company, status=MeasurementStatus.VERIFIED).first()
    strategy.explain_measurement(admin, measurement, HOSTILE)
    experience = benchmarking.create_experience(admin, tehran, title=HOSTILE[:190], problem=HOSTILE, actions=HOSTILE,
                                                results=HOSTILE)
    exchange = benchmarking.send_request(admin, tehran, Municipality.objects.get(slug="mashhad"), question=HOSTILE,
                                         indicator=Indicator.objects.get(code="NET-SAT-01"))
    idea = ideas.submit_idea(admin, title=HOSTILE[:190], problem=HOSTILE, proposal=HOSTILE, municipality=tehran)
    news = portal.create_news(admin, title=HOSTILE[:190], lead=HOSTILE, body=f"<p>{HOSTILE}</p>", tags=["برچسب"])
    portal.publish_news(admin, news)
    portal.post_comment(SYSTEM, news, text="نظری درباره‌ی این خبر " + HOSTILE, name="شهروند " + PAYLOADS[1],
                        email="citizen@example.org")
    return [
        "/", MEETING, f"/resolutions/{resolution.pk}/", "/adoptions/", "/my-tasks/",
        "/organizations/tehran-urban-services/", "/monitoring/tehran-industries-jobs-company/",
        "/monitoring/board/", "/indicators/XSS-01/", f"/experiences/{experience.pk}/", "/experiences/",
        f"/exchange/{exchange.pk}/", "/exchange/", f"/ideas/{idea.pk}/", "/ideas/", news.get_absolute_url(),
        "/news/", "/moderation/", "/search/?q=" + PAYLOADS[1], "/benchmarking/?indicator=" + PAYLOADS[1],
        "/cities/tehran/",
    ]


def test_no_payload_fires_on_any_page_even_without_the_csp(live_demo, browser):
    paths = _place_payloads()
    context = browser.new_context(base_url=live_demo.url, bypass_csp=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    sign_in(page, "admin")
    problems, shown = [], 0
    for path in paths:
        for prefix in ("", "/en"):
            response = page.goto(prefix + path)
            assert response.status < 400, (path, response.status)
            page.wait_for_load_state("load")
            shown += "onerror=alert(" in page.locator("body").inner_text()
            injected = page.locator(INJECTED).count()
            if injected:
                problems.append(f"{prefix}{path}: {injected} payload elements in the DOM")
    context.close()
    print(f"\nXSS sweep: {len(PAYLOADS)} payloads in every field, {len(paths) * 2} page views, "
          f"{shown} showing a payload as text, {len(dialogs)} dialogs")
    # The home page, the matrix, the board, the queue and an ignored query show none as text: the other 31 must.
    assert shown >= 31, "the payloads must be on the pages for the sweep to mean anything"
    assert not dialogs, dialogs
    assert not problems, "\n".join(problems)
