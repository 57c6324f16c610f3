"""Email transport: EMAIL_URL or the usual variables, SMTP for real, and .eml files in var/mail/ by default."""

import email
import json
from email import policy
from pathlib import Path

import pytest
from django.core.mail import EmailMessage

from pressroom.email_settings import EML_FILES, SMTP, EmailUrlError, email_settings, parse_email_url
from pressroom.mail import EmlFileBackend
from tests.servers import run_python


def test_email_url_schemes():
    assert parse_email_url("smtp://mail.example.org") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }
    submission = parse_email_url("submission://press%40example.org:p%3Ass%2Fw@smtp.example.org")
    assert (submission["EMAIL_PORT"], submission["EMAIL_USE_TLS"], submission["EMAIL_USE_SSL"]) == (587, True, False)
    assert (submission["EMAIL_HOST_USER"], submission["EMAIL_HOST_PASSWORD"]) == ("press@example.org", "p:ss/w")
    smtps = parse_email_url("smtps://u:p@smtp.example.org?timeout=3")
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_TIMEOUT"]) == (465, True, 3.0)
    assert parse_email_url("smtp://h:2525?tls=true")["EMAIL_USE_TLS"] is True
    assert parse_email_url("file:///srv/mail") == {"EMAIL_BACKEND": EML_FILES, "EMAIL_FILE_PATH": "/srv/mail"}
    assert parse_email_url("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")


@pytest.mark.parametrize(
    "url, says",
    [
        ("smtp://", "needs a host"),
        ("smtp://h:notaport", "bad port"),
        ("smtps://h?tls=true", "choose one"),
        ("gopher://h", "not one of"),
        ("mail.example.org", "not one of"),
        ("file://", "needs a folder"),
        ("smtp://h?timeout=soon", "not a number"),
    ],
)
def test_bad_email_urls_say_what_is_wrong(url, says):
    with pytest.raises(EmailUrlError, match=says):
        parse_email_url(url)


def test_without_settings_mail_goes_to_eml_files_in_var(tmp_path):
    config = email_settings({}, tmp_path)
    assert config["EMAIL_BACKEND"] == EML_FILES
    assert config["EMAIL_FILE_PATH"] == str(tmp_path / "mail")
    usual = email_settings({"EMAIL_HOST": "smtp.example.org", "EMAIL_USE_SSL": "true"}, tmp_path)
    assert (usual["EMAIL_BACKEND"], usual["EMAIL_PORT"], usual["EMAIL_USE_SSL"]) == (SMTP, 465, True)
    anymail = email_settings({"EMAIL_BACKEND": "anymail.backends.mailgun.EmailBackend"}, tmp_path)
    assert anymail["EMAIL_BACKEND"] == "anymail.backends.mailgun.EmailBackend"


def test_eml_backend_writes_one_readable_file_per_message(tmp_path):
    backend = EmlFileBackend(file_path=tmp_path / "mail")
    messages = [
        EmailMessage(f"Subject {n} — Saldaña", f"Body {n}", "press@example.org", [f"r{n}@example.org"])
        for n in range(3)
    ]
    assert backend.send_messages(messages) == 3
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 3
    parsed = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert sorted(m["Subject"] for m in parsed) == [f"Subject {n} — Saldaña" for n in range(3)]
    assert all(f.stat().st_mode & 0o077 == 0 for f in files)  # addresses: the owner's eyes only
    assert not list((tmp_path / "mail").glob("*.part"))


SEND_AND_DESCRIBE = """
import json
import django
django.setup()
from django.conf import settings
from django.core.mail import send_mail
sent = send_mail("Transport check", "Sent by the project's settings.", None, ["editor@example.org"])
print(json.dumps({"backend": settings.EMAIL_BACKEND, "sent": sent, "from": settings.DEFAULT_FROM_EMAIL}))
"""


def test_email_url_sends_through_a_real_smtp_server(smtp_server):
    env = {"EMAIL_URL": smtp_server.url, "SITE_NAME": "Newsroom", "DATABASE_URL": "postgres://nobody@127.0.0.1:9/x"}
    result = run_python(SEND_AND_DESCRIBE, {**env, "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    described = json.loads(result.stdout.strip().splitlines()[-1])
    assert described["backend"] == SMTP and described["sent"] == 1
    [received] = smtp_server.wait_for(1)
    assert received.rcpt_tos == ["editor@example.org"]
    assert received.message["Subject"] == "Transport check"
    assert received.message["From"] == "Newsroom <noreply@localhost>"


def test_a_laptop_without_settings_writes_to_var_mail(tmp_path):
    var = tmp_path / "var"
    # A DATABASE_URL no one answers: sending mail needs no database, and none is started.
    env = {"PRESSROOM_VAR_DIR": str(var), "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere", "DEBUG": "true"}
    result = run_python(SEND_AND_DESCRIBE, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["backend"] == EML_FILES
    [eml] = Path(var / "mail").glob("*.eml")
    assert "Transport check" in eml.read_text()


def test_a_bad_email_url_stops_start_up_with_the_reason():
    result = run_python("import django; django.setup()", {"EMAIL_URL": "smtp://", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "EMAIL_URL smtp:// needs a host" in result.stderr
