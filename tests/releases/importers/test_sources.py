"""What arrives — pasted rich text, Markdown, .docx, .html, .txt in any encoding — reads as the same release."""

import pytest

from releases.importers.text import SourceError, parse_release
from tests.releases.importers import docx

RICH = """<html><head><title>Not the title</title><style>p{color:red}</style></head><body>
<h1>Clinic Opens in Riverside</h1>
<p><strong>Free care for 4,000 uninsured residents</strong></p>
<p>RIVERSIDE, Calif. — The alliance opened its first free clinic on <a href="https://example.org/clinic">Main
Street</a> today.<script>alert('x')</script><img src="x.png" onerror="alert(1)"></p>
<blockquote><p>No one in this city should choose between rent and a doctor.</p>
<p>— Dr. Amina Yusuf, Medical Director, Riverside Health Alliance</p></blockquote>
<h3>About Riverside Health Alliance</h3>
<p>Riverside Health Alliance is a nonprofit network of clinics.</p>
<p>Media contact: Lee Park, <a href="mailto:lee@rha.org">lee@rha.org</a>, (951) 555-0100</p>
<p>###</p></body></html>"""


def test_pasted_rich_text_is_sanitized_and_keeps_its_structure():
    parsed = parse_release(RICH)
    assert parsed.title == "Clinic Opens in Riverside"
    assert parsed.subtitle == "Free care for 4,000 uninsured residents"  # bold under the title: the deck
    assert parsed.dateline == "RIVERSIDE, Calif."
    assert parsed.body.startswith(
        "The alliance opened its first free clinic on [Main Street](https://example.org/clinic)"
    )
    for unsafe in ("alert", "<script", "onerror", "Not the title", "color:red"):
        assert unsafe not in parsed.body
    [quote] = parsed.quotes  # a block quote printed without marks, its attribution below it
    assert (quote.speaker, quote.title) == ("Amina Yusuf", "Medical Director")
    assert quote.organization == "Riverside Health Alliance"
    assert parsed.about == ["Riverside Health Alliance"]
    assert (parsed.contacts[0].name, parsed.contacts[0].email) == ("Lee Park", "lee@rha.org")
    assert parsed.end_mark == "###"


def test_wordpress_style_html_without_paragraph_tags():
    parsed = parse_release(
        "Clinic Opens\n\nRIVERSIDE – The clinic opened <em>today</em>.\n\n"
        "“We built this with our neighbors,” said <strong>Carlos Rivera</strong>, president of the board."
    )
    assert parsed.quotes[0].speaker == "Carlos Rivera"
    assert "*today*" in parsed.body


def test_markdown_keeps_one_name_a_line():
    parsed = parse_release(
        "# Groups Urge Action\n\nWASHINGTON – Groups wrote to Congress today.\n\nSigned by:\n\n"
        "Sierra Club\nEarthjustice\nGreenpeace USA\n",
        filename="letter.md",
    )
    assert parsed.title == "Groups Urge Action"
    assert parsed.signatories == ["Sierra Club", "Earthjustice", "Greenpeace USA"]


def test_a_word_file():
    data = docx.build(
        [
            ("City Opens Cooling Centers", {"style": "Heading1"}),
            ("Twelve sites open during the heat wave", {"bold": True}),
            "PHOENIX – The city opened twelve cooling centers today.",
            "“Nobody should face this heat alone,” said Mayor Kate Gallego.",
            "###",
        ]
    )
    parsed = parse_release(data, filename="release.docx")
    assert (parsed.title, parsed.subtitle, parsed.dateline) == (
        "City Opens Cooling Centers",
        "Twelve sites open during the heat wave",
        "PHOENIX",
    )
    assert (parsed.quotes[0].speaker, parsed.quotes[0].title) == ("Kate Gallego", "Mayor")
    assert parsed.body == "The city opened twelve cooling centers today.\n\n[[quote 1]]\n"


def test_text_files_in_windows_1252_and_with_a_byte_order_mark():
    text = "Caf\u00e9 Workers Win Contract\n\nSEATTLE \u2013 Workers at the caf\u00e9 won a contract today."
    for data in (text.encode("cp1252"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        parsed = parse_release(data, filename="release.txt")
        assert parsed.title == "Caf\u00e9 Workers Win Contract"
        assert parsed.dateline == "SEATTLE"


def test_unreadable_sources_are_refused_with_a_reason():
    with pytest.raises(SourceError, match="Word file"):
        parse_release(b"PK\x03\x04 not really a zip", filename="broken.docx")
    with pytest.raises(SourceError, match="larger"):
        parse_release("x" * (6 * 1024 * 1024))
    with pytest.raises(SourceError, match="Unknown format"):
        parse_release("text", format="pdf")


def test_empty_input_gives_an_empty_parse():
    parsed = parse_release("")
    assert (parsed.title, parsed.quotes, parsed.body.strip()) == ("", [], "")
