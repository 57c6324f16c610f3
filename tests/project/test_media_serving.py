"""Uploaded files are served with safe types: never as HTML or SVG from the site's origin, never outside MEDIA_ROOT."""

import io

import pytest
from django.conf import settings
from PIL import Image

# A 404 asks contrib.redirects for a redirect, which needs the database.
pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


@pytest.fixture
def media():
    root = settings.MEDIA_ROOT
    (root / "files").mkdir(parents=True)
    (root / "files" / "page.html").write_bytes(HTML)
    (root / "files" / "page.htm").write_bytes(HTML)
    (root / "files" / "drawing.svg").write_bytes(SVG)
    (root / "files" / "drawing.svgz").write_bytes(SVG)
    (root / "files" / "page.xhtml").write_bytes(HTML)
    (root / "files" / "noextension").write_bytes(HTML)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    (root / "files" / "photo.png").write_bytes(buffer.getvalue())
    # Outside MEDIA_ROOT: must never be reachable.
    (root.parent / "secret.txt").write_text("not for you")
    return root


def assert_download(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.xhtml", "drawing.svg", "drawing.svgz", "noextension"])
def test_markup_is_served_as_a_sandboxed_download(client, media, name):
    response = client.get(f"/media/files/{name}")
    assert_download(response)
    assert b"".join(response.streaming_content) == (media / "files" / name).read_bytes()


def test_an_image_is_served_inline_with_its_type(client, media):
    response = client.get("/media/files/photo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_only_reading_methods_are_allowed(client, media):
    assert client.head("/media/files/photo.png").status_code == 200
    assert client.post("/media/files/photo.png").status_code == 405
    assert client.delete("/media/files/photo.png").status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/media/../secret.txt",
        "/media/files/../../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/%2E%2E%2Fsecret.txt",
        "/media/..%2fsecret.txt",
        "/media/..%5csecret.txt",
        "/media/%252e%252e/secret.txt",
        "/media/....//secret.txt",
        "/media//" + "{media_parent}/secret.txt",
        "/media/../settings.py",
        "/media/%2e%2e/%2e%2e/pressroom/settings.py",
        "/media/../../../../../../etc/passwd",
        "/media/files/photo.png%00.html",
        "/media/files/",
        "/media/",
        "/media/files",
        "/media/" + "a" * 10_000,
        "/media/files/" + "b" * 300 + ".png",
    ],
)
def test_paths_outside_media_root_or_not_files_are_404(client, media, path):
    path = path.replace("{media_parent}", str(media.parent).lstrip("/"))
    response = client.get(path)
    assert response.status_code == 404, path
    assert b"not for you" not in response.content
    assert b"Traceback" not in response.content
