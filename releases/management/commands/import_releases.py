"""manage.py import_releases PATH… : releases as written (.txt, .md, .html, .docx) → structured drafts.

Each file becomes a draft release (in its own transaction) with its quotes,
signatories, resources, About and contacts, and a report of what was found and
what the parser was unsure about. A file imported again (by its name) updates
its draft, or changes nothing when the file has not changed; a release published
since is left alone. --dry-run saves nothing; with --json it prints one JSON
object a line per file, in the field names of shared/samples/releases/*.json's
"expected" (bench/eval_import.py reads it).
"""

import hashlib
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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
        parser.add_argument("--issuer", help="The issuing organization when a release prints no About paragraph.")

    def handle(self, *args, paths, dry_run=False, json=False, language=None, issuer=None, **options):
        if json and not dry_run:
            raise CommandError("--json goes with --dry-run.")
        failures = 0
        for path in release_files(paths):
            try:
                data = self.read(path)
                parsed = parse_release(data, filename=path.name, language_hint=language)
            except (OSError, ValueError) as error:
                failures += 1
                self.report_failure(path, error, json)
                continue
            if json:
                self.stdout.write(_json_line({"file": str(path), **parsed.to_expected_dict()}))
            elif dry_run:
                self.stdout.write(describe(path, parsed))
            else:
                try:
                    self.stdout.write(self.save(path, data, parsed, issuer))
                except ValidationError as error:
                    failures += 1
                    self.report_failure(path, "; ".join(_messages(error)), json)
        if failures:
            raise CommandError(f"{failures} file(s) not imported.")

    def save(self, path, data, parsed, issuer):
        from releases.importers import drafts
        from releases.models import TextImport

        key, checksum = path.name.lower(), hashlib.sha256(data).hexdigest()
        record = TextImport.objects.select_related("release").filter(key=key).first()
        if record and record.checksum == checksum:
            return f"{path}: unchanged since the last import (release {record.release.slug})"
        draft = drafts.draft_from_parse(parsed, issuer=issuer)
        if not draft.issuer:
            raise ValidationError("no About paragraph names the issuer: give one with --issuer")
        with transaction.atomic():
            saved = drafts.save_draft(draft, release=record.release if record else None)
            TextImport.objects.update_or_create(key=key, defaults={"release": saved.release, "checksum": checksum})
        verb = "updated" if record else "created"
        lines = [f"{path}: draft {verb}: /releases/{saved.release.slug}/", describe(path, parsed).split("\n", 1)[-1]]
        made = ", ".join(f"{type(r).__name__.lower()} {r}" for r in saved.created)
        if made:
            lines.append(f"  new: {made}")
        lines += [f"  note: {note}" for note in saved.notes]
        return "\n".join(lines)

    def read(self, path):
        if path.suffix.lower() not in EXTENSIONS:
            raise ValueError(f"not a release file ({', '.join(sorted(EXTENSIONS))})")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return path.read_bytes()

    def report_failure(self, path, error, as_json):
        if as_json:
            self.stdout.write(_json_line({"file": str(path), "error": str(error)}))
        else:
            self.stderr.write(f"{path}: not imported: {error}")


def _messages(error):
    if hasattr(error, "message_dict"):
        return [f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()]
    return error.messages


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
