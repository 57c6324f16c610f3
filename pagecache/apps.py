from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from pagecache import invalidation

        # After commit, a change to a registered model (pagecache.registry) moves the content version.
        invalidation.connect_signals()
