"""Preview links: shareable, unguessable, revocable, and retired by publication."""

import pytest
from django.utils import timezone

from releases import publishing
from releases.models import PreviewLink
from tests import factories
from tests.pages import meta

pytestmark = pytest.mark.django_db


def private_and_unindexed(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert meta(response, "robots") == "noindex"


def test_preview_of_a_draft_shows_it_with_a_draft_banner(client):
    release = factories.release("Secret draft", state="draft")
    link = PreviewLink.objects.create(release=release)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "DRAFT" in html and "<h1>Secret draft</h1>" in html
    private_and_unindexed(response)
    assert response["Referrer-Policy"] == "no-referrer"
    assert len(link.token) >= 40


def test_preview_of_a_scheduled_release_says_embargoed(client):
    release = factories.release("Embargoed news", state="scheduled")
    response = client.get(PreviewLink.objects.create(release=release).get_absolute_url())
    assert response.status_code == 200
    assert "EMBARGOED" in response.content.decode()
    private_and_unindexed(response)


def test_preview_life_cycle_revoked_then_published(client):
    release = factories.release("Life cycle", state="draft", slug="life-cycle")
    link = PreviewLink.objects.create(release=release)
    spare = PreviewLink.objects.create(release=release)
    assert client.get(link.get_absolute_url()).status_code == 200
    link.revoked_at = timezone.now()
    link.save()
    revoked = client.get(link.get_absolute_url())
    assert revoked.status_code == 410
    assert "Life cycle" not in revoked.content.decode()
    assert client.get(spare.get_absolute_url()).status_code == 200
    publishing.publish(release)
    response = client.get(spare.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == "/releases/life-cycle/"


def test_unknown_tokens_are_404(client):
    assert client.get("/preview/not-a-real-token/").status_code == 404
    assert client.get("/preview/" + "x" * 3000 + "/").status_code == 404
    for bad in ["%00", "a%00b", "%E2%80%AE%00%EF%BF%BF", "..%2F", "%27%20OR%201=1"]:
        assert client.get(f"/preview/{bad}/").status_code == 404, bad
