"""Django's Redis cache, failing open: Redis away is a miss, never an error.

Every use of the cache (stored pages, the content version, release parts, facet
counts) goes through it when REDIS_URL is set. A read that fails returns the
default, a write that fails is dropped; the failure is logged (at most once a
minute, pagecache.outages) and Redis is left alone for RETRY_AFTER seconds, so a
stalled server costs one short timeout per worker now and then rather than one
per request. The first operation after that tries again: recovery needs nothing.
`degraded` says whether the last attempt failed (for /healthz); `outage.count`
how many outages this process has seen.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from pagecache.outages import Outage

RETRY_AFTER = 2.0
FAILURES = (RedisError, OSError)


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage = Outage("Cache (Redis)", retry_after=RETRY_AFTER)

    @property
    def degraded(self):
        return self.outage.failing

    def _guarded(self, call, fallback):
        if not self.outage.should_try():
            return fallback
        try:
            result = call()
        except FAILURES as error:
            self.outage.failed(error)
            return fallback
        self.outage.succeeded()
        return result

    # Reads: a failure is a miss.

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).has_key(key, version), False)

    # Writes: a failure is a write that did not happen, as the return values say.

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._guarded(lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        self._guarded(lambda: super(FailOpenRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._guarded(lambda: super(FailOpenRedisCache, self).clear(), False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._guarded(lambda: super(FailOpenRedisCache, self).incr(key, delta, version), missing)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return value
