"""The API's rate limit per client: a fixed window counted in the cache.

A counter per client address and window, one `incr` per request: atomic in Redis, so the
limit holds across processes and hosts sharing it (REDIS_URL); with the local-memory cache
each process counts its own. The cache failing open (pagecache.backends) lets requests
through rather than refusing everyone. alerts.throttle counts in PostgreSQL, which suits
a few sign-ups an hour but would add a write to every read of the API (measured in
bench/api_throttle.py). Pages served from the page cache never reach this (they cost less
than the check). Over the limit: 429 with Retry-After (the seconds left in the window).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

from lockout.client_ip import client_ip


def parse(rate):
    """ "120/60" -> (120, 60): requests per seconds. Empty or "0": no limit."""
    if not rate or rate.strip() in ("0", "off"):
        return None
    count, _, seconds = rate.partition("/")
    return int(count), int(seconds or 60)


class ClientRateThrottle(BaseThrottle):
    def __init__(self):
        self._wait = None

    def allow_request(self, request):
        limit = parse(settings.API_RATE_LIMIT)
        if limit is None:
            return True
        count, seconds = limit
        now = time.time()
        window = int(now // seconds)
        client = client_ip(request) or "unknown"
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()[:32]
        key = f"api-rate:{digest}:{seconds}:{window}"
        cache.add(key, 0, seconds + 1)
        try:
            hits = cache.incr(key)
        except ValueError:  # gone between add and incr (evicted, or the cache away): let it through
            return True
        if hits is None or hits <= count:
            return True
        self._wait = max(1.0, (window + 1) * seconds - now)
        return False

    def wait(self):
        return self._wait
