"""The content version: one number that every committed change to what pages show moves.

Every stored page is keyed on it, so a page stored before a save is never
looked up again. Beside it is kept the time of the next change that needs no
save (pagecache.registry: a scheduled release going live); the first request
after that time starts a new version, so no cron job or worker is needed.

A request that read the old version before a save committed stores its page
under that old version, where no one will look again; there is no window in
which a stale page can be stored under the new version.

With REDIS_URL set, the version lives in the shared cache, so every app server
sees it. Without it each worker keeps its own pages (local memory), and the
version is a small file (PAGE_CACHE_VERSION_FILE, in var/) that every process
on the machine reads: a save in one gunicorn worker, a management command or
the shell is seen at once by all the others.

The store failing (Redis away, a file that cannot be written) never fails a
request or a save: `current_version()` is then None and pages are served
uncached. A version that could not be moved is not trusted again: the file is
removed, and once the store answers again the first request that reads it
starts a new version (a save in between would otherwise be lost).
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from pagecache import registry
from pagecache.outages import Outage

VERSION_KEY = "pagecache:version"
NEXT_CHANGE_KEY = "pagecache:next-publish"

# path -> ((inode, mtime, size), (version, upcoming)). File times tick coarsely (a few ms), so
# two writes in one tick look alike: a file is only remembered once its time is a second old,
# and read afresh until then.
_file_seen = {}
# The next scheduled change as this process last read or wrote it (pagecache.surrogate: s-maxage).
last_upcoming = 0
SETTLED_SECONDS = 1.0

store_outage = Outage("Content version store")
_outages_handled = 0


class StoreUnavailable(Exception):
    """The content version can be neither read nor written (the cache or the file failing)."""


def _cache_failing():
    return bool(getattr(cache, "degraded", False))  # pagecache.backends.FailOpenRedisCache


def read_version():
    values = _read_version()
    global last_upcoming
    last_upcoming = values[1] or 0
    return values


def _read_version():
    """(version, epoch of the next scheduled change or 0); version None when unset.
    Raises StoreUnavailable when the store cannot be read."""
    path = settings.PAGE_CACHE_VERSION_FILE
    if path is None:
        values = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY])
        if _cache_failing():
            raise StoreUnavailable("the cache did not answer")
        return values.get(VERSION_KEY), values.get(NEXT_CHANGE_KEY, 0)
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None, 0
    except OSError as error:
        raise StoreUnavailable(error) from error
    identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    seen = _file_seen.get(path)
    if seen and seen[0] == identity:
        return seen[1]
    try:
        version, upcoming = Path(path).read_text().split()
        values = float(version), float(upcoming)
    except FileNotFoundError:
        return None, 0
    except OSError as error:
        raise StoreUnavailable(error) from error
    except ValueError:
        return None, 0  # half a file from an old crash: a new version is made
    if time.time() - stat.st_mtime > SETTLED_SECONDS:
        _file_seen[path] = (identity, values)
    return values


def write_version(version, upcoming):
    global last_upcoming
    last_upcoming = upcoming or 0
    """Store a new version; raises StoreUnavailable when it cannot be stored."""
    path = settings.PAGE_CACHE_VERSION_FILE
    if path is None:
        failed = cache.set_many({VERSION_KEY: version, NEXT_CHANGE_KEY: upcoming}, timeout=None)
        if failed or _cache_failing():
            raise StoreUnavailable("the cache did not store it")
        return
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(f"{version!r} {upcoming!r}\n")
        os.replace(temporary, path)  # atomic: a reader sees the old version or the new, never half
    except OSError as error:
        # The old version can no longer be moved past: no process may keep trusting it.
        for stale in (temporary, path):
            try:
                stale.unlink(missing_ok=True)
            except OSError:
                pass
        raise StoreUnavailable(error) from error


def bump_version():
    """Start a new content version: every page cached so far is out of date.
    Returns it, or None (logged) when the store cannot take it; never raises."""
    version = time.time()
    try:
        upcoming = registry.next_change()
    except DatabaseError:
        upcoming = version + 5  # check again shortly
    try:
        write_version(version, upcoming)
    except StoreUnavailable as error:
        store_outage.failed(error)
        return None
    store_outage.succeeded()
    return version


def needs_new_version(version, upcoming):
    """Whether a version as read must be replaced before pages are looked up under it:
    there is none yet, or the next scheduled change has come."""
    return version is None or bool(upcoming and time.time() >= upcoming)


def current_version():
    """The content version to store and look pages up under, or None when its store is
    failing: then nothing is cached (pages are served fresh), and nothing fails."""
    global _outages_handled
    try:
        version, upcoming = read_version()
    except StoreUnavailable as error:
        store_outage.failed(error)
        return None
    store_outage.succeeded()
    outage_ended = store_outage.count > _outages_handled
    if outage_ended or needs_new_version(version, upcoming):
        # After an outage, whatever was saved meanwhile could not move the version.
        _outages_handled = store_outage.count
        version = bump_version()
    return version


def store_available():
    """Whether the version's store can be read now (noted for the log and the next request)."""
    try:
        read_version()
    except StoreUnavailable as error:
        store_outage.failed(error)
        return False
    store_outage.succeeded()
    return True


def cached_per_version(key, compute, timeout):
    """compute(), kept in the cache under `key` and the current content version (so
    that any save makes it afresh); computed each time while the version is unknown."""
    version = current_version()
    if version is None:
        return compute()
    versioned = f"{key}:{version}"
    value = cache.get(versioned)
    if value is None:
        value = compute()
        cache.set(versioned, value, timeout)
    return value
