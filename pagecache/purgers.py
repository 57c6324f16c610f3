"""Purging shared caches (Varnish, a CDN) by surrogate key, after a change commits.

Configured by PAGECACHE_PURGE (an environment variable of the same name):

    varnish:http://10.0.0.5:6081[,http://10.0.0.6:6081]   PURGE with `xkey-purge: k1 k2` to each
    fastly:SERVICE_ID        POST /service/SERVICE_ID/purge, `Surrogate-Key: k1 k2`, token FASTLY_API_TOKEN
    cloudflare:ZONE_ID       POST /zones/ZONE_ID/purge_cache {"tags": [...]}, token CLOUDFLARE_API_TOKEN
    some.module.Purger:ARG   any class with purge(keys) and status()
    (empty)                  no shared cache to purge

Pages name their keys in three headers, so any of these caches finds them: `xkey`
(Varnish's xkey module), `Surrogate-Key` (Fastly) and `Cache-Tag` (Cloudflare), each a
space- or comma-separated list. A purge that fails is logged and shown on /healthz
(the part "purge"); it never fails the save that asked for it.
"""

import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Fastly takes up to 256 keys per batch purge; Cloudflare up to 30 tags per call (the limit of
# its free plans; more on others). Varnish takes any number in one header, within its size limit.
BATCH = {"fastly": 256, "cloudflare": 30, "varnish": 200}
TIMEOUT = 2


def batches(keys, size):
    keys = sorted(keys)
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


class Purger:
    """Records the outcome of the last purge, for /healthz."""

    name = "none"

    def __init__(self):
        self.last_error = None
        self.last_error_at = None
        self.last_ok_at = None
        self.purged = 0

    def purge(self, keys):
        keys = set(keys)
        if not keys:
            return True
        try:
            self.send(keys)
        except Exception as exc:  # a purge must never fail the save behind it
            self.last_error = f"{type(exc).__name__}: {str(exc)[:200]}"
            self.last_error_at = time.time()
            logger.warning("Purge of %d key(s) through %s failed: %s", len(keys), self.name, self.last_error)
            return False
        self.last_ok_at = time.time()
        self.purged += 1
        return True

    def send(self, keys):
        raise NotImplementedError

    def status(self):
        if self.last_error_at and (self.last_ok_at is None or self.last_error_at > self.last_ok_at):
            return "degraded", f"{self.name}: the last purge failed ({self.last_error}); pages there may be stale"
        return "ok", self.name

    @staticmethod
    def http(method, url, headers=None, body=None, timeout=TIMEOUT):
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 -- configured URLs
            return response.status, response.read()


class NoPurger(Purger):
    def purge(self, keys):
        return True

    def status(self):
        return "off", "no shared cache configured (PAGECACHE_PURGE)"


class VarnishPurger(Purger):
    """xkey purges over HTTP to every Varnish named (comma-separated), from an address in its purgers ACL."""

    name = "varnish"
    probes = True  # status() asks each Varnish whether it answers (so /healthz runs it in the background)

    def __init__(self, urls):
        super().__init__()
        self.urls = [url.strip().rstrip("/") for url in urls.split(",") if url.strip()]

    def send(self, keys):
        failures = []
        for url in self.urls:
            for batch in batches(keys, BATCH["varnish"]):
                try:
                    status, body = self.http("PURGE", url + "/", {"xkey-purge": " ".join(batch)})
                    if status != 200:
                        failures.append(f"{url} answered {status}")
                except (OSError, urllib.error.HTTPError) as exc:
                    failures.append(f"{url}: {exc}")
        if failures:
            raise RuntimeError("; ".join(failures))

    def status(self):
        """The last purge's outcome, and whether every Varnish answers its health address now."""
        state, detail = super().status()
        if state != "ok":
            return state, detail
        down = []
        for url in self.urls:
            try:
                if self.http("GET", url + "/.varnish/health", timeout=0.5)[0] != 200:
                    down.append(url)
            except (OSError, urllib.error.HTTPError):
                down.append(url)
        if down:
            return "degraded", f"varnish at {', '.join(down)} does not answer; purges to it fail"
        return "ok", f"varnish at {', '.join(self.urls)}"


class FastlyPurger(Purger):
    """Fastly's batch purge by surrogate key: POST /service/{id}/purge with a Surrogate-Key header."""

    name = "fastly"

    def __init__(self, service_id):
        super().__init__()
        self.service_id = service_id
        self.api = getattr(settings, "FASTLY_API_URL", "https://api.fastly.com").rstrip("/")
        self.token = getattr(settings, "FASTLY_API_TOKEN", "")

    def send(self, keys):
        for batch in batches(keys, BATCH["fastly"]):
            headers = {"Fastly-Key": self.token, "Surrogate-Key": " ".join(batch), "Accept": "application/json"}
            self.http("POST", f"{self.api}/service/{urllib.parse.quote(self.service_id)}/purge", headers)


class CloudflarePurger(Purger):
    """Cloudflare's purge by Cache-Tag: POST /zones/{zone}/purge_cache {"tags": [...]}."""

    name = "cloudflare"

    def __init__(self, zone_id):
        super().__init__()
        self.zone_id = zone_id
        self.api = getattr(settings, "CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4").rstrip("/")
        self.token = getattr(settings, "CLOUDFLARE_API_TOKEN", "")

    def send(self, keys):
        for batch in batches(keys, BATCH["cloudflare"]):
            headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
            body = json.dumps({"tags": batch}).encode()
            self.http("POST", f"{self.api}/zones/{urllib.parse.quote(self.zone_id)}/purge_cache", headers, body)


SCHEMES = {"varnish": VarnishPurger, "fastly": FastlyPurger, "cloudflare": CloudflarePurger}

_purger = None
_lock = threading.Lock()


def build(spec):
    if not spec:
        return NoPurger()
    scheme, _, argument = spec.partition(":")
    if scheme in SCHEMES:
        return SCHEMES[scheme](argument)
    return import_string(scheme)(argument)


def purger():
    """The configured purger (one per process)."""
    global _purger
    spec = getattr(settings, "PAGECACHE_PURGE", "")
    with _lock:
        if _purger is None or getattr(_purger, "_spec", None) != spec:
            _purger = build(spec)
            _purger._spec = spec
    return _purger
