"""The release page's precompiled lookup agrees with the queryset it was compiled from."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases import permalink_lookup
from releases.models import Release
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "state, found", [("published", True), ("withdrawn", True), ("draft", False), ("scheduled", False)]
)
def test_it_finds_what_at_permalink_finds(state, found):
    release = factories.release(f"A {state} release", state=state)
    looked_up = permalink_lookup.at_permalink(release.slug)
    expected = Release.objects.at_permalink().filter(slug=release.slug).first()
    assert (looked_up is not None) == found == (expected is not None)
    if found:
        assert (looked_up.pk, looked_up.title, looked_up.state) == (expected.pk, expected.title, expected.state)
        assert "body" in looked_up.get_deferred_fields()  # the page's parts bring their own


def test_the_time_is_taken_at_each_call_not_when_compiled():
    release = factories.release("Goes live in a moment", state="scheduled", at=timezone.now() + timedelta(days=1))
    assert permalink_lookup.at_permalink(release.slug) is None  # compiled now, with the release still scheduled
    moment = timezone.now() - timedelta(seconds=1)  # as if the day had passed
    Release.objects.filter(pk=release.pk).update(publish_at=moment, first_published_at=moment)
    assert permalink_lookup.at_permalink(release.slug).pk == release.pk


def test_unknown_and_odd_slugs_find_nothing():
    factories.release("Something public")
    for slug in ["no-such-release", "", "%", "_", "' OR 1=1 --"]:
        assert permalink_lookup.at_permalink(slug) is None
