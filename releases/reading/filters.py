"""Archive filters shared by /releases/ and /search/: year, topic, issuer, signatory.
This module parses them, narrows a queryset and builds URLs; facets.py counts
and chips.py lists what is chosen.

    filters = ReleaseFilters.from_request(request)
    releases = filters.apply(Release.objects.public())
    chips.of(filters)                 # the active filters, each with a URL that removes it
    facets.count(filters, releases)   # counts per year, topic, issuer and signatory

GET parameters: ``year`` (four digits), ``topic`` (slug, may repeat: all must
match), ``issuer`` (organization slug), ``signatory`` (organization slug, may
repeat) and ``organization`` (slug: issued *or* signed it). Malformed or
unknown values are ignored and listed in ``filters.ignored``; they never raise.
Other parameters (``q``, ``sort``) are kept in every URL built here; ``page``
is dropped, since changing a filter starts again at page one.
"""

import re
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Q
from django.utils import timezone

from releases.models import Release, Signatory
from releases.reading import queries

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
YEAR = re.compile(r"^\d{4}$")
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_VALUES = 5  # per repeatable parameter; more are ignored
# Filters at once (all kinds together): past this, values are ignored and no link adds one,
# so the archive has a bounded number of filtered pages for crawlers and the cache.
MAX_FILTERS = 3

FILTER_PARAMS = ("year", "topic", "issuer", "signatory", "organization")


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
        """Parse a QueryDict (or a dict of lists). At most two queries: topics, organizations.
        Only topics and organizations with a public release are recognised (any other is
        ignored, so its name is never printed), and at most MAX_FILTERS values in all."""
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
        topics = queries.topics_with_public_releases()
        topics_by_slug = {t.slug: t for t in topics.filter(slug__in=topic_slugs)} if topic_slugs else {}
        org_slugs = {s for name in ("issuer", "signatory", "organization") for s in wanted[name]}
        orgs = queries.organizations_in_public_releases().only("pk", "name", "slug")
        orgs_by_slug = {o.slug: o for o in orgs.filter(slug__in=org_slugs)} if org_slugs else {}

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
        topics = resolve("topic", topics_by_slug)
        signatories = resolve("signatory", orgs_by_slug)
        # The cap, in the order params() lists them: year, topics, issuer, signatories, organization.
        room = MAX_FILTERS - (1 if year else 0)
        capped = {}
        chosen = (("topic", topics), ("issuer", issuer), ("signatory", signatories), ("organization", organization))
        for name, found in chosen:
            capped[name], extra = found[: max(room, 0)], found[max(room, 0) :]
            ignored.extend((name, thing.slug) for thing in extra)
            room -= len(capped[name])
        keep = {k: _getlist(params, k) for k in params if k not in FILTER_PARAMS and k != "page"}
        return cls(
            year=year,
            topics=capped["topic"],
            issuer=capped["issuer"][0] if capped["issuer"] else None,
            signatories=capped["signatory"],
            organization=capped["organization"][0] if capped["organization"] else None,
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

    def count(self):
        """How many filter values are active."""
        return len(self.params())

    def __bool__(self):
        return bool(self.year or self.topics or self.issuer or self.signatories or self.organization)

    # --- querying ---------------------------------------------------------

    def apply(self, queryset):
        """Narrow a Release queryset to the active filters (visibility is the caller's)."""
        if self.year:
            # The year a release is filed under (see facets.display_year), written as date
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

    def pairs_with(self, kind, value):
        single = kind in ("year", "issuer", "organization")
        return [(k, v) for k, v in self.params() if not (single and k == kind)] + [(kind, value)]

    def url_with(self, kind, value):
        """Add a value (a single-valued filter, year or issuer, is replaced); None past MAX_FILTERS."""
        pairs = self.pairs_with(kind, value)
        return self.url(pairs) if len(pairs) <= MAX_FILTERS else None

    def url_without(self, kind, value):
        return self.url([(k, v) for k, v in self.params() if (k, v) != (kind, value)])

    def clear_url(self):
        return self.url([])


def _getlist(params, name):
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name, [])
    return list(value) if isinstance(value, (list, tuple)) else [value]
