"""Surrogate keys: which public pages show what, so that a change purges exactly those pages
from a shared cache (Varnish, a CDN; see pagecache.surrogate and pagecache.purgers).

- A release page names the release, its issuer and signatory organizations, the people and
  organizations quoted, its topics (`release_page`), and NEIGHBOURS: it links to the releases
  before and after it and to related ones, which any release's change can alter, so every
  release change purges every release page (as it moves the page cache's content version).
- Every page listing releases or the directory (home, archives, search, feeds, sitemaps,
  organization, person and topic pages) names LIST: any change to a release or to a
  directory entry purges them all, as a change can move or rename an entry on any of them.
- A change names what it touches (`changed`, registered with the page cache).
"""

from pagecache.surrogate import ALL

LIST = "list"
NEIGHBOURS = "neighbours"


def release(pk):
    return f"release-{pk}"


def organization(pk):
    return f"org-{pk}"


def person(pk):
    return f"person-{pk}"


def topic(pk):
    return f"topic-{pk}"


def release_page(loaded):
    """The keys of a release page, from a release loaded with everything its page prints
    (release_parts.release_page_queryset(): no further query)."""
    keys = {release(loaded.pk), organization(loaded.issuer_id), NEIGHBOURS}
    keys |= {organization(s.organization_id) for s in loaded.signatories.all()}
    keys |= {topic(t.pk) for t in loaded.topics.all()}
    for quote in loaded.quotes.all():
        if quote.speaker_id:
            keys.add(person(quote.speaker_id))
        if quote.speaker_organization_id:
            keys.add(organization(quote.speaker_organization_id))
    return sorted(keys)


def changed(instance):
    """The keys a save or delete of `instance` (any model this app registered) touches."""
    from django.contrib.redirects.models import Redirect

    from releases.models import (
        Asset,
        ChangeNote,
        Organization,
        Person,
        PreviewLink,
        PublishedVersion,
        Quote,
        RelatedResource,
        Release,
        Signatory,
        Topic,
    )

    if isinstance(instance, Release):
        return {release(instance.pk), LIST, NEIGHBOURS}
    if isinstance(instance, Organization):
        return {organization(instance.pk), LIST}
    if isinstance(instance, Person):
        return {person(instance.pk), LIST}
    if isinstance(instance, Topic):
        return {topic(instance.pk), LIST}
    if isinstance(instance, Signatory):
        return {release(instance.release_id), organization(instance.organization_id), LIST}
    if isinstance(instance, Quote):
        return {release(instance.release_id), LIST}
    if isinstance(instance, (RelatedResource, ChangeNote, PublishedVersion)):
        return {release(instance.release_id)}
    if isinstance(instance, Asset):  # a release's page and downloads; an organization's page is a LIST page
        if instance.release_id:
            return {release(instance.release_id)}
        return {organization(instance.organization_id), LIST}
    if isinstance(instance, (PreviewLink, Redirect)):
        return set()  # previews are never stored; a redirect answers what was a 404, never stored either
    # Contacts, site settings, anything added later and not named here: purge everything rather
    # than miss a page that shows it.
    return {ALL}
