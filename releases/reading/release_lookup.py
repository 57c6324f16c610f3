"""The release page's two queries, each compiled once per process.

The release at its permalink (`at_permalink()` by slug, body left out, with the
site settings' stamp) and its
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
from django.db.models import Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.urls import Resolver404, resolve
from django.utils import timezone as django_timezone

from releases import permalinks
from releases.models import Release, SiteSettings, languages
from releases.models.languages import local_name

LEAN_DEFERRED = ("body", "body_html", "summary", "search_document")
# Stand-ins no real value can equal.
STAND_INS = {
    "slug": "\ue000slug\ue000",
    "now": datetime(1111, 1, 1, 1, 1, 1, 111111, tzinfo=timezone.utc),
    "moment": datetime(1222, 2, 2, 2, 2, 2, 222222, tzinfo=timezone.utc),
    "pk": -777_777_777_777,
    "related": [-777_777_777_776, -777_777_777_775],
    "root": -777_777_777_774,
    "language": "\ue000language\ue000",
}


RELATED_SHOWN = 5


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Translation:
    """A public translation of the release (or its original): for the switcher and hreflang."""

    language: str
    title: str
    url: str
    original: bool = False  # the release the others translate

    @property
    def name(self):
        return local_name(self.language)


def lean():
    """Releases as the page needs them: without body or search document."""
    return Release.objects.defer(*LEAN_DEFERRED)


def _permalink_queryset(slug, now):
    # The site settings' stamp comes with the release (releases.reading.site): no query of its own.
    site_stamp = Subquery(SiteSettings.objects.filter(pk=1).values("stamp")[:1])
    return lean().at_permalink(now=now).filter(slug=slug).annotate(site_stamp=site_stamp).order_by()[:1]


def _neighbours_queryset(moment, pk, now, related, root, language):
    public = Release.objects.public(now=now)
    # The related releases' candidates (releases.reading.related, cached with the page's parts) that are public now.
    candidates = (
        public.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [related]))
        .exclude(Q(pk=root) | Q(translation_of=root))  # its own translations are not "related"
        .order_by()
    )
    related_now = candidates.annotate(side=Value("related")).values_list("side", "title", "slug", "pk", "language")
    # Its translation family (the original and its translations) that is public now; previous
    # and next stay in the release's own language. Each row names its language (for its address).
    family = (
        public.filter(Q(pk=root) | Q(translation_of=root))
        .exclude(pk=pk)
        .order_by()
        .annotate(side=Value("translation"))
        .values_list("side", "title", "slug", "pk", "language")
    )
    same_language = public.filter(language=language)
    previous = _neighbour(same_language, moment, pk, "previous")
    following = _neighbour(same_language, moment, pk, "next")
    return previous.union(following, related_now, family, all=True)


def _neighbour(public, moment, pk, side):
    """The public release just before (or after) this one: (side, title, slug, pk)."""
    # A range on first_published_at (not an OR) lets the index start at this release.
    towards, away, order = ("lte", "gte", "-") if side == "previous" else ("gte", "lte", "")
    return (
        public.filter(**{f"first_published_at__{towards}": moment})
        .exclude(first_published_at=moment, **{f"pk__{away}": pk})
        .order_by(f"{order}first_published_at", f"{order}pk")
        .annotate(side=Value(side))
        .values_list("side", "title", "slug", "pk", "language")[:1]
    )


def _stand_in_name(param, names):
    """The name of the stand-in this SQL parameter is, or None for a constant."""
    return next((n for n in names if type(param) is type(STAND_INS[n]) and param == STAND_INS[n]), None)


@functools.cache
def _compiled(build):
    """(sql, [(stand-in name or None, value), ...]) for the queryset `build` makes."""
    names = build.__code__.co_varnames[: build.__code__.co_argcount]
    sql, params = build(**{name: STAND_INS[name] for name in names}).query.sql_with_params()
    slots = [
        (next((n for n in names if type(p) is type(STAND_INS[n]) and p == STAND_INS[n]), None), p) for p in params
    ]
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


def neighbours(release, related=()):
    """(previous, next, related, translations): the public releases in its language just before
    and after this one, as Links or None; those of the `related` candidates (ids, best first) that
    are public now, as Links; its public translations (and original), as Translations. One query."""
    if release.first_published_at is None:
        return None, None, [], []
    sql, params = _params(
        _neighbours_queryset,
        moment=release.first_published_at,
        pk=release.pk,
        now=django_timezone.now(),
        related=[int(pk) for pk in related],
        root=release.family_root_id,
        language=release.language,
    )
    found, related_found, translations = {}, {}, []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for side, title, slug, pk, language in cursor.fetchall():
            url = Release(slug=slug, language=language).get_absolute_url()  # in its own language
            if side == "translation":
                translations.append(Translation(language, title, url, original=pk == release.family_root_id))
                continue
            link = Link(title, url)
            if side == "related":
                related_found[pk] = link
            else:
                found[side] = link
    shown = [related_found[pk] for pk in related if pk in related_found][:RELATED_SHOWN]
    order = languages.interface_codes()
    translations.sort(key=lambda t: (order.index(t.language) if t.language in order else len(order), t.language))
    return found.get("previous"), found.get("next"), shown, translations


def moved_slug(slug):
    """The current slug of a release whose old slug this is (its permalink answers 301), or None."""
    target = permalinks.slug_redirect_target(slug)
    if not target:
        return None
    try:
        match = resolve(target)
    except Resolver404:
        return None
    return match.kwargs.get("slug") if match.url_name == "release_detail" else None
