"""Model rules: who may see a release, the constraints, clean(), the publishing steps, body segments."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from releases import publishing
from releases.models import ChangeNote, Organization, Quote, Release, Signatory, match_key
from tests import factories

pytestmark = pytest.mark.django_db

PAST, FUTURE, NEVER = "past", "future", "never"


def when(moment):
    return {PAST: factories.yesterday(), FUTURE: factories.tomorrow(), NEVER: None}[moment]


@pytest.mark.parametrize(
    ("status", "moment", "state", "public"),
    [
        ("draft", NEVER, "draft", False),
        ("draft", PAST, "draft", False),
        ("draft", FUTURE, "draft", False),
        ("review", NEVER, "review", False),
        ("review", FUTURE, "review", False),
        ("published", PAST, "published", True),
        ("published", FUTURE, "scheduled", False),
        ("withdrawn", PAST, "withdrawn", False),
    ],
)
def test_visibility_matrix(status, moment, state, public):
    withdrawn, at = status == "withdrawn", when(moment)
    release = Release.objects.create(
        title="Matrix",
        slug=f"matrix-{status}-{moment}",
        body="Body.",
        issuer=factories.organization(),
        status=status,
        publish_at=at,
        first_published_at=at if withdrawn else None,
        withdrawn_at=timezone.now() if withdrawn else None,
        withdrawal_reason="Issued in error." if withdrawn else "",
    )
    assert release.state == state
    assert release.is_public() is public
    assert Release.objects.public().filter(pk=release.pk).exists() is public
    assert Release.objects.at_permalink().filter(pk=release.pk).exists() is (public or withdrawn)
    assert list(Release.objects.in_states([state])) == [release]  # the SQL rule and the property agree


def test_a_scheduled_release_goes_live_when_its_time_comes_with_no_worker():
    release = factories.release(state="scheduled", at=timezone.now() + timedelta(seconds=1))
    assert not Release.objects.public().exists()
    moment = timezone.now() - timedelta(seconds=1)  # as if the second had passed
    Release.objects.filter(pk=release.pk).update(publish_at=moment, first_published_at=moment)
    assert list(Release.objects.public()) == [release]


# --- Constraints ---------------------------------------------------------------


def integrity_error(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_first_published_is_never_later_than_the_publish_time():
    release = factories.release("Dated", at=factories.yesterday())
    integrity_error(lambda: Release.objects.filter(pk=release.pk).update(first_published_at=timezone.now()))
    release.first_published_at = timezone.now()
    with pytest.raises(ValidationError) as refused:
        release.clean()
    assert "first_published_at" in refused.value.message_dict
    release.first_published_at = release.publish_at - timedelta(days=3650)  # back-dated: fine
    release.clean()


def test_database_constraints_hold_without_the_forms():
    issuer = factories.organization("Unique Org")
    integrity_error(lambda: Organization.objects.create(name="UNIQUE ORG", slug="other"))
    integrity_error(lambda: Release.objects.create(title="x", slug="x", body="b", issuer=issuer, status="withdrawn"))
    integrity_error(lambda: Release.objects.create(title="x", slug="y", body="b", issuer=issuer, status="published"))
    integrity_error(lambda: Release.objects.create(title="x", slug="2015", body="b", issuer=issuer))
    release = factories.release(issuer=issuer)
    factories.signatory(release, issuer)
    integrity_error(lambda: Signatory.objects.create(release=release, organization=issuer, position=9))
    integrity_error(lambda: Quote.objects.create(release=release, text="Nobody said it.", position=9))


def test_deleting_an_organization_in_use_is_refused():
    release = factories.release()
    with pytest.raises(ProtectedError):
        release.issuer.delete()


def test_positions_may_be_swapped_inside_one_transaction():
    release = factories.release()
    first, second = factories.quote(release), factories.quote(release)
    with transaction.atomic():
        Quote.objects.filter(pk=first.pk).update(position=2)
        Quote.objects.filter(pk=second.pk).update(position=1)
    assert list(release.quotes.all()) == [second, first]


# --- clean() ---------------------------------------------------------------------


def errors(release):
    with pytest.raises(ValidationError) as info:
        release.full_clean()
    return info.value.message_dict


def test_clean_asks_for_alt_text_and_a_public_reason():
    release = factories.release(state="draft")
    release.featured_image = SimpleUploadedFile("x.png", b"")
    release.status = Release.Status.WITHDRAWN
    found = errors(release)
    assert "featured_image_alt" in found
    assert "withdrawal_reason" in found


def test_clean_refuses_a_year_slug_next_to_the_slug_field():
    release = factories.release(state="draft")
    release.slug = "2016"
    assert "four digits" in " ".join(errors(release)["slug"])


def test_clean_refuses_a_slug_that_still_redirects_to_another_release():
    moved = factories.release(slug="old-address")
    moved.slug = "new-address"
    publishing.save_release(moved)
    other = factories.release(state="draft")
    other.slug = "old-address"
    assert "slug" in errors(other)


def test_organization_names_match_whatever_the_punctuation():
    assert match_key("The National Lawyer\u2019s Guild") == match_key("national lawyers guild")
    assert match_key("Friends & Neighbors") == match_key("Friends and Neighbors")
    assert match_key("Défense des Immigrés") == match_key("Defense des Immigres")
    org = factories.organization("the Georgia Latino Alliance for Human Rights")
    assert org.name_key == "georgia latino alliance for human rights"


# --- Publishing steps ------------------------------------------------------------


def test_publish_sets_first_published_once():
    release = factories.release(state="draft")
    publishing.publish(release)
    first = release.first_published_at
    assert release.is_public()
    publishing.publish(release, at=timezone.now())
    assert release.first_published_at == first


def test_publish_keeps_a_back_dated_first_published_time():
    release = factories.release(state="draft", first_published_at=timezone.now().replace(year=2015))
    publishing.publish(release)
    assert release.first_published_at.year == 2015


def test_rescheduling_moves_a_first_published_time_that_had_not_come():
    release = factories.release(state="draft")
    publishing.publish(release, at=factories.tomorrow())
    assert release.state == Release.State.SCHEDULED
    later = factories.tomorrow() + timedelta(days=1)
    publishing.publish(release, at=later)
    assert release.first_published_at == later


def test_unpublish_only_what_readers_have_not_seen():
    scheduled = factories.release(state="scheduled")
    publishing.unpublish(scheduled)
    assert scheduled.state == Release.State.DRAFT
    with pytest.raises(ValueError):
        publishing.unpublish(factories.release(state="published"))


def test_withdraw_needs_a_reason_and_leaves_every_list():
    release = factories.release(state="published")
    with pytest.raises(ValueError):
        publishing.withdraw(release, "  ")
    publishing.withdraw(release, "Issued in error.")
    assert not Release.objects.public().exists()
    assert list(Release.objects.at_permalink()) == [release]


def test_a_major_edit_adds_a_note_and_moves_last_updated():
    release = factories.release(state="published")
    publishing.record_major_edit(release, " Corrected a name. ")
    release.refresh_from_db()
    assert release.updated_at is not None
    assert list(ChangeNote.objects.values_list("note", flat=True)) == ["Corrected a name."]


def test_only_editors_can_publish(django_user_model):
    from django.contrib.auth.models import Group

    writer = django_user_model.objects.create_user("w")
    writer.groups.add(Group.objects.get(name="Writer"))
    editor = django_user_model.objects.create_user("e")
    editor.groups.add(Group.objects.get(name="Editor"))
    assert not publishing.can_publish(writer)
    assert publishing.can_publish(django_user_model.objects.get(pk=editor.pk))


# --- Body segments ---------------------------------------------------------------


def test_markers_place_quotes_in_the_body():
    release = factories.release(body="Opening.\n\n[[quote 2]]\n\nMiddle.\n\n[[quote 1]]\n\nEnd.")
    one, two = factories.quote(release, text="One"), factories.quote(release, text="Two")
    segments = release.body_segments([one, two])
    shape = [quote.text if quote else html.strip() for html, quote in segments]
    assert shape == ["<p>Opening.</p>", "Two", "<p>Middle.</p>", "One", "<p>End.</p>"]


def test_unplaced_quotes_follow_the_opening_paragraph():
    release = factories.release(body="Opening.\n\nSecond.")
    one, two = factories.quote(release, text="One"), factories.quote(release, text="Two")
    shape = [quote.text if quote else html.strip() for html, quote in release.body_segments([one, two])]
    assert shape == ["<p>Opening.</p>", "One", "Two", "<p>Second.</p>"]


def test_a_marker_for_a_missing_quote_is_dropped_and_a_quote_is_placed_once():
    release = factories.release(body="Opening.\n\n[[quote 1]]\n\n[[quote 1]]\n\n[[quote 7]]")
    one = factories.quote(release, text="One")
    segments = release.body_segments([one])
    assert [quote for _html, quote in segments if quote] == [one]
    assert "[[" not in "".join(html for html, _quote in segments)


def test_body_html_is_sanitized_on_save():
    release = factories.release(body="[click](javascript:alert(1)) <script>alert(1)</script>")
    assert "href" not in release.body_html  # the link is refused, left as text
    assert "<script" not in release.body_html
    assert "&lt;script&gt;" in release.body_html


def test_only_a_release_readers_have_seen_can_be_withdrawn():
    """Defect 0 of issue 12: withdrawing is for what readers have seen; the rest goes back to draft."""
    scheduled = factories.release(state="scheduled")
    with pytest.raises(publishing.NotAllowed):
        publishing.withdraw(scheduled, "Issued in error.")
    scheduled.refresh_from_db()
    assert scheduled.state == Release.State.SCHEDULED
    draft = factories.release(state="draft")
    with pytest.raises(publishing.NotAllowed):
        publishing.withdraw(draft, "Issued in error.")
    publishing.unpublish(scheduled)
    assert scheduled.state == Release.State.DRAFT

    # clean() says so to a form, and the database refuses it whatever writes the row.
    scheduled = factories.release(state="scheduled")
    scheduled.status, scheduled.withdrawal_reason = Release.Status.WITHDRAWN, "Issued in error."
    with pytest.raises(ValidationError) as refused:
        scheduled.full_clean()
    assert "status" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.filter(pk=scheduled.pk).update(
            status=Release.Status.WITHDRAWN, withdrawal_reason="Issued in error.", withdrawn_at=timezone.now()
        )


def test_the_permalink_shows_a_withdrawn_release_only_once_it_was_first_published():
    withdrawn = factories.release(state="withdrawn", at=factories.yesterday())
    assert Release.objects.at_permalink().filter(pk=withdrawn.pk).exists()
    before_it_went_out = timezone.now() - timedelta(days=2)
    assert not Release.objects.at_permalink(now=before_it_went_out).filter(pk=withdrawn.pk).exists()
