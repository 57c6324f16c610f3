"""What a release is made of besides its text: change notes, quotes, signatories and related resources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Deferrable, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from releases.models.directory import Organization, Person
from releases.models.release import Release
from releases.models.validators import http_url


class ChangeNote(models.Model):
    """A public note on a major edit (a correction or an update)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="change_notes")
    created_at = models.DateTimeField(default=timezone.now)
    note = models.TextField()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d}: {Truncator(self.note).chars(60)}"


class Quote(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    speaker = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="quotes", help_text="Who said it."
    )
    attribution = models.CharField(
        max_length=300,
        blank=True,
        help_text='For words with no one speaker, e.g. "the coalition\'s letter".',
    )
    speaker_title = models.CharField(max_length=200, blank=True, help_text="The title as printed in this release.")
    speaker_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The organization as printed in this release.",
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "position"], name="quote_position_unique", deferrable=Deferrable.DEFERRED
            ),
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | ~Q(attribution=""),
                name="quote_has_source",
                violation_error_message="Choose a speaker or write an attribution.",
            ),
        ]

    def __str__(self):
        return Truncator(self.text).chars(60)

    def clean(self):
        if not self.speaker_id and not self.attribution.strip():
            raise ValidationError({"speaker": "Choose who said it, or write an attribution (e.g. “the letter”)."})

    @property
    def source_name(self):
        return self.speaker.name if self.speaker_id else self.attribution


class Signatory(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="signatories")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="signatures")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "signatories"
        constraints = [
            models.UniqueConstraint(
                fields=["release", "organization"],
                name="signatory_once_per_release",
                violation_error_message="This organization already signed this release.",
            ),
            models.UniqueConstraint(
                fields=["release", "position"], name="signatory_position_unique", deferrable=Deferrable.DEFERRED
            ),
        ]

    def __str__(self):
        return str(self.organization)


class RelatedResource(models.Model):
    class Kind(models.TextChoices):
        BLOG = "blog", gettext_lazy("Blog")
        VIDEO = "video", gettext_lazy("Video")
        LETTER = "letter", gettext_lazy("Letter")
        REPORT = "report", gettext_lazy("Report")
        PHOTO = "photo", gettext_lazy("Photo")
        DOCUMENT = "document", gettext_lazy("Document")
        LINK = "link", gettext_lazy("Link")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="resources")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LINK)
    title = models.CharField(max_length=300)
    url = models.URLField(
        "web address",
        max_length=500,
        blank=True,
        validators=[http_url],
        help_text="Leave blank for an uploaded file, or when the original link is lost.",
    )
    file = models.FileField(upload_to="resources/%Y/", blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "position"], name="resource_position_unique", deferrable=Deferrable.DEFERRED
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def href(self):
        if self.url:
            return self.url
        return self.file.url if self.file else ""
