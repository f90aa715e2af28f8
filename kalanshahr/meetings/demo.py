"""Demo for S1: the 30th meeting of the financial and administrative deputies, hosted by Tabriz over
two days with the 14 metropolises, its five working groups, 30 topics for the deputies' group,
resolutions in every state, adoptions at every stage and commitments, a few overdue.

The meeting's dates and all resolution texts are illustrative (the meeting is flagged as sample
data); every sentence is our own. Loading twice changes nothing: an existing meeting is left alone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from kalanshahr.lib.jalali import to_gregorian
from kalanshahr.network.models import Municipality, Organization

from . import services
from .models import Meeting, MeetingSeries
from kalanshahr.network.access import SYSTEM

SERIES = {
    "slug": "financial-administrative-deputies",
    "name_fa": "نشست‌های تخصصی معاونان مالی و اداری شهرداری‌های کلانشهرها",
    "name_en": "Meetings of the Financial and Administrative Deputies of the Metropolises",
    "description": "نشست‌های دوره‌ای که دبیرخانه‌ی نشست ادواری شهرداران برای هم‌اندیشی معاونان مالی و اداری برگزار می‌کند.",
}
GROUPS = [
    ("REV", "کارگروه درآمد", "Revenue working group"),
    ("AUD", "کارگروه حسابرسی", "Audit working group"),
    ("FIN", "کارگروه امور مالی", "Financial affairs working group"),
    ("ADM", "کارگروه اداری و رفاهی", "Administrative and welfare working group"),
    ("DEP", "کارگروه معاونین مالی و اداری", "Financial and administrative deputies working group"),
]
CITY_ORDER = ["tehran", "mashhad", "tabriz", "hamedan", "kermanshah", "ahvaz", "rasht", "isfahan", "shiraz", "zahedan",
              "urmia", "kerman", "qom", "karaj"]

# The deputies' group had 30 topics; these titles are ours.
DEPUTY_TOPICS = [
    "یکپارچه‌سازی سامانه‌های مالی شهرداری‌ها",
    "شیوه‌ی یکسان تهیه‌ی صورت‌های مالی تلفیقی",
    "وصول مطالبات شهرداری از دستگاه‌های دولتی",
    "تأمین مالی طرح‌های عمرانی با اوراق مشارکت",
    "ساماندهی بدهی‌های انباشته به سازمان تأمین اجتماعی",
    "بازنگری تعرفه‌ی عوارض محلی",
    "درآمد پایدار به جای عوارض ساخت‌وساز",
    "استقرار بودجه‌ریزی عملیاتی",
    "حسابداری تعهدی و بهای تمام‌شده‌ی خدمات",
    "انتشار عمومی قراردادهای شهرداری",
    "سامانه‌ی یکپارچه‌ی منابع انسانی",
    "ارزیابی عملکرد کارکنان بر پایه‌ی شاخص",
    "آموزش ضمن خدمت کارکنان مالی",
    "بیمه‌ی تکمیلی و خدمات رفاهی کارکنان",
    "ساماندهی نیروهای شرکتی و پیمانکاری",
    "کاهش مصرف انرژی در ساختمان‌های اداری",
    "مدیریت دارایی‌ها و املاک شهرداری",
    "مولدسازی دارایی‌های بی‌استفاده",
    "هماهنگی با دیوان محاسبات در حسابرسی‌ها",
    "استقرار حسابرسی داخلی",
    "پرداخت الکترونیکی عوارض",
    "کاهش هزینه‌های جاری",
    "سهم شهرداری‌ها از مالیات بر ارزش افزوده",
    "سهم شهرداری‌ها از عوارض خودرو و سوخت",
    "ساماندهی صندوق بازنشستگی کارکنان",
    "مشارکت بخش خصوصی در طرح‌های شهری",
    "مدیریت ریسک مالی و نقدینگی",
    "ساختار سازمانی یکسان برای معاونت‌های مالی و اداری",
    "سلامت و ایمنی کارکنان در محیط کار",
    "پیگیری مصوبات نشست‌های پیشین",
]
OTHER_TOPICS = {
    "REV": ["دستورالعمل یکسان محاسبه‌ی عوارض نوسازی", "درآمد از تبلیغات محیطی"],
    "AUD": ["واحد حسابرسی داخلی در هر شهرداری", "چک‌لیست مشترک حسابرسی قراردادها"],
    "FIN": ["اصلاح آیین‌نامه‌ی مالی شهرداری‌ها", "گزارش ماهانه‌ی نقدینگی"],
    "ADM": ["بسته‌ی رفاهی یکسان برای کارکنان", "دورکاری در واحدهای ستادی"],
}

MAIN_AUTHORITY, COUNCIL = "municipalities-organization", "supreme-council-of-provinces"

# (group, topic index within the group, text, rationale, authority, the actions that bring it to its state)
RESOLUTIONS = [
    ("DEP", 3, "هر کلانشهر فهرست مطالبات خود از دستگاه‌های دولتی را هر شش ماه به‌روز کند و دبیرخانه آن را برای "
               "پیگیری یکجا به مرجع ملی بفرستد.",
     "پیگیری پراکنده‌ی هر شهر نتیجه نداده است.", MAIN_AUTHORITY, ["adopt", "submit", "approve"]),
    ("DEP", 8, "بودجه‌ی سال آینده‌ی دست‌کم دو معاونت در هر شهرداری به شیوه‌ی عملیاتی و با شاخص‌های خروجی تهیه شود.",
     "پیوند بودجه با نتیجه، پایش عملکرد را ممکن می‌کند.", MAIN_AUTHORITY, ["adopt", "submit", "approve"]),
    ("DEP", 10, "همه‌ی قراردادهای بالاتر از سقف معاملات متوسط در درگاه شهرداری منتشر شود.",
     "", MAIN_AUTHORITY, ["adopt", "submit"]),
    ("DEP", 21, "پرداخت همه‌ی عوارض از راه یک درگاه الکترونیکی مشترک میان کلانشهرها ممکن شود.",
     "", MAIN_AUTHORITY, ["adopt", "submit", "return"]),
    ("DEP", 23, "سهم هر شهرداری از مالیات بر ارزش افزوده به نسبت جمعیت شناور آن بازتعریف شود.",
     "", COUNCIL, ["adopt", "submit", "reject"]),
    ("DEP", 30, "دبیرخانه گزارش اجرای مصوبات نشست‌های پیشین را در آغاز هر نشست ارائه کند.",
     "", MAIN_AUTHORITY, ["adopt"]),
    ("DEP", 15, "قراردادهای نیروی شرکتی با الگوی یکسان و سقف مشخص بسته شود.", "", MAIN_AUTHORITY, []),
    ("DEP", 25, "صندوق بازنشستگی مشترکی برای کارکنان کلانشهرها ایجاد شود.", "", MAIN_AUTHORITY, ["withdraw"]),
    ("REV", 1, "عوارض نوسازی در همه‌ی کلانشهرها با یک دستورالعمل و یک فرمول محاسبه شود.",
     "اختلاف روش‌ها شکایت شهروندان را زیاد کرده است.", COUNCIL, ["adopt", "submit", "approve"]),
    ("AUD", 1, "هر شهرداری کلانشهر واحد حسابرسی داخلی مستقل زیر نظر شهردار داشته باشد.",
     "", MAIN_AUTHORITY, ["adopt", "submit", "approve"]),
    ("FIN", 2, "گزارش ماهانه‌ی نقدینگی با قالب یکسان به دبیرخانه فرستاده شود.", "", MAIN_AUTHORITY, ["adopt", "submit"]),
    ("ADM", 1, "بسته‌ی رفاهی پایه‌ی یکسانی برای کارکنان همه‌ی کلانشهرها تعریف شود.", "", MAIN_AUTHORITY,
     ["adopt", "submit", "return", "submit", "approve"]),
]
COMMENTS = {
    "return": "پیش از تصویب، هزینه‌ی راه‌اندازی و سهم هر شهر روشن شود.",
    "reject": "این پیشنهاد به اصلاح قانون نیاز دارد و در اختیار این مرجع نیست.",
    "withdraw": "کارگروه بررسی بیشتر را به نشست بعد سپرد.",
}
# For each approved resolution, in order, how far each city (CITY_ORDER) has come.
ADOPTION_PATTERN = ["implemented", "in_progress", "pending", "implemented", "in_progress", "pending", "pending"]


def _jalali(text):
    year, month, day = (int(part) for part in text.split("/"))
    return to_gregorian(year, month, day)


def load(stdout):
    if Meeting.objects.filter(series__slug=SERIES["slug"], number=30).exists():
        stdout.write("meetings: the demo meeting is already there")
        return
    cities = {m.slug: m for m in Municipality.objects.filter(slug__in=CITY_ORDER)}
    organizations = {o.slug: o for o in Organization.objects.all()}
    series = MeetingSeries.objects.filter(slug=SERIES["slug"]).first() or services.create_series(SYSTEM, **SERIES)
    groups = {code: services.add_working_group(SYSTEM, series, code=code, name_fa=fa, name_en=en)
              for code, fa, en in GROUPS}
    meeting = services.create_meeting(
        SYSTEM, series, number=30, host=cities["tabriz"], starts_on=_jalali("1401/08/24"), ends_on=_jalali("1401/08/25"),
        participants=[cities[slug] for slug in CITY_ORDER], is_sample_data=True,
        summary="معاونان و مدیران مالی و اداری چهارده کلانشهر دو روز در تبریز درباره‌ی درآمد، حسابرسی، امور مالی و "
                "رفاه کارکنان گفت‌وگو کردند و مصوبات کارگروه‌ها در آیین پایانی خوانده شد.",
    )
    services.add_attendee(SYSTEM, meeting, title="مدیر دبیرخانه‌ی نشست ادواری شهرداران کلانشهرها",
                          organization=organizations["secretariat"])
    for slug in CITY_ORDER:
        services.add_attendee(SYSTEM, meeting, title=f"معاون مالی و اداری شهرداری {cities[slug].name_fa}",
                              municipality=cities[slug])

    items = {}
    for position, title in enumerate(DEPUTY_TOPICS, start=1):
        items[("DEP", position)] = services.add_agenda_item(SYSTEM, meeting, working_group=groups["DEP"], title=title)
    for code, titles in OTHER_TOPICS.items():
        for position, title in enumerate(titles, start=1):
            items[(code, position)] = services.add_agenda_item(SYSTEM, meeting, working_group=groups[code], title=title)

    approved = []
    for code, position, text, rationale, authority, actions in RESOLUTIONS:
        resolution = services.create_resolution(SYSTEM, items[(code, position)], text=text, rationale=rationale,
                                                authority=organizations[authority])
        for action in actions:
            vote = _vote(resolution, cities) if action == "adopt" else {}
            services.transition_resolution(SYSTEM, resolution, action, COMMENTS.get(action, ""), **vote)
        if resolution.state == "approved":
            approved.append(resolution)

    for index, resolution in enumerate(approved):
        for city_index, adoption in enumerate(resolution.adoptions.order_by("municipality__slug")):
            target = ADOPTION_PATTERN[(index + city_index) % len(ADOPTION_PATTERN)]
            if target in ("in_progress", "implemented"):
                services.update_adoption(SYSTEM, adoption, status="in_progress", started_on=_jalali("1401/10/01"))
            if target == "implemented":
                services.update_adoption(SYSTEM, adoption, status="implemented", implemented_on=_jalali("1402/02/15"),
                                         reference=f"۱۴۰۲/{100 + city_index}")

    User = get_user_model()
    commitments = [
        ("گزارش پیشرفت اجرای مصوبات به دبیرخانه", "1401/10/30", {"owner_organization": organizations["secretariat"]},
         None, "open"),
        ("فرستادن فهرست مطالبات تهران از دستگاه‌های دولتی", "1401/11/15",
         {"owner_organization": organizations["tehran-planning"]}, approved[0], "open"),
        ("پیش‌نویس دستورالعمل عوارض نوسازی", "1401/12/20", {"owner_organization": organizations["mashhad-planning"]},
         approved[2], "done"),
        ("گزارش استقرار حسابرسی داخلی در تهران", "1405/09/05", {"owner_user": User.objects.get(username="tehran_editor")},
         approved[3], "open"),
        ("کارگاه آموزشی بودجه‌ریزی عملیاتی برای شهرهای عضو", "1406/02/31",
         {"owner_organization": organizations["secretariat"]}, approved[1], "open"),
    ]
    for title, due, owner, resolution, status in commitments:
        commitment = services.add_commitment(SYSTEM, title=title, due_on=_jalali(due), meeting=meeting,
                                             resolution=resolution, **owner)
        if status != "open":
            services.set_commitment_status(SYSTEM, commitment, status)
    _cycle_of_meeting_30(meeting, groups)
    stdout.write(f"meetings: meeting 30 with {len(items)} agenda items, {len(RESOLUTIONS)} resolutions")
    _meeting_31(series, groups, cities)


# The votes are sample data like the meeting: one resolution of each group is voted city by city (one city against,
# two abstaining), the others were adopted by consensus.
VOTED_CITY_BY_CITY = {"REV", "AUD"}


def _vote(resolution, cities):
    if resolution.working_group.code not in VOTED_CITY_BY_CITY:
        return {"consensus": True}
    choices = {slug: "for" for slug in CITY_ORDER}
    choices.update({"zahedan": "against", "qom": "abstain", "karaj": "abstain"})
    return {"ballots": {cities[slug]: choice for slug, choice in choices.items()}}


MINUTES = {
    "DEP": ("معاونان درباره‌ی مطالبات از دستگاه‌های دولتی، بودجه‌ریزی عملیاتی و انتشار قراردادها گفت‌وگو کردند؛ "
            "بیشتر شهرها گفتند پیگیری جداگانه نتیجه نداده است.",
            "مصوبه‌های کارگروه به دبیرخانه سپرده شد تا به مرجع ملی فرستاده شود."),
    "REV": ("اعضا روش‌های محاسبه‌ی عوارض نوسازی را در شهرهای خود کنار هم گذاشتند و ناهمخوانی‌ها را برشمردند.",
            "یک دستورالعمل مشترک پیشنهاد شد و با رأی شهرها تصویب شد."),
}


def _cycle_of_meeting_30(meeting, groups):
    """The sample record of the meeting itself: every attendee confirmed and present on both days, and the minutes
    of two working groups."""
    attendees = list(meeting.attendees.all())
    for attendee in attendees:
        services.answer_invitation(SYSTEM, attendee, "confirmed")
    for offset in range(meeting.days):
        services.record_attendance(SYSTEM, meeting, day=meeting.starts_on + datetime.timedelta(days=offset),
                                   attendees=attendees)
    for code, (summary, decisions) in MINUTES.items():
        services.record_minutes(SYSTEM, meeting, groups[code], held_on=meeting.starts_on, summary=summary,
                                decisions=decisions)


def _meeting_31(series, groups, cities):
    """The next meeting (sample data: host and dates are made up), its call for agenda proposals open, with one
    proposal accepted and one awaiting the secretariat."""
    if series.meetings.filter(number=31).exists():
        return
    today = timezone.localdate()
    meeting = services.create_meeting(
        SYSTEM, series, number=31, host=cities["mashhad"], starts_on=today + datetime.timedelta(days=45),
        ends_on=today + datetime.timedelta(days=46), participants=[cities[slug] for slug in CITY_ORDER],
        is_sample_data=True, summary="نشست بعدی معاونان مالی و اداری؛ دستور کار آن از پیشنهادهای شهرها ساخته می‌شود.")
    services.open_call(SYSTEM, meeting, deadline=today + datetime.timedelta(days=20),
                       note="موضوع‌هایی را پیشنهاد کنید که چند شهر با آن درگیرند و کارگروه بتواند درباره‌اش تصمیم بگیرد.")
    editors = {user.username: user for user in
               get_user_model().objects.filter(username__in=["tehran_editor", "rasht_editor"])}
    accepted = services.submit_proposal(
        editors["tehran_editor"], meeting, municipality=cities["tehran"], working_group=groups["REV"],
        title="درآمد شهرداری‌ها از فضای تبلیغاتی", problem="تعرفه‌ی تبلیغات محیطی در هر شهر به شیوه‌ای جدا تعیین می‌شود.",
        solution="کارگروه درآمد یک روش مشترک قیمت‌گذاری پیشنهاد کند.")
    services.decide_proposal(SYSTEM, accepted, "accept")
    services.submit_proposal(
        editors["rasht_editor"], meeting, municipality=cities["rasht"], working_group=groups["ADM"],
        title="دورکاری کارکنان ستادی در روزهای آلودگی هوا",
        problem="در روزهای تعطیلی اداری برای آلودگی، کارهای مالی شهرداری می‌ماند.",
        solution="یک شیوه‌نامه‌ی مشترک دورکاری برای واحدهای مالی نوشته شود.")

