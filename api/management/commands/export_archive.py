"""Write the whole archive (every public release, the API's shape, one a line, gzipped): into
the media storage as the worker does (/export/releases.jsonl.gz and /data/), or to --output."""

from django.core.management.base import BaseCommand

from api import export


class Command(BaseCommand):
    help = "Export every public release as gzipped JSON Lines (the API's shape)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Write to this file instead of the media storage (the download).")

    def handle(self, *args, output=None, **options):
        if output:
            with export.snapshot(), open(output, "wb") as out:
                summary = export.write(out)
        else:
            summary = export.publish(force=True)
            if summary is None:
                self.stderr.write("Another process is writing the export now; nothing written.")
                return
        where = output or export.FILE_NAME
        self.stdout.write(
            f"{where}: {summary.records} releases, {summary.size} bytes, sha256 {summary.sha256}, "
            f"{summary.seconds:.1f} s"
        )
