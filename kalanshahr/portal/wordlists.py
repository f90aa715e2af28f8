"""Our own word lists for moderation, on top of persian-text-guard's bundled list.

Insults are name-calling aimed at a person: a comment using one is rejected. Accusations are words that
charge a person or body with wrongdoing: a list cannot tell them from fair criticism, so such a comment
goes to a moderator. Both are matched as whole words after normalization (persian-text-guard reads
through spaced letters, ZWNJ, Arabic letters and repeats). tests/portal/test_moderation.py holds the
innocent words that share letters with these («خرما», «خرید», «دزدگیر», «کون فیکون»...).
"""

INSULTS = """
[insult]
احمق
احمقها
احمق‌ها
الاغ
خر
گاو
بیشعور
بی‌شعور
بیشرف
بی‌شرف
نفهم
عوضی
کثافت
لاشی
پفیوز
بی‌عرضه
کودن
ابله
دیوث
حیوان
گوساله
"""

# Accusations: stems whose every form accuses («دزد», «دزدها», «دزدی»; «اختلاس», «اختلاسگر»).
ACCUSATIONS = (
    "دزد", "دزدها", "دزدان", "دزدی", "اختلاس", "اختلاسگر", "اختلاسگران", "رشوه", "رشوه‌خوار", "رشوه‌خواری",
    "فاسد", "فاسدها", "فساد", "کلاهبردار", "کلاهبرداری", "خائن", "خائنان", "خیانت", "رانت", "رانت‌خوار",
    "رانتخوار", "غارت", "غارتگر", "چپاول", "زدوبند", "دروغگو", "دروغ‌گو", "مافیا",
)

# Words of no help in telling the topic (for the relevance score).
STOPWORDS = frozenset("""
و در به از که این آن با برای را تا هم یا اما اگر چون چه هر نیز بر بی پس می‌شود شد شده است هست نیست بود
باید کند کرد کنند کردند خواهد های ها یک دو سه من ما شما او آنها ایشان خیلی بسیار همه هیچ چند وقتی اینکه
آنکه دیگر روی زیر پیش بعد قبل همین همان چنین چنان ولی بله نه خیر دارد دارند داریم کنیم شود شوند هستند
هستیم بودند بودیم امروز دیروز فردا کاش لطفا لطفاً خوب بد
""".split())

# Kurdish (Sorani) letters that Persian does not use, and Azerbaijani words written in Arabic script.
KURDISH_LETTERS = frozenset("ڕڵۆێەڤ")
AZERBAIJANI_WORDS = frozenset("بیر بو دا ده ایله دیر دی اولان اولسون چوخ منیم سیزین بیزیم ایچون ایچین گؤره یاخشی".split())
# Arabic function words that Persian does not use on its own.
ARABIC_WORDS = frozenset(("هذا هذه ذلك التي الذي الذين في على إلى الى عن لقد قد لم لن هو هي نحن انتم كان كانت جدا ليس "
                          "شكرا جزيلا مفيد جميل رائع").split())
# Set phrases that contain a listed word but insult nobody.
INNOCENT_PHRASES = ("کن فیکون", "کون فیکون")
URDU_LETTERS = frozenset("ٹڈڑںےھہۓ")
ARABIC_LETTERS = frozenset("ةىأإؤ")
PERSIAN_LETTERS = frozenset("پچژگ")
