"""Admin brute-force lockout (django-axes): bad passwords lock the account, an Editor unlocks it."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def writer():
    user = User.objects.create_user("writer", "writer@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Writer"))
    return user


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def log_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def fail(client, username, times, ip="203.0.113.7"):
    return [log_in(client, username, "wrong password", ip).status_code for _ in range(times)]


def test_bad_passwords_lock_the_account_with_a_clear_message(client, writer):
    assert fail(client, "writer", 4) == [200, 200, 200, 200]  # the form again, with its error

    locked = log_in(client, "writer", "wrong password")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in temporarily locked" in text
    assert "5 unsuccessful attempts" in text
    assert "30 minutes" in text
    assert "ask an Editor to unlock" in text

    # Even the right password is refused now, and no session is started.
    right = log_in(client, "writer", PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_keyed_on_user_name_and_address(client, writer, editor):
    fail(client, "writer", 5)
    # The same user from another address, and another user from the same address, still get in.
    assert log_in(client, "writer", PASSWORD, ip="198.51.100.9").status_code == 302
    client.logout()
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_an_editor_unlocks_the_account_in_admin(client, writer, editor):
    fail(client, "writer", 5)
    assert log_in(client, "writer", PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="writer")

    editors_client = type(client)()
    editors_client.force_login(editor)
    changelist = editors_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "writer" in changelist.content.decode()
    assert "Locked Out" in changelist.content.decode()
    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    response = editors_client.post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="writer").exists()

    response = log_in(client, "writer", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_a_writer_cannot_unlock(client, writer):
    fail(client, "someone", 5)
    attempt = AccessAttempt.objects.get(username="someone")
    client.force_login(writer)
    response = client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_a_successful_login_resets_the_count(client, writer):
    fail(client, "writer", 4)
    assert log_in(client, "writer", PASSWORD).status_code == 302
    client.logout()
    # Four more failures are allowed again before the fifth locks.
    assert fail(client, "writer", 4) == [200, 200, 200, 200]
    assert log_in(client, "writer", PASSWORD).status_code == 302


def test_behind_a_proxy_the_lockout_keys_on_the_forwarded_address(client, writer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def through_proxy(visitor, password):
        return client.post(
            reverse("admin:login"),
            {"username": "writer", "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"6.6.6.6, {visitor}",  # the first entry is the client's own claim
        )

    for _ in range(5):
        through_proxy("203.0.113.50", "wrong password")
    assert through_proxy("203.0.113.50", PASSWORD).status_code == 429
    assert AccessAttempt.objects.get(username="writer").ip_address == "203.0.113.50"
    # Another visitor behind the same proxy is not locked out with the first.
    assert through_proxy("198.51.100.20", PASSWORD).status_code == 302


@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_ACCEPT"])
def test_a_nul_byte_in_a_header_neither_breaks_the_login_nor_escapes_the_count(client, writer, header):
    # PostgreSQL cannot store NUL: unhandled, each failure would be a 500 that is never counted.
    hostile = {header: "curl\x00/8"}
    for _ in range(4):
        response = client.post(reverse("admin:login"), {"username": "writer", "password": "nope"}, **hostile)
        assert response.status_code == 200
    assert AccessAttempt.objects.get(username="writer").failures_since_start == 4
    assert (
        client.post(reverse("admin:login"), {"username": "writer", "password": "nope"}, **hostile).status_code == 429
    )
    assert (
        client.post(reverse("admin:login"), {"username": "writer", "password": PASSWORD}, **hostile).status_code == 429
    )


def test_a_nul_byte_in_the_user_agent_does_not_break_a_good_login(client, writer):
    response = client.post(
        reverse("admin:login"), {"username": "writer", "password": PASSWORD}, HTTP_USER_AGENT="ok\x00ok"
    )
    assert response.status_code == 302


@pytest.mark.parametrize("remote_addr", ["", "unix:", "not-an-address"])
def test_a_connection_without_an_ip_address_can_still_log_in(client, writer, remote_addr):
    bad = client.post(reverse("admin:login"), {"username": "writer", "password": "nope"}, REMOTE_ADDR=remote_addr)
    assert bad.status_code == 200
    good = client.post(reverse("admin:login"), {"username": "writer", "password": PASSWORD}, REMOTE_ADDR=remote_addr)
    assert good.status_code == 302


def test_an_over_long_user_name_is_counted_not_a_500(client):
    # The login form does not limit the name's length; axes' column holds 255 characters.
    name = "x" * 1000

    def attempt():
        return client.post(reverse("admin:login"), {"username": name, "password": "nope"}).status_code

    assert [attempt() for _ in range(4)] == [200] * 4
    assert attempt() == 429
    assert AccessAttempt.objects.get().username == "x" * 255
