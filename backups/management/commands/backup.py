from django.core.management.base import BaseCommand, CommandError

from backups import backup


class Command(BaseCommand):
    help = (
        "Back up the whole archive into one file: a consistent pg_dump of the database and a copy of "
        "the uploaded media (default folder: var/backups, or BACKUP_DIR)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", help="Folder to write the backup into.")

    def handle(self, *args, output_dir=None, **options):
        try:
            path = backup.backup(output_dir)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path} ({size:.1f} MB)"))
        self.stdout.write(f"Restore it into an empty database with: make restore FILE={path}")
