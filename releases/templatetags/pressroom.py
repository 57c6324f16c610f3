"""Template helpers for addresses and structured data."""

import json

from django import template
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from releases import times
from releases.models import languages
from releases.reading.metadata import absolute_url

register = template.Library()

# The same escapes as Django's json_script: the data can never close its <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def absolute(path):
    """An absolute URL on SITE_URL for a path."""
    return absolute_url(path)


@register.filter
def jsonld(data):
    """A JSON-LD data block; browsers do not run it, so the strict CSP allows it."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's absolute address; only a valid ?page= beyond the first is kept."""
    request = context["request"]
    url = absolute_url(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url += f"?page={page.number}"
    return url


@register.filter
def iso(moment):
    """A machine-readable time for <time datetime>, to the second (HTML allows at most milliseconds)."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


@register.filter
def newsroom_time(moment):
    """'29 Nov 2026, 12:17 EST': a time as staff and readers read it, in the newsroom's zone."""
    return times.newsroom_time(moment)


@register.filter
def zone_label(moment):
    """'New York time (EST)': the newsroom's zone, named, at that moment."""
    return times.zone_label(moment)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The interface's languages as links (a reader's choice is a link, never a cookie):
    [{"code", "name", "url", "current"}]. On a release page, each language leads to the
    release's public translation in it, else to that language's home page; on any other
    page, to the same page in that language."""
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    release = context.get("release")
    by_language = {}
    if release is not None and getattr(release, "pk", None):
        by_language = {release.url_language: release.get_absolute_url()}
        for item in context.get("translations") or ():
            by_language.setdefault(languages.url_language(item.language), item.url)
    links = []
    for code in languages.interface_codes():
        if release is not None:
            if code in by_language:
                url = by_language[code]
            else:
                with translation.override(code):
                    url = reverse("releases:home")
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": languages.local_name(code), "url": url, "current": code == current})
    if len({link["url"] for link in links}) < len(links):
        return []  # a page outside the interface's languages (the API's guide): in one language only
    return links
