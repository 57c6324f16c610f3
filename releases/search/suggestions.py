"""Did you mean: unknown words replaced by the archive's closest words (releases_searchterm)."""

import logging
import re

from django.db import DatabaseError, connection, transaction

from releases.search import documents

logger = logging.getLogger(__name__)


def suggest(query, language=None):
    """The query with each unknown word replaced by the archive's closest word in `language`
    (its vocabulary: words of public releases in that language; None: every language), or ''."""
    words = query.words()
    if not words:
        return ""
    try:
        with transaction.atomic():
            documents.catch_up_search_terms()
    except DatabaseError as error:  # e.g. a read-only database: suggestions from the words already known
        logger.warning("Search vocabulary not caught up: %s", error)
    sql = """
        SELECT w.word, (SELECT t.word FROM releases_searchterm t
                        WHERE t.word %% w.word AND (%(language)s::text IS NULL OR t.language = %(language)s)
                        ORDER BY similarity(t.word, w.word) DESC, t.ndoc DESC, t.word LIMIT 1)
        FROM unnest(%(words)s::text[]) AS w(word)
        WHERE NOT EXISTS (SELECT 1 FROM releases_searchterm t
                          WHERE t.word = w.word AND (%(language)s::text IS NULL OR t.language = %(language)s))
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {"words": words, "language": documents.terms_language(language) if language else None})
        replacements = {word: better for word, better in cursor.fetchall() if better and better != word}
    if not replacements:
        return ""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in replacements) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda m: replacements[m.group(0).lower()], query.text)
