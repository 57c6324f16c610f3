"""The directory pages: organizations, people and topics, and the releases each lists."""

import pytest
from django.urls import reverse

from tests import factories
from tests.pages import at

pytestmark = pytest.mark.django_db


def test_organization_directory_and_page_show_counts_and_roles(client):
    org = factories.organization("Coalition For Tests")
    issued = factories.release("Issued by the coalition", issuer=org)
    signed = factories.release("Signed by the coalition")
    factories.signatory(signed, org)
    quoted = factories.release("Quoting the coalition")
    factories.quote(quoted, speaker=factories.person(), speaker_organization=org)
    directory = client.get(reverse("releases:organization_list")).content.decode()
    assert "Coalition For Tests" in directory
    assert "Issued releases · Signed · Quoted" in directory
    page = client.get(org.get_absolute_url()).content.decode()
    for heading, release in [("Issued", issued), ("Signed", signed), ("Quoted in", quoted)]:
        assert f'{heading} <span class="count">(1)</span>' in page
        assert release.get_absolute_url() in page
    assert page.index("Issued by the coalition") < page.index("Signed by the coalition") < page.index("Quoting")


def test_person_page_lists_quotes_newest_first_with_anchors(client):
    speaker = factories.person("Ada Speaker")
    old = factories.release("Old release", at=at(2018))
    factories.quote(old, text="First other quote.")
    factories.quote(old, text="Old words.", speaker=speaker)
    new = factories.release("New release", at=at(2022))
    factories.quote(new, text="New words.", speaker=speaker)
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert html.index("New words.") < html.index("Old words.")
    assert f'{old.get_absolute_url()}#quote-2"' in html
    assert f'{new.get_absolute_url()}#quote-1"' in html
    assert "First other quote." not in html


def test_topic_page_lists_its_public_releases(client):
    topic = factories.topic("Water")
    on_topic = factories.release("About water")
    on_topic.topics.add(topic)
    factories.release("About something else")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "About water" in html and "About something else" not in html


@pytest.mark.parametrize("name", ["organization_detail", "person_detail", "topic_detail"])
def test_unknown_slugs_are_404(client, name):
    assert client.get(reverse(f"releases:{name}", kwargs={"slug": "nobody-here"})).status_code == 404


def test_organization_page_links_to_the_full_filtered_archive_when_sections_overflow(client):
    org = factories.organization("Prolific Org")
    for n in range(11):
        factories.release(f"Prolific {n}", issuer=org)
    page = client.get(org.get_absolute_url()).content.decode()
    assert f'href="/releases/?issuer={org.slug}"' in page
    archive = client.get(f"/releases/?issuer={org.slug}").content.decode()
    assert "11 releases match" in archive


@pytest.mark.parametrize("few", [500, 1])  # candidates handed over as an array, or left as a subquery
def test_organization_sections_list_the_newest_public_releases(client, monkeypatch, few):
    from releases.reading import queries

    monkeypatch.setattr(queries, "FEW", few)
    org = factories.organization("Often Quoted")
    made = []
    for day in range(1, 14):
        release = factories.release(f"Quoted on day {day:02d}", at=at(2021, 3, day))
        factories.quote(release, speaker_organization=org)
        factories.signatory(release, org)
        made.append(release)
    hidden = factories.release("Quoted in a draft", state="draft")
    factories.quote(hidden, speaker_organization=org)
    response = client.get(org.get_absolute_url())
    html = response.content.decode()
    assert "Quoted in a draft" not in html
    for key in ("signed", "quoted_in"):
        listed = [r.title for r in response.context[key]]
        assert listed == [f"Quoted on day {day:02d}" for day in range(13, 3, -1)], key
    assert response.context["organization"].quoted_count == 13
