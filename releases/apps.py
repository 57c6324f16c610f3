from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Press releases"

    def ready(self):
        from pagecache import middleware as page_cache
        from releases.search import documents as search_index

        # After commit: the search document is refreshed, and cached pages are out of date.
        search_index.connect()
        page_cache.connect_signals()
