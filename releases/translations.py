"""Translations of a release: one family, each member in its own language.

A family is an original release and its translations (`Release.translation_of`
points at the original). Each member has its own slug, permalink (in its language's
prefix), title, text and quotes and is published on its own; the shared structure
(issuer, topics, signatories, contacts, press kit, image) is entered once on the
original and copied to a translation when it is created (`create_translation`), and
again on request (`copy_shared_parts`). The admin shows the family side by side
(`overview`) with what each member still lacks.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from releases import publishing
from releases.models import Asset, Quote, RelatedResource, Release, ReleaseContact, Signatory
from releases.models.languages import interface_codes, local_name

# The fields a translation writes in its own words: copied from the original to be translated.
TEXT_FIELDS = ("title", "subtitle", "dateline", "body", "summary", "featured_image_alt")
# What the family shares, entered once (on the original).
SHARED_FIELDS = ("issuer_id", "featured_image", "featured_image_credit", "unnamed_signatory_count")


class TranslationRefused(ValueError):
    """The translation cannot be made; the message says why, for staff."""


def original_of(release):
    return release.translation_of if release.translation_of_id else release


def free_slug(base, language):
    """A slug for the translation: the original's with its language (`…-es`), unique."""
    stem = slugify(f"{base}-{language}")[:190] or language
    slug, number = stem, 2
    while Release.objects.filter(slug=slug).exists():
        slug, number = f"{stem}-{number}", number + 1
    return slug


@transaction.atomic
def create_translation(release, language):
    """A draft translation of the release's original into `language`, linked to its family:
    its text copied to be translated, its quotes copied with the same speakers, and the
    shared parts copied. Refused when the family has that language already."""
    original = original_of(release)
    if language == original.language or original.translations.filter(language=language).exists():
        raise TranslationRefused(f"“{original.title}” already has a version in {local_name(language)}.")
    copy = Release(
        language=language,
        translation_of=original,
        slug=free_slug(original.slug, language),
        body=original.body,
        status=Release.Status.DRAFT,
        **{name: getattr(original, name) for name in TEXT_FIELDS if name != "body"},
        **{name: getattr(original, name) for name in SHARED_FIELDS},
    )
    publishing.save_release(copy)
    copy.topics.set(original.topics.all())
    Quote.objects.bulk_create(
        Quote(
            release=copy,
            position=quote.position,
            text=quote.text,
            speaker_id=quote.speaker_id,
            attribution=quote.attribution,
            speaker_title=quote.speaker_title,
            speaker_organization_id=quote.speaker_organization_id,
        )
        for quote in original.quotes.all()
    )
    _copy_structure(original, copy)
    return copy


def _copy_structure(original, copy):
    Signatory.objects.bulk_create(
        Signatory(release=copy, organization_id=s.organization_id, position=s.position)
        for s in original.signatories.all()
    )
    ReleaseContact.objects.bulk_create(
        ReleaseContact(release=copy, contact_id=c.contact_id, position=c.position)
        for c in original.release_contacts.all()
    )
    RelatedResource.objects.bulk_create(
        RelatedResource(release=copy, position=r.position, kind=r.kind, title=r.title, url=r.url, file=r.file)
        for r in original.resources.all()
    )
    # The press kit: the same stored files, described again for the translation (captions to translate).
    kit_fields = [
        f.name for f in Asset._meta.concrete_fields if f.name not in ("id", "release", "organization", "created_at")
    ]
    Asset.objects.bulk_create(
        Asset(release=copy, **{name: getattr(asset, name) for name in kit_fields}) for asset in original.assets.all()
    )


@transaction.atomic
def copy_shared_parts(translation):
    """Bring the original's shared parts (issuer, topics, signatories, contacts, press kit,
    image) to a translation again, replacing its own. Its text and quotes stay as they are."""
    original = original_of(translation)
    if original.pk == translation.pk:
        raise TranslationRefused("This release is the original: its translations take their shared parts from it.")
    for name in SHARED_FIELDS:
        setattr(translation, name, getattr(original, name))
    publishing.save_release(translation)
    translation.topics.set(original.topics.all())
    translation.signatories.all().delete()
    translation.release_contacts.all().delete()
    translation.resources.all().delete()
    translation.assets.all().delete()  # rows only: the stored files stay (the original's rows name them)
    _copy_structure(original, translation)
    return translation


@dataclass
class Member:
    release: Release
    original: bool
    missing: list = field(default_factory=list)

    @property
    def state_label(self):
        return Release.State(self.release.state).label

    @property
    def language_name(self):
        return local_name(self.release.language)


def overview(release):
    """The family side by side: [Member] (the original first), each with what it still lacks,
    and the interface languages no member is in yet."""
    original = original_of(release)
    family = [original, *original.translations.order_by("language")]
    quote_counts = {r.pk: r.quotes.count() for r in family}
    members = []
    for member in family:
        missing = []
        if member.pk != original.pk:
            untranslated = [
                name
                for name in TEXT_FIELDS
                if getattr(member, name) and getattr(member, name) == getattr(original, name)
            ]
            if untranslated:
                missing.append(
                    "not yet translated: " + ", ".join(Release._meta.get_field(n).verbose_name for n in untranslated)
                )
            same_quotes = Quote.objects.filter(release=member, text__in=original.quotes.values("text")).count()
            if same_quotes:
                missing.append(f"{same_quotes} quote{'s' if same_quotes != 1 else ''} not yet translated")
            if quote_counts[member.pk] != quote_counts[original.pk]:
                missing.append(f"{quote_counts[member.pk]} quotes where the original has {quote_counts[original.pk]}")
        if not member.summary and member.pk == original.pk and any(t.summary for t in family):
            missing.append("no summary")
        members.append(Member(member, member.pk == original.pk, missing))
    present = {m.release.language for m in members}
    absent = [(code, local_name(code)) for code in interface_codes() if code not in present]
    return members, absent


def publish_family_now(release):
    """Publish every member of the family readers have not seen yet, together (an Editor's step).
    Returns the releases published."""
    original = original_of(release)
    published = []
    with transaction.atomic():
        for member in [original, *original.translations.all()]:
            if member.state in Release.UNPUBLISHED:
                publishing.publish_now(member)
                published.append(member)
    return published
