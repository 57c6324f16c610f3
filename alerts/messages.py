"""The emails alerts send: a confirmation, an alert (one release), an "updated" notice, a daily digest.

Every alert carries plain text and HTML, a personal "manage your alerts" link, RFC 8058
one-click unsubscribe (`List-Unsubscribe` with an HTTPS URL and `List-Unsubscribe-Post`),
`List-Id`, and a Message-ID made from (release, subscriber), so that a copy sent again
in the one unrecorded moment (see outbox.py) carries the same id. No tracking: no pixel,
no redirecting links, nothing that differs between two readers but their own links.

A release's part of a message is rendered once per batch and shared; only the personal
links differ from one subscriber to the next.
"""

from email.utils import formataddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from alerts.identity import sender, site_identity

MANAGE = "@@manage-url@@"
UNSUBSCRIBE = "@@unsubscribe-url@@"


def one_line(text, limit=200):
    """Safe in a header: one line, no control characters, at most `limit` characters."""
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def absolute(path):
    return settings.SITE_URL + path


def list_domain():
    return settings.ALERTS_LIST_ID or f"alerts.{urlsplit(settings.SITE_URL).hostname or 'localhost'}"


def personal_links(subscriber):
    return {
        "manage_url": absolute(reverse("alerts:manage", args=[subscriber.token])),
        "unsubscribe_url": absolute(reverse("alerts:unsubscribe", args=[subscriber.token])),
    }


def list_headers(subscriber, identity, message_id):
    links = personal_links(subscriber)
    return {
        "List-Id": formataddr((one_line(f"{identity['name']} alerts", 100), list_domain()), charset="utf-8"),
        "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "Message-ID": f"<{message_id}@{list_domain()}>",
    }


def build(subject, text, html, to, headers=None, identity=None):
    sent_by = sender(identity or site_identity())
    message = EmailMultiAlternatives(one_line(subject), text, sent_by, [to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


class Renderer:
    """Builds the messages of one batch, rendering each release's part once."""

    def __init__(self):
        self.identity = site_identity()
        self._parts = {}

    def _release_context(self, release, note=None):
        return {
            "release": release,
            "note": note,
            "url": absolute(release.get_absolute_url()),
            "published": release.display_date,
            "identity": self.identity,
        }

    def _parts_for(self, kind, release, note=None):
        key = (kind, release.pk, note.pk if note else None)
        if key not in self._parts:
            item = self._release_context(release, note)
            context = {**item, "item": item, "manage_url": MANAGE, "unsubscribe_url": UNSUBSCRIBE}
            self._parts[key] = (
                render_to_string(f"alerts/email/{kind}.txt", context),
                render_to_string(f"alerts/email/{kind}.html", context),
            )
        return self._parts[key]

    def _personal(self, parts, subscriber):
        text, html = parts
        links = personal_links(subscriber)
        text = text.replace(MANAGE, links["manage_url"]).replace(UNSUBSCRIBE, links["unsubscribe_url"])
        html = html.replace(MANAGE, escape(links["manage_url"])).replace(UNSUBSCRIBE, escape(links["unsubscribe_url"]))
        return text, html

    def alert(self, delivery):
        """One release (or, with a change note, its "updated" notice) for one subscriber."""
        release, note, subscriber = delivery.release, delivery.change_note, delivery.subscriber
        if note is None:
            subject, kind, message_id = release.title, "alert", f"alert.{release.pk}.{subscriber.pk}"
        else:
            subject, kind, message_id = f"Updated: {release.title}", "update", f"update.{note.pk}.{subscriber.pk}"
        text, html = self._personal(self._parts_for(kind, release, note), subscriber)
        headers = list_headers(subscriber, self.identity, message_id)
        return build(subject, text, html, subscriber.email, headers, self.identity)

    def digest(self, subscriber, deliveries):
        """A day's releases and corrections in one message."""
        releases = [self._release_context(d.release) for d in deliveries if d.change_note is None]
        updates = [self._release_context(d.release, d.change_note) for d in deliveries if d.change_note]
        context = {
            "releases": releases,
            "updates": updates,
            "identity": self.identity,
            **personal_links(subscriber),
        }
        count = len(releases) + len(updates)
        subject = f"{self.identity['name']}: {count} new release{'s' if count != 1 else ''}"
        if not releases:
            subject = f"{self.identity['name']}: {count} updated release{'s' if count != 1 else ''}"
        first = min(d.pk for d in deliveries)
        headers = list_headers(subscriber, self.identity, f"digest.{subscriber.pk}.{first}.{count}")
        text = render_to_string("alerts/email/digest.txt", context)
        html = render_to_string("alerts/email/digest.html", context)
        return build(subject, text, html, subscriber.email, headers, self.identity)


def confirmation(email, description, frequency_label, confirm_url):
    identity = site_identity()
    context = {
        "identity": identity,
        "description": description,
        "frequency": frequency_label,
        "confirm_url": confirm_url,
        "days": settings.ALERTS_CONFIRM_DAYS,
    }
    text = render_to_string("alerts/email/confirm.txt", context)
    html = render_to_string("alerts/email/confirm.html", context)
    subject = f"Confirm your email alerts from {identity['name']}"
    return build(subject, text, html, email, {"Auto-Submitted": "auto-generated"}, identity)
