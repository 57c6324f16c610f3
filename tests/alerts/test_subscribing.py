"""Double opt-in: the form, the confirmation email with its signed, expiring link, and no enumeration."""

import re

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from alerts import tokens
from alerts.models import Subscriber, Subscription
from tests import factories
from tests.alerts.helpers import confirm_link, drain, subscribe, subscribe_and_confirm, text_of

pytestmark = pytest.mark.django_db


def test_subscribe_confirm_by_email_then_the_alert_is_followed(client, smtp_server):
    topic = factories.topic("287(g)")
    release = factories.release()
    release.topics.add(topic)
    response = subscribe(client, "reader@example.org", kind="topic", target=topic.slug)
    assert response.status_code == 200
    assert b"Check your inbox" in response.content
    assert not Subscriber.objects.exists()  # nothing kept for the address before it confirms
    drain()
    [received] = smtp_server.wait_for(1)
    message = received.message
    assert received.rcpt_tos == ["reader@example.org"]
    assert message["Subject"] == "Confirm your email alerts from Pressroom"
    assert "releases on 287(g)" in text_of(message)
    assert message.get_body(preferencelist=("html",)) is not None
    path = confirm_link(message)
    page = client.get(path)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200 and b"Confirm" in page.content
    assert not Subscriber.objects.exists()
    confirmed = client.post(path)
    subscriber = Subscriber.objects.get()
    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith(reverse("alerts:manage", args=[subscriber.token]))
    [subscription] = subscriber.subscriptions.all()
    assert (subscription.kind, subscription.topic, subscription.frequency) == ("topic", topic, "immediate")
    # The same link again changes nothing.
    client.post(path)
    assert Subscription.objects.count() == 1 and Subscriber.objects.count() == 1


def test_a_confirmation_link_expires_and_cannot_be_altered(client, smtp_server, settings):
    subscribe(client, "reader@example.org")
    drain()
    path = confirm_link(smtp_server.wait_for(1)[0].message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post(reverse("alerts:confirm", args=[altered])).status_code == 400
    forged = signing.dumps({"e": "victim@example.org", "k": "all", "t": None, "q": "", "f": "daily"}, salt="other")
    assert client.post(reverse("alerts:confirm", args=[forged])).status_code == 400
    settings.ALERTS_CONFIRM_DAYS = 0
    expired = client.post(path)
    assert expired.status_code == 400 and b"expired" in expired.content
    assert not Subscriber.objects.exists()


def test_the_answer_is_the_same_whoever_the_address_belongs_to(client, smtp_server):
    """No enumeration: same page, same queries, whether the address is unknown, subscribed, or just typed."""
    subscribe_and_confirm(client, smtp_server, "known@example.org")

    def answer(email):
        with CaptureQueriesContext(connection) as queries:
            response = subscribe(client, email)
        body = re.sub(rb"[\w.+-]+@example\.org", b"ADDRESS", response.content)
        shapes = [re.sub(r"'[^']*'", "?", q["sql"]) for q in queries.captured_queries]
        return response.status_code, body, shapes

    assert answer("known@example.org") == answer("unknown@example.org") == answer("Known@Example.ORG")


def test_known_addresses_get_the_same_confirmation_and_nothing_changes_until_they_confirm(client, smtp_server):
    subscriber = subscribe_and_confirm(client, smtp_server, "known@example.org")
    subscribe(client, "known@example.org", frequency="daily")
    drain()
    message = smtp_server.wait_for(2)[1].message
    assert message["Subject"].startswith("Confirm your email alerts")
    assert subscriber.subscriptions.get().frequency == "immediate"
    client.post(confirm_link(message))
    assert subscriber.subscriptions.get().frequency == "daily"


def test_a_bad_address_is_a_form_error_that_keeps_what_was_typed(client):
    response = subscribe(client, "not an address", kind="all")
    assert response.status_code == 400
    assert b'value="not an address"' in response.content
    assert b"Enter" in response.content
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "a@example.org\r\nBcc: victim@example.org",
        "a@example.org\nSubject: hi",
        '"Evil, Inc" <a@example.org>',
        "a@example.org, b@example.org",
        "a@example.org;b@example.org",
        "a@b@example.org",
        "a\x00@example.org",
        "a(comment)@example.org",
    ],
)
def test_addresses_that_could_inject_headers_or_recipients_are_refused(client, address):
    response = subscribe(client, address)
    assert response.status_code == 400
    assert not DBTaskResult.objects.exists()


def test_only_what_the_public_can_see_can_be_followed(client):
    hidden_topic = factories.topic("Not yet announced")
    draft = factories.release(state="draft")
    draft.topics.add(hidden_topic)
    response = subscribe(client, "reader@example.org", kind="topic", target=hidden_topic.slug)
    assert response.status_code == 400
    assert b"Not yet announced" not in response.content
    assert subscribe(client, "reader@example.org", kind="search", q="   ").status_code == 400
    assert subscribe(client, "reader@example.org", kind="person", target="no-such-person").status_code == 400
    assert not DBTaskResult.objects.exists()


def test_too_many_requests_from_one_client_are_refused_keeping_the_input(client, settings):
    settings.ALERTS_SUBSCRIBE_PER_CLIENT = 2
    assert subscribe(client, "one@example.org").status_code == 200
    assert subscribe(client, "two@example.org").status_code == 200
    refused = subscribe(client, "three@example.org")
    assert refused.status_code == 429
    assert b'value="three@example.org"' in refused.content
    other = client.post(reverse("alerts:subscribe"), {"email": "four@example.org"}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code != 429  # another client has its own count
    assert DBTaskResult.objects.count() == 2


def test_one_address_gets_at_most_its_share_of_confirmations_a_day(client, smtp_server, settings):
    """Many clients (a forged form on another site) cannot bury an inbox in confirmations."""
    settings.ALERTS_CONFIRMATIONS_PER_ADDRESS = 3
    for n in range(6):
        response = client.post(
            reverse("alerts:subscribe"), {"email": "victim@example.org", "kind": "all"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
        assert response.status_code == 200
    drain()
    assert len(smtp_server.to("victim@example.org")) == 3


def test_saved_search_follows_what_the_search_page_searches(client, smtp_server):
    subscriber = subscribe_and_confirm(
        client, smtp_server, "reader@example.org", kind="search", q=" 287(g)  agreements "
    )
    subscription = subscriber.subscriptions.get()
    assert subscription.query == "287(g) agreements"
    assert subscription.search_text == '"287 g" agreements'
    assert subscription.describe() == "releases matching “287(g) agreements”"


def test_the_subscribe_page_for_a_topic_names_it(client):
    topic = factories.topic("Deportation defense")
    factories.release().topics.add(topic)
    page = client.get(reverse("alerts:subscribe") + f"?topic={topic.slug}")
    assert page.status_code == 200
    assert "releases on Deportation defense" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_confirmation_tokens_carry_nothing_but_what_was_asked(client):
    token = tokens.confirmation_token("reader@example.org", "all", frequency="daily")
    assert tokens.read_confirmation(token) == {"e": "reader@example.org", "k": "all", "t": None, "q": "", "f": "daily"}
    with pytest.raises(tokens.BadLink):
        tokens.read_confirmation(token + "x")


def test_the_address_leaves_the_task_queue_once_the_confirmation_is_sent(client, smtp_server):
    subscribe(client, "private@example.org")
    assert "private@example.org" in str(DBTaskResult.objects.values_list("args_kwargs", flat=True)[0])
    drain()
    assert len(smtp_server.to("private@example.org")) == 1
    assert "private@example.org" not in str(list(DBTaskResult.objects.values_list("args_kwargs", flat=True)))


def test_a_confirmation_the_mail_server_refused_is_tried_again_later(client, smtp_server, settings):
    from django.utils import timezone

    from cluster.base import free_port

    port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nothing listens there
    subscribe(client, "patient@example.org")
    drain()
    later = DBTaskResult.objects.get(status="READY")
    assert later.run_after > timezone.now()
    settings.EMAIL_PORT = port
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())
    drain()
    assert len(smtp_server.to("patient@example.org")) == 1
