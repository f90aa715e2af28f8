"""The moderation pipeline on comments we wrote and labelled, against one article; and the CLI that runs the
same pipeline over a file. Guarantee (docs/moderation.md): no insult and no non-Persian comment is published."""

import json

import pytest
from django.core.management import CommandError, call_command

from kalanshahr.lib.persian import normalize
from kalanshahr.portal.moderation import Topic, judge, language

ARTICLE = """نشست سی‌ام معاونان مالی و اداری شهرداری‌های کلانشهرها به میزبانی تبریز برگزار شد. کارگروه‌های درآمد،
حسابرسی، امور مالی و اداری و رفاهی درباره‌ی عوارض نوسازی، بودجه، درآمد پایدار، حسابرسی داخلی و رفاه کارکنان
شهرداری‌ها گفت‌وگو کردند و مصوبه‌هایی برای مراجع ذی‌صلاح آماده شد. اجرای مصوبه‌ها در شهرداری‌ها پیگیری می‌شود."""
TOPIC = Topic(ARTICLE)
P, R, X = "publish", "review", "reject"

# (text, decision, reasons that must be among the verdict's) — every one written for these tests.
LABELLED = [
    # fair, on-topic Persian
    ("موافقم", P, set()),
    ("خیلی ممنون", P, set()),
    ("عالی بود", P, set()),
    ("ممنون از گزارش", P, set()),
    ("کاش مصوبه‌های درآمد پایدار زودتر در شهرداری‌ها اجرا شود.", P, set()),
    ("گزارش حسابرسی داخلی شهرداری‌ها باید هر سال منتشر شود.", P, set()),
    ("عوارض نوسازی در شهر ما هنوز دستی محاسبه می‌شود و این مصوبه کمک می‌کند.", P, set()),
    ("بودجه‌ی رفاه کارکنان شهرداری کافی نیست و کارگروه اداری و رفاهی باید آن را بررسی کند.", P, set()),
    ("شهرداري تبريز ميزبان خوبي بود", P, set()),  # Persian typed with Arabic ي
    ("كارگروه درآمد كار خوبي كرد", P, set()),  # Arabic ك
    ("مُصَوَّبه‌های نشست را کجا می‌توان خواند؟", P, set()),  # diacritics
    ("نتیجه‌ی نشست ۳۰ را منتشر کنید", P, set()),
    ("به نظرم مصوبه‌ی بودجه کمی دیر آمد ولی درست است.", P, set()),
    ("درآمد پایدار برای کلانشهرها مهم‌ترین موضوع است.", P, set()),
    ("از دبیرخانه برای برگزاری منظم نشست‌ها سپاسگزارم.", P, set()),
    # innocent words that share letters with insults or accusations
    ("خرما و خرید میوه در بازار تبریز ارزان‌تر شد و شهرداری بازارچه را نوسازی کرد", P, set()),
    ("دزدگیر ساختمان شهرداری را تعمیر کنید", P, set()),
    ("کون فیکون شدن بودجه‌ی شهرداری‌ها با تورم", P, set()),
    ("خرداد امسال بودجه‌ی تکمیلی شهرداری تصویب شد", P, set()),
    ("گاوصندوق اسناد حسابرسی شهرداری کجاست؟", P, set()),
    ("احمد، معاون مالی، گزارش درآمد را خواند", P, set()),
    ("خرسندم که عوارض نوسازی ساده‌تر شد", P, set()),
    # insults, and their evasions
    ("معاون مالی احمق است", X, {"insult"}),
    ("این مسئولان الاغ هستند", X, {"insult"}),
    ("شهردار بی‌شعور است", X, {"insult"}),
    ("مدیرانی که این مصوبه را نوشتند نفهم هستند", X, {"insult"}),
    ("ا ح م ق", X, {"insult"}),  # spaced-out letters
    ("اح\u200cمق", X, {"insult"}),  # ZWNJ inside the word
    ("اح\u200dمق", X, {"insult"}),  # ZWJ inside the word
    ("اح\u200bمق", X, {"insult"}),  # ZWSP inside the word
    ("احــــــمق", X, {"insult"}),  # tatweel elongation
    ("احمققققق", X, {"insult"}),  # repeated letters
    ("الاااااغ", X, {"insult"}),
    ("بيشعور", X, {"insult"}),  # Arabic ي
    ("کثافت‌ها بودجه را خوردند", X, {"insult"}),
    ("برو گمشو عوضی", X, {"insult"}),
    # accusations: a moderator decides
    ("مسئولان شهرداری دزد هستند", R, {"accusation"}),
    ("معاون مالی رشوه گرفته است", R, {"accusation"}),
    ("در حسابرسی شهرداری اختلاس شده است", R, {"accusation"}),
    ("این مصوبه برای رانت دادن به چند شرکت است", R, {"accusation"}),
    ("مدیران شهرداری فاسد هستند و باید برکنار شوند", R, {"accusation"}),
    ("دزدها بودجه را برده‌اند", R, {"accusation"}),
    # not Persian
    ("هذا القرار جيد جدا للمدينة", X, {"not_persian"}),
    ("نحن نشكر البلدية على هذا الاجتماع", X, {"not_persian"}),
    ("شكرا جزيلا", X, {"not_persian"}),
    ("یہ فیصلہ بہت اچھا ہے", X, {"not_persian"}),
    ("بلدیہ نے اچھا کام کیا", X, {"not_persian"}),
    ("ئەم بڕیارە زۆر باشە", X, {"not_persian"}),  # Kurdish (Sorani)
    ("شارەوانی کارێکی باشی کرد", X, {"not_persian"}),
    ("بو قرار چوخ یاخشی‌دیر", X, {"not_persian"}),  # Azerbaijani in Arabic script
    ("bu qərar çox yaxşıdır", X, {"not_persian"}),  # Azerbaijani in Latin letters
    ("This decision is great for the city", X, {"not_persian"}),
    ("thanks for the report", X, {"not_persian"}),
    ("salam, kheili khoob bood", X, {"not_persian"}),  # Finglish
    ("shahrdari bayad in moshkel ro hal kone", X, {"not_persian"}),
    ("merci az dabirkhane", X, {"not_persian"}),
    ("👍👍👍", X, {"not_persian"}),
    # spam
    ("برای وام فوری به سایت www.example.com بروید", R, {"spam"}),
    ("با شماره‌ی ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید تا عوارض را کم کنیم", R, {"spam"}),
    ("خرید ارزان https://example.ir و www.example.com و ۰۹۱۲۱۱۱۲۲۳۳", X, {"spam"}),
    ("عالی عالی عالی عالی عالی عالی عالی", X, {"spam"}),
    ("!!!!!!!!!!!! مصوبه", X, {"spam"}),
    # off topic (long enough to judge)
    ("دیشب فوتبال تیم ما باخت و هواداران در ورزشگاه ناراحت بودند", R, {"off_topic"}),
    ("هوای آفتابی آخر هفته برای کوه‌نوردی و پیاده‌روی در طبیعت مناسب است", R, {"off_topic"}),
    ("دستور پخت قورمه‌سبزی با سبزی تازه و لوبیا قرمز خوشمزه‌تر می‌شود", R, {"off_topic"}),
]


def test_there_are_at_least_sixty_labelled_comments_covering_every_reason():
    assert len(LABELLED) >= 60
    covered = set().union(*(reasons for _text, _decision, reasons in LABELLED))
    assert covered == {"insult", "accusation", "not_persian", "off_topic", "spam"}


@pytest.mark.parametrize("text,decision,reasons", LABELLED, ids=[f"c{i:02d}" for i in range(len(LABELLED))])
def test_labelled_comment(text, decision, reasons):
    verdict = judge(text, TOPIC)
    assert verdict.decision == decision, (text, verdict)
    assert reasons <= set(verdict.reasons), (text, verdict)


def test_no_insult_and_no_non_persian_comment_is_ever_published():
    for text, _decision, reasons in LABELLED:
        if reasons & {"insult", "not_persian"}:
            assert judge(text, TOPIC).decision == "reject", text


def test_short_replies_are_never_judged_off_topic():
    for text in ("موافقم", "مخالفم", "درست است", "ممنون از شما"):
        assert "off_topic" not in judge(text, TOPIC).reasons


def test_language_heuristic_decides_without_lingua_for_clear_cases():
    assert language(normalize("شهرداری باید این کار را بکند")) == "fa"
    assert language("یہ اچھا ہے") == "ur"
    assert language("hello there") == "latin"


def test_the_cli_prints_one_json_line_per_comment(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    comments = tmp_path / "comments.jsonl"
    comments.write_text("\n".join(json.dumps({"id": i, "text": text}, ensure_ascii=False)
                                  for i, (text, _d, _r) in enumerate(LABELLED[:5] + LABELLED[22:24])), encoding="utf-8")
    call_command("moderate_comments", "--article", str(article), "--comments", str(comments))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == list(range(7))
    assert lines[0] == {"id": 0, "decision": "publish", "reasons": []}
    assert lines[5]["decision"] == "reject" and "insult" in lines[5]["reasons"]


@pytest.mark.parametrize("content,message", [
    (b"{not json}\n", "Line 1"),
    ('{"id": 1}\n'.encode(), "Line 1"),
    (b"\xff\xfe\x00broken", "Cannot read"),
])
def test_the_cli_refuses_unreadable_input(tmp_path, content, message):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    comments = tmp_path / "comments.jsonl"
    comments.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("moderate_comments", "--article", str(article), "--comments", str(comments))
    assert message in str(error.value)
    with pytest.raises(CommandError):
        call_command("moderate_comments", "--article", str(tmp_path / "missing.txt"), "--comments", str(comments))


EXTRA = ["احمقق", "مدیر احمقق است", "دزددد", "کسکش", "ک س ک ش", "ک.س.ک.ش", "کـــسکش", "مادرجنده", "fuck you", "f u c k", "sh1t", "کیر", "ک1ر",
         "احمق‌ها", "دزدها", "بی‌ناموس", "خفه شو", "ⓚⓘⓡ", "kos nanat", "bitch", "گاو", "خرید گاو", "دیوث"]


@pytest.mark.parametrize("text", [text for text, _d, _r in LABELLED] + EXTRA)
def test_the_fast_path_agrees_with_the_full_scan(text):
    """Word lookup settles plain text; its answer must be the one persian-text-guard's full scan gives."""
    from kalanshahr.portal import moderation

    clean = normalize(text)
    full = {moderation.ACCUSATION if match.word.category == "uncategorized" else moderation.INSULT
            for match in moderation._filter().find_matches(moderation._without_innocent_phrases(clean))}
    assert moderation._word_reasons(clean) == full
