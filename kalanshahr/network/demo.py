"""Demo data for the network: the secretariat, an authority, the 14 metropolises of the 30th
meeting, Tehran's deputy for urban services and environment with its units, and one user per role.

Facts (cities, offices, companies) come from the seed reports; every sentence is our own, and
every invented figure is flagged as sample data. Loading twice changes nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from . import services
from .models import Membership, Municipality, Organization, OrganizationKind as Kind, Region, Role
from kalanshahr.network.access import SYSTEM

# slug, Persian name, English name, province (fa, en), region, sample population (rounded, illustrative)
CITIES = [
    ("tehran", "تهران", "Tehran", "تهران", "Tehran", Region.CENTRAL, 8_700_000),
    ("mashhad", "مشهد", "Mashhad", "خراسان رضوی", "Razavi Khorasan", Region.NORTHEAST, 3_300_000),
    ("isfahan", "اصفهان", "Isfahan", "اصفهان", "Isfahan", Region.CENTRAL, 2_000_000),
    ("karaj", "کرج", "Karaj", "البرز", "Alborz", Region.CENTRAL, 1_600_000),
    ("shiraz", "شیراز", "Shiraz", "فارس", "Fars", Region.SOUTH, 1_600_000),
    ("tabriz", "تبریز", "Tabriz", "آذربایجان شرقی", "East Azerbaijan", Region.NORTHWEST, 1_600_000),
    ("qom", "قم", "Qom", "قم", "Qom", Region.CENTRAL, 1_300_000),
    ("ahvaz", "اهواز", "Ahvaz", "خوزستان", "Khuzestan", Region.SOUTHWEST, 1_200_000),
    ("kermanshah", "کرمانشاه", "Kermanshah", "کرمانشاه", "Kermanshah", Region.WEST, 950_000),
    ("urmia", "ارومیه", "Urmia", "آذربایجان غربی", "West Azerbaijan", Region.NORTHWEST, 740_000),
    ("rasht", "رشت", "Rasht", "گیلان", "Gilan", Region.NORTH, 680_000),
    ("zahedan", "زاهدان", "Zahedan", "سیستان و بلوچستان", "Sistan and Baluchestan", Region.SOUTHEAST, 590_000),
    ("hamedan", "همدان", "Hamedan", "همدان", "Hamedan", Region.WEST, 550_000),
    ("kerman", "کرمان", "Kerman", "کرمان", "Kerman", Region.SOUTHEAST, 540_000),
]

SECRETARIAT = {
    "slug": "secretariat",
    "kind": Kind.SECRETARIAT,
    "name_fa": "دبیرخانه‌ی نشست ادواری شهرداران کلانشهرها",
    "name_en": "Secretariat of the Periodic Meeting of Metropolitan Mayors",
    "mission": "هماهنگی نشست‌های تخصصی میان کلانشهرها، نگه‌داری سوابق مصوبات و پیگیری اجرای آن‌ها در شهرها.",
    "duties": [
        "برنامه‌ریزی و برگزاری نشست‌های ادواری و کارگروه‌های تخصصی",
        "تنظیم و ارسال مصوبات به مراجع ذی‌صلاح و پیگیری پاسخ آن‌ها",
        "نگه‌داری فهرست مشترک شاخص‌های شبکه و گروه‌های همتا",
    ],
}

AUTHORITY = {
    "slug": "municipalities-organization",
    "kind": Kind.AUTHORITY,
    "name_fa": "سازمان شهرداری‌ها و دهیاری‌های کشور",
    "name_en": "National Organization of Municipalities and Rural Administrations",
    "mission": "مرجع ملی بررسی پیشنهادهای مالی و اداری شهرداری‌ها و ابلاغ تصمیم‌ها به آن‌ها.",
    "duties": ["بررسی و تصویب یا بازگرداندن پیشنهادهای ارسالی نشست‌های تخصصی"],
}

SECOND_AUTHORITY = {
    "slug": "supreme-council-of-provinces",
    "kind": Kind.AUTHORITY,
    "name_fa": "شورای عالی استان‌ها",
    "name_en": "Supreme Council of the Provinces",
    "mission": "مرجع بررسی پیشنهادهایی که به تصمیم شوراهای اسلامی یا اصلاح مقررات محلی نیاز دارند.",
    "duties": ["بررسی پیشنهادهای ارسالی درباره‌ی عوارض و مقررات محلی"],
}

# Tehran's deputy for urban services and environment, the two directorates-general present at
# the 9 Aban 1401 meeting, and the two companies under it.
TEHRAN_DEPUTY = {
    "slug": "tehran-urban-services",
    "kind": Kind.DEPUTY,
    "name_fa": "معاونت خدمات شهری و محیط زیست شهرداری تهران",
    "name_en": "Tehran Deputy Mayor for Urban Services and Environment",
    "mission": "پاکیزگی، نظم و کیفیت محیط شهری تهران و راهبری شرکت‌ها و اداره‌های کل تابعه در این حوزه.",
    "duties": [
        "راهبری برنامه‌ها و شاخص‌های خدمات شهری و محیط زیست",
        "نظارت ویژه بر هدف‌های اولویت‌دار شرکت‌های تابعه",
        "تبادل تجربه با معاونت‌های همتا در دیگر کلانشهرها",
    ],
}
TEHRAN_UNITS = [
    {
        "slug": "tehran-urban-services-planning",
        "kind": Kind.DEPARTMENT,
        "name_fa": "اداره‌ی کل برنامه‌ریزی و توسعه‌ی شهری امور خدمات شهری",
        "name_en": "Directorate-General of Planning and Urban Development, Urban Services",
        "mission": "تدوین برنامه و شاخص‌های حوزه‌ی خدمات شهری بر پایه‌ی اسناد بالادستی و پایش اجرای آن‌ها.",
        "duties": [
            "استخراج شاخص‌ها از طرح جامع، سیاست‌های شهردار و مصوبات شورا",
            "گردآوری و راستی‌آزمایی داده‌های پایش",
        ],
    },
    {
        "slug": "tehran-urban-services-affairs",
        "kind": Kind.DEPARTMENT,
        "name_fa": "اداره‌ی کل امور خدمات شهری",
        "name_en": "Directorate-General of Urban Services Affairs",
        "mission": "هماهنگی اجرایی خدمات شهری میان مناطق و شرکت‌های تابعه.",
        "duties": ["پیگیری اجرای برنامه‌های خدمات شهری در مناطق"],
    },
    {
        "slug": "tehran-industries-jobs-company",
        "kind": Kind.COMPANY,
        "name_fa": "شرکت ساماندهی صنایع و مشاغل شهر تهران",
        "name_en": "Tehran Industries and Jobs Organizing Company",
        "mission": "جابه‌جایی و سامان دادن کارگاه‌ها و مشاغل مزاحم شهری به مکان‌های مناسب و کاستن از آثار آن‌ها بر زندگی شهروندان.",
        "duties": [
            "شناسایی مشاغل مزاحم و برنامه‌ریزی انتقال آن‌ها",
            "ایجاد و اداره‌ی مجموعه‌های صنفی و خدماتی",
        ],
    },
    {
        "slug": "tehran-shahrban-harimban-company",
        "kind": Kind.COMPANY,
        "name_fa": "شرکت شهربان و حریم‌بان",
        "name_en": "Shahrban and Harimban Company",
        "mission": "پاسداری از نظم شهری و حریم شهر در برابر ساخت‌وساز و بهره‌برداری غیرمجاز.",
        "duties": [
            "گشت و پایش حریم شهر",
            "همکاری در اجرای مقررات نظم و سیمای شهری",
        ],
    },
]

PLANNING_OFFICE = {
    "kind": Kind.MUNICIPAL_OFFICE,
    "name_fa": "دفتر برنامه‌ریزی و ارزیابی عملکرد شهرداری {city}",
    "name_en": "{city} Municipality Planning and Performance Office",
    "mission": "برنامه‌ریزی، گزارش عملکرد و ثبت داده‌های شهرداری در شبکه‌ی کلانشهرها.",
}

# username, organization slug, role, job title
USERS = [
    ("secretariat", "secretariat", Role.SECRETARIAT, "کارشناس دبیرخانه"),
    ("tehran_editor", "tehran-planning", Role.MUNICIPALITY_EDITOR, "کارشناس برنامه‌ریزی"),
    ("mashhad_editor", "mashhad-planning", Role.MUNICIPALITY_EDITOR, "کارشناس برنامه‌ریزی"),
    ("rasht_editor", "rasht-planning", Role.MUNICIPALITY_EDITOR, "کارشناس برنامه‌ریزی"),
    ("tehran_urban_services", "tehran-urban-services", Role.ORGANIZATION_MANAGER, "مدیر دفتر معاونت"),
    ("authority", "municipalities-organization", Role.AUTHORITY_REVIEWER, "کارشناس بررسی مصوبات"),
    ("expert1", "isfahan-planning", Role.EXPERT_REVIEWER, "کارشناس نوآوری"),
    ("expert2", "shiraz-planning", Role.EXPERT_REVIEWER, "کارشناس نوآوری"),
    ("moderator", "secretariat", Role.MODERATOR, "ناظر درگاه"),
    ("tehran_verifier", "tehran-planning", Role.VERIFIER, "کارشناس راستی‌آزمایی داده‌ها"),
    ("citizen", None, None, ""),
]
# Cities whose planning office the demo creates (editors' and experts' homes).
PLANNING_OFFICE_CITIES = ("tehran", "mashhad", "isfahan", "shiraz", "tabriz", "rasht")


def _ensure_organization(spec, **extra):
    existing = Organization.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    return services.create_organization(SYSTEM, **spec, **extra)


def _ensure_user(username, password):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, password=password, email=f"{username}@example.org")
    return user


def load(stdout):
    for slug, name_fa, name_en, province_fa, province_en, region, population in CITIES:
        if not Municipality.objects.filter(slug=slug).exists():
            services.create_municipality(
                SYSTEM, slug=slug, name_fa=name_fa, name_en=name_en, province_fa=province_fa, province_en=province_en,
                region=region, population=population, population_is_sample=True, is_metropolis=True,
                is_compared=True,
            )
    cities = {m.slug: m for m in Municipality.objects.all()}

    _ensure_organization(SECRETARIAT)
    _ensure_organization(AUTHORITY)
    _ensure_organization(SECOND_AUTHORITY)
    for slug in PLANNING_OFFICE_CITIES:
        city = cities[slug]
        _ensure_organization(
            {**PLANNING_OFFICE, "slug": f"{slug}-planning",
             "name_fa": PLANNING_OFFICE["name_fa"].format(city=city.name_fa),
             "name_en": PLANNING_OFFICE["name_en"].format(city=city.name_en)},
            municipality=city,
        )
    deputy = _ensure_organization(TEHRAN_DEPUTY, municipality=cities["tehran"])
    for unit in TEHRAN_UNITS:
        _ensure_organization(unit, parent=deputy)

    organizations = {o.slug: o for o in Organization.objects.all()}
    admin = _ensure_user("admin", settings.DEMO_PASSWORD)
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    for username, org_slug, role, title in USERS:
        user = _ensure_user(username, settings.DEMO_PASSWORD)
        if role and not Membership.objects.filter(user=user, organization=organizations[org_slug], role=role).exists():
            services.add_membership(SYSTEM, user, organizations[org_slug], role, title)
    stdout.write(f"network: {len(cities)} municipalities, {len(organizations)} organizations, {len(USERS) + 1} users")


def logins():
    """(username, role) rows for the demo logins that `make run` prints."""
    rows = [("admin", "superuser (Django admin)")]
    rows += [(username, role.value if role else "citizen") for username, _org, role, _title in USERS]
    return rows
