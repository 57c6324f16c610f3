"""Free-text press contacts read into contacts: what is sure is split up, what is not keeps its text."""

import pytest

from releases import contact_text


def test_a_labelled_line_with_every_detail_is_read_with_certainty():
    [found] = contact_text.read("Media contact: Ujala Sehgal, AALDEF, 212.966.5932 x217, usehgal@aaldef.org")
    assert (found.name, found.organization, found.phone, found.email) == (
        "Ujala Sehgal",
        "AALDEF",
        "212.966.5932 x217",
        "usehgal@aaldef.org",
    )
    assert found.sure and found.details == ""


def test_two_contacts_in_blocks_are_two_contacts():
    text = "Jane Doe, Communications Director, Acme Corp\n+1 202 555 0143\njane@acme.org\n\nBob Roe, bob@acme.org"
    jane, bob = contact_text.read(text)
    assert (jane.name, jane.role, jane.phone, jane.email) == (
        "Jane Doe",
        "Communications Director",
        "+1 202 555 0143",
        "jane@acme.org",
    )
    assert (bob.name, bob.email) == ("Bob Roe", "bob@acme.org")


@pytest.mark.parametrize(
    "text, name, email",
    [
        ("Press office (fictional): press@example.org", "Press office (fictional)", "press@example.org"),
        ("press@example.org", contact_text.UNNAMED, "press@example.org"),
        ("Call Joe on Tuesday, maybe", "Call Joe on Tuesday", ""),
    ],
)
def test_unsure_readings_keep_the_original_text(text, name, email):
    [found] = contact_text.read(text)
    assert not found.sure
    assert found.details == text
    assert found.email == email
    assert found.name.startswith(name[:10])


def test_blank_text_is_no_contact():
    assert contact_text.read("  \n ") == []


@pytest.mark.parametrize(
    "parsed",
    [
        {
            "name": "Sam Lee",
            "title": "Director",
            "organization": "Acme",
            "phone": "+1 202 555 0143",
            "email": "s@acme.org",
        },
        {"name": "Sam Lee", "email": "s@acme.org"},
        {"name": "Sam Lee", "title": "Press Secretary", "phone": "(202) 555-0143"},
        {"name": "Sam Lee", "organization": "Acme", "phone": "(202) 555-0143"},
    ],
)
def test_a_parsed_contact_written_as_text_reads_back_the_same(parsed):
    """The review screen shows a parsed contact as one " · " line; saving reads it back unchanged."""
    from releases.importers.text.result import Contact

    [found] = contact_text.read(Contact(**parsed).as_text())
    assert found.sure
    assert (found.name, found.role, found.organization, found.phone, found.email) == (
        parsed["name"],
        parsed.get("title", ""),
        parsed.get("organization", ""),
        parsed.get("phone", ""),
        parsed.get("email", ""),
    )
