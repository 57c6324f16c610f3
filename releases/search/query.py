"""A reader's search as typed: cleaned, capped, and turned into PostgreSQL's web-search syntax."""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db import connection

from releases.search.documents import CONFIG

MAX_QUERY_LENGTH = 200
# Section numbers such as 287(g) or 501(c)(3): the parser splits them into
# words; searching them as a phrase finds exactly those words in that order.
SECTION = re.compile(r"\b(\d+)((?:\([A-Za-z0-9]{1,3}\))+)")
WORD = re.compile(r"[^\W\d_]{3,}")
OPERATORS = {"or", "and", "not"}


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

    def search_query(self, config=CONFIG):
        return SearchQuery(self.tsquery_text, config=config, search_type="websearch")

    def words(self):
        """Plain words worth checking for spelling (not operators or exclusions)."""
        words = []
        for token in self.text.replace('"', " ").split():
            if token.startswith("-"):
                continue
            words += [w.lower() for w in WORD.findall(token) if w.lower() not in OPERATORS]
        return list(dict.fromkeys(words))


def has_terms(query, config=CONFIG):
    """Whether the query has any word to search for (not only stop words or punctuation) in the
    text search configuration `config`. Notes on the query whether it holds a phrase."""
    if not query.text:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(q), querytree(q) ~ '<[0-9-]+>' FROM websearch_to_tsquery(%s::regconfig, %s) q",
            [config, query.tsquery_text],
        )
        nodes, query.has_phrase = cursor.fetchone()
        return nodes > 0
