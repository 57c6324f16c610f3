from django.core.management.base import BaseCommand, CommandError

from releases.models import Release
from releases.sample_data import demo
from releases.search.documents import refresh_search_terms


class Command(BaseCommand):
    help = "Load the demo archive: the sample release in full and fictional releases in every state."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if the archive is not empty.")

    def handle(self, *args, force=False, **options):
        if Release.objects.exists() and not force:
            raise CommandError("The archive is not empty; the demo loads only into an empty one (or use --force).")
        releases = demo.load_all()
        refresh_search_terms()  # "did you mean" knows the demo's words at once
        self.stdout.write(f"Loaded {len(releases)} demo releases.")
