"""Demo for S2: upstream documents named in the seed (Tehran's comprehensive plan, the mayor's policies
and measures, a city council resolution, a law), and for the two Tehran companies three priority goals,
ten indicators (citizen satisfaction among them), programs, and 24 months of sample measurements.

Every clause text is our own short summary and every figure is invented: documents are flagged as
sample data and the pages say so. Some values are off track, one month is overdue, and one off-track
priority indicator still lacks its explanation. Loading twice changes nothing.
"""

from decimal import Decimal

from kalanshahr.lib.jalali import to_gregorian
from kalanshahr.network.models import Municipality, Organization

from . import monitoring, services
from .models import UpstreamDocument
from kalanshahr.network.access import SYSTEM

DOCUMENTS = [
    ("tehran-comprehensive-plan", "comprehensive_plan", "طرح جامع شهر تهران", "Tehran Comprehensive Plan",
     "شورای عالی شهرسازی و معماری", "tehran", [
         ("2-1", "جابه‌جایی فعالیت‌های مزاحم و آلاینده از بافت مسکونی به مکان‌های مناسب"),
         ("2-2", "نگه‌داری حریم شهر از ساخت‌وساز و کاربری‌های غیرمجاز"),
         ("3-1", "ارتقای کیفیت و پاکیزگی فضاهای عمومی شهر"),
         ("3-4", "کاهش زمان پاسخ‌گویی خدمات شهری به درخواست‌های شهروندان"),
     ]),
    ("tehran-mayor-policies", "mayor_policy", "سیاست‌ها و تدابیر شهردار تهران", "Policies and measures of the Mayor of Tehran",
     "شهردار تهران", "tehran", [
         ("1", "رضایت شهروندان معیار اصلی ارزیابی خدمات هر واحد است"),
         ("2", "تصمیم‌ها بر پایه‌ی داده‌ی راستی‌آزمایی‌شده گرفته می‌شود"),
         ("3", "از ایده‌های نو در خدمات شهری پس از بررسی کارشناسی پشتیبانی می‌شود"),
     ]),
    ("tehran-council-nuisance-jobs", "council_resolution", "مصوبه‌ی شورای اسلامی شهر تهران درباره‌ی ساماندهی مشاغل مزاحم",
     "Tehran City Council resolution on organizing nuisance businesses", "شورای اسلامی شهر تهران", "tehran", [
         ("1", "شهرداری برنامه‌ی زمان‌بندی‌شده‌ی انتقال مشاغل مزاحم را تهیه و هر سال گزارش کند"),
         ("2", "مجموعه‌های صنفی جایگزین پیش از انتقال آماده شود"),
     ]),
    ("municipalities-act", "law", "قانون شهرداری", "Municipalities Act", "مجلس شورای ملی", None, [
         ("55-20", "جلوگیری از تأسیس و ادامه‌ی مشاغل مزاحم و آلاینده در شهر، از وظایف شهرداری"),
         ("100", "رسیدگی به ساخت‌وساز بدون پروانه در محدوده و حریم شهر"),
     ]),
]

IJ, SH = "tehran-industries-jobs-company", "tehran-shahrban-harimban-company"
# key, organization, title, priority, cited clauses (document slug, number)
GOALS = [
    ("G1", IJ, "انتقال مشاغل مزاحم از بافت مسکونی", True,
     [("tehran-comprehensive-plan", "2-1"), ("tehran-council-nuisance-jobs", "1"), ("municipalities-act", "55-20")]),
    ("G2", IJ, "رضایت بیشتر شهروندان از خدمات شرکت", False, [("tehran-mayor-policies", "1")]),
    ("G3", SH, "پاسداری از حریم شهر در برابر ساخت‌وساز غیرمجاز", True,
     [("tehran-comprehensive-plan", "2-2"), ("municipalities-act", "100")]),
    ("G4", SH, "پاسخ‌گویی سریع به گزارش‌های شهروندان", True,
     [("tehran-mayor-policies", "1"), ("tehran-comprehensive-plan", "3-4")]),
]
# code, organization, goal, name, unit, direction, family, (numerator, denominator, multiplier),
# target, tolerance, upper end of range, first sample value, change per month, cited clauses
INDICATORS = [
    ("IJ-01", IJ, "G1", "تعداد واحدهای مزاحم منتقل‌شده", "واحد", "higher_better", "general", None,
     40, 5, None, 30, 1, [("tehran-council-nuisance-jobs", "1")]),
    ("IJ-02", IJ, "G1", "درصد شکایت‌های مشاغل مزاحم رسیدگی‌شده در هفت روز", "درصد", "higher_better", "general",
     ("شکایت‌های رسیدگی‌شده در هفت روز", "همه‌ی شکایت‌ها", 100), 85, 5, None, 70, 0.55, [("tehran-comprehensive-plan", "2-1")]),
    ("IJ-03", IJ, "G2", "رضایت شهروندان از خدمات شرکت", "امتیاز از ۱۰۰", "higher_better", "citizen_satisfaction", None,
     75, 5, None, 62, 0.6, [("tehran-mayor-policies", "1")]),
    ("IJ-04", IJ, "G2", "میانگین زمان رسیدگی به شکایت شهروندان", "روز", "lower_better", "citizen_satisfaction", None,
     10, 3, None, 18, -0.3, [("tehran-comprehensive-plan", "3-4")]),
    ("IJ-05", IJ, "G1", "نرخ جذب بودجه‌ی طرح‌های انتقال", "درصد", "in_range", "general", None,
     90, 5, 100, 80, 0.6, [("tehran-council-nuisance-jobs", "2")]),
    ("SH-01", SH, "G3", "مساحت ساخت‌وساز غیرمجاز تازه در حریم", "هکتار", "lower_better", "general", None,
     12, 2, None, 11.2, 0.03, [("tehran-comprehensive-plan", "2-2")]),
    ("SH-02", SH, "G3", "درصد تخلف‌های رسیدگی‌شده در ۴۸ ساعت", "درصد", "higher_better", "general",
     ("تخلف‌های رسیدگی‌شده در ۴۸ ساعت", "همه‌ی تخلف‌های گزارش‌شده", 100), 80, 5, None, 72, 0.5, [("municipalities-act", "100")]),
    ("SH-03", SH, "G4", "میانگین زمان پاسخ به گزارش شهروندان", "ساعت", "lower_better", "citizen_satisfaction", None,
     24, 6, None, 40, -0.8, [("tehran-comprehensive-plan", "3-4")]),
    ("SH-04", SH, "G4", "رضایت شهروندان از نظم و سیمای شهر", "امتیاز از ۱۰۰", "higher_better", "citizen_satisfaction",
     None, 70, 5, None, 58, 0.5, [("tehran-mayor-policies", "1")]),
    ("SH-05", SH, "G3", "طول گشت روزانه در حریم شهر", "کیلومتر", "higher_better", "general", None,
     300, 30, None, 260, 2, [("tehran-comprehensive-plan", "2-2")]),
]
MONTHS = 24
OVERDUE = "IJ-05"          # its latest due month has no data
UNEXPLAINED = "SH-01"      # off track lately; the latest month's explanation is missing
AWAITING = {"IJ-03", "SH-04"}  # the latest month is submitted, not yet verified


def _wiggle(code, month):
    """A small deterministic wobble so the sample series do not look like rulers."""
    return Decimal(((sum(map(ord, code)) + month * 7) % 9) - 4) / 2


def load(stdout):
    if UpstreamDocument.objects.filter(slug="tehran-comprehensive-plan").exists():
        stdout.write("strategy: the demo documents are already there")
        return
    cities = {m.slug: m for m in Municipality.objects.all()}
    organizations = {o.slug: o for o in Organization.objects.all()}
    clauses = {}
    for slug, kind, name_fa, name_en, issuer, city, items in DOCUMENTS:
        document = services.create_document(SYSTEM, slug=slug, kind=kind, name_fa=name_fa, name_en=name_en, issuer=issuer,
                                            municipality=cities.get(city), is_sample_data=True, clauses=items)
        clauses.update({(slug, c.number): c for c in document.clauses.all()})

    goals = {}
    for key, org, title, priority, cited in GOALS:
        goals[key] = services.create_goal(SYSTEM, organizations[org], title=title, start_year=1401, end_year=1405,
                                          is_priority=priority, clauses=[clauses[c] for c in cited],
                                          owner_title="مدیرعامل شرکت")
    tehran = cities["tehran"]
    for (code, org, goal, name, unit, direction, family, ratio, target, tolerance, high, start, slope,
         cited) in INDICATORS:
        numerator, denominator, multiplier = ratio or ("", "", 1)
        indicator = services.create_indicator(
            SYSTEM, organizations[org], code=code, name_fa=name, definition=f"{name}، به {unit}، در هر ماه.", unit=unit,
            numerator=numerator, denominator=denominator, multiplier=multiplier, direction=direction, frequency="month",
            family=family, source="سامانه‌ی گزارش عملکرد شرکت (داده‌ی نمونه)", clauses=[clauses[c] for c in cited],
            is_sample_data=True,
            goals=[goals[goal]],
        )
        _sample_series(indicator, organizations[org], tehran, target, tolerance, high, start, slope)

    services.create_program(SYSTEM, goals["G1"], title="انتقال کارگاه‌های مزاحم جنوب شهر به مجموعه‌ی صنفی تازه",
                            owner_organization=organizations[IJ], starts_on=to_gregorian(1404, 1, 1),
                            ends_on=to_gregorian(1405, 12, 29), milestones=[
                                ("آماده شدن مجموعه‌ی صنفی", to_gregorian(1404, 6, 31), to_gregorian(1404, 7, 10)),
                                ("انتقال نیمی از کارگاه‌ها", to_gregorian(1405, 3, 31), None),
                            ])
    services.create_program(SYSTEM, goals["G3"], title="پایش ماهواره‌ای حریم شهر", owner_organization=organizations[SH],
                            starts_on=to_gregorian(1405, 1, 1), ends_on=to_gregorian(1406, 6, 31), milestones=[
                                ("خرید تصاویر نخستین فصل", to_gregorian(1405, 4, 15), to_gregorian(1405, 4, 20)),
                            ])
    stdout.write(f"strategy: {len(DOCUMENTS)} documents, {len(GOALS)} goals, {len(INDICATORS)} indicators, "
                 f"{MONTHS} months of sample values")


def _sample_series(indicator, organization, municipality, target, tolerance, high, start, slope):
    last = monitoring.latest_due_period("month")
    for back in reversed(range(MONTHS)):
        period = last.shift(-back)
        month = MONTHS - back
        services.set_target(SYSTEM, indicator, municipality=municipality, organization=organization, period=period,
                            value=Decimal(target), tolerance=Decimal(tolerance),
                            value_high=Decimal(high) if high is not None else None)
        if back == 0 and indicator.code == OVERDUE:
            continue
        value = (Decimal(start) + Decimal(str(slope)) * month + _wiggle(indicator.code, month)).quantize(Decimal("0.1"))
        if indicator.code == UNEXPLAINED and back < 3:
            value = Decimal(target) + Decimal(tolerance) * 2 + back  # clearly worse than target plus tolerance
        values = {"value": value}
        if indicator.denominator:
            values = {"numerator": value * 10, "denominator": Decimal(1000)}
        explanation = ""
        if indicator.code == UNEXPLAINED and 0 < back < 3:
            explanation = "ساخت‌وساز فصلی در حاشیه‌ی جنوبی افزایش یافت؛ گشت‌های شبانه افزوده شد."
        measurement = services.save_measurement(SYSTEM, indicator, municipality=municipality, organization=organization,
                                                period=period, explanation=explanation, submit=True, **values)
        if not (back == 0 and indicator.code in AWAITING):
            services.move_measurement(SYSTEM, measurement, "verify")

