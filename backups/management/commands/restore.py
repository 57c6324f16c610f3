from django.core.management.base import BaseCommand, CommandError

from backups import backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database (and MEDIA_ROOT)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file, e.g. var/backups/pressroom-20260101T000000Z.tar.gz")

    def handle(self, *args, file, **options):
        try:
            summary = backup.restore(file)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {file} into {summary['database']}: {summary['tables']} tables, "
                f"{summary['media_copied']} media files copied"
                + (f", {summary['media_skipped']} already there and left alone" if summary["media_skipped"] else "")
                + "."
            )
        )
