"""`manage.py import_wordpress EXPORT.xml`: a WordPress newsroom's posts become releases.

The mapping, the old addresses and the transaction are described in
releases.importers.wordpress.importer. This command parses the arguments and
prints the report: a line for every item not imported (with the reason), a
line for every imported item with notes (an image left out, …), and counts.
"""

from django.core.management.base import BaseCommand, CommandError

from releases.importers.wordpress.importer import WordPressImport


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR): posts become releases (drafts stay drafts), categories and tags "
        "topics, and every old address of a post answers 301 to its release. Reruns change nothing; an "
        "updated export updates the releases. One transaction: nothing is saved unless the file reads through."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WordPress export file (Tools › Export in WordPress).")
        parser.add_argument(
            "--category",
            dest="categories",
            nargs="+",
            action="extend",
            default=[],
            metavar="SLUG",
            help="Only posts in one of these categories (slug or name).",
        )
        parser.add_argument(
            "--uploads", metavar="DIR", help="The site's wp-content/uploads folder: featured and inline images."
        )
        parser.add_argument(
            "--issuer",
            metavar="ORG",
            help="The issuing organization (slug or name; created if new). Default: the exporting site's title.",
        )
        parser.add_argument(
            "--time-zone",
            metavar="ZONE",
            help="The site's time zone, for posts without a GMT date (default: TIME_ZONE).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; save nothing.")

    def handle(self, *args, export, categories, uploads, issuer, time_zone, dry_run, verbosity, **options):
        self.verbosity = verbosity
        try:
            run = WordPressImport(
                export,
                categories=categories,
                uploads=uploads,
                issuer=issuer,
                dry_run=dry_run,
                time_zone=time_zone,
                on_start=self.print_header,
                on_line=self.print_line,
            )
        except (ValueError, KeyError) as exc:  # an unknown time zone
            raise CommandError(f"--time-zone: {exc}") from None
        report = run.run()
        if report.error:
            raise CommandError(f"{export}: {report.error}. Nothing was imported.")
        self.print_summary(report)

    def print_header(self, report):
        site = report.site
        self.stdout.write(
            f"{report.path}: WXR {site.wxr_version} from {site.base_blog_url or site.link or 'an unnamed site'}, "
            f"{report.items} items; issuer {report.issuer}{' (created)' if report.issuer_created else ''}."
        )

    def print_line(self, line):
        write = self.stdout.write
        label = f"#{line.position} {line.post_type or 'item'} {line.post_id or '?'} “{line.title[:70]}”"
        if not line.imported:
            write(f"  {line.outcome:<9} {label}: {line.reason}")
        elif self.verbosity > 1 or line.notes or (self.verbosity > 0 and line.outcome != "unchanged"):
            addresses = f", {len(line.old_addresses)} old addresses" if line.old_addresses else ""
            write(f"  {line.outcome:<9} {label} → {line.permalink}{addresses}")
        for note in line.notes:
            write(f"            {note}")

    def print_summary(self, report):
        write = self.stdout.write
        counts = report.counts
        summary = ", ".join(f"{counts[k]} {k}" for k in ("created", "updated", "unchanged", "skipped", "failed"))
        write(f"Items: {summary}. Old addresses answering 301: {report.old_addresses}.")
        if report.comments:
            write(f"Comments are not imported ({report.comments} in the export).")
        if report.control_bytes_dropped:
            write(f"Control characters dropped (not allowed in XML): {report.control_bytes_dropped}.")
        if report.not_imported:
            write("Not imported, by reason:")
            for reason, count in report.not_imported.most_common():
                write(f"  {count:>5}  {reason}")
        if report.dry_run:
            write("Dry run: nothing was saved.")
