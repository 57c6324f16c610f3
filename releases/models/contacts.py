"""Press contacts: the people and desks a journalist calls, named by releases and reused across them.

A release names its contacts (ReleaseContact, ordered). One that names none
shows its issuer's press office, or else the site's press office
(SiteSettings.press_office): `Release.contacts_shown()` is that rule.
Editing a contact changes every page that shows it (releases.search.documents
gives those releases a new render key).
"""

import re

from django.conf import global_settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Deferrable
from django.urls import reverse
from django.utils.translation import gettext

from releases.models.directory import Organization

# Languages a contact may speak, by code (vCard LANG, schema.org availableLanguage).
LANGUAGES = sorted(global_settings.LANGUAGES, key=lambda item: item[1])
LANGUAGE_NAMES = dict(LANGUAGES)

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().\-/]+(?:\s*(?:x|ext\.?|extension)\s*[0-9]{1,6})?$", re.IGNORECASE)
EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*([0-9]{1,6})\s*$", re.IGNORECASE)


def validate_phone(value):
    digits = re.sub(r"\D", "", EXTENSION.sub("", value))
    if not PHONE_CHARACTERS.match(value.strip()) or not 7 <= len(digits) <= 15:
        raise ValidationError(
            "Enter a phone number of 7 to 15 digits, ideally with its country code, e.g. +1 202 555 0143 "
            "(an extension may follow: “x217”)."
        )


def tel_uri(phone):
    """A tel: address (RFC 3966) for a phone as written: digits and a leading +, then ;ext=."""
    if not phone:
        return ""
    extension = EXTENSION.search(phone)
    number = EXTENSION.sub("", phone).strip()
    uri = ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)
    if extension:
        uri += f";ext={extension.group(1)}"
    return f"tel:{uri}"


class Contact(models.Model):
    """A press contact: a person or a desk, with the ways to reach them."""

    name = models.CharField(max_length=200, help_text="A person, or a desk such as “Press office”.")
    role = models.CharField(max_length=200, blank=True, help_text="E.g. “Communications director”.")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        help_text="Who they speak for.",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text="With the country code, e.g. +1 202 555 0143. Journalists tap it to call.",
    )
    languages = ArrayField(
        models.CharField(max_length=10, choices=LANGUAGES),
        blank=True,
        default=list,
        help_text="Languages they give interviews in.",
    )
    hours = models.CharField(max_length=200, blank=True, help_text="Optional, e.g. “Mon–Fri, 9:00–18:00 Eastern”.")
    details = models.TextField(
        blank=True,
        help_text="Anything else, printed as written. Text carried over from a release’s old "
        "free-text contact field is kept here when it could not be read with certainty.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        where = self.organization.name if self.organization_id and self.organization else ""
        return f"{self.name} ({where})" if where else self.name

    def clean(self):
        if not (self.email or self.phone or self.details.strip()):
            raise ValidationError("Give at least an email address or a phone number, so journalists can reach them.")

    def get_vcard_url(self):
        return reverse("releases:contact_vcard", kwargs={"pk": self.pk})

    @property
    def tel_uri(self):
        return tel_uri(self.phone)

    @property
    def language_names(self):
        return [gettext(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code for code in self.languages]


class ReleaseContact(models.Model):
    """A contact named by a release, in order: the first is the one to call."""

    release = models.ForeignKey("releases.Release", on_delete=models.CASCADE, related_name="release_contacts")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="release_links")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "press contact"
        verbose_name_plural = "press contacts"
        constraints = [
            models.UniqueConstraint(
                fields=["release", "contact"],
                name="release_contact_once",
                violation_error_message="This contact is already named on this release.",
            ),
            models.UniqueConstraint(
                fields=["release", "position"], name="release_contact_position_unique", deferrable=Deferrable.DEFERRED
            ),
        ]

    def __str__(self):
        return str(self.contact)
