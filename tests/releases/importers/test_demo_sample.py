"""The demo sample, parsed from its text, comes out exactly as the demo content structures it."""

from pathlib import Path

import pytest

from releases.importers.text import parse_release
from releases.sample_data import demo

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "over-60-groups-tell-obama-administration.txt"


@pytest.fixture(scope="module")
def parsed():
    return parse_release(SAMPLE.read_text(encoding="utf-8"))


def test_title_deck_and_dateline(parsed):
    assert parsed.title == "Over 60 Groups Tell Obama Administration to End Controversial Deportation Program"
    assert parsed.subtitle == (
        "Administration’s Calls for Better Community Policing Ring Hollow as they Push Policies Which "
        "Cause Racial Profiling & Deportations"
    )
    assert parsed.dateline == "Washington, DC"
    assert parsed.date is None  # the sample prints none; the demo's date is its own choice


def test_three_quotes_with_their_speakers(parsed):
    assert len(parsed.quotes) == 3
    for quote, expected in zip(parsed.quotes[:2], demo.SAMPLE_QUOTES[:2], strict=True):
        assert quote.text == expected["text"]
        assert (quote.speaker, quote.title, quote.organization) == (
            expected["speaker"],
            expected["title"],
            expected["organization"],
        )
    letter = parsed.quotes[2]
    assert letter.text == demo.SAMPLE_QUOTES[2]["text"]
    assert letter.speaker is None
    # The demo's wording, "The coalition’s letter to DHS and ICE", is an editor's; the text says "the letter".
    assert letter.attribution == "The letter"


def test_body_places_the_quotes_as_the_demo_does(parsed):
    assert parsed.body.strip() == demo.SAMPLE_BODY.strip()


def test_signatories_and_57_more(parsed):
    assert parsed.signatories == demo.SAMPLE_SIGNATORIES
    assert parsed.unnamed_signatory_count == 57
    assert parsed.individual_signatories == []


def test_about_resources_and_source(parsed):
    assert [(b.organization, b.text) for b in parsed.boilerplates] == [("United We Dream", demo.UWD_ABOUT)]
    assert parsed.issuer == "United We Dream"
    assert [(r.kind, r.title) for r in parsed.related_resources] == demo.SAMPLE_RESOURCES
    assert parsed.source_url == f"http://unitedwedream.org/press-releases/{demo.SAMPLE_SLUG}/"
    assert parsed.contacts == []
    assert parsed.end_mark is None
