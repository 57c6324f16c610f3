"""Demo content: the sample release in full, plus clearly fictional releases in every state.

The sample (shared/samples/over-60-groups-tell-obama-administration.txt) is
loaded exactly as printed. Where it names nothing (the second speaker's
organization, the media contact, the date), the data leaves the field blank or
says in `archive_note` that the value is the demo's choice.
"""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.core.files.base import ContentFile
from django.db import transaction
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
    SiteSettings,
    Topic,
)
from releases.models.licences import Licence
from releases.sample_data.illustration import illustrate, logo_png, press_photo_jpeg

SAMPLE_SLUG = "over-60-groups-tell-obama-administration-to-end-controversial-deportation-program"
FICTION_NOTE = "Demo content: this release, its organizations and its people are fictional."
FICTION_ABOUT = "A fictional organization, part of Pressroom's demo content."

UWD_ABOUT = (
    "United We Dream is the largest immigrant youth-led organization in the nation, a powerful nonpartisan "
    "network made up of 55 local groups in 26 states. UWD organizes and advocates for the dignity and fair "
    "treatment of immigrant youth and families, regardless of immigration status. We seek to address the "
    "inequities and obstacles faced by immigrant youth and believe that by empowering immigrant youth, we can "
    "advance the cause of the entire community—justice for all immigrants. You can find more about UWD online "
    "at www.unitedwedream.org"
)

SAMPLE_BODY = """\
Today, officials at the Immigration and Customs Enforcement (ICE) Agency are meeting to review the 32 contracts \
that they hold with state and local governments to deputize local law enforcement officers to act as immigration \
agents in jails as well as a proposal to add 6 new contracts. A coalition of 63 organizations have sent a letter \
to Jeh Johnson, Secretary of the Department of Homeland Security and Sarah Saldaña, Director of ICE, demanding \
that the Obama Administration terminate the program immediately.

[[quote 1]]

[[quote 2]]

In the letter, the groups state that:

[[quote 3]]
"""

SAMPLE_QUOTES = [
    {
        "speaker": "Zenen Jaimez Perez",
        "title": "Policy & Advocacy Analyst",
        "organization": "United We Dream",
        "text": "While the Obama Administration has made headlines with their calls for better community policing "
        "and against racial profiling, they continue pushing the 287(g) program on local governments even though "
        "it has been proven to be a cause of racially motivated bias and has eroded community trust in police.",
    },
    {
        # The release gives his title but no organization: left blank, not guessed.
        "speaker": "Raul Alcaraz Ochoa",
        "title": "Deportation Defense Organizer",
        "organization": None,
        "text": "Immigrant youth and families have ended up racially profiled, locked up, abused and deported "
        "because of the 287(g) program and we are calling on our local governments to ditch these dangerous "
        "contracts. We are fighting for the day when our communities can live without fear of the police.",
    },
    {
        "attribution": "The coalition’s letter to DHS and ICE",
        "text": "The 287(g) program harms community trust in police and all residents’ right to unbiased law "
        "enforcement. It also creates the atmosphere that leads to civil rights violations and racial profiling "
        "that primarily affect communities of color and immigrants. We urge DHS and ICE to terminate all existing "
        "287(g) agreements and to reject all pending applications immediately.",
    },
]

SAMPLE_SIGNATORIES = [
    "United We Dream",
    "American Civil Liberties Union",
    "National Domestic Workers’ Alliance",
    "National Day Labor Organizing Network",
    "Georgia Latino Alliance for Human Rights",
    "National Center for Transgender Equality",
    "National Immigration Project of the National Lawyer’s Guild",
    "Immigrant Legal Resource Center",
]

SAMPLE_RESOURCES = [
    # The sample prints these titles without their links; the archive keeps them as printed.
    ("blog", "Here’s Why ICE Should Not Renew Contracts That Allow Sheriffs To Become Immigration Agents"),
    ("video", "Houston Without Fear Stands Against 287(g) Program"),
]

# The sample carries no date. The demo's choice, stated on the page through archive_note.
SAMPLE_DATE = datetime(2015, 7, 15, 14, 0, tzinfo=dt_timezone.utc)
SAMPLE_NOTE = (
    "The original release carries no date. The date shown was chosen for Pressroom's demo; the officials it "
    "names held office from 2014 to 2017."
)


# The sample's Spanish translation, made for Pressroom's demo (United We Dream published the release
# in English only): the two versions are one family, each at its own address, read in its language.
SAMPLE_ES = {
    "title": "Más de 60 organizaciones piden al Gobierno de Obama que ponga fin a un polémico programa de deportación",
    "subtitle": "Los llamados del Gobierno a una mejor policía comunitaria suenan huecos mientras impulsa políticas "
    "que causan discriminación racial y deportaciones",
    "dateline": "Washington, DC",
    "body": """\
Hoy, funcionarios de la agencia de Inmigración y Control de Aduanas (ICE) se reúnen para revisar los 32 contratos \
que mantienen con gobiernos estatales y locales para delegar en agentes de policía locales funciones de agentes de \
inmigración en las cárceles, así como una propuesta para añadir 6 contratos nuevos. Una coalición de 63 \
organizaciones ha enviado una carta a Jeh Johnson, secretario del Departamento de Seguridad Nacional, y a Sarah \
Saldaña, directora de ICE, en la que exige que el Gobierno de Obama ponga fin al programa de inmediato.

[[quote 1]]

[[quote 2]]

En la carta, las organizaciones afirman:

[[quote 3]]
""",
    "quotes": [
        "Aunque el Gobierno de Obama ha ocupado titulares con sus llamados a una mejor policía comunitaria y contra "
        "la discriminación racial, sigue imponiendo el programa 287(g) a los gobiernos locales, a pesar de que se ha "
        "demostrado que causa prejuicios por motivos raciales y ha minado la confianza de la comunidad en la policía.",
        "Jóvenes y familias inmigrantes han sido víctimas de perfiles raciales, encarcelados, maltratados y "
        "deportados por culpa del programa 287(g), y pedimos a nuestros gobiernos locales que abandonen estos "
        "peligrosos contratos. Luchamos por el día en que nuestras comunidades puedan vivir sin miedo a la policía.",
        "El programa 287(g) daña la confianza de la comunidad en la policía y el derecho de todos los residentes a "
        "una aplicación imparcial de la ley. También crea el ambiente que conduce a violaciones de los derechos "
        "civiles y a perfiles raciales que afectan sobre todo a las comunidades de color y a los inmigrantes. "
        "Instamos al DHS y a ICE a poner fin a todos los acuerdos 287(g) vigentes y a rechazar de inmediato todas "
        "las solicitudes pendientes.",
    ],
    "attribution": "La carta de la coalición al DHS y a ICE",
    "archive_note": "Traducción al español hecha para la demostración de Pressroom: United We Dream publicó este "
    "comunicado solo en inglés. El comunicado original no lleva fecha; la fecha que se muestra la eligió la "
    "demostración.",
}


def _organization(name, **defaults):
    org = Organization.objects.filter(name__iexact=name).first()
    if org:
        return org
    slug = base = slugify(name)[:190]
    n = 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return Organization.objects.create(name=name, slug=slug, **defaults)


def _person(name, **defaults):
    person, _ = Person.objects.get_or_create(slug=slugify(name), defaults={"name": name, **defaults})
    return person


def _topic(name):
    topic = Topic.objects.filter(name__iexact=name).first()
    return topic or Topic.objects.create(name=name, slug=slugify(name.replace("(", "").replace(")", "")))


def load_sample():
    uwd = _organization(
        "United We Dream", about=UWD_ABOUT, website="https://unitedwedream.org", location="Washington, DC"
    )
    release = Release(
        title="Over 60 Groups Tell Obama Administration to End Controversial Deportation Program",
        slug=SAMPLE_SLUG,
        subtitle="Administration’s Calls for Better Community Policing Ring Hollow as they Push Policies Which "
        "Cause Racial Profiling & Deportations",
        dateline="Washington, DC",
        body=SAMPLE_BODY,
        issuer=uwd,
        source_url="http://unitedwedream.org/press-releases/"
        "over-60-groups-tell-obama-administration-to-end-controversial-deportation-program/",
        archive_note=SAMPLE_NOTE,
        unnamed_signatory_count=57,
        featured=True,
        first_published_at=SAMPLE_DATE,
    )
    publishing.save_release(release)
    release.topics.set([_topic("287(g)"), _topic("Deportation defense"), _topic("Racial profiling")])
    for position, q in enumerate(SAMPLE_QUOTES, start=1):
        if "speaker" in q:
            org = _organization(q["organization"]) if q["organization"] else None
            speaker = _person(q["speaker"], title=q["title"], organization=org)
            Quote.objects.create(
                release=release,
                position=position,
                text=q["text"],
                speaker=speaker,
                speaker_title=q["title"],
                speaker_organization=org,
            )
        else:
            Quote.objects.create(release=release, position=position, text=q["text"], attribution=q["attribution"])
    for position, name in enumerate(SAMPLE_SIGNATORIES, start=1):
        Signatory.objects.create(release=release, organization=_organization(name), position=position)
    for position, (kind, title) in enumerate(SAMPLE_RESOURCES, start=1):
        RelatedResource.objects.create(release=release, position=position, kind=kind, title=title)
    publishing.publish(release, at=SAMPLE_DATE)  # its source_url answers 301 from now on
    load_sample_press_kit(release)
    return release


def load_sample_press_kit(release):
    """The sample's press kit: a photo and a logo, both drawn for the demo (not the organization's own)."""
    Asset.objects.create(
        release=release,
        position=1,
        kind=Asset.Kind.IMAGE,
        file=ContentFile(press_photo_jpeg(), name="press-conference.jpg"),
        caption="Speakers at a press conference announcing the coalition’s letter (a drawing made for the demo).",
        credit="Illustration: Pressroom demo content",
        licence=Licence.CC_BY,
    )
    Asset.objects.create(
        release=release,
        position=2,
        kind=Asset.Kind.LOGO,
        file=ContentFile(logo_png("UWD"), name="uwd-logo.png"),
        caption="A stand-in logo drawn for the demo (not United We Dream’s own mark).",
        credit="Pressroom demo content",
        licence=Licence.EDITORIAL,
        licence_terms="For news reporting on this release only; do not alter.",
    )


def load_sample_translation(original):
    """The sample's Spanish translation, made for the demo and saying so, published with it."""
    from releases import translations

    release = translations.create_translation(original, "es")
    for name in ("title", "subtitle", "dateline", "body", "archive_note"):
        setattr(release, name, SAMPLE_ES[name])
    release.slug = "mas-de-60-organizaciones-piden-poner-fin-a-un-polemico-programa-de-deportacion"
    release.first_published_at = SAMPLE_DATE
    publishing.save_release(release)
    for quote, text in zip(release.quotes.all(), SAMPLE_ES["quotes"], strict=True):
        quote.text = text
        if quote.attribution:
            quote.attribution = SAMPLE_ES["attribution"]
        quote.save()
    publishing.publish(release, at=SAMPLE_DATE)
    return release


FICTION = [
    {
        "title": "Harbor City Tenants Win Repairs After Year-Long Rent Strike",
        "subtitle": "Landlord agrees to fix heating in 212 apartments and to freeze rents through next year",
        "dateline": "Harbor City",
        "issuer": "Harbor City Tenants Union",
        "topics": ["Housing"],
        "days_ago": 3,
        "state": "published",
        "body": "Tenants of the Bayview Towers complex reached an agreement today with their landlord after a "
        "rent strike that began last winter, when heating failed in most of the buildings.\n\n[[quote 1]]\n\n"
        "The agreement covers repairs to heating, elevators and fire doors, with an independent inspector "
        "checking the work.",
        "quotes": [
            ("Marisol Ortega", "Chair", "Our neighbours held together through a cold year. This win is theirs.")
        ],
        "signatories": ["Harbor City Tenants Union", "Riverside Legal Aid Clinic"],
        "resources": [("report", "Inspection report on Bayview Towers", "https://example.org/bayview-report")],
        "contacts": [("Marisol Ortega", "Chair", "+1 202 555 0177")],
    },
    {
        "title": "Clean Rivers Coalition Publishes Annual Water Quality Report",
        "subtitle": "Nitrate levels fell in four of the six rivers monitored by volunteers",
        "dateline": "Millbrook",
        "issuer": "Clean Rivers Coalition",
        "topics": ["Environment"],
        "days_ago": 40,
        "state": "published",
        "body": "Volunteers took more than 3,000 samples across six rivers this year. The report, published "
        "today, shows falling nitrate levels in four of them.\n\nThe coalition will present the findings to "
        "the county council next month.",
        "quotes": [
            ("Dev Anand Rao", "Science Lead", "Volunteers did the patient work that turns a worry into evidence.")
        ],
        "signatories": [],
        "illustration": "An illustration: a river between green hills under a pale sky and a low sun.",
        "change_note": "Corrected the number of samples taken, from 2,000 to 3,000.",
        # As first published (version 1), before the correction: its changes page shows the words.
        "first_published_as": ("more than 3,000 samples", "more than 2,000 samples"),
        "resources": [
            ("report", "Annual Water Quality Report", "https://example.org/water-report"),
            ("video", "Sampling day on the Mill River", "https://example.org/sampling-video"),
        ],
    },
    {
        "title": "Statewide Library Week Announced for Next Month",
        "subtitle": "Embargoed: scheduled to publish automatically",
        "dateline": "Capital City",
        "issuer": "Friends of Public Libraries",
        "topics": ["Education"],
        "days_ago": -5,
        "state": "scheduled",
        "body": "Libraries in every county will open late and waive fines during Library Week.",
        "quotes": [],
        "signatories": ["Friends of Public Libraries", "Harbor City Tenants Union"],
        "resources": [],
    },
    {
        "title": "Correction Pending: Transit Fare Figures",
        "subtitle": "Withdrawn from the archive",
        "dateline": "Harbor City",
        "issuer": "Harbor City Tenants Union",
        "topics": ["Housing"],
        "days_ago": 20,
        "state": "withdrawn",
        "body": "This release gave fare figures that turned out to be wrong.",
        "quotes": [],
        "signatories": [],
        "resources": [],
    },
    {
        "title": "Draft: Spring Volunteer Drive",
        "subtitle": "Not yet published",
        "dateline": "Millbrook",
        "issuer": "Clean Rivers Coalition",
        "topics": ["Environment"],
        "days_ago": 0,
        "state": "draft",
        "body": "We are looking for volunteers to sample rivers this spring.",
        "quotes": [],
        "signatories": [],
        "resources": [],
    },
]


def _press_office(org):
    """A fictional press office for a fictional organization (555-01xx numbers are reserved for fiction)."""
    if org.press_office_id is None:
        org.press_office = Contact.objects.create(
            name="Press office",
            role="Fictional, for the demo",
            organization=org,
            email=f"press@{org.slug}.example.org",
            phone=f"+1 202 555 01{10 + org.pk % 90:02d}",
            languages=["en"],
        )
        org.save()
    return org


def load_site_settings():
    """The demo newsroom: its own (fictional) press office, shown on releases that name no contact."""
    office = Contact.objects.create(
        name="Alex Rivera",
        role="Press officer (fictional demo contact)",
        email="press@example.org",
        phone="+1 202 555 0143",
        languages=["en", "es"],
        hours="Mon–Fri, 9:00–18:00 Eastern",
    )
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings.defaults()
    site.description = site.description or (
        "A permanent archive of press releases: read them, cite them, and follow them by organization, topic or date."
    )
    site.press_office = site.press_office or office
    site.save()
    return site


def load_fiction():
    now = timezone.now().replace(second=0, microsecond=0)
    made = []
    for item in FICTION:
        issuer = _press_office(_organization(item["issuer"], about=FICTION_ABOUT))
        release = Release(
            title=item["title"],
            slug=slugify(item["title"])[:200],
            subtitle=item["subtitle"],
            dateline=item["dateline"],
            body=item["body"].replace(*item.get("first_published_as", ("", ""))),
            issuer=issuer,
            archive_note=FICTION_NOTE,
        )
        publishing.save_release(release)
        release.topics.set([_topic(name) for name in item["topics"]])
        for position, (name, title, text) in enumerate(item["quotes"], start=1):
            speaker = _person(name, title=title, organization=issuer)
            Quote.objects.create(
                release=release,
                position=position,
                text=text,
                speaker=speaker,
                speaker_title=title,
                speaker_organization=issuer,
            )
        for position, name in enumerate(item["signatories"], start=1):
            Signatory.objects.create(
                release=release, organization=_organization(name, about=FICTION_ABOUT), position=position
            )
        for position, (kind, title, url) in enumerate(item["resources"], start=1):
            RelatedResource.objects.create(release=release, position=position, kind=kind, title=title, url=url)
        for position, (name, role, phone) in enumerate(item.get("contacts", []), start=1):
            contact = Contact.objects.create(
                name=name, role=role, organization=issuer, phone=phone, email=f"{slugify(name)}@example.org"
            )
            ReleaseContact.objects.create(release=release, contact=contact, position=position)
        if item.get("illustration"):
            illustrate(release, item["illustration"])
        at = now - timedelta(days=item["days_ago"])
        if item["state"] in ("published", "scheduled", "withdrawn"):
            publishing.publish(release, at=at)
        if item.get("change_note"):
            release.body = item["body"]  # the correction: the first version keeps the words it replaces
            publishing.save_release(release)
            publishing.record_major_edit(release, item["change_note"], at=at + timedelta(days=2))
        if item["state"] == "withdrawn":
            publishing.withdraw(release, "The fare figures in this release were wrong. A corrected release follows.")
        made.append(release)
    return made


@transaction.atomic
def load_all():
    """Load the demo archive. Safe to call only on an empty archive."""
    load_site_settings()
    sample = load_sample()
    releases = [sample, load_sample_translation(sample), *load_fiction()]
    load_organization_kit(Organization.objects.get(name="Clean Rivers Coalition"))
    return releases


def load_organization_kit(org):
    """A fictional organization's own kit: its logo, drawn for the demo."""
    Asset.objects.create(
        organization=org,
        kind=Asset.Kind.LOGO,
        file=ContentFile(logo_png("CRC", colour=(30, 92, 64)), name=f"{org.slug}-logo.png"),
        caption=f"The logo of {org.name} (fictional, drawn for the demo).",
        credit=org.name,
        licence=Licence.EDITORIAL,
    )
