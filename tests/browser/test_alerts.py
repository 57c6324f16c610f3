"""A visitor in Chromium follows a topic by email: subscribes on the topic's page, confirms from the
email (read from a real SMTP server), and receives the next release on that topic, once."""

import os
import signal
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from releases import publishing
from tests import factories
from tests.alerts.helpers import alerts_to, confirm_link
from tests.browser.helpers import axe_violations, vnu_errors
from tests.servers import BASE_DIR, child_database_url, project_env, wait_until


@pytest.mark.browser
def test_a_visitor_subscribes_to_a_topic_confirms_and_receives_the_next_release_once(
    page, live_server, site, smtp_server
):
    site.SITE_URL = live_server.url
    topic = factories.topic("287(g)")
    factories.release("Counties asked to end 287(g) contracts").topics.add(topic)
    other = factories.topic("Asylum")
    factories.release("An asylum ruling").topics.add(other)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.1"],
        cwd=BASE_DIR,
        env=project_env(
            DATABASE_URL=child_database_url(),
            SECRET_KEY=site.SECRET_KEY,
            EMAIL_URL=smtp_server.url,
            SITE_URL=live_server.url,
            ALERTS_SCAN_SECONDS="0.5",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        page.goto(live_server.url + topic.get_absolute_url())
        signup = page.get_by_role("region", name="Email me new releases on 287(g)")
        signup.get_by_label("Your email address").fill("visitor@example.org")
        signup.get_by_label("A daily digest").check()
        signup.get_by_label("Each release as it is published").check()
        assert axe_violations(page) == []
        signup.get_by_role("button", name="Subscribe").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
        expect(page.locator("main")).to_contain_text("visitor@example.org")
        assert axe_violations(page) == []

        [confirmation] = smtp_server.wait_for(1, timeout=30)
        assert confirmation.rcpt_tos == ["visitor@example.org"]
        page.goto(live_server.url + confirm_link(confirmation.message))
        expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email alert")
        assert axe_violations(page) == []
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your email alerts")
        expect(page.get_by_role("status")).to_contain_text("releases on 287(g)")
        assert axe_violations(page) == []
        pages = {"manage": page.request.get(page.url).body()}

        publishing.publish(release_on(other, "Another asylum ruling"))
        publishing.publish(release_on(topic, "Sheriff ends 287(g) agreement"))
        assert wait_until(lambda: alerts_to(smtp_server, "visitor@example.org"), timeout=30)
        time.sleep(2)  # the worker keeps running: anything more would arrive now
        [alert] = alerts_to(smtp_server, "visitor@example.org")
        assert alert["Subject"] == "Sheriff ends 287(g) agreement"
        assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(20)
    assert worker.returncode == 0
    errors = vnu_errors(pages)
    assert errors == {"manage": []}


def release_on(topic, title):
    release = factories.release(title, state="draft")
    release.topics.add(topic)
    return release


@pytest.mark.browser
@pytest.mark.django_db
def test_the_alert_pages_are_valid_html(client, smtp_server):
    from django.test import Client
    from django.urls import reverse

    from alerts import tokens
    from tests.alerts.helpers import drain, subscribe, subscribe_and_confirm

    topic = factories.topic("287(g)")
    factories.release().topics.add(topic)
    subscriber = subscribe_and_confirm(client, smtp_server, "ana@example.org", kind="topic", target=topic.slug)
    token = tokens.confirmation_token("ben@example.org", "topic", topic, frequency="daily")
    visitor = Client()
    pages = {
        "subscribe": visitor.get(reverse("alerts:subscribe") + f"?topic={topic.slug}"),
        "subscribe, refused": subscribe(visitor, "not an address", kind="topic", target=topic.slug),
        "check your inbox": subscribe(visitor, "ben@example.org", kind="topic", target=topic.slug),
        "confirm": visitor.get(reverse("alerts:confirm", args=[token])),
        "link invalid": visitor.get(reverse("alerts:confirm", args=[token + "x"])),
        "manage": visitor.get(reverse("alerts:manage", args=[subscriber.token]) + "?confirmed=1"),
        "unsubscribe": visitor.get(reverse("alerts:unsubscribe", args=[subscriber.token])),
        "unsubscribed": visitor.post(reverse("alerts:unsubscribe", args=[subscriber.token])),
    }
    drain()
    assert {name: response.status_code for name, response in pages.items()} == {
        **dict.fromkeys(pages, 200),
        "subscribe, refused": 400,
        "link invalid": 400,
    }
    assert vnu_errors({name: response.content for name, response in pages.items()}) == {name: [] for name in pages}
