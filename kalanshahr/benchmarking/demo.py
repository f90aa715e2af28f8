"""Demo for S3: twelve shared indicators across the themes with 24 months of sample values for the 14
cities (some missing, the newest month of one city not verified yet), peer groups by population band,
six published experiences (Tehran's on organizing urban jobs among them) and two exchange requests.

Every figure is invented and flagged as sample data; the experiences' texts are our own. Loading twice
changes nothing.
"""

import csv
import io
from decimal import Decimal

from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy import importer, monitoring, services as strategy_services

from . import services
from .models import PeerScheme, SchemeKind
from kalanshahr.network.access import SYSTEM

CHARTER = ("network-shared-indicators", "other", "منشور شاخص‌های مشترک کلانشهرها",
           "Charter of the metropolises' shared indicators", "دبیرخانه‌ی نشست ادواری شهرداران کلانشهرها", [
               ("1", "شهرها شاخص‌های مشترک را با یک تعریف و یک روش محاسبه گزارش می‌کنند"),
               ("2", "داده‌ها پس از راستی‌آزمایی در هر شهر برای مقایسه به کار می‌روند"),
               ("3", "شهرهای پیشرو تجربه‌های موفق خود را برای دیگران مستند می‌کنند"),
           ])

# code, theme, name, unit, direction, (best, worst) at the start, range for in-range ones, family
INDICATORS = [
    ("NET-FIN-01", "finance", "سهم درآمدهای پایدار از کل درآمد", "درصد", "higher_better", (62, 28), None, "general"),
    ("NET-FIN-02", "finance", "سهم هزینه‌های جاری از کل هزینه‌ها", "درصد", "lower_better", (38, 71), None, "general"),
    ("NET-REV-01", "revenue", "تحقق بودجه‌ی درآمدی", "درصد", "in_range", (100, 78), (95, 105), "general"),
    ("NET-REV-02", "revenue", "وصول عوارض نوسازی نسبت به مبلغ قابل وصول", "درصد", "higher_better", (81, 40), None,
     "general"),
    ("NET-GOV-01", "governance", "سهم خدمات شهرداری که به صورت الکترونیکی ارائه می‌شود", "درصد", "higher_better",
     (88, 35), None, "general"),
    ("NET-GOV-02", "governance", "میانگین زمان پاسخ به درخواست‌های خدمت شهروندان", "روز", "lower_better", (4, 19), None,
     "citizen_satisfaction"),
    ("NET-SRV-01", "urban_services", "شکایت از مشاغل مزاحم در هر صد هزار نفر", "شکایت", "lower_better", (12, 64), None,
     "general"),
    ("NET-ENV-01", "environment", "سرانه‌ی فضای سبز شهری", "مترمربع", "higher_better", (17, 6), None, "general"),
    ("NET-TRN-01", "transport", "سهم سفرهای روزانه با حمل‌ونقل عمومی", "درصد", "higher_better", (41, 12), None,
     "general"),
    ("NET-SAF-01", "safety", "میانگین زمان رسیدن آتش‌نشانی به محل حادثه", "دقیقه", "lower_better", (4.5, 11), None,
     "general"),
    ("NET-SAT-01", "citizen_satisfaction", "رضایت شهروندان از خدمات شهری (پیمایش)", "امتیاز از ۱۰۰", "higher_better",
     (78, 46), None, "citizen_satisfaction"),
    ("NET-SAT-02", "citizen_satisfaction", "میانگین زمان رسیدگی به شکایت‌های سامانه‌ی ۱۳۷", "روز", "lower_better",
     (2, 9), None, "citizen_satisfaction"),
]
MONTHS = 24
LATE_CITY = "zahedan"       # has not reported its last two months
NO_DATA = ("ahvaz", "NET-GOV-02")  # never reported this one
UNVERIFIED_CITY = "kerman"  # its newest month is imported but not verified yet

# A city's standing on an indicator, from 0 (worst) to 1 (best); Tehran leads and improves most on the
# organizing of nuisance jobs, where Rasht lags.
STANDING_OVERRIDES = {("NET-SRV-01", "tehran"): (0.45, 1.0), ("NET-SRV-01", "rasht"): (0.2, 0.15)}

BANDS = [
    ("population-over-2m", "بیش از دو میلیون نفر", "Over 2 million", ("tehran", "mashhad", "isfahan")),
    ("population-1m-2m", "یک تا دو میلیون نفر", "1 to 2 million", ("karaj", "shiraz", "tabriz", "qom", "ahvaz")),
    ("population-under-1m", "کمتر از یک میلیون نفر", "Under 1 million",
     ("kermanshah", "urmia", "rasht", "zahedan", "hamedan", "kerman")),
]

EXPERIENCES = [
    ("tehran", "tehran-industries-jobs-company", "ساماندهی مشاغل مزاحم با انتقال به مجموعه‌های صنفی",
     "کارگاه‌های پرسروصدا و آلاینده در محله‌های مسکونی جنوب شهر شکایت‌های پرشماری به دنبال داشت.",
     "شرکت ساماندهی صنایع و مشاغل فهرست کارگاه‌ها را بر پایه‌ی شکایت‌ها رتبه‌بندی کرد، مجموعه‌ی صنفی تازه را پیش از "
     "انتقال آماده کرد و با هر صنف جداگانه درباره‌ی زمان‌بندی جابه‌جایی گفت‌وگو کرد.",
     "شکایت‌ها از مشاغل مزاحم در محله‌های هدف به کمتر از نیمه رسید و بیشتر کارگاه‌ها در مجموعه‌ی تازه ماندند.",
     ["NET-SRV-01", "NET-SAT-01"], ["مشاغل مزاحم", "ساماندهی صنفی"],
     [("شکایت در هر صد هزار نفر", 31, 12, "شکایت"), ("کارگاه‌های منتقل‌شده", 0, 140, "کارگاه")]),
    ("mashhad", None, "پنجره‌ی واحد خدمات الکترونیکی شهرداری",
     "شهروندان برای یک پروانه باید چند بار به دفترهای گوناگون سر می‌زدند.",
     "خدمات پرتقاضا در یک درگاه گرد آمد و پرونده‌ها میان واحدها بدون کاغذ جابه‌جا شد.",
     "بیشتر درخواست‌های پرتکرار بدون مراجعه‌ی حضوری انجام می‌شود.",
     ["NET-GOV-01", "NET-GOV-02"], ["دولت الکترونیک"],
     [("خدمات الکترونیکی", 41, 86, "درصد")]),
    ("isfahan", None, "آبیاری هوشمند فضای سبز با پساب تصفیه‌شده",
     "کم‌آبی نگه‌داری و گسترش فضای سبز را دشوار کرده بود.",
     "شبکه‌ی آبیاری با حسگر رطوبت خاک و پساب تصفیه‌شده برای پارک‌های بزرگ راه‌اندازی شد.",
     "مصرف آب شرب در آبیاری کاهش یافت و سرانه‌ی فضای سبز افزایش پیدا کرد.",
     ["NET-ENV-01"], ["فضای سبز", "مدیریت آب"],
     [("سرانه‌ی فضای سبز", 12, 16, "مترمربع")]),
    ("shiraz", None, "رسیدگی پیگیرانه به شکایت‌های ۱۳۷",
     "شکایت‌ها میان واحدها می‌ماند و شهروند از سرانجام آن خبر نداشت.",
     "برای هر شکایت مهلت و مسئول تعیین شد و پیامک وضعیت برای شهروند فرستاده شد.",
     "زمان رسیدگی کوتاه‌تر شد و رضایت شهروندان در پیمایش فصلی بالا رفت.",
     ["NET-SAT-02", "NET-SAT-01"], ["شکایت شهروندان", "۱۳۷"],
     [("روز تا رسیدگی", 7, 3, "روز")]),
    ("tabriz", None, "پایدارسازی درآمد با بازآرایی عوارض محلی",
     "درآمد شهرداری به فروش تراکم وابسته بود و با رکود ساخت‌وساز افت می‌کرد.",
     "عوارض محلی پایدار بازبینی شد و وصول آن با پرداخت الکترونیکی و یادآوری ساده‌تر شد.",
     "سهم درآمدهای پایدار در دو سال افزایش یافت.",
     ["NET-FIN-01", "NET-REV-02"], ["درآمد پایدار"],
     [("سهم درآمد پایدار", 34, 55, "درصد")]),
    ("karaj", None, "خطوط تندروی اتوبوس در محورهای پرتردد",
     "ترافیک محورهای اصلی زمان سفر را طولانی کرده بود.",
     "دو خط تندروی اتوبوس با ایستگاه‌های هم‌سطح و پرداخت کارتی راه‌اندازی شد.",
     "سهم سفرهای عمومی در محورهای هدف بیشتر شد.",
     ["NET-TRN-01"], ["حمل‌ونقل عمومی"],
     [("سهم سفر عمومی", 18, 29, "درصد")]),
]


def _standing(code, slug, index, month):
    """0 (worst) … 1 (best): a fixed spread of cities per indicator, slowly improving, with a small wobble."""
    if (code, slug) in STANDING_OVERRIDES:
        start, end = STANDING_OVERRIDES[code, slug]
        return start + (end - start) * month / (MONTHS - 1)
    base = ((index * 5 + sum(map(ord, code))) % 14) / 13
    pace = ((index * 3 + sum(map(ord, code))) % 7) / 40  # how fast this city improves on this indicator
    wobble = (((index + month * 3 + len(code)) % 5) - 2) / 100
    return max(0.0, min(1.0, base * 0.8 + pace * month / (MONTHS - 1) + wobble))


def _value(spec, slug, index, month):
    code, _theme, _name, _unit, direction, (best, worst), value_range, _family = spec
    standing = _standing(code, slug, index, month)
    if direction == "in_range":
        low, high = value_range
        middle = (low + high) / 2
        distance = (1 - standing) * (middle - worst)
        value = middle + distance if index % 2 else middle - distance
    else:
        value = worst + (best - worst) * standing
    return Decimal(str(round(value, 1)))


def load(stdout):
    if PeerScheme.objects.filter(slug="population-band").exists():
        stdout.write("benchmarking: the demo is already there")
        return
    cities = list(Municipality.objects.metropolises().order_by("id"))
    by_slug = {c.slug: c for c in cities}
    organizations = {o.slug: o for o in Organization.objects.all()}
    secretariat = organizations["secretariat"]

    slug, kind, name_fa, name_en, issuer, clauses = CHARTER
    charter = strategy_services.create_document(SYSTEM, slug=slug, kind=kind, name_fa=name_fa, name_en=name_en,
                                                issuer=issuer, is_sample_data=True, clauses=clauses)
    cited = list(charter.clauses.all()[:2])
    indicators = {}
    for spec in INDICATORS:
        code, theme, name, unit, direction, _spread, value_range, family = spec
        indicators[code] = strategy_services.create_indicator(
            SYSTEM, secretariat, code=code, name_fa=name, definition=f"{name}، به {unit}، برای هر شهر در هر ماه.",
            unit=unit, direction=direction, frequency="month", family=family, scope="network", theme=theme,
            range_low=Decimal(value_range[0]) if value_range else None,
            range_high=Decimal(value_range[1]) if value_range else None,
            source="گزارش ماهانه‌ی شهرها به دبیرخانه (داده‌ی نمونه)", is_sample_data=True, clauses=cited)

    last = monitoring.latest_due_period("month")
    verified_rows, pending_rows = [], []
    for month in range(MONTHS):
        period = last.shift(month - MONTHS + 1)
        for index, city in enumerate(cities):
            for spec in INDICATORS:
                code = spec[0]
                newest = month >= MONTHS - 2
                if (city.slug == LATE_CITY and newest) or (city.slug, code) == NO_DATA:
                    continue
                if (index + month * 7 + sum(map(ord, code))) % 37 == 0:
                    continue  # an occasional gap
                row = [code, city.slug, "", period.key, str(_value(spec, city.slug, index, month))]
                late = city.slug == UNVERIFIED_CITY and month == MONTHS - 1
                (pending_rows if late else verified_rows).append(row)
    batch = _import(verified_rows, "demo-shared-indicators.csv")
    strategy_services.verify_batch(SYSTEM, batch)
    _import(pending_rows, "demo-shared-indicators-newest.csv")

    scheme = services.create_scheme(SYSTEM, slug="population-band", name_fa="گروه‌بندی بر پایه‌ی جمعیت",
                                    name_en="Population bands", kind=SchemeKind.POPULATION_BAND)
    for slug, name_fa, name_en, members in BANDS:
        services.create_group(SYSTEM, scheme, slug=slug, name_fa=name_fa, name_en=name_en,
                              members=[by_slug[m] for m in members])

    experiences = {}
    for (city, organization, title, problem, actions, results, codes, tags, figures) in EXPERIENCES:
        experience = services.create_experience(
            SYSTEM, by_slug[city], organization=organizations.get(organization), title=title, problem=problem,
            actions=actions, results=results, contact=f"دفتر برنامه‌ریزی شهرداری {by_slug[city].name_fa}",
            indicators=[indicators[c] for c in codes], tags=tags, figures=figures, is_sample_data=True)
        services.move_experience(SYSTEM, experience, "publish")
        experiences[city] = experience

    services.send_request(SYSTEM, by_slug["zahedan"], by_slug["tehran"], experience=experiences["tehran"],
                          question="برای انتقال کارگاه‌ها، هزینه‌ی آماده کردن مجموعه‌ی صنفی چگونه تأمین شد؟")
    answered = services.send_request(
        SYSTEM, by_slug["kerman"], by_slug["isfahan"], experience=experiences["isfahan"],
        question="حسگرهای رطوبت خاک را چگونه نگه‌داری می‌کنید و هر چند وقت یک بار بازبینی می‌شوند؟")
    services.move_request(SYSTEM, answered, "answer",
                          answer="بازبینی فصلی است و پیمانکار نگه‌داری آن را در قرارداد آبیاری بر عهده دارد.")
    stdout.write(f"benchmarking: {len(INDICATORS)} shared indicators, {len(verified_rows) + len(pending_rows)} sample "
                 f"values, {len(BANDS)} peer groups, {len(EXPERIENCES)} experiences, 2 exchange requests")


def _import(rows, filename):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["indicator", "municipality", "organization", "period", "value"])
    writer.writerows(rows)
    result = importer.import_measurements(SYSTEM, io.BytesIO(buffer.getvalue().encode()), filename)
    if not result.ok:
        raise RuntimeError("; ".join(str(e) for e in result.errors[:5]))
    return result.batch
