from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Press releases"

    def ready(self):
        from django.contrib.redirects.models import Redirect

        from pagecache import registry
        from releases import embargo, publishing
        from releases.reading import surrogate_keys
        from releases.search import documents

        # After commit: the search document is refreshed, and cached pages are out of date
        # (every model of this app, and the redirects that keep old addresses answering).
        documents.connect()
        # Preview links and their openings are shown on no stored page (/preview/ is never stored):
        # logging an opening or recording a sent email must not empty the page cache.
        private = {self.get_model("PreviewLink"), self.get_model("PreviewOpening")}
        registry.register(
            models=[*(m for m in self.get_models(include_auto_created=True) if m not in private), Redirect],
            next_change=publishing.next_scheduled_publication,
            keys=surrogate_keys.changed,
            # New render keys before the version moves: a page drawn in between would otherwise be
            # stored under the new version from parts cached under the release's old render key.
            prepare=documents.flush_pending,
        )
        embargo.register_duties()
