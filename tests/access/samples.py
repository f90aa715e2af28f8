"""Which demo object each URL is tried on, and the body each API write sends.

The objects are chosen so that the matrix says something about scope: every city-scoped object is
Tehran's, so `tehran_editor` and `tehran_urban_services` act on their own city and `mashhad_editor`
on another city; the resolution is addressed to the demo authority; the review is expert2's, still open.
"""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from captcha.models import CaptchaStore

from kalanshahr.benchmarking.models import ExchangeRequest, Experience, PeerGroup, PeerScheme
from kalanshahr.ideas.models import Idea, IdeaAttachment, IdeaState, Review
from kalanshahr.meetings import calendar
from kalanshahr.meetings.models import (Adoption, AdoptionEvidence, AgendaItem, AgendaProposal, Attendance, Attendee,
                                        Commitment, Letter, Meeting, Minutes, ProposalAttachment, Resolution, Vote)
from kalanshahr.network.models import Municipality, Notification, ReportFile, Tag
from kalanshahr.portal.models import News
from kalanshahr.strategy.models import Clause, Goal, ImportJob, Measurement, MeasurementStatus, Milestone, Program, Target
from kalanshahr.surveys.models import Questionnaire, Wave, WaveState

SERIES = "financial-administrative-deputies"
COMPANY = "tehran-industries-jobs-company"


class Samples:
    """Looks the demo objects up once per test (primary keys differ between databases)."""

    def __init__(self):
        meeting = Meeting.objects.get(series__slug=SERIES, number=30)
        self.meeting = {"series": SERIES, "number": 30}
        self.agenda_item = AgendaItem.objects.filter(meeting=meeting).order_by("pk").first()
        self.resolution = Resolution.objects.get(code="30-FIN-01")  # submitted to the demo authority
        self.approved = Resolution.objects.get(code="30-ADM-01")
        self.adoption = Adoption.objects.get(resolution=self.approved, municipality__slug="tehran")
        self.commitment = Commitment.objects.get(owner_organization__slug="tehran-planning")
        self.program = Program.objects.get(owner_organization__slug=COMPANY)
        self.milestone = Milestone.objects.filter(program=self.program).order_by("pk").first()
        self.measurement = Measurement.objects.get(organization__slug=COMPANY, status=MeasurementStatus.SUBMITTED)
        self.goal = Goal.objects.filter(organization__slug=COMPANY).order_by("pk").first()
        self.target = Target.objects.filter(organization__slug=COMPANY).order_by("pk").first()
        self.clause = Clause.objects.filter(document__slug="tehran-comprehensive-plan").order_by("pk").first()
        self.experience = Experience.objects.get(municipality__slug="tehran")
        self.exchange = ExchangeRequest.objects.get(to_municipality__slug="tehran")
        self.idea = Idea.objects.get(state=IdeaState.EXPERT_REVIEW)  # Tehran's
        self.review = Review.objects.get(idea=self.idea, expert__username="expert2", submitted_at__isnull=True)
        self.new_idea = Idea.objects.get(state=IdeaState.SUBMITTED, municipality__slug="tehran")
        self.screened_idea = Idea.objects.get(state=IdeaState.SCREENING)
        self.public_idea = Idea.objects.public().order_by("pk").first()
        self.attachment = IdeaAttachment.objects.create(
            idea=self.idea, title="پیوست", file=ContentFile(b"%PDF-1.4\n", name="note.pdf"), size=9)
        self.news = News.objects.published().order_by("code").first()
        self.tag = Tag.objects.filter(news__isnull=False).order_by("pk").first()  # tags are shared with experiences
        self.scheme = PeerScheme.objects.get(slug="population-band")
        self.group = PeerGroup.objects.get(slug="population-over-2m")
        self.captcha_key = CaptchaStore.generate_key()
        self.wave = Wave.objects.get(municipality__slug="tehran", state=WaveState.OPEN)  # still open: te runs it
        self.questionnaire = Questionnaire.objects.order_by("pk").first()
        self.evidence = AdoptionEvidence.objects.create(
            adoption=self.adoption, name="letter.pdf", size=9, file=ContentFile(b"%PDF-1.4\n", name="letter.pdf"))
        self.import_job = ImportJob.objects.create(
            actor=get_user_model().objects.get(username="tehran_editor"), filename="values.csv",
            stored_name="not-kept.csv", size=1)
        self.report = ReportFile.objects.create(
            requested_by=get_user_model().objects.get(username="tehran_editor"), kind="strategy.period_report",
            language="fa", title="گزارش دوره‌ای", filename="period-report", status=ReportFile.Status.DONE,
            file=ContentFile(b"%PDF-1.4\n", name="report.pdf"))
        # The meeting cycle: the demo's meeting 31 (its call open, Rasht's proposal awaiting the secretariat), an
        # attendee of meeting 30 from Tehran, the letter of 30-FIN-01's submission, meeting 30's minutes and a vote.
        self.meeting_31 = Meeting.objects.get(series__slug=SERIES, number=31)
        self.proposal = AgendaProposal.objects.get(meeting=self.meeting_31, state="submitted")
        self.proposal_file = ProposalAttachment.objects.create(
            proposal=self.proposal, name="note.pdf", size=9, file=ContentFile(b"%PDF-1.4\n", name="note.pdf"))
        self.attendee = Attendee.objects.get(meeting=meeting, municipality__slug="tehran")
        self.attendance = Attendance.objects.filter(attendee=self.attendee).order_by("pk").first()
        self.letter = Letter.objects.filter(resolution=self.resolution).order_by("pk").first()
        self.minutes = Minutes.objects.filter(meeting=meeting).order_by("pk").first()
        self.vote = Vote.objects.order_by("pk").first()
        # A calendar program reads a feed with its address's token, signed in as nobody.
        self.calendar_token = calendar.person_token(get_user_model().objects.get(username="tehran_editor"))
        self.city_calendar_token = calendar.city_token(Municipality.objects.get(slug="tehran"))
        self.notification = Notification.objects.create(
            user=get_user_model().objects.get(username="tehran_editor"), message="Your comment was published.",
            url="/news/")

    def kwargs(self, name):
        """The URL arguments for a named route; {} for routes without any."""
        m = self.meeting
        table = {
            "network:municipality": {"slug": "tehran"},
            "network:municipality_edit": {"slug": "tehran"},
            "network:organization": {"slug": "tehran-urban-services"},
            "network:organization_edit": {"slug": "tehran-urban-services"},
            "network:organization_add_unit": {"slug": "tehran-urban-services"},
            "network:report": {"pk": self.report.pk},
            "network:report_file": {"pk": self.report.pk},
            "meetings:meeting": m,
            "meetings:meeting_report": m,
            "meetings:meeting_report_pdf": m,
            "meetings:meeting_export": {**m, "fmt": "csv"},
            "meetings:agenda_item_add": m,
            "meetings:resolution_add": {**m, "item": self.agenda_item.pk},
            "meetings:commitment_add": m,
            "meetings:commitment_status": {"pk": self.commitment.pk},
            "meetings:commitment_edit": {"pk": self.commitment.pk},
            "meetings:commitment_delete": {"pk": self.commitment.pk},
            "meetings:meeting_edit": m,
            "meetings:meeting_delete": m,
            "meetings:agenda_item_edit": {**m, "item": self.agenda_item.pk},
            "meetings:agenda_item_delete": {**m, "item": self.agenda_item.pk},
            "meetings:resolution_edit": {"pk": self.resolution.pk},
            "meetings:resolution_delete": {"pk": self.resolution.pk},
            "meetings:resolution": {"pk": self.resolution.pk},
            "meetings:resolution_transition": {"pk": self.resolution.pk, "action": "approve"},
            "meetings:adoption_matrix_export": {"fmt": "csv"},
            "meetings:adoption_edit": {"pk": self.adoption.pk},
            "meetings:adoption_evidence": {"pk": self.adoption.pk, "evidence_pk": self.evidence.pk},
            "meetings:proposals": {"series": SERIES, "number": 31},
            "meetings:proposal_add": {"series": SERIES, "number": 31},
            "meetings:proposal": {"pk": self.proposal.pk},
            "meetings:proposal_attachment": {"pk": self.proposal.pk, "attachment_pk": self.proposal_file.pk},
            "meetings:proposal_decide": {"pk": self.proposal.pk, "action": "decline"},
            "meetings:attendance": m,
            "meetings:answer_invitation": {**m, "attendee_pk": self.attendee.pk},
            "meetings:minutes": {**m, "group": "REV"},
            "meetings:follow_up": {"series": SERIES, "number": 31},
            "meetings:follow_up_pdf": {"series": SERIES, "number": 31},
            "meetings:letter_pdf": {"pk": self.resolution.pk, "letter_pk": self.letter.pk},
            "meetings:meeting_ics": m,
            "meetings:person_feed": {"token": self.calendar_token},
            "meetings:city_feed": {"slug": "tehran", "token": self.city_calendar_token},
            "strategy:organization": {"slug": COMPANY},
            "strategy:enter": {"slug": COMPANY},
            "strategy:report": {"slug": COMPANY},
            "strategy:report_pdf": {"slug": COMPANY},
            "strategy:close": {"slug": COMPANY},
            "strategy:goal_add": {"slug": COMPANY},
            "strategy:indicator_add": {"slug": COMPANY},
            "strategy:program_add": {"slug": COMPANY},
            "strategy:program_update": {"pk": self.program.pk},
            "strategy:milestone_done": {"pk": self.milestone.pk},
            "strategy:indicator": {"code": self.measurement.indicator.code},
            "strategy:indicator_edit": {"code": self.measurement.indicator.code},
            "strategy:target_set": {"code": self.measurement.indicator.code},
            "strategy:explain": {"pk": self.measurement.pk},
            "strategy:move": {"pk": self.measurement.pk, "action": "verify"},
            "strategy:document": {"slug": "tehran-comprehensive-plan"},
            "strategy:import_job": {"pk": self.import_job.pk},
            "benchmarking:city": {"slug": "tehran"},
            "benchmarking:scheme_edit": {"slug": self.scheme.slug},
            "benchmarking:group_add": {"scheme_slug": self.scheme.slug},
            "benchmarking:group_edit": {"slug": self.group.slug},
            "benchmarking:group_delete": {"slug": self.group.slug},
            "benchmarking:experience": {"pk": self.experience.pk},
            "benchmarking:experience_edit": {"pk": self.experience.pk},
            "benchmarking:experience_move": {"pk": self.experience.pk, "action": "withdraw"},
            "benchmarking:request": {"pk": self.exchange.pk},
            "ideas:confirm": {"token": "not-a-token"},
            "ideas:review": {"pk": self.review.pk},
            "workspace:notification_open": {"pk": self.notification.pk},
            "ideas:public_idea": {"pk": self.public_idea.pk},
            "ideas:idea": {"pk": self.idea.pk},
            "ideas:assign": {"pk": self.screened_idea.pk},
            "ideas:attachment": {"pk": self.idea.pk, "attachment_pk": self.attachment.pk},
            "ideas:move": {"pk": self.new_idea.pk, "action": "screen"},
            "portal:tag": {"name": self.tag.name},
            "portal:city": {"slug": "tehran"},
            "portal:news": {"code": self.news.code},
            "portal:comment": {"code": self.news.code},
            "portal:news_edit": {"code": self.news.code},
            "surveys:questionnaire": {"code": self.questionnaire.code},
            "surveys:version_new": {"code": self.questionnaire.code},
            "surveys:wave": {"pk": self.wave.pk},
            "surveys:qr": {"pk": self.wave.pk},
            "surveys:close": {"pk": self.wave.pk},
            "surveys:issue": {"pk": self.wave.pk},
            "surveys:results_csv": {"pk": self.wave.pk},
            "surveys:answer": {"key": self.wave.public_key},
            "surveys:thanks": {"key": self.wave.public_key},
            "captcha-image": {"key": self.captcha_key},
            "captcha-image-2x": {"key": self.captcha_key},
            "captcha-audio": {"key": self.captcha_key},
            # The API's detail routes
            "meeting-series-detail": {"pk": self.approved.meeting.series_id},
            "working-group-detail": {"pk": self.approved.working_group_id},
            "meeting-detail": {"pk": self.approved.meeting_id},
            "agenda-item-detail": {"pk": self.agenda_item.pk},
            "resolution-detail": {"pk": self.resolution.pk},
            "resolution-transition": {"pk": self.resolution.pk},
            "adoption-detail": {"pk": self.adoption.pk},
            "commitment-detail": {"pk": self.commitment.pk},
            "document-detail": {"slug": "tehran-comprehensive-plan"},
            "clause-detail": {"pk": self.clause.pk},
            "goal-detail": {"pk": self.goal.pk},
            "indicator-detail": {"code": self.measurement.indicator.code},
            "target-detail": {"pk": self.target.pk},
            "measurement-detail": {"pk": self.measurement.pk},
            "measurement-move": {"pk": self.measurement.pk},
            "import-detail": {"pk": self.import_job.pk},
            "shared-indicator-detail": {"code": "NET-SAT-01"},
            "peer-scheme-detail": {"slug": self.scheme.slug},
            "peer-group-detail": {"slug": self.group.slug},
            "experience-detail": {"pk": self.experience.pk},
            "experience-move": {"pk": self.experience.pk},
            "exchange-request-detail": {"pk": self.exchange.pk},
            "exchange-request-move": {"pk": self.exchange.pk},
            "idea-detail": {"pk": self.idea.pk},
            "idea-assign": {"pk": self.screened_idea.pk},
            "idea-move": {"pk": self.new_idea.pk},
            "review-detail": {"pk": self.review.pk},
            "review-submit": {"pk": self.review.pk},
            "news-detail": {"code": self.news.code},
            "questionnaire-detail": {"pk": self.questionnaire.pk},
            "survey-wave-detail": {"pk": self.wave.pk},
            "api_city_profile": {"slug": "tehran"},
            "agenda-proposal-detail": {"pk": self.proposal.pk},
            "agenda-proposal-decide": {"pk": self.proposal.pk},
            "meeting-attendee-detail": {"pk": self.attendee.pk},
            "meeting-attendee-answer": {"pk": self.attendee.pk},
            "attendance-detail": {"pk": self.attendance.pk},
            "minutes-detail": {"pk": self.minutes.pk},
            "vote-detail": {"pk": self.vote.pk},
        }
        return table.get(name, {})

    def body(self, name, method):
        """A valid body for each write whose empty body would be refused by validation before access is asked."""
        if method not in ("POST", "PUT", "PATCH"):
            return {}
        indicator = self.measurement.indicator
        bodies = {
            # the web
            "ideas:assign": {"experts": [self.review.expert_id]},
            "ideas:move": {"screen-comment": ""},
            # the API
            "resolution-transition": {"action": "approve", "comment": ""},
            "adoption-detail": {"status": "in_progress", "note": "آغاز اجرا"},
            "goal-list": {"organization": COMPANY, "title": "هدف آزمایشی", "start_year": 1405, "end_year": 1405,
                          "weight": 1, "clauses": [self.clause.pk]},
            "indicator-list": {"organization": COMPANY, "code": "IJ-90", "name_fa": "شاخص آزمایشی", "unit": "درصد",
                               "definition": "تعریف آزمایشی", "direction": indicator.direction, "frequency": "year", "clauses": [self.clause.pk]},
            "measurement-list": {"indicator": indicator.code, "municipality": "tehran", "organization": COMPANY,
                                 "period": "1398-01", "value": "12"},
            "measurement-move": {"action": "verify"},
            "peer-scheme-list": {"slug": "access-scheme", "name_fa": "گروه‌بندی آزمایشی", "kind": "custom"},
            "peer-scheme-detail": {"name_fa": "گروه‌بندی تازه"},
            "peer-group-list": {"slug": "access-group", "scheme": self.scheme.slug, "name_fa": "گروه آزمایشی",
                                "members": []},
            "peer-group-detail": {"name_fa": "گروه تازه"},
            "experience-list": {"municipality": "tehran", "title": "تجربه‌ی آزمایشی", "problem": "مسئله",
                                "actions": "اقدام", "results": "نتیجه"},
            "experience-move": {"action": "withdraw"},
            "exchange-request-list": {"from_municipality": "tehran", "to_municipality": "mashhad",
                                      "indicator": "NET-SAT-01", "question": "چگونه این کار را کردید؟"},
            "exchange-request-move": {"action": "answer", "answer": "پاسخ ما"},
            "idea-list": {"title": "ایده‌ی آزمایشی", "problem": "مسئله", "proposal": "پیشنهاد"},
            "idea-assign": {"experts": ["expert1", "expert2"]},
            "idea-move": {"action": "screen"},
            "review-submit": {"alignment": 4, "feasibility": 4, "cost": 3, "impact": 5, "novelty": 4},
            "agenda-proposal-list": {"meeting": self.meeting_31.pk, "municipality": "tehran", "working_group": "REV",
                                     "title": "موضوع آزمایشی", "problem": "مسئله", "solution": "راه‌حل"},
            "agenda-proposal-decide": {"action": "decline", "comment": "دلیل آزمایشی"},
            "meeting-attendee-list": {"meeting": self.attendee.meeting_id, "municipality": "tehran", "title": "معاون"},
            "meeting-attendee-answer": {"response": "confirmed"},
            "attendance-list": {"meeting": self.attendee.meeting_id, "day": str(self.attendee.meeting.starts_on),
                                "attendees": [self.attendee.pk]},
            "minutes-list": {"meeting": self.attendee.meeting_id, "working_group": "REV",
                             "held_on": str(self.attendee.meeting.starts_on), "summary": "خلاصه‌ی آزمایشی"},
        }
        return bodies.get(name, {})
