"""Recompute every release's search document and the "did you mean" vocabulary.

Saves keep documents fresh by themselves; run this after a bulk import that
bypassed them, or now and then (e.g. nightly) so the vocabulary follows the archive.
"""

import time

from django.core.management.base import BaseCommand

from releases.search.documents import refresh_all, refresh_search_terms


class Command(BaseCommand):
    help = 'Recompute search documents (all releases) and the "did you mean" vocabulary.'

    def add_arguments(self, parser):
        parser.add_argument("--terms-only", action="store_true", help="Only the vocabulary.")

    def handle(self, *args, terms_only=False, **options):
        started = time.monotonic()
        if terms_only:
            refresh_search_terms()
        else:
            refresh_all()
        self.stdout.write(f"Search refreshed in {time.monotonic() - started:.1f} s.")
