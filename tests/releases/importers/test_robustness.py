"""Whatever is pasted, the parser answers: no exception, and each quote placed exactly once in the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releases.importers.text import parse_release

FRAGMENTS = [
    "“", "”", '"', "«", "»", "„", "‘", "’", " — ", " – ", "--", "-", "•", "* * *", "###", "-30-", ":", ",", ".",
    "said Jane Roe, director of the Harbor Fund", "Jane Roe said:", "He continues", "according to Ana Ruiz",
    "About the Harbor Fund", "The Harbor Fund is a foundation", "Media contact:", "jane@example.org",
    "(212) 555-0100", "FOR IMMEDIATE RELEASE", "WASHINGTON, DC –", "(Austin, Texas)—", "January 4, 2021",
    "signed by the Sierra Club, Earthjustice and 57 more", "Signed by:", "and twelve others", "Acerca de",
    "ha declarado María López", "Statement of Governor Jane Doe on taxes", "Related Resources:", "Blog: A post",
    "Read at: http://example.org/x", "1.", "(1)", "Organizations", "Individuals", "x", "We will win today",
]  # fmt: skip
line = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), min_size=1, max_size=8).map(" ".join)
document = st.lists(line, min_size=1, max_size=25).map(
    lambda lines: "".join(text + ("\n\n" if i % 3 == 2 else "\n") for i, text in enumerate(lines))
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_any_text_parses_and_places_each_quote_once(text):
    parsed = parse_release(text)
    for number in range(1, len(parsed.quotes) + 1):
        assert parsed.body.count(f"[[quote {number}]]") == 1
    assert parsed.body.count("[[quote ") == len(parsed.quotes)
    for quote in parsed.quotes:
        assert quote.text.strip()
        assert quote.speaker or quote.attribution


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_html_parses(text):
    parse_release(f"<p>{text}</p><blockquote>{text}</blockquote><ul><li>{text}</li></ul>")
