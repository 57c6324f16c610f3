"""Every public page type in Spanish, walked: no English interface words left over.

What a page prints from the archive (titles, names, bodies, topics: the content, in whatever
language it was written) is taken out first, and so is every passage marked with another
`lang`; what is left is the interface, which must have no English in it: no English word from
the list below, in the text or in what assistive technology reads (aria-label, alt, title,
placeholder, a button's value)."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models

from releases.sample_data import demo as demo_content
from tests.browser.helpers import spanish_page_urls

pytestmark = pytest.mark.django_db

# Words of the English interface that no Spanish sentence has.
ENGLISH = set(
    [
        "the",
        "of",
        "and",
        "to",
        "by",
        "in",
        "on",
        "for",
        "with",
        "your",
        "this",
        "that",
        "is",
        "are",
        "was",
        "were",
        "page",
        "pages",
        "release",
        "releases",
        "search",
        "share",
        "topics",
        "topic",
        "people",
        "person",
        "organizations",
        "organization",
        "email",
        "alerts",
        "more",
        "next",
        "previous",
        "newer",
        "older",
        "all",
        "from",
        "about",
        "signed",
        "issued",
        "updated",
        "press",
        "office",
        "contact",
        "contacts",
        "follow",
        "feed",
        "latest",
        "featured",
        "browse",
        "filter",
        "filters",
        "remove",
        "sorted",
        "sort",
        "relevance",
        "date",
        "found",
        "matches",
        "results",
        "quotes",
        "quote",
        "copy",
        "select",
        "link",
        "download",
        "image",
        "image",
        "archive",
        "subscribe",
        "daily",
        "digest",
        "each",
        "published",
        "not",
        "yet",
        "draft",
        "embargoed",
        "withdrawn",
        "skip",
        "content",
        "main",
        "language",
        "languages",
        "also",
        "related",
        "resources",
        "corrections",
        "note",
        "where",
        "logo",
        "speaks",
        "add",
        "how",
        "often",
        "address",
        "days",
        "months",
        "years",
        "year",
        "month",
    ]
)
READ_ATTRIBUTES = ("aria-label", "alt", "title", "placeholder")
SKIPPED = {"script", "style", "code"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class InterfaceText(HTMLParser):
    """The text and read-aloud attributes of a page outside passages in another language."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language, self.stack, self.found = language, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        foreign = bool(attrs.get("lang")) and attrs["lang"] != self.language
        inside = (self.stack[-1] if self.stack else False) or foreign or tag in SKIPPED
        if not inside:
            self.found += [(f"{tag}[{name}]", attrs[name]) for name in READ_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.found.append((f"{tag}[value]", attrs["value"]))
            if tag == "meta" and attrs.get("name") == "description":
                self.found.append(("meta description", attrs.get("content", "")))
        if tag not in VOID:
            self.stack.append(inside)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and not (self.stack and self.stack[-1]):
            self.found.append(("text", data))


def archive_texts():
    """Every text the archive holds (and so a page may print as content), longest first."""
    texts = set()
    for model in apps.get_app_config("releases").get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        for row in model.objects.values_list(*fields):
            for value in row:
                for line in str(value or "").splitlines():
                    if len(line.strip()) >= 3:
                        texts.add(" ".join(line.split()))
    return sorted(texts, key=len, reverse=True)


def english_left_over(html, content):
    parser = InterfaceText("es")
    parser.feed(html)
    left = []
    for where, text in parser.found:
        text = re.sub(r"(?:https?://|mailto:)\S+", " ", " ".join(text.split()))  # addresses are no one's words
        text = re.sub(r"\bCC BY[-A-Z]* \d\.\d\b|\bJSON Feed\b|\bIPTC ninjs\b", " ", text)  # formats' names
        for value in content:
            if value in text:
                text = text.replace(value, " ")
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        english = sorted(words & ENGLISH)
        if english:
            left.append(f"{where}: {text.strip()!r} ({', '.join(english)})")
    return left


def test_every_public_page_type_in_spanish_has_no_english_interface_left(client):
    releases = demo_content.load_all()
    demo = {release.slug: release for release in releases}
    urls = spanish_page_urls(demo)
    urls["email alerts"] = "/es/alerts/"
    content = archive_texts()
    found = {}
    for name, url in urls.items():
        response = client.get(url, follow=False)
        assert response.status_code in (200, 404, 410), (name, url, response.status_code)
        html = response.content.decode()
        assert '<html lang="es">' in html, name
        left = english_left_over(html, content)
        if left:
            found[name] = left
    assert found == {}


def test_the_walk_finds_english_left_over():
    """A control: an English sentence in the Spanish interface is found; content and marked passages are not."""
    html = (
        '<html lang="es"><body><p>Comunicados de prensa</p><p>Read all releases</p>'
        '<p lang="en">The original in English</p><p>United We Dream</p>'
        '<button aria-label="Share this">Compartir</button></body></html>'
    )
    left = english_left_over(html, ["United We Dream"])
    assert left == [
        "text: 'Read all releases' (all, releases)",
        "button[aria-label]: 'Share this' (share, this)",
    ]
