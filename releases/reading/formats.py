"""A release in the standard formats others read: its full body as HTML (feeds, ninjs), IPTC ninjs 2.0
and JSON Feed 1.1's pieces. Pure functions of a release loaded with release_parts.release_page_queryset()
(or the feeds' own prefetches) and the site settings; the views only serve them.

ninjs 2.0 (https://www.iptc.org/std/ninjs/): `uri` is the permalink; `pubstatus` is "usable" for a
published release and "canceled" for a withdrawn one, whose `usageterms` and description then say
"This release was withdrawn on …" with its public reason, as its page does; `embargoed` is the publish
time (readers could not see it before); `versioncreated` is "last updated" (the latest public change
note), `firstcreated` the first publication; `version` the number of the published version
(releases.versions).
"""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import strip_tags

from releases.models import Licence, Release
from releases.models.licences import LICENCE_SHORT
from releases.reading.metadata import absolute_url

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"
NINJS_CONTENT_TYPE = "application/ninjs+json"
WORDS = re.compile(r"\w+(?:['’-]\w+)*")


def language(code=None):
    """A language as a BCP 47 tag ("en-US" from "en-us"): a release's (`code`), else the archive's."""
    code = code or settings.LANGUAGE_CODE
    base, _, region = code.partition("-")
    return f"{base}-{region.upper()}" if region and len(region) == 2 else code


def numbered_quotes(release):
    quotes = list(release.quotes.all())
    for number, quote in enumerate(quotes, start=1):
        quote.number = number
    return quotes


def full_body(release, site, contacts=True):
    """The rendered body, quotes in their places (and the press contacts, as feeds print them)."""
    quotes = numbered_quotes(release)
    shown = release.contacts_shown(site.press_office) if contacts else []
    context = {"release": release, "segments": release.body_segments(quotes), "contacts": shown}
    return render_to_string("releases/feed_body.html", context)


def withdrawal_notice(release):
    """The withdrawn release's notice in the page's words: "This release was withdrawn on May 2, 2019."."""
    if not release.withdrawn_at:
        return "This release was withdrawn."
    return f"This release was withdrawn on {dateformat.format(timezone.localtime(release.withdrawn_at), 'F j, Y')}."


def usage_terms(release, site):
    """The site's licence for its material, in words; a withdrawn release says first that it was withdrawn."""
    licence = Licence(site.default_licence) if site.default_licence in Licence.values else Licence.EDITORIAL
    terms = LICENCE_SHORT.get(licence, licence.label) if licence != Licence.CUSTOM else ""
    text = ". ".join(part.strip().rstrip(".") for part in (terms, site.default_licence_terms) if part.strip())
    text = f"{text}." if text else f"Published by {release.issuer.name} for the press."
    if release.state == Release.State.WITHDRAWN:
        text = f"{withdrawal_notice(release)} {release.withdrawal_reason} {text}"
    return text


def licence_url(site):
    licence = Licence(site.default_licence) if site.default_licence in Licence.values else None
    return site.default_licence_url or (licence.terms_url if licence else "")


def _named(obj, rel):
    return {"name": obj.name, "rel": rel, "uri": absolute_url(obj.get_absolute_url())}


def ninjs(release, site, version=None):
    """The release as an IPTC ninjs 2.0 news item (a dict ready for JSON)."""
    canonical = absolute_url(release.get_absolute_url())
    withdrawn = release.state == Release.State.WITHDRAWN
    body = full_body(release, site)
    plain = strip_tags(body)
    quotes = numbered_quotes(release)
    doc = {
        "uri": canonical,
        "standard": {"name": "ninjs", "version": "2.0", "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": "press-release",
        "firstcreated": _iso(release.first_published_at),
        "versioncreated": _iso(release.updated_at or release.first_published_at),
        "embargoed": _iso(release.publish_at),
        "pubstatus": "canceled" if withdrawn else "usable",
        "copyrightholder": release.issuer.name,
        "copyrightnotice": f"© {timezone.localtime(release.display_date).year} {release.issuer.name}",
        "usageterms": usage_terms(release, site),
        "language": language(release.language),
        "title": release.title,
        "slugline": release.slug,
        "by": release.issuer.name,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": release.title}],
        "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": release.lead}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": body,
                "charcount": len(plain),
                "wordcount": len(WORDS.findall(plain)),
            }
        ],
        "genres": [{"name": "Press release", "literal": "press-release"}],
        "infosources": [
            {"name": release.issuer.name, "uri": absolute_url(release.issuer.get_absolute_url()), "literal": "issuer"}
        ],
        "renditions": [{"name": "html", "href": canonical, "contenttype": "text/html", "title": release.title}],
    }
    if version is not None:
        doc["version"] = str(version)
    if release.subtitle:
        doc["headlines"].append({"role": "subheadline", "contenttype": "text/plain", "value": release.subtitle})
    if withdrawn:
        doc["descriptions"].insert(
            0,
            {
                "role": "withdrawal",
                "contenttype": "text/plain",
                "value": f"{withdrawal_notice(release)} {release.withdrawal_reason}",
            },
        )
    if release.dateline:
        doc["located"] = release.dateline
    people, organisations = {}, {release.issuer.pk: _named(release.issuer, "issuer")}
    for quote in quotes:
        if quote.speaker_id:
            people.setdefault(quote.speaker_id, _named(quote.speaker, "quoted"))
        if quote.speaker_organization_id:
            organisations.setdefault(quote.speaker_organization_id, _named(quote.speaker_organization, "quoted"))
    for signatory in release.signatories.all():
        organisations.setdefault(signatory.organization_id, _named(signatory.organization, "signatory"))
    if people:
        doc["people"] = list(people.values())
    doc["organisations"] = list(organisations.values())
    topics = list(release.topics.all())
    if topics:
        doc["subjects"] = [_named(topic, "about") for topic in topics]
    if release.source_url:
        doc["altids"] = [{"role": "original-url", "value": release.source_url}]
    url = licence_url(site)
    if url:
        doc["rightsinfo"] = {"linkedrights": url}
    return {key: value for key, value in doc.items() if value is not None}


def ninjs_url(release):
    return reverse("releases:release_ninjs", kwargs={"slug": release.slug})


def _iso(moment):
    return moment.isoformat() if moment else None
