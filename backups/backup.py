"""Back up and restore the whole archive: the database and the uploaded media, in one file.

A backup is a gzipped tar holding `database.dump` (pg_dump's custom format, taken in
one transaction, so it is consistent however busy the site is), `media/` (every file of
the "default" storage: MEDIA_ROOT, or the object store's bucket when MEDIA_STORAGE_URL
is set), `private-media/` (the "private" storage's files) and `manifest.json`. Files are
read and written through Django's storage API, so the same code backs up a folder or a
bucket, one file at a time. The PostgreSQL 18 client programs shipped with the
embedded server are used for every database, embedded or not: they read and write
any server from 9.2 on, so no system package is needed.

A restore goes only into an *empty* database, so it can never mix two archives or
overwrite one by mistake.
"""

import io
import json
import os
import subprocess
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connections

from pagecache import content_version
from pressroom import embedded_db

DUMP_NAME = "database.dump"
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
# The storages a backup carries, and the folder of the archive each one's files go in.
STORAGE_DIRS = {"default": MEDIA_DIR, "private": "private-media"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def _connection_args(alias="default"):
    """pg_dump/pg_restore arguments and environment for a Django database."""
    db = connections[alias].settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    sslmode = db.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    env["PGCONNECT_TIMEOUT"] = str(db.get("OPTIONS", {}).get("connect_timeout", 10))
    return args, env


def _run(program, args, env):
    result = subprocess.run([embedded_db.bin_path(program), *args], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed:\n{result.stderr.strip()}")
    return result


def default_directory():
    return Path(os.environ.get("BACKUP_DIR", settings.VAR_DIR / "backups"))


def _stored_files(storage, path=""):
    """Every file name in `storage` under `path`, walking its folders (a folder or a bucket)."""
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{path}/{name}" if path else name
    for folder in folders:
        yield from _stored_files(storage, f"{path}/{folder}" if path else folder)


def _carried_storages():
    return {alias: folder for alias, folder in STORAGE_DIRS.items() if alias in settings.STORAGES}


def backup(directory=None):
    """Write a backup file into `directory` and return its path."""
    directory = Path(directory or default_directory())
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"pressroom-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="pressroom-backup-") as work:
        dump = Path(work) / DUMP_NAME
        args, env = _connection_args()
        _run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), *args], env)
        manifest = {
            "format": 1,
            "created_at": datetime.now(timezone.utc).isoformat(),
            "database": connections["default"].settings_dict["NAME"],
            "server_version": connections["default"].pg_version,
            "media_files": 0,
            "private_files": 0,
        }
        partial = target.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, arcname=DUMP_NAME)
            for alias, folder in _carried_storages().items():
                storage = storages[alias]
                for name in _stored_files(storage):
                    with storage.open(name, "rb") as source:
                        info = tarfile.TarInfo(f"{folder}/{name}")
                        info.size = storage.size(name)
                        info.mtime = int(datetime.now(timezone.utc).timestamp())
                        tar.addfile(info, source)
                    manifest["media_files" if alias == "default" else "private_files"] += 1
            info = tarfile.TarInfo(MANIFEST_NAME)
            data = json.dumps(manifest, indent=2).encode()
            info.size = len(data)
            info.mtime = int(datetime.now(timezone.utc).timestamp())
            tar.addfile(info, io.BytesIO(data))
        partial.rename(target)  # a half-written backup never carries the final name
    target.chmod(0o600)
    return target


def database_tables(alias="default"):
    """Names of the tables, views and sequences outside PostgreSQL's own schemas."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE %s
            ORDER BY 1
            """,
            ["pg\\_%"],
        )
        return [row[0] for row in cursor.fetchall()]


def _extract(archive, into):
    with tarfile.open(archive, "r:*") as tar:
        names = tar.getnames()
        if DUMP_NAME not in names:
            raise BackupError(f"{archive} is not a Pressroom backup: it has no {DUMP_NAME}.")
        if hasattr(tarfile, "data_filter"):
            # Refuses absolute paths, "..", links out of the tree and device files.
            tar.extractall(into, filter="data")
            return
        for member in tar.getmembers():  # Python before 3.10.12 / 3.11.4: check by hand
            unsafe = member.name.startswith("/") or ".." in member.name.split("/")
            if unsafe or not (member.isfile() or member.isdir()):
                raise BackupError(f"{archive} holds an unsafe entry: {member.name!r}.")
        tar.extractall(into)  # noqa: S202 (members checked above)


def restore(archive):
    """Restore a backup into the (empty) configured database and MEDIA_ROOT; return a summary."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No backup file at {archive}.")
    name = connections["default"].settings_dict["NAME"]
    existing = database_tables()
    if existing:
        hint = (
            "For the embedded database: `make db-stop`, move var/pgdata aside, then restore again "
            "(a new, empty one is created)."
            if settings.EMBEDDED_DATABASE
            else f"Create an empty database (createdb NEW) and point DATABASE_URL at it, or drop and re-create {name}."
        )
        raise BackupError(
            f"The database {name} is not empty ({len(existing)} tables, e.g. {existing[0]}); "
            f"a restore goes only into an empty database, so nothing is overwritten. {hint}"
        )
    with tempfile.TemporaryDirectory(prefix="pressroom-restore-") as work:
        _extract(archive, work)
        connections["default"].close()
        _load_dump(Path(work) / DUMP_NAME, Path(work) / "database.sql")
        copied, skipped = restore_media(Path(work))
    _forget_cached_pages()
    return {"database": name, "tables": len(database_tables()), "media_copied": copied, "media_skipped": skipped}


def restore_media(work):
    """Put the files of an extracted backup in `work` back into their storages; (copied, skipped)."""
    copied = skipped = 0
    for alias, folder in _carried_storages().items():
        storage, source = storages[alias], work / folder
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(source).as_posix()
            if storage.exists(name):
                skipped += 1  # never overwrite a file already there
                continue
            with path.open("rb") as handle:
                storage.save(name, File(handle, name=name))
            copied += 1
    return copied, skipped


def _load_dump(dump, script):
    """Replay the dump through psql, in one transaction that stops at the first error.

    pg_restore 18 talking to an older server sends settings that server does not
    know (`SET transaction_timeout`, new in 17); its script output, with those lines
    left out, loads into any supported version.
    """
    args, env = _connection_args()
    _run("pg_restore", ["--no-owner", "--no-privileges", "--file", str(script), str(dump)], env)
    if connections["default"].pg_version < 170000:
        filtered = script.with_suffix(".filtered.sql")
        with script.open() as source, filtered.open("w") as target:
            for line in source:
                if line.strip() != "SET transaction_timeout = 0;":
                    target.write(line)
        script = filtered
    _run(
        "psql",
        ["--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--single-transaction", "--file", str(script), *args],
        env,
    )


def _forget_cached_pages():
    """Pages cached from whatever was served before must not outlive the restore."""
    content_version.bump_version()
