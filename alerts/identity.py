"""The newsroom's identity in its emails: name, logo and accent colour, from the site settings."""

from email.utils import formataddr, parseaddr

from django.conf import settings

from releases.reading import site


def one_line(text):
    return " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())


def site_identity():
    current = site.current()
    return {
        "name": one_line(current.name) or "Pressroom",
        # The same address for every reader (no tracking): an image only if the newsroom has one.
        "logo_url": settings.SITE_URL + current.logo.url if current.logo else "",
        "accent": current.accent_colour,
        "site_url": settings.SITE_URL,
    }


def sender(identity):
    """ALERTS_FROM_EMAIL's address, under the newsroom's name as the site settings give it."""
    address = parseaddr(settings.ALERTS_FROM_EMAIL)[1] or settings.ALERTS_FROM_EMAIL
    return formataddr((identity["name"][:100], address))
