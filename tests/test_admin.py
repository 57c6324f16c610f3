"""The release admin as a press officer uses it, through Django's test client."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from releases.models import ChangeNote, Organization, Quote, RelatedResource, Release, Signatory
from tests import factories
from tests.admin_helpers import (
    change_url,
    changelist_url,
    errors_of,
    form_data,
    login,
    new_release_data,
    set_inline_rows,
)

pytestmark = pytest.mark.django_db

SAMPLE_SIGNATORIES = (
    "United We Dream, the American Civil Liberties Union, the National Domestic Workers\u2019 Alliance, "
    "National Day Labor Organizing Network, the Georgia Latino Alliance for Human Rights, the National Center "
    "for Transgender Equality, the National Immigration Project of the National Lawyer\u2019s Guild, the "
    "Immigrant Legal Resource Center  and 57 more."
)


@pytest.fixture
def editor(client):
    return login(client, "Editor")


def add_release(client, data):
    return client.post(reverse("admin:releases_release_add"), data)


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

    response = add_release(client, data)
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
    publish["status"] = "published"
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
    assert names == ["Content", "People & organizations", "Publishing", "Image", "Source & archive"]
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["quotes", "signatories", "resources", "preview_links"]
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
        {
            "name": "national day labor organizing network",
            "slug": "ndlon-2",
            "website": "",
            "location": "",
            "about": "",
        },
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


def test_positions_left_blank_follow_the_order_given(client, editor):
    release = factories.release(state="draft")
    first = factories.quote(release, text="First")
    response = client.get(change_url(release))
    data = form_data(response)
    speaker = factories.person()
    set_inline_rows(
        data,
        "quotes",
        [
            {"text": "Second", "speaker": speaker.pk, "position": ""},
            {"text": "Third", "speaker": speaker.pk, "position": ""},
        ],
    )
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    assert list(release.quotes.values_list("text", "position")) == [("First", 1), ("Second", 2), ("Third", 3)]
    assert first.pk == release.quotes.first().pk


def test_moving_a_row_to_an_occupied_position_renumbers_the_rest(client, editor):
    release = factories.release(state="draft")
    for name in ("A", "B", "C"):
        factories.signatory(release, factories.organization(name))
    data = form_data(client.get(change_url(release)))
    data["signatories-2-position"] = "1"  # move C to the top
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    assert [s.organization.name for s in release.signatories.all()] == ["C", "A", "B"]


def test_a_major_edit_needs_a_note_and_adds_it(client, editor):
    release = factories.release(state="published")
    data = form_data(client.get(change_url(release)))
    data["title"] = "Corrected title"
    data["edit_kind"] = "major"
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "change_note" in errors_of(response)

    data["change_note"] = "Corrected the title."
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Corrected title"
    assert release.updated_at is not None
    assert list(ChangeNote.objects.filter(release=release).values_list("note", flat=True)) == ["Corrected the title."]


def test_a_minor_edit_moves_nothing(client, editor):
    release = factories.release(state="published")
    first_published = release.first_published_at
    data = form_data(client.get(change_url(release)))
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "edit_kind" in errors_of(response)  # a public release's edit must say what kind it is

    data.update(title="Typo fixed", edit_kind="minor")
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Typo fixed"
    assert release.updated_at is None
    assert release.first_published_at == first_published
    assert not release.change_notes.exists()


def test_drafts_are_not_asked_the_kind_of_edit(client, editor):
    release = factories.release(state="draft")
    response = client.get(change_url(release))
    assert "edit_kind" not in response.context["adminform"].form.fields


def test_a_live_release_cannot_go_back_to_draft_or_into_the_future(client, editor):
    release = factories.release(state="published")
    data = form_data(client.get(change_url(release)))
    data.update(status="draft", edit_kind="minor")
    assert "status" in errors_of(client.post(change_url(release), data))
    data = form_data(client.get(change_url(release)))
    later = timezone.now() + timedelta(days=3)
    data.update(publish_at_0=later.date().isoformat(), publish_at_1="12:00:00", edit_kind="minor")
    assert "publish_at" in errors_of(client.post(change_url(release), data))
    release.refresh_from_db()
    assert release.is_public()


def test_an_editor_schedules_and_back_dates(client, editor):
    release = factories.release(state="draft")
    data = form_data(client.get(change_url(release)))
    later = timezone.now() + timedelta(days=2)
    data.update(status="published", publish_at_0=later.date().isoformat(), publish_at_1="09:00:00")
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.state == Release.State.SCHEDULED
    assert not Release.objects.public().filter(pk=release.pk).exists()

    imported = factories.release(state="draft")
    data = form_data(client.get(change_url(imported)))
    data.update(
        status="published",
        publish_at_0="2015-06-01",
        publish_at_1="10:00:00",
        first_published_at_0="2015-06-01",
        first_published_at_1="10:00:00",
    )
    response = client.post(change_url(imported), data)
    assert response.status_code == 302, errors_of(response)
    imported.refresh_from_db()
    assert imported.first_published_at.year == 2015
    assert imported.is_public()


def test_withdrawing_in_the_form_needs_a_public_reason(client, editor):
    release = factories.release(state="published")
    data = form_data(client.get(change_url(release)))
    data["status"] = "withdrawn"
    response = client.post(change_url(release), data)
    assert "withdrawal_reason" in errors_of(response)
    data["withdrawal_reason"] = "Issued in error."
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.state == Release.State.WITHDRAWN
    assert release.withdrawn_at is not None


# --- The list ------------------------------------------------------------------


def test_the_list_shows_derived_status_and_filters_by_it(client, editor):
    draft = factories.release("Draft one", state="draft")
    scheduled = factories.release("Scheduled one", state="scheduled")
    public = factories.release("Public one", state="published")
    withdrawn = factories.release("Withdrawn one", state="withdrawn")
    response = client.get(changelist_url())
    html = response.content.decode()
    for label in ("Draft", "Scheduled", "Published", "Withdrawn"):
        assert f">{label}<" in html
    assert f'href="{draft.get_absolute_url()}">Preview<' in html
    assert f'href="{public.get_absolute_url()}">View<' in html
    for state, expected in [
        ("draft", draft),
        ("scheduled", scheduled),
        ("published", public),
        ("withdrawn", withdrawn),
    ]:
        shown = list(client.get(changelist_url(), {"state": state}).context["cl"].result_list)
        assert shown == [expected], state


def test_the_list_filters_by_year_topic_and_issuer_and_searches(client, editor):
    topic = factories.topic("287(g)")
    old = factories.release("Old news", state="published", at=timezone.now().replace(year=2015))
    old.topics.add(topic)
    new = factories.release("New news", state="published")
    assert list(client.get(changelist_url(), {"year": "2015"}).context["cl"].result_list) == [old]
    assert list(client.get(changelist_url(), {"topics__id__exact": topic.pk}).context["cl"].result_list) == [old]
    assert list(client.get(changelist_url(), {"issuer__id__exact": new.issuer.pk}).context["cl"].result_list) == [new]
    assert list(client.get(changelist_url(), {"q": "old news"}).context["cl"].result_list) == [old]


def post_action(client, action, releases, **extra):
    return client.post(
        changelist_url(), {"action": action, "_selected_action": [r.pk for r in releases], **extra}, follow=True
    )


def test_publish_and_unpublish_actions(client, editor):
    draft = factories.release(state="draft")
    scheduled = factories.release(state="scheduled")
    post_action(client, "publish_selected", [draft])
    draft.refresh_from_db()
    assert draft.is_public()

    post_action(client, "unpublish_selected", [scheduled, draft])
    scheduled.refresh_from_db()
    draft.refresh_from_db()
    assert scheduled.state == Release.State.DRAFT
    assert draft.is_public()  # readers have seen it: only withdrawal takes it down


def test_withdraw_action_asks_for_a_reason_first(client, editor):
    release = factories.release(state="published")
    response = post_action(client, "withdraw_selected", [release])
    assert "Public reason" in response.content.decode()
    release.refresh_from_db()
    assert release.is_public()

    response = post_action(client, "withdraw_selected", [release], apply="Withdraw", reason="")
    assert response.context["form"].errors["reason"]
    release.refresh_from_db()
    assert release.is_public()

    post_action(client, "withdraw_selected", [release], apply="Withdraw", reason="Superseded by a correction.")
    release.refresh_from_db()
    assert release.state == Release.State.WITHDRAWN
    assert release.withdrawal_reason == "Superseded by a correction."


# --- Links to the public page ----------------------------------------------------


def test_view_on_site_only_for_a_page_readers_can_reach(client, editor):
    public = factories.release(state="published")
    draft = factories.release(state="draft")
    html = client.get(change_url(public)).content.decode()
    assert public.get_absolute_url() in html
    assert "View on site" in html
    html = client.get(change_url(draft)).content.decode()
    assert "View on site" not in html
    assert f'href="{draft.get_absolute_url()}"' in html
    assert "DRAFT: readers cannot see this release yet" in html
    scheduled = factories.release(state="scheduled")
    assert "SCHEDULED: readers cannot see this release yet; it goes live by itself at" in (
        client.get(change_url(scheduled)).content.decode()
    )


def test_preview_links_are_made_and_revoked_in_the_form(client, editor):
    release = factories.release(state="draft")
    data = form_data(client.get(change_url(release)))
    set_inline_rows(data, "preview_links", [{"label": "AP embargo list"}])
    assert client.post(change_url(release), data).status_code == 302
    link = release.preview_links.get()
    assert link.created_by == editor
    html = client.get(change_url(release)).content.decode()
    assert link.get_absolute_url() in html
    assert "http" in html.split(link.get_absolute_url())[0][-40:]  # shown as a full address

    data = form_data(client.get(change_url(release)))
    data["preview_links-0-revoke"] = "on"
    assert client.post(change_url(release), data).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_paste_reports_what_it_did(client, editor):
    release = factories.release(state="draft")
    factories.organization("ACLU")
    data = form_data(client.get(change_url(release)))
    data["paste_signatories"] = "the A.C.L.U.\nBrand New Coalition\n+12 others"  # "ACLU", dotted
    response = client.post(change_url(release), data, follow=True)
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Added 2 signatories" in text
    assert "created Brand New Coalition" in text
    release.refresh_from_db()
    assert release.unnamed_signatory_count == 12
    assert Signatory.objects.filter(release=release).count() == 2


def test_no_quotes_or_resources_is_fine(client, editor):
    response = add_release(client, new_release_data(factories.organization(), slug="bare"))
    assert response.status_code == 302, errors_of(response)
    release = Release.objects.get(slug="bare")
    assert not Quote.objects.filter(release=release).exists()
    assert not RelatedResource.objects.filter(release=release).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reordering_commits_without_breaking_the_deferred_position_constraint(client):
    """The database checks positions at COMMIT, which the other tests never reach."""
    login(client, "Editor")
    release = factories.release(state="draft")
    for name in ("A", "B", "C"):
        factories.signatory(release, factories.organization(name))
    data = form_data(client.get(change_url(release)))
    data["signatories-0-DELETE"] = "on"
    data["signatories-2-position"] = "1"
    data["paste_signatories"] = "D"
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    assert list(release.signatories.values_list("organization__name", "position")) == [("C", 1), ("B", 2), ("D", 3)]
