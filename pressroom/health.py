"""The parts of a multi-host set-up that /healthz reports besides the database and the
page cache (pagecache.health): the read replica, the object store, the purge target.

A part's check returns (state, detail): "ok", "degraded" (the site still answers, with
less: reads on the primary, no uploads, stale pages in a shared cache) or "off" (not
configured). A check that talks to another server is registered with `every=`: it then
runs in a background thread at most that often, and /healthz answers at once with the
last outcome; a load balancer's health check never waits on a slow part.

    from pressroom import health
    health.register("replica", monitor.status)                 # cheap, answers at once
    health.register("store", store.status, every=5.0)          # probes another server
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)

_checks = {}


def register(name, check, every=None):
    _checks[name] = BackgroundProbe(check, every, ("ok", "not checked yet")).result if every else check


def report():
    """[(name, state, detail)] for every registered part; a check that raises is degraded."""
    parts = []
    for name, check in _checks.items():
        try:
            state, detail = check()
        except Exception as exc:  # a health check must never take /healthz down
            logger.warning("Health check %s failed: %s", name, exc)
            state, detail = "degraded", f"check failed ({type(exc).__name__})"
        parts.append((name, state, detail))
    return parts


class BackgroundProbe:
    """A check that never makes its caller wait: `result()` returns the last outcome of
    `probe()` and, when that is older than `every` seconds, starts a new one in a thread
    (one at a time per process). `initial` is the answer before the first probe ends."""

    def __init__(self, probe, every, initial):
        self.probe = probe
        self.every = every
        self.outcome = initial
        self.at = 0.0
        self.running = False
        self.lock = threading.Lock()

    def result(self):
        with self.lock:
            if not self.running and time.monotonic() - self.at >= self.every:
                self.running = True
                threading.Thread(target=self._run, daemon=True, name="health-probe").start()
        return self.outcome

    def _run(self):
        try:
            self.outcome = self.probe()
        except Exception as exc:  # a probe that breaks says so
            self.outcome = ("degraded", f"probe failed ({type(exc).__name__})")
        finally:
            self.at = time.monotonic()
            self.running = False


_probes = {}


def probe_in_background(key, check, every):
    """check() through a BackgroundProbe kept under `key` (one per process and configuration)."""
    if key not in _probes:
        _probes[key] = BackgroundProbe(check, every, ("ok", "not checked yet"))
    return _probes[key].result()


def _media():
    from pressroom import media_storage

    storage = media_storage.configured()
    if storage is None:
        return "off", "media on the local disk (MEDIA_ROOT)"
    return probe_in_background(("media", storage.endpoint_url, storage.bucket_name), media_storage.status, 5.0)


def _purge():
    from pagecache import purgers

    purger = purgers.purger()
    if not getattr(purger, "probes", False):
        return purger.status()  # the last purge's outcome: nothing to ask anyone
    return probe_in_background(("purge", purger._spec), purger.status, 2.0)


register("media", _media)
register("purge", _purge)
