"""Search per language: each release's document is built with its language's stemming (Spanish,
English, "simple" for others; accents ignored in all), a query is read in the reader's language
and matched among releases in it, every language on request (?lang=all); "did you mean" offers
words of the reader's language."""

import pytest
from django.db import connection

from releases import translations
from tests import factories as f
from tests.releases.search.helpers import titles

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Fin de la deportación en la frontera"
ENGLISH_TITLE = "Deportation hearings resume"


@pytest.fixture
def archive(committing):
    def build():
        english = f.release(ENGLISH_TITLE, body="Deportation hearings resume on Monday after the holiday.")
        spanish = translations.create_translation(english, "es")
        spanish.title = SPANISH_TITLE
        spanish.body = "Las organizaciones celebran el fin de la deportación de familias en la frontera."
        spanish.status, spanish.publish_at = english.status, english.publish_at
        spanish.first_published_at = english.first_published_at
        spanish.save()
        f.release("Un communiqué sur les déportations", language="fr", body="Les déportations continuent.")
        return english, spanish

    return committing(build)


def search(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return titles(response)


def test_each_document_is_built_with_its_languages_stemming(archive):
    english, spanish = archive
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_document::text FROM releases_release WHERE id = %s", [spanish.pk])
        spanish_document = cursor.fetchone()[0]
        cursor.execute("SELECT search_document::text FROM releases_release WHERE id = %s", [english.pk])
        english_document = cursor.fetchone()[0]
    # spanish_stem as written ("deportación": 'deport'), and without accents ('deportacion')
    assert "'deport'" in spanish_document and "'deportacion'" in spanish_document and "'famili'" in spanish_document
    assert "'deport'" in english_document and "'hear'" in english_document  # english_stem


def test_a_spanish_query_with_inflections_and_without_accents_finds_the_spanish_release(client, archive):
    assert search(client, "/es/search/", q="deportaciones") == [SPANISH_TITLE]
    assert search(client, "/es/search/", q="deportacion") == [SPANISH_TITLE]
    assert search(client, "/es/search/", q="Deportación FRONTERAS") == [SPANISH_TITLE]


def test_an_english_query_matches_english_releases_only_unless_every_language_is_asked(client, archive):
    assert search(client, "/search/", q="hearing") == [ENGLISH_TITLE]
    assert search(client, "/search/", q="familias") == []  # a Spanish stem, not searched in English
    assert search(client, "/es/search/", q="hearings") == []
    assert search(client, "/es/search/", q="hearing") == []
    assert search(client, "/search/", q="familias", lang="all") == [SPANISH_TITLE]
    assert search(client, "/es/search/", q="hearing", lang="all") == [ENGLISH_TITLE]


def test_a_release_in_another_language_is_searched_without_stemming_in_the_default_interface(client, archive):
    # The French release is read in the English interface, its words unstemmed, accents ignored.
    assert search(client, "/search/", q="déportations", sort="date") == [
        "Un communiqué sur les déportations",
        ENGLISH_TITLE,
    ]
    assert search(client, "/search/", q="continuent") == ["Un communiqué sur les déportations"]
    assert search(client, "/es/search/", q="continuent") == []


def test_the_page_says_which_languages_it_searched_and_links_to_the_others(client, archive):
    html = client.get("/es/search/", {"q": "deportaciones"}).content.decode()
    assert "Se buscan comunicados en Español." in html
    assert "/es/search/?q=deportaciones&amp;lang=all" in html
    html = client.get("/es/search/", {"q": "deportaciones", "lang": "all"}).content.decode()
    assert "Se buscan comunicados en todos los idiomas." in html
    assert '<input type="hidden" name="lang" value="all">' in html
    # Each hit in another language than the page's is marked with its own.
    html = client.get("/search/", {"q": "familias", "lang": "all"}).content.decode()
    assert 'lang="es" hreflang="es">' + SPANISH_TITLE in html


def test_excerpts_highlight_words_in_each_releases_language(client, archive):
    response = client.get("/es/search/", {"q": "deportaciones"})
    [hit] = response.context["results"].hits
    assert "<mark>deportación</mark>" in hit.excerpt


def test_did_you_mean_offers_words_of_the_readers_language(client, archive):
    spanish = client.get("/es/search/", {"q": "fronteraz"}).context["results"]
    assert spanish.suggestion == "frontera"
    english = client.get("/search/", {"q": "fronteraz"}).context["results"]
    assert english.suggestion != "frontera"
