"""An archive written by api.export read back into a database: releases, their parts, and the
organizations, people, topics and contacts they name, matched by slug (contacts by their
details). Pure data, so what the export does not carry stays out: images and uploaded files
(their addresses are kept as links), the site settings, organizations' logos."""

import gzip
import json
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from releases import publishing
from releases.models import (
    ChangeNote,
    Contact,
    Organization,
    Person,
    Quote,
    RelatedResource,
    Release,
    ReleaseContact,
    Signatory,
    Topic,
)
from releases.models.languages import default_language

BATCH = 200


class BadArchive(ValueError):
    pass


@dataclass
class Report:
    releases: int = 0


def lines(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as found:
        for number, line in enumerate(found, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as error:
                    raise BadArchive(f"Line {number} is not JSON: {error}") from error


class _Directory:
    """Organizations, people, topics and contacts by slug (or details), made once each."""

    def __init__(self):
        self.orgs, self.people, self.topics, self.contacts = {}, {}, {}, {}
        self.whole = set()  # organizations whose whole record (as an issuer) has been read

    def organization(self, data):
        """By slug; an organization first met by name only (a signatory) gets its whole record
        (About, website, …) when it is met as an issuer."""
        if not data:
            return None
        found = self.orgs.get(data["slug"])
        if found is None:
            found, _ = Organization.objects.get_or_create(slug=data["slug"], defaults={"name": data["name"]})
            self.orgs[data["slug"]] = found
        if "about" in data and data["slug"] not in self.whole:
            found.about = data.get("about") or ""
            found.location = data.get("location") or ""
            found.website = data.get("website") or ""
            found.abbreviations = data.get("abbreviations") or []
            found.save()
            self.whole.add(data["slug"])
        return found

    def person(self, data):
        if not data:
            return None
        found = self.people.get(data["slug"])
        if found is None:
            found, _ = Person.objects.get_or_create(slug=data["slug"], defaults={"name": data["name"]})
            self.people[data["slug"]] = found
        return found

    def topic(self, data):
        found = self.topics.get(data["slug"])
        if found is None:
            found, _ = Topic.objects.get_or_create(slug=data["slug"], defaults={"name": data["name"]})
            self.topics[data["slug"]] = found
        return found

    def contact(self, data):
        org = self.organization(data.get("organization"))
        key = (data["name"], data["role"], data["email"], data["phone"], org.pk if org else None)
        found = self.contacts.get(key)
        if found is None:
            found = Contact.objects.create(
                name=data["name"],
                role=data["role"],
                organization=org,
                email=data["email"],
                phone=data["phone"],
                languages=data.get("languages") or [],
                hours=data.get("hours") or "",
                details=data.get("details") or "",
            )
            self.contacts[key] = found
        return found


def _moment(text):
    return datetime.fromisoformat(text) if text else None


def load_release(data, directory):
    published = _moment(data["published_at"])
    release = Release(
        title=data["title"],
        slug=data["slug"],
        subtitle=data["subtitle"],
        dateline=data["dateline"],
        language=data.get("language") or default_language(),
        body=data["body"],
        summary=data.get("summary") or "",
        issuer=directory.organization(data["issuer"]),
        source_url=data.get("source_url") or "",
        archive_note=data.get("archive_note") or "",
        unnamed_signatory_count=data.get("unnamed_signatory_count") or 0,
        status=Release.Status.PUBLISHED,
        publish_at=published,
        first_published_at=published,
        updated_at=_moment(data.get("updated_at")),
    )
    publishing.save_release(release)
    release.topics.set([directory.topic(t) for t in data.get("topics", [])])
    Quote.objects.bulk_create(
        Quote(
            release=release,
            position=quote["number"],
            text=quote["text"],
            speaker=directory.person(quote["speaker"]),
            attribution=quote["attribution"],
            speaker_title=quote["speaker_title"],
            speaker_organization=directory.organization(quote["speaker_organization"]),
        )
        for quote in data.get("quotes", [])
    )
    Signatory.objects.bulk_create(
        Signatory(release=release, organization=directory.organization(org), position=position)
        for position, org in enumerate(data.get("signatories", []), start=1)
    )
    RelatedResource.objects.bulk_create(
        RelatedResource(release=release, position=position, kind=r["kind"], title=r["title"], url=r["url"] or "")
        for position, r in enumerate(data.get("resources", []), start=1)
    )
    ReleaseContact.objects.bulk_create(
        ReleaseContact(release=release, contact=directory.contact(c), position=position)
        for position, c in enumerate(data.get("contacts", []), start=1)
    )
    ChangeNote.objects.bulk_create(
        ChangeNote(release=release, created_at=_moment(note["date"]), note=note["note"])
        for note in data.get("change_notes", [])
    )
    return release


def load(path):
    """Load every release of the archive at `path`, BATCH to a transaction."""
    report, directory, batch = Report(), _Directory(), []
    for data in lines(path):
        batch.append(data)
        if len(batch) == BATCH:
            _load_batch(batch, directory, report)
            batch = []
    if batch:
        _load_batch(batch, directory, report)
    return report


def _load_batch(batch, directory, report):
    try:
        with transaction.atomic():
            for data in batch:
                load_release(data, directory)
                report.releases += 1
    except (KeyError, TypeError, ValueError) as error:
        raise BadArchive(f"A release near number {report.releases + 1} could not be read: {error!r}") from error
