"""Migration 0010: each release's free-text media contact becomes Contacts the release names."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# serialized_rollback: the tables come back as they were, so later tests that restore them find no duplicates.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("releases", "0009_contacts_and_site_settings")]
AFTER = [("releases", "0011_remove_release_media_contact")]


@pytest.fixture(autouse=True)
def _newest_schema_after():
    """Leave the schema as every later test expects it: at the newest migrations, not at 0011
    (a transactional test after this one found no column added since)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_media_contacts_become_shared_contacts_and_unsure_text_is_kept():
    apps = migrate(BEFORE)
    Organization = apps.get_model("releases", "Organization")
    Release = apps.get_model("releases", "Release")
    issuer = Organization.objects.create(name="Issuer", slug="issuer", name_key="issuer")
    aaldef = Organization.objects.create(name="AALDEF", slug="aaldef", name_key="aaldef")
    sure = "Media contact: Ujala Sehgal, AALDEF, 212.966.5932 x217, usehgal@aaldef.org"
    unsure = "Press office (fictional): press@example.org"
    texts = {
        "one": sure,
        "two": sure,
        "three": unsure,
        "four": "",
        "five": "Jane Doe, jane@x.org\n\nBob Roe, bob@x.org",
    }
    for slug, text in texts.items():
        Release.objects.create(title=slug, slug=slug, body="b", issuer=issuer, media_contact=text)

    apps = migrate(AFTER)
    Contact = apps.get_model("releases", "Contact")
    ReleaseContact = apps.get_model("releases", "ReleaseContact")
    Release = apps.get_model("releases", "Release")

    def named(slug):
        links = ReleaseContact.objects.filter(release__slug=slug).order_by("position").select_related("contact")
        return [link.contact for link in links]

    [ujala] = named("one")
    assert named("two") == [ujala]  # one contact, shared
    assert (ujala.name, ujala.phone, ujala.email, ujala.organization_id, ujala.details) == (
        "Ujala Sehgal",
        "212.966.5932 x217",
        "usehgal@aaldef.org",
        aaldef.pk,
        "",
    )
    [office] = named("three")
    assert office.email == "press@example.org" and office.details == unsure and office.organization_id == issuer.pk
    assert named("four") == []
    assert [c.name for c in named("five")] == ["Jane Doe", "Bob Roe"]
    assert Contact.objects.count() == 4
    assert "media_contact" not in {f.name for f in Release._meta.get_fields()}


def test_the_migration_goes_back_to_text():
    apps = migrate(AFTER)
    Organization = apps.get_model("releases", "Organization")
    Release = apps.get_model("releases", "Release")
    Contact = apps.get_model("releases", "Contact")
    ReleaseContact = apps.get_model("releases", "ReleaseContact")
    issuer = Organization.objects.create(name="Back Issuer", slug="back-issuer", name_key="back issuer")
    release = Release.objects.create(title="t", slug="back", body="b", issuer=issuer)
    contact = Contact.objects.create(name="Ana Press", role="Spokesperson", phone="+1 202 555 0143", languages=[])
    ReleaseContact.objects.create(release=release, contact=contact, position=1)

    apps = migrate(BEFORE)
    text = apps.get_model("releases", "Release").objects.get(slug="back").media_contact
    assert text == "Ana Press, Spokesperson · +1 202 555 0143"
    migrate(AFTER)
