"""Where a post lived on the old site, kept as 301s to its release; and the slugs it gets here."""

import re
from urllib.parse import urlsplit

from django.utils.text import slugify

from releases import permalinks
from releases.models import Release


class OldAddresses:
    """The import run's part that keeps a post's old addresses (self.base_path, self.site_hosts)."""

    def slug_base(self, item, title):
        """An ASCII slug from the post's slug, else its title; a post whose slug is in
        another script (which an ASCII slug would mostly drop) gets post-<id>."""
        for text in (item.post_name, title):
            candidate = slugify(text)[:190].strip("-")
            letters = len(re.sub(r"[\W_]+", "", text))
            if candidate and len(candidate.replace("-", "")) * 2 >= letters:
                return f"post-{candidate}" if re.fullmatch(r"\d{4}", candidate) else candidate
        return f"post-{item.post_id}"

    def old_addresses(self, item):
        """The addresses the post answered at on the old site, as stored (legacy_path)."""
        link = permalinks.legacy_path(item.link)
        paths = [link, f"{self.base_path}?p={item.post_id}"]
        if urlsplit(item.guid).netloc.lower() in self.site_hosts:  # not a staging host's
            paths.append(permalinks.legacy_path(item.guid))
        at = link.rfind(f"/{item.post_name}") + 1 if item.post_name else 0
        if at and link[at + len(item.post_name) :] in ("", "/"):
            paths.extend(link[:at] + old + link[at + len(item.post_name) :] for old in item.old_slugs)
        return [path for path in dict.fromkeys(paths) if path]

    def register_old_addresses(self, release, paths, line):
        answering = []
        for path in paths:
            outcome = permalinks.register_old_address(path, release)
            if outcome in ("registered", "kept"):
                answering.append(path)
            elif outcome == "taken":
                line.notes.append(f"old address {path} already answers for another release")
            elif outcome == "too long":
                line.notes.append(f"old address too long to keep: {path[:60]}…")
            elif path != "/":
                line.notes.append(f"old address {path} is one of this site's own")
        return answering


def unique_slug(model, base):
    base = base or "item"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[:190]}-{number}"
        number += 1
    return slug


def available_slug(base, release):
    """base, or base-2, base-3 …: not another release's slug, nor an old slug that redirects elsewhere."""
    slug, number = base, 2
    while Release.objects.filter(slug=slug).exclude(pk=release.pk).exists() or permalinks.slug_redirect_target(
        slug
    ) not in (None, release.get_absolute_url() if release.pk else None):
        slug = f"{base}-{number}"
        number += 1
    return slug
