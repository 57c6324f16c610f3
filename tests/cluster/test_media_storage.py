"""Media on an S3-compatible object store (moto's S3 server on loopback): uploads, renditions and
social cards land in the bucket, public files are linked unsigned, private files only signed."""

import io
import re
import tarfile
import urllib.error
import urllib.request

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages as storage_handler
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cluster import S3
from pressroom import media_storage
from releases.media import renditions
from tests import factories
from tests.admin_helpers import change_url, errors_of, form_data, login

pytestmark = pytest.mark.cluster

BUCKET = "pressroom-media-tests"


def test_one_url_configures_a_public_and_a_private_storage():
    found = media_storage.storages(
        "s3://pressroom-media?endpoint=http://127.0.0.1:9000&region=eu-west-1"
        "&public_url=https://cdn.example.org&signed_seconds=120",
        {},
    )
    public, private = found["default"]["OPTIONS"], found["private"]["OPTIONS"]
    assert public["bucket_name"] == private["bucket_name"] == "pressroom-media"
    assert public["custom_domain"] == "cdn.example.org" and public["querystring_auth"] is False
    assert private["querystring_auth"] is True and private["querystring_expire"] == 120
    assert private["location"] == "private" and private.get("custom_domain") is None
    assert public["endpoint_url"] == private["endpoint_url"] == "http://127.0.0.1:9000"
    aws = media_storage.storages("", {"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_CUSTOM_DOMAIN": "media.example.org"})
    assert aws["default"]["OPTIONS"]["bucket_name"] == "b"
    assert aws["default"]["OPTIONS"]["custom_domain"] == "media.example.org"
    assert aws["default"]["OPTIONS"]["endpoint_url"] is None  # AWS itself
    assert media_storage.storages("", {}) == {}
    for bad in ("http://bucket", "s3://", "s3://b?signed_seconds=soon"):
        with pytest.raises(ImproperlyConfigured):
            media_storage.storages(bad, {})


@pytest.fixture(scope="module")
def s3(cluster_var):
    server = S3(cluster_var, buckets=[BUCKET], name="s3-media").start()
    yield server
    server.stop()


@pytest.fixture
def on_s3(s3, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3.secret_key)
    url = f"s3://{BUCKET}?endpoint={s3.endpoint}&region={s3.region}&acl=public-read"
    settings.STORAGES = {**settings.STORAGES, **media_storage.storages(url, {})}
    return s3


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (200, 30, 30)).save(out, "JPEG")
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def upload_featured_image(client, release, upload):
    data = form_data(client.get(change_url(release)))
    data.update(featured_image=upload, featured_image_alt="A red square.")
    return client.post(change_url(release), data)


def keys(s3, prefix=""):
    listing = s3.client().list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return {item["Key"] for item in listing.get("Contents", [])}


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.mark.django_db
def test_an_upload_and_its_renditions_are_stored_in_the_bucket_and_linked_there(client, on_s3):
    login(client, "Editor")
    release = factories.release("Pictured on S3", state="draft")
    response = upload_featured_image(client, release, jpeg())
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    name = release.featured_image.name
    stored = keys(on_s3)
    assert name in stored
    # The renditions (three widths in JPEG, WebP and, where Pillow writes it, AVIF), beside it.
    assert len([key for key in stored if key.startswith(name) and key != name]) >= 6
    url = release.featured_image.url
    assert url.startswith(f"{on_s3.endpoint}/{BUCKET}/") and "Signature" not in url
    status, body = fetch(url)
    assert status == 200 and body[:2] == b"\xff\xd8"  # a JPEG, readable by anyone
    sources = renditions.srcset(release.featured_image)
    first = sources.srcset.split()[0]
    assert first.startswith(f"{on_s3.endpoint}/{BUCKET}/") and fetch(first)[0] == 200
    page = client.get(release.get_absolute_url()).content.decode()
    assert f"{on_s3.endpoint}/{BUCKET}/" in page


@pytest.mark.django_db
def test_a_social_card_is_drawn_once_into_the_bucket(client, on_s3):
    release = factories.release("A card kept on S3")
    before = keys(on_s3)
    response = client.get(release.get_absolute_url() + "card.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(keys(on_s3) - before) == 1


def test_private_files_are_reachable_only_through_short_lived_signed_urls(on_s3):
    private = storage_handler["private"]
    name = private.save("press-kits/embargoed.zip", ContentFile(b"PK\x03\x04 embargoed"))
    assert f"private/{name}" in keys(on_s3, "private/")
    url = private.url(name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
    assert fetch(url) == (200, b"PK\x03\x04 embargoed")
    assert fetch(url.split("?")[0])[0] == 403  # the bare address is refused


@pytest.mark.django_db
def test_an_upload_while_the_object_store_is_away_is_refused_and_kept(client, on_s3):
    """The store stopped: the form comes back with an error that says so and the file kept, no 500."""
    login(client, "Editor")
    release = factories.release("Pictured while S3 is away", state="draft")
    on_s3.stop()
    try:
        response = upload_featured_image(client, release, jpeg())
    finally:
        on_s3.start()
    assert response.status_code == 200
    page = response.content.decode()
    assert "could not be stored" in page
    assert "Image kept" in page
    release.refresh_from_db()
    assert not release.featured_image
    # The store is back: saving the same form again (its kept file, nothing chosen) stores the image.
    data = form_data(client.get(change_url(release)))
    data["featured_image-kept"] = re.search(r'name="featured_image-kept" value="([^"]+)"', page).group(1)
    data["featured_image_alt"] = "A red square."
    again = client.post(change_url(release), data)
    assert again.status_code == 302, errors_of(again)
    release.refresh_from_db()
    assert release.featured_image.name in keys(on_s3)


@pytest.mark.django_db
def test_a_backup_carries_the_buckets_files_and_a_restore_puts_them_back(on_s3, tmp_path):
    """`manage.py backup` reads media through the storage API: with media on S3, the bucket's files
    (public and private) are in the archive, and a restore writes them back to the bucket."""
    from backups import backup as backups

    public = storage_handler["default"].save("logos/kept.png", ContentFile(b"\x89PNG public bytes"))
    private = storage_handler["private"].save("press-kits/kept.zip", ContentFile(b"PK private bytes"))
    archive = backups.backup(tmp_path)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        assert {f"media/{public}", f"private-media/{private}"} <= names
        tar.extractall(tmp_path / "out", filter="data")
    storage_handler["default"].delete(public)
    storage_handler["private"].delete(private)
    copied, skipped = backups.restore_media(tmp_path / "out")
    assert copied >= 2
    assert storage_handler["default"].open(public).read() == b"\x89PNG public bytes"
    assert storage_handler["private"].open(private).read() == b"PK private bytes"


@pytest.mark.django_db
def test_press_kit_files_live_in_the_private_prefix_and_go_out_through_signed_redirects(client, on_s3):
    from releases.models import Asset
    from releases.reading import press_kit

    release = factories.release("A kit on S3")
    photo = factories.asset(release, name="kit-photo.png")
    draft_photo = factories.asset(factories.release("A draft kit on S3", state="draft"), name="draft.png")
    stored = keys(on_s3, "private/")
    assert f"private/{photo.file.name}" in stored
    assert any(key.startswith(f"private/{photo.file.name}.") for key in stored)  # its renditions, beside it
    assert not keys(on_s3, photo.file.name)  # nothing at a public key
    for variant in ("original", "web", "small_webp"):
        response = client.get(press_kit.file_url(photo, variant))
        assert response.status_code == 302 and "no-store" in response["Cache-Control"]
        assert "X-Amz-Signature=" in response["Location"]
        status, body = fetch(response["Location"])
        assert status == 200 and body[:4] in (b"\x89PNG", b"RIFF")
    assert client.get(press_kit.file_url(draft_photo)).status_code == 404
    archive = b"".join(client.get(press_kit.zip_url(release)).streaming_content)
    assert archive[:4] == b"PK\x03\x04" and b"CREDITS.txt" in archive
    assert Asset.objects.count() == 2
