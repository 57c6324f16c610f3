"""Fill the database with a synthetic archive, for benchmarks: `generate_archive --releases 100000`.

Releases get 0–8 quotes, 0–300 signatories (most none, letters many),
resources and topics, from hundreds of organizations and people, dated over
20 years; a few are drafts, scheduled or withdrawn. Text is drawn from a word
list with a Zipf-like frequency plus common phrases, so the vocabulary has
common and rare words. Rows go in with bulk inserts (COPY for the link
tables), a chunk per transaction; search documents are then computed in SQL
in batches. The same --seed gives the same archive.
"""

import io
import itertools
import random
import time
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify

from releases.models import Organization, Person, Quote, RelatedResource, Release, Signatory, Topic, match_key
from releases.search_index import refresh_search_documents, refresh_search_terms

CHUNK = 2000

WORDS = """
immigrant immigration families community rights federal policy administration program department
deportation enforcement local police county sheriff state law people children year today said
statement groups coalition support act public justice national members new workers city communities
detention agency agreement policies president congress security homeland youth action legal court
health time access protect protection fair safe work million country leaders advocates status
relief reform report data letter call end campaign services decision government trust residents
undocumented asylum refugees border officials organizing voices rally order announced across nation
schools students education dream dreamers daca parents mothers fathers workers labor wages jobs
housing faith churches clergy vigil march hearing testimony senate house bill vote budget funding
contract contracts jail jails prison private facility facilities conditions medical care access
attorney attorneys lawyers counsel representation due process hearing judge judges ruling appeal
civil liberties constitution amendment discrimination profiling racial equity dignity humanity
safety accountability transparency oversight investigation inspector general complaint complaints
abuse abuses death deaths hunger strike release released detained arrested arrests raids raid
workplace checkpoint traffic stop stops license licenses driver drivers identification cards
citizenship naturalization green card visa visas humanitarian parole temporary protected
sanctuary ordinance council mayor governor legislature legislative session hearing committee
testify testified urged urge demand demands call calls condemn condemned welcome welcomed praise
applaud historic victory fight struggle together power organize organized organizers volunteers
neighbors neighborhoods cities towns rural urban southern northern western eastern region regional
survey research study analysis findings evidence numbers percent increase decrease record records
recent years decade history historic future generation generations hope fear trauma separation
reunification reunited separated child parent family unity home homes land language languages
interpreters translation notice notices rights know hotline network networks partners partnership
alliance allies union unions employers business businesses economy economic taxes contributions
farmworkers agriculture harvest fields meatpacking construction domestic restaurant service
essential pandemic virus vaccine vaccines testing outbreak outbreaks quarantine masks sanitation
water food shelter beds capacity overcrowding cells solitary confinement transfers transfer
flights charter removal removals expedited proceedings backlog case cases docket bond bonds
alternatives monitoring ankle shackles electronic surveillance database databases records sharing
information privacy fingerprints biometrics secure communities priority priorities memo memorandum
guidance directive executive orders rule rules regulation regulations comment period public charge
benefits medicaid insurance clinics hospitals doctors nurses patients mental counseling services
"""

RARE = [
    "ombudsperson",
    "habeas",
    "refoulement",
    "nonrefoulement",
    "extraterritorial",
    "interoperability",
    "kinship",
    "cartography",
    "apostille",
    "gerrymander",
]

PHRASES = [
    "287(g) agreements",
    "the 287(g) program",
    "family separation",
    "due process",
    "Deferred Action for Childhood Arrivals",
    "Temporary Protected Status",
    "know your rights",
    "immigration detention",
    "local law enforcement",
    "Secure Communities",
    "comprehensive immigration reform",
    "a path to citizenship",
    "end the contracts",
    "community trust",
    "racial profiling",
    "detention conditions",
    "asylum seekers",
    "the 501(c)(3) organization",
]

PLACES = [
    "Arizona",
    "Texas",
    "California",
    "Georgia",
    "Florida",
    "Illinois",
    "Colorado",
    "Oregon",
    "Washington",
    "Nevada",
    "Utah",
    "Iowa",
    "Ohio",
    "Michigan",
    "Tennessee",
    "Carolina",
    "Virginia",
    "Maryland",
    "Massachusetts",
    "Minnesota",
    "Wisconsin",
    "Louisiana",
    "Alabama",
    "Houston",
    "Phoenix",
    "Atlanta",
    "Chicago",
    "Denver",
    "Seattle",
    "Boston",
    "Miami",
    "Tucson",
    "Dallas",
    "Austin",
    "Nashville",
    "Charlotte",
    "Raleigh",
    "Omaha",
    "Albuquerque",
    "Fresno",
    "Richmond",
    "Baltimore",
    "Newark",
    "Philadelphia",
    "Brooklyn",
    "Bronx",
    "Queens",
]
KINDS = """Immigrant Rights Coalition|Justice Center|Legal Aid Society|Workers Center|Dream Alliance|Faith Network|
Family Defense Project|Welcome Project|Civil Liberties Union|Youth Collective|Labor Council|Bar Association|
Community Fund|Law Clinic|Action Network|Sanctuary Committee|Refugee Services|Interfaith Council|
Organizing Project|Policy Institute""".replace("\n", "").split("|")
FIRST = [
    "Maria",
    "José",
    "Ana",
    "Luis",
    "Carmen",
    "Jorge",
    "Sofía",
    "Daniel",
    "Fatima",
    "Samuel",
    "Grace",
    "Ibrahim",
    "Mei",
    "Andrés",
    "Lucía",
    "Omar",
    "Patricia",
    "Michael",
    "Angela",
    "David",
    "Rosa",
    "Tomás",
    "Elena",
    "Kevin",
    "Aisha",
    "Juan",
    "Noemí",
    "Peter",
    "Linh",
    "Gabriel",
    "Marisol",
]
LAST = [
    "Saldaña",
    "García",
    "Nguyen",
    "Johnson",
    "Peña",
    "Hernández",
    "Smith",
    "Okafor",
    "Rodríguez",
    "Kim",
    "Martínez",
    "Brown",
    "Núñez",
    "Williams",
    "Ahmed",
    "Lopez",
    "Chen",
    "Castillo",
    "Davis",
    "Morales",
    "Patel",
    "Rivera",
    "O'Brien",
    "Guzmán",
    "Thompson",
    "Ortiz",
    "Ibáñez",
]
TITLES = ["Executive Director", "Policy Director", "Staff Attorney", "Organizer", "Campaign Manager", "President"]
TOPICS = [
    "287(g)",
    "Deportation defense",
    "Detention",
    "DACA",
    "Asylum",
    "Family separation",
    "Sanctuary policies",
    "Workplace raids",
    "Temporary Protected Status",
    "Border",
    "Courts",
    "Labor",
    "Health care",
    "Education",
    "Driver's licenses",
    "Refugees",
    "Policing",
    "Legislation",
    "Elections",
    "Language access",
    "Housing",
    "Faith",
    "Youth",
    "Public charge",
    "Private prisons",
    "Surveillance",
    "Citizenship",
    "Budget",
    "Data privacy",
    "Pandemic",
]


SYLLABLES = [
    "ba",
    "ca",
    "den",
    "el",
    "for",
    "gan",
    "ho",
    "in",
    "jor",
    "ka",
    "lan",
    "mo",
    "nes",
    "or",
    "pra",
    "quin",
    "ros",
    "sa",
    "tel",
    "un",
    "var",
    "wen",
    "tor",
    "yel",
    "zan",
    "bri",
    "cor",
]
ZIPF = 1.1


def vocabulary():
    """The word list, most frequent first, then a long tail of made-up words (names,
    jargon), so the archive has thousands of distinct words, most of them rare."""
    words = list(dict.fromkeys(WORDS.split()))
    tail_rng = random.Random(0)  # the same words whatever the seed
    tail = set()
    while len(tail) < 4000:
        tail.add("".join(tail_rng.choice(SYLLABLES) for _ in range(tail_rng.randint(2, 4))))
    tail = sorted(tail - set(words))  # sorted first: a set's order changes between runs
    tail_rng.shuffle(tail)
    return words + tail


class Text:
    """Words with a Zipf-like frequency, sentences with phrases, deterministic per rng."""

    def __init__(self, rng):
        self.rng = rng
        self.words = vocabulary()
        self.cum = list(itertools.accumulate(1.0 / rank**ZIPF for rank in range(1, len(self.words) + 1)))

    def sentence(self, low=8, high=18):
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cum, k=rng.randint(low, high))
        if rng.random() < 0.35:
            words.insert(rng.randrange(len(words)), rng.choice(PHRASES))
        if rng.random() < 0.01:
            words.insert(rng.randrange(len(words)), rng.choice(RARE))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def title(self):
        words = self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(4, 9))
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(PHRASES))
        return " ".join(w.capitalize() if i == 0 or len(w) > 3 else w for i, w in enumerate(words))


def copy_rows(cursor, table, columns, rows):
    """COPY integer rows into a link table (much faster than INSERT for a million rows)."""
    buffer = io.StringIO("".join("\t".join(map(str, row)) + "\n" for row in rows))
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


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
        rng = random.Random(seed)
        self.text = Text(rng)
        self.rng = rng
        started = time.monotonic()
        tag = f"g{seed}"
        if Release.objects.filter(slug__endswith=f"-{tag}-1").exists():
            raise CommandError(f"This database already holds an archive generated with --seed {seed}.")
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

    def log(self, message, always=False):
        if self.verbosity > 1 or (always and self.verbosity > 0):
            self.stdout.write(message)

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
        return Organization.objects.bulk_create(objs, batch_size=1000)

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
                    media_contact="Press office, press@example.org",
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
