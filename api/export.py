"""The whole archive as one download: every public release, one JSON object a line (the API's
shape, api.representation), gzipped, with a small description beside it (count, size, sha256,
generation time, the archive's fingerprint).

Written in chunks of releases walked by (first_published_at, id), so memory stays flat however
large the archive (bench/export_bench.py measures it), inside one REPEATABLE READ transaction
(one consistent snapshot) holding a transaction-level advisory lock, so two hosts' workers never
write it at once. The file is written beside its destination and moved into place: a download
in progress, or a reader of the description, never sees half a file.

    write(fileobj)      -> Summary       # any binary file (manage.py export_archive --output)
    publish()           -> Summary|None  # into the media storage, served at /export/releases.jsonl.gz
    stale()             -> bool          # the archive changed since the published export
"""

import gzip
import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from api import representation
from releases.models import Release
from releases.reading import site as site_settings

FILE_NAME = "export/releases.jsonl.gz"
DESCRIPTION_NAME = "export/releases.json"
CHUNK = 500
AGGREGATE = "string_agg(r.id::text || ':' || r.render_key::text, ',' ORDER BY r.id)"
LOCK_KEY = 0x70726573  # "pres": the export's advisory lock, one per database


@dataclass
class Summary:
    records: int
    size: int
    sha256: str
    generated_at: str  # ISO 8601, UTC
    fingerprint: str
    seconds: float = 0.0


class _Counting:
    """A binary file that counts and hashes what goes through it (the compressed bytes)."""

    def __init__(self, raw):
        self.raw, self.size, self.digest = raw, 0, hashlib.sha256()

    def write(self, data):
        self.size += len(data)
        self.digest.update(data)
        return self.raw.write(data)

    def flush(self):
        self.raw.flush()


def fingerprint():
    """What the export depends on, in one query: which releases are public and each one's render
    key (releases.search.documents gives a release a new one whenever anything its page prints
    changes: its text, parts, the names it names), and the site settings' stamp (licence, press office)."""
    public = Release.objects.public()
    sql, params = public.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # The subquery is compiled by the ORM; its values are parameters.
        query = f"SELECT count(*), md5(coalesce({AGGREGATE}, '')) FROM releases_release r WHERE r.id IN ({sql})"  # noqa: S608
        cursor.execute(query, params)
        count, digest = cursor.fetchone()
    site = site_settings.load()
    return f"{count}:{digest}:{site.stamp}"


def releases_in_order():
    """Every public release, oldest first, loaded with its parts a chunk at a time."""
    public = Release.objects.public().order_by("first_published_at", "pk")
    after = None
    while True:
        chunk = public
        if after is not None:
            moment, pk = after
            chunk = chunk.filter(Q(first_published_at__gt=moment) | Q(first_published_at=moment, pk__gt=pk))
        ids = list(chunk.values_list("first_published_at", "pk")[:CHUNK])
        if not ids:
            return
        rows = representation.release_queryset().in_bulk([pk for _, pk in ids])
        for _, pk in ids:
            yield rows[pk]
        after = ids[-1]


@contextmanager
def snapshot():
    """A transaction that reads one consistent state of the archive throughout (REPEATABLE READ),
    or, inside a transaction already begun (the tests'), that one."""
    outer = connection.in_atomic_block
    with transaction.atomic():
        if not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def write(fileobj, *, keep_running=lambda: True):
    """Write the gzipped JSON Lines archive to `fileobj`; its Summary. Call inside a transaction
    for one snapshot (publish() does)."""
    started = timezone.now()
    found = fingerprint()
    site = site_settings.load()
    counting = _Counting(fileobj)
    records = 0
    # mtime=0: the same archive gives the same bytes, so the same checksum.
    with gzip.GzipFile(fileobj=counting, mode="wb", compresslevel=6, mtime=0) as gz:
        for release in releases_in_order():
            if not keep_running():
                raise InterruptedError("The export was stopped.")
            line = json.dumps(representation.release(release, site), ensure_ascii=False, separators=(",", ":"))
            gz.write(line.encode() + b"\n")
            records += 1
    counting.flush()
    return Summary(
        records=records,
        size=counting.size,
        sha256=counting.digest.hexdigest(),
        generated_at=started.isoformat(),
        fingerprint=found,
        seconds=round((timezone.now() - started).total_seconds(), 3),
    )


def description():
    """The published export's Summary, or None before the first one."""
    try:
        with default_storage.open(DESCRIPTION_NAME, "rb") as found:
            return Summary(**json.loads(found.read()))
    except (FileNotFoundError, OSError, ValueError, TypeError):
        return None


def stale():
    known = description()
    return known is None or known.fingerprint != fingerprint()


def publish(*, keep_running=lambda: True, force=False):
    """Write the archive into the media storage, unless another process holds the lock or (without
    `force`) the published one is up to date. Its Summary, or None when nothing was written."""
    scratch = _scratch(FILE_NAME)
    with snapshot(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
        if not cursor.fetchone()[0]:
            return None  # another host is writing it
        if not force and not stale():
            return None
        handle, temporary = tempfile.mkstemp(dir=scratch, prefix=".export-", suffix=".jsonl.gz")
        try:
            with os.fdopen(handle, "wb") as out:
                summary = write(out, keep_running=keep_running)
            _store(temporary, FILE_NAME)
        finally:
            Path(temporary).unlink(missing_ok=True)
        _store_bytes(json.dumps(asdict(summary), indent=1).encode(), DESCRIPTION_NAME)
    return summary


def _scratch(name):
    """Where to write a file before it is moved to `name`: beside it on local storage (so the move
    is a rename), else in VAR_DIR."""
    if isinstance(default_storage, FileSystemStorage):
        found = Path(default_storage.path(name)).parent
    else:
        found = Path(settings.VAR_DIR) / "tmp"
    found.mkdir(parents=True, exist_ok=True)
    return found


def _store(path, name):
    """Put the file at `path` under `name` in the media storage, replacing it at once."""
    if isinstance(default_storage, FileSystemStorage):
        target = Path(default_storage.path(name))
        os.replace(path, target)  # written beside it (_scratch): a rename
        return
    with open(path, "rb") as data:
        default_storage.delete(name)
        default_storage.save(name, data)


def _store_bytes(data, name):
    handle, temporary = tempfile.mkstemp(dir=_scratch(name), prefix=".export-", suffix=".json")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    try:
        _store(temporary, name)
    finally:
        Path(temporary).unlink(missing_ok=True)
