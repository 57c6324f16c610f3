"""Archive filters shared by /releases/ and /search/: year, topic, issuer, signatory.

    filters = ReleaseFilters.from_request(request)
    releases = filters.apply(Release.objects.public())
    filters.chips()          # the active filters, each with a URL that removes it
    filters.facets(releases) # counts per year, topic, issuer and signatory

GET parameters: ``year`` (four digits), ``topic`` (slug, may repeat: all must
match), ``issuer`` (organization slug), ``signatory`` (organization slug, may
repeat) and ``organization`` (slug: issued *or* signed it). Malformed or
unknown values are ignored and listed in ``filters.ignored``; they never raise.
Other parameters (``q``, ``sort``) are kept in every URL built here; ``page``
is dropped, since changing a filter starts again at page one.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from pagecache.content_version import current_version
from releases.models import Organization, Release, Signatory, Topic

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
YEAR = re.compile(r"^\d{4}$")
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_VALUES = 5  # per repeatable parameter; more are ignored
FACET_LIMIT = 12  # values shown per organization/topic facet
FACET_SAMPLE = 1000  # past this many results, topic and signatory counts cover the latest 1,000
FACET_TIMEOUT = 24 * 3600

FILTER_PARAMS = ("year", "topic", "issuer", "signatory", "organization")


@dataclass
class Chip:
    kind: str
    label: str
    value: str
    remove_url: str


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list = field(default_factory=list)


class FacetList(list):
    """The facets that have values; `total` is the number of releases counted;
    `sampled`, when not 0, the number of latest releases topic and signatory counts cover."""

    total = 0
    sampled = 0
    latest_ids = ()


def display_year():
    """The year a release is filed under: first published, else its publish time."""
    return ExtractYear(Coalesce("first_published_at", "publish_at"))


class ReleaseFilters:
    def __init__(
        self,
        *,
        year=None,
        topics=(),
        issuer=None,
        signatories=(),
        organization=None,
        path="",
        keep=None,
        ignored=(),
    ):
        self.year = year
        self.topics = list(topics)
        self.issuer = issuer
        self.signatories = list(signatories)
        self.organization = organization
        self.path = path
        self.keep = dict(keep or {})  # other GET parameters, carried into every URL
        self.ignored = list(ignored)

    # --- parsing ----------------------------------------------------------

    @classmethod
    def from_request(cls, request):
        return cls.from_params(request.GET, path=request.path)

    @classmethod
    def from_params(cls, params, path=""):
        """Parse a QueryDict (or a dict of lists). At most two queries: topics, organizations."""
        ignored = []

        def values(name, limit):
            found = [v for v in _getlist(params, name) if v != ""]
            if len(found) > limit:
                ignored.extend((name, v) for v in found[limit:])
            return found[:limit]

        year = None
        for raw in values("year", 1):
            if YEAR.match(raw) and MIN_YEAR <= int(raw) <= MAX_YEAR:
                year = int(raw)
            else:
                ignored.append(("year", raw))

        repeatable = ("topic", "signatory")
        wanted = {name: values(name, MAX_VALUES if name in repeatable else 1) for name in FILTER_PARAMS[1:]}
        for name, slugs in wanted.items():
            for slug in [s for s in slugs if not SLUG.match(s)]:
                ignored.append((name, slug))
                slugs.remove(slug)

        topic_slugs = wanted["topic"]
        topics_by_slug = {t.slug: t for t in Topic.objects.filter(slug__in=topic_slugs)} if topic_slugs else {}
        org_slugs = {s for name in ("issuer", "signatory", "organization") for s in wanted[name]}
        orgs_by_slug = {o.slug: o for o in Organization.objects.filter(slug__in=org_slugs)} if org_slugs else {}

        def resolve(name, lookup):
            found = []
            for slug in wanted[name]:
                if slug in lookup and lookup[slug] not in found:
                    found.append(lookup[slug])
                elif slug not in lookup:
                    ignored.append((name, slug))
            return found

        issuer = resolve("issuer", orgs_by_slug)
        organization = resolve("organization", orgs_by_slug)
        keep = {k: _getlist(params, k) for k in params if k not in FILTER_PARAMS and k != "page"}
        return cls(
            year=year,
            topics=resolve("topic", topics_by_slug),
            issuer=issuer[0] if issuer else None,
            signatories=resolve("signatory", orgs_by_slug),
            organization=organization[0] if organization else None,
            path=path,
            keep=keep,
            ignored=ignored,
        )

    def at(self, path):
        """The same filters for another page, without its other parameters."""
        return ReleaseFilters(
            year=self.year,
            topics=self.topics,
            issuer=self.issuer,
            signatories=self.signatories,
            organization=self.organization,
            path=path,
        )

    def __bool__(self):
        return bool(self.year or self.topics or self.issuer or self.signatories or self.organization)

    # --- querying ---------------------------------------------------------

    def apply(self, queryset):
        """Narrow a Release queryset to the active filters (visibility is the caller's)."""
        if self.year:
            # The year a release is filed under (see display_year), written as date
            # ranges so the planner can use the indexes on both columns.
            tz = timezone.get_current_timezone()
            start, end = datetime(self.year, 1, 1, tzinfo=tz), datetime(self.year + 1, 1, 1, tzinfo=tz)
            queryset = queryset.filter(
                Q(first_published_at__gte=start, first_published_at__lt=end)
                | Q(first_published_at__isnull=True, publish_at__gte=start, publish_at__lt=end)
            )
        for topic in self.topics:
            queryset = queryset.filter(pk__in=Release.topics.through.objects.filter(topic=topic).values("release_id"))
        if self.issuer:
            queryset = queryset.filter(issuer=self.issuer)
        for org in self.signatories:
            queryset = queryset.filter(pk__in=Signatory.objects.filter(organization=org).values("release_id"))
        if self.organization:
            signed = Signatory.objects.filter(organization=self.organization).values("release_id")
            queryset = queryset.filter(Q(issuer=self.organization) | Q(pk__in=signed))
        return queryset

    def facets(self, queryset, limit=FACET_LIMIT, sample=FACET_SAMPLE, cache_as=None):
        """Counts per year, topic, issuer and signatory over `queryset`, in one query.

        `queryset` is the current result set (filters and any search applied),
        so each count is how many results remain if that value is added. Year
        and issuer counts are exact. Topic and signatory counts join link tables
        (a million signatures at 100,000 releases), so past `sample` results they
        are counted over the latest `sample` only; the result's `sampled` says so.
        The ids of those latest results, newest first, come as `latest_ids`.

        With `cache_as` (a name for what `queryset` is, e.g. "archive": the
        public releases with these filters applied), the counts are kept under
        the content version, which every save moves: every page of a list,
        from the first to the five-thousandth, shares one count.
        """
        key = None
        if cache_as:
            key = f"facets:{cache_as}:{current_version()}:{urlencode(self.params())}:{limit}:{sample}"
            rows = cache.get(key)
            if rows is not None:
                return self._facet_list(rows, sample)
        rows = self._facet_rows(queryset, limit, sample)
        if key:
            cache.set(key, rows, FACET_TIMEOUT)
        return self._facet_list(rows, sample)

    def _facet_list(self, rows, sample):
        latest = next((ids for kind, _, ids, _ in rows if kind == "latest"), None)
        facets = self._build_facets([row for row in rows if row[0] != "latest"])
        facets.sampled = sample if facets.total > sample else 0
        facets.latest_ids = [int(pk) for pk in latest.split(",")] if latest else []
        return facets

    def _facet_rows(self, queryset, limit, sample):
        filed_at = Coalesce("first_published_at", "publish_at")
        matched = (
            queryset.order_by()
            .annotate(_filed_year=display_year(), _filed_at=filed_at)
            .values("pk", "issuer_id", "_filed_year", "_filed_at")
        )
        sql, params = matched.query.sql_with_params()
        topic_link = Release.topics.through._meta.db_table
        facet_sql = f"""
            WITH m (id, issuer_id, year, filed_at) AS MATERIALIZED ({sql}),
            latest AS MATERIALIZED (SELECT id, filed_at FROM m ORDER BY filed_at DESC, id DESC LIMIT %s)
            (SELECT 'latest', '', string_agg(id::text, ',' ORDER BY filed_at DESC, id DESC), 0 FROM latest)
            UNION ALL
            (SELECT 'year', year::text, year::text, count(*) FROM m GROUP BY year)
            UNION ALL
            (SELECT 'topic', t.slug, t.name, c.n FROM (
                SELECT l.topic_id, count(*) AS n FROM latest JOIN {topic_link} l ON l.release_id = latest.id
                GROUP BY l.topic_id ORDER BY n DESC, l.topic_id LIMIT %s) c
             JOIN {Topic._meta.db_table} t ON t.id = c.topic_id)
            UNION ALL
            (SELECT 'issuer', o.slug, o.name, c.n FROM (
                SELECT issuer_id, count(*) AS n FROM m GROUP BY issuer_id ORDER BY n DESC, issuer_id LIMIT %s) c
             JOIN {Organization._meta.db_table} o ON o.id = c.issuer_id)
            UNION ALL
            (SELECT 'signatory', o.slug, o.name, c.n FROM (
                SELECT s.organization_id, count(*) AS n
                FROM latest JOIN {Signatory._meta.db_table} s ON s.release_id = latest.id
                GROUP BY s.organization_id ORDER BY n DESC, s.organization_id LIMIT %s) c
             JOIN {Organization._meta.db_table} o ON o.id = c.organization_id)
        """  # noqa: S608 -- table names come from model metadata; values are parameters.
        with connection.cursor() as cursor:
            cursor.execute(facet_sql, (*params, sample, limit, limit, limit))
            return cursor.fetchall()

    def every_year(self):
        """A Year facet listing every year of the public archive, without counts: for a
        broad search, whose counts cover only its newest matches, so that any year can
        still be chosen (the archive's own counts, kept under the content version)."""
        archive = ReleaseFilters().facets(Release.objects.public(), cache_as="archive")
        years = next((facet.values for facet in archive if facet.name == "year"), [])
        facet = Facet("year", "Year")
        for year in years:
            selected = year.value == str(self.year)
            url = self.url_without("year", year.value) if selected else self.url_with("year", year.value)
            facet.values.append(FacetValue(year.value, year.label, None, url, selected))
        return facet

    def _build_facets(self, rows):
        facets = {
            "year": Facet("year", "Year"),
            "topic": Facet("topic", "Topic"),
            "issuer": Facet("issuer", "Issued by"),
            "signatory": Facet("signatory", "Signed by"),
        }
        selected = {
            "year": {str(self.year)} if self.year else set(),
            "topic": {t.slug for t in self.topics},
            "issuer": {self.issuer.slug} if self.issuer else set(),
            "signatory": {o.slug for o in self.signatories},
        }
        for kind, value, label, count in rows:
            is_selected = value in selected[kind]
            url = self.url_without(kind, value) if is_selected else self.url_with(kind, value)
            facets[kind].values.append(FacetValue(value, label, count, url, is_selected))
        facets["year"].values.sort(key=lambda v: v.value, reverse=True)
        for kind in ("topic", "issuer", "signatory"):
            facets[kind].values.sort(key=lambda v: (-v.count, v.label.lower()))
        result = FacetList(f for f in facets.values() if f.values)
        result.total = sum(v.count for v in facets["year"].values)
        return result

    # --- URLs -------------------------------------------------------------

    def params(self):
        """The active filters as a list of (name, value) pairs, in a stable order."""
        pairs = []
        if self.year:
            pairs.append(("year", str(self.year)))
        pairs += [("topic", t.slug) for t in self.topics]
        if self.issuer:
            pairs.append(("issuer", self.issuer.slug))
        pairs += [("signatory", o.slug) for o in self.signatories]
        if self.organization:
            pairs.append(("organization", self.organization.slug))
        return pairs

    def query_string(self, pairs=None, **extra):
        """'?…' for these filters plus the kept parameters (and e.g. page=2)."""
        kept = [(k, v) for k, values in self.keep.items() for v in values if k not in extra]
        filtered = self.params() if pairs is None else pairs
        items = kept + filtered + [(k, v) for k, v in extra.items() if v not in (None, "")]
        return "?" + urlencode(items) if items else ""

    def url(self, pairs=None, **extra):
        return self.path + self.query_string(pairs, **extra)

    def url_with(self, kind, value):
        """Add a value; a single-valued filter (year, issuer) is replaced."""
        single = kind in ("year", "issuer", "organization")
        pairs = [(k, v) for k, v in self.params() if not (single and k == kind)]
        return self.url(pairs + [(kind, value)])

    def url_without(self, kind, value):
        return self.url([(k, v) for k, v in self.params() if (k, v) != (kind, value)])

    def clear_url(self):
        return self.url([])

    def chips(self):
        chips = []
        if self.year:
            chips.append(Chip("year", f"Year: {self.year}", str(self.year), self.url_without("year", str(self.year))))
        for t in self.topics:
            chips.append(Chip("topic", f"Topic: {t.name}", t.slug, self.url_without("topic", t.slug)))
        if self.issuer:
            slug = self.issuer.slug
            chips.append(Chip("issuer", f"Issued by: {self.issuer.name}", slug, self.url_without("issuer", slug)))
        for o in self.signatories:
            chips.append(Chip("signatory", f"Signed by: {o.name}", o.slug, self.url_without("signatory", o.slug)))
        if self.organization:
            slug = self.organization.slug
            label = f"Organization: {self.organization.name}"
            chips.append(Chip("organization", label, slug, self.url_without("organization", slug)))
        return chips


def _getlist(params, name):
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name, [])
    return list(value) if isinstance(value, (list, tuple)) else [value]
