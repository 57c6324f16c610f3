"""The release page's two queries, each compiled once per process.

The release at its permalink (`at_permalink()` by slug, body left out) and its
neighbours (the public releases just before and after it) cost more to compile
in the ORM (the visibility rule is an OR of conditions) than to run. Their SQL
is the same on every request but for a few values (the slug, the time, the
release's moment and id), so each is compiled once from its queryset, built
with stand-ins for those values, and run with the real ones. The visibility
rule stays the one in ReleaseQuerySet.
"""

import functools
from dataclasses import dataclass
from datetime import datetime, timezone

from django.db import connection
from django.db.models import Value
from django.urls import reverse
from django.utils import timezone as django_timezone

from releases.models import Release

LEAN_DEFERRED = ("body", "body_html", "summary", "search_document")
# Stand-ins no real value can equal.
STAND_INS = {
    "slug": "\ue000slug\ue000",
    "now": datetime(1111, 1, 1, 1, 1, 1, 111111, tzinfo=timezone.utc),
    "moment": datetime(1222, 2, 2, 2, 2, 2, 222222, tzinfo=timezone.utc),
    "pk": -777_777_777_777,
}


@dataclass(frozen=True)
class Link:
    title: str
    url: str


def lean():
    """Releases as the page needs them: without body or search document."""
    return Release.objects.defer(*LEAN_DEFERRED)


def _permalink_queryset(slug, now):
    return lean().at_permalink(now=now).filter(slug=slug).order_by()[:1]


def _neighbours_queryset(moment, pk, now):
    # A range on first_published_at (not an OR) lets the index start at this release.
    public = Release.objects.public(now=now)
    previous = (
        public.filter(first_published_at__lte=moment)
        .exclude(first_published_at=moment, pk__gte=pk)
        .order_by("-first_published_at", "-pk")
        .annotate(side=Value("previous"))
        .values_list("side", "title", "slug")[:1]
    )
    following = (
        public.filter(first_published_at__gte=moment)
        .exclude(first_published_at=moment, pk__lte=pk)
        .order_by("first_published_at", "pk")
        .annotate(side=Value("next"))
        .values_list("side", "title", "slug")[:1]
    )
    return previous.union(following, all=True)


@functools.cache
def _compiled(build):
    """(sql, [(stand-in name or None, value), ...]) for the queryset `build` makes."""
    names = build.__code__.co_varnames[: build.__code__.co_argcount]
    sql, params = build(**{name: STAND_INS[name] for name in names}).query.sql_with_params()
    by_value = {STAND_INS[name]: name for name in names}
    slots = [(by_value.get(p) if isinstance(p, (str, int, datetime)) else None, p) for p in params]
    assert {name for name, _ in slots} >= set(names), "every stand-in must reach the SQL"
    return sql, slots


def _params(build, **values):
    sql, slots = _compiled(build)
    return sql, [values[name] if name else value for name, value in slots]


def at_permalink(slug):
    """The public or withdrawn release with this slug, or None: as
    `lean().at_permalink().filter(slug=slug).first()`, without compiling it."""
    sql, params = _params(_permalink_queryset, slug=slug, now=django_timezone.now())
    return next(iter(Release.objects.raw(sql, params)), None)


def neighbours(release):
    """(previous, next): the public releases just before and after this one, as Links or None."""
    if release.first_published_at is None:
        return None, None
    sql, params = _params(
        _neighbours_queryset, moment=release.first_published_at, pk=release.pk, now=django_timezone.now()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {
            side: Link(title, reverse("releases:release_detail", kwargs={"slug": slug}))
            for side, title, slug in cursor.fetchall()
        }
    return found.get("previous"), found.get("next")
