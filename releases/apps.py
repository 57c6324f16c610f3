from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Press releases"

    def ready(self):
        from pressroom import page_cache
        from releases import search_index

        # After commit: the search document is refreshed, and cached pages are out of date.
        search_index.connect()
        page_cache.connect_signals()
