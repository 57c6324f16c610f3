"""The search index follows edits: inline quotes, renamed organizations and topics, and only after the commit."""

import pytest

from tests import factories as f
from tests.releases.search.helpers import (
    get,
    titles,
)

pytestmark = pytest.mark.django_db


def test_refresh_after_an_inline_quote_edit(client, committing):
    release = committing(lambda: f.release("Press conference"))
    quote = committing(lambda: f.quote(release, "Nothing remarkable."))
    assert titles(get(client, q="moratorium")) == []
    quote.text = "We demand a moratorium."
    committing(quote.save)
    assert titles(get(client, q="moratorium")) == ["Press conference"]
    committing(quote.delete)
    assert titles(get(client, q="moratorium")) == []


def test_refresh_after_an_organization_or_topic_is_renamed(client, committing):
    org = committing(lambda: f.organization("Old Name Alliance"))
    topic = committing(lambda: f.topic("Courts"))

    def build():
        issued = f.release("Issued one", issuer=org)
        issued.topics.add(topic)
        f.signatory(f.release("Signed one"), org)

    committing(build)
    assert titles(get(client, q="Zephyrine")) == []
    org.name = "Zephyrine Alliance"
    committing(org.save)
    assert set(titles(get(client, q="Zephyrine"))) == {"Issued one", "Signed one"}
    assert titles(get(client, q="Old Name")) == []
    topic.name = "Tribunals"
    committing(topic.save)
    assert titles(get(client, q="tribunals")) == ["Issued one"]


def test_the_refresh_waits_for_the_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        f.release("Uncommitted moratorium")
    assert titles(get(client, q="moratorium")) == []
    for callback in callbacks:
        callback()
    assert titles(get(client, q="moratorium")) == ["Uncommitted moratorium"]


def test_the_render_key_is_new_before_the_content_version_moves(committing, monkeypatch):
    """A page drawn after the version moves must not use parts cached under the release's old
    render key: the release's pending refresh (search document and render key) is done before the
    content version moves (it used to come after it, and a reader in between stored the old page
    under the new version, stale until the next change: `make bench` counted such reads)."""
    from django.db import connections

    from pagecache import content_version
    from releases import publishing

    release = committing(lambda: f.release("Before the correction"))
    pending_at_bump = []
    bump = content_version.bump_version

    def watched_bump():
        pending_at_bump.append(
            set(connections["default"].__dict__.get("_search_refresh_pending", ()))
            | set(connections["default"].__dict__.get("_render_key_pending", ()))
        )
        import traceback

        traceback.print_stack(limit=6)
        return bump()

    monkeypatch.setattr(content_version, "bump_version", watched_bump)
    release.archive_note = "A note added after publication."  # what `make bench`'s editor saves
    committing(publishing.save_release, release)
    assert pending_at_bump and pending_at_bump[0] == set()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_the_render_key_is_new_before_the_content_version_moves(monkeypatch):
    """A save in autocommit (a script, the worker) runs each after-commit step at once, in the order
    the signal receivers run: the releases' refresh must still come before the page cache's bump."""
    from pagecache import content_version
    from releases.models import Release

    release = f.release("Before the script's edit")
    old_key = Release.objects.values_list("render_key", flat=True).get(pk=release.pk)
    keys_at_bump = []
    bump = content_version.bump_version

    def watched_bump():
        keys_at_bump.append(Release.objects.values_list("render_key", flat=True).get(pk=release.pk))
        return bump()

    monkeypatch.setattr(content_version, "bump_version", watched_bump)
    release.title = "After the script's edit"
    release.save()  # autocommit: no atomic block around it
    assert keys_at_bump and keys_at_bump[0] != old_key
