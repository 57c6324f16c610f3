"""Releases in several languages: each at its own address in its language, linked as one family
in the switcher, the head (hreflang), the JSON-LD and the sitemap; feeds per language; and a
translation readers cannot see yet (draft, in review, scheduled, withdrawn) named nowhere."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from releases import translations
from releases.sample_data import demo
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "https://press.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def family():
    """An English original and its published Spanish translation."""
    original = factories.release("Groups ask for the program to end", body="The deportation program must end.")
    spanish = translations.create_translation(original, "es")
    spanish.title = "Grupos piden el fin del programa"
    spanish.body = "El programa de deportación debe terminar."
    spanish.status, spanish.publish_at = original.status, original.publish_at
    spanish.first_published_at = original.first_published_at
    spanish.save()
    return original, spanish


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_a_translation_lives_at_its_own_address_in_its_language(client, family):
    original, spanish = family
    assert original.get_absolute_url() == f"/releases/{original.slug}/"  # every existing address stays
    assert spanish.get_absolute_url() == f"/es/releases/{spanish.slug}/"
    page = client.get(spanish.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert page["Content-Language"] == "es"
    assert "Comunicados relacionados" in html or "Etiquetas" not in html  # Spanish interface
    assert ">Temas<" in html and ">Topics<" not in html


def test_a_release_asked_for_at_another_languages_address_redirects_to_its_own(client, family):
    original, spanish = family
    wrong = client.get(f"/releases/{spanish.slug}/")
    assert wrong.status_code == 301 and wrong["Location"] == spanish.get_absolute_url()
    wrong = client.get(f"/es/releases/{original.slug}/")
    assert wrong.status_code == 301 and wrong["Location"] == original.get_absolute_url()


def test_the_switcher_and_hreflang_link_the_family_both_ways(client, family):
    original, spanish = family
    english_html = client.get(original.get_absolute_url()).content.decode()
    spanish_html = client.get(spanish.get_absolute_url()).content.decode()
    expected = {"en": SITE + original.get_absolute_url(), "es": SITE + spanish.get_absolute_url()}
    assert alternates(english_html) == expected
    assert alternates(spanish_html) == expected
    assert f'<a href="{spanish.get_absolute_url()}" lang="es" hreflang="es">Español</a>' in english_html
    assert f'<a href="{original.get_absolute_url()}" lang="en" hreflang="en">English</a>' in spanish_html
    assert "Also in:" in english_html and "También en:" in spanish_html


def test_jsonld_names_the_language_and_the_translations(client, family):
    original, spanish = family
    [english] = jsonld(client.get(original.get_absolute_url()).content.decode())
    [spanish_data] = jsonld(client.get(spanish.get_absolute_url()).content.decode())
    assert english["inLanguage"] == "en" and spanish_data["inLanguage"] == "es"
    assert [work["url"] for work in english["workTranslation"]] == [SITE + spanish.get_absolute_url()]
    assert spanish_data["translationOfWork"]["url"] == SITE + original.get_absolute_url()
    assert spanish_data["translationOfWork"]["inLanguage"] == "en"


def test_a_release_without_translations_names_no_alternate(client):
    release = factories.release()
    html = client.get(release.get_absolute_url()).content.decode()
    assert alternates(html) == {}
    assert "Also in:" not in html
    assert "workTranslation" not in html


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "withdrawn"])
def test_a_translation_readers_cannot_see_is_named_nowhere(client, state, settings):
    original = factories.release("The public original")
    hidden = translations.create_translation(original, "es")
    hidden.title = "Traducción oculta"
    factory_state = "draft" if state == "review" else state
    probe = factories.release(state=factory_state)  # the state's fields, borrowed
    for name in ("status", "publish_at", "first_published_at", "withdrawn_at", "withdrawal_reason"):
        setattr(hidden, name, getattr(probe, name))
    if state == "review":
        hidden.status = "review"
    hidden.save()
    assert hidden.state == state  # withdrawn: readers saw it once; it keeps its page, named as no alternate
    html = client.get(original.get_absolute_url()).content.decode()
    assert hidden.slug not in html
    assert "Traducción oculta" not in html
    assert alternates(html) == {}
    sitemap = client.get("/sitemap-releases.xml").content.decode()
    assert hidden.slug not in sitemap and "xhtml:link" not in sitemap
    for feed in ("/es/feeds/rss/", "/es/feeds/atom/", "/feeds/rss/"):
        assert hidden.slug not in client.get(feed).content.decode()


def test_the_sitemap_names_each_translation_as_an_alternate(client, family):
    original, spanish = family
    root = ET.fromstring(client.get("/sitemap-releases.xml").content)
    entries = {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in root.findall("s:url", NS)
    }
    expected = {"en": SITE + original.get_absolute_url(), "es": SITE + spanish.get_absolute_url()}
    assert entries[SITE + original.get_absolute_url()] == expected
    assert entries[SITE + spanish.get_absolute_url()] == expected


def test_interface_pages_are_in_the_sitemap_in_each_language(client):
    factories.release()
    urls = client.get("/sitemap-pages.xml").content.decode()
    assert f"<loc>{SITE}/releases/</loc>" in urls and f"<loc>{SITE}/es/releases/</loc>" in urls
    assert f'hreflang="es" href="{SITE}/es/releases/"' in urls


def test_feeds_are_per_language(client, family):
    original, spanish = family
    english = client.get("/feeds/atom/").content.decode()
    spanish_feed = client.get("/es/feeds/atom/").content.decode()
    assert original.get_absolute_url() in english and spanish.get_absolute_url() not in english
    assert spanish.get_absolute_url() in spanish_feed and original.get_absolute_url() not in spanish_feed
    assert "últimos comunicados" in spanish_feed
    assert 'xml:lang="es"' in spanish_feed


def test_a_release_in_a_language_the_interface_does_not_speak_is_read_in_the_default_one(client):
    french = factories.release("Un communiqué en français", language="fr")
    assert french.get_absolute_url() == f"/releases/{french.slug}/"
    html = client.get(french.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html and '<article class="release" lang="fr">' in html
    assert french.get_absolute_url() in client.get("/feeds/rss/").content.decode()


def test_cards_in_another_language_carry_their_lang(client, family):
    original, spanish = family
    html = client.get("/releases/").content.decode()
    assert f'<a href="{spanish.get_absolute_url()}" lang="es" hreflang="es">' in html
    assert f'<a href="{original.get_absolute_url()}">' in html


def test_dates_numbers_and_the_unnamed_signatories_are_in_the_readers_language(client, family):
    original, spanish = family
    for release in family:
        release.unnamed_signatory_count = 1057
        release.save()
    english = client.get(original.get_absolute_url()).content.decode()
    spanish_html = client.get(spanish.get_absolute_url()).content.decode()
    assert "and 1057 more" in english
    assert "y 1057 más" in spanish_html
    moment = original.first_published_at
    with translation.override("es"):
        from django.utils import dateformat, timezone

        month = dateformat.format(timezone.localtime(moment), "F").lower()
    assert re.search(rf"{timezone.localtime(moment).day} de {month} de {moment.year}", spanish_html.lower())
    assert "1.057" not in english


def test_language_links_on_other_pages_lead_to_the_same_page_in_each_language(client):
    html = client.get("/topics/").content.decode()
    assert '<a href="/es/topics/" lang="es" hreflang="es">Español</a>' in html
    assert alternates(html) == {"en": SITE + "/topics/", "es": SITE + "/es/topics/", "x-default": SITE + "/topics/"}
    spanish = client.get("/es/topics/").content.decode()
    assert '<a href="/topics/" lang="en" hreflang="en">English</a>' in spanish


def test_the_demo_has_the_sample_release_and_its_spanish_translation_as_a_family(client):
    original = demo.load_sample()
    spanish = demo.load_sample_translation(original)
    assert spanish.translation_of == original and spanish.language == "es" and spanish.is_public()
    assert "hecha para la demostración" in spanish.archive_note
    assert [q.speaker_id for q in spanish.quotes.all()] == [q.speaker_id for q in original.quotes.all()]
    assert list(spanish.signatories.values_list("organization", flat=True)) == list(
        original.signatories.values_list("organization", flat=True)
    )
    assert [a.file.name for a in spanish.assets.all()] == [a.file.name for a in original.assets.all()]
    html = client.get(spanish.get_absolute_url()).content.decode()
    assert "Más de 60 organizaciones" in html and "y 57 más" in html
    assert alternates(html)["en"] == SITE + original.get_absolute_url()


def test_an_old_slug_of_a_spanish_release_still_leads_to_it(client, family):
    _, spanish = family
    old = spanish.get_absolute_url()
    spanish.slug = "un-nuevo-nombre"
    from releases import publishing

    publishing.save_release(spanish)
    first = client.get(old)
    assert first.status_code == 301
    second = client.get(first["Location"])
    final = second["Location"] if second.status_code == 301 else first["Location"]
    assert final == "/es/releases/un-nuevo-nombre/"


def test_reverse_in_the_spanish_interface_prefixes_every_page():
    with translation.override("es"):
        assert reverse("releases:home") == "/es/"
        assert reverse("releases:search") == "/es/search/"
    assert reverse("releases:home") == "/"


def test_a_translation_is_not_listed_among_related_releases(client, family):
    original, spanish = family
    topic = factories.topic("Shared topic")
    other = factories.release("Another release on the topic")
    for release in (original, spanish, other):
        release.topics.add(topic)
    html = client.get(original.get_absolute_url()).content.decode()
    related = html.split('id="related-heading"')[1].split("</section>")[0]
    assert other.get_absolute_url() in related and spanish.get_absolute_url() not in related
