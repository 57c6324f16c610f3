"""The state of a shared part this process relies on (the cache, the content version's
store) while it fails: since when, how many outages so far, when to try it again, and
warnings logged at most once a minute however many requests meet the failure."""

import logging
import time

logger = logging.getLogger("pagecache")

LOG_EVERY = 60.0  # seconds between two warnings about the same part while it keeps failing


class Outage:
    """`name` says what failed in the log; with `retry_after`, a failing part is left alone
    that many seconds (callers skip it, as a miss) before it is tried again."""

    def __init__(self, name, retry_after=None):
        self.name = name
        self.retry_after = retry_after
        self.since = None  # monotonic time of the first failure of the current outage
        self.count = 0  # outages so far in this process
        self.retry_at = 0.0
        self.last_logged = None
        self.unlogged = 0

    @property
    def failing(self):
        return self.since is not None

    def should_try(self):
        return self.since is None or self.retry_after is None or time.monotonic() >= self.retry_at

    def failed(self, error):
        now = time.monotonic()
        if self.since is None:
            self.since = now
            self.count += 1
        if self.retry_after is not None:
            self.retry_at = now + self.retry_after
        if self.last_logged is None or now - self.last_logged >= LOG_EVERY:
            more = f" ({self.unlogged} more failures since the last warning)" if self.unlogged else ""
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            logger.warning("%s unavailable: %s; pages are served uncached%s", self.name, reason, more)
            self.last_logged, self.unlogged = now, 0
        else:
            self.unlogged += 1

    def succeeded(self):
        if self.since is not None:
            logger.warning("%s available again after %.1f s", self.name, time.monotonic() - self.since)
            self.since = None
            self.last_logged, self.unlogged = None, 0
