"""Drafts, scheduled and withdrawn releases leak nowhere: a table of every public URL.

One fixture builds an archive where each hidden release shares its issuer,
topic, speaker and signatory with a public one (so counts and lists could leak)
and also has its own, reached by nothing public (so those pages must be 404).
"""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse
from django.utils import timezone

from releases import publishing
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "scheduled", "withdrawn"]


def day(year, month, d):
    return datetime(year, month, d, 12, tzinfo=dt_timezone.utc)


@pytest.fixture
def archive():
    shared_org = factories.organization("Shared Issuer")
    shared_signer = factories.organization("Shared Signer")
    shared_topic = factories.topic("Shared Topic")
    shared_person = factories.person("Shared Speaker")

    def dress(release, issuer_org, signer, topic, person):
        release.topics.add(topic)
        factories.signatory(release, signer)
        factories.quote(release, text=f"Quote in {release.title}", speaker=person, speaker_organization=issuer_org)
        return release

    public = dress(
        factories.release("Visible release", issuer=shared_org, at=day(2019, 6, 1), slug="visible-release"),
        shared_org,
        shared_signer,
        shared_topic,
        shared_person,
    )
    later = factories.release("Later visible release", issuer=shared_org, at=day(2019, 6, 3), slug="later-visible")
    hidden, own = {}, {}
    when = {"draft": None, "scheduled": timezone.now() + timedelta(days=3), "withdrawn": day(2019, 6, 2)}
    for state in HIDDEN_STATES:
        kwargs = {"at": when[state]} if when[state] else {}
        release = factories.release(
            f"HIDDEN {state} marker", state=state, issuer=shared_org, slug=f"hidden-{state}-marker", **kwargs
        )
        dress(release, shared_org, shared_signer, shared_topic, shared_person)
        mine = {
            "org": factories.organization(f"Own issuer {state}"),
            "signer": factories.organization(f"Own signer {state}"),
            "topic": factories.topic(f"Own topic {state}"),
            "person": factories.person(f"Own person {state}"),
        }
        release.issuer = mine["org"]
        release.save()
        dress(release, mine["org"], mine["signer"], mine["topic"], mine["person"])
        hidden[state], own[state] = release, mine
    old_withdrawn = factories.release("HIDDEN old marker", state="withdrawn", at=day(2003, 2, 1), slug="hidden-old")
    old_withdrawn.topics.add(shared_topic)
    # Defect 0 of issue 12: an embargoed release an Editor tries to withdraw stays embargoed
    # (it was served at its permalink, "withdrawn", with its whole text).
    embargoed = factories.release(
        "HIDDEN embargo-withdrawn marker", state="scheduled", issuer=shared_org, slug="hidden-embargo-withdrawn-marker"
    )
    dress(embargoed, shared_org, shared_signer, shared_topic, shared_person)
    try:
        publishing.withdraw(embargoed, "Pulled before its time.")
    except publishing.NotAllowed:
        pass
    return {
        "public": public,
        "later": later,
        "hidden": [*hidden.values(), old_withdrawn, embargoed],
        "own": own,
        "org": shared_org,
        "signer": shared_signer,
        "topic": shared_topic,
        "person": shared_person,
    }


def public_urls(a):
    topic, org, signer, person = a["topic"], a["org"], a["signer"], a["person"]
    this_year = timezone.now().year
    return [
        reverse("releases:home"),
        reverse("releases:release_archive"),
        reverse("releases:release_archive") + f"?topic={topic.slug}",
        reverse("releases:release_archive") + f"?organization={org.slug}&year=2019",
        reverse("releases:release_archive") + f"?year={this_year}",
        reverse("releases:release_year", kwargs={"year": 2019}),
        reverse("releases:release_month", kwargs={"year": 2019, "month": 6}),
        a["public"].get_absolute_url(),
        a["later"].get_absolute_url(),
        reverse("releases:organization_list"),
        org.get_absolute_url(),
        signer.get_absolute_url(),
        person.get_absolute_url(),
        topic.get_absolute_url(),
        reverse("releases:topic_list"),
        reverse("releases:person_list"),
        reverse("releases:feed_rss"),
        reverse("releases:feed_atom"),
        reverse("releases:topic_feed_rss", kwargs={"slug": topic.slug}),
        reverse("releases:topic_feed_atom", kwargs={"slug": topic.slug}),
        reverse("releases:organization_feed_rss", kwargs={"slug": org.slug}),
        reverse("releases:organization_feed_atom", kwargs={"slug": signer.slug}),
        reverse("releases:feed_json"),
        reverse("releases:topic_feed_json", kwargs={"slug": topic.slug}),
        reverse("releases:organization_feed_json", kwargs={"slug": org.slug}),
        reverse("releases:release_ninjs", kwargs={"slug": a["public"].slug}),
        reverse("releases:release_changes", kwargs={"slug": a["public"].slug}),
        reverse("releases:release_version", kwargs={"slug": a["public"].slug, "number": 1}),
        *(reverse(f"releases:release_cite_{fmt}", args=[a["public"].slug]) for fmt in ("bib", "ris", "json")),
        "/sitemap.xml",
        "/sitemap-releases.xml",
        "/sitemap-organizations.xml",
        "/sitemap-people.xml",
        "/sitemap-topics.xml",
        reverse("releases:search") + "?q=marker",
        reverse("releases:search") + "?q=quote",
    ]


URL_COUNT = 38


@pytest.mark.parametrize("index", range(URL_COUNT))
def test_no_hidden_release_appears_on_any_public_url(client, archive, index):
    urls = public_urls(archive)
    assert len(urls) == URL_COUNT
    url = urls[index]
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    for release in archive["hidden"]:
        assert release.title not in body, (url, release.title)
        assert release.slug not in body, (url, release.slug)
        assert f"Quote in {release.title}" not in body
    for mine in archive["own"].values():
        for thing in mine.values():
            assert thing.name not in body, (url, thing.name)


def test_counts_include_only_public_releases(client, archive):
    directory = client.get(reverse("releases:organization_list")).content.decode()
    assert 'Shared Signer</a>\n    <span class="counts">Signed</span>' in directory
    org_page = client.get(archive["org"].get_absolute_url()).content.decode()
    assert 'Issued <span class="count">(2)</span>' in org_page
    assert 'Quoted in <span class="count">(1)</span>' in org_page
    signer_page = client.get(archive["signer"].get_absolute_url()).content.decode()
    assert 'Signed <span class="count">(1)</span>' in signer_page
    person_page = client.get(archive["person"].get_absolute_url()).content.decode()
    assert 'Quotes <span class="count">(1)</span>' in person_page


def test_previous_and_next_skip_the_hidden_neighbour(client, archive):
    body = client.get(archive["public"].get_absolute_url()).content.decode()
    assert f'href="{archive["later"].get_absolute_url()}" rel="next"' in body


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("kind", ["org", "signer", "topic", "person"])
def test_pages_reached_only_by_hidden_releases_are_404(client, archive, state, kind):
    thing = archive["own"][state][kind]
    assert client.get(thing.get_absolute_url()).status_code == 404
    if kind in ("org", "signer"):
        assert client.get(reverse("releases:organization_feed_atom", args=[thing.slug])).status_code == 404
        assert client.get(reverse("releases:organization_feed_json", args=[thing.slug])).status_code == 404
    if kind == "topic":
        assert client.get(reverse("releases:topic_feed_rss", args=[thing.slug])).status_code == 404
        assert client.get(reverse("releases:topic_feed_json", args=[thing.slug])).status_code == 404


@pytest.mark.parametrize("state", ["draft", "scheduled", "embargo-withdrawn"])
def test_unpublished_permalinks_and_cards_are_404(client, archive, state):
    release = next(r for r in archive["hidden"] if r.slug == f"hidden-{state}-marker")
    assert client.get(release.get_absolute_url()).status_code == 404
    assert client.get(reverse("releases:release_card", args=[release.slug])).status_code == 404
    assert client.get(reverse("releases:release_ninjs", args=[release.slug])).status_code == 404
    assert client.get(reverse("releases:release_changes", args=[release.slug])).status_code == 404
    assert client.get(reverse("releases:release_version", args=[release.slug, 1])).status_code == 404
    for fmt in ("bib", "ris", "json"):
        assert client.get(reverse(f"releases:release_cite_{fmt}", args=[release.slug])).status_code == 404


def test_a_year_with_only_hidden_releases_is_404(client, archive):
    assert client.get(reverse("releases:release_year", kwargs={"year": 2003})).status_code == 404
    assert client.get(reverse("releases:release_month", kwargs={"year": 2003, "month": 2})).status_code == 404


def test_the_related_releases_of_a_public_release_are_public_ones(client, archive, committing):
    """The hidden releases share the public one's topic and signer: candidates, never shown."""
    later = archive["later"]
    later.topics.add(archive["topic"])
    body = client.get(archive["public"].get_absolute_url()).content.decode()
    related = body[body.index('id="related-heading"') : body.index("</section>", body.index('id="related-heading"'))]
    assert later.title in related
    for release in archive["hidden"]:
        assert release.title not in related


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_contacts_named_only_by_hidden_releases_have_no_vcard(client, archive, state):
    release = next(r for r in archive["hidden"] if r.slug == f"hidden-{state}-marker")
    contact = factories.contact(f"Contact of {state}")
    factories.release_contact(release, contact)
    assert client.get(reverse("releases:contact_vcard", kwargs={"pk": contact.pk})).status_code == 404
