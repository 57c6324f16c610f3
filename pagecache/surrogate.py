"""What shared caches (Varnish, a CDN) are told about a page: how long they may keep it, and
which surrogate keys name what it shows, so that a change purges exactly those pages.

Views name their keys with `tag(request, *keys)`; apps say which keys a change touches
through `registry.register(keys=...)`. Every page stored by a shared cache also carries
`ALL` (a purge of everything, e.g. after a deploy), and a page whose view named no keys
carries `UNTAGGED`, which every change purges: a page is never left stale because its view
forgot to name what it shows. The keys go out in three headers, one per convention:
`xkey` (Varnish's xkey module), `Surrogate-Key` (Fastly) and `Cache-Tag` (Cloudflare).

`Cache-Control` keeps the browser's policy (revalidate every time: a cheap 304) and adds
`s-maxage` for shared caches: PAGE_CACHE_SHARED_MAX_AGE, but never past the next change
that needs no save (a scheduled release going live), computed when the page is sent, so a
page served from the page cache an hour later still tells the truth.
"""

import functools
import time

from django.conf import settings

ALL = "pages"
UNTAGGED = "untagged"
HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag")
# Beyond this many keys a page is tagged UNTAGGED instead (headers stay well under 8 KB).
MAX_KEYS = 200


def tag(request, *keys):
    """Name what this page shows (call from the view; keys are plain words: "release-12")."""
    found = request.__dict__.setdefault("_surrogate_keys", set())
    found.update(str(key) for key in keys if key)


def keys_of(request):
    found = set(request.__dict__.get("_surrogate_keys", ()))
    if not found or len(found) > MAX_KEYS:
        found = {UNTAGGED}
    return sorted(found | {ALL})


def add_key_headers(response, keys):
    value = " ".join(keys)
    for header in HEADERS:
        response[header] = value


def shared_max_age(upcoming, now=None):
    """Seconds a shared cache may keep a page: the setting, cut at the next scheduled change."""
    seconds = settings.PAGE_CACHE_SHARED_MAX_AGE
    if upcoming:
        seconds = min(seconds, max(0, int(upcoming - (now or time.time()))))
    return seconds


def with_shared_max_age(cache_control, upcoming):
    """`cache_control` with its s-maxage set for now (any earlier one replaced)."""
    parts = [p.strip() for p in cache_control.split(",") if p.strip() and not p.strip().startswith("s-maxage")]
    return ", ".join([*parts, f"s-maxage={shared_max_age(upcoming)}"])


def tagged(view, *keys):
    """`view`, naming `keys` on every page it answers (for urls.py: lists, feeds, sitemaps)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        tag(request, *keys)
        return view(request, *args, **kwargs)

    return wrapper
