"""Press-kit files in the release and organization forms: checked by their bytes (a hostile or
renamed upload is a form error, never a 500 or a half-saved release), kept across a refused form,
stored privately with metadata stripped, starting with the site's default licence."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from releases.models import Asset, Licence, Organization, Release, SiteSettings
from tests import factories
from tests.admin_helpers import add_release, errors_of, new_release_data, organization_data, set_inline_rows

pytestmark = pytest.mark.django_db


def png(name="photo.png", size=(640, 400)):
    out = io.BytesIO()
    Image.new("RGB", size, (31, 58, 95)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def jpeg_with_gps(name="gps.jpg"):
    image = Image.new("RGB", (800, 600), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def row(upload, kind="image", **fields):
    return {
        "kind": kind,
        "file": upload,
        "caption": fields.pop("caption", "A caption"),
        "credit": fields.pop("credit", "Photo: Someone"),
        "licence": fields.pop("licence", Licence.CC_BY),
        "licence_terms": fields.pop("licence_terms", ""),
        "licence_url": fields.pop("licence_url", ""),
        "position": "",
        **fields,
    }


def post_release_with(client, rows, slug="kit-release"):
    data = new_release_data(factories.organization(), slug=slug)
    set_inline_rows(data, "assets", rows, start=0)
    return add_release(client, data)


def test_an_editor_adds_files_to_a_release(client, editor):
    response = post_release_with(
        client,
        [row(jpeg_with_gps()), row(SimpleUploadedFile("brief.pdf", b"%PDF-1.7\n..."), kind="document")],
    )
    assert response.status_code == 302, errors_of(response)
    release = Release.objects.get(slug="kit-release")
    photo, brief = release.assets.all()
    assert (photo.kind, photo.original_name, photo.width, photo.height) == ("image", "gps.jpg", 800, 600)
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()  # camera and GPS gone
    assert brief.original_name == "brief.pdf" and brief.size == len(b"%PDF-1.7\n...")
    assert [photo.position, brief.position] == [1, 2]
    # Its renditions exist already, in the same private storage.
    from releases.media import renditions

    assert photo.file.storage.exists(renditions.rendition_name(photo.file, "medium_webp"))


HOSTILE = [
    ("text renamed as an image", row(SimpleUploadedFile("photo.png", b"just text"))),
    ("HTML named as a PDF", row(SimpleUploadedFile("brief.pdf", b"<html><script>alert(1)</script>"), kind="document")),
    ("an SVG logo (can carry script)", row(SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'/>"), kind="logo")),
    ("an executable", row(SimpleUploadedFile("tool.exe", b"MZ\x90\x00"), kind="other")),
    ("an HTML page", row(SimpleUploadedFile("page.html", b"<html></html>"), kind="other")),
    ("an image as audio", row(png("song.png"), kind="audio")),
    ("a video that is not one", row(SimpleUploadedFile("clip.mp4", b"\x00" * 64), kind="video")),
    ("an empty file", row(SimpleUploadedFile("empty.pdf", b""), kind="document")),
    ("no extension", row(SimpleUploadedFile("README", b"hello"), kind="document")),
    ("binary text", row(SimpleUploadedFile("notes.txt", b"\x00\x01\x02binary"), kind="document")),
]


@pytest.mark.parametrize("upload_row", [case[1] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_a_hostile_upload_is_a_form_error(client, editor, upload_row):
    response = post_release_with(client, [upload_row])
    assert response.status_code == 200
    assert "assets-0-file" in errors_of(response), errors_of(response)
    assert not Release.objects.filter(slug="kit-release").exists()
    assert not Asset.objects.exists()


def test_a_decompression_bomb_is_a_form_error(client, editor):
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG", optimize=True)
    response = post_release_with(client, [row(SimpleUploadedFile("bomb.png", out.getvalue()))])
    assert response.status_code == 200
    assert "assets-0-file" in errors_of(response)


def test_custom_terms_must_be_written_out(client, editor):
    response = post_release_with(client, [row(png(), licence=Licence.CUSTOM)])
    assert response.status_code == 200
    assert "assets-0-licence_terms" in errors_of(response)


def test_a_file_is_kept_across_a_refused_form(client, editor):
    rows = [row(png("kept.png"), caption="")]  # the caption is required
    data = new_release_data(factories.organization(), slug="kept-kit")
    set_inline_rows(data, "assets", rows, start=0)
    response = add_release(client, data)
    assert response.status_code == 200
    assert "assets-0-caption" in errors_of(response)
    html = response.content.decode()
    assert "Image kept: kept.png." in html or "File kept: kept.png." in html
    token = re.search(r'name="assets-0-file-kept" value="([^"]+)"', html)[1]
    data.pop("assets-0-file")
    data.update({"assets-0-file-kept": token, "assets-0-caption": "Now with a caption"})
    response = add_release(client, data)
    assert response.status_code == 302, errors_of(response)
    asset = Release.objects.get(slug="kept-kit").assets.get()
    assert asset.original_name == "kept.png" and asset.width == 640


def test_a_new_file_starts_with_the_site_default_licence(client, editor):
    site = SiteSettings(name="Newsroom", default_licence=Licence.CC_BY_SA, default_licence_terms="Credit us.")
    site.save()
    response = client.get(reverse("admin:releases_release_add"))
    formset = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "assets")
    assert formset.empty_form["licence"].value() == Licence.CC_BY_SA
    assert formset.empty_form["licence_terms"].value() == "Credit us."
    assert Asset().licence == Licence.CC_BY_SA


def test_an_organization_gets_its_own_kit(client, editor):
    data = organization_data(name="Kit Makers", slug="kit-makers")
    set_inline_rows(data, "assets", [row(png("logo.png"), kind="logo", caption="The Kit Makers logo")], start=0)
    response = client.post(reverse("admin:releases_organization_add"), data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    logo = Organization.objects.get(slug="kit-makers").assets.get()
    assert logo.kind == "logo" and logo.caption == "The Kit Makers logo"
    hostile = organization_data(name="Bad Kit", slug="bad-kit")
    set_inline_rows(hostile, "assets", [row(SimpleUploadedFile("x.pdf", b"not a pdf"), kind="document")], start=0)
    response = client.post(reverse("admin:releases_organization_add"), hostile)
    assert response.status_code == 200
    assert not Organization.objects.filter(slug="bad-kit").exists()
