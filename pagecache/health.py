"""The page cache's part of /healthz: "ok", or "degraded" when the shared cache or the
content version's store fails (pages are then served uncached: slower, never wrong)."""

from django.core.cache import cache

from pagecache import content_version

PROBE_KEY = "pagecache:health-probe"


def status():
    try:
        cache.get(PROBE_KEY)  # through FailOpenRedisCache a failure is noted, not raised
        store_ok = content_version.store_available()
    except Exception:  # any other backend, any failure: it is the cache that is degraded, not the site
        return "degraded"
    return "ok" if store_ok and not getattr(cache, "degraded", False) else "degraded"
