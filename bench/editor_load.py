"""An editor saving while readers hammer the site: run beside `make bench`'s burst.

    python bench/editor_load.py BASE_URL SLUG SECONDS

For SECONDS it saves the release (a new archive note each time, through
publishing.save_release(), so every signal and after-commit step runs as in the admin),
then at once fetches its page five times over fresh connections (so from
several gunicorn workers) and counts any answer still without the new note:
a stale page. The note is put back at the end. Prints one JSON line.
"""

import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings")

import django  # noqa: E402

django.setup()

from releases import publishing  # noqa: E402
from releases.models import Release  # noqa: E402


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def main(base, slug, seconds):
    release = Release.objects.get(slug=slug)
    original = release.archive_note
    url = base + release.get_absolute_url()
    saves, fetches, stale, errors, save_ms = 0, 0, 0, 0, []
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            saves += 1
            release.archive_note = f"Benchmark edit number {saves}."
            started = time.perf_counter()
            publishing.save_release(
                release
            )  # autocommit: after-commit work (render key, content version) runs before it returns
            save_ms.append((time.perf_counter() - started) * 1000)
            for _ in range(5):
                status, body = fetch(url)
                fetches += 1
                if status != 200:
                    errors += 1
                elif release.archive_note not in body:
                    stale += 1
            time.sleep(0.25)
    finally:
        release.archive_note = original
        publishing.save_release(release)
    print(
        json.dumps(
            {
                "saves": saves,
                "fetches": fetches,
                "stale": stale,
                "errors": errors,
                "save_p50_ms": round(statistics.median(save_ms), 1) if save_ms else None,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
