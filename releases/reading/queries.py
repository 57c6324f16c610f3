"""The queries the public views, feeds and sitemaps share.

Every one starts from the visibility rule in ReleaseQuerySet (`listed()`,
`public()`); none spells it out again. Views, feeds and sitemaps import their
queries from here, never from each other.
"""

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from pagecache.content_version import cached_per_version
from releases.models import Asset, Contact, Organization, Person, Quote, Release, ReleaseContact, Signatory, Topic

HOME_LATEST = 10
HOME_FEATURED = 3
HOME_TOPICS = 16
SECTION_SIZE = 10
FEW = 500  # up to this many candidate ids, an array of them is handed to the planner
COUNTS_TIMEOUT = 24 * 3600


def release_cards():
    """Public releases, newest first, with what a release card shows."""
    return Release.objects.listed().cards()


def home_releases():
    """(featured, latest): the few featured releases, then the latest of the others."""
    featured = list(release_cards().filter(featured=True)[:HOME_FEATURED])
    latest = release_cards().exclude(pk__in=[release.pk for release in featured])[:HOME_LATEST]
    return featured, latest


def _public_releases_of(lookup):
    """Public releases that reach the outer organization through `lookup`."""
    return Release.objects.public().filter(**{lookup: OuterRef("pk")}).order_by()


ROLES = {"issued": "issuer", "signed": "signatories__organization", "quoted": "quotes__speaker_organization"}


def organizations_in_public_releases():
    """Organizations that issued, signed or are quoted in a public release, with booleans
    has_issued, has_signed and has_quoted (EXISTS: each stops at the first release found)."""
    roles = {f"has_{role}": Exists(_public_releases_of(lookup)) for role, lookup in ROLES.items()}
    return Organization.objects.annotate(**roles).filter(Q(has_issued=True) | Q(has_signed=True) | Q(has_quoted=True))


def public_assets():
    """Press-kit files a reader may download: a public release's, and those of an organization
    whose page is public (one named by a public release)."""
    organizations = organizations_in_public_releases().values("pk")
    return Asset.objects.filter(Q(release__in=Release.objects.public()) | Q(organization__in=organizations))


def with_public_counts(organizations):
    """Annotate issued_count, signed_count and quoted_count: counted only for the rows shown."""
    count = Func(F("pk"), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    return organizations.annotate(
        **{
            f"{role}_count": Coalesce(
                Subquery(_public_releases_of(lookup).annotate(n=count).values("n"), output_field=IntegerField()), 0
            )
            for role, lookup in ROLES.items()
        }
    )


def public_counts(org):
    """{"issued_count": n, "signed_count": n, "quoted_count": n} for one organization,
    kept under the content version (pagecache.content_version): only a save changes them."""
    return cached_per_version(
        f"organization-counts:{org.pk}",
        lambda: with_public_counts(Organization.objects.filter(pk=org.pk)).values(*(f"{r}_count" for r in ROLES))[0],
        COUNTS_TIMEOUT,
    )


def latest_public_among(release_ids, public_count):
    """The newest public releases among `release_ids` (a queryset of ids), SECTION_SIZE of them;
    `public_count` is how many of them are public (from public_counts()).

    Few candidates (an organization quoted a few hundred times in 100,000
    releases) are listed outright, so each is looked up and the handful
    sorted; otherwise the planner would walk the newest-first index through
    most of the archive looking for them. Many are left as a subquery: walking
    the index then finds the first ten soon.
    """
    if public_count > FEW:
        # The page's ids off the newest-first index (visibility included, no table rows
        # read while walking), then their rows.
        ids = list(release_cards().filter(pk__in=release_ids).values_list("pk", flat=True)[:SECTION_SIZE])
        rows = release_cards().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]
    # One array parameter, however many ids: nothing to compile per id.
    few = RawSQL("SELECT unnest(%s::bigint[])", [list(release_ids)])
    return release_cards().filter(pk__in=few)[:SECTION_SIZE]


def organization_sections(org):
    """An organization's page: its public counts set on `org`, and the newest releases
    it issued, signed and is quoted in ({"issued": [...], "signed": [...], "quoted_in": [...]})."""
    for name, count in public_counts(org).items():
        setattr(org, name, count)
    signed = Signatory.objects.filter(organization=org).order_by().values_list("release_id", flat=True)
    quoted = Quote.objects.filter(speaker_organization=org).order_by().values_list("release_id", flat=True)
    return {
        "issued": release_cards().filter(issuer=org)[:SECTION_SIZE] if org.issued_count else [],
        "signed": latest_public_among(signed, org.signed_count) if org.signed_count else [],
        "quoted_in": latest_public_among(quoted, org.quoted_count) if org.quoted_count else [],
    }


def people_with_public_quotes():
    public_quotes = Quote.objects.filter(speaker=OuterRef("pk"), release__in=Release.objects.public())
    return Person.objects.filter(Exists(public_quotes))


def public_quotes_of(person):
    """Every quote the person gave in a public release, newest first, each with its
    number in its release (`number`, for the #quote-N anchor)."""
    earlier = Quote.objects.filter(release=OuterRef("release")).filter(
        Q(position__lt=OuterRef("position")) | Q(position=OuterRef("position"), pk__lt=OuterRef("pk"))
    )
    number = Func(F("pk"), function="COUNT")
    return (
        Quote.objects.filter(speaker=person, release__in=Release.objects.public())
        .select_related("release__issuer", "speaker_organization")
        .annotate(number=Subquery(earlier.order_by().annotate(n=number).values("n")) + 1)
        .order_by("-release__first_published_at", "-release__pk", "position", "pk")
    )


def topics_with_public_releases():
    # A LIMIT 1 subquery per topic rather than EXISTS: with few topics the planner would
    # turn EXISTS into a hash join over every release; this stops at each topic's first.
    first_public = Release.objects.public().filter(topics=OuterRef("pk")).order_by().values("pk")[:1]
    return Topic.objects.alias(first_public=Subquery(first_public)).filter(first_public__isnull=False)


def releases_of_organization(org):
    """The public releases an organization issued or signed, newest first (its feed)."""
    signed = Signatory.objects.filter(organization=org).values("release")
    return Release.objects.listed().filter(Q(issuer=org) | Q(pk__in=signed))


def topics_with_counts():
    """[(topic, number of public releases), ...] by name: one grouped count, kept under the content version."""

    def count():
        through = Release.topics.through.objects.filter(release__in=Release.objects.public())
        return dict(through.order_by().values_list("topic_id").annotate(n=Count("release_id")))

    counts = cached_per_version("topic-counts", count, COUNTS_TIMEOUT)
    topics = Topic.objects.filter(pk__in=list(counts)).order_by("name") if counts else []
    return [(topic, counts[topic.pk]) for topic in topics]


def people_index():
    """People quoted in a public release, by name, with their current organization."""
    return people_with_public_quotes().select_related("organization").order_by("name", "pk")


def public_contacts(site_press_office_id=None):
    """Contacts a reader may see: named by a public release, press office of an organization
    with a public release, or the site's press office."""
    public = Release.objects.public()
    named = Exists(ReleaseContact.objects.filter(contact=OuterRef("pk"), release__in=public))
    office = Exists(public.filter(issuer__press_office=OuterRef("pk")).order_by())
    condition = Q(named) | Q(office)
    if site_press_office_id:
        condition |= Q(pk=site_press_office_id)
    return Contact.objects.filter(condition).select_related("organization")


def main_topics(limit=HOME_TOPICS):
    """The `limit` topics with the most public releases, by name."""
    busiest = sorted(topics_with_counts(), key=lambda item: -item[1])[:limit]
    return sorted(busiest, key=lambda item: item[0].name.lower())


def public_families(roots):
    """The public members of the translation families whose originals are `roots` (ids): for
    the sitemap's alternates. Only public releases: a draft or scheduled translation is never named."""
    roots = list(roots)
    return (
        Release.objects.public()
        .filter(Q(pk__in=roots) | Q(translation_of__in=roots))
        .only("slug", "language", "translation_of")
    )
