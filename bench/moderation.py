"""Comment moderation speed on one core: comments per second and latency percentiles of the pipeline the web
uses (kalanshahr.portal.moderation.judge), over generated comments against one article.

    taskset -c 0 .venv/bin/python bench/moderation.py [--comments 5000] [--seed 7] [--rounds 5]

The comments mix the kinds the portal sees: fair Persian of varied length, replies of a word or two, insults
(some disguised: spaced letters, ZWNJ, elongation, Arabic letters), accusations, Arabic, Urdu, Finglish,
English, links and phone numbers, and off-topic chatter. Libraries are loaded and warmed up before timing
(the first comment also loads lingua's three languages, the first word the frequency lists). Nothing touches
the database.

Each round also times lib.persian.normalize over the same comments, interleaved with the pipeline, and reports
the pipeline's cost as a multiple of it: a ratio measured side by side holds on a shared, noisy machine where a
rate alone does not.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(DEBUG="1", SECRET_KEY="bench-only-secret-key-" + "x" * 40, DJANGO_SETTINGS_MODULE="kalanshahr.settings")

import django  # noqa: E402

django.setup()

from kalanshahr.lib.persian import normalize  # noqa: E402
from kalanshahr.portal.moderation import Topic, judge  # noqa: E402

ARTICLE = ("نشست سی‌ام معاونان مالی و اداری شهرداری‌های کلانشهرها به میزبانی تبریز برگزار شد. کارگروه‌های درآمد، "
           "حسابرسی، امور مالی و اداری و رفاهی درباره‌ی عوارض نوسازی، بودجه، درآمد پایدار و رفاه کارکنان گفت‌وگو کردند.")
WORDS = ("شهرداری مصوبه درآمد بودجه عوارض نوسازی حسابرسی کارکنان رفاه شهر گزارش اجرا نشست کارگروه پایدار "
         "باید امسال خوب بهتر منتشر شود کنند است را که این برای").split()
TEMPLATES = [
    lambda r: " ".join(r.choices(WORDS, k=r.randint(6, 40))),
    lambda r: r.choice(["موافقم", "خیلی ممنون", "عالی بود", "مخالفم", "درست است"]),
    lambda r: f"مدیر شهرداری {r.choice(['احمق', 'ا ح م ق', 'اح‌مق', 'احــــمق', 'الاغ', 'بيشعور'])} است",
    lambda r: f"مسئولان {r.choice(['دزد', 'فاسد', 'رشوه‌خوار'])} هستند و {' '.join(r.choices(WORDS, k=5))}",
    lambda r: r.choice(["هذا القرار جيد جدا للمدينة", "یہ فیصلہ بہت اچھا ہے", "salam kheili khoob bood merci",
                        "This is great news for the city", "ئەم بڕیارە زۆر باشە"]),
    lambda r: f"برای وام به www.example{r.randint(1, 99)}.com بروید یا با ۰۹۱۲{r.randint(1000000, 9999999)} تماس بگیرید",
    lambda r: "دیشب فوتبال تیم ما باخت و هواداران در ورزشگاه ناراحت بودند و خیلی شلوغ بود",
    lambda r: r.choice(["معاونش واقعا کودنه", "مدیرای این شرکت همه‌شون عوضین", "یه مشت الاغ", "احمغ‌ها"]),
    lambda r: r.choice(["جوی آب کوچه‌ی ما پر از کثافت و لجن شده", "سگ‌های بی‌صاحب در پارک", "گاو همسایه رها است"]),
    lambda r: r.choice(["قیمت سکه امروز چنده", "امشب بازی ساعت چنده؟", "فردا بارون میاد؟", "تولدت مبارک"]),
]
WEIGHTS = [44, 15, 8, 7, 8, 6, 4, 3, 3, 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=5, help="the machine is shared: report the median round")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    comments = [rng.choices(TEMPLATES, WEIGHTS)[0](rng) for _ in range(options.comments)]
    topic = Topic(ARTICLE)
    for text in comments[:200]:  # warm-up: libraries, word lists, lingua
        judge(text, topic)
    rates, latencies, ratios = [], [], []
    for _round in range(options.rounds):
        started = time.perf_counter()
        for text in comments:
            begin = time.perf_counter()
            judge(text, topic)
            latencies.append(time.perf_counter() - begin)
        elapsed = time.perf_counter() - started
        rates.append(len(comments) / elapsed)
        started = time.perf_counter()
        for text in comments:
            normalize(text)
        ratios.append(elapsed / (time.perf_counter() - started))
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(f"moderation: {len(comments):,} comments x {options.rounds} rounds on one core")
    print("  rounds:     " + ", ".join(f"{rate:,.0f}" for rate in rates) + " comments/s")
    print(f"  throughput: median {statistics.median(rates):,.0f} comments/s   (aim: >= 5,000/s)")
    print(f"  latency:    p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {latencies[-1] * 1000:.3f} ms   (aim: p99 < 1 ms)")
    print("  side by side: the pipeline costs " + ", ".join(f"{ratio:.1f}" for ratio in ratios)
          + f" x normalizing the same comments (median {statistics.median(ratios):.1f}x)")


if __name__ == "__main__":
    main()
