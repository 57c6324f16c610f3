"""The release at a permalink, found with SQL compiled once per process.

The release page's one query, `Release.objects.at_permalink()` by slug with
the body left out, costs more to compile in the ORM (the visibility rule is an
OR of conditions) than to run. Its SQL is the same on every request but for
two values, the slug and the time, so it is compiled once from that very
queryset, with stand-ins for the two, and run with the real ones. The
visibility rule stays the one in ReleaseQuerySet.
"""

import functools
from datetime import datetime, timezone

from django.utils import timezone as django_timezone

from releases.models import Release

PAGE_DEFERRED = ("body", "body_html", "summary", "search_document")
_SLUG = "\ue000slug\ue000"  # stand-ins no real value can equal
_NOW = datetime(1111, 1, 1, 1, 1, 1, 111111, tzinfo=timezone.utc)


def lean():
    """Releases as the page needs them: without body or search document."""
    return Release.objects.defer(*PAGE_DEFERRED)


@functools.cache
def _compiled():
    queryset = lean().at_permalink(now=_NOW).filter(slug=_SLUG).order_by()[:1]
    sql, params = queryset.query.sql_with_params()
    slots = [("slug" if p == _SLUG else "now" if p == _NOW else None, p) for p in params]
    assert {kind for kind, _ in slots} >= {"slug", "now"}, "the stand-ins must reach the SQL"
    return sql, slots


def at_permalink(slug):
    """The public or withdrawn release with this slug, or None: as
    `lean().at_permalink().filter(slug=slug).first()`, without compiling it."""
    sql, slots = _compiled()
    values = {"slug": slug, "now": django_timezone.now()}
    params = [values[kind] if kind else value for kind, value in slots]
    return next(iter(Release.objects.raw(sql, params)), None)
