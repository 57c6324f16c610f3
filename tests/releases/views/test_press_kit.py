"""Press kits: each file printed with its licence and credit, downloadable (original, web size),
in the JSON-LD, zipped with a CREDITS.txt; and none of it answering for a release readers cannot see."""

import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from PIL import Image

from releases.models import Asset, Licence
from releases.publishing import withdraw
from releases.reading import press_kit
from releases.sample_data import demo
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "https://press.example.org"
HIDDEN_STATES = ["draft", "review", "scheduled", "withdrawn", "embargoed"]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def hidden_release(state):
    """A release readers cannot download from: draft, in review, scheduled, withdrawn, or
    embargoed (scheduled, shared ahead through a preview link)."""
    if state == "review":
        release = factories.release(f"HIDDEN {state}", state="draft")
        release.status = release.Status.REVIEW
        release.save()
        return release
    if state == "embargoed":
        release = factories.release(f"HIDDEN {state}", state="scheduled")
        release.preview_links.create(label="A journalist")
        return release
    return factories.release(f"HIDDEN {state}", state=state)


def kit_urls(release, asset):
    return [
        press_kit.file_url(asset),
        press_kit.file_url(asset, "web"),
        press_kit.file_url(asset, "medium_webp"),
        press_kit.file_url(asset, "small"),
        press_kit.zip_url(release),
    ]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_no_file_of_a_hidden_release_answers(client, state, committing):
    release = hidden_release(state)
    photo = factories.asset(release, name="secret.png")
    document = factories.asset(release, name="secret.pdf", kind=Asset.Kind.DOCUMENT)
    urls = [*kit_urls(release, photo), press_kit.file_url(document)]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.head(url).status_code == 404, url
    page = client.get(release.get_absolute_url())
    if state == "withdrawn":  # its page stays, with its text; its kit does not
        assert page.status_code == 200
        assert b"Press kit" not in page.content and b"/press-kit/" not in page.content
    else:
        assert page.status_code == 404


def test_the_same_files_answer_once_the_release_is_public(client, committing):
    release = factories.release("Public release")
    photo = factories.asset(release, name="photo.png")
    for url in kit_urls(release, photo):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"]


def test_withdrawing_takes_the_kit_away(client, committing):
    release = factories.release("Soon withdrawn")
    photo = factories.asset(release, name="photo.png")
    assert client.get(press_kit.file_url(photo)).status_code == 200
    withdraw(release, "Wrong figures.")
    assert client.get(press_kit.file_url(photo)).status_code == 404
    assert client.get(press_kit.zip_url(release)).status_code == 404


def test_files_are_stored_where_media_does_not_reach(client, settings, committing):
    release = factories.release("Stored privately")
    photo = factories.asset(release, name="photo.png")
    assert not photo.file.path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + photo.file.name).status_code == 404
    assert photo.file.url == reverse("releases:press_kit_file", kwargs={"pk": photo.pk, "variant": "original"})


def test_staff_see_the_kit_of_a_draft_never_cached(client, editor, committing):
    release = factories.release("A draft", state="draft")
    photo = factories.asset(release, name="photo.png")
    response = client.get(press_kit.file_url(photo))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert client.get(press_kit.zip_url(release)).status_code == 200


def test_an_organization_kit_follows_its_page(client, committing):
    hidden_org = factories.organization("Only in drafts")
    factories.release("Draft by it", state="draft", issuer=hidden_org)
    hidden_logo = factories.asset(organization=hidden_org, name="logo.png", kind=Asset.Kind.LOGO)
    assert client.get(hidden_org.get_absolute_url()).status_code == 404
    assert client.get(press_kit.file_url(hidden_logo)).status_code == 404
    org = factories.organization("Public issuer")
    factories.release("Issued by it", issuer=org)
    logo = factories.asset(organization=org, name="logo.png", kind=Asset.Kind.LOGO, credit="Public issuer")
    page = client.get(org.get_absolute_url()).content.decode()
    assert 'id="press-kit-heading"' in page and "Caption of logo.png" in page
    assert press_kit.file_url(logo) in page.replace("&amp;", "&")
    assert client.get(press_kit.file_url(logo)).status_code == 200


def test_each_file_prints_its_licence_and_credit_beside_its_downloads(client, committing):
    release = factories.release("With a kit")
    factories.asset(release, name="photo.png", credit="Photo: Ana Núñez", licence=Licence.CC_BY)
    factories.asset(
        release,
        name="brief.pdf",
        kind=Asset.Kind.DOCUMENT,
        credit="The Coalition",
        licence=Licence.CUSTOM,
        licence_terms="Free for news use until 2030.",
        licence_url="https://example.org/terms",
    )
    html = client.get(release.get_absolute_url()).content.decode()
    kit = html[html.index('id="press-kit"') : html.index("</section>", html.index('id="press-kit"'))]
    photo, document = kit.split('<li class="kit-item">')[1:]
    assert "Credit: Photo: Ana Núñez" in photo
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in photo
    assert ">Original</a>" in photo and ">Web size</a>" in photo
    assert "<picture>" in photo and 'type="image/webp"' in photo
    assert "Credit: The Coalition" in document and "Free for news use until 2030." in document
    assert 'href="https://example.org/terms" rel="license"' in document
    assert ">Web size</a>" not in document
    assert f'href="{press_kit.zip_url(release)}"' in kit


def test_the_page_picture_and_the_downloads_are_what_they_say(client, committing):
    release = factories.release("Sizes")
    photo = factories.asset(release, name="wide.png", content=factories.png_bytes(3000, 1500))
    original = client.get(press_kit.file_url(photo))
    assert original["Content-Type"] == "image/png"
    assert original["Content-Disposition"] == 'attachment; filename="wide.png"'
    assert Image.open(io.BytesIO(body_of(original))).size == (3000, 1500)
    web = client.get(press_kit.file_url(photo, "web"))
    assert web["Content-Disposition"].startswith("attachment;")
    assert Image.open(io.BytesIO(body_of(web))).size == (1600, 800)
    webp = client.get(press_kit.file_url(photo, "small_webp"))
    assert webp["Content-Type"] == "image/webp" and "attachment" not in webp.get("Content-Disposition", "")
    assert Image.open(io.BytesIO(body_of(webp))).size == (480, 240)
    huge = reverse("releases:press_kit_file", kwargs={"pk": photo.pk, "variant": "huge"})
    assert client.get(huge).status_code == 404


def test_jsonld_images_carry_licence_and_credit(client, committing):
    release = factories.release("Licensed")
    photo = factories.asset(release, name="photo.png", credit="Photo: Ana Núñez", licence=Licence.CC_BY_NC)
    factories.asset(release, name="public.png", credit="", licence=Licence.CC0)
    factories.asset(release, name="brief.pdf", kind=Asset.Kind.DOCUMENT)
    html = client.get(release.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)[1])
    objects = [image for image in data["image"] if isinstance(image, dict)]
    assert len(objects) == 2  # the images; not the PDF
    permalink = SITE + release.get_absolute_url()
    assert objects[0] == {
        "@type": "ImageObject",
        "contentUrl": SITE + press_kit.file_url(photo),
        "url": SITE + press_kit.file_url(photo, "web"),
        "caption": "Caption of photo.png",
        "license": "https://creativecommons.org/licenses/by-nc/4.0/",
        "acquireLicensePage": permalink + "#press-kit",
        "creditText": "Photo: Ana Núñez",
        "copyrightNotice": "© Photo: Ana Núñez",
        "width": 1200,
        "height": 800,
    }
    assert "copyrightNotice" not in objects[1]  # public domain
    assert objects[1]["creditText"] == release.issuer.name


def test_the_zip_holds_every_file_and_its_credits(client, committing):
    release = factories.release("Zipped “kit”")
    photo = factories.asset(release, name="Foto de Saldaña.png", credit="Foto: José Ángel Peña", licence=Licence.CC_BY)
    document = factories.asset(
        release, name="letter.pdf", kind=Asset.Kind.DOCUMENT, licence=Licence.EDITORIAL, credit="The Coalition"
    )
    response = client.get(press_kit.zip_url(release))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{release.slug}-press-kit.zip"'
    archive = zipfile.ZipFile(io.BytesIO(body_of(response)))
    assert archive.testzip() is None
    folder = f"{release.slug}-press-kit/"
    assert archive.namelist() == [folder + "01-foto-de-saldana.png", folder + "02-letter.pdf", folder + "CREDITS.txt"]
    assert archive.read(folder + "01-foto-de-saldana.png") == photo.file.open("rb").read()
    assert archive.read(folder + "02-letter.pdf") == document.file.open("rb").read()
    credits = archive.read(folder + "CREDITS.txt").decode()
    permalink = SITE + release.get_absolute_url()
    assert "Press kit: Zipped “kit”" in credits
    assert f"Permalink: {permalink}" in credits
    first = credits[credits.index("01-foto-de-saldana.png") : credits.index("02-letter.pdf")]
    assert "Caption: Caption of Foto de Saldaña.png" in first
    assert "Credit: Foto: José Ángel Peña" in first
    assert "Licence: Creative Commons Attribution 4.0 (CC BY 4.0)" in first
    assert "Terms URL: https://creativecommons.org/licenses/by/4.0/" in first
    assert "Original file name: Foto de Saldaña.png" in first
    second = credits[credits.index("02-letter.pdf") :]
    assert "Licence: All rights reserved — editorial use only" in second
    assert f"Terms URL: {permalink}#press-kit" in second


def test_a_release_without_a_kit_has_no_zip(client, committing):
    release = factories.release("No kit")
    assert client.get(press_kit.zip_url(release)).status_code == 404
    assert b'id="press-kit"' not in client.get(release.get_absolute_url()).content


def test_a_kit_change_reaches_the_cached_page(client, committing):
    release = factories.release("Cached page")
    assert b'id="press-kit"' not in client.get(release.get_absolute_url()).content
    photo = committing(factories.asset, release, name="new.png", caption="A new photo arrives")
    assert b"A new photo arrives" in client.get(release.get_absolute_url()).content
    photo.caption = "A changed caption"
    committing(photo.save)
    assert b"A changed caption" in client.get(release.get_absolute_url()).content
    committing(photo.delete)
    assert b'id="press-kit"' not in client.get(release.get_absolute_url()).content


def test_the_demo_release_has_a_kit(client):
    release = demo.load_sample()
    html = client.get(release.get_absolute_url()).content.decode()
    assert html.count('<li class="kit-item') == 2 and html.count('<li class="kit-item kit-logo">') == 1
    assert "Illustration: Pressroom demo content" in html
    names = zipfile.ZipFile(io.BytesIO(body_of(client.get(press_kit.zip_url(release))))).namelist()
    assert [name.rpartition("/")[2] for name in names] == ["01-press-conference.jpg", "02-uwd-logo.png", "CREDITS.txt"]


def test_a_missing_stored_file_is_a_404_not_a_500(client, committing):
    release = factories.release("Lost file")
    photo = factories.asset(release, name="gone.pdf", kind=Asset.Kind.DOCUMENT)
    photo.file.storage.delete(photo.file.name)
    assert client.get(press_kit.file_url(photo)).status_code == 404
    archive = zipfile.ZipFile(io.BytesIO(body_of(client.get(press_kit.zip_url(release)))))
    assert [name.rpartition("/")[2] for name in archive.namelist()] == ["CREDITS.txt"]
