import pytest
from django.utils import timezone

from releases.models import PreviewLink, Release
from tests import factories

HIDDEN_STATES = ("draft", "review", "scheduled", "embargoed", "withdrawn")


@pytest.fixture
def archive(db):
    """Two public releases and one of each hidden state. Each hidden release shares its issuer,
    signatory, topic and speaker with a public one (lists and counts could leak it) and also has
    its own, named by nothing public (their addresses must be 404)."""
    shared = {
        "org": factories.organization("Shared Issuer"),
        "signer": factories.organization("Shared Signer"),
        "topic": factories.topic("Shared Topic"),
        "person": factories.person("Shared Speaker"),
    }

    def dress(release, parts):
        release.topics.add(parts["topic"])
        factories.signatory(release, parts["signer"])
        factories.quote(release, text=f"Quote in {release.title}", speaker=parts["person"])
        factories.resource(release, title=f"Resource of {release.title}")
        return release

    public = dress(factories.release("Visible release", issuer=shared["org"], slug="visible-release"), shared)
    later = factories.release("Later visible release", issuer=shared["org"], slug="later-visible")
    hidden, own = {}, {}
    for state in HIDDEN_STATES:
        made_as = {"review": "draft", "embargoed": "scheduled"}.get(state, state)
        release = factories.release(
            f"HIDDEN {state} marker", state=made_as, issuer=shared["org"], slug=f"hidden-{state}-marker"
        )
        if state == "review":
            Release.objects.filter(pk=release.pk).update(status=Release.Status.REVIEW, submitted_at=timezone.now())
        if state == "embargoed":
            PreviewLink.objects.create(release=release, label="Embargo list")
        dress(release, shared)
        mine = {
            "org": factories.organization(f"Own issuer {state}"),
            "signer": factories.organization(f"Own signer {state}"),
            "topic": factories.topic(f"Own topic {state}"),
            "person": factories.person(f"Own person {state}"),
        }
        dress(release, mine)
        Release.objects.filter(pk=release.pk).update(issuer=mine["org"])
        hidden[state], own[state] = release, mine
    return {"public": public, "later": later, "hidden": hidden, "own": own, **shared}
