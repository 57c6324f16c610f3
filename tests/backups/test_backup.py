"""Backups: `backup` then `restore` into a fresh, empty database gives back every public page, byte for byte."""

import io
import json
import os
import subprocess
import sys
import tarfile
from urllib.parse import quote

import psycopg2
import pytest
from django.db import connection

from tests.servers import BASE_DIR


def server_url(database):
    """A DATABASE_URL for `database` on the server the tests use (embedded or not)."""
    db = connection.settings_dict
    host = quote(str(db["HOST"] or "localhost"), safe="")
    auth = quote(db["USER"] or "postgres", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{database}"


def admin_connection():
    conn = psycopg2.connect(server_url("postgres"))
    conn.autocommit = True
    return conn


def manage(database, media, *args, code=None):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS", "PRESSROOM_VAR_DIR"}}
    env.update(
        DATABASE_URL=server_url(database),
        SECRET_KEY="backup-test-" + "x" * 40,
        MEDIA_ROOT=str(media),
        PAGE_CACHE="false",
        DJANGO_SETTINGS_MODULE="pressroom.settings",
    )
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300)


def snapshot(database, media):
    result = manage(database, media, code="from tests.public_urls import snapshot_pages; snapshot_pages()")
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def evil_backup(path, dump):
    """A file shaped like a backup whose media tries to climb out of the restore folder."""
    with tarfile.open(path, "w:gz") as tar:
        tar.add(dump, arcname="database.dump")
        data = b"owned"
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


@pytest.mark.slow
def test_backup_and_restore_into_an_empty_database_gives_back_every_page(tmp_path):
    suffix = f"{os.getpid()}"
    source, target = f"pressroom_backup_src_{suffix}", f"pressroom_backup_dst_{suffix}"
    source_media, target_media = tmp_path / "media-src", tmp_path / "media-dst"
    (source_media / "logos").mkdir(parents=True)
    (source_media / "logos" / "logo.png").write_bytes(b"\x89PNG not really, but bytes to keep")
    admin = admin_connection()
    try:
        with admin.cursor() as cursor:
            for name in (source, target):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{name}"')
        for step in (["migrate", "-v0"], ["load_demo"]):
            result = manage(source, source_media, *step)
            assert result.returncode == 0, result.stderr[-3000:]
        before = snapshot(source, source_media)

        made = manage(source, source_media, "backup", "--output-dir", str(tmp_path / "backups"))
        assert made.returncode == 0, made.stderr[-3000:]
        (backup_file,) = (tmp_path / "backups").glob("pressroom-*.tar.gz")
        with tarfile.open(backup_file) as tar:
            names = set(tar.getnames())
            dump = tmp_path / "database.dump"
            dump.write_bytes(tar.extractfile("database.dump").read())
        assert {"database.dump", "manifest.json", "media/logos/logo.png"} <= names

        # A tampered file is refused before anything is written outside the restore folder.
        evil = tmp_path / "evil.tar.gz"
        evil_backup(evil, dump)
        refused = manage(target, target_media, "restore", str(evil))
        assert refused.returncode != 0
        assert not (tmp_path / "escaped.txt").exists() and not (BASE_DIR / "escaped.txt").exists()

        restored = manage(target, target_media, "restore", str(backup_file))
        assert restored.returncode == 0, restored.stderr[-3000:]
        assert "Restored" in restored.stdout
        assert (target_media / "logos" / "logo.png").read_bytes() == (source_media / "logos" / "logo.png").read_bytes()
        after = snapshot(target, target_media)

        assert after == before
        served = sum(1 for status, _, _ in before.values() if status == 200)
        assert served >= 20, before  # the comparison covers real pages, not just 404s
        print(
            f"\nbackup round trip: {len(before)} public URLs compared, {served} pages with 200, all identical; "
            f"backup {backup_file.stat().st_size / 1024:.0f} kB"
        )

        # Nothing more goes into a database that is no longer empty.
        again = manage(target, target_media, "restore", str(backup_file))
        assert again.returncode != 0
        assert "is not empty" in again.stderr
        # And the restored database is a normal one: nothing left to migrate.
        check = manage(target, target_media, "migrate", "--check")
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        with admin.cursor() as cursor:
            for name in (source, target):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
