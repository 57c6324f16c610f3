"""A refused release form loses nothing (defect 2 of issue 12): uploads are kept server-side across the
round trip, inside inlines too, and every error is listed at the top with a link to its field."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from releases.models import Release
from tests import factories
from tests.admin_helpers import add_release, errors_of, new_release_data, set_inline_rows

pytestmark = pytest.mark.django_db


def png(name="banner.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), (31, 58, 95)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def kept_token(html, field):
    found = re.search(rf'name="{re.escape(field)}-kept" value="([^"]+)"', html)
    return found.group(1) if found else None


def test_an_image_and_an_inline_file_survive_an_error_elsewhere(client, editor):
    data = new_release_data(
        factories.organization(), slug="kept-image", featured_image=png(), featured_image_alt="A banner"
    )
    set_inline_rows(
        data,
        "resources",
        [
            {"kind": "report", "title": "The report", "file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 x")},
            {"kind": "link", "title": "A broken link", "url": "not a web address"},
        ],
        start=0,
    )
    response = add_release(client, data)
    assert response.status_code == 200
    assert "resources-1-url" in errors_of(response)
    html = response.content.decode()
    assert "Image kept: banner.png." in html
    assert "File kept: report.pdf." in html
    image_token, file_token = kept_token(html, "featured_image"), kept_token(html, "resources-0-file")
    assert image_token and file_token
    assert not Release.objects.filter(slug="kept-image").exists()

    # Saving again, the browser sends no file (it forgot them); the kept ones are used.
    data.pop("featured_image")
    data.pop("resources-0-file")
    data.update(
        {"featured_image-kept": image_token, "resources-0-file-kept": file_token, "resources-1-url": "https://e.org"}
    )
    response = add_release(client, data)
    assert response.status_code == 302, errors_of(response)
    release = Release.objects.get(slug="kept-image")
    assert release.featured_image.name.endswith(".png")
    assert release.resources.get(title="The report").file.read() == b"%PDF-1.4 x"


def test_every_error_is_listed_at_the_top_with_a_link_to_its_field(client, editor):
    data = new_release_data(factories.organization(), slug="", title="")
    set_inline_rows(data, "quotes", [{"text": "Words with nobody to say them."}], start=0)
    response = add_release(client, data)
    assert response.status_code == 200
    html = response.content.decode()
    summary = html[html.index('id="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    for anchor in ("#id_title", "#id_slug", "#id_quotes-0-speaker"):
        assert f'href="{anchor}"' in summary, anchor
    assert "Quote 1, Speaker" in summary
    assert "Everything you typed and uploaded is kept." in summary
