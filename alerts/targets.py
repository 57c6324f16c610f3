"""What a subscription can follow: only what the public can see, found as the public pages find it."""

import re

from releases.reading import queries
from releases.search.query import Query, has_terms

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")


def public_targets(kind):
    """The queryset of things of `kind` a visitor can follow (topics, organizations, people with public releases)."""
    return {
        "topic": queries.topics_with_public_releases,
        "organization": queries.organizations_in_public_releases,
        "person": queries.people_with_public_quotes,
    }[kind]()


def by_slug(kind, slug):
    if not SLUG.match(slug or ""):
        return None
    return public_targets(kind).filter(slug=slug).first()


def by_pk(kind, pk):
    if not isinstance(pk, int):
        return None
    return public_targets(kind).filter(pk=pk).first()


def saved_search(raw):
    """(query as shown, text matched) for a search worth saving, or None (nothing to search for)."""
    query = Query.parse(raw or "")
    if not has_terms(query):
        return None
    return query.text, query.tsquery_text
