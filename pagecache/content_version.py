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
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from pagecache import registry

VERSION_KEY = "pagecache:version"
NEXT_CHANGE_KEY = "pagecache:next-publish"

# path -> ((inode, mtime, size), (version, upcoming)). File times tick coarsely (a few ms), so
# two writes in one tick look alike: a file is only remembered once its time is a second old,
# and read afresh until then.
_file_seen = {}
SETTLED_SECONDS = 1.0


def read_version():
    """(version, epoch of the next scheduled change or 0); version None when unset."""
    path = settings.PAGE_CACHE_VERSION_FILE
    if path is None:
        values = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY])
        return values.get(VERSION_KEY), values.get(NEXT_CHANGE_KEY, 0)
    try:
        stat = os.stat(path)
    except OSError:
        return None, 0
    identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    seen = _file_seen.get(path)
    if seen and seen[0] == identity:
        return seen[1]
    try:
        version, upcoming = Path(path).read_text().split()
        values = float(version), float(upcoming)
    except (OSError, ValueError):
        return None, 0
    if time.time() - stat.st_mtime > SETTLED_SECONDS:
        _file_seen[path] = (identity, values)
    return values


def write_version(version, upcoming):
    path = settings.PAGE_CACHE_VERSION_FILE
    if path is None:
        cache.set_many({VERSION_KEY: version, NEXT_CHANGE_KEY: upcoming}, timeout=None)
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(f"{version!r} {upcoming!r}\n")
    os.replace(temporary, path)  # atomic: a reader sees the old version or the new, never half


def bump_version():
    """Start a new content version: every page cached so far is out of date."""
    version = time.time()
    try:
        upcoming = registry.next_change()
    except DatabaseError:
        upcoming = version + 5  # check again shortly
    write_version(version, upcoming)
    return version


def needs_new_version(version, upcoming):
    """Whether a version as read must be replaced before pages are looked up under it:
    there is none yet, or the next scheduled change has come."""
    return version is None or bool(upcoming and time.time() >= upcoming)


def current_version():
    version, upcoming = read_version()
    if needs_new_version(version, upcoming):
        version = bump_version()
    return version
