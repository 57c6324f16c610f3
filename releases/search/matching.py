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
from django.db.models import F, Q
from django.db.models.functions import Greatest
from psycopg2.errors import QueryCanceled

from pagecache.content_version import cached_per_version
from releases.models import Release
from releases.models.languages import search_config, search_config_condition, search_config_sql
from releases.reading import facets
from releases.reading.facets import FACET_SAMPLE
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


@dataclass
class Scope:
    """Which releases a search reads and how: those shown in one interface language
    (Release.objects.in_language), or every language (`language` None); and the text search
    configurations their documents were built with, each matched with the query read in it."""

    language: str | None
    configs: list

    @classmethod
    def of(cls, language, default_language="en"):
        def configs_in_use():
            public = Release.objects.public()
            if language:
                public = public.in_language(language)
            codes = public.order_by().values_list("language", flat=True).distinct()
            return sorted({search_config(code) for code in codes}) or [search_config(language or default_language)]

        configs = cached_per_version(f"search-configs:{language or '*'}", configs_in_use, 3600)
        return cls(language, configs)

    def releases(self):
        public = Release.objects.public()
        return public.in_language(self.language) if self.language else public

    def condition(self, query):
        """The documents matching the query, each read in its own language's configuration."""
        if len(self.configs) == 1:
            return Q(search_document=query.search_query(self.configs[0]))
        condition = Q()
        for config in self.configs:
            condition |= search_config_condition(config) & Q(search_document=query.search_query(config))
        return condition

    def rank(self, query):
        ranks = [SearchRank(F("search_document"), query.search_query(c), normalization=1) for c in self.configs]
        return ranks[0] if len(ranks) == 1 else Greatest(*ranks)


def search(query, filters, *, sort="relevance", page_number=1, language=None, interface_language="en"):
    """Search public releases narrowed by `filters` among those in `language` (the reader's; None:
    every language); returns one page of Results. The query is read in each matched release's
    language (its stemming); whether it has words at all, in `interface_language`'s."""
    results = Results(query=query)
    scope = Scope.of(language, interface_language)
    if not has_terms(query, search_config(interface_language)):
        results.searchable = False
        return results
    try:
        with planned_for_search():
            _run(results, query, filters, sort, page_number, scope)
    except OperationalError as error:
        if not isinstance(error.__cause__, QueryCanceled):
            raise
        results.timed_out = True  # the page asks for a narrower search
        return results
    if results.total < SUGGEST_BELOW:
        results.suggestion = suggest(query, language)
    return results


def _run(results, query, filters, sort, page_number, scope):
    matched = filters.apply(scope.releases()).filter(scope.condition(query))
    newest, estimate = None, estimated_matches(matched)
    if estimate > BROAD_MATCHES:
        # A word in most of the archive: walking the newest-first index, the newest
        # BROAD_POOL matches are found in about as many rows, where counting them all
        # would read most of the table.
        if query.has_phrase:
            newest = _newest_in_window(query, filters, scope)
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
        rank = scope.rank(query)
        ranked = Release.objects.filter(pk__in=latest[:RANK_POOL]).annotate(rank=rank)
        releases = list(ranked.order_by("-rank", "-first_published_at", "-pk").cards()[start : start + PER_PAGE])
    results.page.object_list = releases
    results.hits = [Hit(release=r, rank=getattr(r, "rank", 0.0)) for r in releases]
    if results.hits:
        add_excerpts(results.hits, query)
        add_quote_matches(results.hits, query)


def _newest_in_window(query, filters, scope):
    """The newest BROAD_POOL matches of a phrase among the newest PHRASE_WINDOW releases.

    A phrase is checked document by document, and the planner's estimate is that
    of its words anywhere: walking the index for a rare phrase of common words
    would open every document. So the walk is bounded (the window is a subquery
    with its own LIMIT, which the planner cannot see through); too few found
    there and the caller counts the phrase exactly.
    """
    window = (
        filters.apply(scope.releases())
        .newest_first()
        .values("pk", "first_published_at", "search_document", "language")[:PHRASE_WINDOW]
    )
    window_sql, params = window.query.sql_with_params()
    config = search_config_sql("w.language")
    sql = (
        f"SELECT w.pk FROM ({window_sql}) w "  # noqa: S608 -- the window is compiled by the ORM; values are parameters
        f"WHERE w.search_document @@ websearch_to_tsquery({config}, %s) "
        "ORDER BY w.first_published_at DESC, w.pk DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, query.tsquery_text, BROAD_POOL])
        return [pk for (pk,) in cursor.fetchall()]
