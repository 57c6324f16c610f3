"""Preview tokens hold under requests crafted by hand.

Near-miss tokens, junk query parameters and unsafe methods must not reach a
draft. What test_preview already tries is not repeated here.
"""

from urllib.parse import quote

import pytest
from django.utils import timezone

from releases.models import PreviewLink, Release
from tests import factories
from tests.factories import draft_with_text
from tests.pages import assert_no_text_of

pytestmark = pytest.mark.django_db


# --- Preview tokens ----------------------------------------------------------------


def near_misses(token):
    """Tokens a guesser or a broken lookup could try: each must miss."""
    flip = {c: ("B" if c == "A" else "A") for c in token}
    return {
        "last character changed": token[:-1] + flip[token[-1]],
        "first character changed": flip[token[0]] + token[1:],
        "one character short": token[:-1],
        "one character long": token + "A",
        "a prefix": token[:8],
        "LIKE wildcard for the last character": token[:-1] + ("_" if token[-1] != "_" else "-"),
        "percent wildcard": token[:-1] + "%25",
        "upper case": token.upper(),
        "lower case": token.lower(),
        "swapped case": token.swapcase(),
        "65 characters": (token * 2)[:65],
        "NUL after": token + "%00",
        "NUL before": "%00" + token,
        "encoded slash after": token + "%2F",
        "encoded slash and dots": token + "%2F..%2F",
        "dot-dot before": "..%2F" + token,
        "dot-dot after": token + "/..",
        "space after": token + "%20",
        "tab before": "%09" + token,
        "accented letter after": token + quote("é"),
        "fullwidth look-alike": quote(token[:-1] + chr(0xFF21)),
        "right-to-left override": quote("\u202e") + token,
    }


def test_near_miss_tokens_are_404_and_show_nothing(client):
    release = draft_with_text("Near miss draft")
    link = PreviewLink.objects.create(release=release)
    assert client.get(link.get_absolute_url()).status_code == 200  # the real one works
    for name, guess in near_misses(link.token).items():
        if guess == link.token:
            continue  # e.g. .upper() of a token with no lower-case letter; improbable
        for method in (client.get, client.head):
            response = method(f"/preview/{guess}/")
            assert response.status_code == 404, (name, method.__name__, response.status_code)
            assert_no_text_of(response, release)
    # A real token anywhere but its own slot opens nothing either.
    for url in (f"/preview/x/?token={link.token}", f"/preview/{link.token}/{link.token}/", f"/{link.token}/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert_no_text_of(response, release)


def test_a_revoked_link_is_410_private_and_shows_nothing(client):
    release = draft_with_text("Revoked draft")
    link = PreviewLink.objects.create(release=release, revoked_at=timezone.now())
    for response in (client.get(link.get_absolute_url()), client.head(link.get_absolute_url())):
        assert response.status_code == 410
        assert_no_text_of(response, release)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
    # Junk in the query string does not bring a revoked link back.
    response = client.get(link.get_absolute_url() + "?revoked=0&revoked_at=&preview=1")
    assert response.status_code == 410
    assert_no_text_of(response, release)


def test_a_link_shows_its_own_release_and_no_other(client):
    alpha = draft_with_text("Alpha draft")
    bravo = draft_with_text("Bravo draft", state="scheduled")
    alpha_link = PreviewLink.objects.create(release=alpha)
    bravo_link = PreviewLink.objects.create(release=bravo)
    for link, own, other in ((alpha_link, alpha, bravo), (bravo_link, bravo, alpha)):
        crafted = f"?release={other.pk}&pk={other.pk}&slug={other.slug}&token={other.preview_links.get().token}"
        for url in (link.get_absolute_url(), link.get_absolute_url() + crafted):
            response = client.get(url)
            assert response.status_code == 200, url
            assert f"<h1>{own.title}</h1>" in response.content.decode()
            assert_no_text_of(response, other)


def test_head_answers_like_get_without_the_body(client):
    release = draft_with_text("Head draft")
    url = PreviewLink.objects.create(release=release).get_absolute_url()
    got, head = client.get(url), client.head(url)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    for header in ("Cache-Control", "X-Robots-Tag", "Referrer-Policy", "Content-Type"):
        assert head[header] == got[header], header


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_unsafe_methods_on_a_preview_are_405(client, method):
    release = draft_with_text("Method draft")
    link = PreviewLink.objects.create(release=release)
    response = getattr(client, method)(link.get_absolute_url(), {"revoked_at": "", "status": "published"})
    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}
    assert_no_text_of(response, release)
    link.refresh_from_db()
    release.refresh_from_db()
    assert link.revoked_at is None
    assert release.state == Release.State.DRAFT


def test_the_page_cache_never_stores_a_preview(client, settings):
    settings.PAGE_CACHE = True
    public = factories.release("A public page the cache does store")
    client.get(public.get_absolute_url())
    assert client.get(public.get_absolute_url())["X-Cache"] == "hit"  # the cache is on

    release = draft_with_text("Cached draft")
    link = PreviewLink.objects.create(release=release)
    for _ in range(2):
        response = client.get(link.get_absolute_url())
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    # Revoked with no signal and no commit, so no new cache version: only a fresh render sees it.
    PreviewLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert_no_text_of(response, release)
