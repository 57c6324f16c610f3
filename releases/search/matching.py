"""Full-text search over public releases: match, count, rank, and one page of results.

The query is parsed in query.py, excerpts highlighted in excerpts.py and "did
you mean" offered by suggestions.py. Matching uses the stored
`Release.search_document` (see documents.py) and PostgreSQL's web-search
syntax: "exact phrase", -exclude, or. A page of results costs a fixed number
of queries whatever the archive's size: facet counts with the total (one), the
ranked page (one), excerpts (one), quote matches (one) and, when little is
found, "did you mean" (one).
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.core.paginator import Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import F
from psycopg2.errors import QueryCanceled

from releases.models import Release
from releases.reading import facets
from releases.reading.facets import FACET_SAMPLE
from releases.search.documents import CONFIG
from releases.search.excerpts import add_excerpts, add_quote_matches
from releases.search.query import Query, has_terms
from releases.search.suggestions import suggest

PER_PAGE = 20
STATEMENT_TIMEOUT_MS = 4000
RANK_POOL = FACET_SAMPLE  # the facet query hands over the ids of the latest this many matches
SUGGEST_BELOW = 3  # offer "did you mean" when fewer results than this
# Past this many matches (as the planner estimates them), a search is "broad": counting
# every match would read most of the archive, so its counts cover the newest BROAD_POOL.
BROAD_MATCHES = 5000
BROAD_POOL = 500
PHRASE_WINDOW = 2000  # a broad phrase is looked for among this many newest releases


@dataclass
class Hit:
    release: Release
    rank: float = 0.0
    excerpt: str = ""
    quote_source: str = ""
    quote_excerpt: str = ""


@dataclass
class Results:
    query: Query
    page: object = None
    hits: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    total: int = 0
    searchable: bool = True  # False when the query has no words to search for
    suggestion: str = ""
    timed_out: bool = False
    ranked_pool: int = 0  # when not 0, relevance order covers only the latest this many matches
    estimated: bool = False  # a broad search: `total` is the planner's estimate; counts cover `ranked_pool`


def about(number):
    """An estimate, rounded to two significant figures: 48,678 is about 49,000."""
    return int(round(number, 2 - len(str(int(number))))) if number >= 100 else int(number)


def estimated_matches(queryset):
    """The planner's estimate of the rows `queryset` returns (from the GIN index's statistics)."""
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


@contextmanager
def planned_for_search():
    """A transaction whose queries use the GIN index and no parallel workers.

    The planner prices `document @@ query` as cheap and, for a common word,
    scans the table, unpacking every stored document (10x slower here than the
    index). Parallel workers cost a page request more than they save when web
    workers already share the cores. A search that would hold a connection
    for seconds is stopped. The settings end with the block.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0; "
            "SET LOCAL statement_timeout = %s",
            [STATEMENT_TIMEOUT_MS],
        )
        yield
        cursor.execute("RESET enable_seqscan; RESET max_parallel_workers_per_gather; RESET statement_timeout")


def search(query, filters, *, sort="relevance", page_number=1):
    """Search public releases narrowed by `filters`; returns one page of Results."""
    results = Results(query=query)
    if not has_terms(query):
        results.searchable = False
        return results
    try:
        with planned_for_search():
            _run(results, query, filters, sort, page_number)
    except OperationalError as error:
        if not isinstance(error.__cause__, QueryCanceled):
            raise
        results.timed_out = True  # the page asks for a narrower search
        return results
    if results.total < SUGGEST_BELOW:
        results.suggestion = suggest(query)
    return results


def _run(results, query, filters, sort, page_number):
    tsquery = query.search_query()
    matched = filters.apply(Release.objects.public()).filter(search_document=tsquery)
    newest, estimate = None, estimated_matches(matched)
    if estimate > BROAD_MATCHES:
        # A word in most of the archive: walking the newest-first index, the newest
        # BROAD_POOL matches are found in about as many rows, where counting them all
        # would read most of the table.
        if query.has_phrase:
            newest = _newest_in_window(query, filters)
        else:
            newest = list(matched.newest_first().values_list("pk", flat=True)[:BROAD_POOL])
    if newest is not None and len(newest) == BROAD_POOL:
        results.facets = facets.count(filters, Release.objects.filter(pk__in=newest))
        results.facets.sampled = BROAD_POOL
        # Years: every year of the archive, so that older matches can be reached.
        others = [facet for facet in results.facets if facet.name != "year"]
        results.facets[:] = [facets.every_year(filters), *others]
        results.total = about(max(estimate, BROAD_POOL))
        results.estimated = True
        results.ranked_pool = BROAD_POOL
    else:
        results.facets = facets.count(filters, matched)
        results.total = results.facets.total

    paginator = Paginator(matched, PER_PAGE)
    latest = results.facets.latest_ids  # the newest matches, newest first (up to RANK_POOL)
    if sort == "date":
        # Known from the facet query, which saves a COUNT(*); a broad search pages through its newest matches.
        paginator.count = len(latest) if results.estimated else results.total
        results.page = paginator.get_page(page_number)
        start = (results.page.number - 1) * PER_PAGE
        if start + PER_PAGE <= len(latest) or len(latest) == results.total:
            ids = latest[start : start + PER_PAGE]
            by_pk = Release.objects.filter(pk__in=ids).cards().in_bulk()
            releases = [by_pk[pk] for pk in ids]
        else:
            releases = list(matched.newest_first().cards()[start : start + PER_PAGE])
    else:
        # Ranking reads every candidate's whole document: for a word found in
        # most of the archive, most of the table. So relevance orders the latest
        # RANK_POOL matches (all of them, usually); the page says when it is fewer.
        if results.total > RANK_POOL and not results.estimated:
            results.ranked_pool = RANK_POOL
        paginator.count = min(results.total, results.ranked_pool or RANK_POOL)
        results.page = paginator.get_page(page_number)
        start = (results.page.number - 1) * PER_PAGE
        rank = SearchRank(F("search_document"), tsquery, normalization=1)
        ranked = Release.objects.filter(pk__in=latest[:RANK_POOL]).annotate(rank=rank)
        releases = list(ranked.order_by("-rank", "-first_published_at", "-pk").cards()[start : start + PER_PAGE])
    results.page.object_list = releases
    results.hits = [Hit(release=r, rank=getattr(r, "rank", 0.0)) for r in releases]
    if results.hits:
        add_excerpts(results.hits, query)
        add_quote_matches(results.hits, query)


def _newest_in_window(query, filters):
    """The newest BROAD_POOL matches of a phrase among the newest PHRASE_WINDOW releases.

    A phrase is checked document by document, and the planner's estimate is that
    of its words anywhere: walking the index for a rare phrase of common words
    would open every document. So the walk is bounded (the window is a subquery
    with its own LIMIT, which the planner cannot see through); too few found
    there and the caller counts the phrase exactly.
    """
    window = (
        filters.apply(Release.objects.public())
        .newest_first()
        .values("pk", "first_published_at", "search_document")[:PHRASE_WINDOW]
    )
    window_sql, params = window.query.sql_with_params()
    sql = (
        f"SELECT w.pk FROM ({window_sql}) w "  # noqa: S608 -- the window is compiled by the ORM; values are parameters
        "WHERE w.search_document @@ websearch_to_tsquery(%s::regconfig, %s) "
        "ORDER BY w.first_published_at DESC, w.pk DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, CONFIG, query.tsquery_text, BROAD_POOL])
        return [pk for (pk,) in cursor.fetchall()]
