"""The vocabulary of moderation: base forms only. Plurals, clitics, colloquial endings, misspellings by sound and
disguises are the analyzer's job (analyzer.py), so a word is listed once, in its dictionary form.

Word classes, and why they differ:
* STRONG: name-calling with no everyday sense («احمق», «کودن»). Any use is an insult. persian-text-guard's bundled
  list (vulgar and sexual terms, slurs) joins this class, less the words listed as DUAL.
* DUAL: words with an innocent everyday sense (کثافت = dirt, گاو = a cow, عوضی = wrong, سگ = a dog). They insult
  only when aimed at a person or body; otherwise a moderator looks (review), never an automatic rejection.
* ACCUSATIONS: words and phrases charging someone with wrongdoing. A list cannot tell them from fair criticism, so
  they go to a moderator.
* TARGETS: people and bodies an insult can be aimed at, and the words that aim (pronouns, «یه مشت», vocatives).
"""

STRONG = """
احمق ابله کودن خنگ پخمه نفهم بیشعور بیشرف بیناموس بیوجدان پفیوز دیوث لاشی مرتیکه زنیکه پدرسوخته حرامزاده
بیعرضه نادان نادون اسکل الدنگ هالو گاگول بیشخصیت بیسروپا عقبمانده کله‌پوک شارلاتان
"""

# Phrases that insult on their own (matched on whole words, in order).
STRONG_PHRASES = ("خاک بر سر", "خاک تو سر", "خفه شو", "خفه شید", "خفه بشید")

DUAL = """
خر الاغ گاو گوساله گوسفند حیوان حیوون سگ توله میمون خوک شغال کفتار لاشخور کثافت آشغال لجن عوضی کثیف
دیوانه دیوونه بیسواد کور چلغوز
"""

# The everyday senses of DUAL words, and words that show a comment means that sense: a dog in a comment about stray
# animals, dirt in a comment about a gutter, «عوضی» (wrongly) about a printed number. A DUAL word neither aimed at
# anyone nor in such company goes to a moderator; in such company (in the comment or in the article) it is published.
EVERYDAY_SENSES = (
    ("خر الاغ گاو گوساله گوسفند حیوان حیوون سگ توله میمون خوک شغال کفتار لاشخور",
     "دام دامداری دامپزشک دامپزشکی گله چوپان پناهگاه واکسن واکسیناسیون عقیم عقیم‌سازی هاری ولگرد بی‌صاحب رهاشده "
     "قلاده گربه مرغ خروس اسب قاطر شتر کبوتر باربر کشتار زخمی حیوانات جانور پرنده گاوداری طویله آغل علوفه "
     "حیوان‌آزاری روستا مزرعه"),
    ("کثافت آشغال لجن کثیف",
     "جوی آب کانال فاضلاب زباله پسماند کوچه خیابان پارک بو بوی لایروبی نظافت جارو سطل مخزن شیرابه رودخانه "
     "پیاده‌رو محله ساحل کیسه نخاله"),
    ("عوضی", "شماره تلفن آدرس نشانی ایستگاه چاپ نوشته نوشتید اتوبوس پیاده مسیر قبض فیش"),
)

# Accusations: base forms (the analyzer finds «دزدها», «دزدند», «رشوه‌خوارها»...) and set phrases.
ACCUSATIONS = """
دزد دزدی اختلاس اختلاسگر رشوه رشوه‌خوار رشوه‌گیر فاسد فساد کلاهبردار کلاهبرداری خائن خیانت رانت رانتخوار
رانت‌خوار غارت غارتگر چپاول زدوبند دروغگو مافیا پارتی‌بازی زیرمیزی باندبازی دستکاری آقازاده
"""
ACCUSATION_PHRASES = (
    "بالا کشید", "بالا کشیده", "بالا کشیدند", "به جیب", "جیب خود", "جیب خودشان", "جیب خودشون", "دست به یکی",
    "بین خودشان", "بین خودشون", "دروغ است", "دروغ نوشته", "پول ما را خوردند", "را خورده‌اند", "را خوردند",
    "بیت‌المال را",
)

TARGETS = """
شهردار معاون معاونت مدیر مدیرعامل مدیرکل مسئول مسئولین رئیس کارمند کارکن کارشناس شورا شورایی عضو اعضا نماینده
وزیر وزارت دولت شهرداری سازمان شرکت داور پیمانکار راننده مامور بازرس استاندار فرماندار فرد افراد آقا آقای
خانم یارو طرف جناب مرتیکه زنیکه مسئولان مدیران آدم
"""
# Words that aim what follows or precedes them at a person: pronouns, quantifiers of people, vocatives.
POINTERS = """
شما شماها اینا اونا اینها آنها ایشون ایشان همشون همتون همه‌شون همه‌تون همگی
"""
POINTER_PHRASES = ("یه مشت", "یک مشت", "یه عده", "یک عده", "یه سری", "یک سری", "ای", "برو گمشو", "گمشو", "گم شو",
                   "مثل", "عین", "مانند")
# Copulas and predicates: «X is a <word>», «they are <word>s».
COPULAS = """
است هست هستند هستید هستی هستن هستین هستیم بود بودند بودید بودی اند اید ای ند ید ین ن ه یه
"""

# Endings the analyzer takes off a word, grouped by what they tell. "predicative" endings say the word is said of
# someone («کودنه» he is an idiot, «عوضین» they are jerks, «احمقید» you are idiots).
PLURAL_ENDINGS = ("های", "ها", "هایی", "ان", "ین", "ات", "ا", "گان")
POSSESSIVE_ENDINGS = ("شون", "تون", "مون", "شان", "تان", "مان", "ش", "ت", "م")
PREDICATIVE_ENDINGS = ("اند", "ید", "ین", "ند", "ن", "ه", "یه", "ای", "ی", "یم", "م", "ست", "ان")
ADJECTIVE_ENDINGS = ("ترین", "تر")

# --- relevance -------------------------------------------------------------------------------------------------

# Chatter that has nothing to do with a city's affairs, by subject. A word counts with its weight; a comment whose
# chatter weight reaches 1 and that shares little with the article is off topic.
CHATTER = {
    "sport": ("جام:0.5 جهانی:0.5 فوتبال:1 والیبال:1 بسکتبال:1 کشتی:0.5 لیگ:1 جام‌جهانی:1 پرسپولیس:1 استقلال:0.5 سپاهان:1 تراکتور:0.5 "
              "رئال:1 بارسلونا:1 گل:0.5 دروازه‌بان:1 داور:0.3 بازی:0.5 مسابقه:0.5 تیم:0.5 باخت:0.5 برد:0.3 "
              "مساوی:0.5 قهرمانی:0.5 هوادار:0.5 ورزشگاه:0.5 قرعه‌کشی:0.5 پنالتی:1 آرژانتین:0.5 برزیل:0.5 "
              "ژاپن:0.5 کره:0.3 آلمان:0.3 پرتغال:0.5 چندچند:1 برنده:0.3 لیونل:1 مسی:0.5 رونالدو:1"),
    "money": ("دلار:1 یورو:1 درهم:0.7 سکه:0.7 طلا:0.7 عیار:1 بورس:0.7 ارز:0.7 رمزارز:1 بیتکوین:1 "
              "قیمت‌طلا:1 مثقال:1 سهام:0.7"),
    "weather": ("باران:1 بارون:1 برف:1 آفتابی:1 ابری:1 هواشناسی:1 دما:0.5 بارانی:1 بارونی:1 "
                "سرما:0.5 گرما:0.5"),
    "food": ("پخت:1 دستورپخت:1 کیک:1 کوکو:1 قورمه‌سبزی:1 قیمه:1 آش:0.5 شیرینی:0.5 پیتزا:1 آشپزی:1 "
             "سبزی:0.3 خوشمزه:0.7 رسپی:1 غذا:0.3"),
    "entertainment": ("سریال:1 فیلم:0.7 آهنگ:1 خواننده:1 بازیگر:1 تلویزیون:0.5 شبکه:0.3 کنسرت:0.7 "
                      "اینستاگرام:0.3 یوتیوب:0.5 موسیقی:0.5 رمان:0.5"),
    "personal": ("تولد:1 تولدت:1 مبارک:0.5 داداش:0.7 آبجی:0.7 عشقم:1 دلم:0.5 دلتنگ:0.7 تنگ:0.3 مادرم:0.5 "
                 "عروسی:0.7 خواستگاری:1 ازدواج:0.5 عید:0.5 نوروز:0.5 مسافرت:0.7 سفر:0.3 کنکور:1 امتحان:0.5"),
    "gadgets": ("گوشی:0.7 موبایل:0.3 سامسونگ:1 آیفون:1 شیائومی:1 هندزفری:1 لپتاپ:0.7 لپ‌تاپ:0.7 "
                "بلوتوث:0.7 پلی‌استیشن:1 کنسول:0.5"),
}

# Commercial offers: an offer word together with a call to reach the seller.
OFFER = """
فروش فروشی خرید تخفیف ارزان ارزانترین قیمت نرخ اجرت قسطی اقساط وام رایگان کسب‌درآمد درآمد تعمیرات تعمیر
سفارش ارسال فالوور لایک آموزش پت‌شاپ ویژه عضویت شرط‌بندی کازینو پیش‌بینی آپارتمان ملک
"""
CONTACT = """
دایرکت پیج پیوی پی‌وی فالو کانال تلگرام واتساپ اینستا اینستاگرام تماس
"""
# Contact words that promote a channel or a page: with a link, handle or number, certain spam.
PROMOTION = "دایرکت پیج پیوی فالو کانال تلگرام واتساپ اینستا اینستاگرام"
PROMOTION_PHRASES = ("دنبال کنید", "عضو شوید", "عضو بشید", "لینک در بیو", "سر بزنید", "پیام بدید", "پیام بدهید")
CONTACT_PHRASES = ("پیام بدید", "پیام بدهید", "پیام دهید", "سر بزنید", "عضو شوید", "عضو بشید", "تماس بگیرید",
                   "لینک در بیو", "دنبال کنید")

# What a city's news is about: a comment on any of these is about the city, whatever the article. Such a comment
# is never sent away as chatter.
CIVIC = """
شهر شهرداری شهردار شورا محله کوچه خیابان بزرگراه پیاده‌رو پارک فضای‌سبز زباله پسماند جوی فاضلاب آب برق
اتوبوس مترو تاکسی ایستگاه ترافیک پارکینگ آسفالت چاله عوارض بودجه درآمد مالیات نوسازی ساخت‌وساز پروانه
تراکم حریم سامانه ۱۳۷ شکایت رضایت نظرسنجی مصوبه نشست کارگروه شاخص پایش طرح جامع منطقه ناحیه کلانشهر
شهروند شهروندان خدمات پاکبان آتش‌نشانی روشنایی چراغ نیمکت سرویس‌بهداشتی بازارچه میدان پل زیرگذر دوچرخه
پیاده سالمند معلول کودک بوستان درخت آلودگی هوای‌پاک دام سگ حیوان پناهگاه کارکنان حقوق پیمانکار مناقصه
هزینه مردم شهرک روستا حمل‌ونقل برنامه مدیریت چمن گیاه درختکاری آبیاری
"""

# Words of no help in telling the topic.
STOPWORDS = frozenset("""
و در به از که این آن با برای را تا هم یا اما اگر چون چه هر نیز بر بی پس می شود شد شده است هست نیست بود
باید کند کرد کنند کردند خواهد های ها یک دو سه من ما شما او آنها ایشان خیلی بسیار همه هیچ چند وقتی اینکه
آنکه دیگر روی زیر پیش بعد قبل همین همان چنین چنان ولی بله نه خیر دارد دارند داریم کنیم شود شوند هستند
هستیم بودند بودیم امروز دیروز فردا کاش لطفا خوب بد کی کجا چرا چطور چی چیه چنده چقدر کسی کس ای آیا
رو میشه میشن داره دارن بود بودن کن کنید بکنید بشه نمیشه اینو اونو یه اون این‌ها اینا اونا من تو
ممنون مرسی سپاس تشکر عالی عالیه دمتون دمت گرم خسته نباشید درود سلام موافقم مخالفم امیدوارم گزارش خبر واقعا
""".split())

# --- language ------------------------------------------------------------------------------------------------

KURDISH_LETTERS = frozenset("ڕڵۆێەڤ")
URDU_LETTERS = frozenset("ٹڈڑںےھہۓ")
ARABIC_LETTERS = frozenset("ةىأإؤ")
PERSIAN_LETTERS = frozenset("پچژگ")
# Azerbaijani words that Persian does not have (words both languages use, such as بو، ده، دی، دا، بیر, are no
# evidence either way).
AZERBAIJANI_WORDS = frozenset("""
چوخ یاخشی منیم سنین سیزین بیزیم ایچون اوچون ایله اولان اولسون اولون گؤره ساغ گلدینیز گلمیشیز دئییل
خبردیر یاخشیدیر آزدیر ناراضی‌ییق بیز سیز دئدی
""".split())
# Arabic function words that Persian does not use on its own.
ARABIC_WORDS = frozenset("""
هذا هذه ذلك التي الذي الذين في على إلى الى عن لقد قد لم لن هو هي نحن انتم كان كانت جدا ليس شكرا جزيلا
متى سيتم يعطيكم
""".split())
# Common Persian words: evidence for Persian in a short text.
PERSIAN_WORDS = frozenset("""
است را که این برای می نمی های ها شد شده کرد کردن باید نیست هست خیلی ممنون موافقم مخالفم شهرداری شهر ما از به
با در و هم اما ولی چرا چه کنید کنند می‌شود نمی‌شود سپاس تشکر عالی بود خوب بد مرسی دمتون گرم
""".split())
# Words starting with «ال» that Persian uses; other «ال…» words are Arabic evidence.
AL_WORDS_IN_PERSIAN = frozenset("الان البته الگو الکترونیک الکترونیکی الزام الزامی الهام التماس الماس الکی الاغ".split())
