"""The read-only JSON API at /api/v1/ (django-ninja): releases, organizations, people, topics
and search, described by the OpenAPI document at /api/v1/openapi.json.

Only what the pages show, through api.queries (the one visibility rule). Answers are plain
GETs: the page cache stores them like pages (ETag, 304, invalidated by the same content
version) and api.middleware opens them to other origins. Each path answers its documented
statuses only: 200, 400 (a bad cursor), 404, 410 (withdrawn), 422 (a malformed parameter),
429 (the rate limit, with Retry-After).
"""

import re
from datetime import date, datetime
from typing import Annotated, Literal
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404
from ninja import NinjaAPI, Query, Status
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from pydantic import BeforeValidator, Field

from api import cursor, queries, representation, schemas
from api.throttle import ClientRateThrottle
from pagecache.fingerprint import code_fingerprint
from pagecache.surrogate import tag
from releases.reading import release_lookup, release_parts, surrogate_keys
from releases.reading import site as site_settings
from releases.reading.filters import ReleaseFilters
from releases.reading.metadata import absolute_url
from releases.search import matching
from releases.search.query import MAX_QUERY_LENGTH
from releases.search.query import Query as SearchQuery

DEFAULT_LIMIT, MAX_LIMIT = 20, 100
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?")


def _iso_only(value):
    """An ISO 8601 date or time, as written; pydantic alone would also take 0.5 as a Unix time."""
    if isinstance(value, str) and not ISO_MOMENT.fullmatch(value):
        raise ValueError("Expected an ISO 8601 date or time, e.g. 2024-05-01 or 2024-05-01T09:00:00Z.")
    return value


# A date, or a date and time (without a zone: the newsroom's).
Moment = Annotated[datetime | date, BeforeValidator(_iso_only)]
Slug = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[-a-zA-Z0-9_]+$")]
Language = Annotated[str, Field(min_length=2, max_length=20, pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
ERRORS = {400: schemas.Error, 404: schemas.Error, 422: schemas.ValidationErrors, 429: schemas.Error}

api = NinjaAPI(
    title="Pressroom API",
    version="1",
    description=(
        "Read-only access to every public press release, its quotes, signatories, resources, contacts and "
        "change notes, and to the directory of organizations, people and topics. No key needed; "
        "responses carry ETags (send If-None-Match for a 304) and are open to every origin. "
        "The whole archive is one download: /export/releases.jsonl.gz (see /data/)."
    ),
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": True}),
    docs_url="/docs/",
    openapi_url="/openapi.json",
    throttle=[ClientRateThrottle()],
)


def _errors(*codes):
    return {code: ERRORS[code] for code in codes}


def _next_url(request, **params):
    kept = {k: v for k, v in request.GET.items() if k not in params}
    return absolute_url(request.path + "?" + urlencode({**kept, **params}))


@api.get(
    "/releases",
    response={200: schemas.ReleasePage, **_errors(400, 422, 429)},
    url_name="releases",
    operation_id="list_releases",
    summary="Public releases, newest first",
    tags=["releases"],
)
def release_list(
    request,
    cursor_token: str | None = Query(None, alias="cursor", max_length=200),  # noqa: B008 -- ninja's marker
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    organization: Slug | None = None,
    person: Slug | None = None,
    topic: Slug | None = None,
    language: Language | None = None,
    published_after: Moment | None = None,
    published_before: Moment | None = None,
    updated_since: Moment | None = None,
):
    """Page through every public release with `cursor` (from `next_cursor`; `next` is the whole
    address of the next page). Filters: `organization` (issued or signed it), `person` (quoted in
    it), `topic` (slugs), `language` (the language a release is written in, a BCP 47 code
    such as `en` or `es`), `published_after` / `published_before` (first published) and
    `updated_since` (the release itself was saved since, by any edit; a renamed organization it
    names does not count: to copy the archive, use /export/releases.jsonl.gz), all ISO 8601 dates
    or times (without a zone, the newsroom's)."""
    tag(request, surrogate_keys.LIST)
    found = queries.releases(
        organization=organization,
        person=person,
        topic=topic,
        language=language,
        published_after=published_after,
        published_before=published_before,
        updated_since=updated_since,
    )
    if cursor_token:
        try:
            found = cursor.after(found, cursor_token)
        except cursor.BadCursor as error:
            raise HttpError(400, str(error)) from error
    page = list(found[: limit + 1])
    more, page = len(page) > limit, page[:limit]
    token = cursor.encode(page[-1]) if more else None
    return {
        "items": [representation.release_summary(r) for r in page],
        "next_cursor": token,
        "next": _next_url(request, cursor=token) if token else None,
    }


@api.get(
    "/releases/{slug}",
    response={200: schemas.Release, 410: schemas.Withdrawn, **_errors(404, 422, 429)},
    url_name="release",
    operation_id="get_release",
    summary="One release, whole",
    tags=["releases"],
)
def release_detail(request, slug: Slug):
    """A public release with its quotes and speakers, signatories, resources, press contacts and
    change notes. A withdrawn release answers 410 with its withdrawal notice (the date and the
    reason its page shows), never its text."""
    found = release_lookup.at_permalink(slug)  # one precompiled query, the site settings' stamp with it
    if found is None:
        raise Http404("No release at this address.")
    if found.state != found.State.PUBLISHED:
        tag(request, surrogate_keys.release(found.pk))
        return Status(410, representation.withdrawn(found))
    site = site_settings.current(getattr(found, "site_stamp", site_settings.UNKNOWN))
    data, keys = _release_data(found, site)
    tag(request, *keys)
    return data


def _release_data(found, site):
    """(representation, surrogate keys) of a public release, kept under its render key as the
    page's rendered parts are (releases.reading.release_parts): a save elsewhere in the archive
    empties the page cache, not this, so the release costs one query until it changes itself."""
    key = f"api-release:{code_fingerprint()}:{site.stamp}:{found.pk}:{found.render_key}"
    kept = cache.get(key)
    if kept is None:
        loaded = representation.release_queryset().get(pk=found.pk)
        kept = (representation.release(loaded, site), surrogate_keys.release_page(loaded))
        cache.set(key, kept, release_parts.TIMEOUT)
    return kept


def _offset_page(request, found, offset, limit, shape):
    rows = list(found[offset : offset + limit + 1])
    more = len(rows) > limit
    return {
        "items": [shape(row) for row in rows[:limit]],
        "next": _next_url(request, offset=offset + limit) if more else None,
    }


Offset = Annotated[int, Field(ge=0, le=1_000_000)]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]


@api.get(
    "/organizations",
    response={200: schemas.OrganizationPage, **_errors(422, 429)},
    url_name="organizations",
    operation_id="list_organizations",
    summary="Organizations that issued, signed or are quoted in a public release",
    tags=["directory"],
)
def organization_list(request, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT):
    tag(request, surrogate_keys.LIST)
    return _offset_page(request, queries.organizations(), offset, limit, representation.organization)


@api.get(
    "/organizations/{slug}",
    response={200: schemas.Organization, **_errors(404, 422, 429)},
    url_name="organization",
    operation_id="get_organization",
    summary="One organization (its releases: /releases?organization=<slug>)",
    tags=["directory"],
)
def organization_detail(request, slug: Slug):
    found = queries.organizations().filter(slug=slug).first()
    if found is None:
        raise Http404("No organization at this address.")
    tag(request, surrogate_keys.LIST)
    return representation.organization(found)


@api.get(
    "/people",
    response={200: schemas.PersonPage, **_errors(422, 429)},
    url_name="people",
    operation_id="list_people",
    summary="People quoted in a public release",
    tags=["directory"],
)
def person_list(request, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT):
    tag(request, surrogate_keys.LIST)
    return _offset_page(request, queries.people(), offset, limit, representation.person)


@api.get(
    "/people/{slug}",
    response={200: schemas.Person, **_errors(404, 422, 429)},
    url_name="person",
    operation_id="get_person",
    summary="One person (their releases: /releases?person=<slug>)",
    tags=["directory"],
)
def person_detail(request, slug: Slug):
    found = queries.people().filter(slug=slug).first()
    if found is None:
        raise Http404("No person at this address.")
    tag(request, surrogate_keys.LIST)
    return representation.person(found)


@api.get(
    "/topics",
    response={200: schemas.TopicList, **_errors(429)},
    url_name="topics",
    operation_id="list_topics",
    summary="Topics of public releases, with their counts",
    tags=["directory"],
)
def topic_list(request):
    tag(request, surrogate_keys.LIST)
    return {"items": [representation.topic(t, n) for t, n in queries.topics_with_counts()]}


@api.get(
    "/topics/{slug}",
    response={200: schemas.Topic, **_errors(404, 422, 429)},
    url_name="topic",
    operation_id="get_topic",
    summary="One topic (its releases: /releases?topic=<slug>)",
    tags=["directory"],
)
def topic_detail(request, slug: Slug):
    found = queries.topics().filter(slug=slug).first()
    if found is None:
        raise Http404("No topic at this address.")
    tag(request, surrogate_keys.LIST)
    return representation.topic(found)


@api.get(
    "/search",
    response={200: schemas.SearchResults, **_errors(422, 429)},
    url_name="search",
    operation_id="search_releases",
    summary="Full-text search of public releases",
    tags=["releases"],
)
def search(
    request,
    q: Annotated[str, Field(min_length=1, max_length=MAX_QUERY_LENGTH)],
    page: Annotated[int, Field(ge=1, le=10_000)] = 1,
    sort: Literal["relevance", "date"] = "relevance",
):
    """The site's search (web-search syntax: "a phrase", -word, or), 20 results a page. A broad
    search's `total` is an estimate (`estimated`); relevance orders its newest matches."""
    tag(request, surrogate_keys.LIST)
    query = SearchQuery.parse(q)
    results = matching.search(query, ReleaseFilters.from_params({}), sort=sort, page_number=page)
    found = results.page
    number = found.number if found is not None else 1
    pages = found.paginator.num_pages if found is not None else 0
    items = (
        [
            representation.release_summary(hit.release) | {"excerpt_html": str(hit.excerpt or ""), "rank": hit.rank}
            for hit in results.hits
        ]
        if number == page
        else []
    )
    return {
        "query": q,
        "total": results.total,
        "estimated": results.estimated,
        "timed_out": results.timed_out,
        "page": page,
        "pages": pages,
        "items": items,
        "next": _next_url(request, page=page + 1)
        if found is not None and found.has_next() and number == page
        else None,
        "suggestion": results.suggestion or None,
    }
