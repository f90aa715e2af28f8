"""Persian full-text search over every app's public things, kept current by the apps' services.

Each app registers its kinds (`register("news", build, everything)`): `build(obj)` returns a `Document`, or
None when the object must not be found (a draft, a withdrawn idea). Services call `update(kind, obj)` in
their transaction; `manage.py rebuild_search_index` rebuilds it all.

Text and queries are folded by lib.persian (ي/ی, ك/ک, diacritics, tatweel, آ/ا, hamza seats: مسئله/مسأله/مساله,
رئیس/رییس, digits in any script) and indexed in two forms: ZWNJ as a space and ZWNJ removed, so «شهرداری‌ها»,
«شهرداریها» and «شهرداری ها» all find each other. Every word is also indexed by its stem (lib.stemmer:
«مصوبه‌ها» → «مصوبه», «معاونان» → «معاون», «بزرگ‌ترین» / «بزرگ ترین» → «بزرگ»), and a code written with hyphens
or slashes («30-REV-01») also as one word («30rev01»).

A query's words are stemmed the same way, and a document matches when each of them is a prefix of one of its
words. Two neighbouring words may also be one word written apart («کلان شهرها» finds «کلانشهرها»), and a code
matches as a whole. SQLite uses an FTS5 table; PostgreSQL a GIN index over the same tokens (`array_to_tsvector`),
which needs no text search configuration for Persian and does not depend on the server's locale.

Ranking is one rule, computed in Python on either database (`rank`): the newest CANDIDATES matches are taken, then
ordered by a score: 3 for each query word found in the title, 1 for each query word found as a whole word (not
only as a prefix); ties go to the most recently changed document, then to the higher id.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_tasks import task

from kalanshahr.lib.persian import normalize, search_forms
from kalanshahr.lib.stemmer import stem

from .models import SearchDocument

FTS_TABLE = "network_search_fts"
MAX_TEXT = 4000
MAX_TERMS = 8
SNIPPET = 90
CANDIDATES = 500
TITLE_WEIGHT, WHOLE_WORD_WEIGHT = 3, 1

_TOKEN = re.compile(r"\w+")
_CODE = re.compile(r"\w+(?:[-/]\w+)+")
_SOURCES = {}


@dataclass
class Document:
    title: str
    url: str
    text: str
    audience: str = SearchDocument.PUBLIC
    visible_from: object = None


def register(kind, build, everything):
    """`build(obj)` → Document or None; `everything()` → every object of the kind, for a rebuild."""
    _SOURCES[kind] = (build, everything)


def _joined(code):
    """A code as one word: «30-rev-01» → «30rev01»."""
    return re.sub(r"[-/]", "", code)


def _index_words(text):
    spaced, joined = search_forms(text)
    words = _TOKEN.findall(spaced) + _TOKEN.findall(joined)
    words += [stem(word) for word in words]
    words += [_joined(code) for code in _CODE.findall(joined)]
    return dict.fromkeys(words)


def tokens(text):
    """The words a document is found by, space-separated: both forms, their stems and its codes."""
    return " ".join(_index_words(text))


def update(kind, obj):
    """Indexes `obj` as its app describes it, or removes it when it should not be found."""
    if kind not in _SOURCES:
        return None  # the app describing this kind is not installed
    build, _everything = _SOURCES[kind]
    document = build(obj)
    existing = SearchDocument.objects.filter(kind=kind, object_id=obj.pk).first()
    if document is None:
        if existing:
            _fts_delete(existing.pk)
            existing.delete()
        return None
    text = normalize(document.text)[:MAX_TEXT]
    values = {"title": normalize(document.title)[:300], "url": document.url, "text": text,
              "tokens": tokens(f"{document.title} {text}"), "audience": document.audience,
              "visible_from": document.visible_from}
    if existing:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
    else:
        existing = SearchDocument.objects.create(kind=kind, object_id=obj.pk, **values)
    # Also clears a row left behind by a flush, which empties the model's table but not FTS5's.
    _fts_delete(existing.pk)
    _fts_insert(existing.pk, existing.tokens)
    return existing


def remove(kind, pk):
    """Forgets a deleted object's document, if it had one."""
    for existing in SearchDocument.objects.filter(kind=kind, object_id=pk):
        _fts_delete(existing.pk)
        existing.delete()


def rebuild():
    """Drops and rebuilds the whole index; returns {kind: documents indexed}."""
    SearchDocument.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
    counts = {}
    for kind, (_build, everything) in _SOURCES.items():
        counts[kind] = sum(update(kind, obj) is not None for obj in everything())
    return counts


@task()
def rebuild_in_background():
    """The rebuild as a task for the worker (`rebuild_search_index --background`): in one transaction, so readers
    search the old index until the new one commits."""
    with transaction.atomic():
        return rebuild()


def _fts_insert(pk, text):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, tokens) VALUES (%s, %s)", [pk, text])


def _fts_delete(pk):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])


# --- queries -------------------------------------------------------------------------------------

def query_terms(query):
    """The query as alternatives, each a tuple of terms that must all match as prefixes: the stems of its words
    (ZWNJ removed, at most MAX_TERMS); the same with two neighbours joined («کلان شهرها» → «کلانشهر»); and each
    code as a whole («30-REV-01» → «30rev01»). Documents hold both forms of their words, so «سی ام», «سی‌ام» and
    «سیام» all match; the normalizer has already joined « ها» and «می » with ZWNJ."""
    _spaced, joined = search_forms(query or "")
    words = _TOKEN.findall(joined)[:MAX_TERMS]
    if not words:
        return []
    stems = [stem(word) for word in words]
    alternatives = [tuple(dict.fromkeys(stems))]
    for index in range(len(words) - 1):
        pair = stem(words[index] + words[index + 1])
        alternatives.append(tuple(dict.fromkeys(stems[:index] + [pair] + stems[index + 2:])))
    alternatives += [(_joined(code),) for code in _CODE.findall(joined)]
    return list(dict.fromkeys(alternatives))


def _matching_ids(alternatives, limit):
    """The ids of the newest `limit` matching documents, the same set on either database."""
    if connection.vendor == "sqlite":
        match = " OR ".join("(" + " AND ".join(f'"{term}"*' for term in terms) + ")" for terms in alternatives)
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s"
    else:
        match = " | ".join("(" + " & ".join(f"'{term}':*" for term in terms) + ")" for terms in alternatives)
        sql = (f"SELECT id FROM {SearchDocument._meta.db_table} "
               "WHERE array_to_tsvector(string_to_array(tokens, ' ')) @@ %s::tsquery ORDER BY id DESC LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return [row[0] for row in cursor.fetchall()]


def search(query, user, *, kinds=None, limit=50):
    """The documents matching `query` that `user` may find: anonymous users only public ones; best first."""
    alternatives = query_terms(query)
    if not alternatives:
        return []
    ids = _matching_ids(alternatives, CANDIDATES)
    audiences = [SearchDocument.PUBLIC]
    if getattr(user, "is_authenticated", False):
        audiences.append(SearchDocument.SIGNED_IN)
    found = SearchDocument.objects.filter(pk__in=ids, audience__in=audiences).filter(
        Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now()))
    if kinds:
        found = found.filter(kind__in=kinds)
    hits = rank(list(found), alternatives)[:limit]
    terms = {term for form in alternatives for term in form}
    for hit in hits:
        hit.snippet = snippet(hit.text, terms)
    return hits


def score(document, alternatives):
    """The ranking score of one document (see the module's docstring): the best over the query's alternatives."""
    title_words = _index_words(document.title)
    words = set(document.tokens.split())
    best = 0
    for terms in alternatives:
        points = 0
        for term in terms:
            if any(word.startswith(term) for word in title_words):
                points += TITLE_WEIGHT
            if term in words:
                points += WHOLE_WORD_WEIGHT
        best = max(best, points)
    return best


def rank(documents, alternatives):
    """Best first: score, then the most recently changed, then the higher id. The same on every database."""
    return sorted(documents, key=lambda document: (-score(document, alternatives), -document.updated.timestamp(),
                                                    -document.pk))


_FOLD_SAME_LENGTH = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ة": "ه", "ۀ": "ه", "ؤ": "و",
                                   **{d: str(i) for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹")},
                                   **{d: str(i) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩")}})


def snippet(text, terms):
    """About SNIPPET characters around the first match, HTML-escaped, with every match in <mark>."""
    folded = text.translate(_FOLD_SAME_LENGTH).lower()
    spans = []
    for term in terms:
        # A term has no ZWNJ; the text may have one, or a space, between any two of its letters.
        pattern = "[\u200c ]?".join(re.escape(letter) for letter in term)
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    spans.sort()
    start = max(0, spans[0][0] - SNIPPET // 2) if spans else 0
    end = min(len(text), start + SNIPPET * 2)
    pieces, cursor = [], start
    for begin, finish in spans:
        if begin < cursor or finish > end:
            continue
        pieces += [html.escape(text[cursor:begin]), "<mark>", html.escape(text[begin:finish]), "</mark>"]
        cursor = finish
    pieces.append(html.escape(text[cursor:end]))
    return mark_safe(("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else ""))
