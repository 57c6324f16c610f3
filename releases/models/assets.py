"""Press-kit files: photos, logos, documents, audio and video a release or an organization
offers journalists, each with its caption, credit and licence.

Every file is stored in the "private" storage (settings.STORAGES): never at an address of
its own. Readers download through releases.views.press_kit, which serves a release's files
only while the release is public (Release.objects.public()) and an organization's always.
Image renditions (releases.media.renditions) are made into the same storage.
"""

import os

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy

from releases.models.directory import Organization
from releases.models.licences import LICENCE_SHORT, Licence
from releases.models.release import Release
from releases.models.validators import http_url


class PrivateStorage(LazyObject):
    """storages["private"]: a storage no address of /media/ (or of a public bucket) reaches.
    Looked up when first used, and again after the STORAGES setting changes (tests)."""

    def _setup(self):
        self._wrapped = storages["private"]


PRIVATE = PrivateStorage()


def private_storage():
    return PRIVATE


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        PRIVATE._wrapped = empty


class KitFieldFile(FieldFile):
    """A press-kit file's address is the download view's (it checks the visibility rule),
    never the storage's: the admin's "Currently:" link and every template use it."""

    @property
    def url(self):
        self._require_file()
        if not self.instance.pk:
            return ""
        return reverse("releases:press_kit_file", kwargs={"pk": self.instance.pk, "variant": "original"})


class KitFileField(models.FileField):
    """A file field whose image renditions go to the field's own (private) storage, and
    which has the renditions of a featured image (releases.media.renditions)."""

    attr_class = KitFieldFile
    renditions_of = "featured_image"

    @property
    def thumbnail_storage(self):
        return self.storage


def site_default_licence():
    """New files start with the site's default licence (SiteSettings, the admin's "Site settings")."""
    from releases.models.site import SiteSettings

    found = SiteSettings.objects.filter(pk=1).values_list("default_licence", flat=True).first()
    return found or Licence.EDITORIAL


IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")


class Asset(models.Model):
    """One file of a press kit: a release's (shown while the release is public) or an organization's."""

    class Kind(models.TextChoices):
        IMAGE = "image", gettext_lazy("Photo or image")
        LOGO = "logo", gettext_lazy("Logo")
        DOCUMENT = "document", gettext_lazy("Document (PDF, …)")
        AUDIO = "audio", gettext_lazy("Audio")
        VIDEO = "video", gettext_lazy("Video")
        OTHER = "other", gettext_lazy("Other file")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, null=True, blank=True, related_name="assets")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="assets"
    )
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.IMAGE)
    file = KitFileField(upload_to="kit/%Y/", storage=private_storage, max_length=300)
    caption = models.CharField(
        max_length=500,
        help_text="What it shows, in a sentence: the image's description for readers who cannot see it.",
    )
    credit = models.CharField(max_length=200, blank=True, help_text="Who made it, as it must be printed.")
    licence = models.CharField(max_length=20, choices=Licence.choices, default=site_default_licence)
    licence_terms = models.TextField(
        "terms",
        blank=True,
        help_text="Written out for “custom terms”, or added to the licence (e.g. “credit required”).",
    )
    licence_url = models.URLField(
        "page of the terms",
        max_length=300,
        blank=True,
        validators=[http_url],
        help_text="Left blank: the licence's own page (Creative Commons), or none.",
    )
    original_name = models.CharField(max_length=255, editable=False, default="")
    size = models.BigIntegerField(editable=False, default=0)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "press-kit file"
        constraints = [
            models.CheckConstraint(
                condition=Q(release__isnull=True, organization__isnull=False)
                | Q(release__isnull=False, organization__isnull=True),
                name="asset_of_a_release_or_an_organization",
                violation_error_message="A press-kit file belongs to one release or one organization.",
            ),
        ]
        indexes = [
            models.Index(fields=["release", "position"], name="asset_release_idx"),
            models.Index(fields=["organization", "position"], name="asset_organization_idx"),
        ]

    def __str__(self):
        return self.caption[:80] or self.download_name

    def save(self, *args, **kwargs):
        """A new file: its name as uploaded, its size and (an image) its pixel size are recorded,
        an image's metadata (camera, GPS) stripped; its renditions are made once it is stored."""
        new_file = bool(self.file) and not getattr(self.file, "_committed", True)
        if new_file:
            from releases.media import renditions

            upload = self.file.file
            self.original_name = os.path.basename(getattr(upload, "name", "") or self.file.name)[:255]
            if self.is_image:
                stripped = renditions.strip_metadata(upload)
                self.file.save(self.original_name, stripped, save=False)
                self.file._committed = True
            self.size = self.file.size
            self.width = self.height = None
            if self.is_image:
                self.width, self.height = renditions.dimensions(self.file) or (None, None)
        super().save(*args, **kwargs)
        if new_file and self.is_image:
            from releases.media import renditions

            renditions.generate_safely(self.file)

    def clean(self):
        if self.licence == Licence.CUSTOM and not self.licence_terms.strip():
            raise ValidationError({"licence_terms": "Write out the custom terms."})

    @property
    def is_image(self):
        """A picture shown as responsive renditions (a logo may also be a PDF, which is not)."""
        return self.extension in IMAGE_EXTENSIONS

    @property
    def licence_label(self):
        return str(LICENCE_SHORT.get(self.licence) or Licence(self.licence).label)

    @property
    def licence_long(self):
        return str(Licence(self.licence).label)  # the text, in the active language

    @property
    def terms_url(self):
        return self.licence_url or Licence(self.licence).terms_url

    @property
    def extension(self):
        return os.path.splitext(self.file.name)[1].lower()

    @property
    def download_name(self):
        """The name the file is downloaded under: as uploaded (made safe by the storage's name)."""
        return self.original_name or os.path.basename(self.file.name)
