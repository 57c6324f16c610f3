"""Signal receivers: a registered model changed, so after commit a new content version,
and a purge of the pages that show it from shared caches (pagecache.purgers).

After commit, in this order: the settle callables (e.g. a replica catching up), the new
content version (the page cache misses from now on), then the purge of the changed keys
(Varnish or the CDN fetch those pages again on their next request). A page rendered from
rows read before the commit could still reach a shared cache just after the purge, so the
same keys are purged once more PAGECACHE_REPURGE_SECONDS later.
"""

import threading

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache import content_version, purgers, registry
from pagecache.surrogate import ALL, UNTAGGED


def content_changed(sender, **kwargs):
    """Signal receiver: a model of the archive changed; new version and purge after commit."""
    if not registry.is_content(sender):
        return
    pending = connection.__dict__.setdefault("_page_cache_keys", set())
    pending.update(changed_keys(sender, kwargs))
    connection._page_cache_dirty = True
    transaction.on_commit(_bump_if_dirty)


def changed_keys(sender, kwargs):
    """The keys a change touches: its instance's (and, for many-to-many links, the linked
    objects'), always with UNTAGGED; ALL when the app named none."""
    instances = [kwargs["instance"]]
    model, pks = kwargs.get("model"), kwargs.get("pk_set")
    if model is not None and pks:
        instances += [model(pk=pk) for pk in pks]
    keys = {UNTAGGED}
    for instance in instances:
        found = registry.keys_for(instance)
        keys |= {ALL} if found is None else found
    return keys


def _bump_if_dirty():
    # Many rows saved in one transaction register many callbacks; one bump is enough.
    if getattr(connection, "_page_cache_dirty", False):
        connection._page_cache_dirty = False
        keys = connection.__dict__.pop("_page_cache_keys", set())
        registry.settle()
        content_version.bump_version()
        purge(keys)


def purge(keys):
    purger = purgers.purger()
    if not keys or isinstance(purger, purgers.NoPurger):
        return
    purger.purge(keys)
    delay = settings.PAGECACHE_REPURGE_SECONDS
    if delay:
        timer = threading.Timer(delay, purger.purge, args=(keys,))
        timer.daemon = True
        timer.start()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page_cache_{signal!r}")
