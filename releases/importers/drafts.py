"""A reviewed parse saved as a draft release, with its quotes, signatories, resources, About and contacts.

This is the only place an import creates people and organizations, and it does
so in one transaction: a refused save leaves nothing behind. The admin's "New
release from text" and manage.py import_releases both save through it, and the
WordPress import attaches the parts the parser finds in a post (attach_parts).

`Draft` holds what a person reviewed (or the parse as it came, for the command);
`draft_from_parse()` makes one from a ParsedRelease.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from releases import contact_text, permalinks, publishing
from releases.importers import matching
from releases.models import Organization, Person, Quote, RelatedResource, Release, Signatory, languages
from releases.models.validators import not_a_year

KINDS = {choice for choice, _ in RelatedResource.Kind.choices}


@dataclass
class Draft:
    title: str
    issuer: str  # an organization's name, matched or new
    subtitle: str = ""
    dateline: str = ""
    date: datetime.date = None
    body: str = ""
    quotes: list = field(default_factory=list)  # {"text", "speaker", "title", "organization", "attribution"}
    signatories: list = field(default_factory=list)  # organization names
    individual_signatories: list = field(default_factory=list)  # {"name", "affiliation"}
    unnamed_signatory_count: int = 0
    resources: list = field(default_factory=list)  # {"kind", "title", "url"}
    boilerplates: list = field(default_factory=list)  # {"organization", "text"}
    media_contact: str = ""
    source_url: str = ""
    language: str = ""  # as the parser read it ("en", "es"); "" leaves the release's


def draft_from_parse(parsed, issuer=None):
    """The parse as a Draft; the issuer is the one given, else the first About's organization."""
    return Draft(
        title=parsed.title,
        issuer=issuer or parsed.issuer or "",
        subtitle=parsed.subtitle or "",
        dateline=parsed.dateline or "",
        date=parsed.date,
        body=parsed.body,
        quotes=[
            {
                "text": q.text,
                "speaker": q.speaker or "",
                "title": q.title or "",
                "organization": q.organization or "",
                "attribution": q.attribution or ("" if q.speaker else q.attribution_as_printed or ""),
            }
            for q in parsed.quotes
        ],  # fmt: skip
        signatories=list(parsed.signatories),
        individual_signatories=list(parsed.individual_signatories),
        unnamed_signatory_count=parsed.unnamed_signatory_count,
        language=getattr(parsed, "language", "") or "",
        resources=[{"kind": r.kind, "title": r.title, "url": r.url} for r in parsed.related_resources],
        boilerplates=[{"organization": b.organization, "text": b.text} for b in parsed.boilerplates],
        media_contact="\n".join(c.as_text() for c in parsed.contacts),
        source_url=parsed.source_url or "",
    )


def names_in(draft):
    """(organization names, people's names) the draft mentions, for matching."""
    orgs = [draft.issuer, *draft.signatories, *(b["organization"] for b in draft.boilerplates)]
    orgs += [q["organization"] for q in draft.quotes]
    return [o for o in orgs if o], [q["speaker"] for q in draft.quotes if q.get("speaker")]


@dataclass
class Saved:
    release: Release
    created: list = field(default_factory=list)  # people and organizations made by this save
    notes: list = field(default_factory=list)


@transaction.atomic
def save_draft(draft, release=None):
    """Create (or, given `release`, replace the parts of) a draft release from `draft`."""
    if not draft.title.strip():
        raise ValidationError({"title": "A release needs a title."})
    if not draft.issuer.strip():
        raise ValidationError({"issuer": "Say which organization issues the release."})
    saved = Saved(release=release)
    orgs = _Directory(saved)
    release = release or Release(status=Release.Status.DRAFT, slug=_release_slug(draft.title))
    if release.status != Release.Status.DRAFT:
        raise ValidationError("Only a draft is updated by an import; this release has been published since.")
    release.title = Truncator(draft.title.strip()).chars(300)
    release.subtitle = Truncator(draft.subtitle.strip()).chars(500)
    release.dateline = Truncator(draft.dateline.strip()).chars(120)
    release.body = _body(draft, saved)
    release.issuer = orgs.get(draft.issuer)
    release.unnamed_signatory_count = max(0, int(draft.unnamed_signatory_count or 0))
    language = getattr(draft, "language", "")  # what the text importer read (English or Spanish cues)
    if language in languages.KNOWN and not (release.pk and release.translations.exists()):
        release.language = language
    release.source_url = _url(draft.source_url, saved, "original address")
    if draft.date:
        noon = datetime.datetime.combine(draft.date, datetime.time(12))
        release.first_published_at = timezone.make_aware(noon)  # back-dated to the printed date
    release.full_clean(exclude=["slug"] if release.pk else None)
    publishing.save_release(release)
    _save_parts(release, draft, saved, orgs)
    saved.release = release
    return saved


def attach_parts(release, draft):
    """Replace a saved release's press contacts, quotes, signatories and resources with the
    draft's, and record its About texts (the WordPress import, for a release it publishes itself)."""
    saved = Saved(release=release)
    _save_parts(release, draft, saved, _Directory(saved))
    return saved


def _save_parts(release, draft, saved, orgs):
    contact_text.attach(release, draft.media_contact)  # the press contacts, as contacts the release names
    release.quotes.all().delete()
    release.signatories.all().delete()
    release.resources.all().delete()
    people = matching.people([q["speaker"] for q in draft.quotes if q.get("speaker")])
    for position, q in enumerate(draft.quotes, start=1):
        org = orgs.get(q.get("organization"))
        speaker = None
        if q.get("speaker"):
            speaker = people[q["speaker"].strip()].record or _person(q, org, saved)
            people[q["speaker"].strip()].record = speaker
        attribution = (q.get("attribution") or "").strip() if speaker is None else ""
        if speaker is None and not attribution:
            attribution = "Unattributed"
            saved.notes.append(f"Quote {position} has no speaker or attribution; marked “Unattributed”.")
        Quote.objects.create(
            release=release, position=position, text=q["text"].strip(), speaker=speaker,
            speaker_title=Truncator((q.get("title") or "").strip()).chars(200), speaker_organization=org,
            attribution=Truncator(attribution).chars(300),
        )  # fmt: skip
    signed = set()
    for name in draft.signatories:
        org = orgs.get(name)
        if org is not None and org.pk not in signed:
            signed.add(org.pk)
            Signatory.objects.create(release=release, organization=org, position=len(signed))
    for position, r in enumerate(draft.resources, start=1):
        kind = r.get("kind") if r.get("kind") in KINDS else RelatedResource.Kind.LINK
        url = _url(r.get("url", ""), saved, f"resource {position}")
        RelatedResource.objects.create(
            release=release, position=position, kind=kind, title=Truncator(r["title"].strip()).chars(300), url=url
        )
    for about in draft.boilerplates:
        org = orgs.get(about["organization"])
        if org is not None and not org.about.strip():
            org.about = about["text"].strip()
            org.save(update_fields=["about", "modified_at"])
        elif org is not None and org.about.strip() != about["text"].strip():
            saved.notes.append(f"{org.name}'s About differs from the one on record; the record's is kept.")


class _Directory:
    """Organizations by printed name: the matched record, or a new one made once."""

    def __init__(self, saved):
        self.saved, self.cache = saved, {}

    def get(self, name):
        name = (name or "").strip()
        if not name:
            return None
        if name not in self.cache:
            record = matching.organizations([name])[name].record
            if record is None:
                record = Organization.objects.create(
                    name=Truncator(name).chars(200), slug=_free_slug(Organization, name)
                )
                self.saved.created.append(record)
            self.cache[name] = record
        return self.cache[name]


def _person(quote, org, saved):
    name = quote["speaker"].strip()
    person = Person.objects.create(
        name=Truncator(name).chars(200),
        slug=_free_slug(Person, name),
        title=Truncator((quote.get("title") or "").strip()).chars(200),
        organization=org,
    )
    saved.created.append(person)
    return person


def _body(draft, saved):
    body = draft.body.strip()
    if draft.individual_signatories:
        lines = [
            f"- {i['name']}" + (f", {i['affiliation']}" if i.get("affiliation") else "")
            for i in draft.individual_signatories
        ]
        body += "\n\n**Individual signatories**\n\n" + "\n".join(lines)
        saved.notes.append("Individual signatories are listed at the end of the text (signatories are organizations).")
    return body + "\n"


def _url(url, saved, what):
    url = (url or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        saved.notes.append(f"The {what} ({url}) is not a web address; left out.")
        return ""
    return url[:500]


def _free_slug(model, name):
    base = slugify(name)[:180].strip("-") or model._meta.model_name
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _release_slug(title):
    base = slugify(title)[:180].strip("-") or "release"
    try:
        not_a_year(base)
    except ValidationError:
        base = f"release-{base}"
    slug, n = base, 1
    while Release.objects.filter(slug=slug).exists() or permalinks.slug_redirect_target(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug
