"""The release list in the admin: derived status, filters and search, and the publishing actions."""

import pytest
from django.utils import timezone

from releases.models import Release
from tests import factories
from tests.admin_helpers import (
    changelist_url,
)

pytestmark = pytest.mark.django_db


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


def test_the_withdraw_action_leaves_an_embargoed_release_embargoed(client, editor):
    """Defect 0 of issue 12: "Withdraw selected releases…" on a scheduled release made it public."""
    scheduled = factories.release("Embargoed until tomorrow", state="scheduled")
    public = factories.release("Seen by readers", state="published")
    response = post_action(
        client, "withdraw_selected", [scheduled, public], apply="Withdraw", reason="Issued in error."
    )
    scheduled.refresh_from_db()
    public.refresh_from_db()
    assert scheduled.state == Release.State.SCHEDULED
    assert public.state == Release.State.WITHDRAWN
    assert "Embargoed until tomorrow" in str([str(m) for m in response.context["messages"]])
    client.logout()
    assert client.get(scheduled.get_absolute_url()).status_code == 404
