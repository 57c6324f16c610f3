"""What the parser found in a release: a plain dataclass, and the same as a dict for JSON."""

from dataclasses import asdict, dataclass, field


@dataclass
class Contact:
    name: str = None
    title: str = None
    organization: str = None
    email: str = None
    phone: str = None
    label_as_printed: str = None

    def as_text(self):
        """One line per contact, as the release's media contact field stores them."""
        who = ", ".join(p for p in (self.name, self.title, self.organization) if p)
        return " · ".join(p for p in (who, self.phone, self.email) if p)


@dataclass
class Resource:
    title: str
    kind: str = "link"  # as RelatedResource.Kind: blog, video, letter, report, photo, document, link
    url: str = ""


@dataclass
class Boilerplate:
    organization: str
    text: str
    labelled: bool = True  # printed under an "About …" heading


@dataclass
class ParsedRelease:
    """A release as the parser read it. Field names follow the samples' `expected` (see to_expected_dict)."""

    title: str = ""
    subtitle: str = None  # the deck
    dateline: str = None  # the place, wrappers and dashes removed
    dateline_raw: str = None  # as printed
    date: object = None  # datetime.date, when the text prints one
    body: str = ""  # Markdown; each quote's place is "[[quote N]]" on a line of its own
    quotes: list = field(default_factory=list)  # quotes.Quote
    signatories: list = field(default_factory=list)  # organizations, in order
    individual_signatories: list = field(default_factory=list)  # {"name", "affiliation"}
    unnamed_signatory_count: int = 0
    signatory_total_stated: int = None
    boilerplates: list = field(default_factory=list)  # Boilerplate
    contacts: list = field(default_factory=list)  # Contact
    related_resources: list = field(default_factory=list)  # Resource
    end_mark: str = None
    source_url: str = ""
    release_label: str = None  # "FOR IMMEDIATE RELEASE", "EMBARGOED UNTIL …"
    language: str = "en"
    original_text: str = ""  # the text as written, a blank line between paragraphs
    unsure: list = field(default_factory=list)  # what a person should check, in words

    @property
    def about(self):
        return [b.organization for b in self.boilerplates]

    @property
    def issuer(self):
        """The organization whose boilerplate comes first: the usual issuer."""
        return self.boilerplates[0].organization if self.boilerplates else None

    @property
    def contact(self):
        return self.contacts[0] if self.contacts else None

    def to_expected_dict(self):
        """The parse as the samples' `expected` names its fields, plus body, boilerplate texts and notes."""
        quotes = []
        for q in self.quotes:
            item = {
                "text": q.text,
                "speaker": q.speaker,
                "title": q.title,
                "organization": q.organization,
                "attribution": q.attribution,
                "attribution_as_printed": q.attribution_as_printed,
            }
            for flag in ("continuation_of_previous", "multi_paragraph", "title_from_context"):
                if getattr(q, flag):
                    item[flag] = True
            if not q.marked_by_quotation_marks:
                item["marked_by_quotation_marks"] = False
            quotes.append(item)
        contacts = [asdict(c) for c in self.contacts]
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "dateline": self.dateline,
            "dateline_raw": self.dateline_raw,
            "date": self.date.isoformat() if self.date else None,
            "quotes": quotes,
            "signatories": list(self.signatories),
            "individual_signatories": list(self.individual_signatories),
            "unnamed_signatory_count": self.unnamed_signatory_count,
            "signatory_total_stated": self.signatory_total_stated,
            "about": self.about,
            "boilerplates": [asdict(b) for b in self.boilerplates],
            "contact": contacts[0] if contacts else None,
            "contacts": contacts,
            "related_resources": [asdict(r) for r in self.related_resources],
            "end_mark": self.end_mark,
            "source_url": self.source_url or None,
            "release_label": self.release_label,
            "language": self.language,
            "body": self.body,
            "unsure": list(self.unsure),
        }
