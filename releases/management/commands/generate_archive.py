"""Fill the database with a synthetic archive, for benchmarks: `generate_archive --releases 100000`.

Releases get 0–8 quotes, 0–300 signatories (most none, letters many),
resources and topics, from hundreds of organizations and people, dated over
20 years; a few are drafts, scheduled or withdrawn. Text is drawn from a word
list with a Zipf-like frequency plus common phrases, so the vocabulary has
common and rare words. Rows go in with bulk inserts (COPY for the link
tables), a chunk per transaction; search documents are then computed in SQL
in batches. The same --seed gives the same archive. The work is done by
releases.sample_data.generator.
"""

from django.core.management.base import BaseCommand, CommandError

from releases.sample_data.generator import ArchiveGenerator


class Command(BaseCommand):
    help = "Fill the database with a synthetic archive of releases (for benchmarks and load tests)."

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--organizations", type=int, default=None, help="Default: 600, fewer for small archives.")
        parser.add_argument("--people", type=int, default=None, help="Default: 1,500, fewer for small archives.")

    def handle(self, *args, releases, seed, organizations, people, verbosity, **options):
        if releases < 1:
            raise CommandError("--releases must be at least 1.")
        self.verbosity = verbosity
        generator = ArchiveGenerator(seed, log=self.log)
        if generator.already_generated():
            raise CommandError(f"This database already holds an archive generated with --seed {seed}.")
        generator.generate(releases, organizations, people)

    def log(self, message, always=False):
        if self.verbosity > 1 or (always and self.verbosity > 0):
            self.stdout.write(message)
