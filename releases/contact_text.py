"""Press contacts read from free text ("Jane Doe, Acme, +1 202 555 0143, jane@acme.org").

Used by the migration that turned the release's old free-text `media_contact`
into Contacts (0010), and by anything that imports a contact block as written.
The reading itself is the release parser's (releases.importers.text.contacts).
When the text is not read with certainty, the original text is kept in the
contact's `details`, so nothing typed is lost.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from releases.importers.text import contacts as parser
from releases.models.contacts import validate_phone

UNNAMED = "Media contact"
SEPARATOR = re.compile(r"\s+[·•|]\s+")


@dataclass
class ContactText:
    name: str
    role: str = ""
    organization: str = ""  # as printed; matched to an Organization by the caller
    email: str = ""
    phone: str = ""
    details: str = ""  # the original text, when the reading is unsure

    @property
    def sure(self):
        return not self.details


def _valid_phone(phone):
    if not phone:
        return ""
    try:
        validate_phone(phone)
    except ValidationError:
        return None
    return phone


def read(text):
    """[ContactText, ...] from free text; [] for blank text."""
    text = (text or "").strip()
    if not text:
        return []
    # " · " separates a contact's parts on one line, as the parser's as_text() writes them.
    lines = [SEPARATOR.sub(", ", line).strip(" ,") for line in text.splitlines()]
    label, rest = parser.label_of(lines[0])
    if label:
        lines = [rest, *lines[1:]]
    found = parser.parse(lines, label)
    emails = set(parser.EMAIL.findall(text))
    phones = set(parser.phones_in(parser.EMAIL.sub(" ", text)))
    accounted = {c.email for c in found} | {c.phone for c in found}
    phones_ok = all(_valid_phone(c.phone) is not None for c in found)
    sure = (
        bool(found)
        and all(c.name and (c.email or c.phone) for c in found)
        and emails | phones <= accounted
        and phones_ok
        and all(len(value or "") <= 200 for c in found for value in (c.name, c.title, c.organization))
    )
    if not sure:
        # One contact holding the text as written, with whatever could be read from it.
        first = found[0] if found else parser.Contact()
        name = first.name or first.organization or first.title or UNNAMED
        return [
            ContactText(
                name=name[:200],
                email=(first.email or "")[:254],
                phone=_valid_phone(first.phone) or "",
                details=text,
            )
        ]
    return [
        ContactText(
            name=c.name,
            role=c.title or "",
            organization=c.organization or "",
            email=c.email or "",
            phone=c.phone or "",
        )
        for c in found
    ]


def attach(release, text):
    """Name the contacts read from `text` on a saved release, in place of those it named.
    A contact with the same name, organization, email and phone is reused, not made twice."""
    from releases.models import Contact, Organization, ReleaseContact, match_key

    release.release_contacts.all().delete()
    named = []
    for found in read(text):
        org = None
        if found.organization:
            org = Organization.objects.filter(name_key=match_key(found.organization)).first()
        fields = {
            "name": found.name,
            "organization": org or release.issuer,
            "email": found.email,
            "phone": found.phone,
        }
        contact = Contact.objects.filter(**fields, details=found.details).first()
        if contact is None:
            contact = Contact.objects.create(**fields, role=found.role, details=found.details)
        if contact not in named:
            named.append(contact)
    for position, contact in enumerate(named, start=1):
        ReleaseContact.objects.create(release=release, contact=contact, position=position)
    return named
