"""Image uploads, end to end: real files made with Pillow, sent through the admin."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from releases import publishing
from releases.media import renditions
from releases.models import Organization, Release
from tests import factories
from tests.admin_helpers import change_url, errors_of, form_data, organization_data

pytestmark = pytest.mark.django_db

ORIENTATION, MAKE, GPS_INFO = 0x0112, 0x010F, 0x8825


def jpeg_with_exif(width=1200, height=800):
    """A photo as a phone saves it: sideways pixels, an orientation tag, the camera and a location."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # rotate 90° clockwise to display
    exif[MAKE] = "SpyPhone"
    exif[GPS_INFO] = {1: "N", 2: (38.0, 53.0, 51.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"shot at home")
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def png(width=300, height=200, mode="RGBA", name="logo.png"):
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture(scope="module")
def bomb_bytes():
    """A real decompression bomb: 20000×20000 one-bit pixels (400 megapixels) in a few kilobytes."""
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG", optimize=True)
    return out.getvalue()


def upload_featured_image(client, release, upload, alt="A red square."):
    data = form_data(client.get(change_url(release)))
    data.update(featured_image=upload, featured_image_alt=alt)
    return client.post(change_url(release), data)


def test_the_bomb_is_small_on_disk_and_huge_in_pixels(bomb_bytes):
    assert len(bomb_bytes) < 200_000
    assert bomb_bytes[12:16] == b"IHDR"
    assert int.from_bytes(bomb_bytes[16:20], "big") == int.from_bytes(bomb_bytes[20:24], "big") == 20000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(bomb_bytes))


def test_a_decompression_bomb_is_a_form_error(client, editor, bomb_bytes):
    release = factories.release(state="draft")
    bomb = SimpleUploadedFile("innocent.png", bomb_bytes, content_type="image/png")
    response = upload_featured_image(client, release, bomb)
    assert response.status_code == 200
    assert "decompression bomb" in " ".join(errors_of(response)["featured_image"])
    release.refresh_from_db()
    assert not release.featured_image


def test_a_text_file_named_jpg_is_a_form_error(client, editor):
    release = factories.release(state="draft")
    fake = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho not a picture\n", content_type="image/jpeg")
    response = upload_featured_image(client, release, fake)
    assert response.status_code == 200
    assert "not an image" in " ".join(errors_of(response)["featured_image"])


def test_an_unaccepted_format_is_a_form_error(client, editor):
    release = factories.release(state="draft")
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "BMP")
    response = upload_featured_image(client, release, SimpleUploadedFile("x.bmp", out.getvalue()))
    assert "featured_image" in errors_of(response)


def test_an_image_needs_alt_text(client, editor):
    release = factories.release(state="draft")
    response = upload_featured_image(client, release, png(name="chart.png"), alt="")
    assert "featured_image_alt" in errors_of(response)


def test_exif_is_stripped_and_orientation_applied(client, editor):
    release = factories.release(state="draft")
    response = upload_featured_image(client, release, jpeg_with_exif(1200, 800))
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    with Image.open(release.featured_image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (800, 1200)  # turned upright, as the phone meant
        assert not stored.getexif()
        assert "comment" not in stored.info
        assert b"SpyPhone" not in release.featured_image.open("rb").read()


def test_renditions_exist_before_the_first_visitor(client, editor):
    release = factories.release(state="draft")
    assert upload_featured_image(client, release, jpeg_with_exif(2000, 1000)).status_code == 302
    release.refresh_from_db()
    storage = release.featured_image.storage
    sources = renditions.srcset(release.featured_image)
    media = str(storage.location)
    widths = {}
    for url in [part.split()[0] for part in (sources.srcset + ", " + sources.webp_srcset).split(", ")]:
        name = url.removeprefix("/media/")
        assert storage.exists(name), url
        with Image.open(f"{media}/{name}") as rendition:
            widths[name] = (rendition.format, rendition.width)
    formats = sorted(fmt for fmt, _ in widths.values())
    assert formats == ["JPEG"] * 3 + ["WEBP"] * 3
    assert sorted(width for _, width in widths.values()) == [480, 480, 960, 960, 1000, 1000]  # never upscaled
    assert sources.src.endswith(".jpg")
    assert "480w" in sources.srcset and "960w" in sources.webp_srcset


def test_srcset_of_no_image_is_false():
    assert not renditions.srcset(Release().featured_image)


def test_an_organization_logo_is_checked_stripped_and_rendered(client, editor, bomb_bytes):
    url = reverse("admin:releases_organization_add")
    fields = organization_data(name="Logo Makers", slug="logo-makers")
    response = client.post(url, {**fields, "logo": SimpleUploadedFile("logo.png", bomb_bytes)})
    assert response.status_code == 200
    assert "logo" in response.context["adminform"].form.errors
    assert not Organization.objects.exists()

    response = client.post(url, {**fields, "logo": png(600, 600)})
    assert response.status_code == 302
    org = Organization.objects.get()
    logo_url = renditions.logo_url(org.logo)
    assert logo_url.endswith(".png")  # a transparent logo stays transparent
    assert org.logo.storage.exists(logo_url.removeprefix("/media/"))


def test_strip_metadata_keeps_animation():
    frames = [Image.new("RGB", (40, 40), color) for color in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0, comment=b"secret")
    clean = renditions.strip_metadata(SimpleUploadedFile("anim.gif", out.getvalue()))
    with Image.open(clean) as image:
        assert image.n_frames == 3
        assert "comment" not in image.info


def test_the_picture_tag_offers_avif_and_webp_before_jpeg(client, editor):
    from django.template import Context, Template

    release = factories.release(state="draft")
    assert upload_featured_image(client, release, jpeg_with_exif(2000, 1000)).status_code == 302
    release.refresh_from_db()
    html = Template("{% load renditions %}{% picture image alt %}").render(
        Context({"image": release.featured_image, "alt": 'A "red" square'})
    )
    first = "image/avif" if renditions.AVIF else "image/webp"
    assert html.startswith(f'<picture><source type="{first}" srcset="/media/')
    assert html.index('type="image/webp"') < html.index("<img ")
    assert "960w" in html and 'alt="A &quot;red&quot; square"' in html
    assert Template("{% load renditions %}{% picture image 'x' %}").render(Context({"image": None})) == ""


def test_the_release_page_serves_renditions_and_the_original_only_as_a_download(client, editor):
    from django.test import Client

    from tests.pages import meta, tags

    release = factories.release("A release with a photograph", state="draft")
    photo = io.BytesIO()
    Image.new("RGB", (2000, 1000), (20, 90, 160)).save(photo, "JPEG")
    upload = SimpleUploadedFile("harbour.jpg", photo.getvalue(), content_type="image/jpeg")
    response = upload_featured_image(client, release, upload, alt="The harbour at dawn.")
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    publishing.publish(release)
    original = release.featured_image.url

    reader = Client()
    page = reader.get(release.get_absolute_url())
    assert page.status_code == 200
    [img] = [a for a in tags(page, "img") if a.get("alt") == "The harbour at dawn."]
    sources = {a["type"]: a for a in tags(page, "source")}
    assert "image/webp" in sources
    if renditions.AVIF:
        assert list(sources) == ["image/avif", "image/webp"]  # the smallest first
    # Width and height: the medium rendition's, so the page does not shift as the image loads.
    assert (img["width"], img["height"]) == ("960", "480")
    assert img["src"].endswith(".jpg") and img["src"] != original
    assert img["sizes"] and all(source["sizes"] == img["sizes"] for source in sources.values())
    kinds = {"image/avif": "image/avif", "image/webp": "image/webp", "jpeg": "image/jpeg"}
    offered = {kind: sources[kind]["srcset"] for kind in sources} | {"jpeg": img["srcset"]}
    for kind, srcset in offered.items():
        candidates = [part.split() for part in srcset.split(", ")]
        assert [width for _url, width in candidates] == ["480w", "960w", "1600w"], (kind, srcset)
        for url, _width in candidates:
            answer = reader.get(url)
            assert answer.status_code == 200, url
            assert answer["Content-Type"] == kinds[kind], (url, answer["Content-Type"])
    assert img["src"] in img["srcset"]

    # The original is offered only as a download, never as what the page or its previews show.
    html = page.content.decode()
    [download] = [a for a in tags(page, "a") if a.get("href") == original]
    assert "download" in download
    assert html.count(f'"{original}"') == 1  # renditions' names begin with the original's
    assert meta(page, "og:image").endswith(renditions.rendition_url(release.featured_image, "large"))


def test_the_organization_page_shows_its_logo_rendition(client, editor):
    from django.test import Client

    from tests.pages import tags

    url = reverse("admin:releases_organization_add")
    fields = organization_data(name="Logo Keepers", slug="logo-keepers")
    assert client.post(url, {**fields, "logo": png(600, 600)}).status_code == 302
    org = Organization.objects.get(slug="logo-keepers")
    factories.release("Issued by the logo keepers", issuer=org)
    page = Client().get(org.get_absolute_url())
    [logo] = tags(page, "img", alt="Logo of Logo Keepers")
    assert logo["src"] == renditions.logo_url(org.logo) != org.logo.url
    assert Client().get(logo["src"])["Content-Type"] == "image/png"
