"""Schemathesis, the OpenAPI fuzzer, against the API served by a real gunicorn (as `make serve`
runs it, the page cache's WSGI layer included) with its default checks: no 5xx, every answer
matches the OpenAPI document, no status it does not document. The CLI (`st run`) drives it
from outside: schemathesis' own pytest loader cannot load a schema lazily on pytest 9.2
(shared/RECIPES.md §6), and a child process is what a real client is."""

import subprocess
import sys
from pathlib import Path

import pytest

from cluster.gunicorn import Gunicorn
from releases.models import ChangeNote
from tests import factories
from tests.servers import child_database_url, project_env

ST = Path(sys.executable).parent / "st"
CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schemathesis_finds_no_failure_in_the_live_api(archive, settings, tmp_path):
    release = archive["public"]
    factories.release_contact(release, factories.contact("Press Desk"))
    ChangeNote.objects.create(release=release, note="A correction.")
    env = project_env(
        DATABASE_URL=child_database_url(),
        SECRET_KEY="test-only-secret-key-for-the-worker-processes-0123456789",
        PRESSROOM_VAR_DIR=str(settings.PAGE_CACHE_VERSION_FILE.parent),
        WEB_CONCURRENCY="2",
        ALLOWED_HOSTS="127.0.0.1",
        PAGE_CACHE="true",
        API_RATE_LIMIT="0",  # the fuzzer sends hundreds of requests a minute; the limit has its own test
    )
    with Gunicorn(env, log_path=tmp_path / "gunicorn.log", ready_within=60) as server:
        run = subprocess.run(
            [
                str(ST),
                f"--config-file={CONFIG}",
                "run",
                server.url("/api/v1/openapi.json"),
                "--max-examples=25",
                "--seed=1",
                "--workers=2",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
        )
        log = server.log_text()
    (tmp_path / "schemathesis.txt").write_text(run.stdout + run.stderr)
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    assert "No issues found" in run.stdout, report
    assert "Traceback" not in log, log[-3000:]
