"""Demo for surveys: the network's questionnaire on municipal services; a closed wave of the newest month in three
cities, whose generated answers (sample data, drawn with a fixed seed) write their citizen-satisfaction value with n
and the interval; and an open wave in Tehran for the month after, with a few answers in. Every answer goes through
the services, free text through the comment policy. The questions and texts are our own. Loading twice changes
nothing.
"""

import random

from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import Municipality
from kalanshahr.strategy import monitoring
from kalanshahr.strategy.models import Indicator

from . import services
from .models import Questionnaire

CODE = "municipal-services"
CLOSED_WAVES = {"mashhad": (4.1, 48), "tabriz": (3.6, 41), "shiraz": (3.3, 36)}  # the city's mean 1–5, answers
OPEN_WAVE_ANSWERS = 7
SUGGESTIONS = [
    "ساعت کار دفترهای خدمات شهری را در عصرها بیشتر کنید.",
    "پیگیری درخواست‌ها در سامانه‌ی ۱۳۷ با پیامک خبر داده شود.",
    "جمع‌آوری پسماند در کوچه‌های فرعی منظم‌تر باشد.",
    "پیاده‌روهای محله‌ی ما برای ویلچر و کالسکه هموار شود.",
    "",
    "",
]


def questions(satisfaction):
    return [
        {"kind": "likert", "text_fa": "روی هم رفته از خدمات شهرداری در این ماه چه اندازه خشنودید؟",
         "text_en": "Overall, how satisfied were you with the municipality's services this month?",
         "indicator": satisfaction},
        {"kind": "yes_no", "text_fa": "آیا کار شما با شهرداری در نخستین مراجعه انجام شد؟",
         "text_en": "Was your business with the municipality done on the first visit?"},
        {"kind": "single", "text_fa": "بیشتر از کدام راه با شهرداری کار داشتید؟",
         "text_en": "How did you mostly deal with the municipality?",
         "choices": [("حضوری در دفتر خدمات", "In person at a service office"), ("درگاه برخط", "Online portal"),
                     ("تلفن ۱۳۷", "Phone line 137")]},
        {"kind": "multiple", "text_fa": "کدام خدمت‌ها را در این ماه به کار بردید؟",
         "text_en": "Which services did you use this month?", "required": False,
         "choices": [("پسماند و پاکیزگی", "Waste and cleaning"), ("فضای سبز", "Green space"),
                     ("پروانه‌ی ساخت", "Building permits"), ("حمل‌ونقل همگانی", "Public transport")]},
        {"kind": "scale", "text_fa": "چه اندازه خدمات شهرداری را به دوستان خود پیشنهاد می‌کنید؟ (۰ تا ۱۰)",
         "text_en": "How likely are you to recommend the municipality's services to a friend? (0 to 10)"},
        {"kind": "text", "text_fa": "چه پیشنهادی برای بهتر شدن خدمات دارید؟",
         "text_en": "What would make the services better?", "required": False},
    ]


def _answers(listed, rng, mean):
    """One generated person's answers to the questions `listed` (with their choices): a 1–5 score around the city's
    mean, and the other answers leaning the same way."""
    likert = min(5, max(1, round(rng.gauss(mean, 0.9))))
    channel = rng.choice(list(listed[2].choices.all()))
    used = [c.pk for c in listed[3].choices.all() if rng.random() < 0.4]
    recommend = min(10, max(0, round(likert * 2 + rng.gauss(0, 1.5))))
    return {listed[0].pk: likert, listed[1].pk: int(rng.random() < 0.45 + 0.1 * likert), listed[2].pk: channel.pk,
            listed[3].pk: used, listed[4].pk: recommend, listed[5].pk: rng.choice(SUGGESTIONS)}


def load(stdout):
    if Questionnaire.objects.filter(code=CODE).exists():
        stdout.write("surveys: the demo is already there")
        return
    satisfaction = Indicator.objects.get(code="NET-SAT-01")
    version = services.publish_version(SYSTEM, code=CODE, title_fa="رضایت شهروندان از خدمات شهری",
                                       title_en="Citizens' satisfaction with municipal services",
                                       questions=questions(satisfaction))
    listed = list(version.questions.prefetch_related("choices"))
    cities = Municipality.objects.in_bulk([*CLOSED_WAVES, "tehran"], field_name="slug")
    newest = monitoring.latest_due_period("month")
    rng = random.Random(21)
    for slug, (mean, count) in CLOSED_WAVES.items():
        wave = services.open_wave(SYSTEM, version, cities[slug], newest, is_sample_data=True)
        for n in range(count):
            services.submit_answers(wave, _answers(listed, rng, mean), device=f"demo-{slug}-{n}", is_sample_data=True)
        services.close_wave(SYSTEM, wave)
    wave = services.open_wave(SYSTEM, version, cities["tehran"], newest.shift(1), is_sample_data=True)
    for n in range(OPEN_WAVE_ANSWERS):
        services.submit_answers(wave, _answers(listed, rng, 3.8), device=f"demo-tehran-{n}", is_sample_data=True)
    stdout.write(f"surveys: one questionnaire, {len(CLOSED_WAVES)} closed waves and Tehran's open one")
