"""Helpers for the tests of crafted requests: a hidden release whose text is recognisable, and a check
that a response shows none of it."""

from tests import factories


def draft_with_text(title, state="draft", **kwargs):
    """A hidden release whose title, deck, body and quote are all recognisable."""
    release = factories.release(
        title,
        state=state,
        subtitle=f"Deck of {title}",
        body=f"Body of {title}, never for readers.",
        **kwargs,
    )
    factories.quote(release, text=f"Quote from {title}")
    return release


def assert_no_text_of(response, release):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = body.decode(errors="replace")
    for text in (release.title, release.subtitle, release.body, f"Quote from {release.title}"):
        assert text not in body, (response.status_code, text)
