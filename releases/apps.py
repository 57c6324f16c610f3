from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Press releases"

    def ready(self):
        from django.contrib.redirects.models import Redirect

        from pagecache import registry
        from releases import publishing
        from releases.reading import surrogate_keys
        from releases.search import documents

        # After commit: the search document is refreshed, and cached pages are out of date
        # (every model of this app, and the redirects that keep old addresses answering).
        documents.connect()
        registry.register(
            models=[*self.get_models(include_auto_created=True), Redirect],
            next_change=publishing.next_scheduled_publication,
            keys=surrogate_keys.changed,
        )
