"""manage.py import_releases PATH… : releases as written (.txt, .md, .html, .docx) → structured drafts.

--dry-run saves nothing and reports, per file, what the parser found and what it
was unsure about; with --json, one JSON object a line per file, in the field
names of shared/samples/releases/*.json's "expected" (bench/eval_import.py reads it).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from releases.importers.text import parse_release
from releases.importers.text.sources import EXTENSIONS

MAX_FILE_BYTES = 5 * 1024 * 1024


def release_files(paths):
    """The files named, and the release files inside the folders named, in name order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
        else:
            yield path


class Command(BaseCommand):
    help = "Parse releases as written (.txt, .md, .html, .docx) into structured drafts."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files, or folders of them.")
        parser.add_argument("--dry-run", action="store_true", help="Save nothing; report what was found.")
        parser.add_argument("--json", action="store_true", help="With --dry-run: one JSON object a line per file.")
        parser.add_argument("--language", help='The releases\' language when the guess would be wrong ("en", "es").')

    def handle(self, *args, paths, dry_run=False, json=False, language=None, **options):
        if not dry_run:
            raise CommandError("Saving drafts is not available yet: run with --dry-run to see what would be imported.")
        failures = 0
        for path in release_files(paths):
            try:
                parsed = self.parse(path, language)
            except (OSError, ValueError) as error:
                failures += 1
                self.report_failure(path, error, json)
                continue
            if json:
                self.stdout.write(_json_line({"file": str(path), **parsed.to_expected_dict()}))
            else:
                self.stdout.write(describe(path, parsed))
        if failures:
            raise CommandError(f"{failures} file(s) could not be read.")

    def parse(self, path, language):
        if path.suffix.lower() not in EXTENSIONS:
            raise ValueError(f"not a release file ({', '.join(sorted(EXTENSIONS))})")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return parse_release(path.read_bytes(), filename=path.name, language_hint=language)

    def report_failure(self, path, error, as_json):
        if as_json:
            self.stdout.write(_json_line({"file": str(path), "error": str(error)}))
        else:
            self.stderr.write(f"{path}: not imported: {error}")


def _json_line(data):
    return json.dumps(data, ensure_ascii=False, default=str)


def describe(path, parsed):
    """A few lines a person reads: what was found, then what to check."""
    lines = [f"{path}: “{parsed.title}”"]
    if parsed.subtitle:
        lines.append(f"  deck: {parsed.subtitle}")
    where = ", ".join(p for p in (parsed.dateline, parsed.date and parsed.date.isoformat()) if p)
    lines.append(f"  dateline and date: {where or 'none'}")
    for number, quote in enumerate(parsed.quotes, start=1):
        who = quote.speaker or quote.attribution or "?"
        extra = ", ".join(p for p in (quote.title, quote.organization) if p)
        lines.append(f"  quote {number}: {who}{f' ({extra})' if extra else ''}: “{quote.text[:60]}…”")
    if parsed.signatories or parsed.individual_signatories:
        more = f" and {parsed.unnamed_signatory_count} more" if parsed.unnamed_signatory_count else ""
        people = len(parsed.individual_signatories)
        lines.append(f"  signatories: {len(parsed.signatories)} organizations, {people} people{more}")
    for about in parsed.boilerplates:
        lines.append(f"  about: {about.organization}")
    for contact in parsed.contacts:
        lines.append(f"  contact: {contact.as_text()}")
    for resource in parsed.related_resources:
        lines.append(f"  resource ({resource.kind}): {resource.title}")
    for note in parsed.unsure:
        lines.append(f"  unsure: {note}")
    return "\n".join(lines)
