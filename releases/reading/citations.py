"""How to cite a release: APA and Chicago text, BibTeX, RIS and CSL-JSON, and the `citation_*` meta
tags reference managers read. Every citation names the version-pinned address of the current
published version (/releases/<slug>/v/<n>/, which stays valid after a correction) and the date
it was accessed (today, in the newsroom's zone).

The texts without the access date are part of the release page's cached parts
(releases.reading.release_parts); the date is added per request (and brought up to the reader's
day by static/js/release.js where the page came from a cache).
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext

from releases.reading import formats
from releases.reading.metadata import absolute_url

FORMATS = {
    # fmt: (content type, file extension)
    "bib": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    "json": ("application/vnd.citationstyles.csl+json", "csl.json"),
}


@dataclass
class Source:
    """What every citation of one release names."""

    slug: str
    title: str
    author: str
    published: date  # in the newsroom's zone
    publisher: str
    version: int
    url: str  # the version-pinned address
    language: str
    lead: str = ""


def current_version(release, now=None):
    """The number of the release's current published version (1 when none is recorded)."""
    found = release.published_versions.filter(published_at__lte=now or timezone.now()).aggregate(last=Max("number"))
    return found["last"] or 1


def source(release, site, version=None):
    version = version or current_version(release)
    pinned = reverse("releases:release_version", kwargs={"slug": release.slug, "number": version})
    return Source(
        slug=release.slug,
        title=release.title,
        author=release.issuer.name,
        published=timezone.localtime(release.display_date).date(),
        publisher=site.name,
        version=version,
        url=absolute_url(pinned),
        language=formats.language(release.language),
        lead=release.lead,
    )


def long_date(day):
    return dateformat.format(day, get_format("DATE_FORMAT"))


# --- Text styles: (before the access date, after it), as safe HTML ------------------------


def apa(src):
    """APA 7: Author. (2015, July 15). *Title* [Press release]. Publisher. Retrieved <date>, from URL"""
    publisher = f" {src.publisher}." if src.publisher and src.publisher != src.author else ""
    before = format_html(
        gettext("{}. ({}, {}). <i>{}</i> [Press release].{} Retrieved "),
        src.author,
        src.published.year,
        dateformat.format(src.published, get_format("MONTH_DAY_FORMAT")),
        src.title,
        publisher,
    )
    return before, format_html(gettext(", from {}"), src.url)


def chicago(src):
    """Chicago (bibliography): Author. “Title.” Press release, July 15, 2015. Accessed <date>. URL."""
    title = src.title.rstrip(".")
    before = format_html(
        gettext("{}. “{}.” Press release, {}. Accessed "), src.author, title, long_date(src.published)
    )
    return before, format_html(". {}.", src.url)


def box(src):
    """What the citation box prints, less the access date (cached with the page's parts)."""
    apa_before, apa_after = apa(src)
    chicago_before, chicago_after = chicago(src)
    return {
        "apa": [str(apa_before), str(apa_after)],
        "chicago": [str(chicago_before), str(chicago_after)],
        "version": src.version,
        "url": src.url,
    }


# --- Files ---------------------------------------------------------------------------------

BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_ESCAPE = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIAL))
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def bibtex_text(value):
    return BIBTEX_ESCAPE.sub(lambda m: BIBTEX_SPECIAL[m[0]], " ".join(str(value).split()))


def bibtex_key(src):
    words = slugify(src.title).split("-")
    return re.sub(r"[^a-z0-9]", "", slugify(src.author))[:24] + str(src.published.year) + (words[0] if words else "")


def bibtex(src, accessed):
    """A @misc entry (BibTeX and biblatex: date and urldate as well as year and month)."""
    fields = [
        ("author", "{" + bibtex_text(src.author) + "}"),  # a corporate author: one name, never split
        ("title", "{" + bibtex_text(src.title) + "}"),
        ("howpublished", "Press release"),
        ("publisher", bibtex_text(src.publisher)),
        ("year", str(src.published.year)),
        ("month", None),
        ("date", src.published.isoformat()),
        ("version", str(src.version)),
        ("url", src.url),
        ("urldate", accessed.isoformat()),
        ("note", f"Press release, version {src.version}. Accessed {long_date(accessed)}"),
    ]
    lines = [f"@misc{{{bibtex_key(src)},"]
    for name, value in fields:
        if name == "month":
            lines.append(f"  month = {MONTHS[src.published.month - 1]},")
        else:
            lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def ris_text(value):
    return " ".join(str(value).split())


def ris(src, accessed):
    """An RIS record (TY PRESS), lines ending CRLF as the format asks."""
    fields = [
        ("TY", "PRESS"),
        ("AU", src.author),
        ("TI", src.title),
        ("PY", str(src.published.year)),
        ("DA", src.published.strftime("%Y/%m/%d/")),
        ("PB", src.publisher),
        ("ET", f"Version {src.version}"),
        ("UR", src.url),
        ("Y2", accessed.strftime("%Y/%m/%d/")),
        ("LA", src.language),
        ("AB", src.lead),
    ]
    lines = [f"{tag}  - {ris_text(value)}" for tag, value in fields if value]
    return "\r\n".join([*lines, "ER  - ", ""])


def date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(src, accessed):
    """CSL-JSON (what Zotero, Mendeley and pandoc read): a list of one item."""
    item = {
        "id": src.slug,
        "type": "report",
        "genre": "Press release",
        "title": src.title,
        "author": [{"literal": src.author}],
        "publisher": src.publisher,
        "issued": date_parts(src.published),
        "accessed": date_parts(accessed),
        "URL": src.url,
        "version": str(src.version),
        "language": src.language,
    }
    if src.lead:
        item["abstract"] = src.lead
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


WRITERS = {"bib": bibtex, "ris": ris, "json": csl_json}


def download(src, fmt, accessed):
    """(body, content type, file name) of the citation file in format `fmt` (a key of FORMATS)."""
    content_type, extension = FORMATS[fmt]
    return WRITERS[fmt](src, accessed), content_type, f"{src.slug}.{extension}"


def meta_tags(src, public_url):
    """[(name, content)] for <meta name="citation_*"> (Google Scholar's, Zotero's): the permalink
    as the public URL, the pinned version as the full text."""
    return [
        ("citation_public_url", public_url),
        ("citation_title", src.title),
        ("citation_author", src.author),
        ("citation_publication_date", src.published.strftime("%Y/%m/%d")),
        ("citation_online_date", src.published.strftime("%Y/%m/%d")),
        ("citation_publisher", src.publisher),
        ("citation_technical_report_institution", src.author),
        ("citation_language", src.language),
        ("citation_fulltext_html_url", src.url),
    ]
