"""The benchmark archives both benchmarks share: one database per size, filled once by the generator.

`make bench` and `make bench-search` run against the same databases
(pressroom_bench_1k, pressroom_bench_100k) on the DATABASE_URL server, or on
the embedded server when DATABASE_URL is unset. Later runs reuse them.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_NAMES = {1000: "pressroom_bench_1k", 100000: "pressroom_bench_100k"}
SECRET = "bench-only-secret-key-not-for-production-use-0123456789"


def server_url():
    """The PostgreSQL server holding the bench databases, as a URL without a database name."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url.rsplit("/", 1)[0]
    sys.path.insert(0, str(BASE_DIR))
    from pressroom import embedded_db

    info = embedded_db.ensure_running()
    return f"postgres://postgres@{info['HOST'].replace('/', '%2F')}:{info['PORT']}"


def database_env(size, **extra):
    """(database name, environment) for running the project against the size's archive."""
    name = DB_NAMES.get(size, f"pressroom_bench_{size}")
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{server_url()}/{name}",
        SECRET_KEY=os.environ.get("SECRET_KEY", SECRET),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        **extra,
    )
    return name, env


def manage(env, *args, capture=False):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, text=True, capture_output=capture
    ).stdout


def migrated(label, **extra):
    """The environment of a run against a bench's own database named after `label`, created
    (embedded_db.create_database) and migrated once; the embedded server held until this exits."""
    import atexit

    sys.path.insert(0, str(BASE_DIR))
    from pressroom import embedded_db

    if not os.environ.get("DATABASE_URL"):
        embedded_db.ensure_running()
        embedded_db.hold()  # a test run ending meanwhile must not stop the server under the bench
        atexit.register(embedded_db.release)
    name, env = database_env(label, **extra)
    embedded_db.create_database(name, env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres")
    manage(env, "migrate", "-v0")
    return env


def prepare(size, **extra):
    """Create, migrate and fill the size's database (once), with the sample release in it."""
    sys.path.insert(0, str(BASE_DIR))
    from pressroom import embedded_db

    name, env = database_env(size, **extra)
    embedded_db.create_database(name, env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres")
    manage(env, "migrate", "-v0")
    count = manage(
        env, "shell", "-c", "from releases.models import Release; print(Release.objects.count())", capture=True
    )
    if int(count.split()[-1]) < size:
        print(f"  generating {size:,} releases into {name} (once; later runs reuse it)…", flush=True)
        started = time.monotonic()
        manage(env, "generate_archive", "--releases", str(size), "--seed", "1")
        print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
    manage(
        env,
        "shell",
        "-c",
        "from releases.sample_data import demo; from releases.models import Release; "
        "Release.objects.filter(slug=demo.SAMPLE_SLUG).exists() or demo.load_sample()",
    )
    manage(env, "collectstatic", "--noinput", "-v0")
    return env
