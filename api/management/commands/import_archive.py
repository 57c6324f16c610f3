"""Load an archive written by export_archive into an empty database: the same public pages."""

from django.core.management.base import BaseCommand, CommandError

from api import archive_import
from releases.models import Release


class Command(BaseCommand):
    help = "Load releases.jsonl.gz (from export_archive or /export/) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive: releases.jsonl.gz (or an uncompressed .jsonl).")

    def handle(self, *args, path, **options):
        if Release.objects.exists():
            raise CommandError("The database already holds releases: import_archive loads into an empty one.")
        try:
            report = archive_import.load(path)
        except archive_import.BadArchive as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{report.releases} releases imported from {path}.")
