"""The admin's "New release from text": paste or upload, review with matched/new marks, save a draft.
Nothing is created before the save; a refused review keeps everything typed."""

from pathlib import Path

import pytest
from django.urls import reverse

from releases.models import Organization, Person, Quote, Release, Signatory
from tests import factories
from tests.releases.importers import docx

pytestmark = pytest.mark.django_db
SAMPLE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "over-60-groups-tell-obama-administration.txt"
).read_text()
URL = "/admin/releases/releasefromtext/add/"


def counts():
    return {m.__name__: m.objects.count() for m in (Release, Organization, Person, Quote, Signatory)}


def review_data(response):
    """The review form as the browser would post it back, every field as shown."""
    form = response.context["form"]
    data = {"step": "review"}
    for bound in form:
        value = bound.value()
        data[bound.html_name] = "" if value is None else value
    for formset in (response.context["quotes"], response.context["resources"], response.context["abouts"]):
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for subform in formset.forms:
            for bound in subform:
                if bound.name != "DELETE":
                    value = bound.value()
                    data[bound.html_name] = "" if value is None else value
    return data


def test_the_door_is_in_the_admin_index(client, writer):
    index = client.get(reverse("admin:index"))
    assert reverse("admin:releases_releasefromtext_add") in index.content.decode()
    assert client.get(reverse("admin:releases_releasefromtext_changelist")).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_pasted_text_is_reviewed_with_matched_and_new_names_and_nothing_is_created(client, writer):
    factories.organization(name="United We Dream")
    before = counts()
    response = client.post(URL, {"step": "paste", "text": SAMPLE})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Over 60 Groups Tell Obama Administration" in page
    assert response.context["badges"]["issuer"] == "matched"
    assert ("American Civil Liberties Union", "new") in response.context["badges"]["signatories"]
    assert [b for _, b, _ in response.context["badges"]["quotes"]] == ["new", "new", ""]
    assert "A coalition of 63 organizations" in page  # the text as written, beside the parts
    assert counts() == before


def test_saving_the_review_makes_one_draft_with_every_part(client, writer):
    review = client.post(URL, {"step": "paste", "text": SAMPLE})
    response = client.post(URL, review_data(review))
    release = Release.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:releases_release_change", args=[release.pk])
    assert release.status == Release.Status.DRAFT
    assert release.quotes.count() == 3 and release.signatories.count() == 8
    assert release.unnamed_signatory_count == 57 and release.resources.count() == 2
    assert release.issuer.about.startswith("United We Dream is the largest")


def test_a_refused_review_keeps_everything_typed_and_saves_nothing(client, writer):
    review = client.post(URL, {"step": "paste", "text": SAMPLE})
    data = review_data(review)
    data.update({"title": "", "dateline": "Edited Place", "quotes-0-speaker": "", "quotes-0-attribution": ""})
    before = counts()
    response = client.post(URL, data)
    assert response.status_code == 200
    assert counts() == before
    assert response.context["form"].errors["title"]
    assert response.context["quotes"].forms[0].non_field_errors()
    page = response.content.decode()
    assert 'value="Edited Place"' in page
    assert "A coalition of 63 organizations" in page  # the original is carried along


def test_corrections_on_the_review_are_what_is_saved(client, writer):
    review = client.post(URL, {"step": "paste", "text": SAMPLE})
    data = review_data(review)
    data.update({"quotes-1-organization": "United We Dream", "quotes-2-DELETE": "on", "signatories": "Only One Org"})
    client.post(URL, data)
    release = Release.objects.get()
    assert [q.speaker_organization.name for q in release.quotes.all()] == ["United We Dream", "United We Dream"]
    assert [s.organization.name for s in release.signatories.all()] == ["Only One Org"]


def test_an_uploaded_word_file_is_reviewed(client, writer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = docx.build([("Cooling Centers Open", {"style": "Heading1"}), "PHOENIX – Twelve centers opened today."])
    upload = SimpleUploadedFile("release.docx", data)
    response = client.post(URL, {"step": "paste", "upload": upload})
    assert response.context["form"]["title"].value() == "Cooling Centers Open"
    assert response.context["form"]["dateline"].value() == "PHOENIX"


@pytest.mark.parametrize(
    "post, error",
    [
        ({}, "Paste the release, or upload it as a file."),
        ({"upload": ("notes.pdf", b"%PDF-1.4")}, "Upload a .docx, .md, .html or .txt file."),
        ({"upload": ("broken.docx", b"PK\x03\x04broken")}, "The Word file could not be read"),
    ],
)
def test_bad_input_is_a_form_error(client, writer, post, error):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"step": "paste", "text": ""}
    if "upload" in post:
        data["upload"] = SimpleUploadedFile(*post["upload"])
    response = client.post(URL, data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Release.objects.count() == 0
