"""Telling the Editors: a release was submitted for review.

In the admin the release shows "In review" in the list (and its filter) and on the
admin's front page; by email where email is set up (the transport is the project's
email settings: Django's mail API, nothing of our own).
"""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse

from releases.reading.metadata import absolute_url

logger = logging.getLogger(__name__)


def editors():
    """Active staff who may publish (the Editor group, or the permission given directly), with an email."""
    User = get_user_model()
    may_publish = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="publish_release")
        | Q(user_permissions__codename="publish_release")
    )
    return User.objects.filter(may_publish, is_active=True, is_staff=True).exclude(email="").distinct()


def review_requested(release):
    """Email the Editors that `release` waits for their review. Mail that cannot go out is logged, never raised:
    the submission itself is saved, and the release waits in the admin's review list either way."""
    recipients = sorted({user.email for user in editors()})
    if not recipients:
        return 0
    by = release.submitted_by
    who = (by.get_full_name() or by.get_username()) if by else "A writer"
    link = absolute_url(reverse("admin:releases_release_change", args=[release.pk]))
    body = (
        f"{who} submitted a release for review:\n\n  {release.title}\n\n"
        f"Review it, then schedule or publish it: {link}\n"
    )
    try:
        return send_mail(f"For review: {release.title}", body, None, recipients)
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("Review request for release %s not emailed: %s", release.pk, exc)
        return 0


def waiting_for_review():
    from releases.models import Release

    return Release.objects.filter(status=Release.Status.REVIEW).select_related("submitted_by").order_by("submitted_at")
