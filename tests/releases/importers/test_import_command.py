"""manage.py import_releases --dry-run: a line per file of what was found, nothing saved, bad files reported."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_releases", *map(str, args), stdout=out, stderr=err)
    finally:
        run.stdout, run.stderr = out.getvalue(), err.getvalue()
    return out.getvalue()


def test_json_lines_in_the_samples_field_names():
    lines = run("--dry-run", "--json", FIXTURES / "releases").splitlines()
    items = [json.loads(line) for line in lines]
    releases = [i for i in items if i["file"].endswith(".txt")]
    assert len(releases) == 15
    expected_fields = {"title", "subtitle", "dateline", "date", "quotes", "signatories", "unnamed_signatory_count",
                       "about", "contact", "contacts"}  # fmt: skip
    assert all(expected_fields <= set(item) for item in releases)
    node = next(i for i in releases if "nodejs-foundation-v4" in i["file"])
    assert (node["dateline"], node["date"]) == ("SAN FRANCISCO", "2015-09-14")
    assert node["quotes"][0]["speaker"] == "Mikeal Rogers"


def test_a_readable_report_of_what_was_found_and_what_to_check():
    out = run("--dry-run", FIXTURES / "releases" / "22-uahc-asr-appoints-madden.txt")
    assert "quote 2: Timothy Madden (President, American Sustainable Rubber Company, LLC)" in out
    assert "unsure: Quote 2: Timothy Madden's title is from elsewhere in the text." in out
    assert "contact: Kathleen Gonzales, CMW Media · (619) 368-2701" in out


def test_bad_files_get_a_report_line_and_the_run_goes_on(tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "fine.txt").write_text("Fine Title\n\nBOSTON – A fine lead today.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="2 file"):
        run("--dry-run", "--json", tmp_path / "broken.docx", tmp_path / "fine.txt", tmp_path / "notes.pdf")
    lines = {Path(item["file"]).name: item for item in map(json.loads, run.stdout.splitlines())}
    assert "Word file could not be read" in lines["broken.docx"]["error"]
    assert "not a release file" in lines["notes.pdf"]["error"]
    assert (lines["fine.txt"]["title"], lines["fine.txt"]["dateline"]) == ("Fine Title", "BOSTON")
