"""Translations in the admin: the family side by side with what each version lacks, a
translation started from the original (its shared parts copied, its quotes with the same
speakers), the shared parts copied again, and the family published together."""

import pytest
from django.urls import reverse

from releases import translations
from releases.models import Release
from tests import factories
from tests.admin_helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def family_url(release, step):
    return reverse("admin:releases_release_family", args=[release.pk, step])


@pytest.fixture
def original():
    release = factories.release("The original in English", state="draft")
    speaker = factories.person("Ana Speaker")
    factories.quote(release, text="Words in English.", speaker=speaker, speaker_title="Director")
    factories.quote(release, text="The letter's words.", attribution="The letter")
    factories.signatory(release)
    factories.signatory(release)
    factories.release_contact(release)
    factories.resource(release, title="The report")
    release.topics.add(factories.topic("Detention"))
    release.unnamed_signatory_count = 57
    release.save()
    return release


def test_the_form_shows_the_family_and_offers_the_missing_language(client, editor, original):
    html = client.get(change_url(original)).content.decode()
    assert "Languages" in html and "English" in html and "(en, original)" in html
    assert family_url(original, "translate-es") in html
    assert "Translate into Español" in html


def test_translating_copies_the_shared_parts_and_the_quotes_with_their_speakers(client, writer, original):
    confirm = client.get(family_url(original, "translate-es"))
    assert confirm.status_code == 200 and b"Go ahead" in confirm.content
    response = client.post(family_url(original, "translate-es"))
    spanish = Release.objects.get(translation_of=original)
    assert response.status_code == 302 and response["Location"] == change_url(spanish)
    assert spanish.language == "es" and spanish.state == Release.State.DRAFT
    assert spanish.slug == f"{original.slug}-es"
    assert spanish.issuer_id == original.issuer_id and spanish.unnamed_signatory_count == 57
    assert [(q.speaker_id, q.speaker_title, q.attribution) for q in spanish.quotes.all()] == [
        (q.speaker_id, q.speaker_title, q.attribution) for q in original.quotes.all()
    ]
    for parts in ("signatories", "release_contacts", "resources", "topics"):
        assert getattr(spanish, parts).count() == getattr(original, parts).count() > 0, parts
    html = client.get(change_url(spanish)).content.decode()
    assert "not yet translated: title" in html and "2 quotes not yet translated" in html
    again = client.post(family_url(original, "translate-es"), follow=True)
    assert "already has a version in Español" in again.content.decode()
    assert Release.objects.filter(translation_of=original).count() == 1


def test_the_form_saves_the_language_and_refuses_a_second_version_in_one_language(client, editor, original):
    spanish = translations.create_translation(original, "es")
    other = factories.release("Another in Spanish", state="draft")
    data = form_data(client.get(change_url(other)))
    data.update(language="es", translation_of=str(original.pk))
    response = client.post(change_url(other), data)
    assert response.status_code == 200
    assert "already has a translation in that language" in response.content.decode()
    data.update(language="en")
    response = client.post(change_url(other), data)
    assert "A translation is in another language than its original." in response.content.decode()
    data.update(language="fr")
    assert client.post(change_url(other), data).status_code == 302
    other.refresh_from_db()
    assert other.language == "fr" and other.translation_of == original
    data = form_data(client.get(change_url(other)))
    data.update(translation_of=str(spanish.pk))
    assert "not another translation" in client.post(change_url(other), data).content.decode()


def test_copying_the_shared_parts_again_replaces_the_translations_own(client, writer, original):
    spanish = translations.create_translation(original, "es")
    spanish.signatories.all().delete()
    factories.signatory(original)
    client.post(family_url(spanish, "copy-shared"))
    assert spanish.signatories.count() == original.signatories.count() == 3
    assert client.post(family_url(original, "copy-shared")).status_code == 403  # the original has no original


def test_publishing_the_family_together_is_an_editors_step(client, writer, original):
    translations.create_translation(original, "es")
    assert client.post(family_url(original, "publish-all")).status_code == 403
    assert not Release.objects.public().exists()


def test_an_editor_publishes_every_version_together(client, editor, original):
    translations.create_translation(original, "es")
    client.post(family_url(original, "publish-all"))
    assert Release.objects.public().count() == 2


def test_unknown_steps_and_languages_are_refused(client, editor, original):
    assert client.post(family_url(original, "translate-xx")).status_code == 403
    assert client.post(family_url(original, "dance")).status_code == 404
    assert client.get(reverse("admin:releases_release_family", args=["abc", "publish-all"])).status_code == 403
