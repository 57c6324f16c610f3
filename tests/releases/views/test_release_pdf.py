"""The release as a PDF: what it prints (read back with poppler's pdftotext), Unicode included;
cached per render key; linked from the page; and never served for a release readers cannot see."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from releases.models import SiteSettings
from releases.reading import release_pdf
from releases.sample_data import demo
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "https://press.example.org"
HIDDEN_STATES = ["draft", "review", "scheduled", "withdrawn", "embargoed"]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def text_of(pdf, tmp_path):
    path = tmp_path / "release.pdf"
    path.write_bytes(pdf)
    found = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return found.stdout.decode()


def flat(text):
    return " ".join(text.split())


@needs_poppler
def test_the_sample_release_pdf_prints_a_press_release(client, tmp_path):
    release = demo.load_sample()
    response = client.get(release_pdf.url(release))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{release.slug}.pdf"'
    lines = text_of(response.content, tmp_path)
    text = flat(lines)
    assert text.startswith("United We Dream")
    assert "FOR IMMEDIATE RELEASE" in text
    assert "Over 60 Groups Tell Obama Administration to End Controversial Deportation Program" in text
    assert "WASHINGTON, DC — Today, officials at the Immigration" in text
    assert "“While the Obama Administration has made headlines" in text
    assert "— Zenen Jaimez Perez, Policy & Advocacy Analyst, United We Dream" in text
    assert "Sarah Saldaña" in text  # Unicode from the body
    assert "and 57 more" in text
    assert "About United We Dream" in text
    assert "###" in text
    end = lines[lines.index("###") :].splitlines()
    assert end[:3] == ["###", "This release:", SITE + release.get_absolute_url()]
    assert text.index("FOR IMMEDIATE RELEASE") < text.index("Over 60 Groups") < text.index("###")


@needs_poppler
def test_spanish_accents_and_curly_quotes_survive(client, tmp_path, committing):
    issuer = factories.organization("Coalición por los Derechos de los Inmigrantes")
    release = factories.release(
        "Organizaciones exigen “fin inmediato” del programa",
        issuer=issuer,
        subtitle="Declaración de José Ángel Peña — en español",
        dateline="San José",
        body="La coalición pidió a la señora Saldaña que “escuche” a las familias. ¿Cuándo? ¡Ya!",
    )
    factories.quote(release, text="No vamos a esperar más: “basta”.", speaker=factories.person("Begoña Muñoz"))
    contact = factories.contact("Inés Núñez", role="Portavoz", phone="+34 600 000 000")
    factories.release_contact(release, contact)
    text = flat(text_of(client.get(release_pdf.url(release)).content, tmp_path))
    assert "Organizaciones exigen “fin inmediato” del programa" in text
    assert "Declaración de José Ángel Peña — en español" in text
    assert "SAN JOSÉ — La coalición pidió a la señora Saldaña que “escuche” a las familias. ¿Cuándo? ¡Ya!" in text
    assert "“No vamos a esperar más: “basta”.”" in text and "— Begoña Muñoz" in text
    assert "Inés Núñez, Portavoz" in text and "+34 600 000 000" in text
    assert "Coalición por los Derechos de los Inmigrantes" in text


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_no_pdf_of_a_release_readers_cannot_see(client, state):
    if state == "review":
        release = factories.release("Hidden", state="draft")
        release.status = release.Status.REVIEW
        release.save()
    elif state == "embargoed":
        release = factories.release("Hidden", state="scheduled")
        release.preview_links.create(label="A journalist")
    else:
        release = factories.release("Hidden", state=state)
    assert client.get(release_pdf.url(release)).status_code == 404
    assert client.head(release_pdf.url(release)).status_code == 404


@needs_poppler
def test_staff_get_the_embargo_line_never_cached(client, editor, tmp_path):
    release = factories.release("Embargoed news", state="scheduled")
    response = client.get(release_pdf.url(release))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "EMBARGOED UNTIL" in text_of(response.content, tmp_path)


def test_the_pdf_is_cached_per_render_key(client, committing, tmp_path):
    release = factories.release("Cached PDF")
    first = client.get(release_pdf.url(release)).content
    release.refresh_from_db()
    site = SiteSettings.defaults()
    from django.core.cache import cache

    from releases.reading import site as site_settings

    key = release_pdf.cache_key(release, site_settings.current().stamp)
    assert cache.get(key) == first
    release.title = "Cached PDF, retitled"
    committing(release.save)
    release.refresh_from_db()
    assert release_pdf.cache_key(release, site_settings.current().stamp) != key
    second = client.get(release_pdf.url(release)).content
    assert second != first
    assert site.name  # the defaults render too


def test_the_page_links_to_its_pdf_and_a_withdrawn_one_does_not(client, committing):
    release = factories.release("Linked")
    html = client.get(release.get_absolute_url()).content.decode()
    assert f'href="{reverse("releases:release_pdf", kwargs={"slug": release.slug})}"' in html
    withdrawn = factories.release("Withdrawn one", state="withdrawn")
    html = client.get(withdrawn.get_absolute_url()).content.decode()
    assert "release.pdf" not in html


@needs_poppler
def test_a_logo_and_a_long_body_make_pages_with_their_footer(client, tmp_path):
    from django.core.files.base import ContentFile

    issuer = factories.organization("Logo Org")
    issuer.logo.save("logo.png", ContentFile(factories.png_bytes(400, 400)), save=True)
    body = "\n\n".join(f"Paragraph {n} of a long release, with words enough to fill a line." for n in range(120))
    release = factories.release("A long one", issuer=issuer, body=body)
    pdf = client.get(release_pdf.url(release)).content
    text = text_of(pdf, tmp_path)
    assert "Page 1 of " in text and "Page 2 of " in text
    assert "Paragraph 119 of a long release" in text
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "release.pdf")], capture_output=True, text=True)
    assert images.stdout.count("\n") >= 3  # a header, a rule, and the logo
