"""Where a release imported from a file came from, so that importing the file again updates it."""

from django.db import models
from django.utils import timezone

from releases.models.release import Release


class TextImport(models.Model):
    """The file a draft was made from by manage.py import_releases: a second run with a file of
    the same name updates that draft (while it is still a draft) instead of making another."""

    release = models.OneToOneField(Release, on_delete=models.CASCADE, related_name="text_import")
    key = models.CharField(max_length=300, unique=True, help_text="The file's name, as imported.")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file: an unchanged file changes nothing.")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "text import"

    def __str__(self):
        return self.key


class ReleaseFromText(Release):
    """The admin's "New release from text": paste or upload a release, review its parts, save a draft."""

    class Meta:
        proxy = True
        verbose_name = "new release from text"
        verbose_name_plural = "new releases from text"
