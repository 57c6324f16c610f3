"""The release admin's form as a press officer uses it, through Django's test client: the sample
release made and published, the form's layout and lookups, and errors reported next to their field."""

import pytest
from django.urls import reverse

from releases.models import Organization, Release
from tests import factories
from tests.admin_helpers import (
    add_release,
    add_url,
    change_url,
    errors_of,
    form_data,
    new_release_data,
    organization_data,
    post_confirming_paste,
    set_inline_rows,
)

pytestmark = pytest.mark.django_db


SAMPLE_SIGNATORIES = (
    "United We Dream, the American Civil Liberties Union, the National Domestic Workers\u2019 Alliance, "
    "National Day Labor Organizing Network, the Georgia Latino Alliance for Human Rights, the National Center "
    "for Transgender Equality, the National Immigration Project of the National Lawyer\u2019s Guild, the "
    "Immigrant Legal Resource Center  and 57 more."
)


def test_editor_creates_the_sample_release_and_publishes_it(client, editor):
    issuer = factories.organization("United We Dream")
    acl = factories.organization("American Civil Liberties Union")
    zenen = factories.person("Zenen Jaimez Perez")
    raul = factories.person("Raul Alcaraz Ochoa")
    data = new_release_data(
        issuer,
        title="Over 60 Groups Tell Obama Administration to End Controversial Deportation Program",
        slug="over-60-groups",
        paste_signatories=SAMPLE_SIGNATORIES,
    )
    set_inline_rows(
        data,
        "quotes",
        [
            {
                "text": "While the Obama Administration…",
                "speaker": zenen.pk,
                "speaker_title": "Policy & Advocacy Analyst",
                "speaker_organization": issuer.pk,
            },
            {
                "text": "Immigrant youth and families…",
                "speaker": raul.pk,
                "speaker_title": "Deportation Defense Organizer",
            },
        ],
        start=0,
    )
    set_inline_rows(
        data,
        "resources",
        [
            {"kind": "blog", "title": "Here's Why ICE Should Not Renew Contracts", "url": "https://example.org/b"},
            {"kind": "video", "title": "Houston Without Fear Stands Against 287(g)", "url": "https://example.org/v"},
        ],
        start=0,
    )

    response = post_confirming_paste(client, add_url(), data)
    assert response.status_code == 302, errors_of(response)
    release = Release.objects.get(slug="over-60-groups")
    assert release.state == Release.State.DRAFT
    assert [q.source_name for q in release.quotes.all()] == ["Zenen Jaimez Perez", "Raul Alcaraz Ochoa"]
    assert list(release.quotes.values_list("position", flat=True)) == [1, 2]
    assert [r.kind for r in release.resources.all()] == ["blog", "video"]
    names = [s.organization.name for s in release.signatories.select_related("organization")]
    assert len(names) == 8
    assert names[:3] == [
        "United We Dream",
        "American Civil Liberties Union",
        "National Domestic Workers\u2019 Alliance",
    ]
    assert release.signatories.all()[1].organization == acl  # matched, not duplicated
    assert Organization.objects.filter(name__iexact="american civil liberties union").count() == 1
    assert release.unnamed_signatory_count == 57
    assert not Release.objects.public().filter(pk=release.pk).exists()

    response = client.get(change_url(release))
    publish = form_data(response)
    publish["step"] = "publish_now"
    response = client.post(change_url(release), publish)
    assert response.status_code == 302, errors_of(response)

    release.refresh_from_db()
    assert release.state == Release.State.PUBLISHED
    assert release.first_published_at is not None
    assert Release.objects.public().filter(pk=release.pk).exists()
    assert release.signatories.count() == 8  # publishing did not paste again
    client.logout()  # as a reader
    page = client.get(release.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    for part in (
        "Over 60 Groups Tell Obama Administration",
        "Raul Alcaraz Ochoa",
        "Immigrant Legal Resource Center",
        "57 more",
        "Houston Without Fear Stands Against 287(g)",
    ):
        assert part in html, part


def test_release_form_shows_fieldsets_inlines_and_the_paste_box(client, editor):
    response = client.get(reverse("admin:releases_release_add"))
    assert response.status_code == 200
    names = [fieldset.name for fieldset in response.context["adminform"]]
    assert names == [
        "Release",
        "Language and translations",
        "Signatories from a list",
        "Image",
        "Listing",
        "Source and archive",
        "Publishing",
    ]
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["quotes", "signatories", "resources", "assets", "release_contacts", "preview_links"]
    html = response.content.decode()
    assert 'name="paste_signatories"' in html
    assert "data-prepopulated-field" in html or "prepopulated_fields" in html or 'id="id_slug"' in html
    assert response.context["adminform"].prepopulated_fields[0]["field"].name == "slug"


def test_autocomplete_lookups_find_organizations_and_people(client, editor):
    factories.organization("Georgia Latino Alliance for Human Rights")
    factories.person("Raul Alcaraz Ochoa")
    url = reverse("admin:autocomplete")
    found = client.get(
        url, {"term": "latino", "app_label": "releases", "model_name": "release", "field_name": "issuer"}
    ).json()
    assert [r["text"] for r in found["results"]] == ["Georgia Latino Alliance for Human Rights"]
    found = client.get(
        url, {"term": "alcaraz", "app_label": "releases", "model_name": "quote", "field_name": "speaker"}
    ).json()
    assert [r["text"] for r in found["results"]] == ["Raul Alcaraz Ochoa"]


def test_a_failing_inline_leaves_nothing_saved(client, editor):
    issuer = factories.organization()
    data = new_release_data(issuer, slug="half-saved", paste_signatories="Brand New Group")
    set_inline_rows(data, "quotes", [{"text": "Words with nobody to say them."}], start=0)
    response = add_release(client, data)
    assert response.status_code == 200
    assert "quotes-0-speaker" in errors_of(response)
    assert not Release.objects.filter(slug="half-saved").exists()
    assert not Organization.objects.filter(name="Brand New Group").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slug", "2015", "four digits"),
        ("source_url", "javascript:alert(1)", "valid URL"),
        ("title", "", "required"),
    ],
)
def test_bad_values_are_reported_next_to_their_field(client, editor, field, value, message):
    data = new_release_data(factories.organization(), **{field: value})
    response = add_release(client, data)
    assert response.status_code == 200
    errors = errors_of(response)
    assert field in errors
    assert message in " ".join(errors[field])


def test_a_duplicate_slug_is_refused_politely(client, editor):
    existing = factories.release(slug="taken")
    response = add_release(client, new_release_data(existing.issuer, slug="taken"))
    assert response.status_code == 200
    assert "slug" in errors_of(response)


def test_a_duplicate_organization_name_is_a_form_error(client, editor):
    factories.organization("National Day Labor Organizing Network")
    response = client.post(
        reverse("admin:releases_organization_add"),
        organization_data(name="national day labor organizing network", slug="ndlon-2"),
    )
    assert response.status_code == 200
    assert "already exists" in " ".join(response.context["adminform"].form.errors["name"])
    assert Organization.objects.count() == 1


def test_a_duplicate_topic_name_is_a_form_error(client, editor):
    factories.topic("287(g)")
    response = client.post(
        reverse("admin:releases_topic_add"), {"name": "287(G)", "slug": "287g-2", "description": ""}
    )
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors


# --- Defects 9 and 10 of issue 12 ------------------------------------------------------


def test_a_quote_mark_without_its_quote_is_refused_next_to_the_text(client, editor):
    issuer = factories.organization()
    speaker = factories.person()
    body = "Opening.\n\n[[quote 1]]\n\nMiddle.\n\n[[quote 3]]\n\nThen [[quote 2]] inside a paragraph."
    data = new_release_data(issuer, slug="marks", body=body)
    set_inline_rows(data, "quotes", [{"text": "One.", "speaker": speaker.pk}, {"text": "Two.", "speaker": speaker.pk}])
    response = add_release(client, data)
    assert response.status_code == 200
    errors = errors_of(response)["body"]
    assert "The text places [[quote 3]], but the release has 2 quotes" in errors[0]
    assert "Put [[quote 2]] on a line of its own" in errors[1]
    assert not Release.objects.filter(slug="marks").exists()
    data["body"] = "Opening.\n\n[[quote 1]]\n\n[[quote 2]]\n"
    assert add_release(client, data).status_code == 302


def test_the_slug_help_shows_the_permalink_pattern(client, editor):
    html = client.get(reverse("admin:releases_release_add")).content.decode()
    assert "The permalink: /releases/&lt;slug&gt;/." in html


def test_the_scheduled_banner_says_when_in_the_newsrooms_zone(client, editor, settings):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    settings.TIME_ZONE = "America/New_York"
    at = datetime.now(ZoneInfo("America/New_York")).replace(second=0, microsecond=0) + timedelta(days=400)
    at = at.replace(month=11, day=29, hour=12, minute=17)
    scheduled = factories.release("Embargoed", state="scheduled", at=at)
    html = client.get(change_url(scheduled)).content.decode()
    assert f"it goes live by itself at 29 Nov {at.year}, 12:17 EST." in html
    assert "p.m.." not in html
    page = client.get(scheduled.get_absolute_url()).content.decode()
    assert f"29 Nov {at.year}, 12:17 EST" in page
