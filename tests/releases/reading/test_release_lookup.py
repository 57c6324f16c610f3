"""The release page's precompiled queries agree with the querysets they were compiled from."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases.models import Release
from releases.reading import release_lookup
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "state, found", [("published", True), ("withdrawn", True), ("draft", False), ("scheduled", False)]
)
def test_it_finds_what_at_permalink_finds(state, found):
    release = factories.release(f"A {state} release", state=state)
    looked_up = release_lookup.at_permalink(release.slug)
    expected = Release.objects.at_permalink().filter(slug=release.slug).first()
    assert (looked_up is not None) == found == (expected is not None)
    if found:
        assert (looked_up.pk, looked_up.title, looked_up.state) == (expected.pk, expected.title, expected.state)
        assert "body" in looked_up.get_deferred_fields()  # the page's parts bring their own


def test_the_time_is_taken_at_each_call_not_when_compiled():
    release = factories.release("Goes live in a moment", state="scheduled", at=timezone.now() + timedelta(days=1))
    assert release_lookup.at_permalink(release.slug) is None  # compiled now, with the release still scheduled
    moment = timezone.now() - timedelta(seconds=1)  # as if the day had passed
    Release.objects.filter(pk=release.pk).update(publish_at=moment, first_published_at=moment)
    assert release_lookup.at_permalink(release.slug).pk == release.pk


def test_unknown_and_odd_slugs_find_nothing():
    factories.release("Something public")
    for slug in ["no-such-release", "", "%", "_", "' OR 1=1 --"]:
        assert release_lookup.at_permalink(slug) is None


def test_neighbours_skip_hidden_releases_and_break_ties_by_id():
    moment = timezone.now() - timedelta(days=3)
    older = factories.release("Older", at=moment - timedelta(days=1))
    factories.release("Withdrawn between", state="withdrawn", at=moment - timedelta(hours=12))
    first_twin = factories.release("First twin", at=moment)
    second_twin = factories.release("Second twin", at=moment)
    factories.release("Scheduled later", state="scheduled")
    previous, following, _, _ = release_lookup.neighbours(first_twin)
    assert (previous.title, previous.url) == ("Older", older.get_absolute_url())
    assert following.title == "Second twin"
    previous, following, _, _ = release_lookup.neighbours(second_twin)
    assert previous.title == "First twin" and following is None  # the scheduled one is not public yet


def test_a_draft_has_no_neighbours_and_costs_no_query(django_assert_num_queries):
    draft = factories.release("A draft", state="draft")
    with django_assert_num_queries(0):
        assert release_lookup.neighbours(draft) == (None, None, [], [])


def test_related_candidates_are_shown_only_while_public_in_the_given_order(committing):
    topic = factories.topic("Shared topic")
    release = factories.release("The release")
    release.topics.add(topic)
    first, second = factories.release("First related"), factories.release("Second related")
    hidden = [factories.release(f"Hidden {state}", state=state) for state in ("draft", "scheduled", "withdrawn")]
    candidates = [second.pk, *(r.pk for r in hidden), first.pk]
    _, _, related, _ = release_lookup.neighbours(release, candidates)
    assert [link.title for link in related] == ["Second related", "First related"]
