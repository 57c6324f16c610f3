"""Database outage: 503 with a friendly page while PostgreSQL is away, and recovery on its own when it returns."""

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from cluster.gunicorn import Gunicorn
from tests.servers import BASE_DIR, fetch, healthz_is, project_env, run_python, wait_until

FRIENDLY = "Temporarily unavailable"

# One path per public URL pattern, with plausible values; the database is unreachable for all of them.
PUBLIC_PATHS = [
    "/",
    "/releases/",
    "/releases/2015/",
    "/releases/2015/07/",
    "/releases/some-release/",
    "/preview/some-token/",
    "/organizations/",
    "/organizations/some-org/",
    "/people/some-one/",
    "/topics/some-topic/",
    "/search/?q=deportation",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/topics/some-topic/rss/",
    "/feeds/organizations/some-org/atom/",
    "/sitemap.xml",
    "/no-such-page/",
    "/healthz",
]


def test_every_public_page_answers_503_without_a_traceback_when_the_database_is_unreachable():
    code = (
        "import django, json, time; django.setup(); from django.test import Client; c = Client(); out = {}\n"
        f"for path in {PUBLIC_PATHS!r}:\n"
        "    t = time.monotonic(); r = c.get(path)\n"
        "    body = (b''.join(r.streaming_content) if r.streaming else r.content).decode(errors='replace')\n"
        "    out[path] = [r.status_code, round(time.monotonic() - t, 2), 'Traceback' in body]\n"
        "print(json.dumps(out))"
    )
    result = run_python(code, {"DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere", "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    for path, (status, seconds, traceback_in_body) in answers.items():
        # robots.txt-like pages may need no database at all; nothing may be a 500.
        assert status in {200, 503}, (path, status)
        assert seconds < 3, (path, seconds)
        assert not traceback_in_body, path
    assert "Traceback" not in result.stderr
    assert answers["/healthz"][0] == 503
    assert answers["/releases/some-release/"][0] == 503


def embedded(var, action):
    """Run embedded_db.<action>() in a subprocess that sees only the throwaway var dir."""
    result = run_python(f"from pressroom import embedded_db; embedded_db.{action}()", {"PRESSROOM_VAR_DIR": str(var)})
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def var_dir():
    """A var dir outside pytest's temp root: pytest makes that root 0700 whenever any pytest
    session starts, which would lock the embedded server's own system user out mid-test."""
    root = Path(tempfile.mkdtemp(prefix="pressroom-outage-"))
    root.chmod(0o755)
    yield root / "var"
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.slow
def test_pages_answer_503_while_postgresql_is_stopped_and_recover_without_a_restart(tmp_path, var_dir):
    var = var_dir
    env = project_env(PRESSROOM_VAR_DIR=str(var), WEB_CONCURRENCY="1", GUNICORN_ACCESSLOG="-")
    try:
        prepared = subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env, capture_output=True, text=True
        )
        assert prepared.returncode == 0, prepared.stderr
        demo = subprocess.run(
            [sys.executable, "manage.py", "load_demo"], cwd=BASE_DIR, env=env, capture_output=True, text=True
        )
        assert demo.returncode == 0, demo.stderr
        with Gunicorn(env, log_path=tmp_path / "gunicorn.log", ready_within=30) as server:
            base = server.base
            assert fetch(base + "/")[0] == 200  # now in the page cache
            assert fetch(base + "/organizations/")[0] == 200

            embedded(var, "stop")
            assert not (var / "pgdata" / "postmaster.pid").exists()

            status, body, seconds = fetch(base + "/healthz")
            assert (status, seconds < 3) == (503, True), (status, seconds)
            outage_answers = []
            for path in ["/releases/", "/releases/2015/", "/search/?q=deportation", "/no-such-page/", "/feeds/rss/"]:
                status, body, seconds = fetch(base + path)
                outage_answers.append((path, status, round(seconds, 2)))
                assert status == 503, (path, status)
                assert seconds < 3, (path, seconds)
                assert FRIENDLY in body and "Traceback" not in body
            # A page a visitor already had stays served from the cache (or is a friendly 503).
            cached_status = fetch(base + "/")[0]
            assert cached_status in {200, 503}
            # Keep asking for a few seconds, as a load balancer would.
            for _ in range(10):
                assert fetch(base + "/healthz")[0] == 503
                time.sleep(0.2)

            restarted_at = time.monotonic()
            embedded(var, "ensure_running")
            server_up = time.monotonic() - restarted_at
            assert wait_until(healthz_is(base, 200), timeout=30, interval=0.05)
            recovered = time.monotonic() - restarted_at
            assert fetch(base + "/organizations/")[0] == 200
            assert fetch(base + "/releases/2015/")[0] == 200
            assert server.proc.poll() is None  # the same gunicorn, never restarted

            text = server.log_text()
            assert "Traceback" not in text, text[-3000:]
            assert text.count("Booting worker") == 1, text[-3000:]  # no worker crash loop
            assert "Database unavailable" in text  # one warning line per refused request
        print(
            f"\noutage: answers {outage_answers}; cached home during outage: {cached_status}; "
            f"PostgreSQL back after {server_up:.2f}s, /healthz 200 after {recovered:.2f}s (no gunicorn restart)"
        )
    finally:
        embedded(var, "stop")
