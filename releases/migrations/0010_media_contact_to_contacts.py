"""Each release's free-text media contact becomes Contacts that the release names.

The text is read by releases.contact_text (name, role, organization, email,
phone). What is not read with certainty keeps the original text in the
contact's `details`. Identical contacts of one organization are made once and
shared. A contact's organization is the one its text names when the archive
knows it, else the release's issuer.
"""

from django.db import migrations

BATCH = 2000


def forwards(apps, schema_editor):
    from releases import contact_text
    from releases.models.directory import match_key

    Release = apps.get_model("releases", "Release")
    Organization = apps.get_model("releases", "Organization")
    Contact = apps.get_model("releases", "Contact")
    ReleaseContact = apps.get_model("releases", "ReleaseContact")

    readings = {}  # text -> [ContactText]
    made = {}  # (organization id, name, role, email, phone, details) -> contact id
    org_ids = {}  # name key -> organization id or None
    links = []

    def organization_id(name, issuer_id):
        if not name:
            return issuer_id
        key = match_key(name)
        if key not in org_ids:
            org_ids[key] = Organization.objects.filter(name_key=key).values_list("pk", flat=True).first()
        return org_ids[key] or issuer_id

    rows = Release.objects.exclude(media_contact="").values_list("pk", "issuer_id", "media_contact").order_by("pk")
    for release_id, issuer_id, text in rows.iterator(chunk_size=BATCH):
        if text not in readings:
            readings[text] = contact_text.read(text)
        named = []
        for found in readings[text]:
            org_id = organization_id(found.organization, issuer_id)
            key = (org_id, found.name, found.role, found.email, found.phone, found.details)
            if key not in made:
                made[key] = Contact.objects.create(
                    name=found.name,
                    role=found.role,
                    organization_id=org_id,
                    email=found.email,
                    phone=found.phone,
                    details=found.details,
                    languages=[],
                ).pk
            if made[key] not in named:  # the same contact twice in one text: named once
                named.append(made[key])
        for position, contact_id in enumerate(named, start=1):
            links.append(ReleaseContact(release_id=release_id, contact_id=contact_id, position=position))
        if len(links) >= BATCH:
            ReleaseContact.objects.bulk_create(links)
            links = []
    ReleaseContact.objects.bulk_create(links)


def backwards(apps, schema_editor):
    """The text back from the contacts each release names (one line each); the contacts stay."""
    Release = apps.get_model("releases", "Release")
    ReleaseContact = apps.get_model("releases", "ReleaseContact")
    texts = {}
    for link in ReleaseContact.objects.select_related("contact").order_by("release_id", "position"):
        c = link.contact
        line = c.details or " · ".join(p for p in (", ".join(p for p in (c.name, c.role) if p), c.phone, c.email) if p)
        texts.setdefault(link.release_id, []).append(line)
    for release_id, lines in texts.items():
        Release.objects.filter(pk=release_id).update(media_contact="\n".join(lines))
    ReleaseContact.objects.all().delete()  # forwards names them again from the text


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0009_contacts_and_site_settings"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
