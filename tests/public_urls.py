"""Every routed public URL, read from the resolver, so a new page is covered as soon as it is routed;
and a snapshot of every public page of a database (the backup test compares two)."""

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import quote

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


# Per-response values that differ between two renderings of the same page.
VOLATILE = [
    re.compile(rb'nonce="[^"]*"'),
    re.compile(rb"nonce-[A-Za-z0-9+/=_-]+"),
    re.compile(rb'csrfmiddlewaretoken" value="[^"]*"'),
]


def snapshot_pages():
    """Print {url: [status, Location, sha256 of the body]} for every public page of the configured database."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.redirects.models import Redirect
    from django.test import Client

    from releases.models import Organization, Person, PreviewLink, Release, Topic

    slugs = {
        "release": list(Release.objects.values_list("slug", flat=True)),
        "organization": list(Organization.objects.values_list("slug", flat=True)),
        "person": list(Person.objects.values_list("slug", flat=True)),
        "topic": list(Topic.objects.values_list("slug", flat=True)),
    }
    dates = sorted(
        {(d.year, d.month) for d in Release.objects.exclude(publish_at=None).values_list("publish_at", flat=True)}
    )
    values = {
        "year": sorted({str(year) for year, _ in dates}),
        "token": list(PreviewLink.objects.values_list("token", flat=True)),
        "section": sitemap_sections(),
    }
    urls = set(Redirect.objects.values_list("old_path", flat=True))
    media_patterns = []
    for name, template in public_patterns():
        if "{path}" in template:
            media_patterns.append(template)
        elif "{year}" in template and "{month}" in template:
            urls |= {template.format(year=f"{y:04d}", month=f"{m:02d}") for y, m in dates}
        elif "{slug}" in template and "{number}" in template:  # a release's versions
            urls |= {template.format(slug=slug, number=n) for slug in slugs["release"] for n in (1, 2, 3)}
        elif "{slug}" in template:
            urls |= {template.format(slug=slug) for slug in slugs[slug_kind(name)]}
        elif "{" in template:
            key = re.search(r"\{(\w+)\}", template)[1]
            urls |= {template.replace("{" + key + "}", quote(v)) for v in values.get(key, [])}
        else:
            urls |= {template, f"{template}?page=2", f"{template}?q=deportation", f"{template}?q=immigrant+youth"}
    client = Client(raise_request_exception=False)
    pages = {}

    def get(url):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for pattern in VOLATILE:
            body = pattern.sub(b"", body)
        pages[url] = [response.status_code, response.get("Location"), hashlib.sha256(body).hexdigest()]

    for url in sorted(urls):
        get(url)
    # Uploaded files last: rendering pages may have made some (social cards).
    media = Path(settings.MEDIA_ROOT)
    files = sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
    for template in media_patterns:
        for path in files:
            get(template.replace("{path}", quote(path)))
    print(json.dumps(pages))
