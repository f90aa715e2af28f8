"""Demo for S4: ideas in every state (a Tehran citizen's idea on urban services among them), both demo experts
with completed reviews, and pilots whose before/after values come from the strategy and benchmarking demos.

The ideas' texts are our own and every idea is flagged as sample data. The demo's people are fictional, so
it sends no email (load_demo silences mail). Loading twice changes nothing.
"""

from django.contrib.auth import get_user_model

from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy import monitoring
from kalanshahr.strategy.models import Indicator

from . import services
from .models import Idea
from kalanshahr.network.access import SYSTEM

SCORES = {"expert1": (4, 4, 3, 5, 4), "expert2": (5, 3, 4, 4, 3)}
COMMENTS = {
    "expert1": "با برنامه‌های بالادستی هم‌سوست و هزینه‌ی آغاز آن کم است؛ پیشنهاد می‌کنم در یک منطقه آزموده شود.",
    "expert2": "اثر آن بر رضایت شهروندان روشن است، ولی پشتیبانی فنی پس از اجرا باید از پیش دیده شود.",
}

# title, problem, proposal, submitter (a demo username, or a citizen's name), city, organization, target state,
# decision and reasons, pilot (city, indicator codes, first period back from the newest, evaluation, last move)
IDEAS = [
    ("قبض الکترونیک عوارض نوسازی با پیامک",
     "قبض کاغذی عوارض دیر به دست مالکان می‌رسد و بخشی از آن هرگز پرداخت نمی‌شود.",
     "قبض با پیوند پرداخت امن برای شماره‌ی همراه ثبت‌شده‌ی مالک فرستاده شود و رسید هم پیامکی باشد.",
     "tehran_editor", "tehran", None, "submitted", None, None),
    ("ایستگاه دوچرخه‌ی اشتراکی کنار ایستگاه‌های مترو",
     "فاصله‌ی خانه تا ایستگاه مترو برای بسیاری از شهروندان پیاده زیاد است.",
     "در کنار هر ایستگاه مترو چند دوچرخه‌ی اشتراکی با پرداخت از کارت بلیت گذاشته شود.",
     "نرگس رضایی", "mashhad", None, "screening", None, None),
    ("بازیافت پسماند ساختمانی با دستگاه‌های سیار",
     "نخاله‌ی ساختمانی در حاشیه‌ی شهر رها می‌شود و هزینه‌ی جمع‌آوری آن بالاست.",
     "دستگاه‌های خردکن سیار نخاله را در محل به مصالح پرکننده برای راه‌سازی تبدیل کنند.",
     "tehran_urban_services", "tehran", "tehran-urban-services", "expert_review", None, None),
    ("سایبان و نیمکت در ایستگاه‌های اتوبوس پرتردد",
     "مسافران در گرمای تابستان و باران زمستان بی‌پناه منتظر اتوبوس می‌مانند.",
     "ایستگاه‌های پرتردد به ترتیب شمار مسافر سایبان و نیمکت بگیرند و هزینه با تبلیغات محیطی جبران شود.",
     "علی کاظمی", "shiraz", None, "decided",
     ("supported", "هر دو داور اثر آن را بالا دانسته‌اند و هزینه با درآمد تبلیغات پوشش داده می‌شود."), None),
    ("پارکینگ طبقاتی در بافت تاریخی",
     "یافتن جای پارک در هسته‌ی تاریخی شهر دشوار است.",
     "در زمین‌های خالی هسته‌ی تاریخی پارکینگ طبقاتی ساخته شود.",
     "حسین مرادی", "isfahan", None, "decided",
     ("rejected", "ساخت‌وساز بلند در حریم بافت تاریخی با ضوابط طرح جامع نمی‌خواند؛ پیشنهاد پارکینگ در حاشیه‌ی بافت "
                  "همراه با اتوبوس رفت‌وبرگشتی به دبیرخانه سپرده شد."), None),
    ("پیشخوان یکپارچه‌ی خدمات الکترونیکی در محله‌ها",
     "شهروندان سالمند برای خدمات الکترونیکی به کمک نیاز دارند.",
     "در سراهای محله یک پیشخوان با کارشناس راهنما برای خدمات الکترونیکی شهرداری گذاشته شود.",
     "tehran_editor", "tabriz", None, "in_progress",
     ("pilot", "پیش از گسترش، اثر آن بر سهم خدمات الکترونیکی در یک شهر سنجیده شود."),
     ("tabriz", ["NET-GOV-01"], 4, "", None)),
    ("گزارش عکس‌دار مشکلات شهری با نقشه در سامانه‌ی ۱۳۷",
     "گزارش تلفنی خرابی‌های شهری، مانند چاله‌ی آسفالت یا چراغ خاموش، نشانی دقیق ندارد و دیر به واحد مسئول می‌رسد.",
     "شهروند با عکس و جای دقیق روی نقشه گزارش دهد و گزارش خودکار به واحد مسئول همان ناحیه برود؛ شهروند تا "
     "پایان کار از روند آن باخبر شود.",
     "سارا محمدی", "tehran", "tehran-shahrban-harimban-company", "evaluated",
     ("pilot", "داوران اثر آن را بر زمان رسیدگی بالا دانسته‌اند؛ نخست در تهران آزموده شود."),
     ("tehran", ["NET-SAT-02", "SH-03"], 8, "زمان رسیدگی به گزارش‌ها و شکایت‌ها در دوره‌ی آزمایش کوتاه‌تر شد و "
                                          "بیشتر گزارش‌ها جای دقیق داشتند.", None)),
    ("آبیاری شبانه‌ی فضای سبز با حسگر رطوبت",
     "آبیاری در ساعت‌های گرم روز آب زیادی هدر می‌دهد.",
     "حسگرهای رطوبت خاک زمان و اندازه‌ی آبیاری را تعیین کنند و آبیاری شبانه انجام شود.",
     "tehran_urban_services", "karaj", None, "scaled",
     ("pilot", "صرفه‌جویی آب باید پیش از گسترش در یک شهر سنجیده شود."),
     ("karaj", ["NET-ENV-01"], 10, "مصرف آب فضای سبز آزمایشی کم شد بی‌آنکه سرانه‌ی فضای سبز کاهش یابد.",
      "روش در همه‌ی مناطق کرج به کار گرفته شود و به شهرهای همتا پیشنهاد شود.")),
    ("تاکسی برقی اشتراکی برای محله‌های کم‌برخوردار",
     "محله‌های حاشیه‌ای به خطوط حمل‌ونقل عمومی دسترسی کمی دارند.",
     "تاکسی‌های برقی با مسیر ثابت محله‌ها را به نزدیک‌ترین ایستگاه اتوبوس برسانند.",
     "زهرا حسینی", "qom", None, "stopped",
     ("pilot", "پیش از سرمایه‌گذاری، تقاضای سفر در یک محله آزموده شود."),
     ("qom", ["NET-TRN-01"], 6, "", "شمار مسافران کمتر از برآورد بود و هزینه‌ی هر سفر بالا ماند.")),
]

PATH = ["submitted", "screening", "expert_review", "decided", "in_progress", "evaluated"]


def load(stdout):
    if Idea.objects.filter(is_sample_data=True).exists():
        stdout.write("ideas: the demo is already there")
        return
    users = {u.username: u for u in get_user_model().objects.all()}
    cities = {m.slug: m for m in Municipality.objects.all()}
    organizations = {o.slug: o for o in Organization.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.all()}
    experts = [users["expert1"], users["expert2"]]
    newest = monitoring.latest_due_period("month")
    for title, problem, proposal, who, city, organization, target, decision, pilot in IDEAS:
        submitter = users.get(who)
        idea = services.submit_idea(
            submitter or SYSTEM, title=title, problem=problem, proposal=proposal, municipality=cities[city],
            organization=organizations.get(organization), name="" if submitter else who, is_sample_data=True)
        reached = PATH.index(target) if target in PATH else len(PATH) - 1
        if reached >= 1:
            services.move_idea(SYSTEM, idea, "screen")
        if reached >= 2:
            services.assign_experts(SYSTEM, idea, experts)
            services.move_idea(SYSTEM, idea, "send_to_review")
            for review in idea.reviews.select_related("expert"):
                if reached > 2 or review.expert.username == "expert1":
                    _review(review)
        if reached >= 3:
            services.move_idea(SYSTEM, idea, "decide", decision[1], decision=decision[0])
        if reached >= 4:
            place, codes, months_back, evaluation, last_move = pilot
            services.move_idea(SYSTEM, idea, "start_pilot", pilot={
                "municipality": cities[place], "organization": organizations.get(organization),
                "indicators": [indicators[code] for code in codes], "start_period": newest.shift(-months_back).key,
                "plan": "اجرای آزمایشی در چند ناحیه با گزارش ماهانه به دبیرخانه."})
            if evaluation:
                services.move_idea(SYSTEM, idea, "evaluate", evaluation)
            if target == "scaled":
                services.move_idea(SYSTEM, idea, "scale", last_move)
            elif target == "stopped":
                services.move_idea(SYSTEM, idea, "stop", last_move)
    stdout.write(f"ideas: {len(IDEAS)} ideas in every state, with reviews and pilots")


def _review(review):
    scores = dict(zip(("alignment", "feasibility", "cost", "impact", "novelty"), SCORES[review.expert.username]))
    services.submit_review(review.expert, review, comment=COMMENTS[review.expert.username], **scores)
