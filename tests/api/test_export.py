"""The whole archive as one download: only public releases, in the API's shape; the /data/ page
and the download agree; export_archive and import_archive make the same public pages again."""

import gzip
import hashlib
import io
import json
import re
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from api import duties, export
from releases import times
from releases.models import ChangeNote, Contact, Organization, Person, Release, Topic
from tests import factories

pytestmark = pytest.mark.django_db


def exported(buffer):
    return [json.loads(line) for line in gzip.decompress(buffer.getvalue()).decode().splitlines()]


def test_the_export_holds_only_public_releases(archive):
    buffer = io.BytesIO()
    summary = export.write(buffer)
    records = exported(buffer)
    assert [r["slug"] for r in records] == ["visible-release", "later-visible"]  # oldest first
    assert summary.records == 2
    assert summary.size == len(buffer.getvalue())
    assert summary.sha256 == hashlib.sha256(buffer.getvalue()).hexdigest()
    text = gzip.decompress(buffer.getvalue()).decode()
    for release in archive["hidden"].values():
        assert release.title not in text and release.slug not in text
        assert f"Quote in {release.title}" not in text
    for parts in archive["own"].values():
        for thing in parts.values():
            assert thing.slug not in text


def test_each_line_is_the_api_answer(client, archive):
    buffer = io.BytesIO()
    export.write(buffer)
    first = exported(buffer)[0]
    assert first == client.get(reverse("api-v1:release", kwargs={"slug": first["slug"]})).json()


def test_the_data_page_describes_the_download(client, archive):
    assert client.get(reverse("archive_download")).status_code == 404
    assert b"being prepared" in client.get(reverse("open_data")).content
    summary = export.publish()
    assert summary.records == 2
    assert export.publish() is None  # up to date: nothing to write
    page = client.get(reverse("open_data"))
    assert page["Cache-Control"].count("no-cache") == 1
    text = page.content.decode()
    assert summary.sha256 in text
    assert f"{summary.size:,} bytes" in text
    assert re.search(r"<dt>Releases</dt><dd>2</dd>", text)
    assert f"({times.zone_label()})" in text  # the generation time, in the newsroom's zone, labelled
    download = client.get(reverse("archive_download"))
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == summary.sha256
    assert download["Content-Type"] == "application/gzip"
    assert download["Access-Control-Allow-Origin"] == "*"
    assert 'filename="releases.jsonl.gz"' in download["Content-Disposition"]
    assert client.get(reverse("archive_download"), HTTP_IF_NONE_MATCH=download["ETag"]).status_code == 304


def test_a_change_makes_the_export_stale(archive, committing):
    export.publish()
    assert not export.stale()
    release = archive["public"]
    release.title = "Corrected title"
    committing(release.save)
    assert export.stale()
    hidden = archive["hidden"]["draft"]
    export.publish()
    hidden.title = "Still a draft, edited"
    committing(hidden.save)
    assert not export.stale()  # a draft is not in it: no new export


class _Worker:
    running = True


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_writes_the_export_in_a_thread_of_its_own(settings):
    settings.EXPORT_EVERY = 0
    factories.release("Committed release")
    assert duties.refresh_export(_Worker()) is False
    thread = duties._thread
    assert isinstance(thread, threading.Thread)
    thread.join(60)
    assert export.description().records == 1
    assert duties.refresh_export(_Worker()) is False and duties._thread is thread  # up to date: no new thread


def main_text(client, release):
    """The release page's text as a reader sees it (tags, spaces and database ids aside)."""
    html = client.get(release.get_absolute_url()).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"/contacts/\d+\.vcf", "/contacts/N.vcf", main)
    main = re.sub(r'(?s)<a class="(previous|next)[^"]*".*?</a>', "", main)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def test_an_archive_exported_and_imported_gives_the_same_pages(client, committing, tmp_path):
    issuer = factories.organization("Round Trip Org", about="We care about round trips.", location="Lyon")
    releases = []
    for n in range(3):
        by = Organization.objects.get(name="Later Issuer") if n == 1 else issuer
        when = timezone.now() - timedelta(days=9 - n)
        made = factories.release(f"Round trip {n}", issuer=by, subtitle=f"Deck {n}", dateline="Lyon", at=when)
        factories.quote(made, text=f"Quoted words {n}.", speaker=factories.person(f"Speaker {n}"))
        factories.signatory(made, factories.organization(f"Signer {n}"))
        if n == 0:  # the next release's issuer signs this one first: met by name before its About
            later = factories.organization("Later Issuer", about="Its own About.", location="Oslo")
            factories.signatory(made, later)
        factories.resource(made, title=f"Report {n}")
        factories.release_contact(made, factories.contact(f"Desk {n}"))
        made.topics.add(factories.topic(f"Theme {n}"))
        ChangeNote.objects.create(release=made, note=f"Corrected {n}.")
        releases.append(made)
    factories.release("Never published", state="draft")
    before = {r.slug: main_text(client, r) for r in releases}
    api_before = {r.slug: client.get(reverse("api-v1:release", kwargs={"slug": r.slug})).json() for r in releases}
    path = tmp_path / "releases.jsonl.gz"
    call_command("export_archive", output=str(path), stdout=io.StringIO())

    Release.objects.all().delete()
    Contact.objects.all().delete()
    Person.objects.all().delete()
    Topic.objects.all().delete()
    Organization.objects.all().delete()
    out = io.StringIO()
    committing(call_command, "import_archive", str(path), stdout=out)
    assert "3 releases imported" in out.getvalue()

    for release in Release.objects.all():
        assert main_text(client, release) == before[release.slug]
        answer = client.get(reverse("api-v1:release", kwargs={"slug": release.slug})).json()
        old = api_before[release.slug]
        assert {k: v for k, v in answer.items() if k != "id"} == {k: v for k, v in old.items() if k != "id"}
    assert Release.objects.count() == 3


def test_import_refuses_a_database_with_releases(tmp_path):
    factories.release()
    path = tmp_path / "releases.jsonl.gz"
    path.write_bytes(gzip.compress(b"{}\n"))
    with pytest.raises(Exception, match="already holds releases"):
        call_command("import_archive", str(path))
