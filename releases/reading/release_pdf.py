"""A release as a PDF on letterhead (fpdf2, with the Roboto TTFs of `font-roboto`: pure Python,
every character of every language the archive holds, embedded and subset).

The page reads like a press release on paper: the issuer's logo and name, the site's name and a
rule in its accent colour; "FOR IMMEDIATE RELEASE" (or the embargo line, or the withdrawal
notice); the press contacts; headline and deck; the dateline leading the body; quotes with their
attribution; signatories; the issuer's "About"; "###"; the permalink. Every page's foot carries
the permalink and the page number.

Rendering costs tens of milliseconds, so the bytes are cached like the page's parts: under the
release's render key, the site settings' stamp and the code's fingerprint (release_parts.cache_key),
for releases readers may see; drafts and scheduled releases (staff only) are drawn every time.
"""

import html
import io
import re

import font_roboto
from django.core.cache import cache
from django.urls import reverse
from django.utils import dateformat, timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from releases import times
from releases.media import renditions
from releases.models import Release
from releases.reading import release_parts
from releases.reading.metadata import absolute_url

FONT = "Roboto"
# Two faces: each costs a parse and a subset on every drawing (quotes stand out by their
# indent and rule instead of an italic face, which would add about a third to the render time).
FONT_FILES = {"": font_roboto.Roboto, "B": font_roboto.RobotoBold}
INK = (27, 31, 36)
MUTED = (79, 87, 97)
TIMEOUT = release_parts.TIMEOUT
BLOCK = re.compile(r"<(p|li|h[1-6]|blockquote)\b[^>]*>(.*?)</\1>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def url(release):
    return reverse("releases:release_pdf", kwargs={"slug": release.slug})


def filename(release):
    return f"{release.slug}.pdf"


def load(pk):
    """A release with everything its PDF prints (the page's own query)."""
    return release_parts.release_page_queryset().get(pk=pk)


def _hex(colour):
    colour = (colour or "#1d3557").lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def paragraphs(body_html):
    """The text blocks of a run of body HTML, as (kind, text): kind "p", "li" or "h"."""
    found = []
    for match in BLOCK.finditer(body_html):
        tag, inner = match.group(1).lower(), match.group(2)
        if tag == "blockquote":
            continue  # its <p>s are found on their own
        text = html.unescape(TAG.sub("", BREAK.sub("\n", inner))).strip()
        if text:
            found.append(("h" if tag.startswith("h") else tag, text))
    return found


def _when(moment):
    return dateformat.format(timezone.localtime(moment), "F j, Y, g:i A T") if moment else ""


class Letterhead(FPDF):
    def __init__(self, release, site, permalink):
        super().__init__(format="Letter", unit="mm")
        self.release, self.site, self.permalink = release, site, permalink
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=22)
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style=style, fname=path)
        self.set_title(release.title)
        self.set_author(release.issuer.name)
        self.set_creator(site.name)
        self.set_lang("en")
        # Fixed by the release, not the clock: the same release gives the same bytes.
        self.set_creation_date(release.updated_at or release.display_date or release.modified_at)

    def footer(self):
        self.set_y(-15)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.permalink}    ·    Page {self.page_no()} of {{nb}}", align="C")

    def line_of(self, text, size=10, style="", colour=INK, height=None, align="L"):
        self.set_font(FONT, style=style, size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, height or size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _logo_file(release):
    """The issuer's logo rendition (240 px), else the release's own press-kit logo (its smallest
    rendition), or None."""
    logo, alias = release.issuer.logo, "logo"
    if not logo:
        kit_logo = next((a for a in release.assets.all() if a.kind == a.Kind.LOGO and a.is_image), None)
        logo, alias = (kit_logo.file, "small") if kit_logo else (None, None)
    if not logo or not renditions.ensure(logo):
        return None
    try:
        with logo.storage.open(renditions.rendition_name(logo, alias), "rb") as file:
            return file.read()
    except OSError:
        return None


def _letterhead(pdf, release, site):
    accent = _hex(site.accent_colour)
    top = pdf.get_y()
    text_x = pdf.l_margin
    logo = _logo_file(release)
    if logo:
        try:
            pdf.image(io.BytesIO(logo), x=pdf.l_margin, y=top, h=16, keep_aspect_ratio=True)
            text_x = pdf.l_margin + 20
        except Exception:  # a logo fpdf2 cannot read is left out, never a failed PDF
            text_x = pdf.l_margin
    pdf.set_xy(text_x, top + 1)
    pdf.set_font(FONT, style="B", size=15)
    pdf.set_text_color(*accent)
    pdf.multi_cell(pdf.epw - (text_x - pdf.l_margin), 7, release.issuer.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    details = " · ".join(part for part in (release.issuer.location, release.issuer.website) if part)
    if details:
        pdf.set_x(text_x)
        pdf.set_font(FONT, size=8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(pdf.epw - (text_x - pdf.l_margin), 4.5, details, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), top + 17) + 2)
    pdf.set_draw_color(*accent)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(5)


def release_line(release):
    """ "FOR IMMEDIATE RELEASE", or the embargo, draft or withdrawal line."""
    state = release.state
    if state == Release.State.SCHEDULED:
        return f"EMBARGOED UNTIL {times.newsroom_time(release.publish_at).upper()}"
    if state == Release.State.WITHDRAWN:
        return f"WITHDRAWN {times.newsroom_time(release.withdrawn_at).upper()}: {release.withdrawal_reason}"
    if state in (Release.State.DRAFT, Release.State.REVIEW):
        return "DRAFT — NOT FOR PUBLICATION"
    return "FOR IMMEDIATE RELEASE"


def _contacts(pdf, contacts):
    if not contacts:
        return
    pdf.line_of("Press contact" + ("s" if len(contacts) > 1 else ""), size=8.5, style="B", colour=MUTED)
    for contact in contacts:
        who = ", ".join(part for part in (contact.name, contact.role) if part)
        if contact.organization_id:
            who += f" ({contact.organization.name})" if contact.organization.name not in who else ""
        reach = "   ".join(part for part in (contact.phone, contact.email) if part)
        pdf.line_of(who, size=9.5, style="B", height=4.8)
        if reach:
            pdf.line_of(reach, size=9.5, height=4.8)
        if contact.hours:
            pdf.line_of(contact.hours, size=8.5, colour=MUTED, height=4.4)
    pdf.ln(2)


def _quote(pdf, quote):
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin + 8)
    pdf.set_font(FONT, size=11)
    pdf.set_text_color(*INK)
    pdf.multi_cell(pdf.epw - 8, 5.8, f"“{quote.text}”", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    source = quote.source_name
    if quote.speaker_title:
        source += f", {quote.speaker_title}"
    if quote.speaker_organization_id:
        source += f", {quote.speaker_organization.name}"
    pdf.set_x(pdf.l_margin + 8)
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(pdf.epw - 8, 5, f"— {source}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if pdf.get_y() > top:  # the rule beside it (a quote that ran onto a new page has none)
        pdf.set_draw_color(*MUTED)
        pdf.set_line_width(0.6)
        pdf.line(pdf.l_margin + 3, top + 0.8, pdf.l_margin + 3, pdf.get_y() - 0.8)
    pdf.ln(3)


def _body(pdf, release, quotes):
    dateline = release.dateline.upper() if release.dateline else ""
    first = True
    for html_part, quote in release.body_segments(quotes):
        if quote is not None:
            _quote(pdf, quote)
            continue
        for kind, text in paragraphs(html_part):
            if kind == "h":
                pdf.line_of(text, size=11.5, style="B", height=6)
                pdf.ln(1)
                continue
            if kind == "li":
                text = f"•  {text}"
            if first and dateline:
                pdf.set_font(FONT, style="B", size=11)
                pdf.set_text_color(*INK)
                pdf.write(5.8, f"{dateline} — ")
                pdf.set_font(FONT, size=11)
                pdf.write(5.8, text)
                pdf.ln(5.8)
            else:
                pdf.line_of(text, size=11, height=5.8)
            first = False
            pdf.ln(2.5)


def render(release, site=None):
    """The PDF's bytes, for a release loaded with `load()` (no further query but the logo's file)."""
    from releases.reading import site as site_settings

    site = site or site_settings.current()
    permalink = absolute_url(release.get_absolute_url())
    pdf = Letterhead(release, site, permalink)
    pdf.alias_nb_pages()
    pdf.add_page()
    _letterhead(pdf, release, site)
    pdf.line_of(release_line(release), size=10, style="B", height=5)
    if release.display_date:
        pdf.line_of(f"Issued {_when(release.display_date)}", size=9.5, colour=MUTED, height=5)
    if release.updated_at:
        pdf.line_of(f"Updated {_when(release.updated_at)}", size=9.5, colour=MUTED, height=5)
    pdf.ln(3)
    _contacts(pdf, release.contacts_shown(site.press_office))
    pdf.ln(2)
    pdf.line_of(release.title, size=18, style="B", height=8.5)
    if release.subtitle:
        pdf.ln(1)
        pdf.line_of(release.subtitle, size=12.5, colour=MUTED, height=6.2)
    pdf.ln(5)
    _body(pdf, release, list(release.quotes.all()))
    signatories = [s.organization.name for s in release.signatories.all()]
    if signatories or release.unnamed_signatory_count:
        text = ", ".join(signatories)
        if release.unnamed_signatory_count:
            text += f"{' and ' if text else ''}{release.unnamed_signatory_count} more"
        pdf.line_of("Signed by", size=11, style="B", height=6)
        pdf.line_of(text, size=10, height=5.2)
        pdf.ln(3)
    if release.issuer.about:
        pdf.line_of(f"About {release.issuer.name}", size=11, style="B", height=6)
        pdf.line_of(release.issuer.about, size=10, height=5.2)
        pdf.ln(3)
    pdf.ln(2)
    pdf.line_of("###", size=11, style="B", align="C", height=6)
    pdf.ln(4)
    pdf.line_of("This release:", size=8, colour=MUTED, height=4.2)
    pdf.line_of(permalink, size=8, colour=INK, height=4.2)
    pdf.link(pdf.l_margin, pdf.get_y() - 4.2, pdf.epw, 4.2, permalink)
    if release.source_url:
        pdf.line_of("Originally published at:", size=8, colour=MUTED, height=4.2)
        pdf.line_of(release.source_url, size=8, colour=MUTED, height=4.2)
    return bytes(pdf.output())


def cache_key(release, site_stamp):
    return "release-pdf:" + release_parts.cache_key(release, site_stamp)


def pdf_bytes(release, site):
    """The PDF of `release` (any loading of it): from the cache while readers may see it."""
    key = cache_key(release, site.stamp) if release.state in Release.READER_VISIBLE else None
    found = cache.get(key) if key else None
    if found is None:
        found = render(load(release.pk), site)
        if key:
            cache.set(key, found, TIMEOUT)
    return found
