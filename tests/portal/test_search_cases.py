"""Persian search against the table in tests/portal/data/search-cases.txt (word forms, compounds written apart,
hamza and yeh forms, codes and numbers, ranking), through the real full-text index of the database the suite
runs on: SQLite's FTS5 in one run of `make test`, PostgreSQL's in the other, so the same table holds on both."""

from pathlib import Path

import pytest

from kalanshahr.lib.persian import persian_digits
from kalanshahr.meetings.models import Resolution
from kalanshahr.network import search

CASES = Path(__file__).parent / "data" / "search-cases.txt"


def _read():
    documents, cases = [], []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, *fields = (field.strip() for field in line.split(" | "))
        (documents if kind == "doc" else cases).append((number, kind, *fields))
    return documents, cases


DOCUMENTS, CASES_ = _read()


@pytest.fixture
def corpus(publish, users):
    """{key: (kind, object id)} for every document of the table; older documents first, in file order."""
    keys = {}
    for _number, _kind, key, title, body in DOCUMENTS:
        news = publish(title=title, body=f"<p>{body}</p>", lead=title)
        keys[key] = ("news", news.pk)
    for resolution in Resolution.objects.all():
        keys[f"resolution:{resolution.code}"] = ("resolution", resolution.pk)
    return keys


def _query(text, corpus, codes):
    for key, value in codes.items():
        text = text.replace(f"{{code:{key}}}", str(value)).replace(f"{{code-fa:{key}}}", persian_digits(value))
    return text


def _hits(query, user):
    return [(hit.kind, hit.object_id) for hit in search.search(query, user, limit=100)]


@pytest.mark.parametrize("case", CASES_, ids=[f"line{case[0]}" for case in CASES_])
def test_search_case(case, corpus, users):
    from kalanshahr.portal.models import News

    number, kind, query, expected = case
    codes = {key: News.objects.get(pk=pk).code for key, (kind_, pk) in corpus.items() if kind_ == "news"}
    user = users["citizen"]
    hits = _hits(_query(query, corpus, codes), user)
    if kind == "covers":
        other = _hits(_query(expected, corpus, codes), user)
        assert other and set(other) <= set(hits), (number, query, expected)
        return
    wanted = [corpus[key.strip()] for key in expected.split(",")]
    if kind == "find":
        missing = [key for key, item in zip(expected.split(","), wanted) if item not in hits]
        assert not missing, (number, query, missing)
    elif kind == "first":
        assert hits and hits[0] == wanted[0], (number, query, hits[:3])
    elif kind == "order":
        assert [hit for hit in hits if hit in wanted] == wanted, (number, query)
    else:
        pytest.fail(f"line {number}: unknown case kind {kind!r}")


def test_the_table_covers_every_case_of_the_issue():
    queries = {case[2] for case in CASES_}
    for query in ("مصوبه‌ها", "مصوبه ها", "شهرداری‌ها", "شهرداریهای", "معاونان", "بزرگ‌ترین", "بزرگترین",
                  "بزرگ ترین", "کلان شهرها", "مسئله", "مسأله", "مساله", "رئیس", "رییس", "مسئول", "مسؤول",
                  "{code:coded}", "{code-fa:coded}", "30-REV-01"):
        assert query in queries, query
    assert {case[1] for case in CASES_} >= {"find", "covers", "first", "order"}
