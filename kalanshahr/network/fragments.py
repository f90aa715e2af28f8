"""Rendered fragments of the heavy pages, kept until the data under them changes.

    html = fragments.cached(request, "benchmarking.compare", ["strategy", "benchmarking", "network"],
                            (query_lists, own_city_ids), _compare_fragment)

with `_compare_fragment(query_lists, own_city_ids) -> (template name, context)`.

A fragment names the apps whose data it shows. Every change of an app's data goes through a service that writes
the audit trail, and `audit.record` bumps that app's counter (DataVersion) in the same transaction, or a narrower
one (`narrow`): entering or moving one of strategy's values bumps its indicator's key, a change of an indicator's
verified values `strategy.values.<indicator id>` (strategy/datakeys.py), so a verification retires the pages of
that indicator, not every page built on strategy; the bulk writers (the measurement import, the scale generator)
bump theirs too, and so do the admin's saves. A page of parts retired apart (the satisfaction dashboard's panels)
reads them with `cached_each`. A fragment's
cache entry carries the counters it was built under and counts only while they are the present ones, so once a
change commits, no reader can get a fragment built before it: freshness never depends on a timeout.

A fragment is built from its key parts alone: `build` is called with them and is refused if it closes over
anything else (the request, the user), so nothing of the reader's gets in unless it is in the key. Its forms'
CSRF tokens are a placeholder, replaced with the reader's own token on the way out.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from kalanshahr.lib import dbrouter

from .models import DataVersion

TIMEOUT = 24 * 3600  # only to let unused entries go; a change makes an entry useless at once
CSRF_SLOT = "csrf-token-of-the-reader"
_TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')


# With a cache shared by several app servers (CACHE_URL), the counters are also kept in it, so that a stored
# fragment costs no database query. The database stays the truth: a writer copies the committed counter into the
# cache once its transaction commits, a reader that misses reads the database and adds it. A copy lives
# VERSION_TIMEOUT seconds, which bounds how long a race between two writers' copies could leave an older one.
VERSION_TIMEOUT = 5


def _shared():
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def _version_key(app):
    return f"data-version:{app}"


def bump(*apps):
    """Marks the data under these keys as changed; call it inside the transaction that changes them. A key is an
    app's label or a narrower key of its (`narrow`, strategy's per-indicator keys).

    One UPDATE when every key has its row. A new key's row is created at 0 and then counted up like the others:
    a second transaction creating the same key waits for the first to commit and then counts it up again, so no
    change is lost to a race (the keys are taken in order, so two writers never wait for each other)."""
    apps = sorted(set(apps))
    counted = DataVersion.objects.filter(app__in=apps).update(value=F("value") + 1)
    if counted < len(apps):
        existing = set(DataVersion.objects.filter(app__in=apps).values_list("app", flat=True))
        new = [app for app in apps if app not in existing]
        DataVersion.objects.bulk_create([DataVersion(app=app, value=0) for app in new], ignore_conflicts=True)
        DataVersion.objects.filter(app__in=new).update(value=F("value") + 1)
    if _shared():
        transaction.on_commit(lambda: _copy_versions(apps))


# The key that giving and taking roles bump instead of "network" (network/apps.py).
MEMBERSHIPS = "network.memberships"

# Audit actions whose changes bump a narrower key than their app's: {action prefix: key, or a function of the
# changed objects giving the keys}. Registered by the apps in ready() (strategy: its values), so that a page which
# does not show that data keeps its fragments.
_NARROWED = {}


def narrow(prefix, key):
    """Changes recorded under audit actions `prefix.*` bump `key` instead of the app's own key, or the keys
    `key(targets)` gives for the objects changed; the fragments that show that data must name those keys."""
    _NARROWED[prefix] = key


def keys_of(action, targets=()):
    """The data-version keys an audit action on `targets` bumps: narrowed ones, else its app's label."""
    narrowed = _NARROWED.get(action.rsplit(".", 1)[0])
    if narrowed is None:
        return [action.split(".", 1)[0]]
    return list(narrowed(targets)) if callable(narrowed) else [narrowed]


def _copy_versions(apps):
    committed = dict(DataVersion.objects.filter(app__in=apps).values_list("app", "value"))
    cache.set_many({_version_key(app): committed.get(app, 0) for app in apps}, VERSION_TIMEOUT)


def versions(apps):
    return _joined(apps, _read(apps, [])[0])


def _joined(apps, found):
    return ".".join(str(found.get(app, 0)) for app in apps)


def _read(apps, keys):
    """({app: its present data version}, {key: what the cache holds under it}) for these apps and cache keys:
    with a shared cache, in one round trip."""
    apps = list(dict.fromkeys(apps))
    if _shared():
        version_keys = [_version_key(app) for app in apps]
        got = cache.get_many([*version_keys, *keys])
        found = {app: got[name] for app, name in zip(apps, version_keys) if name in got}
        missing = [app for app in apps if app not in found]
        if missing:
            read = dict(DataVersion.objects.filter(app__in=missing).values_list("app", "value"))
            for app in missing:
                found[app] = read.get(app, 0)
                cache.add(_version_key(app), found[app], VERSION_TIMEOUT)
        entries = {key: got[key] for key in keys if key in got}
    else:
        found = dict(DataVersion.objects.filter(app__in=apps).values_list("app", "value"))
        entries = cache.get_many(keys) if keys else {}
    return found, entries


def _key(kind, name, parts):
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"{kind}:{name}:{get_language()}:{digest}"


def _lookup(kind, name, apps, parts):
    """(key, data versions, the stored value if it was stored under these versions, else None).

    An entry holds the versions it was built under beside its value, and counts only while they are the present
    ones: a change that commits makes every entry built before it useless, without any timeout. Keeping the
    versions in the entry rather than in its key lets one round trip read both.

    What is stored is built from the primary: a streaming replica that has not yet replayed the change that moved
    a version would otherwise have its older rows stored as the newer state, and served until the next change. A
    miss is rare, so the primary's extra reads are few."""
    return _lookup_each(kind, name, [(apps, parts)])[0]


def _lookup_each(kind, name, entries):
    """_lookup() of each (apps, parts), in one query of the versions and one read of the cache."""
    keys = [_key(kind, name, parts) for _apps, parts in entries]
    found, stored = _read([app for apps, _parts in entries for app in apps], keys)
    looked = []
    for key, (apps, _parts) in zip(keys, entries):
        current, entry = _joined(apps, found), stored.get(key)
        looked.append((key, current, entry[1] if entry is not None and entry[0] == current else None))
    return looked


def cached(request, name, apps, parts, build):
    """The HTML of fragment `name` for the tuple `parts` (everything it varies on besides the apps' data), from
    the cache or built by `build(*parts)` -> (template name, context) and stored (one query when cached)."""
    _check_builds_from_parts(name, build)
    return cached_each(request, name, [(apps, parts)], lambda wanted: [build(*wanted[0])], _checked=True)[0]


def cached_each(request, name, entries, build, *, _checked=False):
    """[the HTML of fragment `name` for each (apps, parts) of `entries`], like cached(), where the fragments that
    must be built are built together: `build([parts, ...]) -> [(template name, context), ...]`, in their order.

    For a page of several parts of which a change retires one (a panel per indicator): the others are kept, and
    the one rebuilt costs the queries of one, not of all (one query and one cache read when all are stored)."""
    if not _checked:
        _check_builds_from_parts(name, build)
    entries = [(list(apps), tuple(parts)) for apps, parts in entries]
    # The versions are read once, before the data: a change committed while building makes the entries stale,
    # never the reverse.
    looked = _lookup_each("fragment", name, entries)
    html = [stored for _key, _current, stored in looked]
    missing = [index for index, stored in enumerate(html) if stored is None]
    if missing:
        with dbrouter.primary_reads():  # see _lookup()
            built = build([entries[index][1] for index in missing])
            for index, (template, context) in zip(missing, built, strict=True):
                html[index] = render_to_string(template, {**context, "csrf_token": CSRF_SLOT})
        cache.set_many({looked[index][0]: (looked[index][1], html[index]) for index in missing}, TIMEOUT)
    token = get_token(request) if any(CSRF_SLOT in part for part in html) else None
    return [mark_safe(part.replace(CSRF_SLOT, token) if token else part) for part in html]


def query_key(request):
    """The request's query string as a key part: the same filters in any order give the same key."""
    return tuple((name, tuple(values)) for name, values in sorted(request.GET.lists()))


def query_dict(key):
    """The query a fragment was keyed on, back as a QueryDict; in the context as `fragment_query`, the pager's
    links keep the other filters."""
    query = QueryDict(mutable=True)
    for name, values in key:
        query.setlist(name, list(values))
    return query


def _check_builds_from_parts(name, build):
    """A build that closes over a variable, or hides one in a default, could show one reader's rights or filters
    to the next: it must be a plain function of the key parts."""
    captured = build.__code__.co_freevars + tuple(
        build.__code__.co_varnames[build.__code__.co_argcount - len(build.__defaults__ or ()):
                                   build.__code__.co_argcount])
    if captured or build.__kwdefaults__:
        raise TypeError(f"fragment {name}: build() must take only its key parts, not capture {captured}")


def cached_response(request, name, apps, parts, build):
    """An anonymous reader's whole response, stored until the apps' data change; `build()` makes it otherwise.

    Only for pages that hold nothing of the reader's: it is served to any anonymous GET without a pending message
    (a message cookie means this reader has something to see), and a response that sets a cookie is never stored.
    """
    if request.method != "GET" or request.user.is_authenticated or "messages" in request.COOKIES:
        return build()
    key, current, stored = _lookup("response", name, apps, (parts, timezone.localdate()))  # the header shows the date
    if stored is None:
        with dbrouter.primary_reads():  # see _lookup()
            response = build()
        if response.status_code != 200 or response.cookies:
            return response
        # The page's forms (the language switch) carry the building reader's CSRF token: stored as a placeholder.
        content = _TOKEN_FIELD.sub(rb"\g<1>" + CSRF_SLOT.encode() + rb"\g<2>", response.content)
        # The body and the headers, not the response object: reading them back is a fraction of unpickling one.
        stored = (content, list(response.items()))
        cache.set(key, (current, stored), TIMEOUT)
    content, headers = stored
    if CSRF_SLOT.encode() in content:
        content = content.replace(CSRF_SLOT.encode(), get_token(request).encode())
    response = HttpResponse(content)
    for header, value in headers:
        response[header] = value
    return response
