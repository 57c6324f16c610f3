"""Highlighted excerpts of what matched: in each result's text, and in the first quote that matches."""

import re

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from releases.models.languages import search_config_sql

START, STOP = "\ue000", "\ue001"  # private-use sentinels: escaped text never contains them
HEADLINE_OPTIONS = (
    f'StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=18, MaxFragments=2, FragmentDelimiter=" … "'
)
MARKED_SECTION = re.compile(r"<mark>(\d+)</mark>\(<mark>(\w{1,3})</mark>\)")


def highlight(text):
    """Escape everything, then turn the sentinels into <mark> tags."""
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    html = MARKED_SECTION.sub(r"<mark>\1(\2)</mark>", html)  # one mark for 287(g), not two
    return mark_safe(html)  # noqa: S308 -- escaped above


# Body Markdown, read as plain text: quote markers, emphasis and link targets removed.
_PLAIN = (
    "regexp_replace(translate({}, '" + START + STOP + r"', ''), '\[\[quote \d+\]\]|\]\([^)]*\)|[*_#>`\[]+', ' ', 'g')"
)


# Each release's text is read with its own language's configuration (releases.models.languages).
CONFIG = search_config_sql("r.language")


def add_excerpts(hits, query):
    sql = f"""
        SELECT r.id, ts_headline({CONFIG}, {_PLAIN.format("r.summary || ' ' || r.body")},
                                 websearch_to_tsquery({CONFIG}, %s), %s)
        FROM releases_release r WHERE r.id = ANY(%s)
    """  # noqa: S608 -- constant SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.tsquery_text, HEADLINE_OPTIONS, [h.release.pk for h in hits]])
        excerpts = dict(cursor.fetchall())
    for hit in hits:
        hit.excerpt = highlight(excerpts.get(hit.release.pk, ""))


def add_quote_matches(hits, query):
    """For each hit, the first of its quotes that matches the query by itself, if any."""
    sql = f"""
        SELECT DISTINCT ON (q.release_id) q.release_id, coalesce(p.name, q.attribution),
               ts_headline({CONFIG}, {_PLAIN.format("q.text")}, websearch_to_tsquery({CONFIG}, %s), %s)
        FROM releases_quote q
        JOIN releases_release r ON r.id = q.release_id
        LEFT JOIN releases_person p ON p.id = q.speaker_id
        WHERE q.release_id = ANY(%s)
          AND to_tsvector({CONFIG}, q.text || ' ' || coalesce(p.name, '') || ' ' || q.attribution)
              @@ websearch_to_tsquery({CONFIG}, %s)
        ORDER BY q.release_id, q.position, q.id
    """  # noqa: S608 -- constant SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.tsquery_text, HEADLINE_OPTIONS, [h.release.pk for h in hits], query.tsquery_text])
        matches = {release_id: (source, excerpt) for release_id, source, excerpt in cursor.fetchall()}
    for hit in hits:
        if hit.release.pk in matches:
            source, excerpt = matches[hit.release.pk]
            hit.quote_source = source
            hit.quote_excerpt = highlight(excerpt)
