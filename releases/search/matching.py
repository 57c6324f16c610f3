"""Full-text search over public releases: parse, match, rank, highlight, suggest.

Matching uses the stored `Release.search_document` (see search_index.py) and
PostgreSQL's web-search syntax: "exact phrase", -exclude, or. A page of
results costs a fixed number of queries whatever the archive's size: facet
counts with the total (one), the ranked page (one), excerpts (one), quote
matches (one) and, when little is found, "did you mean" (one).
"""

import json
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe
from psycopg2.errors import QueryCanceled

from releases.models import Release
from releases.reading.filters import FACET_SAMPLE
from releases.search.documents import CONFIG

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
STATEMENT_TIMEOUT_MS = 4000
RANK_POOL = FACET_SAMPLE  # the facet query hands over the ids of the latest this many matches
SUGGEST_BELOW = 3  # offer "did you mean" when fewer results than this
# Past this many matches (as the planner estimates them), a search is "broad": counting
# every match would read most of the archive, so its counts cover the newest BROAD_POOL.
BROAD_MATCHES = 5000
BROAD_POOL = 500
PHRASE_WINDOW = 2000  # a broad phrase is looked for among this many newest releases
START, STOP = "\ue000", "\ue001"  # private-use sentinels: escaped text never contains them
HEADLINE_OPTIONS = (
    f'StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=18, MaxFragments=2, FragmentDelimiter=" … "'
)
# Section numbers such as 287(g) or 501(c)(3): the parser splits them into
# words; searching them as a phrase finds exactly those words in that order.
SECTION = re.compile(r"\b(\d+)((?:\([A-Za-z0-9]{1,3}\))+)")
MARKED_SECTION = re.compile(r"<mark>(\d+)</mark>\(<mark>(\w{1,3})</mark>\)")
WORD = re.compile(r"[^\W\d_]{3,}")
OPERATORS = {"or", "and", "not"}


def _section_words(match):
    return " ".join([match.group(1), *re.findall(r"\w+", match.group(2))])


@dataclass
class Query:
    raw: str
    text: str  # what is shown and searched: cleaned and capped
    truncated: bool = False
    has_phrase: bool = False  # set by has_terms()

    @classmethod
    def parse(cls, raw):
        text = "".join(
            " " if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") or c == "\ufffd" else c for c in raw or ""
        )
        text = " ".join(text.split())
        truncated = len(text) > MAX_QUERY_LENGTH
        if truncated:
            text = (
                text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
                if " " in text[:MAX_QUERY_LENGTH]
                else text[:MAX_QUERY_LENGTH]
            )
        return cls(raw=raw or "", text=text, truncated=truncated)

    @property
    def tsquery_text(self):
        """The text given to websearch_to_tsquery, with section numbers as phrases."""
        inside_quotes = self.text.count('"') % 2  # an unclosed quote: websearch syntax forgives it
        text = self.text + ('"' if inside_quotes else "")
        parts = text.split('"')
        for i in range(0, len(parts), 2):  # outside quotes only; inside, "287 g" already reads as a phrase
            parts[i] = SECTION.sub(
                lambda m: '"' + m.group(1) + " " + " ".join(re.findall(r"\w+", m.group(2))) + '"', parts[i]
            )
        for i in range(1, len(parts), 2):
            parts[i] = SECTION.sub(lambda m: m.group(1) + " " + " ".join(re.findall(r"\w+", m.group(2))), parts[i])
        return '"'.join(parts)

    def search_query(self):
        return SearchQuery(self.tsquery_text, config=CONFIG, search_type="websearch")

    def words(self):
        """Plain words worth checking for spelling (not operators or exclusions)."""
        words = []
        for token in self.text.replace('"', " ").split():
            if token.startswith("-"):
                continue
            words += [w.lower() for w in WORD.findall(token) if w.lower() not in OPERATORS]
        return list(dict.fromkeys(words))


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


def has_terms(query):
    """Whether the query has any word to search for (not only stop words or punctuation).
    Notes on the query whether it holds a phrase (words that must stand in order)."""
    if not query.text:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(q), querytree(q) ~ '<[0-9-]+>' FROM websearch_to_tsquery(%s::regconfig, %s) q",
            [CONFIG, query.tsquery_text],
        )
        nodes, query.has_phrase = cursor.fetchone()
        return nodes > 0


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
        results.facets = filters.facets(Release.objects.filter(pk__in=newest))
        results.facets.sampled = BROAD_POOL
        # Years: every year of the archive, so that older matches can be reached.
        others = [facet for facet in results.facets if facet.name != "year"]
        results.facets[:] = [filters.every_year(), *others]
        results.total = about(max(estimate, BROAD_POOL))
        results.estimated = True
        results.ranked_pool = BROAD_POOL
    else:
        results.facets = filters.facets(matched)
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
        _add_excerpts(results.hits, query)
        _add_quote_matches(results.hits, query)


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


def highlight(text):
    """Escape everything, then turn the sentinels into <mark> tags."""
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    html = MARKED_SECTION.sub(r"<mark>\1(\2)</mark>", html)  # one mark for 287(g), not two
    return mark_safe(html)  # noqa: S308 -- escaped above


# Body Markdown, read as plain text: quote markers, emphasis and link targets removed.
_PLAIN = (
    "regexp_replace(translate({}, '" + START + STOP + r"', ''), '\[\[quote \d+\]\]|\]\([^)]*\)|[*_#>`\[]+', ' ', 'g')"
)


def _add_excerpts(hits, query):
    sql = f"""
        SELECT r.id, ts_headline(%s::regconfig, {_PLAIN.format("r.summary || ' ' || r.body")},
                                 websearch_to_tsquery(%s::regconfig, %s), %s)
        FROM releases_release r WHERE r.id = ANY(%s)
    """  # noqa: S608 -- constant SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [CONFIG, CONFIG, query.tsquery_text, HEADLINE_OPTIONS, [h.release.pk for h in hits]])
        excerpts = dict(cursor.fetchall())
    for hit in hits:
        hit.excerpt = highlight(excerpts.get(hit.release.pk, ""))


def _add_quote_matches(hits, query):
    """For each hit, the first of its quotes that matches the query by itself, if any."""
    sql = f"""
        SELECT DISTINCT ON (q.release_id) q.release_id, coalesce(p.name, q.attribution),
               ts_headline(%s::regconfig, {_PLAIN.format("q.text")}, t.query, %s)
        FROM releases_quote q
        LEFT JOIN releases_person p ON p.id = q.speaker_id
        CROSS JOIN websearch_to_tsquery(%s::regconfig, %s) AS t(query)
        WHERE q.release_id = ANY(%s)
          AND to_tsvector(%s::regconfig, q.text || ' ' || coalesce(p.name, '') || ' ' || q.attribution) @@ t.query
        ORDER BY q.release_id, q.position, q.id
    """  # noqa: S608 -- constant SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [CONFIG, HEADLINE_OPTIONS, CONFIG, query.tsquery_text, [h.release.pk for h in hits], CONFIG]
        )
        matches = {release_id: (source, excerpt) for release_id, source, excerpt in cursor.fetchall()}
    for hit in hits:
        if hit.release.pk in matches:
            source, excerpt = matches[hit.release.pk]
            hit.quote_source = source
            hit.quote_excerpt = highlight(excerpt)


def suggest(query):
    """The query with each unknown word replaced by the archive's closest word, or ''."""
    words = query.words()
    if not words:
        return ""
    sql = """
        SELECT w.word, (SELECT t.word FROM releases_searchterm t
                        WHERE t.word %% w.word
                        ORDER BY similarity(t.word, w.word) DESC, t.ndoc DESC, t.word LIMIT 1)
        FROM unnest(%s::text[]) AS w(word)
        WHERE NOT EXISTS (SELECT 1 FROM releases_searchterm t WHERE t.word = w.word)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [words])
        replacements = {word: better for word, better in cursor.fetchall() if better and better != word}
    if not replacements:
        return ""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in replacements) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda m: replacements[m.group(0).lower()], query.text)
