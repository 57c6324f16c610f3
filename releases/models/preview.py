"""Preview links: unguessable, revocable addresses for a draft or embargoed release.

A link with a recipient (a journalist's name, outlet and email) is an **embargo link**: it is
emailed to that person once (releases.embargo), shows only a scheduled (embargoed) release, and
stops at its expiry or when revoked; once the release is public it forwards to the permalink.
Every opening of any link is logged (PreviewOpening) for the editors.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from releases.models.release import Release


def new_token():
    return secrets.token_urlsafe(32)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        """Not revoked, not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def for_recipients(self):
        """Embargo links: each names the journalist it was sent to."""
        return self.exclude(recipient_email="")

    def plain(self):
        """Preview links handed out by staff themselves (no recipient)."""
        return self.filter(recipient_email="")


class PreviewLink(models.Model):
    """An unguessable, revocable link that shows a draft or embargoed release."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="preview_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    label = models.CharField(max_length=200, blank=True, help_text="Who it is for, e.g. “AP embargo list”.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(
        "expires",
        null=True,
        blank=True,
        help_text="Blank: works until revoked (an embargo link: until the embargo lifts).",
    )
    # An embargo recipient: the link is theirs, emailed to them once.
    recipient_name = models.CharField("journalist", max_length=200, blank=True)
    recipient_outlet = models.CharField("outlet", max_length=200, blank=True)
    recipient_email = models.EmailField("email", blank=True)
    # When the mail server accepted the message carrying the link (releases.embargo sends it once).
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_tries = models.PositiveSmallIntegerField(default=0, editable=False)
    email_error = models.CharField(max_length=300, blank=True, editable=False)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One live link per journalist and release: adding them twice cannot send twice.
            models.UniqueConstraint(
                "release",
                Lower("recipient_email"),
                condition=Q(revoked_at__isnull=True) & ~Q(recipient_email=""),
                name="one_live_embargo_link_per_recipient",
            ),
        ]

    def __str__(self):
        if self.recipient_email:
            return self.recipient
        return self.label or f"Preview link {self.pk}"

    @property
    def recipient(self):
        """'Ana Ruiz (El País)'."""
        name = self.recipient_name or self.recipient_email
        return f"{name} ({self.recipient_outlet})" if self.recipient_outlet else name

    @property
    def for_recipient(self):
        return bool(self.recipient_email)

    def has_expired(self, now=None):
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def is_refused(self, now=None):
        return self.revoked_at is not None or self.has_expired(now)

    def get_absolute_url(self):
        return reverse("releases:preview", kwargs={"token": self.token})


class PreviewOpening(models.Model):
    """One request at a preview link: which link (so which journalist), when, from which address."""

    class Outcome(models.TextChoices):
        SHOWN = "shown", "Shown"
        FORWARDED = "forwarded", "Forwarded to the public page"
        REFUSED = "refused", "Refused"

    link = models.ForeignKey(PreviewLink, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(default=timezone.now, db_index=True)
    client_ip = models.GenericIPAddressField("address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["link", "-opened_at"], name="preview_opening_link_time")]

    def __str__(self):
        return f"{self.link} at {self.opened_at:%Y-%m-%d %H:%M}"
