"""The anonymous page cache: whole public pages stored under a content version.

It imports nothing from the apps it caches. An app tells it, once, in its
AppConfig.ready(), what changes its pages (see pagecache.registry):

    from pagecache import registry

    registry.register(
        models=[*self.get_models(include_auto_created=True)],  # a save or delete of these moves the version
        next_change=next_scheduled_publication,  # epoch seconds of the next change that needs no save, or 0
    )

Modules: content_version (the version and where it lives), registry (what
apps registered), invalidation (the signal receivers that move the version
after a commit), fingerprint (what besides content shapes a page), store
(keys, what may be stored), middleware (Django's side) and wsgi (hits answered
before Django).
"""
