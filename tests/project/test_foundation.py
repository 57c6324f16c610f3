"""The project's foundation: settings, database bootstrap, health check, error pages, static files."""

import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from django.templatetags.static import static
from django.test import override_settings

from tests.servers import MACHINE_PG, machine_postgres_available, run_python

CONNECT = (
    "import django; django.setup(); from django.db import connection; "
    "c = connection.cursor(); c.execute('select version()'); print(c.fetchone()[0])"
)


@pytest.mark.slow
def test_embedded_default_starts_a_server_in_var_and_connects():
    # Not under pytest's tmp root: pytest keeps it 0700, and the server may run as its own user.
    root = Path(tempfile.mkdtemp(prefix="pressroom-embedded-"))
    var = root / "var"
    result = run_python(CONNECT, {"PRESSROOM_VAR_DIR": str(var)})
    try:
        assert result.returncode == 0, result.stderr
        assert "PostgreSQL" in result.stdout
        assert (var / "pgdata" / "PG_VERSION").exists()
        assert (var / "secret_key").exists()
        # A second command reuses the running server.
        again = run_python(CONNECT, {"PRESSROOM_VAR_DIR": str(var)})
        assert again.returncode == 0, again.stderr
    finally:
        stop = run_python("from pressroom import embedded_db; embedded_db.stop()", {"PRESSROOM_VAR_DIR": str(var)})
        assert stop.returncode == 0, stop.stderr
    assert not (var / "pgdata" / "postmaster.pid").exists()
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.skipif(not machine_postgres_available(), reason="no PostgreSQL at 127.0.0.1:5432")
def test_database_url_selects_that_server():
    result = run_python(CONNECT, {"DATABASE_URL": MACHINE_PG, "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    assert "PostgreSQL" in result.stdout


def test_production_without_secret_key_refuses_to_start():
    result = run_python("import django; django.setup()", {"DATABASE_URL": MACHINE_PG, "DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_production_variables():
    env = {
        "DATABASE_URL": MACHINE_PG,
        "SECRET_KEY": "k3y-" + "a1b2c3d4e5f6g7h8" * 4,
        "DEBUG": "false",
        "HTTPS": "true",
        "ALLOWED_HOSTS": "press.example.org",
        "SITE_URL": "https://press.example.org",
    }
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("status", "database", "cache")} == {"status": "ok", "database": "ok", "cache": "ok"}
    # The parts of a multi-host set-up, none configured here (the cluster tests configure them).
    assert {k: body[k] for k in ("replica", "media", "purge")} == {"replica": "off", "media": "off", "purge": "off"}
    assert "X-Health-Degraded" not in response
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_quickly_when_the_database_is_away():
    code = (
        "import django, time; django.setup(); from django.test import Client; "
        "t = time.monotonic(); r = Client().get('/healthz'); "
        "print(r.status_code, round(time.monotonic() - t, 2)); print(r.content.decode())"
    )
    started = time.monotonic()
    result = run_python(code, {"DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere", "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    status, seconds = result.stdout.split()[:2]
    assert status == "503"
    assert float(seconds) < 5
    assert "Traceback" not in result.stdout + result.stderr
    assert time.monotonic() - started < 30


@pytest.mark.django_db
def test_404_page_renders_from_project_template_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Traceback" not in response.content


@override_settings(ROOT_URLCONF="tests.project.failing_urls", DEBUG=False)
def test_500_page_renders_from_project_template(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"deliberate failure" not in response.content


@pytest.mark.django_db
def test_static_files_have_hashed_names_and_long_cache_life(client):
    url = static("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url), url
    response = client.get(url)
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
