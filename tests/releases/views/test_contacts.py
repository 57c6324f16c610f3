"""Press contacts on the release page: near the top, the default chain, vCards, feeds, JSON-LD and freshness."""

import json
import re

import feedparser
import pytest
import vobject
from django.urls import reverse

from releases.models import Release, SiteSettings
from releases.reading import site
from tests import factories
from tests.pages import tags

pytestmark = pytest.mark.django_db


def page(client, release):
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def jsonld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])


def test_contacts_come_right_after_the_dateline_and_before_the_text(client):
    release = factories.release("Contact up front", dateline="Washington, DC", body="The story begins here.")
    factories.release_contact(release, factories.contact("Ana Press", role="Spokesperson", languages=["en", "es"]))
    html = page(client, release)
    html = html[html.index("<main") :]
    order = [html.find(text) for text in ("Washington, DC", "Issued", "Ana Press", "The story begins here.")]
    assert -1 not in order and order == sorted(order)
    assert "Speaks English, Spanish" in html
    assert tags(client.get(release.get_absolute_url()), "a", href="tel:+12025550143")


def test_named_contacts_keep_their_order(client):
    release = factories.release()
    factories.release_contact(release, factories.contact("Second Person"), position=2)
    factories.release_contact(release, factories.contact("First Person"), position=1)
    html = page(client, release)
    assert "Press contacts" in html
    assert html.index("First Person") < html.index("Second Person")


def test_without_contacts_the_issuers_press_office_then_the_sites_is_shown(client, committing):
    issuer = factories.organization("Issuing Group")
    release = factories.release(issuer=issuer)
    assert "Press contact" not in page(client, release)  # none anywhere: no empty box

    newsroom = factories.contact("Newsroom Desk", email="desk@example.org")
    committing(SiteSettings(name="The Newsroom", press_office=newsroom).save)
    assert "Newsroom Desk" in page(client, release)

    office = factories.contact("Issuer Press Office", organization=issuer)
    issuer.press_office = office
    committing(issuer.save)
    html = page(client, Release.objects.get(pk=release.pk))
    assert "Issuer Press Office" in html
    assert html.count("Newsroom Desk") == 1  # only in the footer now, no longer as the release's contact


def test_editing_a_contact_updates_every_page_naming_it_at_once(client, committing):
    contact = committing(factories.contact, "Old Name", phone="+1 202 555 0100")
    releases = [committing(factories.release, f"Release {n}") for n in range(2)]
    for release in releases:
        committing(factories.release_contact, release, contact)
    for release in releases:
        assert "Old Name" in page(client, Release.objects.get(pk=release.pk))  # now cached under its render key
    contact.name = "New Name"
    contact.phone = "+44 20 7946 0958"
    committing(contact.save)
    for release in releases:
        html = page(client, Release.objects.get(pk=release.pk))
        assert "New Name" in html and "Old Name" not in html
        assert 'href="tel:+442079460958"' in html


def test_editing_the_sites_press_office_updates_pages_that_show_it(client, committing):
    office = committing(factories.contact, "Desk Before")
    committing(SiteSettings(name="Newsroom", press_office=office).save)
    release = committing(factories.release, "Falls back to the site")
    assert "Desk Before" in page(client, Release.objects.get(pk=release.pk))
    office.name = "Desk After"
    committing(office.save)
    html = page(client, Release.objects.get(pk=release.pk))
    assert "Desk After" in html and "Desk Before" not in html


def test_the_vcard_is_valid_and_says_how_to_reach_them(client):
    org = factories.organization("Acme; Sons, Ltd", website="https://acme.example.org")
    contact = factories.contact(
        "Jane Doe",
        role="Head of communications",
        organization=org,
        phone="+1 202 555 0143 x12",
        email="jane@acme.example.org",
        languages=["en", "fr"],
        hours="Mon–Fri, 9:00–18:00 Eastern; weekends by email",
    )
    factories.release_contact(factories.release(), contact)
    response = client.get(reverse("releases:contact_vcard", kwargs={"pk": contact.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="jane-doe.vcf"'
    body = response.content.decode()
    assert body.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and body.endswith("END:VCARD\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    card = vobject.readOne(body)
    assert card.fn.value == "Jane Doe"
    assert (card.n.value.family, card.n.value.given) == ("Doe", "Jane")
    assert card.org.value == ["Acme; Sons, Ltd"]
    assert card.title.value == "Head of communications"
    assert card.tel.value == "+1 202 555 0143 x12"
    assert card.email.value == "jane@acme.example.org"
    assert card.url.value == "https://acme.example.org"
    assert "Languages: English, French" in card.note.value and "weekends by email" in card.note.value


def test_a_long_name_folds_without_breaking_characters(client):
    contact = factories.contact("Ñandú " * 30, details="Línea uno\nLínea dos")
    factories.release_contact(factories.release(), contact)
    body = client.get(reverse("releases:contact_vcard", kwargs={"pk": contact.pk})).content.decode()
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    card = vobject.readOne(body)
    assert card.fn.value == ("Ñandú " * 30).strip() or card.fn.value.strip() == ("Ñandú " * 30).strip()
    assert card.note.value == "Línea uno\nLínea dos"


@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn"])
def test_a_contact_named_only_by_hidden_releases_has_no_vcard(client, state):
    contact = factories.contact("Hidden Contact")
    factories.release_contact(factories.release(state=state), contact)
    assert client.get(reverse("releases:contact_vcard", kwargs={"pk": contact.pk})).status_code == 404


def test_press_offices_and_the_sites_office_have_vcards(client, committing):
    issuer = factories.organization()
    office = factories.contact("Office", organization=issuer)
    issuer.press_office = office
    issuer.save()
    factories.release(issuer=issuer)
    newsroom = factories.contact("Newsroom")
    committing(SiteSettings(name="N", press_office=newsroom).save)
    loner = factories.contact("Nobody's")
    assert client.get(reverse("releases:contact_vcard", kwargs={"pk": office.pk})).status_code == 200
    assert client.get(reverse("releases:contact_vcard", kwargs={"pk": newsroom.pk})).status_code == 200
    assert client.get(reverse("releases:contact_vcard", kwargs={"pk": loner.pk})).status_code == 404
    assert client.get("/contacts/99999999999999999999.vcf").status_code == 404


def test_contacts_are_in_the_json_ld_and_the_feeds(client):
    release = factories.release("Fed release")
    factories.release_contact(release, factories.contact("Ana Press", email="ana@example.org", languages=["es"]))
    data = jsonld(page(client, release))
    [point] = data["publisher"]["contactPoint"]
    assert point == {
        "@type": "ContactPoint",
        "contactType": "media relations",
        "name": "Ana Press",
        "telephone": "+1 202 555 0143",
        "email": "ana@example.org",
        "availableLanguage": ["Spanish"],
    }
    for name in ("releases:feed_rss", "releases:feed_atom"):
        raw = client.get(reverse(name)).content
        feed = feedparser.parse(raw)
        assert feed.bozo == 0
        content = feed.entries[0].get("content", [{}])[0].get("value") or feed.entries[0].description
        assert "Ana Press" in content and 'href="mailto:ana@example.org"' in content
        assert b"tel:+12025550143" in raw  # feedparser drops tel: links from what it shows; the feed has them


def test_site_settings_are_read_once_and_kept_while_nothing_changes(django_assert_num_queries, committing):
    committing(SiteSettings(name="Kept").save)
    site.forget()
    with django_assert_num_queries(1):
        assert site.current().name == "Kept"
    with django_assert_num_queries(0):
        assert site.current().name == "Kept"


def test_deleting_a_press_office_takes_it_off_the_pages_that_showed_it(client, committing):
    issuer = committing(factories.organization, "Deleting Group")
    office = committing(factories.contact, "Gone Office", organization=issuer)
    issuer.press_office = office
    committing(issuer.save)
    release = committing(factories.release, "Shows the office", issuer=issuer)
    assert "Gone Office" in page(client, Release.objects.get(pk=release.pk))
    committing(office.delete)
    assert "Gone Office" not in page(client, Release.objects.get(pk=release.pk))
