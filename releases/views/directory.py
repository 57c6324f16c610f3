"""Organizations, people and topics, each with the public releases they appear in."""

from django.core.cache import cache
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.views.generic import DetailView, ListView
from django.views.generic.detail import SingleObjectMixin

from pagecache.content_version import current_version
from releases.models import Organization, Person, Quote, Release, Signatory, Topic
from releases.views.lists import public_releases

SECTION_SIZE = 10
FEW = 500  # up to this many candidate ids, an array of them is handed to the planner
COUNTS_TIMEOUT = 24 * 3600


def _public_releases_of(lookup):
    """Public releases that reach the outer organization through `lookup`."""
    return Release.objects.public().filter(**{lookup: OuterRef("pk")}).order_by()


ROLES = {"issued": "issuer", "signed": "signatories__organization", "quoted": "quotes__speaker_organization"}


def organizations_in_public_releases():
    """Organizations that issued, signed or are quoted in a public release, with booleans
    has_issued, has_signed and has_quoted (EXISTS: each stops at the first release found)."""
    roles = {f"has_{role}": Exists(_public_releases_of(lookup)) for role, lookup in ROLES.items()}
    return Organization.objects.annotate(**roles).filter(Q(has_issued=True) | Q(has_signed=True) | Q(has_quoted=True))


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
    kept under the content version (pagecache.middleware): only a save changes them."""
    key = f"organization-counts:{current_version()}:{org.pk}"
    counts = cache.get(key)
    if counts is None:
        counts = with_public_counts(Organization.objects.filter(pk=org.pk)).values(*(f"{r}_count" for r in ROLES))[0]
        cache.set(key, counts, COUNTS_TIMEOUT)
    return counts


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
        ids = list(public_releases().filter(pk__in=release_ids).values_list("pk", flat=True)[:SECTION_SIZE])
        rows = public_releases().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]
    # One array parameter, however many ids: nothing to compile per id.
    few = RawSQL("SELECT unnest(%s::bigint[])", [list(release_ids)])
    return public_releases().filter(pk__in=few)[:SECTION_SIZE]


def people_with_public_quotes():
    public_quotes = Quote.objects.filter(speaker=OuterRef("pk"), release__in=Release.objects.public())
    return Person.objects.filter(Exists(public_quotes))


def topics_with_public_releases():
    # A LIMIT 1 subquery per topic rather than EXISTS: with few topics the planner would
    # turn EXISTS into a hash join over every release; this stops at each topic's first.
    first_public = Release.objects.public().filter(topics=OuterRef("pk")).order_by().values("pk")[:1]
    return Topic.objects.alias(first_public=Subquery(first_public)).filter(first_public__isnull=False)


class OrganizationListView(ListView):
    """/organizations/: every organization named in a public release, with its roles.
    Counts are on each organization's page: counting here would read every signature."""

    paginate_by = 100
    context_object_name = "organizations"

    def get_queryset(self):
        return organizations_in_public_releases().order_by("name")


class OrganizationDetailView(DetailView):
    """/organizations/<slug>/: the releases it issued, signed and is quoted in."""

    context_object_name = "organization"

    def get_queryset(self):
        return organizations_in_public_releases()

    def get_context_data(self, **kwargs):
        org = self.object
        for name, count in public_counts(org).items():
            setattr(org, name, count)
        signed = Signatory.objects.filter(organization=org).order_by().values_list("release_id", flat=True)
        quoted = Quote.objects.filter(speaker_organization=org).order_by().values_list("release_id", flat=True)
        return super().get_context_data(
            issued=public_releases().filter(issuer=org)[:SECTION_SIZE] if org.issued_count else [],
            signed=latest_public_among(signed, org.signed_count) if org.signed_count else [],
            quoted_in=latest_public_among(quoted, org.quoted_count) if org.quoted_count else [],
            section_size=SECTION_SIZE,
            **kwargs,
        )


class ListWithinObjectMixin(SingleObjectMixin):
    """A page about one object listing its things, paginated (Django's SingleObjectMixin + ListView)."""

    paginate_by = 20
    list_name = "object_list"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_parent_queryset())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.list_name] = context["object_list"]
        return context


class PersonDetailView(ListWithinObjectMixin, ListView):
    """/people/<slug>/: every quote the person gave in a public release, newest first."""

    template_name = "releases/person_detail.html"
    list_name = "quotes"

    def get_parent_queryset(self):
        return people_with_public_quotes().select_related("organization")

    def get_queryset(self):
        earlier = Quote.objects.filter(release=OuterRef("release")).filter(
            Q(position__lt=OuterRef("position")) | Q(position=OuterRef("position"), pk__lt=OuterRef("pk"))
        )
        number = Func(F("pk"), function="COUNT")
        return (
            Quote.objects.filter(speaker=self.object, release__in=Release.objects.public())
            .select_related("release__issuer", "speaker_organization")
            .annotate(number=Subquery(earlier.order_by().annotate(n=number).values("n")) + 1)
            .order_by("-release__first_published_at", "-release__pk", "position", "pk")
        )


class TopicDetailView(ListWithinObjectMixin, ListView):
    """/topics/<slug>/: the public releases on a topic, newest first."""

    template_name = "releases/topic_detail.html"
    list_name = "releases"

    def get_parent_queryset(self):
        return topics_with_public_releases()

    def get_queryset(self):
        return public_releases().filter(topics=self.object)
