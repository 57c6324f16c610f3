"""The API's answers: shapes, paging, errors, caching and its headers, the rate limit."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from releases.models import ChangeNote
from tests import factories

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.now() - timedelta(days=n, hours=1)


def api(name, **kwargs):
    return reverse(f"api-v1:{name}", kwargs=kwargs or None)


def test_a_release_in_full(client):
    issuer = factories.organization("The Issuer")
    release = factories.release("A whole release", issuer=issuer, subtitle="Its deck", dateline="Geneva")
    speaker = factories.person("Ada Speaker")
    factories.quote(release, text="First words.", speaker=speaker, speaker_title="Director")
    factories.quote(release, text="Second words.", attribution="the letter")
    factories.signatory(release, factories.organization("A Signer"))
    factories.resource(release, title="The report", kind="report", url="https://example.org/report.pdf")
    factories.release_contact(release, factories.contact("Press Desk", role="Press officer"))
    release.topics.add(factories.topic("Water"))
    ChangeNote.objects.create(release=release, note="Corrected a figure.")

    data = client.get(api("release", slug=release.slug)).json()
    assert data["title"] == "A whole release" and data["subtitle"] == "Its deck" and data["dateline"] == "Geneva"
    assert data["issuer"]["name"] == "The Issuer"
    quotes = [(q["number"], q["text"], (q["speaker"] or {}).get("name"), q["attribution"]) for q in data["quotes"]]
    assert quotes == [
        (1, "First words.", "Ada Speaker", ""),
        (2, "Second words.", None, "the letter"),
    ]
    assert data["quotes"][0]["speaker_title"] == "Director"
    assert data["quotes"][0]["url"].endswith(f"{release.get_absolute_url()}#quote-1")
    assert [s["name"] for s in data["signatories"]] == ["A Signer"]
    assert data["resources"] == [{"kind": "report", "title": "The report", "url": "https://example.org/report.pdf"}]
    assert [(c["name"], c["role"]) for c in data["contacts"]] == [("Press Desk", "Press officer")]
    assert [t["name"] for t in data["topics"]] == ["Water"]
    assert [n["note"] for n in data["change_notes"]] == ["Corrected a figure."]
    assert data["licence"]["id"] == "editorial"
    assert data["assets"] == []
    assert "<p>" in data["body_html"] and data["body"].startswith("A whole release opening paragraph.")


def test_paging_with_the_cursor_reaches_every_release_once(client):
    made = [factories.release(f"Paged {n}", at=days_ago(n)) for n in range(7)]
    seen, url = [], api("releases") + "?limit=3"
    while url:
        page = client.get(url).json()
        seen += [item["slug"] for item in page["items"]]
        url = page["next"]
        assert (page["next"] is None) == (page["next_cursor"] is None)
    assert seen == [r.slug for r in made]


def test_a_bad_cursor_or_parameter_is_a_client_error(client):
    factories.release()
    assert client.get(api("releases") + "?cursor=not-a-cursor").status_code == 400
    assert client.get(api("releases") + "?cursor=WzEsMl0").status_code == 400  # [1,2]
    assert client.get(api("releases") + "?limit=0").status_code == 422
    assert client.get(api("releases") + "?published_after=yesterday").status_code == 422
    assert client.get(api("search")).status_code == 422
    assert client.get(api("release", slug="no-such-release")).status_code == 404


def test_filters_by_date_and_by_what_it_names(client):
    org, person = factories.organization(), factories.person()
    old = factories.release("Old", at=days_ago(400), issuer=org)
    new = factories.release("New", at=days_ago(2))
    factories.quote(new, speaker=person)
    got = client.get(api("releases") + f"?organization={org.slug}").json()["items"]
    assert [i["slug"] for i in got] == [old.slug]
    got = client.get(api("releases") + f"?person={person.slug}").json()["items"]
    assert [i["slug"] for i in got] == [new.slug]
    since = days_ago(30).date().isoformat()
    got = client.get(api("releases") + f"?published_after={since}").json()["items"]
    assert [i["slug"] for i in got] == [new.slug]
    got = client.get(api("releases") + f"?published_before={since}").json()["items"]
    assert [i["slug"] for i in got] == [old.slug]


def test_filters_by_the_language_a_release_is_written_in(client):
    english = factories.release("Water report", at=days_ago(3))
    spanish = factories.release("Informe del agua", at=days_ago(2), language="es", translation_of=english)
    got = client.get(api("releases") + "?language=es").json()["items"]
    assert [(i["slug"], i["language"]) for i in got] == [(spanish.slug, "es")]
    got = client.get(api("releases") + "?language=en").json()["items"]
    assert [(i["slug"], i["language"]) for i in got] == [(english.slug, "en")]
    assert client.get(api("release", slug=spanish.slug)).json()["language"] == "es"
    assert client.get(api("releases") + "?language=not a code").status_code == 422


def test_search_finds_public_releases(client, committing):
    committing(factories.release, "Glaciers are melting faster")
    data = client.get(api("search") + "?q=glaciers").json()
    assert data["total"] == 1 and data["items"][0]["title"] == "Glaciers are melting faster"
    assert "<mark>Glaciers</mark>" in data["items"][0]["excerpt_html"]


def test_answers_are_cached_validated_and_open_to_every_origin(client, settings):
    settings.PAGE_CACHE = True
    release = factories.release()
    url = api("release", slug=release.slug)
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    assert first["Access-Control-Allow-Origin"] == "*"
    assert "Cookie" in first["Vary"]
    assert first["Content-Type"] == "application/json; charset=utf-8"
    again = client.get(url)
    assert again["X-Cache"] == "hit" and again.content == first.content
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    preflight = client.options(url, HTTP_ORIGIN="https://elsewhere.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"


def test_a_change_reaches_the_api_at_once(client, committing, settings):
    settings.PAGE_CACHE = True
    release = factories.release("Before the edit")
    url = api("release", slug=release.slug)
    assert client.get(url).json()["title"] == "Before the edit"
    assert client.get(url)["X-Cache"] == "hit"
    release.title = "After the edit"
    committing(release.save)
    assert client.get(url).json()["title"] == "After the edit"


def test_past_the_rate_limit_the_api_answers_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = "3/60"
    settings.PAGE_CACHE = False
    for _ in range(3):
        assert client.get(api("topics")).status_code == 200
    refused = client.get(api("topics"))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": "Too many requests."}


def test_the_openapi_document_and_the_guide(client):
    document = client.get(api("openapi-json")).json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/releases" in document["paths"] and "/api/v1/releases/{slug}" in document["paths"]
    docs = client.get(api("openapi-view"))
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()
    assert b"/static/ninja/swagger-ui-bundle" in docs.content
    guide = client.get(reverse("api_guide"))
    assert guide.status_code == 200 and api("openapi-view").encode() in guide.content
    assert reverse("api_guide").encode() in client.get(reverse("releases:home")).content  # the footer's link


def test_a_release_is_kept_under_its_render_key(client, committing, django_assert_max_num_queries):
    release = committing(factories.release, "Kept release")
    quote = committing(factories.quote, release, text="First wording.")
    url = api("release", slug=release.slug)
    assert client.get(url).json()["quotes"][0]["text"] == "First wording."
    with django_assert_max_num_queries(1):  # the release's row; its representation is kept
        assert client.get(url).json()["title"] == "Kept release"
    quote.text = "Second wording."
    committing(quote.save)  # a new render key after commit
    assert client.get(url).json()["quotes"][0]["text"] == "Second wording."


def test_a_release_lists_its_press_kit_with_each_file_licence(client):
    release = factories.release()
    factories.asset(release, name="portrait.png", licence="cc-by-4.0", credit="Photo: Ann")
    data = client.get(api("release", slug=release.slug)).json()
    (kit,) = data["assets"]
    assert kit["caption"] == "Caption of portrait.png" and kit["credit"] == "Photo: Ann"
    assert kit["licence"]["id"] == "cc-by-4.0"
    assert kit["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert kit["file_name"] == "portrait.png" and kit["size"] > 0
    download = client.get(kit["url"].removeprefix(settings.SITE_URL))
    assert download.status_code == 200
