"""A release, an organization, a person and a topic as plain data: the ONE shape the JSON API
(api.endpoints) answers and the archive export (api.export) writes, a line per release.

Every function takes objects already chosen by the visibility rule (Release.objects.public()
and friends, through api.queries) and loaded with `release_queryset()` (no further query);
none decides what the public may see.
"""

import functools

from django.db.models import Prefetch
from django.urls import reverse

from releases.models import Licence, Quote, Release, ReleaseContact, Signatory
from releases.models.licences import LICENCE_TERMS
from releases.reading import press_kit
from releases.reading.metadata import absolute_url


def release_queryset():
    """Releases with everything their representation prints, in a fixed number of queries."""
    return Release.objects.select_related("issuer__press_office__organization").prefetch_related(
        Prefetch("release_contacts", queryset=ReleaseContact.objects.select_related("contact__organization")),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker", "speaker_organization")),
        # Signatories name organizations by slug and name only (a release may have hundreds).
        Prefetch(
            "signatories",
            queryset=Signatory.objects.select_related("organization").only(
                "release_id", "position", "organization__slug", "organization__name"
            ),
        ),
        "resources",
        "topics",
        "change_notes",
        "assets",
    )


PLACEHOLDER = "x-slug-placeholder-x"


@functools.cache
def _path_pattern(name):
    """The path of a URL named `name` with a slug, reversed once: {slug} stands in for it.
    An archive of 100,000 releases names millions of organizations; reversing each one was
    a third of the export's time."""
    return reverse(name, kwargs={"slug": PLACEHOLDER}).replace(PLACEHOLDER, "{slug}")


def _url(name, slug):
    return absolute_url(_path_pattern(name).format(slug=slug))


def _iso(moment):
    return moment.isoformat() if moment else None


def api_url(name, slug):
    return _url(f"api-v1:{name}", slug)


def organization_ref(org):
    if org is None:
        return None
    return {"slug": org.slug, "name": org.name, "url": _url("releases:organization_detail", org.slug)}


def person_ref(person):
    if person is None:
        return None
    return {"slug": person.slug, "name": person.name, "url": _url("releases:person_detail", person.slug)}


def topic_ref(topic):
    return {"slug": topic.slug, "name": topic.name, "url": _url("releases:topic_detail", topic.slug)}


def asset(found):
    """A press-kit file, with its own licence (it may differ from the text's)."""
    return {
        "kind": found.kind,
        "caption": found.caption,
        "credit": found.credit,
        "file_name": found.download_name,
        "size": found.size,
        "width": found.width,
        "height": found.height,
        "url": absolute_url(press_kit.file_url(found)),
        "licence": {
            "id": found.licence,
            "name": found.licence_long,
            "url": found.terms_url or None,
            "terms": found.licence_terms or None,
        },
    }


def licence(site):
    """The licence the site's text is offered under (the site settings' default licence)."""
    code = site.default_licence
    return {
        "id": code,
        "name": str(Licence(code).label),  # a lazy translation: the text, in the active language
        "url": site.default_licence_url or LICENCE_TERMS.get(code, "") or None,
        "terms": site.default_licence_terms or None,
    }


def release_summary(release):
    """What a list of releases gives for each (a release card's facts and its addresses)."""
    return {
        "id": release.pk,
        "slug": release.slug,
        "title": release.title,
        "subtitle": release.subtitle,
        "dateline": release.dateline,
        "lead": release.lead,
        "language": release.language,
        "issuer": organization_ref(release.issuer),
        "published_at": _iso(release.first_published_at or release.publish_at),
        "updated_at": _iso(release.updated_at),
        "url": _url("releases:release_detail", release.slug),
        "api_url": api_url("release", release.slug),
    }


def contact(person):
    return {
        "name": person.name,
        "role": person.role,
        "organization": organization_ref(person.organization),
        "email": person.email,
        "phone": person.phone,
        "languages": list(person.languages),
        "hours": person.hours,
        "details": person.details,
    }


def quote(number, found):
    return {
        "number": number,
        "text": found.text,
        "speaker": person_ref(found.speaker),
        "attribution": found.attribution,
        "speaker_title": found.speaker_title,
        "speaker_organization": organization_ref(found.speaker_organization),
        "url": _url("releases:release_detail", found.release.slug) + f"#quote-{number}",
    }


def release(loaded, site):
    """The whole public release (loaded with release_queryset()), with the site settings `site`
    (their press office stands in when the release and its issuer name no contact)."""
    data = release_summary(loaded)
    image = None
    if loaded.featured_image:
        image = {
            "url": absolute_url(loaded.featured_image.url),
            "alt": loaded.featured_image_alt,
            "credit": loaded.featured_image_credit,
        }
    quotes = list(loaded.quotes.all())
    for found in quotes:
        found.release = loaded  # its URL, without a query
    data.update(
        {
            "issuer": organization(loaded.issuer),  # whole: its page prints its About
            "summary": loaded.summary,
            "body": loaded.body,
            "body_html": loaded.body_html,
            "topics": [topic_ref(t) for t in loaded.topics.all()],
            "quotes": [quote(number, found) for number, found in enumerate(quotes, start=1)],
            "signatories": [organization_ref(s.organization) for s in loaded.signatories.all()],
            "unnamed_signatory_count": loaded.unnamed_signatory_count,
            "resources": [
                {"kind": r.kind, "title": r.title, "url": absolute_url(r.href) or None} for r in loaded.resources.all()
            ],
            "contacts": [contact(c) for c in loaded.contacts_shown(site.press_office)],
            "change_notes": [{"date": _iso(n.created_at), "note": n.note} for n in loaded.change_notes.all()],
            "featured_image": image,
            "source_url": loaded.source_url or None,
            "archive_note": loaded.archive_note,
            "licence": licence(site),
            "assets": [asset(a) for a in loaded.assets.all()],
        }
    )
    return data


def withdrawn(release):
    """A withdrawn release's notice: what its page says above the text (never the text itself)."""
    return {
        "slug": release.slug,
        "title": release.title,
        "withdrawn_at": _iso(release.withdrawn_at),
        "withdrawal_reason": release.withdrawal_reason,
        "url": _url("releases:release_detail", release.slug),
    }


def organization(org):
    data = organization_ref(org)
    data.update(
        {
            "website": org.website or None,
            "about": org.about,
            "location": org.location,
            "abbreviations": list(org.abbreviations),
            "api_url": api_url("organization", org.slug),
        }
    )
    return data


def person(found):
    data = person_ref(found)
    data.update(
        {
            "title": found.title,
            "organization": organization_ref(found.organization),
            "api_url": api_url("person", found.slug),
        }
    )
    return data


def topic(found, count=None):
    data = topic_ref(found)
    data.update({"description": found.description, "api_url": api_url("topic", found.slug)})
    if count is not None:
        data["release_count"] = count
    return data
