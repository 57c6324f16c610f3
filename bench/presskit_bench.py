"""`make bench-presskit`: peak memory of streaming a press kit's ZIP, and the release PDF's render time.

ZIP: a published release gets a press kit of BENCH_KIT_MB megabytes (default 200: four files of
random bytes, which no compression shrinks), and its "Download press kit" is requested through
Django (every middleware, the real view) in a fresh process that reads the streamed answer to the
end and throws it away; the process's peak resident memory is printed next to the same for a 2 MB
kit. A ZIP written as it is sent costs about the same for both; one held in memory would cost
the kit's size.

PDF: the sample release (the demo's) is rendered to PDF: the first render in a fresh process
(imports, fonts read and parsed), then warm renders (the same process, the render cache bypassed;
wall time and the process's CPU time, which a machine busy with other work does not inflate),
and a request for the PDF answered from the cache (per render key).

Both run against a database of their own (pressroom_bench_presskit, on the DATABASE_URL server
or the embedded one; created and migrated once); every row is written in a transaction that is
rolled back, and the files go to a temporary folder.

    .venv/bin/python bench/presskit_bench.py
    .venv/bin/python bench/presskit_bench.py --zip 200     # one measurement (prints JSON)
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))
KIT_MB = int(os.environ.get("BENCH_KIT_MB", "200"))
FILES = 4
WARM_RENDERS = int(os.environ.get("BENCH_PDF_RENDERS", "20"))


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def setup_django(folder):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings")
    import django

    django.setup()
    from django.test.utils import override_settings

    from pressroom import settings as project_settings

    storages = {
        **project_settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder}},
    }
    override_settings(STORAGES=storages, MEDIA_ROOT=Path(folder) / "media", PAGE_CACHE=False).enable()


def kit_release(megabytes, folder):
    """A published release with a kit of `megabytes` of random files, written straight to storage."""
    from releases.models import Asset, Licence
    from tests import factories

    release = factories.release(f"Press kit of {megabytes} MB")
    each = megabytes * 1024 * 1024 // FILES
    for number in range(1, FILES + 1):
        name = f"kit/bench/{megabytes}mb-{number}.mp4"
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            out.write(b"\x00\x00\x00\x18ftypmp42")
            left = each - 12
            while left > 0:
                out.write(os.urandom(min(left, 1024 * 1024)))
                left -= 1024 * 1024
        Asset.objects.create(
            release=release,
            position=number,
            kind=Asset.Kind.VIDEO,
            file=name,
            original_name=f"clip-{number}.mp4",
            size=path.stat().st_size,
            caption=f"Clip {number}",
            credit="Bench",
            licence=Licence.CC_BY,
        )
    return release


def measure_zip(megabytes):
    """Stream the ZIP of a kit of `megabytes` MB through Django; JSON of what it cost."""
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        from django.db import transaction
        from django.test import Client

        from releases.reading import press_kit

        with transaction.atomic():
            release = kit_release(megabytes, folder)
            client = Client()
            assert client.get(release.get_absolute_url()).status_code == 200  # warm: imports, templates
            before = peak_rss_mb()
            started = time.perf_counter()
            response = client.get(press_kit.zip_url(release))
            assert response.status_code == 200, response.status_code
            sent = 0
            for piece in response.streaming_content:
                sent += len(piece)
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
    return {"kit_mb": megabytes, "zip_bytes": sent, "seconds": round(seconds, 2), "rss_before_mb": round(before),
            "peak_rss_mb": round(peak_rss_mb())}  # fmt: skip


def measure_pdf():
    """The sample release's PDF: first render, warm renders, and a cached answer; JSON."""
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        from django.db import transaction
        from django.test import Client

        from releases.reading import release_pdf
        from releases.sample_data import demo

        with transaction.atomic():
            demo.load_site_settings()
            release = demo.load_sample()
            loaded = release_pdf.load(release.pk)
            started = time.perf_counter()
            first = release_pdf.render(loaded)
            cold = (time.perf_counter() - started) * 1000
            warm, cpu = [], []
            for _ in range(WARM_RENDERS):
                loaded = release_pdf.load(release.pk)
                started, started_cpu = time.perf_counter(), time.process_time()
                release_pdf.render(loaded)
                warm.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            client = Client()
            url = release_pdf.url(release)
            assert client.get(url).status_code == 200  # fills the cache
            cached = []
            for _ in range(WARM_RENDERS):
                started = time.perf_counter()
                response = client.get(url)
                cached.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            transaction.set_rollback(True)
    return {
        "pdf_bytes": len(first),
        "first_ms": round(cold, 1),
        "warm_median_ms": round(statistics.median(warm), 1),
        "warm_max_ms": round(max(warm), 1),
        "warm_cpu_median_ms": round(statistics.median(cpu), 1),
        "cached_request_median_ms": round(statistics.median(cached), 1),
    }


def child(args, env):
    result = subprocess.run([sys.executable, __file__, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"bench step {args} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_database():
    """The environment of a run against the bench's own database (created and migrated once)."""
    import archive_db

    return archive_db.migrated("presskit")


def main():
    env = bench_database()
    print("Press kit ZIP, streamed through Django and read to the end (each in a fresh process):")
    print(f"{'kit':>8} {'ZIP bytes':>14} {'seconds':>8} {'MB/s':>7} {'RSS before':>11} {'peak RSS':>9}")
    for megabytes in (2, KIT_MB):
        found = child(["--zip", str(megabytes)], env)
        rate = found["zip_bytes"] / 1024 / 1024 / max(found["seconds"], 0.001)
        print(f"{megabytes:>5} MB {found['zip_bytes']:>14,} {found['seconds']:>8} {rate:>7.0f} "
              f"{found['rss_before_mb']:>8} MB {found['peak_rss_mb']:>6} MB", flush=True)  # fmt: skip
    if "--no-pdf" in sys.argv:
        return
    found = child(["--pdf"], env)
    print(f"\nPDF of the sample release ({found['pdf_bytes']:,} bytes), target < 200 ms warm:")
    print(f"  first render in a fresh process  {found['first_ms']:>7} ms")
    warm, worst = found["warm_median_ms"], found["warm_max_ms"]
    print(f"  warm render, median of {WARM_RENDERS:<3}      {warm:>7} ms (max {worst} ms)")
    cpu = found["warm_cpu_median_ms"]
    print(f"  the same, CPU time of the process  {cpu:>7} ms (median; a busy machine's wait left out)")
    print(f"  request answered from the cache  {found['cached_request_median_ms']:>7} ms (median)")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--zip":
        print(json.dumps(measure_zip(int(sys.argv[2]))))
    elif len(sys.argv) > 1 and sys.argv[1] == "--pdf":
        print(json.dumps(measure_pdf()))
    else:
        main()
