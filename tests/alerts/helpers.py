"""What the alerts tests share: subscribing through the real form, reading links out of the
messages a real SMTP server received, and running the worker's duties in this process."""

import re
from urllib.parse import urlsplit

from django.urls import reverse

from worker.runner import drain

LINK = re.compile(r"https?://[^\s<>\"]+")


def subscribe(client, email, frequency="immediate", **target):
    """POST the subscribe form as a page would: target is kind="topic", target="slug" (or q="…")."""
    data = {"email": email, "frequency": frequency, "kind": target.pop("kind", "all"), **target}
    return client.post(reverse("alerts:subscribe"), data)


def links(message, contains):
    """The links in a message's plain text that contain `contains`, as paths."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    return [urlsplit(url).path for url in LINK.findall(text) if contains in url]


def confirm_link(message):
    [path] = links(message, "/alerts/confirm/")
    return path


def subscribe_and_confirm(client, smtp, email, frequency="immediate", **target):
    """The whole double opt-in through the real form, the worker and the SMTP server; returns the subscriber."""
    from alerts.models import Subscriber

    before = len(smtp.messages)
    assert subscribe(client, email, frequency, **target).status_code == 200
    drain()
    message = smtp.wait_for(before + 1)[-1].message
    assert message["To"] == email
    assert client.post(confirm_link(message)).status_code == 302
    return Subscriber.objects.get(email=email)


def alerts_to(smtp, address, subject=None):
    """Alerts (not confirmations) the server received for `address`."""
    found = [m.message for m in smtp.to(address) if m.message["List-Id"]]
    return [m for m in found if subject is None or m["Subject"] == subject]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()
