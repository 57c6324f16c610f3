"""`make bench-export`: the archive download written from the 1,000 and 100,000-release archives.

Runs `manage.py export_archive --output` as its own process against each bench database
(bench/archive_db.py) and prints the time, the process's peak resident memory (sampled ten
times a second) and the file's size: memory should stay flat while the archive grows 100×
(the export walks the releases in chunks). Then `import_archive` reads the small one back
into an empty database and the two files are compared.

Environment: BENCH_SIZES (default "1000,100000").
"""

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import archive_db
import psutil

BASE_DIR = Path(__file__).resolve().parent.parent
PY = sys.executable
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,100000").split(",") if s]


def run_measured(env, *args):
    """(seconds, peak RSS in bytes, stdout) of `manage.py *args` as its own process."""
    started = time.monotonic()
    proc = subprocess.Popen([PY, "manage.py", *args], cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True)
    watched, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.1)
    out = proc.stdout.read()
    if proc.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed ({proc.returncode})")
    return time.monotonic() - started, peak, out


def records_without_ids(path):
    with gzip.open(path, "rt", encoding="utf-8") as found:
        return [{k: v for k, v in json.loads(line).items() if k != "id"} for line in found]


def main():
    out_dir = BASE_DIR / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"{'releases':>9} {'exported':>9} {'seconds':>8} {'rel/s':>7} {'peak RSS':>9} {'file':>9}"]
    files = {}
    for size in SIZES:
        env = archive_db.prepare(size)
        path = out_dir / f"releases-{size}.jsonl.gz"
        seconds, peak, out = run_measured(env, "export_archive", "--output", str(path))
        records = int(out.split(": ", 1)[1].split()[0])
        files[size] = path
        lines.append(
            f"{size:9,} {records:9,} {seconds:8.1f} {records / seconds:7.0f} {peak / 2**20:7.0f} MiB "
            f"{path.stat().st_size / 2**20:6.1f} MiB"
        )
        print(lines[-1], flush=True)
    small = SIZES[0]
    name, env = archive_db.database_env(small)
    target = f"{name}_roundtrip"
    sys.path.insert(0, str(BASE_DIR))
    from pressroom import embedded_db

    url = env["DATABASE_URL"].rsplit("/", 1)[0]
    subprocess.run(
        [PY, "-c", f"import psycopg2; c = psycopg2.connect('{url}/postgres'); c.autocommit = True; "
         f"c.cursor().execute('DROP DATABASE IF EXISTS {target}')"],
        check=True,
    )  # fmt: skip
    embedded_db.create_database(target, url + "/postgres")
    env = dict(env, DATABASE_URL=f"{url}/{target}")
    archive_db.manage(env, "migrate", "-v0")
    seconds, peak, _ = run_measured(env, "import_archive", str(files[small]))
    again = out_dir / f"releases-{small}-again.jsonl.gz"
    archive_db.manage(env, "export_archive", "--output", str(again))
    first, second = records_without_ids(files[small]), records_without_ids(again)
    differ = sum(a != b for a, b in zip(first, second, strict=False)) + abs(len(first) - len(second))
    lines.append(
        f"\nimport_archive of {small:,}: {seconds:.1f} s, peak RSS {peak / 2**20:.0f} MiB; exported again, "
        f"{len(second):,} records, {differ} differing from the first export (database ids aside)"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
