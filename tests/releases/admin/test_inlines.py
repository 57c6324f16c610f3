"""The release admin's inlines: positions, pasted signatories, preview links, and the rows the
database checks only at commit."""

import pytest
from django.contrib.messages import get_messages

from releases.models import Organization, Quote, RelatedResource, Release, Signatory
from tests import factories
from tests.admin_helpers import (
    add_release,
    change_url,
    errors_of,
    form_data,
    login,
    new_release_data,
    post_confirming_paste,
    set_inline_rows,
)

pytestmark = pytest.mark.django_db


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
    response = post_confirming_paste(client, change_url(release), data, follow=True)
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
    response = post_confirming_paste(client, change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    assert list(release.signatories.values_list("organization__name", "position")) == [("C", 1), ("B", 2), ("D", 3)]


def test_a_paste_is_reviewed_before_anything_is_saved(client, editor):
    """Defect 6 of issue 12: a mis-split paste went public in the same save as the release."""
    release = factories.release(state="published")
    factories.organization("Center for Law and Social Policy")
    organizations_before = Organization.objects.count()
    data = form_data(client.get(change_url(release)))
    data.update(edit_kind="minor", paste_signatories="Alpha Network and Center for Law and Social Policy plus 12 more")
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "Check the signatories found in the paste (1 matched, 1 new)" in str(errors_of(response))
    html = response.content.decode()
    assert "Matched: Center for Law and Social Policy" in html
    assert "<td>Alpha Network</td><td><strong>New organization</strong>" in html
    assert "And 12 more, unnamed." in html
    assert Organization.objects.count() == organizations_before
    assert not release.signatories.exists()

    response = post_confirming_paste(client, change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    assert list(release.signatories.values_list("organization__name", flat=True)) == [
        "Alpha Network",
        "Center for Law and Social Policy",
    ]
    release.refresh_from_db()
    assert release.unnamed_signatory_count == 12

    # A paste changed after its review is reviewed again.
    data = form_data(client.get(change_url(release)))
    data.update(edit_kind="minor", paste_signatories="Gamma", paste_signatories_reviewed="stale")
    assert client.post(change_url(release), data).status_code == 200
