"""Preview links: unguessable, revocable addresses for a draft or embargoed release."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from releases.models.release import Release


def new_token():
    return secrets.token_urlsafe(32)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class PreviewLink(models.Model):
    """An unguessable, revocable link that shows a draft or embargoed release."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="preview_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    label = models.CharField(max_length=200, blank=True, help_text="Who it is for, e.g. “AP embargo list”.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.label or f"Preview link {self.pk}"

    def get_absolute_url(self):
        return reverse("releases:preview", kwargs={"token": self.token})
