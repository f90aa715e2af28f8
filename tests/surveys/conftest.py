import pytest

from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import Municipality
from kalanshahr.strategy import monitoring
from kalanshahr.strategy.models import Indicator
from kalanshahr.surveys import services


@pytest.fixture
def satisfaction(demo):
    return Indicator.objects.get(code="NET-SAT-01")


@pytest.fixture
def version(satisfaction):
    """A questionnaire of every kind of question; the first one measures NET-SAT-01."""
    return services.publish_version(SYSTEM, code="test-services", title_fa="رضایت از خدمات شهری",
                                    title_en="Satisfaction with municipal services", questions=[
        {"kind": "likert", "text_fa": "از خدمات شهرداری چه اندازه خشنودید؟", "indicator": satisfaction},
        {"kind": "yes_no", "text_fa": "آیا در این ماه با شهرداری کاری داشتید؟"},
        {"kind": "single", "text_fa": "بیشتر از کدام راه با شهرداری کار دارید؟",
         "choices": [("حضوری", "In person"), ("برخط", "Online"), ("تلفن ۱۳۷", "Phone 137")]},
        {"kind": "multiple", "text_fa": "کدام خدمت‌ها را به کار بردید؟", "required": False,
         "choices": [("پسماند", "Waste"), ("فضای سبز", "Green space"), ("پروانه‌ی ساخت", "Building permits")]},
        {"kind": "scale", "text_fa": "چه اندازه شهرداری را به دیگران پیشنهاد می‌کنید؟"},
        {"kind": "text", "text_fa": "پیشنهاد شما برای بهتر شدن خدمات چیست؟", "required": False},
    ])


@pytest.fixture
def tehran(demo):
    return Municipality.objects.get(slug="tehran")


@pytest.fixture
def next_month():
    return monitoring.latest_due_period("month").shift(1)


@pytest.fixture
def wave(version, tehran, next_month):
    return services.open_wave(SYSTEM, version, tehran, next_month, minimum_answers=3)


def filled(version, likert=4, **overrides):
    """A whole set of answers to the fixture's questionnaire, {question id: value}."""
    questions = list(version.questions.prefetch_related("choices"))
    values = [likert, 1, questions[2].choices.all()[1].pk, [questions[3].choices.all()[0].pk], 9,
              "ساعت کار دفترها را بیشتر کنید."]
    answers = {q.pk: value for q, value in zip(questions, values)}
    answers.update({questions[int(k[1:]) - 1].pk: v for k, v in overrides.items()})
    return answers
