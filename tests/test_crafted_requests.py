"""Preview tokens and permissions hold under requests crafted by hand.

Near-miss tokens, junk query parameters, odd slugs and unsafe methods must not
reach a draft; lists never take a parameter that shows one; the admin refuses
anonymous and Writer POSTs it never offered, and answers malformed ids with
3xx/4xx. What test_preview, test_permissions and test_visibility already try
is not repeated here.
"""

from urllib.parse import quote

import pytest
import reversion
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from releases import publishing
from releases.models import Organization, Person, PreviewLink, Release, Topic
from releases.sitemaps import sitemaps
from tests import factories
from tests.admin_helpers import add_url, change_url, changelist_url, form_data, new_release_data, staff

pytestmark = pytest.mark.django_db


def draft_with_text(title, state="draft", **kwargs):
    """A hidden release whose title, deck, body and quote are all recognisable."""
    release = factories.release(
        title,
        state=state,
        subtitle=f"Deck of {title}",
        body=f"Body of {title}, never for readers.",
        **kwargs,
    )
    factories.quote(release, text=f"Quote from {title}")
    return release


def assert_no_text_of(response, release):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = body.decode(errors="replace")
    for text in (release.title, release.subtitle, release.body, f"Quote from {release.title}"):
        assert text not in body, (response.status_code, text)


def editor_client():
    client = Client()
    client.force_login(staff("Editor"))
    return client


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


# --- Drafts and scheduled releases at their permalink --------------------------------------


def viewer(kind):
    """A client for someone who must not see unpublished releases."""
    client = Client()
    view_release = Permission.objects.get(codename="view_release", content_type__app_label="releases")
    if kind == "member":
        client.force_login(User.objects.create_user("member", password="x"))
    elif kind == "member with view permission":
        user = User.objects.create_user("member-with-permission", password="x")
        user.user_permissions.add(view_release)
        client.force_login(user)
    elif kind == "staff without view permission":
        client.force_login(User.objects.create_user("staff-no-permission", password="x", is_staff=True))
    elif kind == "inactive staff with view permission":
        user = User.objects.create_user("gone", password="x", is_staff=True, is_active=False)
        user.user_permissions.add(view_release)
        client.force_login(user)
    elif kind == "forged session cookie":
        client.cookies["sessionid"] = "forged" * 6
    else:
        assert kind == "anonymous"
    return client


VIEWERS = [
    "anonymous",
    "forged session cookie",
    "member",
    "member with view permission",
    "staff without view permission",
    "inactive staff with view permission",
]


def crafted_permalinks(release, token):
    url = release.get_absolute_url()
    return [
        url,
        url + "?preview=1",
        url + "?preview=true&draft=1&status=draft&staff=1&is_staff=True",
        url + f"?token={token}",
        url + f"?slug={release.slug}&format=json",
        url.rstrip("/"),
        url.replace(release.slug, release.slug.upper()),
        url.replace(release.slug, release.slug + "%20"),
        url.replace(release.slug, "%20" + release.slug),
        url.replace(release.slug, release.slug + "%00"),
        url + "/",
    ]


@pytest.mark.parametrize("state", ["draft", "scheduled"])
@pytest.mark.parametrize("kind", VIEWERS)
def test_unpublished_permalink_is_404_under_crafted_urls(state, kind):
    release = draft_with_text(f"Unpublished {state} permalink", state=state)
    token = PreviewLink.objects.create(release=release).token
    # A Writer does see it there, so a 404 below is the rule at work, not a wrong address.
    writer = Client()
    writer.force_login(staff("Writer"))
    assert writer.get(release.get_absolute_url()).status_code == 200

    client = viewer(kind)
    for url in crafted_permalinks(release, token):
        response = client.get(url, follow=True)
        assert response.status_code == 404, (url, response.redirect_chain)
        assert_no_text_of(response, release)
    response = client.head(release.get_absolute_url())
    assert response.status_code == 404
    assert response.content == b""


@pytest.fixture
def hidden_beside_public(django_capture_on_commit_callbacks):
    """A public release and two hidden ones sharing its issuer, topic and a search word; indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        issuer = factories.organization("Harbour Coalition")
        topic = factories.topic("Harbour safety")
        public = factories.release("Public harbour notice", issuer=issuer)
        draft = draft_with_text("Draft harbour zebra", issuer=issuer)
        scheduled = draft_with_text("Scheduled harbour zebra", state="scheduled", issuer=issuer)
        for release in (public, draft, scheduled):
            release.topics.add(topic)
            release.save()
    return {"public": public, "hidden": [draft, scheduled], "issuer": issuer, "topic": topic}


def crafted_list_urls(issuer, topic):
    year = timezone.now().year
    junk = "?status=draft&preview=1&state=scheduled&include_drafts=1&all=1&staff=1"
    urls = [
        reverse("releases:home") + junk,
        reverse("releases:release_archive") + junk,
        reverse("releases:release_archive") + f"?year={year}&status=draft&topic={topic.slug}",
        reverse("releases:release_year", kwargs={"year": year}) + junk,
        reverse("releases:search") + "?q=zebra" + junk.replace("?", "&"),
        reverse("releases:search") + "?q=harbour&status=draft&preview=1",
        issuer.get_absolute_url() + junk,
        topic.get_absolute_url() + junk,
        reverse("releases:feed_rss") + junk,
        reverse("releases:feed_atom") + junk,
        reverse("releases:topic_feed_rss", kwargs={"slug": topic.slug}) + junk,
        reverse("releases:topic_feed_atom", kwargs={"slug": topic.slug}) + junk,
        reverse("releases:organization_feed_rss", kwargs={"slug": issuer.slug}) + junk,
        reverse("releases:organization_feed_atom", kwargs={"slug": issuer.slug}) + junk,
        "/sitemap.xml" + junk,
    ]
    urls += [f"/sitemap-{section}.xml{junk}&p=1" for section in sorted(sitemaps)]
    return urls


@pytest.mark.parametrize("kind", ["anonymous", "writer"])
def test_no_parameter_brings_hidden_releases_into_lists(hidden_beside_public, kind):
    client = Client()
    if kind == "writer":  # staff who may see drafts at their permalink still get public lists
        client.force_login(staff("Writer"))
    archive = client.get(reverse("releases:release_archive") + "?status=draft&preview=1")
    assert "Public harbour notice" in archive.content.decode()  # the page still lists what is public
    found = client.get(reverse("releases:search") + "?q=harbour&status=draft")
    assert "Public harbour notice" in found.content.decode()  # and search has the words indexed
    for url in crafted_list_urls(hidden_beside_public["issuer"], hidden_beside_public["topic"]):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for release in hidden_beside_public["hidden"]:
            assert release.title not in body, (url, release.title)
            assert release.slug not in body, (url, release.slug)
            assert_no_text_of(response, release)


# --- The admin under crafted requests ------------------------------------------------------


def admin_requester(kind):
    client = Client()
    if kind == "member with every release permission":
        # Not staff: the permissions alone must not open the admin.
        user = User.objects.create_user("not-staff", password="x")
        user.user_permissions.add(*Permission.objects.filter(content_type__app_label="releases"))
        client.force_login(user)
    elif kind == "forged session cookie":
        client.cookies["sessionid"] = "forged" * 6
    return client


@pytest.mark.parametrize("kind", ["anonymous", "forged session cookie", "member with every release permission"])
def test_admin_posts_without_a_staff_login_change_nothing(kind):
    draft = draft_with_text("Admin target draft")
    live = factories.release("Admin target live")
    with reversion.create_revision():
        draft.save()
    version = Version.objects.get_for_object(draft).first()
    count = Release.objects.count()
    client = admin_requester(kind)
    posts = [
        (add_url(), new_release_data(factories.organization(), slug="made-without-login")),
        (change_url(draft), {"title": "Defaced", "status": "published"}),
        (reverse("admin:releases_release_delete", args=[draft.pk]), {"post": "yes"}),
        (changelist_url(), {"action": "publish_selected", "_selected_action": [draft.pk]}),
        (changelist_url(), {"action": "delete_selected", "_selected_action": [draft.pk, live.pk], "post": "yes"}),
        (
            changelist_url(),
            {"action": "withdraw_selected", "_selected_action": [live.pk], "apply": "1", "reason": "Hacked."},
        ),
        (reverse("admin:releases_release_revision", args=[draft.pk, version.pk]), {"title": "Reverted"}),
        (reverse("admin:releases_release_recover", args=[version.pk]), {"title": "Recovered"}),
    ]
    login_url = reverse("admin:login")
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith(login_url), (url, response["Location"])
    assert Release.objects.count() == count
    assert not Release.objects.filter(slug="made-without-login").exists()
    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.title, draft.state) == ("Admin target draft", Release.State.DRAFT)
    assert (live.title, live.state) == ("Admin target live", Release.State.PUBLISHED)


@pytest.fixture
def writer_client():
    client = Client()
    client.force_login(staff("Writer"))
    return client


def test_a_writer_cannot_revert_one_release_through_anothers_history(writer_client):
    alpha = draft_with_text("Alpha as it stands")
    bravo = draft_with_text("Bravo as it stands")
    with reversion.create_revision():
        bravo.title = "Bravo as versioned"
        bravo.save()
    Release.objects.filter(pk=bravo.pk).update(title="Bravo as it stands")
    bravo_version = Version.objects.get_for_object(bravo).first()
    own_url = reverse("admin:releases_release_revision", args=[bravo.pk, bravo_version.pk])
    data = form_data(editor_client().get(own_url))
    url = reverse("admin:releases_release_revision", args=[alpha.pk, bravo_version.pk])
    assert writer_client.get(url).status_code == 404
    assert writer_client.post(url, data).status_code == 404
    alpha.refresh_from_db()
    bravo.refresh_from_db()
    assert alpha.title == "Alpha as it stands"
    assert bravo.title == "Bravo as it stands"


def test_a_writer_cannot_revert_a_bulk_revision_that_holds_a_live_release(writer_client):
    """A list action saves every release it touched in one revision, and reverting restores all of it."""
    editor = editor_client()
    alpha = factories.release("Alpha, back to draft", state="scheduled")
    bravo = factories.release("Bravo, since published", state="scheduled")
    editor.post(changelist_url(), {"action": "unpublish_selected", "_selected_action": [alpha.pk, bravo.pk]})
    editor.post(changelist_url(), {"action": "publish_selected", "_selected_action": [bravo.pk]})
    bravo.refresh_from_db()
    assert bravo.is_public()
    version = Version.objects.get_for_object(alpha).first()
    assert version.field_dict["status"] == Release.Status.DRAFT
    assert version.revision.version_set.count() == 2  # alpha and bravo, both as drafts

    url = reverse("admin:releases_release_revision", args=[alpha.pk, version.pk])
    data = form_data(editor.get(url))  # what the revert form would post, were it offered
    assert writer_client.get(url).status_code == 403
    assert writer_client.post(url, data).status_code == 403
    bravo.refresh_from_db()
    assert bravo.is_public()  # a Writer cannot take a live release down


def test_a_writer_cannot_recover_an_old_draft_over_a_live_release(writer_client):
    """Recovering does not check that the release was deleted: it would overwrite the live row."""
    editor = editor_client()
    release = factories.release("Once a draft, now live", state="draft")
    with reversion.create_revision():
        release.save()
    draft_version = Version.objects.get_for_object(release).first()
    publishing.publish(release)
    url = reverse("admin:releases_release_recover", args=[draft_version.pk])
    data = form_data(editor.get(url))
    assert writer_client.get(url).status_code == 403
    assert writer_client.post(url, data).status_code == 403
    release.refresh_from_db()
    assert release.is_public()


def test_a_writer_cannot_even_open_the_revert_form_of_a_published_version(writer_client):
    release = factories.release("Published, then drafted by hand", state="draft")
    with reversion.create_revision():
        publishing.publish(release)
    version = Version.objects.get_for_object(release).first()
    Release.objects.filter(pk=release.pk).update(status=Release.Status.DRAFT)
    url = reverse("admin:releases_release_revision", args=[release.pk, version.pk])
    response = writer_client.get(url)
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT


BAD_IDS = ["abc", "-1", "0", "1.5", "99999999999999999999", "1%00", "%27%20OR%201=1", "..%2F", "%C3%A9", "%20"]


@pytest.mark.parametrize("group", ["Editor", "Writer"])
def test_malformed_object_ids_answer_3xx_or_4xx(group):
    client = Client(raise_request_exception=False)
    client.force_login(staff(group))
    release = factories.release("Untouched by bad ids", state="draft")
    with reversion.create_revision():
        release.save()
    base = changelist_url()
    failures = []
    for bad in BAD_IDS:
        for url in (
            f"{base}{bad}/change/",
            f"{base}{bad}/delete/",
            f"{base}{bad}/history/",
            f"{base}{bad}/history/1/",
            f"{base}{release.pk}/history/{bad}/",
            f"{base}recover/{bad}/",
            f"{base}{bad}/",
        ):
            for response in (client.get(url), client.post(url, {"post": "yes", "title": "Changed"})):
                if not 300 <= response.status_code < 500:
                    failures.append((response.status_code, response.request["REQUEST_METHOD"], url))
    for url in (f"{base}{release.pk}/history/99999999999999999999/", f"{base}recover/99999999999999999999/"):
        status = client.get(url).status_code
        if status != 404:
            failures.append((status, "GET", url))
    assert failures == []
    release.refresh_from_db()
    assert release.title == "Untouched by bad ids"


DIRECTORY = {
    "release": lambda: factories.release(state="draft"),
    "organization": factories.organization,
    "person": factories.person,
    "topic": factories.topic,
}
MODELS = {"release": Release, "organization": Organization, "person": Person, "topic": Topic}


@pytest.mark.parametrize("model", sorted(DIRECTORY))
@pytest.mark.parametrize(
    "selected",
    [["abc"], ["{pk}", "abc"], ["1.5"], [""], ["\u0661"], ["-1"], ["99999999999999999999"]],
    ids=["letters", "real-and-letters", "decimal", "empty", "arabic-indic-one", "negative", "too-large"],
)
def test_crafted_selected_ids_in_a_list_action_are_refused_not_500(model, selected):
    """An Editor may delete, so only the ids stand between the POST and the rows."""
    client = Client(raise_request_exception=False)
    client.force_login(staff("Editor"))
    row = DIRECTORY[model]()
    ids = [value.format(pk=row.pk) for value in selected]
    url = reverse(f"admin:releases_{model}_changelist")
    response = client.post(url, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert 300 <= response.status_code < 500, response.status_code
    assert MODELS[model].objects.filter(pk=row.pk).exists()
