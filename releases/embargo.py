"""Embargoes: a scheduled release shared ahead of its time with named journalists.

An editor adds recipients (name, outlet, email) to a scheduled release; each is a PreviewLink
with a recipient, emailed to them once by the worker (`send_due`: the admin's save queues a
nudge in its own transaction, and a duty finds anything a lost nudge left). The link shows the
release only while it is scheduled, with an "EMBARGOED UNTIL …" banner; it is refused once
revoked or expired, and forwards to the permalink once the release is public. Every request at a
link is logged (`record_opening`) and shown to the editors on the release's form and in the
embargo list (`under_embargo`).

Exactly once: a link is claimed with `SELECT … FOR UPDATE SKIP LOCKED` and its `emailed_at` is
written in the same transaction the moment the mail server accepts the message, so two workers
(two hosts) never both send it, and a worker killed before sending leaves it to the next. The one
window left is the alerts outbox's: killed after the server accepted the message and before the
commit, that message goes again (same Message-ID). A unique constraint allows one live link per
journalist and release, so adding someone twice cannot send twice either.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from lockout.client_ip import client_ip
from releases import times
from releases.models import PreviewLink, PreviewOpening, Release
from releases.reading import site as site_settings
from releases.reading.metadata import absolute_url
from worker import task

logger = logging.getLogger(__name__)

SCAN_SECONDS = 5
BATCH = 50
MAX_TRIES = 5  # a mail server that keeps refusing a recipient: the editor sees the error


def register_duties():
    from worker import duties

    duties.register("releases: email embargo links", send_due, every=SCAN_SECONDS)


@task()
def send_links(release_id):
    """The nudge the admin queues when recipients are added (in the same transaction)."""
    return send_due(release_id=release_id)


def due(now=None):
    """Embargo links still to email: live, of a release that is scheduled now (never a draft)."""
    now = now or timezone.now()
    return (
        PreviewLink.objects.for_recipients()
        .active(now)
        .filter(emailed_at__isnull=True, email_tries__lt=MAX_TRIES, release__in=Release.objects.scheduled(now))
        .order_by("pk")
    )


def send_due(worker=None, release_id=None):
    """Email each due link once; True when there may be more (the duty runs again at once)."""
    sent = 0
    for _ in range(BATCH):
        if worker is not None and not worker.running:
            return True
        with transaction.atomic():
            links = due().select_for_update(skip_locked=True, of=("self",))
            if release_id is not None:
                links = links.filter(release_id=release_id)
            link = links.select_related("release", "release__issuer").first()
            if link is None:
                return False
            try:
                message(link).send()
            except (OSError, smtplib.SMTPException) as error:
                link.email_tries += 1
                link.email_error = str(error)[:300]
                link.save(update_fields=["email_tries", "email_error"])
                logger.warning("embargo link %s not emailed (try %s): %s", link.pk, link.email_tries, error)
                continue
            link.emailed_at = timezone.now()
            link.email_error = ""
            link.save(update_fields=["emailed_at", "email_error"])
            sent += 1
    return True


def message(link):
    """The email that carries a journalist's personal link."""
    release = link.release
    site = site_settings.current()
    until = times.newsroom_time(release.publish_at)
    lines = [
        f"Dear {link.recipient_name or 'colleague'},",
        "",
        f"{site.name} shares this release with you ahead of its publication. It is under embargo:",
        f"not for publication or broadcast before {until} ({times.zone_label(release.publish_at)}).",
        "",
        f"  {release.title}",
    ]
    if release.subtitle:
        lines.append(f"  {release.subtitle}")
    lines += [
        "",
        "Your personal link (it is yours alone: please do not pass it on; each opening is recorded):",
        absolute_url(link.get_absolute_url()),
        "",
        "It works until "
        + (times.newsroom_time(link.expires_at) if link.expires_at else "the embargo lifts")
        + "; once the release is public it leads to the public page.",
    ]
    contacts = [c for c in release.contacts_shown(site.press_office) if c.email or c.phone]
    if contacts:
        lines += ["", "Questions:"]
        lines += [f"  {c.name}: " + ", ".join(x for x in (c.email, c.phone) if x) for c in contacts]
    lines += ["", f"-- {site.name}", ""]
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    headers = {"Message-ID": f"<embargo.{link.pk}@{host}>", "Auto-Submitted": "auto-generated"}
    reply_to = [contacts[0].email] if contacts and contacts[0].email else []
    return EmailMessage(
        f"Embargoed until {until}: {release.title}"[:250],
        "\n".join(lines),
        None,
        [link.recipient_email],
        headers=headers,
        reply_to=reply_to,
    )


def record_opening(link, request, outcome):
    """Log one request at a link: which link (so which journalist), when, from which address."""
    return PreviewOpening.objects.create(
        link=link,
        client_ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        outcome=outcome,
    )


def with_openings(links):
    """Links annotated with how often they were shown, and when last."""
    shown = Q(openings__outcome=PreviewOpening.Outcome.SHOWN)
    return links.annotate(
        times_opened=Count("openings", filter=shown), last_opened=Max("openings__opened_at", filter=shown)
    )


def under_embargo(now=None):
    """What is under embargo now (scheduled, soonest first), each with its recipients and their openings."""
    recipients = with_openings(PreviewLink.objects.for_recipients()).order_by("recipient_name", "pk")
    return (
        Release.objects.scheduled(now)
        .select_related("issuer")
        .only("title", "slug", "publish_at", "status", "first_published_at", "issuer__name")
        .prefetch_related(Prefetch("preview_links", recipients, to_attr="recipients"))
        .order_by("publish_at", "pk")
    )


def openings_of(release, limit=100):
    """The latest requests at the release's links, newest first."""
    return PreviewOpening.objects.filter(link__release=release).select_related("link")[:limit]


def admin_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])
