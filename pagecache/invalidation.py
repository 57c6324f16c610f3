"""Signal receivers: a registered model changed, so a new content version after commit."""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache import content_version, registry


def content_changed(sender, **kwargs):
    """Signal receiver: a model of the archive changed; new version after commit."""
    if not registry.is_content(sender):
        return
    connection._page_cache_dirty = True
    transaction.on_commit(_bump_if_dirty)


def _bump_if_dirty():
    # Many rows saved in one transaction register many callbacks; one bump is enough.
    if getattr(connection, "_page_cache_dirty", False):
        connection._page_cache_dirty = False
        content_version.bump_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page_cache_{signal!r}")
