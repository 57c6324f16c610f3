"""Every structured sample (tests/fixtures/releases, copied from shared/samples/releases) keeps what the
parser gets right today: a regression guard beside `make eval-import`, which measures the same."""

import json
from pathlib import Path

import pytest

from releases.importers.text import parse_release
from releases.importers.text.names import name_key

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "releases"
SAMPLES = sorted(p for p in FIXTURES.glob("*.txt") if p.with_suffix(".json").exists())


def load(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["expected"]
    return parse_release(path.read_text(encoding="utf-8")), expected


def test_the_samples_are_in_the_repository():
    assert len(SAMPLES) >= 15


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_header_fields(path):
    parsed, expected = load(path)
    assert parsed.title == expected["title"]
    assert parsed.subtitle == expected["subtitle"]
    assert parsed.dateline == expected["dateline"]
    assert (parsed.date.isoformat() if parsed.date else None) == expected["date"]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_quotes_speakers_and_organizations(path):
    parsed, expected = load(path)
    assert len(parsed.quotes) == len(expected["quotes"])
    for quote, wanted in zip(parsed.quotes, expected["quotes"], strict=True):
        assert quote.text.replace("'", "’").startswith(wanted["text_starts"].replace("'", "’"))
        assert quote.speaker == wanted["speaker"]
        assert name_key(quote.organization or "") == name_key(wanted["organization"] or "")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_signatories_about_and_contacts(path):
    parsed, expected = load(path)
    assert [name_key(s) for s in parsed.signatories] == [name_key(s) for s in expected["signatories"]]
    assert [i["name"] for i in parsed.individual_signatories] == [
        i["name"] for i in expected.get("individual_signatories", [])
    ]
    assert parsed.unnamed_signatory_count == expected["unnamed_signatory_count"]
    assert [name_key(a) for a in parsed.about] == [name_key(a) for a in expected["about"]]
    found = [(c.name, c.email, c.phone) for c in parsed.contacts]
    assert found == [(c["name"], c["email"], c["phone"]) for c in expected["contacts"]]
