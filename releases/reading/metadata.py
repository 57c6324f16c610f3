"""Absolute addresses and the JSON-LD description of a release, for crawlers and link previews."""

from django.conf import settings
from django.templatetags.static import static

from releases.media import renditions

SITE_LOGO = "img/logo.png"


def absolute_url(path_or_url):
    """An absolute URL on SITE_URL; URLs that are already absolute pass through."""
    if not path_or_url or path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.SITE_URL + path_or_url


def _iso(moment):
    return moment.isoformat() if moment else None


def organization(org):
    data = {"@type": "Organization", "name": org.name, "url": absolute_url(org.get_absolute_url())}
    if org.logo:
        data["logo"] = absolute_url(renditions.logo_url(org.logo))
    return data


def contact_point(contact):
    """schema.org ContactPoint for a press contact."""
    name = ", ".join(part for part in (contact.name, contact.role) if part)
    data = {"@type": "ContactPoint", "contactType": "media relations", "name": name}
    if contact.phone:
        data["telephone"] = contact.phone
    if contact.email:
        data["email"] = contact.email
    if contact.languages:
        data["availableLanguage"] = contact.language_names
    return {key: value for key, value in data.items() if value is not None}


def site_logo_url(site=None):
    """The site's logo: its settings' (site.logo), else the one it ships (a static file)."""
    logo = getattr(site, "logo", None)
    return absolute_url(logo.url) if logo else absolute_url(static(SITE_LOGO))


def publisher(org, site=None):
    """The issuer as publisher: with its logo, or the site's (search engines want a publisher logo)."""
    data = organization(org)
    data.setdefault("logo", site_logo_url(site))
    return data


def person(speaker):
    return {"@type": "Person", "name": speaker.name, "url": absolute_url(speaker.get_absolute_url())}


def quotation(quote):
    """schema.org Quotation: the words, and their creator as printed in the release (a Person with
    the title and organization of that day; words with no one speaker: their organization, if any,
    and the attribution as description)."""
    if quote.speaker_id:
        creator = person(quote.speaker)
        if quote.speaker_title:
            creator["jobTitle"] = quote.speaker_title
        if quote.speaker_organization_id:
            creator["affiliation"] = organization(quote.speaker_organization)
    elif quote.speaker_organization_id:
        creator = organization(quote.speaker_organization)
    else:
        creator = None  # words with no one speaker ("the coalition's letter"): named, not typed
    data = {"@type": "Quotation", "text": quote.text}
    if creator:
        data["creator"] = creator
    if quote.attribution:
        data["description"] = quote.attribution
    if getattr(quote, "permalink", None):
        data["url"] = quote.permalink
    return data


def correction(note, changes_url=None):
    """schema.org CorrectionComment for a public change note."""
    data = {"@type": "CorrectionComment", "text": note.note, "datePublished": _iso(note.created_at)}
    if changes_url:
        data["url"] = absolute_url(changes_url)
    return data


def news_article(release, image_url, contacts=(), site=None, images=(), quotes=(), change_notes=(), changes_url=None):
    """schema.org NewsArticle: headline, dates, publisher = the issuer (with its press contacts and a
    logo, the site's when the issuer has none), image (and `images`: the press kit's ImageObjects,
    with their licence and credit: releases.reading.press_kit.image_objects); its quotes as
    Quotations (hasPart) and its public change notes as CorrectionComments (correction)."""
    published = release.display_date
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title,
        "inLanguage": release.language,
        "description": release.lead,
        "url": absolute_url(release.get_absolute_url()),
        "mainEntityOfPage": absolute_url(release.get_absolute_url()),
        "datePublished": _iso(published),
        "dateModified": _iso(release.updated_at or published),
        "image": [image_url, *images],
        "author": organization(release.issuer),
        "publisher": publisher(release.issuer, site),
    }
    if contacts:
        data["publisher"]["contactPoint"] = [contact_point(contact) for contact in contacts]
    if site is not None:
        data["isPartOf"] = {"@type": "WebSite", "name": site.name, "url": absolute_url("/")}
    if release.dateline:
        data["dateline"] = release.dateline
    if quotes:
        data["hasPart"] = [quotation(quote) for quote in quotes]
    if change_notes:
        data["correction"] = [correction(note, changes_url) for note in change_notes]
    return {key: value for key, value in data.items() if value is not None}


def with_translations(article, release, translations):
    """The release's NewsArticle with its public translations: `workTranslation` on the
    original, `translationOfWork` on a translation (its original, when public)."""
    if not translations:
        return article
    article = dict(article)

    def work(item):
        url = absolute_url(item.url)
        return {"@type": "NewsArticle", "@id": url, "url": url, "headline": item.title, "inLanguage": item.language}

    if release.translation_of_id:
        original = [work(item) for item in translations if item.original]
        if original:
            article["translationOfWork"] = original[0]
    else:
        article["workTranslation"] = [work(item) for item in translations]
    return article
