"""Demo for S6: three news items in our own words (the 30th meeting in Tabriz, the meeting of Tehran's deputy
for urban services with two companies, and the public satisfaction dashboard), tagged and linked to their
meeting, resolutions, cities and organizations, with comments of every verdict and a reply. Loading twice
changes nothing."""

import datetime

from django.utils import timezone

from kalanshahr.lib.jalali import parse_date
from kalanshahr.meetings.models import Meeting, Resolution
from kalanshahr.network.models import Municipality, Organization

from . import services
from .models import News
from kalanshahr.network.access import SYSTEM

NEWS = [
    {
        "title": "نشست سی‌ام معاونان مالی و اداری کلانشهرها در تبریز برگزار شد",
        "lead": "معاونان و مدیران مالی و اداری چهارده کلانشهر دو روز در تبریز گرد آمدند تا در پنج کارگروه درباره‌ی "
                "درآمد، حسابرسی، امور مالی و امور اداری و رفاهی گفت‌وگو و مصوبه‌هایی را برای مراجع ذی‌صلاح آماده کنند.",
        "body": "<p>میزبان این دوره از نشست‌های تخصصی، شهرداری تبریز بود و دبیرخانه‌ی نشست ادواری شهرداران کلانشهرها "
                "آن را برگزار کرد. نمایندگان هر چهارده کلانشهر حاضر بودند؛ نام شهرها در پایین همین خبر آمده است.</p>"
                "<p>کارگروه معاونان مالی و اداری سی موضوع را در دستور کار داشت. مصوبه‌ها پس از تأیید نهایی مراجع ذی‌صلاح "
                "در شهرداری‌ها به اجرا درمی‌آیند و پیگیری اجرای آن‌ها در سامانه ثبت می‌شود.</p>",
        "tags": ["نشست ادواری", "معاونان مالی و اداری", "تبریز"], "date": "1401/08/25",
        "cities": "all", "organizations": ["secretariat"], "meeting": True, "resolutions": 3,
        "comments": [
            ("فاطمه", "خوشحالم که مصوبه‌های درآمد پایدار در این نشست دنبال شد؛ امیدوارم اجرای آن در شهرداری‌ها گزارش شود.", None),
            ("رضا", "کارگروه حسابرسی باید گزارش اجرای مصوبه‌های نشست قبلی را هم منتشر کند.", 0),
            ("نگار", "موافقم", 0),
            ("کاربر", "مسئولان این نشست همه دزد هستند و بودجه را اختلاس می‌کنند.", None),
            ("ناشناس", "مدیران شهرداری احمق هستند", None),
            ("Ali", "kheili khoob bood, merci az shahrdari", None),
        ],
    },
    {
        "title": "معاون خدمات شهری تهران: شاخص‌های شرکت‌ها از اسناد بالادستی گرفته شود",
        "lead": "در دیدار با دو شرکت تابعه، معاونت خدمات شهری و محیط زیست تهران خواست که برنامه و شاخص‌های پایش هر "
                "شرکت از دل مأموریت‌ها و وظایف خود آن شرکت بیرون بیاید.",
        "body": "<p>دو شرکت تابعه‌ی این معاونت، یعنی شرکت شهربان و حریم‌بان و شرکت ساماندهی صنایع و مشاغل، گزارش کار "
                "خود را ارائه کردند. دو مدیر کل از حوزه‌ی برنامه‌ریزی و امور خدمات شهری هم در جلسه بودند.</p>"
                "<ul><li>چند هدف اولویت‌دار زیر نظارت ویژه قرار گیرد.</li>"
                "<li>همه‌ی شاخص‌ها به طرح جامع، سیاست‌های شهردار، مصوبات شورای شهر و قوانین استناد کنند.</li>"
                "<li>ایده‌های نو پس از بررسی کارشناسی پشتیبانی شود و تجربه‌ها با کلانشهرهای دیگر مبادله شود.</li></ul>",
        "tags": ["خدمات شهری", "شاخص", "تهران"], "date": "1401/08/09",
        "cities": ["tehran"], "organizations": ["tehran-urban-services", "tehran-industries-jobs-company",
                                                "tehran-shahrban-harimban-company"],
        "meeting": False, "resolutions": 0,
        "comments": [
            ("مریم", "استناد شاخص‌ها به طرح جامع و مصوبات شورای شهر کار درستی است و پایش را شفاف‌تر می‌کند.", None),
            ("حمید", "برای شاخص‌های شرکت شهربان هم هدف‌های اولویت‌دار و نظارت ویژه تعیین شود.", 0),
            ("سینا", "دیشب فوتبال تیم ما باخت و همه‌ی هواداران ناراحت بودند و ورزشگاه خیلی شلوغ بود.", None),
            ("تبلیغ", "برای خرید ارزان به سایت www.example.com بروید و با ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید.", None),
            ("احمد", "هذا الاجتماع مفيد جدا للمدينة", None),
        ],
    },
    {
        "title": "داشبورد همگانی رضایت شهروندان راه‌اندازی شد",
        "lead": "شهروندان اکنون بی‌نیاز از ورود به سامانه می‌توانند شاخص‌های رضایت شهروندان را در چهارده کلانشهر ببینند "
                "و داده‌ها را دریافت کنند.",
        "body": "<p>در این داشبورد برای هر شهر تازه‌ترین مقدار راستی‌آزمایی‌شده‌ی امتیاز پیمایش رضایت، زمان رسیدگی به "
                "شکایت‌ها و زمان پاسخ به درخواست‌های شهروندان، همراه با روند و میانه‌ی شبکه نشان داده می‌شود. "
                "مقدارهای کنونی نمونه‌اند.</p>",
        "tags": ["رضایت شهروندان", "داشبورد"], "date": None,
        "cities": "all", "organizations": ["secretariat"], "meeting": False, "resolutions": 0,
        "comments": [
            ("زهره", "داشبورد رضایت شهروندان بسیار خوب است؛ کاش زمان پاسخ به درخواست‌ها هر ماه به‌روز شود.", None),
        ],
    },
]


def load(stdout):
    if News.objects.filter(is_sample_data=True).exists():
        stdout.write("portal: the demo news is already there")
        return
    cities = list(Municipality.objects.metropolises())
    organizations = {o.slug: o for o in Organization.objects.all()}
    meeting = Meeting.objects.filter(number=30).first()
    approved = list(Resolution.objects.filter(state="approved").order_by("code"))
    comments = 0
    for item in NEWS:
        when = (timezone.make_aware(datetime.datetime.combine(parse_date(item["date"]), datetime.time(10, 30)))
                if item["date"] else timezone.now() - datetime.timedelta(days=1))
        news = services.create_news(
            SYSTEM, title=item["title"], lead=item["lead"], body=item["body"], tags=item["tags"],
            municipalities=cities if item["cities"] == "all" else [c for c in cities if c.slug in item["cities"]],
            organizations=[organizations[slug] for slug in item["organizations"]],
            meetings=[meeting] if item["meeting"] and meeting else [],
            resolutions=approved[:item["resolutions"]], published_at=when, is_sample_data=True)
        posted = []
        for name, text, parent in item["comments"]:
            posted.append(services.post_comment(SYSTEM, news, text=text, name=name,
                                                parent=posted[parent] if parent is not None else None,
                                                is_sample_data=True))
        comments += len(posted)
    stdout.write(f"portal: {len(NEWS)} news items, {comments} comments of every verdict")
