"""The newsroom's identity: one row of site settings, edited in the admin.

Pages, feeds, social cards, emails and PDFs read it through
releases.reading.site (cached). `stamp` changes with every save of the row or
of what it shows (its press-office contact), so whatever was rendered with
the settings can be keyed on it. The newsroom's time zone is not here: it is
the TIME_ZONE environment setting, fixed for the life of a process.
"""

import re
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from releases.media.images import validate_image
from releases.models.contacts import Contact
from releases.models.licences import Licence
from releases.models.validators import http_url

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_ACCENT = "#1d3557"
# White text on the accent (the header, buttons) must stay readable: WCAG AA for normal text.
MIN_CONTRAST = 4.5


def _luminance(hex_colour):
    def channel(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(hex_colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(hex_colour):
    return 1.05 / (_luminance(hex_colour) + 0.05)


def validate_accent(value):
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError("Enter a colour as # and six hexadecimal digits, e.g. #1d3557.")
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            "White text on this colour would be hard to read (contrast %(ratio).1f:1, at least 4.5:1 is needed). "
            "Choose a darker colour.",
            params={"ratio": ratio},
        )


# Networks recognised from a profile's address, for its label; Mastodon lives on many hosts.
NETWORKS = {
    "bsky.app": "Bluesky",
    "linkedin.com": "LinkedIn",
    "x.com": "X",
    "twitter.com": "X",
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "youtube.com": "YouTube",
    "threads.net": "Threads",
    "tiktok.com": "TikTok",
    "github.com": "GitHub",
}


def network_name(url):
    """The network a profile address belongs to ("Bluesky", "Mastodon", …), or its host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    for domain, name in NETWORKS.items():
        if host == domain or host.endswith("." + domain):
            return name
    if parts.path.startswith("/@"):
        return "Mastodon"
    return host


class SiteSettings(models.Model):
    """The one row of site settings (its id is always 1)."""

    name = models.CharField("site name", max_length=100, help_text="Shown in the header, titles, feeds and emails.")
    description = models.CharField(
        "short description",
        max_length=300,
        blank=True,
        help_text="One or two sentences: the home page's introduction and what search engines show.",
    )
    logo = models.ImageField(
        upload_to="site/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        validators=[validate_image],
        help_text="Shown in the header beside the name, and on letterhead. A PNG or WebP with a transparent "
        "background works best.",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    accent_colour = models.CharField(
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[validate_accent],
        help_text="The header and highlights, as #rrggbb. White text must be readable on it.",
    )
    press_office = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The newsroom's own press office: shown on releases that name no contact and whose issuer has "
        "no press office, and on every page's footer.",
    )
    social_profiles = ArrayField(
        models.URLField(max_length=300, validators=[http_url]),
        blank=True,
        default=list,
        help_text="The newsroom's profiles (Bluesky, Mastodon, LinkedIn, …), one address a line.",
    )
    default_licence = models.CharField(
        max_length=20,
        choices=Licence.choices,
        default=Licence.EDITORIAL,
        help_text="Offered first for new press-kit files.",
    )
    default_licence_terms = models.TextField(
        "terms of the default licence",
        blank=True,
        help_text="Written out for “custom terms”, or to add to “editorial use only” (e.g. credit required).",
    )
    default_licence_url = models.URLField(
        "page of the default licence's terms", blank=True, validators=[http_url], max_length=300
    )
    stamp = models.UUIDField(default=uuid.uuid4, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="site_settings_one_row")]

    def __str__(self):
        return "Site settings"

    @classmethod
    def defaults(cls):
        """The settings before anyone has saved them: the SITE_NAME environment setting, nothing else."""
        return cls(id=1, name=settings.SITE_NAME, stamp=None)

    def save(self, *args, **kwargs):
        self.id = 1
        self.stamp = uuid.uuid4()  # whatever was rendered with the old settings is out of date
        super().save(*args, **kwargs)

    def clean(self):
        if self.default_licence == Licence.CUSTOM and not self.default_licence_terms.strip():
            raise ValidationError({"default_licence_terms": "Write out the custom terms."})

    @property
    def custom_accent(self):
        """Whether pages need the theme stylesheet (releases.views.theme): the accent is not the default."""
        return self.accent_colour.lower() != DEFAULT_ACCENT

    @property
    def default_licence_label(self):
        return str(Licence(self.default_licence).label)

    @property
    def default_licence_terms_url(self):
        return self.default_licence_url or Licence(self.default_licence).terms_url

    @property
    def profiles(self):
        """[(network name, address), ...] for the footer and the JSON-LD sameAs."""
        return [(network_name(url), url) for url in self.social_profiles]
