"""The site settings as pages read them: one query per content version and process, often none.

Saving the settings (or the contact shown as its press office) moves the page
cache's content version, like any change to the archive, so the copy kept here
is re-read after every such save. A caller that already knows the settings'
`stamp` (the release page reads it with the release, releases.reading.release_lookup)
passes it, and the copy is kept without a query while the stamp matches: a
save elsewhere in the archive costs the release page nothing.
"""

import threading

from django.db import DatabaseError

from pagecache import content_version
from releases.models import SiteSettings

UNKNOWN = object()
_lock = threading.Lock()
_copy = {"version": UNKNOWN, "stamp": UNKNOWN, "settings": None}


def load():
    """The settings from the database (with the press office's contact), or the defaults."""
    found = SiteSettings.objects.select_related("press_office", "press_office__organization").filter(pk=1).first()
    return found or SiteSettings.defaults()


def current(stamp=UNKNOWN):
    """The site settings. `stamp`: the stamp read with the caller's own query (None: no row yet)."""
    try:
        version = content_version.read_version()[0]
    except content_version.StoreUnavailable:
        version = object()  # no version to trust while its store is away: read afresh (or by stamp)
    with _lock:
        settings = _copy["settings"]
        if settings is not None and (
            _copy["version"] == version or (stamp is not UNKNOWN and stamp == _copy["stamp"])
        ):
            _copy["version"] = version
            return settings
    try:
        settings = load()
    except DatabaseError:
        # The database is away (pages answer 503): the last copy, or the defaults, for what still renders.
        return _copy["settings"] or SiteSettings.defaults()
    with _lock:
        _copy.update(version=version, stamp=settings.stamp, settings=settings)
    return settings


def forget():
    """Drop the copy (tests, and a process that changed the settings without a commit)."""
    with _lock:
        _copy.update(version=UNKNOWN, stamp=UNKNOWN, settings=None)
