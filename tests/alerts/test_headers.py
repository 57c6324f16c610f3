"""No header injection: whatever a title, a name or an address holds, each header stays one header."""

import email
from email import policy

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from alerts.messages import Renderer, one_line
from alerts.models import Delivery, Subscriber
from releases.models import Release

pytestmark = pytest.mark.django_db

NASTY = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["A\r\nBcc: victim@example.org", "A\nSubject: spoof", "A\x00B", "\u2028\u2029", "A\x85B"]),
)


def delivery_for(title, subtitle=""):
    release = Release(pk=1, title=title, subtitle=subtitle, slug="s", body="b", lead="Lead.", status="published")
    subscriber = Subscriber(pk=2, email="reader@example.org", token="t" * 43)
    return Delivery(pk=3, subscriber=subscriber, release=release)


def parsed(message):
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(title=NASTY, subtitle=NASTY, site_name=NASTY)
def test_any_title_deck_or_site_name_gives_single_line_headers(title, subtitle, site_name):
    from django.test import override_settings

    with override_settings(SITE_NAME=site_name or "Pressroom"):
        message = parsed(Renderer().alert(delivery_for(title or "Untitled", subtitle)))
    names = [name.lower() for name in message]
    assert names.count("subject") == 1 and "bcc" not in names
    assert message.get_all("To") == ["reader@example.org"]
    if "=?" not in (title or ""):  # text shaped like an RFC 2047 encoded word is read as one: harmless
        assert " ".join(str(message["Subject"]).split()) == one_line(title or "Untitled")
    for name, value in message.items():
        assert "\n" not in str(value) and "\r" not in str(value), (name, value)


def test_one_line_keeps_words_and_drops_breaks():
    assert one_line("Sheriff\r\nBcc: x@example.org\tends\x00 it") == "Sheriff Bcc: x@example.org ends it"
    assert len(one_line("x" * 500)) == 200
