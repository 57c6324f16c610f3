"""A synthetic archive, for benchmarks (the generate_archive command runs it).

Releases get 0–8 quotes, 0–300 signatories (most none, letters many),
resources and topics, from hundreds of organizations and people, dated over
20 years; a few are drafts, scheduled or withdrawn. Text comes from
releases.sample_data.text. Rows go in with bulk inserts (COPY for the link
tables), a chunk per transaction; search documents are then computed in SQL
in batches. The same seed gives the same archive.
"""

import io
import random
import time
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify

from releases.models import (
    Contact,
    Organization,
    Person,
    Quote,
    RelatedResource,
    Release,
    Signatory,
    Topic,
    match_key,
)
from releases.sample_data.names import FIRST, KINDS, LAST, PLACES, TITLES, TOPICS
from releases.sample_data.text import Text
from releases.search.documents import refresh_search_documents, refresh_search_terms

CHUNK = 2000


def copy_rows(cursor, table, columns, rows):
    """COPY integer rows into a link table (much faster than INSERT for a million rows)."""
    buffer = io.StringIO("".join("\t".join(map(str, row)) + "\n" for row in rows))
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


class ArchiveGenerator:
    """Generates one seed's archive; `log(message, always=False)` reports progress."""

    def __init__(self, seed, log):
        rng = random.Random(seed)
        self.text = Text(rng)
        self.rng = rng
        self.tag = f"g{seed}"
        self.log = log

    def already_generated(self):
        return Release.objects.filter(slug__endswith=f"-{self.tag}-1").exists()

    def generate(self, releases, organizations=None, people=None):
        started = time.monotonic()
        tag = self.tag
        organizations = organizations or min(600, max(30, releases // 2))
        people = people or min(1500, max(40, releases))
        orgs = self.make_organizations(organizations, tag)
        topics = self.make_topics()
        persons = self.make_people(people, orgs, tag)
        self.log(f"{len(orgs)} organizations, {len(persons)} people, {len(topics)} topics")

        ids = []
        # Dates count from midnight, so a seed gives the same archive all day.
        now = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        start = datetime(now.year - 20, 1, 1, tzinfo=dt_timezone.utc)
        span = (now - start).total_seconds()
        for chunk_start in range(0, releases, CHUNK):
            count = min(CHUNK, releases - chunk_start)
            with transaction.atomic():
                ids += self.make_chunk(chunk_start, count, tag, orgs, persons, topics, start, span, now)
            self.log(f"  {chunk_start + count:,} releases ({time.monotonic() - started:.0f} s)")

        self.log("Computing search documents…")
        for batch_start in range(0, len(ids), 10 * CHUNK):
            with transaction.atomic():
                refresh_search_documents(ids[batch_start : batch_start + 10 * CHUNK])
            self.log(f"  {min(batch_start + 10 * CHUNK, len(ids)):,} ({time.monotonic() - started:.0f} s)")
        refresh_search_terms()
        if not connection.in_atomic_block:  # VACUUM cannot run in a transaction (as in tests)
            with connection.cursor() as cursor:
                for table in ("releases_release", "releases_quote", "releases_signatory", "releases_release_topics"):
                    cursor.execute(f"VACUUM ANALYZE {table}")
        self.log(f"Generated {releases:,} releases in {time.monotonic() - started:.0f} s.", always=True)

    def unique(self, model, values, key):
        """Drop values whose key is already taken in the database (names, slugs)."""
        taken = set(model.objects.annotate(k=Lower(key)).values_list("k", flat=True))
        return [v for v in values if v[key].lower() not in taken]

    def make_organizations(self, count, tag):
        rng = self.rng
        names = [f"{place} {kind}" for place in PLACES for kind in KINDS]
        rng.shuffle(names)
        rows = [{"name": name, "slug": f"{slugify(name)}-{tag}"} for name in names[:count]]
        rows = self.unique(Organization, self.unique(Organization, rows, "name"), "slug")
        objs = [
            Organization(
                name=row["name"],
                slug=row["slug"],
                name_key=match_key(row["name"]),
                website=f"https://{slugify(row['name'])}.example.org",
                about=self.text.paragraph(),
                location=row["name"].split()[0],
            )
            for row in rows
        ]
        orgs = Organization.objects.bulk_create(objs, batch_size=1000)
        # Each organization's press office: the contact its releases show.
        offices = Contact.objects.bulk_create(
            [
                Contact(
                    name="Press office",
                    organization=org,
                    email=f"press@{slugify(org.name)}.example.org",
                    phone=f"+1 202 555 {100 + index % 100:04d}",  # 555-0100 to 0199: reserved for fiction
                    languages=["en"],
                )
                for index, org in enumerate(orgs)
            ],
            batch_size=1000,
        )
        for org, office in zip(orgs, offices, strict=True):
            org.press_office = office
        Organization.objects.bulk_update(orgs, ["press_office"], batch_size=1000)
        return orgs

    def make_topics(self):
        existing = {t.name.lower(): t for t in Topic.objects.all()}
        new = [Topic(name=name, slug=slugify(name)) for name in TOPICS if name.lower() not in existing]
        taken = set(Topic.objects.values_list("slug", flat=True))
        new = [t for t in new if t.slug not in taken]
        Topic.objects.bulk_create(new)
        return list(Topic.objects.filter(name__in=TOPICS))

    def make_people(self, count, orgs, tag):
        rng = self.rng
        objs = []
        for i in range(count):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            objs.append(
                Person(
                    name=name,
                    slug=f"{slugify(name)}-{tag}-{i}",
                    organization=rng.choice(orgs),
                    title=rng.choice(TITLES),
                )
            )
        return Person.objects.bulk_create(objs, batch_size=1000)

    def make_chunk(self, offset, count, tag, orgs, persons, topics, start, span, now):
        rng, text = self.rng, self.text
        releases = []
        for n in range(offset + 1, offset + count + 1):
            title = text.title()
            paragraphs = [text.paragraph() for _ in range(rng.randint(3, 6))]
            body = "\n\n".join(paragraphs)
            # Later years hold more releases, as archives do.
            published = start + timedelta(seconds=span * (rng.random() ** 0.7))
            status, publish_at, first, withdrawn_at, reason = Release.Status.PUBLISHED, published, published, None, ""
            roll = rng.random()
            if roll < 0.01:
                status, publish_at, first = Release.Status.DRAFT, None, None
            elif roll < 0.02:
                publish_at = first = now + timedelta(days=rng.randint(1, 60))
            elif roll < 0.03:
                status, withdrawn_at, reason = (
                    Release.Status.WITHDRAWN,
                    published + timedelta(days=3),
                    "Issued in error.",
                )
            summary = text.sentence() if rng.random() < 0.3 else ""
            releases.append(
                Release(
                    title=title,
                    slug=f"{slugify(title)[:150]}-{tag}-{n}",
                    subtitle=text.sentence(6, 12) if rng.random() < 0.6 else "",
                    dateline=f"{rng.choice(PLACES)}",
                    body=body,
                    body_html="".join(f"<p>{escape(p)}</p>\n" for p in paragraphs),
                    summary=summary,
                    lead=Truncator(summary or paragraphs[0]).chars(320),
                    issuer=rng.choice(orgs),
                    source_url=f"https://example.org/press/{n}",
                    status=status,
                    publish_at=publish_at,
                    first_published_at=first,
                    withdrawn_at=withdrawn_at,
                    withdrawal_reason=reason,
                    unnamed_signatory_count=rng.choice([0, 0, 0, 12, 57]),
                )
            )
        releases = Release.objects.bulk_create(releases, batch_size=500)

        quotes, resources, signatures, links = [], [], [], []
        kinds = [k for k, _ in RelatedResource.Kind.choices]
        for release in releases:
            for position in range(1, rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8]) + 1):
                speaker = rng.choice(persons)
                quotes.append(
                    Quote(
                        release=release,
                        position=position,
                        text=" ".join(text.sentence() for _ in range(rng.randint(1, 3))),
                        speaker=speaker,
                        speaker_title=speaker.title,
                        speaker_organization_id=speaker.organization_id,
                    )
                )
            for position in range(1, rng.choice([0, 0, 1, 1, 2, 3]) + 1):
                resources.append(
                    RelatedResource(
                        release=release,
                        position=position,
                        kind=rng.choice(kinds),
                        title=text.title(),
                        url=f"https://example.org/resources/{release.pk}/{position}",
                    )
                )
            roll = rng.random()
            signers = 0 if roll < 0.7 else rng.randint(1, 10) if roll < 0.92 else rng.randint(10, 300)
            for position, org in enumerate(rng.sample(orgs, min(signers, len(orgs))), start=1):
                signatures.append((release.pk, org.pk, position))
            for topic in rng.sample(topics, rng.choice([1, 1, 2, 2, 3])):
                links.append((release.pk, topic.pk))
        Quote.objects.bulk_create(quotes, batch_size=2000)
        RelatedResource.objects.bulk_create(resources, batch_size=2000)
        with connection.cursor() as cursor:
            copy_rows(cursor, Signatory._meta.db_table, ["release_id", "organization_id", "position"], signatures)
            copy_rows(cursor, Release.topics.through._meta.db_table, ["release_id", "topic_id"], links)
        return [r.pk for r in releases]
