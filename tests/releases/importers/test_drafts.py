"""Saving what the parser found: names matched to the archive's records, drafts made once, imports idempotent."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from releases import publishing
from releases.importers import drafts, matching
from releases.importers.text import parse_release
from releases.models import Organization, Person, Release, TextImport
from releases.sample_data import demo
from tests import factories

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "over-60-groups-tell-obama-administration.txt"


def test_organizations_match_by_key_abbreviation_and_brackets():
    aclu = factories.organization(name="American Civil Liberties Union")
    aclu.abbreviations = ["ACLU"]
    aclu.save()
    fund = factories.organization(name="Asian American Legal Defense and Education Fund")
    found = matching.organizations(
        [
            "the American Civil Liberties Union",
            "ACLU",
            "A.C.L.U.",
            "Asian American Legal Defense and Education Fund (AALDEF)",
            "Brand New Coalition",
        ]  # fmt: skip
    )
    assert found["the American Civil Liberties Union"].record == aclu
    assert found["ACLU"].record == aclu
    assert found["A.C.L.U."].record == aclu
    assert found["Asian American Legal Defense and Education Fund (AALDEF)"].record == fund
    assert found["Brand New Coalition"].status == "new"
    assert Organization.objects.count() == 2  # nothing created by matching


def test_people_match_with_accents_and_case():
    saldana = Person.objects.create(name="Sarah Saldaña", slug="sarah-saldana")
    found = matching.people(["SARAH SALDANA", "Sarah Saldaña", "Sara Saldaña"])
    assert found["SARAH SALDANA"].record == saldana
    assert found["Sarah Saldaña"].record == saldana
    assert found["Sara Saldaña"].status == "new"


def test_the_demo_sample_saved_as_a_draft():
    parsed = parse_release(SAMPLE.read_text(encoding="utf-8"))
    assert Organization.objects.count() == 0 and Person.objects.count() == 0
    saved = drafts.save_draft(drafts.draft_from_parse(parsed))
    release = saved.release
    assert release.status == Release.Status.DRAFT
    assert (release.title, release.dateline, release.issuer.name) == (
        parsed.title,
        "Washington, DC",
        "United We Dream",
    )
    assert release.issuer.about == demo.UWD_ABOUT
    assert [q.source_name for q in release.quotes.all()] == ["Zenen Jaimez Perez", "Raul Alcaraz Ochoa", "The letter"]
    assert release.quotes.first().speaker_organization.name == "United We Dream"
    assert [s.organization.name for s in release.signatories.all()] == demo.SAMPLE_SIGNATORIES
    assert release.unnamed_signatory_count == 57
    assert [(r.kind, r.title) for r in release.resources.all()] == demo.SAMPLE_RESOURCES
    assert release.source_url.startswith("http://unitedwedream.org/press-releases/")
    assert "[[quote 3]]" in release.body
    assert {type(r).__name__ for r in saved.created} == {"Organization", "Person"}


def test_a_refused_draft_creates_nothing():
    draft = drafts.Draft(title="", issuer="Brand New Org", signatories=["Another New Org"])
    with pytest.raises(ValidationError):
        drafts.save_draft(draft)
    assert Organization.objects.count() == 0


def run(*args):
    out = io.StringIO()
    call_command("import_releases", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_importing_a_folder_twice_updates_and_never_duplicates(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "sample.txt")
    first = run(tmp_path)
    assert "draft created" in first and "new: organization United We Dream" in first
    assert Release.objects.count() == 1 and TextImport.objects.count() == 1
    assert "unchanged" in run(tmp_path)
    (tmp_path / "sample.txt").write_text(SAMPLE.read_text().replace("Over 60 Groups", "Sixty Groups"))
    assert "draft updated" in run(tmp_path)
    release = Release.objects.get()
    assert release.title.startswith("Sixty Groups")
    assert release.quotes.count() == 3 and release.signatories.count() == 8
    assert Organization.objects.filter(name="United We Dream").count() == 1


def test_a_release_published_since_is_left_alone(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "sample.txt")
    run(tmp_path)
    publishing.publish(Release.objects.get())
    (tmp_path / "sample.txt").write_text(SAMPLE.read_text() + "\nA new closing line.\n")
    with pytest.raises(CommandError, match="1 file"):
        run(tmp_path)
    assert Release.objects.get().status == Release.Status.PUBLISHED


def test_a_release_without_an_about_needs_an_issuer(tmp_path):
    (tmp_path / "plain.txt").write_text("Plain Title\n\nBOSTON – A plain lead paragraph today.\n")
    with pytest.raises(CommandError):
        run(tmp_path)
    assert Release.objects.count() == 0
    assert "draft created" in run(tmp_path, "--issuer", "Boston Tenants Union")
    assert Release.objects.get().issuer.name == "Boston Tenants Union"


def test_an_imported_contact_block_becomes_contacts_the_draft_names():
    issuer = factories.organization("Contact Issuer")
    draft = drafts.Draft(
        title="With contacts",
        issuer=issuer.name,
        body="Body.",
        media_contact=(
            "Jane Doe, Communications Director, +1 202 555 0143, jane@example.org\n\nBob Roe, bob@example.org"
        ),
    )
    release = drafts.save_draft(draft).release
    named = [link.contact for link in release.release_contacts.all()]
    assert [(c.name, c.role, c.phone, c.email) for c in named] == [
        ("Jane Doe", "Communications Director", "+1 202 555 0143", "jane@example.org"),
        ("Bob Roe", "", "", "bob@example.org"),
    ]
    assert all(c.organization == release.issuer for c in named)
    again = drafts.save_draft(draft, release=release).release  # the same contacts, not made twice
    assert [link.contact for link in again.release_contacts.all()] == named
