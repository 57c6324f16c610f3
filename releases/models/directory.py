"""Who issues, speaks and signs: organizations, people and topics, and how names are matched."""

import re
import unicodedata

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from releases.media.images import validate_image
from releases.models.validators import http_url


def match_key(name):
    """A name reduced for matching: case, accents, punctuation, "the" and "&" ignored."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ")
    text = re.sub(r"[\u2019']s\b", "s", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return text


class Organization(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    website = models.URLField(blank=True, validators=[http_url])
    logo = models.ImageField(upload_to="logos/%Y/", blank=True, validators=[validate_image])
    about = models.TextField(
        blank=True, help_text="The boilerplate printed under the releases this organization issues."
    )
    location = models.CharField(max_length=200, blank=True)
    abbreviations = ArrayField(
        models.CharField(max_length=100),
        blank=True,
        default=list,
        help_text="Other names it is printed under, separated by commas (e.g. ACLU). Imports match them.",
    )
    press_office = models.ForeignKey(
        "releases.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="press_office_of",
        help_text="Shown on every release it issues that names no contact of its own.",
    )
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    abbreviation_keys = ArrayField(models.CharField(max_length=100), editable=False, default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [GinIndex(fields=["abbreviation_keys"], name="organization_abbreviations_gin")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="organization_name_ci_unique",
                violation_error_message="An organization with this name already exists.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = match_key(self.name)
        self.abbreviations = [a.strip() for a in self.abbreviations if a and a.strip()]
        self.abbreviation_keys = sorted({match_key(a) for a in self.abbreviations} - {""})
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("releases:organization_detail", kwargs={"slug": self.slug})


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text="Current organization. Quotes keep the one printed with them.",
    )
    title = models.CharField(max_length=200, blank=True, help_text="Current title.")
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("releases:person_detail", kwargs={"slug": self.slug})


class Topic(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), name="topic_name_ci_unique", violation_error_message="This topic already exists."
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("releases:topic_detail", kwargs={"slug": self.slug})
