"""Facet counts for a list of releases: per year, topic, issuer and signatory, in one query.

    facets.count(filters, releases)           # a FacetList, with .total
    facets.count(filters, releases, cache_as="archive")  # kept under the content version

`releases` is the current result set (filters and any search applied), so each
count is how many results remain if that value is added; each value carries the
URL (from the filters) that adds or removes it.
"""

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from pagecache.content_version import cached_per_version
from releases.models import Organization, Release, Signatory, Topic

FACET_LIMIT = 12  # values shown per organization/topic facet
FACET_SAMPLE = 1000  # past this many results, topic and signatory counts cover the latest 1,000
FACET_TIMEOUT = 24 * 3600


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str | None  # None: adding it would pass the filters' cap (a label, not a link)
    selected: bool = False
    nofollow: bool = False  # the link leads to a combination of filters: not for crawlers


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


def count(filters, queryset, limit=FACET_LIMIT, sample=FACET_SAMPLE, cache_as=None):
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
    if cache_as:
        # Hashed: filter values make keys of any length (memcached refuses past 250 characters).
        chosen = hashlib.sha256(urlencode(filters.params()).encode()).hexdigest()
        key = f"facets:{cache_as}:{chosen}:{limit}:{sample}"
        rows = cached_per_version(key, lambda: _facet_rows(queryset, limit, sample), FACET_TIMEOUT)
    else:
        rows = _facet_rows(queryset, limit, sample)
    return _facet_list(filters, rows, sample)


def _facet_list(filters, rows, sample):
    latest = next((ids for kind, _, ids, _ in rows if kind == "latest"), None)
    facets = _build_facets(filters, [row for row in rows if row[0] != "latest"])
    facets.sampled = sample if facets.total > sample else 0
    facets.latest_ids = [int(pk) for pk in latest.split(",")] if latest else []
    return facets


def _facet_rows(queryset, limit, sample):
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


def every_year(filters):
    """A Year facet listing every year of the public archive, without counts: for a
    broad search, whose counts cover only its newest matches, so that any year can
    still be chosen (the archive's own counts, kept under the content version)."""
    archive = count(type(filters)(), Release.objects.public(), cache_as="archive")
    years = next((facet.values for facet in archive if facet.name == "year"), [])
    facet = Facet("year", _("Year"))
    for year in years:
        selected = year.value == str(filters.year)
        url = filters.url_without("year", year.value) if selected else filters.url_with("year", year.value)
        nofollow = not selected and len(filters.pairs_with("year", year.value)) > 1
        facet.values.append(FacetValue(year.value, year.label, None, url, selected, nofollow))
    return facet


def _build_facets(filters, rows):
    facets = {
        # Lazy labels: facets are cached under the content version and shown in every language.
        "year": Facet("year", _("Year")),
        "topic": Facet("topic", _("Topic")),
        "issuer": Facet("issuer", _("Issued by")),
        "signatory": Facet("signatory", _("Signed by")),
    }
    selected = {
        "year": {str(filters.year)} if filters.year else set(),
        "topic": {t.slug for t in filters.topics},
        "issuer": {filters.issuer.slug} if filters.issuer else set(),
        "signatory": {o.slug for o in filters.signatories},
    }
    for kind, value, label, count in rows:
        is_selected = value in selected[kind]
        url = filters.url_without(kind, value) if is_selected else filters.url_with(kind, value)
        nofollow = not is_selected and len(filters.pairs_with(kind, value)) > 1
        facets[kind].values.append(FacetValue(value, label, count, url, is_selected, nofollow))
    facets["year"].values.sort(key=lambda v: v.value, reverse=True)
    for kind in ("topic", "issuer", "signatory"):
        facets[kind].values.sort(key=lambda v: (-v.count, v.label.lower()))
    result = FacetList(f for f in facets.values() if f.values)
    result.total = sum(v.count for v in facets["year"].values)
    return result
