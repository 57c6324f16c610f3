"""Every routed public URL, read from the resolver, so a new page is covered as soon as it is routed."""

import re

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def public_patterns():
    """(name, template) for every routed URL outside the admin; `{name}` marks where a value goes."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    walk(entry.url_patterns, prefix + _template(entry.pattern))
                continue
            route = prefix + _template(entry.pattern)
            found.append((entry.name, "/" + route))

    walk(get_resolver().url_patterns, "")
    return found


def _template(pattern):
    if isinstance(pattern, RegexPattern):
        route = REGEX_GROUP.sub(lambda m: "{" + m["name"] + "}", str(pattern).lstrip("^").rstrip("$"))
        return re.sub(r"\\(.)", r"\1", route)  # a regex's escapes: sitemap\.xml
    return CONVERTER.sub(lambda m: "{" + m["name"] + "}", str(pattern))


def slug_kind(url_name):
    """Which model a `{slug}` in the named URL belongs to."""
    return next((k for k in ("organization", "person", "topic") if k in (url_name or "")), "release")


def sitemap_sections():
    try:
        from releases.views.sitemaps import sitemaps
    except ImportError:
        return []
    return sorted(sitemaps)
