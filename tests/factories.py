"""Small factories for tests: each makes a valid object with sensible defaults."""

import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from releases import publishing
from releases.models import (
    Asset,
    Contact,
    Organization,
    Person,
    Quote,
    RelatedResource,
    Release,
    ReleaseContact,
    Signatory,
    Topic,
)

_seq = itertools.count(1)


def now():
    return timezone.now()


def yesterday():
    return timezone.now() - timedelta(days=1)


def tomorrow():
    return timezone.now() + timedelta(days=1)


def organization(name=None, **kwargs):
    name = name or f"Organization {next(_seq)}"
    kwargs.setdefault("slug", slugify(name)[:190] + f"-{next(_seq)}")
    return Organization.objects.create(name=name, **kwargs)


def person(name=None, **kwargs):
    name = name or f"Person {next(_seq)}"
    kwargs.setdefault("slug", slugify(name) + f"-{next(_seq)}")
    return Person.objects.create(name=name, **kwargs)


def topic(name=None, **kwargs):
    name = name or f"Topic {next(_seq)}"
    kwargs.setdefault("slug", slugify(name) + f"-{next(_seq)}")
    return Topic.objects.create(name=name, **kwargs)


def release(title=None, *, state="published", at=None, issuer=None, **kwargs):
    """A release in one of the states: draft, scheduled, published, withdrawn."""
    title = title or f"Release number {next(_seq)}"
    kwargs.setdefault("slug", slugify(title)[:180] + f"-{next(_seq)}")
    kwargs.setdefault("body", f"{title} opening paragraph.\n\nA second paragraph.")
    issuer = issuer or organization()
    if state == "draft":
        kwargs.setdefault("status", Release.Status.DRAFT)
    elif state == "scheduled":
        kwargs.update(status=Release.Status.PUBLISHED, publish_at=at or tomorrow())
    elif state == "published":
        at = at or yesterday()
        kwargs.setdefault("first_published_at", at)
        kwargs.update(status=Release.Status.PUBLISHED, publish_at=at)
    elif state == "withdrawn":
        at = at or yesterday()
        kwargs.update(
            status=Release.Status.WITHDRAWN,
            publish_at=at,
            first_published_at=at,
            withdrawn_at=now(),
            withdrawal_reason=kwargs.pop("withdrawal_reason", "Issued in error."),
        )
    else:
        raise ValueError(state)
    return publishing.save_release(Release(title=title, issuer=issuer, **kwargs))


def quote(release, text="Words worth quoting.", speaker=None, **kwargs):
    if speaker is None and not kwargs.get("attribution"):
        speaker = person()
    kwargs.setdefault("position", release.quotes.count() + 1)
    return Quote.objects.create(release=release, text=text, speaker=speaker, **kwargs)


def signatory(release, org=None, **kwargs):
    kwargs.setdefault("position", release.signatories.count() + 1)
    return Signatory.objects.create(release=release, organization=org or organization(), **kwargs)


def resource(release, title="A related resource", kind="blog", **kwargs):
    kwargs.setdefault("position", release.resources.count() + 1)
    kwargs.setdefault("url", "https://example.org/resource")
    return RelatedResource.objects.create(release=release, title=title, kind=kind, **kwargs)


def draft_with_text(title, state="draft", **kwargs):
    """A hidden release whose title, deck, body and quote are all recognisable."""
    made = release(
        title,
        state=state,
        subtitle=f"Deck of {title}",
        body=f"Body of {title}, never for readers.",
        **kwargs,
    )
    quote(made, text=f"Quote from {title}")
    return made


def contact(name=None, **kwargs):
    kwargs.setdefault("phone", "+1 202 555 0143")
    kwargs.setdefault("email", f"contact{next(_seq)}@example.org")
    return Contact.objects.create(name=name or f"Contact {next(_seq)}", **kwargs)


def release_contact(release, contact_obj=None, **kwargs):
    kwargs.setdefault("position", release.release_contacts.count() + 1)
    return ReleaseContact.objects.create(release=release, contact=contact_obj or contact(), **kwargs)


def png_bytes(width=1200, height=800, colour=(40, 90, 140)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def asset(release=None, *, organization=None, name="photo.png", content=None, kind=Asset.Kind.IMAGE, **kwargs):
    """A press-kit file of a release (or of `organization`), stored as an upload would be."""
    kwargs.setdefault("caption", f"Caption of {name}")
    kwargs.setdefault("credit", "Photo: A. Photographer")
    if content is None:
        content = png_bytes() if name.endswith(".png") else b"%PDF-1.4\n% a document\n"
    owner = {"release": release} if release is not None else {"organization": organization}
    kwargs.setdefault("position", Asset.objects.filter(**owner).count() + 1)
    return Asset.objects.create(kind=kind, file=ContentFile(content, name=name), **owner, **kwargs)
